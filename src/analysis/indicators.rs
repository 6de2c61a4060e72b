//! The plan's indicator table (`grdpsim indicators`): every `[[indicators]]` row of the
//! documents beside the model's value where the model computes it, and flags where the
//! documents' own numbers disagree: a period value that does not follow from the yearly ones,
//! or a yearly target the plan's other figures (growth, employment, prices, exchange rate)
//! do not give. Rates as fractions; deviations relative for levels, in points for rates.

use crate::model::{self, ModelError, Projection};
use crate::scenario::Scenario;
use crate::scenario::indicators::{Indicator, PeriodIs, Quantity};

/// A rate deviation (points, as a fraction) beyond which a row is flagged.
pub const RATE_TOLERANCE: f64 = 0.001;
/// A relative deviation beyond which a level is flagged.
pub const LEVEL_TOLERANCE: f64 = 0.005;

/// One year of a row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IndicatorYear {
    /// Calendar year.
    pub year: i32,
    /// The document's value.
    pub target: f64,
    /// The model's value, where it computes one.
    pub model: Option<f64>,
    /// Model − target: relative for levels, points for rates.
    pub deviation: Option<f64>,
    /// Share of simulated paths whose value is at least the target (with `--paths`, on a
    /// scenario with uncertainty, for rows the model computes).
    pub prob_met: Option<f64>,
}

/// One row with its checks.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IndicatorRow {
    /// Identifier.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Unit as printed.
    pub unit: String,
    /// Whether it is a rate (a fraction; deviations in points) rather than a level.
    pub rate: bool,
    /// Per year.
    pub years: Vec<IndicatorYear>,
    /// The document's period value.
    pub period: Option<f64>,
    /// What the yearly values give for the period (compound average, sum or end value).
    pub period_from_years: Option<f64>,
    /// Share of simulated paths whose period value (compound average, sum or end value of
    /// the path's yearly values) is at least the document's period value.
    pub prob_met_period: Option<f64>,
    /// The codes of what is flagged: `period_inconsistent`, `model_differs`.
    pub flags: Vec<String>,
    /// Where the numbers come from.
    pub citation: String,
}

/// The indicator table (`indicators.json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicators {
    /// Scenario name.
    pub scenario: String,
    /// Whether the model values come from the inverse mode (TFP that hits the target every
    /// year) rather than the scenario's own TFP.
    pub on_target: bool,
    /// The rows.
    pub rows: Vec<IndicatorRow>,
    /// How many rows are flagged.
    pub flagged: usize,
    /// Valid simulated paths behind `prob_met` (0: no probabilities).
    pub paths: u64,
    /// Seed of those paths.
    pub seed: u64,
}

fn value(q: Quantity, p: &Projection, ind: &Indicator, t: usize, prev_lp: f64) -> f64 {
    let y = &p.years[t];
    match q {
        Quantity::Growth => y.growth,
        Quantity::GrdpNominal => y.grdp_nominal,
        Quantity::GrdpPerCapita => y.grdp_per_capita_vnd,
        Quantity::GrdpPerCapitaUsd => y.grdp_per_capita_usd,
        Quantity::GrdpUsdBn => y.grdp_usd_bn,
        Quantity::LabourProductivity => y.labour_productivity,
        Quantity::LabourProductivityGrowth => {
            // real: (Y_t/L_t)/(Y_{t−1}/L_{t−1}) − 1 at base-year prices
            (y.grdp_real / y.labour) / prev_lp - 1.0
        }
        Quantity::Investment => y.investment_nominal,
        Quantity::InvestmentRatio => y.investment_ratio,
        Quantity::Employment => y.labour,
        Quantity::Population => y.population,
        Quantity::TfpShare => y.tfp_share.unwrap_or(f64::NAN),
        Quantity::ShareOfGrdp => ind.amount.as_ref().map_or(f64::NAN, |a| a[t]) / y.grdp_nominal,
    }
}

/// The model's value of quantity `q` for every year of projection `p` into `out` (`lp0`: the
/// base year's labour productivity, from which its real growth starts).
pub(crate) fn model_values(
    q: Quantity,
    p: &Projection,
    ind: &Indicator,
    lp0: f64,
    out: &mut Vec<f64>,
) {
    out.clear();
    let mut prev_lp = lp0;
    for (t, y) in p.years.iter().enumerate().take(ind.target.len()) {
        out.push(value(q, p, ind, t, prev_lp));
        prev_lp = y.grdp_real / y.labour;
    }
}

pub(crate) fn compound(v: &[f64]) -> f64 {
    (v.iter().map(|g| g.ln_1p()).sum::<f64>() / v.len() as f64).exp_m1()
}

/// The table for `sc`, with model values from its central projection, or (with
/// `on_target`) from the projection whose TFP hits the target every year.
///
/// # Errors
/// A [`ModelError`] when the projection fails.
pub fn indicators(sc: &Scenario, on_target: bool) -> Result<Indicators, ModelError> {
    let x = if on_target {
        model::with_implied_tfp(sc, &sc.central)?
    } else {
        sc.central.clone()
    };
    let p = model::project(sc, &x)?;
    let lp0 = x.grdp_base_nominal / x.employment_base;
    let rows: Vec<IndicatorRow> = sc
        .indicators
        .iter()
        .map(|ind| {
            let rate = ind.model.is_some_and(Quantity::is_rate)
                || matches!(ind.period_is, PeriodIs::Average)
                || ind.unit.trim() == "%";
            let mut values = Vec::new();
            if let Some(q) = ind.model {
                model_values(q, &p, ind, lp0, &mut values);
            }
            let years: Vec<IndicatorYear> = ind
                .target
                .iter()
                .enumerate()
                .map(|(t, target)| {
                    let m = values.get(t).copied();
                    let deviation = m.map(|m| if rate { m - target } else { m / target - 1.0 });
                    IndicatorYear {
                        year: sc.meta.years[t],
                        target: *target,
                        model: m,
                        deviation,
                        prob_met: None,
                    }
                })
                .collect();
            let period_from_years = match ind.period_is {
                PeriodIs::Average => Some(compound(&ind.target)),
                PeriodIs::Sum => Some(ind.target.iter().sum()),
                PeriodIs::End => ind.target.last().copied(),
                PeriodIs::None => None,
            };
            let mut flags = Vec::new();
            if let (Some(a), Some(b)) = (ind.period, period_from_years) {
                let off = if rate {
                    (a - b).abs() > RATE_TOLERANCE
                } else {
                    (a / b - 1.0).abs() > LEVEL_TOLERANCE
                };
                if off {
                    flags.push("period_inconsistent".to_string());
                }
            }
            let tol = if rate {
                RATE_TOLERANCE
            } else {
                LEVEL_TOLERANCE
            };
            if years
                .iter()
                .any(|y| y.deviation.is_some_and(|d| d.abs() > tol))
            {
                flags.push("model_differs".to_string());
            }
            IndicatorRow {
                id: ind.id.clone(),
                label_vi: ind.label_vi.clone(),
                label_en: ind.label_en.clone(),
                unit: ind.unit.clone(),
                rate,
                years,
                period: ind.period,
                period_from_years,
                prob_met_period: None,
                flags,
                citation: ind.citation.clone(),
            }
        })
        .collect();
    Ok(Indicators {
        scenario: sc.meta.name.clone(),
        on_target,
        flagged: rows.iter().filter(|r| !r.flags.is_empty()).count(),
        rows,
        paths: 0,
        seed: 0,
    })
}
