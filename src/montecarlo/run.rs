//! The parallel run: chunks of paths on rayon, exact integer aggregation, ordered float sums.
//!
//! Paths are processed in chunks of [`CHUNK`] paths and rounds of [`ROUND`] chunks. Counts
//! and histograms are integers (merging is exact in any order); floating-point sums are kept
//! per chunk and added in chunk order at the end. The summary is therefore bit-identical for
//! any number of threads.

use super::curve::CurveAcc;
use super::histogram::Z95;
use super::histogram::{Histogram, wilson};
use super::path::PathEval;
use super::sampler::Sampler;
use super::summary::*;
use crate::model::{self, Projection};
use crate::scenario::Scenario;
use rayon::prelude::*;
use serde::Serialize;

/// Paths per chunk (also the Latin-hypercube block).
pub const CHUNK: u64 = super::stream::LHS_BLOCK;
/// Chunks per round (the unit of convergence checks and progress).
pub const ROUND: u64 = 64;
/// Paths over which achieved rank correlations are measured (the first ones).
const RANK_PATHS: u64 = 5 * CHUNK;

/// How to run.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Number of paths (the maximum when `precision` is set).
    pub paths: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// Sampler.
    pub sampler: Sampler,
    /// Stop once the 95% interval of P(hit) is at most this wide.
    pub precision: Option<f64>,
    /// Print progress on stderr when it is a terminal.
    pub progress: bool,
    /// Compute only shard `index` (1-based) of `count`: a contiguous share of the chunks.
    pub shard: Option<(u64, u64)>,
}

/// Why a run stopped without a result.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// The central inputs make the model impossible.
    Model(model::ModelError),
    /// Every path was invalid: nothing to summarise.
    AllInvalid(String),
    /// Stopped by a signal at a round boundary.
    Interrupted {
        /// Paths done when it stopped.
        paths_done: u64,
    },
    /// Partial results that do not belong together.
    Merge(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Model(e) => write!(f, "the central inputs make the model impossible in {e}"),
            RunError::AllInvalid(why) => write!(
                f,
                "every path was invalid, nothing to summarise; first: {why}"
            ),
            RunError::Interrupted { paths_done } => {
                write!(f, "interrupted after {paths_done} paths")
            }
            RunError::Merge(m) => write!(f, "cannot merge: {m}"),
        }
    }
}

impl std::error::Error for RunError {}

impl From<model::ModelError> for RunError {
    fn from(e: model::ModelError) -> Self {
        RunError::Model(e)
    }
}

/// Set by a signal handler to stop a run at the next round boundary.
pub static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A shard's exact, mergeable result (`partial.json`).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Partial {
    /// Format tag, `grdpsim-partial/1`.
    pub format: String,
    /// Tool version that wrote it.
    pub version: String,
    /// Scenario file the shard ran (as given on the command line).
    pub scenario_path: String,
    /// Hash of the scenario files.
    pub scenario_hash: String,
    /// Seed.
    pub seed: u64,
    /// Total paths of the whole run (all shards).
    pub paths: u64,
    /// Sampler.
    pub sampler: Sampler,
    /// This shard, 1-based, and the number of shards.
    pub shard: (u64, u64),
    /// The aggregation state.
    pub acc: Acc,
}

/// Format tag of partial results.
pub const PARTIAL_FORMAT: &str = "grdpsim-partial/1";

/// Integer part of the aggregation (exact in any merge order) plus per-chunk float sums.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Acc {
    n: u64,
    hits: u64,
    above: u64,
    invalid: u64,
    first_invalid: Option<(u64, String)>,
    cagr: Histogram,
    years: Vec<Histogram>,
    year_hits: Vec<u64>,
    pc_years: Vec<Histogram>,
    grdp_end: Histogram,
    grdp_end_usd: Histogram,
    pc_usd: Histogram,
    pc_hits: u64,
    tfp_share: Histogram,
    inv_total: Histogram,
    realised: Vec<Histogram>,
    short: Vec<u64>,
    short_hits: Vec<u64>,
    /// (chunk index, float sums in path order)
    sums: Vec<(u64, Vec<f64>)>,
    /// (path, copula uniforms of the correlated inputs) for the first paths
    ranks: Vec<(u64, Vec<f64>)>,
    /// The funding curve on these paths (absent in partials of older versions).
    #[serde(default)]
    curve: CurveAcc,
    /// (chunk index, valid paths, hits) per chunk: the convergence of P(hit) in path order.
    #[serde(default)]
    chunk_hits: Vec<(u64, u64, u64)>,
}

impl Acc {
    fn new(sc: &Scenario, curve: &[f64]) -> Self {
        let t = sc.horizon();
        let s = sc.sources.len();
        Acc {
            n: 0,
            hits: 0,
            above: 0,
            invalid: 0,
            first_invalid: None,
            cagr: Histogram::rate(),
            years: vec![Histogram::rate(); t],
            year_hits: vec![0; t],
            pc_years: vec![Histogram::amount(); t],
            grdp_end: Histogram::amount(),
            grdp_end_usd: Histogram::amount(),
            pc_usd: Histogram::amount(),
            pc_hits: 0,
            tfp_share: Histogram::rate(),
            inv_total: Histogram::amount(),
            realised: vec![Histogram::amount(); s],
            short: vec![0; s],
            short_hits: vec![0; s],
            sums: Vec::new(),
            ranks: Vec::new(),
            curve: CurveAcc::new(curve),
            chunk_hits: Vec::new(),
        }
    }

    fn merge(mut self, o: Acc) -> Acc {
        self.n += o.n;
        self.hits += o.hits;
        self.above += o.above;
        self.invalid += o.invalid;
        self.first_invalid = match (self.first_invalid, o.first_invalid) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        self.cagr.merge(&o.cagr);
        for (a, b) in self.years.iter_mut().zip(&o.years) {
            a.merge(b);
        }
        for (a, b) in self.year_hits.iter_mut().zip(&o.year_hits) {
            *a += b;
        }
        for (a, b) in self.pc_years.iter_mut().zip(&o.pc_years) {
            a.merge(b);
        }
        self.grdp_end.merge(&o.grdp_end);
        self.grdp_end_usd.merge(&o.grdp_end_usd);
        self.pc_usd.merge(&o.pc_usd);
        self.pc_hits += o.pc_hits;
        self.tfp_share.merge(&o.tfp_share);
        self.inv_total.merge(&o.inv_total);
        for (a, b) in self.realised.iter_mut().zip(&o.realised) {
            a.merge(b);
        }
        for (a, b) in self.short.iter_mut().zip(&o.short) {
            *a += b;
        }
        for (a, b) in self.short_hits.iter_mut().zip(&o.short_hits) {
            *a += b;
        }
        self.sums.extend(o.sums);
        self.ranks.extend(o.ranks);
        self.curve.merge(&o.curve);
        self.chunk_hits.extend(o.chunk_hits);
        self
    }
}

/// Float sums layout: cagr, growth[T], grdp_end, grdp_end_usd, pc_usd, tfp_share,
/// investment_total, realised[S], shortfall[S], compensation[R].
fn n_sums(sc: &Scenario) -> usize {
    1 + sc.horizon() + 5 + 2 * sc.sources.len() + sc.uncertainty.compensation.len() + sc.horizon()
}

fn run_chunk(sc: &Scenario, cfg: &RunConfig, chunk: u64, end: u64, plan: f64, acc: &mut Acc) {
    let t_n = sc.horizon();
    let s_n = sc.sources.len();
    let mut ev = PathEval::new(sc);
    let mut sums = vec![0.0; n_sums(sc)];
    let target = sc.meta.target_growth;
    let pc_target = sc.targets.grdp_per_capita_usd;
    let corr = sc.uncertainty.correlation.as_ref();
    let first = chunk * CHUNK;
    let (n0, h0) = (acc.n, acc.hits);
    for path in first..end.min(first + CHUNK) {
        if let Err(why) = ev.path(sc, cfg.seed, path, cfg.sampler) {
            acc.invalid += 1;
            if acc.first_invalid.as_ref().is_none_or(|(p, _)| path < *p) {
                acc.first_invalid = Some((path, why));
            }
            continue;
        }
        let out = &ev.out;
        acc.n += 1;
        let hit = out.cagr >= target;
        acc.hits += u64::from(hit);
        acc.above += u64::from(out.cagr > target);
        acc.cagr.add(out.cagr);
        sums[0] += out.cagr;
        let opc = n_sums(sc) - t_n;
        for t in 0..t_n {
            acc.years[t].add(out.growth[t]);
            acc.year_hits[t] += u64::from(out.growth[t] >= target);
            sums[1 + t] += out.growth[t];
            acc.pc_years[t].add(out.per_capita_usd[t]);
            sums[opc + t] += out.per_capita_usd[t];
        }
        let o = 1 + t_n;
        acc.grdp_end.add(out.grdp_end);
        acc.grdp_end_usd.add(out.grdp_end_usd);
        acc.pc_usd.add(out.per_capita_usd_end);
        acc.pc_hits += u64::from(pc_target.is_some_and(|p| out.per_capita_usd_end >= p));
        acc.tfp_share.add(out.tfp_share);
        acc.inv_total.add(out.investment_total);
        sums[o] += out.grdp_end;
        sums[o + 1] += out.grdp_end_usd;
        sums[o + 2] += out.per_capita_usd_end;
        if out.tfp_share.is_finite() {
            sums[o + 3] += out.tfp_share;
        }
        sums[o + 4] += out.investment_total;
        let o = o + 5;
        for s in 0..s_n {
            acc.realised[s].add(out.realised[s]);
            let short = out.realised[s] < out.plan[s] * (1.0 - 1e-12);
            acc.short[s] += u64::from(short);
            acc.short_hits[s] += u64::from(short && hit);
            sums[o + s] += out.realised[s];
            sums[o + s_n + s] += out.plan[s] - out.realised[s];
        }
        let o = o + 2 * s_n;
        for (r, c) in out.compensation.iter().enumerate() {
            sums[o + r] += c;
        }
        if let Some(c) = corr
            && path < RANK_PATHS
        {
            acc.ranks
                .push((path, c.inputs.iter().map(|&i| ev.scratch.u[i]).collect()));
        }
        acc.curve.add(sc, &mut ev, plan);
    }
    acc.sums.push((chunk, sums));
    acc.chunk_hits.push((chunk, acc.n - n0, acc.hits - h0));
    super::progress::add(end.min(first + CHUNK).saturating_sub(first));
}

/// Runs the Monte Carlo for `sc`.
///
/// # Errors
/// [`RunError`] when the central inputs are impossible, every path is invalid, or the run is
/// interrupted.
pub fn run(sc: &Scenario, cfg: &RunConfig) -> Result<Summary, RunError> {
    run_with_curve(sc, cfg, &[])
}

/// Like [`run`], also evaluating every path with all sources' realisations scaled by each of
/// `scales` (the funding curve, [`super::CURVE_SCALES`]): `summary.funding_curve`. Its point
/// at scale 1 is the headline exactly.
///
/// # Errors
/// As [`run`].
pub fn run_with_curve(sc: &Scenario, cfg: &RunConfig, scales: &[f64]) -> Result<Summary, RunError> {
    let deterministic = model::project(sc, &sc.central)?;
    let acc = aggregate(sc, cfg, scales)?;
    summarise(sc, cfg, acc, deterministic)
}

/// Runs shard `cfg.shard` (or everything) and returns the mergeable aggregation state.
///
/// # Errors
/// As [`run`].
pub fn run_partial(
    sc: &Scenario,
    cfg: &RunConfig,
    scenario_path: &str,
    scales: &[f64],
) -> Result<Partial, RunError> {
    model::project(sc, &sc.central)?;
    let acc = aggregate(sc, cfg, scales)?;
    Ok(Partial {
        format: PARTIAL_FORMAT.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        scenario_path: scenario_path.into(),
        scenario_hash: sc.content_hash.clone(),
        seed: cfg.seed,
        paths: cfg.paths,
        sampler: cfg.sampler,
        shard: cfg.shard.unwrap_or((1, 1)),
        acc,
    })
}

/// Merges the partial results of shards 1..=N of one run into its summary, identical byte
/// for byte to the summary of the same run done in one go.
///
/// # Errors
/// [`RunError::Merge`] when the partials come from different runs or scenarios, a shard is
/// missing or repeated; [`RunError::AllInvalid`] as [`run`].
pub fn merge(sc: &Scenario, partials: Vec<Partial>) -> Result<Summary, RunError> {
    let Some(first) = partials.first() else {
        return Err(RunError::Merge("no partial results given".into()));
    };
    let (seed, paths, sampler, n) = (first.seed, first.paths, first.sampler, first.shard.1);
    let mut seen = vec![false; n as usize];
    for p in &partials {
        if p.format != PARTIAL_FORMAT {
            return Err(RunError::Merge(format!(
                "unknown format {:?} (expected {PARTIAL_FORMAT})",
                p.format
            )));
        }
        if p.scenario_hash != sc.content_hash {
            return Err(RunError::Merge(format!(
                "shard {}/{} was run on a different version of the scenario (hash {} vs {})",
                p.shard.0, p.shard.1, p.scenario_hash, sc.content_hash
            )));
        }
        if (p.seed, p.paths, p.sampler, p.shard.1) != (seed, paths, sampler, n) {
            return Err(RunError::Merge(format!(
                "shard {}/{} has seed {}, {} paths, sampler {:?}; shard {}/{} has seed {seed}, {paths} paths, sampler {sampler:?}",
                p.shard.0, p.shard.1, p.seed, p.paths, p.sampler, first.shard.0, n
            )));
        }
        let i = p.shard.0;
        if i == 0 || i > n || seen[(i - 1) as usize] {
            return Err(RunError::Merge(format!(
                "shard {i}/{n} is given twice or is out of range"
            )));
        }
        seen[(i - 1) as usize] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(RunError::Merge(format!(
            "shard {}/{n} is missing",
            missing + 1
        )));
    }
    let mut acc = Acc::new(sc, &[]);
    for p in partials {
        acc = acc.merge(p.acc);
    }
    let deterministic = model::project(sc, &sc.central)?;
    let cfg = RunConfig {
        paths,
        seed,
        sampler,
        precision: None,
        progress: false,
        shard: None,
    };
    summarise(sc, &cfg, acc, deterministic)
}

/// The chunks shard (index, count) computes: a contiguous block.
fn shard_chunks(total: u64, shard: Option<(u64, u64)>) -> (u64, u64) {
    match shard {
        None => (0, total),
        Some((i, n)) => (total * (i - 1) / n, total * i / n),
    }
}

fn aggregate(sc: &Scenario, cfg: &RunConfig, scales: &[f64]) -> Result<Acc, RunError> {
    let (first_chunk, last_chunk) = shard_chunks(cfg.paths.div_ceil(CHUNK), cfg.shard);
    let plan = if scales.is_empty() {
        f64::NAN
    } else {
        super::curve::plan_investment_total(sc)
    };
    let mut acc = Acc::new(sc, scales);
    let mut done_chunks = first_chunk;
    while done_chunks < last_chunk {
        if STOP.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(RunError::Interrupted {
                paths_done: acc.n + acc.invalid,
            });
        }
        let round_end = (done_chunks + ROUND).min(last_chunk);
        let part = (done_chunks..round_end)
            .into_par_iter()
            .fold(
                || Acc::new(sc, scales),
                |mut a, c| {
                    run_chunk(sc, cfg, c, cfg.paths, plan, &mut a);
                    a
                },
            )
            .reduce(|| Acc::new(sc, scales), Acc::merge);
        acc = acc.merge(part);
        done_chunks = round_end;
        if let Some(p) = cfg.precision {
            let (lo, hi) = wilson(acc.hits, acc.n, Z95);
            if acc.n > 0 && hi - lo <= p {
                break;
            }
        }
    }
    Ok(acc)
}

fn summarise(
    sc: &Scenario,
    cfg: &RunConfig,
    mut acc: Acc,
    deterministic: Projection,
) -> Result<Summary, RunError> {
    if acc.n == 0 {
        let why = acc
            .first_invalid
            .map(|(p, w)| format!("path {p}: {w}"))
            .unwrap_or_default();
        return Err(RunError::AllInvalid(why));
    }
    let t_n = sc.horizon();
    let s_n = sc.sources.len();
    acc.sums.sort_by_key(|(c, _)| *c);
    let mut sums = vec![0.0; n_sums(sc)];
    for (_, s) in &acc.sums {
        for (a, b) in sums.iter_mut().zip(s) {
            *a += b;
        }
    }
    let n = acc.n.max(1) as f64;
    let mean = |i: usize| sums[i] / n;
    let p = acc.hits as f64 / n;
    let (lo, hi) = wilson(acc.hits, acc.n, Z95);
    let o = 1 + t_n;
    let os = o + 5;
    let funding = sc
        .sources
        .iter()
        .enumerate()
        .map(|(s, src)| FundingSummary {
            source: src.id.clone(),
            label_vi: src.label_vi.clone(),
            label_en: src.label_en.clone(),
            financing: src.financing,
            plan: (0..t_n)
                .map(|t| sc.plan_vnd(s, t, sc.central.exchange_rate[t]))
                .sum(),
            realised: Percentiles::of(&acc.realised[s], mean(os + s)),
            shortfall_mean: mean(os + s_n + s),
            prob_short: acc.short[s] as f64 / n,
            prob_hit_given_short: (acc.short[s] > 0)
                .then(|| acc.short_hits[s] as f64 / acc.short[s] as f64),
        })
        .collect();
    let oc = os + 2 * s_n;
    let compensation = sc
        .uncertainty
        .compensation
        .iter()
        .enumerate()
        .map(|(r, c)| CompensationSummary {
            id: c.id.clone(),
            enabled: c.enabled,
            added_mean: mean(oc + r),
        })
        .collect();
    let mut rank_correlations = Vec::new();
    if let Some(c) = &sc.uncertainty.correlation {
        acc.ranks.sort_by_key(|(p, _)| *p);
        let col = |j: usize| -> Vec<f64> { acc.ranks.iter().map(|(_, v)| v[j]).collect() };
        for a in 0..c.inputs.len() {
            for b in a + 1..c.inputs.len() {
                rank_correlations.push(RankCorrelation {
                    a: sc.uncertainty.inputs[c.inputs[a]].name.clone(),
                    b: sc.uncertainty.inputs[c.inputs[b]].name.clone(),
                    target: c.matrix[a][b],
                    requested: c.requested[a][b],
                    repaired_distance: c.repaired_distance,
                    expected: 6.0 / std::f64::consts::PI * (c.matrix[a][b] / 2.0).asin(),
                    achieved: spearman(&col(a), &col(b)),
                });
            }
        }
    }
    Ok(Summary {
        scenario: sc.meta.name.clone(),
        scenario_hash: sc.content_hash.clone(),
        seed: cfg.seed,
        paths: acc.n + acc.invalid,
        sampler: cfg.sampler,
        target: sc.meta.target_growth,
        prob_hit: p,
        prob_hit_se: (p * (1.0 - p) / n).sqrt(),
        prob_hit_ci95: [lo, hi],
        prob_above: acc.above as f64 / n,
        cagr: Percentiles::of(&acc.cagr, mean(0)),
        cagr_distribution: {
            let lo = acc.cagr.quantile(0.001).unwrap_or(0.0);
            let hi = acc.cagr.quantile(0.999).unwrap_or(0.0);
            let bins = 120;
            Distribution {
                lo,
                width: (hi - lo) / bins as f64,
                counts: acc.cagr.rebin(lo, hi, bins),
            }
        },
        years: (0..t_n)
            .map(|t| YearSummary {
                year: sc.meta.years[t],
                growth: Percentiles::of(&acc.years[t], mean(1 + t)),
                prob_hit: acc.year_hits[t] as f64 / n,
                grdp_per_capita_usd: Percentiles::of(&acc.pc_years[t], mean(n_sums(sc) - t_n + t)),
            })
            .collect(),
        grdp_end: Percentiles::of(&acc.grdp_end, mean(o)),
        grdp_end_usd: Percentiles::of(&acc.grdp_end_usd, mean(o + 1)),
        grdp_per_capita_usd_end: Percentiles::of(&acc.pc_usd, mean(o + 2)),
        prob_per_capita_target: sc
            .targets
            .grdp_per_capita_usd
            .map(|_| acc.pc_hits as f64 / n),
        tfp_share: Percentiles::of(&acc.tfp_share, mean(o + 3)),
        investment_total: Percentiles::of(&acc.inv_total, mean(o + 4)),
        funding,
        compensation,
        rank_correlations,
        invalid_paths: acc.invalid,
        first_invalid: acc.first_invalid.map(|(p, why)| format!("path {p}: {why}")),
        deterministic,
        funding_curve: acc.curve.points(),
        convergence: convergence(&mut acc.chunk_hits),
    })
}
