//! Goal-seek: the value of one lever at which P(hit) reaches a requested probability (or the
//! mean CAGR reaches the target), by bracketing and bisection on common random numbers, with
//! the answer's Monte Carlo uncertainty and the financing gap it implies.

use super::levers::{Base, Lever};
use crate::model;
use crate::montecarlo::{self, RunConfig, RunError};
use serde::Serialize;

/// What to solve for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// P(CAGR ≥ target) equal to this probability. At 0.5 this is also "median CAGR equal to
    /// the target".
    Probability(f64),
    /// Mean (expected) CAGR over paths equal to the target.
    MeanCagr,
}

/// Search settings.
#[derive(Debug, Clone, Copy)]
pub struct SolveOptions {
    /// Lowest lever value searched.
    pub lo: f64,
    /// Highest lever value searched.
    pub hi: f64,
    /// Stop when the bracket is at most this wide (lever units).
    pub tolerance: f64,
    /// At most this many bisection steps.
    pub max_steps: usize,
}

/// One Monte Carlo run of the search.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Evaluation {
    /// Lever value.
    pub value: f64,
    /// P(CAGR ≥ target).
    pub prob_hit: f64,
    /// Mean CAGR.
    pub cagr_mean: f64,
    /// Median CAGR.
    pub cagr_p50: f64,
    /// Mean total investment realised, thousand bn VND.
    pub investment_mean: f64,
    /// Valid paths.
    pub paths: u64,
}

/// Funding implied by the solution against the plan, per year; thousand bn VND, current
/// prices.
#[derive(Debug, Clone, Serialize)]
pub struct FinancingGap {
    /// Calendar years.
    pub years: Vec<i32>,
    /// Planned total investment of the scenario as written (the plan's 5,000 in Hanoi's).
    pub plan: Vec<f64>,
    /// Planned total investment at the solved lever value.
    pub required: Vec<f64>,
    /// required − plan.
    pub gap: Vec<f64>,
    /// Sum of `plan`.
    pub plan_total: f64,
    /// Sum of `required`.
    pub required_total: f64,
    /// Sum of `gap`.
    pub gap_total: f64,
    /// Mean investment actually realised over the paths as written (after realisation risk).
    pub realised_mean_as_written: f64,
    /// Mean investment actually realised over the paths at the solution.
    pub realised_mean_required: f64,
    /// Investment the central path needs for the target with no uncertainty (`required`).
    pub deterministic_required_total: f64,
}

/// Whether the search found a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The goal is reached inside the range.
    Solved,
    /// The goal is not reached anywhere in the range.
    Unreachable,
}

/// The result of a goal-seek.
#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    /// Scenario name.
    pub scenario: String,
    /// Scenario hash (as written).
    pub scenario_hash: String,
    /// Lever path.
    pub lever: String,
    /// The lever's name in Vietnamese (for reports).
    pub lever_label_vi: String,
    /// The lever's name in English (for reports).
    pub lever_label_en: String,
    /// Whether the lever is money (thousand bn VND).
    pub money: bool,
    /// What was solved for.
    pub goal: Goal,
    /// The requested probability, or the target growth for [`Goal::MeanCagr`].
    pub requested: f64,
    /// Growth target of the scenario.
    pub target: f64,
    /// Seed.
    pub seed: u64,
    /// Paths per run.
    pub paths: u64,
    /// Searched range.
    pub range: [f64; 2],
    /// Bisection tolerance, lever units.
    pub tolerance: f64,
    /// The lever's value as written.
    pub current: f64,
    /// The goal's metric as written (P(hit) or mean CAGR).
    pub metric_as_written: f64,
    /// Solved or unreachable.
    pub status: Status,
    /// The solved lever value (midpoint of the final bracket).
    pub value: Option<f64>,
    /// Monte Carlo standard error of `value`: the metric's standard error divided by the
    /// metric's slope at the solution (delta method).
    pub value_se: Option<f64>,
    /// 95% interval of `value` (± 1.96 standard errors).
    pub value_ci95: Option<[f64; 2]>,
    /// The metric at `value` (same seed).
    pub achieved: Option<f64>,
    /// Standard error of the metric at `value`.
    pub achieved_se: Option<f64>,
    /// The metric at the two ends of the range.
    pub metric_at_range: [f64; 2],
    /// Every run of the search, in order.
    pub evaluations: Vec<Evaluation>,
    /// The funding the solution implies against the plan (when the lever changes funding).
    pub financing: Option<FinancingGap>,
}

/// Why a goal-seek could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveError {
    /// The lever or a scenario at a lever value is not valid.
    Lever(String),
    /// A Monte Carlo run failed (interrupted, every path invalid, impossible centre).
    Run(RunError),
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::Lever(m) => write!(f, "{m}"),
            SolveError::Run(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SolveError {}

impl From<RunError> for SolveError {
    fn from(e: RunError) -> Self {
        SolveError::Run(e)
    }
}

fn metric(goal: Goal, e: &Evaluation) -> f64 {
    match goal {
        Goal::Probability(_) => e.prob_hit,
        Goal::MeanCagr => e.cagr_mean,
    }
}

/// Finds the lever value at which the goal is met.
///
/// The metric is evaluated at both ends of the range; if the goal lies between them the
/// bracket is halved until it is narrower than the tolerance. Every run uses the same seed and
/// paths, so the metric is a deterministic (step) function of the lever and bisection
/// converges. The Monte Carlo uncertainty of the answer is the metric's standard error divided
/// by its slope, measured over ±2% of the range around the answer.
///
/// # Errors
/// [`SolveError`] when the lever is invalid or a run fails.
pub fn solve(
    base: &Base,
    lever: &Lever,
    goal: Goal,
    opts: SolveOptions,
    cfg: &RunConfig,
    mut progress: impl FnMut(&Evaluation),
) -> Result<Solution, SolveError> {
    let sc0 = &base.scenario;
    let target = sc0.meta.target_growth;
    let requested = match goal {
        Goal::Probability(p) => p,
        Goal::MeanCagr => target,
    };
    let current = base.current(lever).map_err(SolveError::Lever)?;
    let mut evals: Vec<Evaluation> = Vec::new();
    let mut eval = |v: f64, evals: &mut Vec<Evaluation>| -> Result<Evaluation, SolveError> {
        let sc = base.at(&[(lever.clone(), v)]).map_err(SolveError::Lever)?;
        // the lean run: what a bisection step reads, equal to the full run's figures
        let s = montecarlo::run_light(&sc, cfg)?;
        let e = Evaluation {
            value: v,
            prob_hit: s.prob_hit,
            cagr_mean: s.cagr_mean,
            cagr_p50: s.cagr_p50,
            investment_mean: s.investment_mean,
            paths: s.valid,
        };
        evals.push(e);
        progress(&e);
        Ok(e)
    };
    let as_written = eval(current, &mut evals)?;
    let (mut lo, mut hi) = (opts.lo, opts.hi);
    let e_lo = eval(lo, &mut evals)?;
    let e_hi = eval(hi, &mut evals)?;
    let (m_lo, m_hi) = (metric(goal, &e_lo), metric(goal, &e_hi));
    let increasing = m_hi >= m_lo;
    let below = |m: f64| {
        if increasing {
            m < requested
        } else {
            m > requested
        }
    };
    let reachable = below(m_lo) != below(m_hi) || m_lo == requested || m_hi == requested;
    let mut out = Solution {
        scenario: sc0.meta.name.clone(),
        scenario_hash: sc0.content_hash.clone(),
        lever: lever.name(),
        lever_label_vi: super::lever_names::lever_names(lever, sc0).0,
        lever_label_en: super::lever_names::lever_names(lever, sc0).1,
        money: lever.is_money(),
        goal,
        requested,
        target,
        seed: cfg.seed,
        paths: cfg.paths,
        range: [opts.lo, opts.hi],
        tolerance: opts.tolerance,
        current,
        metric_as_written: metric(goal, &as_written),
        status: Status::Unreachable,
        value: None,
        value_se: None,
        value_ci95: None,
        achieved: None,
        achieved_se: None,
        metric_at_range: [m_lo, m_hi],
        evaluations: Vec::new(),
        financing: None,
    };
    if !reachable {
        out.evaluations = evals;
        return Ok(out);
    }
    for _ in 0..opts.max_steps {
        if hi - lo <= opts.tolerance {
            break;
        }
        let mid = 0.5 * (lo + hi);
        let m = metric(goal, &eval(mid, &mut evals)?);
        if below(m) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let v = 0.5 * (lo + hi);
    let at = eval(v, &mut evals)?;
    let n = at.paths.max(1) as f64;
    let achieved = metric(goal, &at);
    let achieved_se = match goal {
        Goal::Probability(_) => (achieved * (1.0 - achieved) / n).sqrt(),
        Goal::MeanCagr => {
            // sd of the CAGR from its interdecile range (normal approximation)
            let sc = base.at(&[(lever.clone(), v)]).map_err(SolveError::Lever)?;
            let s = montecarlo::run_light(&sc, cfg)?;
            (s.cagr_p90 - s.cagr_p10) / 2.563_103 / n.sqrt()
        }
    };
    // slope over ±2% of the range
    let h = 0.02 * (opts.hi - opts.lo).abs();
    let e_up = eval(v + h, &mut evals)?;
    let e_dn = eval((v - h).max(opts.lo.min(opts.hi)), &mut evals)?;
    let slope = (metric(goal, &e_up) - metric(goal, &e_dn)) / (e_up.value - e_dn.value);
    let value_se = (slope.abs() > 0.0).then(|| achieved_se / slope.abs());
    out.status = Status::Solved;
    out.value = Some(v);
    out.value_se = value_se;
    out.value_ci95 = value_se.map(|se| [v - 1.96 * se, v + 1.96 * se]);
    out.achieved = Some(achieved);
    out.achieved_se = Some(achieved_se);
    out.financing = financing(base, lever, v, &as_written, &at)?;
    out.evaluations = evals;
    Ok(out)
}

/// Planned investment per year at the solution against the scenario as written; `None` when
/// the lever does not change planned investment (e.g. TFP growth).
fn financing(
    base: &Base,
    lever: &Lever,
    v: f64,
    as_written: &Evaluation,
    at: &Evaluation,
) -> Result<Option<FinancingGap>, SolveError> {
    let sc0 = &base.scenario;
    let sc1 = base.at(&[(lever.clone(), v)]).map_err(SolveError::Lever)?;
    let r0 = model::required(sc0, &sc0.central).map_err(|e| SolveError::Run(e.into()))?;
    let r1 = model::required(&sc1, &sc1.central).map_err(|e| SolveError::Run(e.into()))?;
    let plan: Vec<f64> = r0.years.iter().map(|y| y.planned_investment).collect();
    let required: Vec<f64> = r1.years.iter().map(|y| y.planned_investment).collect();
    let gap: Vec<f64> = required.iter().zip(&plan).map(|(r, p)| r - p).collect();
    let gap_total: f64 = gap.iter().sum();
    if gap.iter().all(|g| g.abs() < 1e-9) {
        return Ok(None);
    }
    Ok(Some(FinancingGap {
        years: sc0.meta.years.clone(),
        plan_total: plan.iter().sum(),
        required_total: required.iter().sum(),
        gap_total,
        plan,
        required,
        gap,
        realised_mean_as_written: as_written.investment_mean,
        realised_mean_required: at.investment_mean,
        deterministic_required_total: r0.required_total,
    }))
}
