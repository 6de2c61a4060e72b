//! What `grdpsim remaining` reports (`remaining.json`): realised and remaining years, the
//! conditional Monte Carlo, with units.

use crate::montecarlo::Percentiles;
use crate::scenario::Engine;
use serde::Serialize;

/// A realised year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActualYear {
    /// Calendar year.
    pub year: i32,
    /// Realised real growth (fraction).
    pub growth: f64,
    /// Investment used for the year, thousand bn VND (current prices): the given one, or the
    /// plan's central amount.
    pub investment: f64,
    /// Whether `investment` was given (`--investment`) rather than taken from the plan.
    pub investment_given: bool,
    /// TFP growth implied by the realised growth (the residual of growth accounting).
    pub tfp_growth_residual: f64,
}

/// A remaining year. Money in thousand bn VND at current prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemainingYear {
    /// Calendar year.
    pub year: i32,
    /// Growth needed, the same every remaining year (the closed form r).
    pub required_growth: f64,
    /// Growth needed when the remaining years keep the shape of the plan's own growth path,
    /// scaled in logs to reach the target; `None` when that path does not grow.
    pub required_growth_profile: Option<f64>,
    /// Growth the plan's own investment gives, starting from the realised state.
    pub planned_growth: f64,
    /// The scenario's TFP growth (growth-accounting engine; the projection's TFP for icor).
    pub scenario_tfp_growth: f64,
    /// TFP growth the plan's investment would need to give `required_growth`.
    pub implied_tfp_growth: f64,
    /// Investment in the plan (as realised in the scenario).
    pub planned_investment: f64,
    /// Investment needed for `required_growth` with the scenario's TFP (or ICOR).
    pub required_investment: f64,
    /// Required − planned (positive = shortfall to finance).
    pub gap: f64,
    /// Required investment / GRDP on the required path.
    pub required_investment_ratio: f64,
    /// GRDP at current prices on the required path.
    pub grdp_nominal_required: f64,
}

/// One remaining year in the conditional Monte Carlo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McYear {
    /// Calendar year.
    pub year: i32,
    /// Growth that year given the actuals.
    pub growth: Percentiles,
    /// P(growth that year ≥ the required growth r).
    pub prob_at_least_required: f64,
}

/// The Monte Carlo conditioned on the actuals, paired with the unconditional run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionalMc {
    /// Paths simulated.
    pub paths: u64,
    /// Seed (the same paths as `grdpsim run` with this seed).
    pub seed: u64,
    /// P(CAGR over the horizon ≥ target | actuals), over valid conditioned paths.
    pub prob_hit: f64,
    /// Wilson 95% interval of `prob_hit`.
    pub prob_hit_ci95: [f64; 2],
    /// Valid conditioned paths.
    pub valid_paths: u64,
    /// Invalid conditioned paths (excluded).
    pub invalid_paths: u64,
    /// P(CAGR ≥ target) without the actuals (equals `grdpsim run` with the same seed).
    pub prob_hit_unconditional: f64,
    /// Wilson 95% interval of `prob_hit_unconditional`.
    pub prob_hit_unconditional_ci95: [f64; 2],
    /// Valid unconditional paths.
    pub valid_paths_unconditional: u64,
    /// Paths valid in both runs (the pairs).
    pub paired_paths: u64,
    /// Pairs that reach the target only with the actuals.
    pub only_conditional: u64,
    /// Pairs that reach the target only without the actuals.
    pub only_unconditional: u64,
    /// P(hit | actuals) − P(hit) over the pairs.
    pub difference: f64,
    /// Tango score 95% interval of `difference` (paired proportions).
    pub difference_ci95: [f64; 2],
    /// CAGR over the horizon given the actuals.
    pub cagr: Percentiles,
    /// CAGR without the actuals.
    pub cagr_unconditional: Percentiles,
    /// Average growth of the remaining years given the actuals (≥ r exactly when the target
    /// is reached).
    pub remaining_average: Percentiles,
    /// Per remaining year.
    pub years: Vec<McYear>,
    /// The first invalid path and why.
    pub first_invalid: Option<String>,
}

/// Everything `grdpsim remaining` reports. Rates as fractions, money in thousand bn VND at
/// current prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Remaining {
    /// Scenario name.
    pub scenario: String,
    /// Engine.
    pub engine: Engine,
    /// Growth target g* (compound average over the horizon).
    pub target: f64,
    /// First and last year of the horizon.
    pub horizon: [i32; 2],
    /// Realised years.
    pub actual: Vec<ActualYear>,
    /// Compound average growth of the realised years.
    pub actual_average: f64,
    /// Average growth the remaining years need (closed form).
    pub required_growth: f64,
    /// What the profile column scales: `plan_reference` (the plan's printed growth path) or
    /// `projection` (the scenario's central projection).
    pub profile_basis: String,
    /// Remaining years.
    pub remaining: Vec<RemainingYear>,
    /// Σ planned investment over the remaining years.
    pub planned_investment_total: f64,
    /// Σ required investment over the remaining years.
    pub required_investment_total: f64,
    /// Σ gap over the remaining years.
    pub gap_total: f64,
    /// Compound growth over the horizon with the actuals and the plan's investment after them.
    pub planned_cagr: f64,
    /// Average growth of the remaining years with the plan's investment.
    pub planned_remaining_average: f64,
    /// Whether `planned_cagr` reaches the target.
    pub meets_target_with_plan: bool,
    /// Compound growth over the horizon when the remaining years get the required investment
    /// (equals the target when no source has a gestation lag); `None` when some required
    /// investment is negative.
    pub cagr_with_required_investment: Option<f64>,
    /// CAGR of the scenario's central projection, without the actuals.
    pub central_cagr: f64,
    /// Investment over the whole horizon in the central projection (the plan's total).
    pub investment_central_total: f64,
    /// Investment of the realised years (given, or the plan's central amounts).
    pub investment_realised_total: f64,
    /// What the remaining years must mobilise for the plan's total:
    /// `investment_central_total − investment_realised_total`.
    pub investment_to_plan_total: f64,
    /// The Monte Carlo, when it was run (the scenario has uncertainty and paths > 0).
    pub monte_carlo: Option<ConditionalMc>,
    /// The nowcast: the same paths weighted by how well they reproduce the actuals, so the
    /// inputs learn from them (when the Monte Carlo was run).
    pub conditioned: Option<super::nowcast::Conditioned>,
}
