//! The plan's indicator table (`[[indicators]]`): each document row, how its period value
//! relates to its yearly ones, and which model quantity it is compared with; and the
//! milestones (`[[milestones]]`) whose probabilities `run` reports.

use serde::Serialize;

/// How a row's period value relates to its yearly values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodIs {
    /// The compound average of the yearly rates (growth rates).
    Average,
    /// The sum of the yearly amounts (five-year totals).
    Sum,
    /// The end-year value ("năm cuối kỳ").
    End,
    /// Not comparable (e.g. a ratio of sums).
    None,
}

/// A model quantity an indicator is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Real GRDP growth.
    Growth,
    /// GRDP at current prices, k-bn VND.
    GrdpNominal,
    /// GRDP per capita, million VND.
    GrdpPerCapita,
    /// GRDP per capita, USD.
    GrdpPerCapitaUsd,
    /// GRDP, bn USD.
    GrdpUsdBn,
    /// Labour productivity, million VND per worker (current prices).
    LabourProductivity,
    /// Real labour-productivity growth, (1+g)·L_{t−1}/L_t − 1.
    LabourProductivityGrowth,
    /// Total investment, k-bn VND.
    Investment,
    /// Investment / GRDP.
    InvestmentRatio,
    /// Employment, thousand.
    Employment,
    /// Population, thousand.
    Population,
    /// TFP share of growth.
    TfpShare,
    /// `amount` / GRDP at current prices.
    ShareOfGrdp,
}

impl Quantity {
    /// Every quantity by its name in scenario files.
    pub const ALL: [(&'static str, Quantity); 13] = [
        ("growth", Quantity::Growth),
        ("grdp_nominal", Quantity::GrdpNominal),
        ("grdp_per_capita", Quantity::GrdpPerCapita),
        ("grdp_per_capita_usd", Quantity::GrdpPerCapitaUsd),
        ("grdp_usd_bn", Quantity::GrdpUsdBn),
        ("labour_productivity", Quantity::LabourProductivity),
        (
            "labour_productivity_growth",
            Quantity::LabourProductivityGrowth,
        ),
        ("investment", Quantity::Investment),
        ("investment_ratio", Quantity::InvestmentRatio),
        ("employment", Quantity::Employment),
        ("population", Quantity::Population),
        ("tfp_share", Quantity::TfpShare),
        ("share_of_grdp", Quantity::ShareOfGrdp),
    ];

    /// Whether it is a rate (compared in points) rather than a level (compared relatively).
    pub fn is_rate(self) -> bool {
        matches!(
            self,
            Quantity::Growth
                | Quantity::LabourProductivityGrowth
                | Quantity::InvestmentRatio
                | Quantity::TfpShare
                | Quantity::ShareOfGrdp
        )
    }
}

/// One checked row of the plan's indicator table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Identifier.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Unit as printed.
    pub unit: String,
    /// The document's value per projection year (rates as fractions).
    pub target: Vec<f64>,
    /// The document's period value.
    pub period: Option<f64>,
    /// How the period value relates to the yearly ones.
    pub period_is: PeriodIs,
    /// The model quantity it is compared with.
    pub model: Option<Quantity>,
    /// Amount per year for `share_of_grdp`, k-bn VND.
    pub amount: Option<Vec<f64>>,
    /// Where the numbers come from.
    pub citation: String,
}

/// What a milestone measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneQuantity {
    /// Compound average real growth from `from` to the milestone's year.
    GrowthAverage,
    /// TFP share of growth from `from` to the milestone's year: Σ ln(1+g_A) / Σ ln(1+g).
    TfpShare,
    /// GRDP in the year, bn USD.
    GrdpUsdBn,
    /// GRDP per capita in the year, USD.
    GrdpPerCapitaUsd,
}

impl MilestoneQuantity {
    /// Every quantity by its name in scenario files.
    pub const ALL: [(&'static str, MilestoneQuantity); 4] = [
        ("growth_average", MilestoneQuantity::GrowthAverage),
        ("tfp_share", MilestoneQuantity::TfpShare),
        ("grdp_usd_bn", MilestoneQuantity::GrdpUsdBn),
        ("grdp_per_capita_usd", MilestoneQuantity::GrdpPerCapitaUsd),
    ];
}

/// A milestone, checked: reached on a path when its quantity is at least `threshold`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// Identifier.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Calendar year.
    pub year: i32,
    /// Projection-year index of `year`.
    pub t: usize,
    /// What it measures.
    pub quantity: MilestoneQuantity,
    /// First projection-year index of the span (`growth_average`, `tfp_share`; 0 otherwise).
    pub from_t: usize,
    /// The threshold.
    pub threshold: f64,
    /// Where it comes from.
    pub citation: String,
}
