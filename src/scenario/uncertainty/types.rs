//! The checked uncertainty a scenario carries: uncertain inputs, project events, the
//! correlation of levels and compensation rules.

use crate::montecarlo::dist::Marginal;
use nalgebra::DMatrix;
use serde::Serialize;

/// What an uncertain input changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// TFP growth per year.
    TfpGrowth,
    /// Deflator growth per year.
    DeflatorGrowth,
    /// Exchange rate per year.
    ExchangeRate,
    /// Employment per year.
    Employment,
    /// Depreciation rate.
    Depreciation,
    /// Base-year K/Y.
    CapitalOutputRatio,
    /// Capital share α.
    CapitalShare,
    /// ICOR per year.
    Icor,
    /// Realisation factor of source index `.0`.
    Source(usize),
}

impl Target {
    /// Whether the target has one value per year (else it is a single number).
    pub fn per_year(self) -> bool {
        !matches!(
            self,
            Target::Depreciation | Target::CapitalOutputRatio | Target::CapitalShare
        )
    }
}

/// How a drawn value X_t combines with the central value c_t.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Apply {
    /// value = c + X (rates: TFP, deflator).
    Add,
    /// value = c · X (factors: realisation, exchange rate, employment).
    Multiply,
    /// value = X.
    Replace,
}

/// One uncertain input, checked.
#[derive(Debug, Clone, Serialize)]
pub struct UncertainInput {
    /// Name used for correlation and common random numbers (`tfp_growth`, `sources.soe`…).
    pub name: String,
    /// What it changes.
    pub target: Target,
    /// How the draw combines with the central value.
    pub apply: Apply,
    /// Distribution of the per-path level L.
    #[serde(skip)]
    pub level: Marginal,
    /// Distribution of the yearly shock η_t (None = no yearly noise).
    #[serde(skip)]
    pub shock: Option<Marginal>,
    /// AR(1) coefficient φ: e_t = φ·e_{t−1} + η_t.
    pub persistence: f64,
    /// When true the factor is a random walk: X_t = L + Σ_{τ≤t} e_τ.
    pub cumulative: bool,
    /// Why this distribution.
    pub citation: String,
    /// Stream region of the input (see `montecarlo::stream`).
    pub slot: u64,
    /// Mean and standard deviation of the level (for reports).
    pub level_mean: f64,
    /// Standard deviation of the level.
    pub level_sd: f64,
}

/// A lumpy project whose spending may be delayed.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Identifier.
    pub id: String,
    /// Index of the source whose plan contains the project.
    pub source: usize,
    /// Planned spending per year, thousand bn VND.
    pub amounts: Vec<f64>,
    /// Probability of delay.
    pub delay_probability: f64,
    /// Delay in years when delayed (rounded to whole years).
    #[serde(skip)]
    pub delay_years: Marginal,
    /// Where it comes from.
    pub citation: String,
    /// Stream region.
    pub slot: u64,
}

/// Gaussian-copula correlation between input levels.
#[derive(Debug, Clone, Serialize)]
pub struct Correlation {
    /// Indices into `Uncertainty::inputs`, in matrix order.
    pub inputs: Vec<usize>,
    /// The correlation matrix used (after repair), row-major.
    pub matrix: Vec<Vec<f64>>,
    /// The matrix as written in the scenario (differs from `matrix` when repaired).
    pub requested: Vec<Vec<f64>>,
    /// Lower Cholesky factor, row-major.
    #[serde(skip)]
    pub cholesky: DMatrix<f64>,
    /// Frobenius distance moved by the repair, when `repair = true` was needed.
    pub repaired_distance: Option<f64>,
}

/// The cap of a compensation rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cap {
    /// Each covering source gives at most its surplus above its own plan.
    Surplus,
    /// At most this much per year in total, thousand bn VND.
    Amount(f64),
    /// At most this share of the shortfall.
    Share(f64),
}

/// A compensation rule ("if SOE capital falls short it can be offset by land auction revenue
/// and borrowing", seed 001 Phụ lục 03).
#[derive(Debug, Clone, Serialize)]
pub struct Compensation {
    /// Identifier.
    pub id: String,
    /// Index of the investment source whose shortfall is covered.
    pub covers: usize,
    /// Indices of the covering sources, in order.
    pub from: Vec<usize>,
    /// Cap.
    pub cap: Cap,
    /// Share of covering money that becomes investment.
    pub efficiency: f64,
    /// Active?
    pub enabled: bool,
    /// Where it comes from.
    pub citation: String,
}

/// Everything the Monte Carlo draws.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Uncertainty {
    /// Uncertain inputs, sorted by name.
    pub inputs: Vec<UncertainInput>,
    /// Project events.
    pub events: Vec<Event>,
    /// Correlation of levels.
    pub correlation: Option<Correlation>,
    /// Compensation rules.
    pub compensation: Vec<Compensation>,
}

impl Uncertainty {
    /// Index of the input with this name.
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.name == name)
    }
}
