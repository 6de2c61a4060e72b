//! What `grdpsim compare` reports (`compare.json`): each scenario's run and the paired
//! differences between them.

use super::Warning;
use crate::montecarlo::{Sampler, Summary};
use serde::Serialize;

/// One scenario of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    /// Letter used on the chart and in tables (A = reference).
    pub letter: char,
    /// Scenario name.
    pub name: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: String,
    /// Scenario files read (the named file first).
    pub files: Vec<String>,
    /// Hash of the scenario files.
    pub scenario_hash: String,
    /// Growth target (CAGR, fraction).
    pub target: f64,
    /// Standard deviation of the CAGR over valid paths.
    pub cagr_sd: f64,
    /// The full Monte Carlo summary (as `grdpsim run` writes in summary.json).
    pub summary: Summary,
}

/// The paired comparison of scenario `b` with scenario `a` (differences are B − A).
#[derive(Debug, Clone, Serialize)]
pub struct PairDiff {
    /// Index of A in [`Comparison::scenarios`].
    pub a: usize,
    /// Index of B.
    pub b: usize,
    /// Name of A.
    pub a_name: String,
    /// Name of B.
    pub b_name: String,
    /// A and B are the same scenario files: every path gives the same result.
    pub identical: bool,
    /// Paths valid in both.
    pub n: u64,
    /// Paths where both reach their target.
    pub n11: u64,
    /// Paths where A reaches its target and B does not.
    pub n10: u64,
    /// Paths where B reaches its target and A does not.
    pub n01: u64,
    /// Paths where neither does.
    pub n00: u64,
    /// P(hit) of A over these paths.
    pub prob_hit_a: f64,
    /// P(hit) of B over these paths.
    pub prob_hit_b: f64,
    /// Paired difference P_B − P_A = (n01 − n10)/n.
    pub diff: f64,
    /// Its standard error from the paired draws: sqrt(((n10 + n01)/n − d²)/n).
    pub diff_se: f64,
    /// The standard error two independent runs of n paths would give:
    /// sqrt(P_A(1 − P_A)/n + P_B(1 − P_B)/n).
    pub diff_se_unpaired: f64,
    /// Tango's asymptotic score 95% interval of the difference ([0, 0] when `identical`).
    pub diff_ci95: [f64; 2],
    /// McNemar's exact two-sided p-value (binomial test of n10 among n10 + n01 at one half).
    pub mcnemar_p: f64,
    /// Mean of CAGR_B − CAGR_A over the paths.
    pub cagr_mean_diff: f64,
    /// Its standard error from the paired draws.
    pub cagr_mean_diff_se: f64,
    /// Its standard error for two independent runs: sqrt(var_A/n + var_B/n).
    pub cagr_mean_diff_se_unpaired: f64,
    /// Normal 95% interval of the mean CAGR difference (paired).
    pub cagr_mean_diff_ci95: [f64; 2],
    /// Correlation of CAGR_A and CAGR_B across paths (what makes pairing pay off).
    pub cagr_correlation: f64,
    /// Median CAGR of B minus median CAGR of A (from the two summaries).
    pub cagr_median_diff: f64,
}

/// The result of `grdpsim compare` (the `compare.json` contract).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Seed.
    pub seed: u64,
    /// Paths per scenario.
    pub paths: u64,
    /// Sampler.
    pub sampler: Sampler,
    /// Confidence level of every interval.
    pub confidence: f64,
    /// The scenarios, the reference first.
    pub scenarios: Vec<ScenarioResult>,
    /// Every pair (a < b): the reference pairs (a = 0) first, then the others in order.
    pub pairs: Vec<PairDiff>,
    /// What weakens the pairing or the reading.
    pub warnings: Vec<Warning>,
}

impl Comparison {
    /// The pair of scenario `b` against scenario `a`, if `a < b` are indices of it.
    pub fn pair(&self, a: usize, b: usize) -> Option<&PairDiff> {
        self.pairs.iter().find(|p| p.a == a && p.b == b)
    }

    /// The pairs against the reference (scenario 0), in scenario order.
    pub fn reference_pairs(&self) -> impl Iterator<Item = &PairDiff> {
        self.pairs.iter().filter(|p| p.a == 0)
    }
}
