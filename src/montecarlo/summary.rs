//! What a Monte Carlo run reports (`summary.json`): the summary and its parts, with units.

use super::curve::CurvePoint;
use super::histogram::Z95;
use super::histogram::{Histogram, wilson};
use super::sampler::Sampler;
use crate::model::Projection;
use serde::Serialize;

/// Mean and percentiles of a quantity over paths.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Percentiles {
    /// The percentiles of the values in `h` and their `mean` (the value itself when every
    /// value is equal, so the mean shows no rounding).
    pub fn of(h: &Histogram, mean: f64) -> Self {
        let q = |p: f64| h.quantile(p).unwrap_or(f64::NAN);
        // with every value equal the mean is that value exactly
        let mean = if h.min() == h.max() { h.min() } else { mean };
        Percentiles {
            mean,
            p5: q(0.05),
            p10: q(0.10),
            p25: q(0.25),
            p50: q(0.50),
            p75: q(0.75),
            p90: q(0.90),
            p95: q(0.95),
        }
    }
}

/// One year of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct YearSummary {
    /// Calendar year.
    pub year: i32,
    /// Growth that year.
    pub growth: Percentiles,
    /// P(growth that year ≥ target).
    pub prob_hit: f64,
    /// GRDP per capita that year, USD.
    pub grdp_per_capita_usd: Percentiles,
}

/// A distribution for plotting: `counts[i]` paths fell in [lo + i·width, lo + (i+1)·width).
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    /// Left edge of the first bin.
    pub lo: f64,
    /// Bin width.
    pub width: f64,
    /// Paths per bin (the first and last bins also hold everything beyond them).
    pub counts: Vec<u64>,
}

/// One funding source in the summary. Money: thousand bn VND over the whole horizon.
#[derive(Debug, Clone, Serialize)]
pub struct FundingSummary {
    /// Source id.
    pub source: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Whether it finances other sources.
    pub financing: bool,
    /// Plan total at central exchange rates.
    pub plan: f64,
    /// Realised total.
    pub realised: Percentiles,
    /// Mean of (plan − realised) at the path's exchange rates (negative = surplus).
    pub shortfall_mean: f64,
    /// P(realised < plan).
    pub prob_short: f64,
    /// P(CAGR ≥ target | realised < plan); null when the source is never short.
    pub prob_hit_given_short: Option<f64>,
}

/// A compensation rule's effect.
#[derive(Debug, Clone, Serialize)]
pub struct CompensationSummary {
    /// Rule id.
    pub id: String,
    /// Whether it was switched on.
    pub enabled: bool,
    /// Mean investment it added over the horizon, thousand bn VND.
    pub added_mean: f64,
}

/// Requested against achieved rank correlation of two correlated inputs.
#[derive(Debug, Clone, Serialize)]
pub struct RankCorrelation {
    /// First input.
    pub a: String,
    /// Second input.
    pub b: String,
    /// Correlation in the matrix used (of the normal scores; after any repair).
    pub target: f64,
    /// Correlation as written in the scenario (differs from `target` when the matrix was
    /// repaired with `repair = true`).
    pub requested: f64,
    /// Frobenius distance the repair moved the whole matrix (None: not repaired).
    pub repaired_distance: Option<f64>,
    /// Rank correlation a Gaussian copula gives for that: (6/π)·asin(target/2).
    pub expected: f64,
    /// Spearman rank correlation of the drawn levels over the first paths.
    pub achieved: f64,
}

/// The result of `grdpsim run` (the `summary.json` contract).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Hash of the scenario files.
    pub scenario_hash: String,
    /// Seed.
    pub seed: u64,
    /// Paths simulated (valid and invalid).
    pub paths: u64,
    /// Sampler.
    pub sampler: Sampler,
    /// Growth target (CAGR).
    pub target: f64,
    /// P(CAGR ≥ target) over valid paths.
    pub prob_hit: f64,
    /// Monte Carlo standard error of `prob_hit`.
    pub prob_hit_se: f64,
    /// Wilson 95% interval of `prob_hit`.
    pub prob_hit_ci95: [f64; 2],
    /// P(CAGR > target).
    pub prob_above: f64,
    /// CAGR.
    pub cagr: Percentiles,
    /// Distribution of the CAGR in 120 bins between its 0.1th and 99.9th percentiles.
    pub cagr_distribution: Distribution,
    /// Per year.
    pub years: Vec<YearSummary>,
    /// End-year GRDP, current prices, thousand bn VND.
    pub grdp_end: Percentiles,
    /// End-year GRDP, bn USD.
    pub grdp_end_usd: Percentiles,
    /// End-year GRDP per capita, USD.
    pub grdp_per_capita_usd_end: Percentiles,
    /// P(end-year GRDP per capita ≥ the scenario's USD target), when it has one.
    pub prob_per_capita_target: Option<f64>,
    /// Each milestone (`[[milestones]]`) with the probability of reaching it.
    pub milestones: Vec<super::milestones::MilestoneResult>,
    /// P(every milestone is reached on the same path); `None` without milestones.
    pub prob_all_milestones: Option<f64>,
    /// TFP share of growth over the period.
    pub tfp_share: Percentiles,
    /// Total investment, thousand bn VND.
    pub investment_total: Percentiles,
    /// Funding sources.
    pub funding: Vec<FundingSummary>,
    /// Compensation rules.
    pub compensation: Vec<CompensationSummary>,
    /// Requested and achieved rank correlations.
    pub rank_correlations: Vec<RankCorrelation>,
    /// Paths whose drawn inputs were impossible (excluded from every statistic).
    pub invalid_paths: u64,
    /// The first invalid path and why.
    pub first_invalid: Option<String>,
    /// The deterministic projection at central values.
    pub deterministic: Projection,
    /// P(hit) with planned funding scaled, on these same paths (empty when not asked for);
    /// the point at `funding_scale = 1` equals `prob_hit` exactly.
    pub funding_curve: Vec<CurvePoint>,
    /// P(hit) and its 95% interval after the first paths (in path order, at most 200 points
    /// spaced evenly on a log scale); the last point is the headline.
    pub convergence: Vec<ConvergencePoint>,
    /// The `--precision` rule when one was given: whether the interval became narrow enough
    /// and after how many paths the run stopped (`null` when no rule was given).
    pub precision: Option<PrecisionStop>,
}

/// How a run with `--precision` ended (`summary.json` → `precision`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrecisionStop {
    /// Width the 95% interval of P(hit) had to reach.
    pub target_width: f64,
    /// Paths between two checks of the width (16,384).
    pub checked_every: u64,
    /// Whether the width was reached before the path limit.
    pub met: bool,
    /// Paths after which the run stopped (the limit when not met).
    pub stopped_at: u64,
}

/// Most points of the convergence record.
const CONVERGENCE_POINTS: usize = 200;

/// The cumulative P(hit) after each chunk in path order, thinned to at most
/// [`CONVERGENCE_POINTS`] points evenly spaced on a log scale of chunks (the last kept).
pub(super) fn convergence(chunks: &mut [(u64, u64, u64)]) -> Vec<ConvergencePoint> {
    chunks.sort_by_key(|c| c.0);
    let total = chunks.len();
    let keep = |i: usize| -> bool {
        if total <= CONVERGENCE_POINTS || i + 1 == total {
            return true;
        }
        // chunk counts c = ceil(total^(j/(K-1))) for j = 0..K-1
        let c = (i + 1) as f64;
        let j = (c.ln() / (total as f64).ln() * (CONVERGENCE_POINTS - 1) as f64).floor();
        let prev = (c - 1.0).max(1.0);
        let jp = (prev.ln() / (total as f64).ln() * (CONVERGENCE_POINTS - 1) as f64).floor();
        i == 0 || j > jp
    };
    let (mut n, mut h) = (0u64, 0u64);
    let mut out = Vec::new();
    for (i, &(_, cn, ch)) in chunks.iter().enumerate() {
        n += cn;
        h += ch;
        if n > 0 && keep(i) {
            let (lo, hi) = wilson(h, n, Z95);
            out.push(ConvergencePoint {
                paths: n,
                prob_hit: h as f64 / n as f64,
                prob_hit_ci95: [lo, hi],
            });
        }
    }
    out
}

/// P(hit) after the first `paths` valid paths.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConvergencePoint {
    /// Valid paths so far.
    pub paths: u64,
    /// P(CAGR ≥ target) over them.
    pub prob_hit: f64,
    /// Wilson 95% interval.
    pub prob_hit_ci95: [f64; 2],
}

/// Ranks of `v` (0-based, average ranks for ties).
pub(crate) fn rank(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    // tied values get their average rank, so the order among ties does not matter
    idx.sort_unstable_by(|a, b| v[*a].total_cmp(&v[*b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman rank correlation (average ranks for ties).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    pearson(&rank(a), &rank(b))
}

/// Pearson correlation of two rank vectors ([`rank`]): Spearman's coefficient when the ranks
/// of each column are computed once and paired many times.
pub(crate) fn pearson(ra: &[f64], rb: &[f64]) -> f64 {
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(rb) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    if saa == 0.0 || sbb == 0.0 {
        0.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}
