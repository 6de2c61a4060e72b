//! Scenario comparison on common random numbers: each scenario's Monte Carlo summary, and the
//! paired differences (P(hit), CAGR) measured path by path over the same draws.
//!
//! Every scenario is run with the same seed, paths and sampler. Each uncertain input is drawn
//! from its own region of the path's stream, by name, so path `p` gives every scenario the same
//! variates for the inputs they share (common random numbers, CRN). Besides the full
//! [`montecarlo::run`] of each scenario, one joint pass simulates every path under every
//! scenario and counts, for each pair (A, B), the paths where A hits the target and B does not
//! (`n10`) and the reverse (`n01`). The paired difference in P(hit) is
//! `d = P_B − P_A = (n01 − n10)/n`, with
//!
//! * its standard error `sqrt(((n10 + n01)/n − d²)/n)`, far below the unpaired
//!   `sqrt(se_A² + se_B²)` of two independent runs when the scenarios move together;
//! * Tango's (1998) asymptotic score 95% interval for a difference of paired proportions
//!   ([`tango_ci`]), which keeps its coverage when few paths are discordant;
//! * McNemar's exact two-sided p-value ([`mcnemar_exact_p`]): the binomial test of `n10`
//!   against `n10 + n01` discordant paths at one half.
//!
//! The paired mean CAGR difference (with its standard error, from chunked sums added in chunk
//! order so the result does not depend on the thread count) and the difference of the medians
//! are reported too.
//!
//! When A and B are the same scenario files (equal content hash) every path gives the same
//! result, so the difference is exactly 0 on every path, simulated or not: the interval is
//! [0, 0] and the pair is flagged `identical`. Two different scenarios with no discordant path
//! among `n` get `d = 0` and Tango's interval `±z²/(n + z²)` (about ±3.84/n): no path changed
//! its outcome, which bounds, but does not prove zero, the true difference.

use crate::montecarlo::{self, CHUNK, PathEval, ROUND, RunConfig, RunError, Sampler, Summary};
use crate::scenario::Scenario;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

mod result;
mod stats;
pub use result::{Comparison, PairDiff, ScenarioResult};
pub use stats::{mcnemar_exact_p, tango_ci};

/// Paths of `grdpsim compare` unless `--paths` says otherwise.
pub const DEFAULT_PATHS: u64 = 100_000;
/// Seed of `grdpsim compare` unless `--seed` says otherwise (as `grdpsim run`).
pub const DEFAULT_SEED: u64 = 20_260_101;
/// Most scenarios one comparison takes (one colour and letter each on the chart).
pub const MAX_SCENARIOS: usize = 8;
/// 97.5% standard normal quantile.
pub const Z95: f64 = 1.959_963_984_540_054;

/// How to run a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareConfig {
    /// Paths per scenario (the same paths for every scenario).
    pub paths: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// Sampler.
    pub sampler: Sampler,
    /// Print progress on stderr when it is a terminal.
    pub progress: bool,
}

impl Default for CompareConfig {
    fn default() -> Self {
        CompareConfig {
            paths: DEFAULT_PATHS,
            seed: DEFAULT_SEED,
            sampler: Sampler::Mc,
            progress: false,
        }
    }
}

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareError {
    /// Fewer than two scenarios, or more than [`MAX_SCENARIOS`].
    Count(usize),
    /// Two scenarios project different years: their growth rates are not comparable.
    Years {
        /// Reference scenario and its years.
        a: (String, Vec<i32>),
        /// The other scenario and its years.
        b: (String, Vec<i32>),
    },
    /// `paths` is zero.
    NoPaths,
    /// A scenario's run failed (impossible central inputs, every path invalid, interrupted).
    Run {
        /// Scenario name.
        scenario: String,
        /// What went wrong.
        error: RunError,
    },
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let years = |y: &[i32]| match (y.first(), y.last()) {
            (Some(a), Some(b)) => format!("{a}–{b} ({} years)", y.len()),
            _ => "no years".to_string(),
        };
        match self {
            CompareError::Count(n) => write!(
                f,
                "compare needs between 2 and {MAX_SCENARIOS} scenario files, found {n}"
            ),
            CompareError::Years { a, b } => write!(
                f,
                "scenarios {} and {} project different years ({} against {}): their average \
                 growth rates are not comparable; give scenarios with the same [meta] base_year \
                 and end_year",
                a.0,
                b.0,
                years(&a.1),
                years(&b.1)
            ),
            CompareError::NoPaths => write!(f, "the number of paths must be at least 1"),
            CompareError::Run { scenario, error } => write!(f, "scenario {scenario}: {error}"),
        }
    }
}

impl std::error::Error for CompareError {}

/// What weakens the pairing or the reading of a comparison (reported, never fatal).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// The scenarios draw different uncertain inputs or project events: common random numbers
    /// hold only for the names they share.
    InputSets {
        /// Reference scenario.
        a: String,
        /// Other scenario.
        b: String,
        /// Inputs and events (`event:<id>`) only the reference draws.
        only_a: Vec<String>,
        /// Inputs and events only the other scenario draws.
        only_b: Vec<String>,
    },
    /// The Gaussian copulas differ (inputs or matrix): shared inputs' levels are mixed
    /// differently, so they are no longer the same draws.
    Correlation {
        /// Reference scenario.
        a: String,
        /// Other scenario.
        b: String,
    },
    /// Different growth targets: each P(hit) is against its own target.
    Targets {
        /// Reference scenario and its target (fraction).
        a: (String, f64),
        /// Other scenario and its target.
        b: (String, f64),
    },
    /// Paths invalid in one scenario are left out of every pair that includes it.
    InvalidPaths {
        /// Scenario.
        scenario: String,
        /// Invalid paths.
        paths: u64,
    },
}

/// Names of the inputs and project events a scenario draws (what CRN pairs up).
fn drawn_names(sc: &Scenario) -> BTreeSet<String> {
    let u = &sc.uncertainty;
    u.inputs
        .iter()
        .map(|i| i.name.clone())
        .chain(u.events.iter().map(|e| format!("event:{}", e.id)))
        .collect()
}

/// The copula as (input names in matrix order, matrix), for comparing two scenarios.
fn copula(sc: &Scenario) -> Option<(Vec<&str>, &Vec<Vec<f64>>)> {
    sc.uncertainty.correlation.as_ref().map(|c| {
        (
            c.inputs
                .iter()
                .map(|&i| sc.uncertainty.inputs[i].name.as_str())
                .collect(),
            &c.matrix,
        )
    })
}

/// Checks that the scenarios can be compared and lists what weakens the pairing.
///
/// # Errors
/// [`CompareError::Count`] for fewer than 2 or more than [`MAX_SCENARIOS`] scenarios;
/// [`CompareError::Years`] when two scenarios project different years.
pub fn check(scenarios: &[Scenario]) -> Result<Vec<Warning>, CompareError> {
    if scenarios.len() < 2 || scenarios.len() > MAX_SCENARIOS {
        return Err(CompareError::Count(scenarios.len()));
    }
    let a = &scenarios[0];
    let mut warnings = Vec::new();
    for b in &scenarios[1..] {
        if b.meta.years != a.meta.years {
            return Err(CompareError::Years {
                a: (a.meta.name.clone(), a.meta.years.clone()),
                b: (b.meta.name.clone(), b.meta.years.clone()),
            });
        }
    }
    for b in &scenarios[1..] {
        let (na, nb) = (drawn_names(a), drawn_names(b));
        if na != nb {
            warnings.push(Warning::InputSets {
                a: a.meta.name.clone(),
                b: b.meta.name.clone(),
                only_a: na.difference(&nb).cloned().collect(),
                only_b: nb.difference(&na).cloned().collect(),
            });
        }
        if copula(a) != copula(b) {
            warnings.push(Warning::Correlation {
                a: a.meta.name.clone(),
                b: b.meta.name.clone(),
            });
        }
        if a.meta.target_growth != b.meta.target_growth {
            warnings.push(Warning::Targets {
                a: (a.meta.name.clone(), a.meta.target_growth),
                b: (b.meta.name.clone(), b.meta.target_growth),
            });
        }
    }
    Ok(warnings)
}

/// Per-pair state of the joint pass: exact counts and this chunk's float sums.
#[derive(Debug, Clone, Copy, Default)]
struct PairCounts {
    n11: u64,
    n10: u64,
    n01: u64,
    n00: u64,
}

/// Float sums of one pair over one chunk, in path order: Σd, Σd², Σa', Σa'², Σb', Σb'²
/// where d = CAGR_B − CAGR_A and a', b' are the CAGRs less A's target (a fixed shift that
/// keeps the variances accurate).
const PAIR_SUMS: usize = 6;

/// Per pair: min and max of CAGR_A, CAGR_B and their difference (exact in any order; a
/// quantity that never moves has variance exactly 0, whatever rounding the sums leave).
type Ranges = [f64; 6];

const EMPTY_RANGES: Ranges = [
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::INFINITY,
    f64::NEG_INFINITY,
];

fn widen(r: &mut Ranges, values: [f64; 3]) {
    for (i, v) in values.into_iter().enumerate() {
        r[2 * i] = r[2 * i].min(v);
        r[2 * i + 1] = r[2 * i + 1].max(v);
    }
}

/// Whether range `i` (0 = A, 1 = B, 2 = difference) holds a single value.
fn constant(r: &Ranges, i: usize) -> bool {
    r[2 * i] == r[2 * i + 1]
}

/// What one chunk of the joint pass contributes.
struct ChunkOut {
    counts: Vec<PairCounts>,
    sums: Vec<[f64; PAIR_SUMS]>,
    ranges: Vec<Ranges>,
    invalid: Vec<u64>,
}

fn pair_list(k: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::with_capacity(k * (k - 1) / 2);
    for a in 0..k {
        for b in a + 1..k {
            v.push((a, b));
        }
    }
    // the reference pairs (a = 0) are first already, then (1, 2), (1, 3)…
    v
}

fn joint_chunk(scenarios: &[Scenario], cfg: &CompareConfig, chunk: u64) -> ChunkOut {
    let k = scenarios.len();
    let pairs = pair_list(k);
    let mut evs: Vec<PathEval> = scenarios.iter().map(PathEval::new).collect();
    let mut out = ChunkOut {
        counts: vec![PairCounts::default(); pairs.len()],
        sums: vec![[0.0; PAIR_SUMS]; pairs.len()],
        ranges: vec![EMPTY_RANGES; pairs.len()],
        invalid: vec![0; k],
    };
    let mut cagr = vec![0.0; k];
    let mut ok = vec![false; k];
    let first = chunk * CHUNK;
    for path in first..cfg.paths.min(first + CHUNK) {
        for (s, sc) in scenarios.iter().enumerate() {
            ok[s] = evs[s].path(sc, cfg.seed, path, cfg.sampler).is_ok();
            cagr[s] = evs[s].out.cagr;
            out.invalid[s] += u64::from(!ok[s]);
        }
        for (p, &(a, b)) in pairs.iter().enumerate() {
            if !(ok[a] && ok[b]) {
                continue;
            }
            let ha = cagr[a] >= scenarios[a].meta.target_growth;
            let hb = cagr[b] >= scenarios[b].meta.target_growth;
            let c = &mut out.counts[p];
            match (ha, hb) {
                (true, true) => c.n11 += 1,
                (true, false) => c.n10 += 1,
                (false, true) => c.n01 += 1,
                (false, false) => c.n00 += 1,
            }
            let shift = scenarios[a].meta.target_growth;
            let d = cagr[b] - cagr[a];
            let (x, y) = (cagr[a] - shift, cagr[b] - shift);
            let s = &mut out.sums[p];
            s[0] += d;
            s[1] += d * d;
            s[2] += x;
            s[3] += x * x;
            s[4] += y;
            s[5] += y * y;
            widen(&mut out.ranges[p], [cagr[a], cagr[b], d]);
        }
    }
    montecarlo::progress::add(k as u64 * cfg.paths.min(first + CHUNK).saturating_sub(first));
    out
}

/// Sample variance from a sum and a sum of squares over `n` values (0 for fewer than 2).
fn variance(sum: f64, sum_sq: f64, n: f64) -> f64 {
    if n < 2.0 {
        return 0.0;
    }
    ((sum_sq - sum * sum / n) / (n - 1.0)).max(0.0)
}

/// Runs every scenario on common random numbers and measures the paired differences.
///
/// The scenarios' order matters: the first is the reference. Bit-identical for any number of
/// threads (counts are integers; float sums are added chunk by chunk in chunk order).
///
/// # Errors
/// [`CompareError`] as [`check`], for zero paths, or when a scenario's run fails (including an
/// interruption by Ctrl-C, as [`RunError::Interrupted`]).
pub fn compare(scenarios: &[Scenario], cfg: &CompareConfig) -> Result<Comparison, CompareError> {
    compare_or_cancel(scenarios, cfg, None)
}

/// [`compare`], stopped at the next round when `cancel` is set (a live page's stale request).
///
/// # Errors
/// As [`compare`]; an interrupted run when `cancel` is set before the end.
pub fn compare_or_cancel(
    scenarios: &[Scenario],
    cfg: &CompareConfig,
    cancel: Option<&montecarlo::Cancel>,
) -> Result<Comparison, CompareError> {
    let mut warnings = check(scenarios)?;
    if cfg.paths == 0 {
        return Err(CompareError::NoPaths);
    }
    let run_cfg = RunConfig {
        cancel: cancel.cloned(),
        ..RunConfig::new(cfg.paths, cfg.seed, cfg.sampler)
    };
    let k = scenarios.len();
    let mut summaries = Vec::with_capacity(k);
    for sc in scenarios {
        let s = montecarlo::run(sc, &run_cfg).map_err(|error| CompareError::Run {
            scenario: sc.meta.name.clone(),
            error,
        })?;
        summaries.push(s);
    }

    // joint pass: every path under every scenario, chunks in parallel, combined in order
    let pairs = pair_list(k);
    let chunks = cfg.paths.div_ceil(CHUNK);
    let mut counts = vec![PairCounts::default(); pairs.len()];
    let mut sums = vec![[0.0; PAIR_SUMS]; pairs.len()];
    let mut ranges = vec![EMPTY_RANGES; pairs.len()];
    let mut invalid = vec![0u64; k];
    let mut done = 0;
    while done < chunks {
        if montecarlo::stopped(cancel) {
            return Err(CompareError::Run {
                scenario: lang_free_names(scenarios),
                error: RunError::Interrupted {
                    paths_done: done * CHUNK,
                },
            });
        }
        let end = (done + ROUND).min(chunks);
        let outs: Vec<ChunkOut> = (done..end)
            .into_par_iter()
            .map(|c| joint_chunk(scenarios, cfg, c))
            .collect();
        for o in outs {
            for (acc, c) in counts.iter_mut().zip(&o.counts) {
                acc.n11 += c.n11;
                acc.n10 += c.n10;
                acc.n01 += c.n01;
                acc.n00 += c.n00;
            }
            for (acc, s) in sums.iter_mut().zip(&o.sums) {
                for (x, y) in acc.iter_mut().zip(s) {
                    *x += y;
                }
            }
            for (acc, r) in ranges.iter_mut().zip(&o.ranges) {
                widen(acc, [r[0], r[2], r[4]]);
                widen(acc, [r[1], r[3], r[5]]);
            }
            for (acc, v) in invalid.iter_mut().zip(&o.invalid) {
                *acc += v;
            }
        }
        done = end;
    }
    for (sc, &bad) in scenarios.iter().zip(&invalid) {
        if bad > 0 {
            warnings.push(Warning::InvalidPaths {
                scenario: sc.meta.name.clone(),
                paths: bad,
            });
        }
    }

    let pair_diffs: Vec<PairDiff> = pairs
        .iter()
        .enumerate()
        .map(|(p, &(a, b))| {
            pair_diff(
                &scenarios[a],
                &scenarios[b],
                (a, b),
                &counts[p],
                (&sums[p], &ranges[p]),
                (&summaries[a], &summaries[b]),
            )
        })
        .collect();

    // each scenario's CAGR spread, from its pair with the reference (or, for the reference,
    // its first pair); all pairs share the paths valid in both
    let scenario_results = scenarios
        .iter()
        .zip(summaries)
        .enumerate()
        .map(|(i, (sc, summary))| {
            let (p, is_a) = if i == 0 { (0, true) } else { (i - 1, false) };
            let c = &counts[p];
            let s = &sums[p];
            let n = (c.n11 + c.n10 + c.n01 + c.n00) as f64;
            let var = match (is_a, constant(&ranges[p], usize::from(!is_a))) {
                (_, true) => 0.0,
                (true, false) => variance(s[2], s[3], n),
                (false, false) => variance(s[4], s[5], n),
            };
            ScenarioResult {
                letter: letter(i),
                name: sc.meta.name.clone(),
                title_vi: sc.meta.title_vi.clone(),
                title_en: sc.meta.title_en.clone(),
                files: sc.files.iter().map(|f| f.display().to_string()).collect(),
                scenario_hash: sc.content_hash.clone(),
                target: sc.meta.target_growth,
                cagr_sd: var.sqrt(),
                summary,
            }
        })
        .collect();

    Ok(Comparison {
        seed: cfg.seed,
        paths: cfg.paths,
        sampler: cfg.sampler,
        confidence: 0.95,
        scenarios: scenario_results,
        pairs: pair_diffs,
        warnings,
    })
}

/// The names of the scenarios joined, for an error about all of them.
fn lang_free_names(scenarios: &[Scenario]) -> String {
    scenarios
        .iter()
        .map(|s| s.meta.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The letter of scenario `i` (A = reference).
pub fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

fn pair_diff(
    sa: &Scenario,
    sb: &Scenario,
    (a, b): (usize, usize),
    c: &PairCounts,
    (s, r): (&[f64; PAIR_SUMS], &Ranges),
    (sum_a, sum_b): (&Summary, &Summary),
) -> PairDiff {
    let n = c.n11 + c.n10 + c.n01 + c.n00;
    let nf = n as f64;
    let identical = sa.content_hash == sb.content_hash;
    let pa = (c.n11 + c.n10) as f64 / nf;
    let pb = (c.n11 + c.n01) as f64 / nf;
    // an integer difference over n: exactly 0.0 when n10 = n01
    let diff = (c.n01 as f64 - c.n10 as f64) / nf;
    let discordant = (c.n10 + c.n01) as f64 / nf;
    let diff_se = ((discordant - diff * diff).max(0.0) / nf).sqrt();
    let diff_se_unpaired = ((pa * (1.0 - pa) + pb * (1.0 - pb)) / nf).sqrt();
    let diff_ci95 = if identical && n > 0 {
        [0.0, 0.0]
    } else {
        tango_ci(n, c.n10, c.n01, Z95)
    };
    let mean_d = s[0] / nf;
    let var_if = |i: usize, sum: f64, sum_sq: f64| {
        if constant(r, i) {
            0.0
        } else {
            variance(sum, sum_sq, nf)
        }
    };
    let var_d = var_if(2, s[0], s[1]);
    let (var_a, var_b) = (var_if(0, s[2], s[3]), var_if(1, s[4], s[5]));
    let se_d = (var_d / nf).sqrt();
    let cagr_correlation = if var_a > 0.0 && var_b > 0.0 {
        ((var_a + var_b - var_d) / (2.0 * (var_a * var_b).sqrt())).clamp(-1.0, 1.0)
    } else {
        f64::NAN
    };
    PairDiff {
        a,
        b,
        a_name: sa.meta.name.clone(),
        b_name: sb.meta.name.clone(),
        identical,
        n,
        n11: c.n11,
        n10: c.n10,
        n01: c.n01,
        n00: c.n00,
        prob_hit_a: pa,
        prob_hit_b: pb,
        diff,
        diff_se,
        diff_se_unpaired,
        diff_ci95,
        mcnemar_p: mcnemar_exact_p(c.n10, c.n01),
        cagr_mean_diff: mean_d,
        cagr_mean_diff_se: se_d,
        cagr_mean_diff_se_unpaired: ((var_a + var_b) / nf).sqrt(),
        cagr_mean_diff_ci95: [mean_d - Z95 * se_d, mean_d + Z95 * se_d],
        cagr_correlation,
        cagr_median_diff: sum_b.cagr.p50 - sum_a.cagr.p50,
    }
}

#[cfg(test)]
mod tests;
