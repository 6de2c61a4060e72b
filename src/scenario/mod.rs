//! Scenario files: TOML → raw located structs → `extends` merge → validated [`Scenario`].
//!
//! The checked [`Scenario`] holds the structure of the economy that never varies (years,
//! funding sources and their plans, financing links) and the central values of every numeric
//! input ([`Inputs`]). One Monte Carlo path is the same [`Scenario`] with different [`Inputs`].

mod diagnostic;
pub mod edit;
pub mod indicators;
mod load;
mod loc;
mod per_year;
mod plausibility;
pub use plausibility::Plausibility;
pub mod raw;
mod template;
pub mod uncertainty;
mod validate;

pub use diagnostic::{Diagnostic, SourceFile, SourceMap, closest, levenshtein, line_col};
pub use load::{MAX_EXTENDS_DEPTH, MAX_FILE_BYTES, load, load_str};
pub use loc::Loc;
pub use per_year::PerYear;
pub use template::starter_scenario;

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A scenario file could not be read or is not valid; the diagnostic says where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError(pub Box<Diagnostic>);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ScenarioError {}

impl From<Diagnostic> for ScenarioError {
    fn from(d: Diagnostic) -> Self {
        ScenarioError(Box::new(d))
    }
}

/// Which growth equation the model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// Cobb–Douglas growth accounting: 1+g = (1+g_A)(K_t/K_{t−1})^α((1+g_h)L_t/L_{t−1})^(1−α).
    GrowthAccounting,
    /// Harrod–Domar with an incremental capital-output ratio per year.
    Icor,
}

impl Engine {
    /// The name used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::GrowthAccounting => "growth_accounting",
            Engine::Icor => "icor",
        }
    }
}

/// How the `icor` engine dates investment against output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IcorTiming {
    /// ICOR_t = (I_t / Y_t) / g_t, the plan's convention (43.74% / 11% = 3.98).
    SameYear,
    /// ICOR_t = I_t / (Y_t − Y_{t−1}) = (I_t / Y_{t−1}) / g_t, the textbook Harrod–Domar form.
    PreviousYear,
}

/// Funding-source groups, as in the plan's Phụ lục 03.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Public investment (đầu tư công).
    Public,
    /// State-owned enterprises (doanh nghiệp nhà nước).
    Soe,
    /// Domestic private sector (khu vực tư nhân).
    Private,
    /// Foreign direct investment.
    Fdi,
    /// Land revenue (thu tiền sử dụng đất).
    Land,
    /// Borrowing (vốn vay).
    Borrowing,
    /// Anything else (central transfers, public assets…).
    Other,
}

impl Group {
    /// All groups in display order.
    pub const ALL: [Group; 7] = [
        Group::Public,
        Group::Soe,
        Group::Private,
        Group::Fdi,
        Group::Land,
        Group::Borrowing,
        Group::Other,
    ];

    /// Name used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Public => "public",
            Group::Soe => "soe",
            Group::Private => "private",
            Group::Fdi => "fdi",
            Group::Land => "land",
            Group::Borrowing => "borrowing",
            Group::Other => "other",
        }
    }

    /// Parses a scenario-file name.
    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// `[meta]`, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// Identifier (letters, digits, `-`, `_`).
    pub name: String,
    /// Vietnamese title (NFC).
    pub title_vi: String,
    /// English title.
    pub title_en: String,
    /// Free text.
    pub description: String,
    /// Last year with data (K_0, Y_0, L_0 refer to it).
    pub base_year: i32,
    /// Projection years, `base_year + 1 ..= end_year`.
    pub years: Vec<i32>,
    /// Real GRDP growth target per year, fraction.
    pub target_growth: f64,
    /// Growth engine.
    pub engine: Engine,
    /// ICOR timing convention (icor engine only).
    pub icor_timing: IcorTiming,
}

/// How a source's plan is denominated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    /// Thousand billion VND.
    Vnd,
    /// Billion USD, converted at the year's exchange rate.
    Usd,
}

/// A funding source, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Identifier.
    pub id: String,
    /// Vietnamese label (NFC).
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Group.
    pub group: Group,
    /// Currency of `plan`.
    pub currency: Currency,
    /// Planned amount per projection year, in `currency` units (k-bn VND or bn USD).
    pub plan: Vec<f64>,
    /// Years between spending and the capital becoming productive.
    pub lag: usize,
    /// Where the numbers come from.
    pub citation: String,
    /// True when the source finances other sources (it appears as `from` in a link) rather
    /// than adding to investment itself.
    pub financing: bool,
    /// For investment sources: the part of the plan per year that financing links supply at
    /// plan, in k-bn VND at central exchange rates (the own part is plan − this). Zero for
    /// financing sources and for sources nobody finances.
    pub financed_plan_vnd: Vec<f64>,
}

/// A financing link, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Index of the financing source.
    pub from: usize,
    /// Index of the financed investment source.
    pub to: usize,
    /// Share of the financing source's realised amount that goes to `to`.
    pub share: f64,
    /// Where the share comes from.
    pub citation: String,
}

/// Every numeric input a simulation path may vary, at its central value in a [`Scenario`].
///
/// Per-year vectors have one entry per projection year. `realisation` is flattened:
/// entry `s * years + t` is source `s` in year `t`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inputs {
    /// Base-year GRDP at current prices, thousand bn VND.
    pub grdp_base_nominal: f64,
    /// Base-year capital-output ratio K_0 / Y_0.
    pub capital_output_ratio: f64,
    /// Capital share α.
    pub capital_share: f64,
    /// Depreciation rate δ per year.
    pub depreciation: f64,
    /// GRDP deflator growth per year, fraction.
    pub deflator_growth: Vec<f64>,
    /// VND per USD in the base year.
    pub exchange_rate_base: f64,
    /// VND per USD per year.
    pub exchange_rate: Vec<f64>,
    /// Human-capital growth per worker per year, fraction.
    pub human_capital_growth: Vec<f64>,
    /// Base-year population, thousand persons.
    pub population_base: f64,
    /// Population per year, thousand persons.
    pub population: Vec<f64>,
    /// Base-year employment, thousand persons.
    pub employment_base: f64,
    /// Employment per year, thousand persons.
    pub employment: Vec<f64>,
    /// TFP growth per year (growth-accounting engine), fraction.
    pub tfp_growth: Vec<f64>,
    /// ICOR per year (icor engine).
    pub icor: Vec<f64>,
    /// Realised / planned, per source and year (flattened, source-major).
    pub realisation: Vec<f64>,
    /// Realised real growth per year, fraction; NaN = not realised (the model computes it).
    /// A finite value fixes that year's growth and makes TFP the residual (`grdpsim
    /// remaining`). All NaN in a scenario's central inputs.
    pub fixed_growth: Vec<f64>,
    /// Realised total investment per year, thousand bn VND at current prices; NaN = not
    /// realised. A finite value scales that year's realised investment sources so that they
    /// sum to it. All NaN in a scenario's central inputs.
    pub fixed_investment: Vec<f64>,
}

/// Reference values the reports compare against.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Targets {
    /// TFP share of growth over the period.
    pub tfp_share_period: Option<f64>,
    /// TFP share of growth per year.
    pub tfp_share: Option<Vec<f64>>,
    /// End-year GRDP per capita, USD.
    pub grdp_per_capita_usd: Option<f64>,
    /// End-year GRDP, bn USD.
    pub grdp_usd_bn: Option<f64>,
}

/// The plan's own published path (each vector one value per projection year).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanReference {
    /// Real growth.
    pub growth: Option<Vec<f64>>,
    /// Nominal GRDP, thousand bn VND.
    pub grdp_nominal: Option<Vec<f64>>,
    /// Investment / GRDP.
    pub investment_ratio: Option<Vec<f64>>,
    /// GRDP per capita, million VND.
    pub grdp_per_capita: Option<Vec<f64>>,
    /// GRDP per capita, USD.
    pub grdp_per_capita_usd: Option<Vec<f64>>,
    /// Labour productivity, million VND per worker.
    pub labour_productivity: Option<Vec<f64>>,
}

/// Realised growth before the base year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// Calendar years.
    pub years: Vec<i32>,
    /// Real growth, fraction.
    pub growth: Vec<f64>,
    /// Years among `years` that are estimates (derived or assumed), not printed actuals.
    pub estimated: Vec<i32>,
}

/// Realised growth in the projection years themselves (`[actuals]`): each year's growth is
/// fixed and TFP is the residual, as `grdpsim remaining` does with `--actual`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actuals {
    /// Real growth per projection year, fraction.
    pub growth: Vec<f64>,
    /// Years whose growth is an estimate (derived or assumed), not a printed actual.
    pub estimated: Vec<i32>,
}

/// A sector of the bridge (`[[sectors]]`): its share of GRDP and value-added growth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sector {
    /// Identifier.
    pub id: String,
    /// Vietnamese label (NFC).
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Share of GRDP in the base year; `None`: reported alone, not in the bridge.
    pub share_base: Option<f64>,
    /// Value-added growth target per projection year; `None`: part of the remainder.
    pub growth: Option<Vec<f64>>,
    /// Realised growth of the first years (fewer than the horizon).
    pub actual: Vec<f64>,
    /// Where the numbers come from.
    pub citation: String,
}

/// A validated scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    /// Files read, the named file first, then each file it extends.
    pub files: Vec<PathBuf>,
    /// FNV-1a 64-bit hash of the texts of all files read, hex.
    pub content_hash: String,
    /// `[meta]`.
    pub meta: Meta,
    /// Funding sources in file order.
    pub sources: Vec<Source>,
    /// Financing links.
    pub links: Vec<Link>,
    /// Central values of all numeric inputs.
    pub central: Inputs,
    /// Citations by dotted field path.
    pub citations: BTreeMap<String, String>,
    /// Targets.
    pub targets: Targets,
    /// Plan's published path.
    pub plan_reference: PlanReference,
    /// History before the base year.
    pub history: Option<History>,
    /// Realised growth in the projection years (`[actuals]`), also in `central.fixed_growth`.
    pub actuals: Option<Actuals>,
    /// What the Monte Carlo draws (empty when the file has no `[uncertainty]`).
    pub uncertainty: uncertainty::Uncertainty,
    /// `[report] feasibility`: (minimum P(hit), Vietnamese phrase, English phrase), highest
    /// first; `None` uses the documented default scale.
    pub feasibility_scale: Option<Vec<(f64, String, String)>>,
    /// Thresholds of the plausibility warnings (`[plausibility]`, defaults where not given).
    pub plausibility: Plausibility,
    /// The sector bridge's sectors (`[[sectors]]`), in file order.
    pub sectors: Vec<Sector>,
    /// The plan's indicator table (`[[indicators]]`), in file order.
    pub indicators: Vec<indicators::Indicator>,
    /// Milestones (`[[milestones]]`): P(each) and P(all) in `run`.
    pub milestones: Vec<indicators::Milestone>,
}

impl Scenario {
    /// Number of projection years.
    pub fn horizon(&self) -> usize {
        self.meta.years.len()
    }

    /// The last projection year (the base year when there is none).
    pub fn end_year(&self) -> i32 {
        self.meta
            .years
            .last()
            .copied()
            .unwrap_or(self.meta.base_year)
    }

    /// The projection period as "2026–2030".
    pub fn period(&self) -> String {
        format!(
            "{}–{}",
            self.meta
                .years
                .first()
                .copied()
                .unwrap_or(self.meta.base_year),
            self.end_year()
        )
    }

    /// Index of the source with this id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.id == id)
    }

    /// Plan of source `s` in year `t` in k-bn VND, at the given exchange rate (VND per USD).
    pub fn plan_vnd(&self, s: usize, t: usize, exchange_rate: f64) -> f64 {
        let src = &self.sources[s];
        match src.currency {
            Currency::Vnd => src.plan[t],
            Currency::Usd => src.plan[t] * exchange_rate / 1000.0,
        }
    }
}

/// FNV-1a 64-bit hash (stable across platforms and Rust versions), as 16 hex digits.
pub fn fnv1a_hex(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // separator so that ("ab","c") and ("a","bc") differ
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
