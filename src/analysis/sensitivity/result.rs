//! What `grdpsim sensitivity` reports (`sensitivity.json`): the input groups, the tornado
//! and the Sobol indices.

use super::super::sobol::Index;
use crate::montecarlo::HeldRun;
use serde::Serialize;

/// What a group of uncertain variates is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum GroupKind {
    /// Uncertain input `index` of `sc.uncertainty.inputs` (level and yearly shocks).
    Input(usize),
    /// Every project event's delay.
    Delays,
}

/// How an input's level reads (the unit of [`TornadoEnd::level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelUnit {
    /// A rate added to the central value, fraction per year (reports: percentage points).
    PointsAdded,
    /// A realisation factor of a funding source's plan, fraction (reports: % of plan).
    ShareOfPlan,
    /// A factor multiplying the central value.
    Factor,
    /// A rate replacing the central value, fraction.
    Rate,
    /// A ratio replacing the central value (K/Y, ICOR).
    Ratio,
    /// A plain number added to the central value (its own units).
    NumberAdded,
    /// A plain number replacing the central value (its own units).
    Number,
    /// Whole years of project delay.
    Years,
}

/// One group of uncertain variates.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Input name, or `project_delays`.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// What it is.
    #[serde(flatten)]
    pub kind: GroupKind,
    /// Unit of its level.
    pub unit: LevelUnit,
    /// Event ids for the delays group; the input name otherwise.
    pub members: Vec<String>,
    /// Whether its level is certain (`fixed`): a tornado bar of zero; only its yearly shocks
    /// vary, which the Sobol indices see.
    pub fixed_level: bool,
    /// Whether the input is in the Gaussian copula (its position in the matrix order, 0-based).
    pub copula_position: Option<usize>,
}

/// One end of a tornado bar.
#[derive(Debug, Clone, Serialize)]
pub struct TornadoEnd {
    /// Quantile the group is held at (0.10 or 0.90).
    pub quantile: f64,
    /// The input's level at that quantile (unit: the group's `unit`); null for delays.
    pub level: Option<f64>,
    /// Delay of each event at that quantile, years; null for inputs.
    pub delays: Option<Vec<usize>>,
    /// The run with the group held there.
    pub run: HeldRun,
}

/// One bar of the tornado.
#[derive(Debug, Clone, Serialize)]
pub struct TornadoBar {
    /// Index into [`Sensitivity::groups`].
    pub group: usize,
    /// Group id (repeated for readers of the JSON).
    pub id: String,
    /// Held at P10.
    pub low: TornadoEnd,
    /// Held at P90.
    pub high: TornadoEnd,
    /// |P(hit) at P90 − P(hit) at P10|.
    pub swing_prob_hit: f64,
    /// |median CAGR at P90 − median CAGR at P10|.
    pub swing_cagr_p50: f64,
}

/// The tornado.
#[derive(Debug, Clone, Serialize)]
pub struct Tornado {
    /// Paths of each run.
    pub paths: u64,
    /// Nothing held.
    pub baseline: HeldRun,
    /// Bars, largest P(hit) swing first (ties: larger median-CAGR swing, then group order).
    pub bars: Vec<TornadoBar>,
    /// Indices into `bars`, largest median-CAGR swing first.
    pub order_by_cagr: Vec<usize>,
}

/// Sobol indices of one group.
#[derive(Debug, Clone, Serialize)]
pub struct SobolGroup {
    /// Index into [`Sensitivity::groups`].
    pub group: usize,
    /// Group id.
    pub id: String,
    /// First-order index (share of Var(CAGR) the group explains alone).
    pub first: Index,
    /// Total index (share including every interaction it takes part in).
    pub total: Index,
}

/// The Sobol part.
#[derive(Debug, Clone, Serialize)]
pub struct SobolResult {
    /// The output analysed.
    pub output: &'static str,
    /// Rows asked for.
    pub rows_requested: usize,
    /// Rows used (all k + 2 evaluations valid).
    pub rows_used: usize,
    /// Rows dropped.
    pub rows_dropped: usize,
    /// The first dropped row and why.
    pub first_dropped: Option<String>,
    /// Simulations run: rows × (groups + 2).
    pub evaluations: u64,
    /// Bootstrap resamples.
    pub bootstrap: usize,
    /// Stream offset of the B sample.
    pub b_stream: u64,
    /// Mean of the CAGR over A ∪ B.
    pub mean: f64,
    /// Variance of the CAGR over A ∪ B.
    pub variance: f64,
    /// Per group, in group order.
    pub groups: Vec<SobolGroup>,
    /// Sum of the first-order indices.
    pub sum_first: Index,
    /// Indices into `groups`, largest total index first.
    pub order_by_total: Vec<usize>,
    /// What the indices are over: "independent_underlying_normals" when some inputs are
    /// correlated (see `basis_vi`/`basis_en`), else "independent_inputs".
    pub basis: &'static str,
    /// The basis in Vietnamese.
    pub basis_vi: String,
    /// The basis in English.
    pub basis_en: String,
}

/// The result of `grdpsim sensitivity` (the `sensitivity.json` contract). Rates and
/// probabilities as fractions.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    /// Scenario name.
    pub scenario: String,
    /// Hash of the scenario files.
    pub scenario_hash: String,
    /// Seed.
    pub seed: u64,
    /// Growth target (CAGR).
    pub target: f64,
    /// Groups of uncertain variates.
    pub groups: Vec<Group>,
    /// Inputs of the Gaussian copula in matrix (Cholesky) order.
    pub copula_order: Vec<String>,
    /// The tornado.
    pub tornado: Tornado,
    /// The Sobol indices of the CAGR.
    pub sobol: SobolResult,
}
