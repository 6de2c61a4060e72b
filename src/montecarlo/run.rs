//! The parallel run: chunks of paths on rayon, exact integer aggregation, ordered float sums.
//!
//! Paths are processed in chunks of [`CHUNK`] paths and rounds of [`ROUND`] chunks (of
//! [`PRECISION_ROUND`] chunks when `--precision` is checked). Each worker thread keeps one
//! accumulator for the whole run. Counts and histograms are integers (merging is exact in any
//! order); floating-point sums are kept per chunk and added in chunk order at the end. The
//! summary is therefore bit-identical for any number of threads.

use super::acc::{Acc, summarise};
use super::histogram::{Z95, wilson};
use super::sampler::Sampler;
use super::shard::{PARTIAL_FORMAT, Partial};
use super::summary::Summary;
use crate::model;
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Paths per chunk (also the Latin-hypercube block).
pub const CHUNK: u64 = super::stream::LHS_BLOCK;
/// Chunks per round (the unit of convergence checks and progress).
pub const ROUND: u64 = 64;

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
    /// Summarise the valid paths even when more than [`MAX_INVALID_SHARE`] of the paths are
    /// invalid (otherwise [`RunError::TooManyInvalid`]).
    pub allow_invalid: bool,
    /// Set from elsewhere to stop this run at the next round ([`RunError::Interrupted`]), as
    /// [`STOP`] stops every run: a live page drops a computation its user has moved past.
    pub cancel: Option<Cancel>,
}

/// A flag that stops the runs holding it (cloned handles share it).
pub type Cancel = std::sync::Arc<std::sync::atomic::AtomicBool>;

/// Whether [`STOP`] or `cancel` asks the run to stop.
pub fn stopped(cancel: Option<&Cancel>) -> bool {
    STOP.load(Ordering::Relaxed) || cancel.is_some_and(|c| c.load(Ordering::Relaxed))
}

/// Largest share of invalid paths (drawn inputs that make the economy impossible, such as TFP
/// growth at or below −100% or a negative K/Y) a run summarises without being told to: above
/// it the valid paths are a selected sample, and P(hit) computed on them misleads.
pub const MAX_INVALID_SHARE: f64 = 0.01;

impl RunConfig {
    /// `paths` paths of seed `seed` with `sampler`: no precision rule, no progress, no shard.
    pub fn new(paths: u64, seed: u64, sampler: Sampler) -> Self {
        RunConfig {
            paths,
            seed,
            sampler,
            precision: None,
            progress: false,
            shard: None,
            allow_invalid: false,
            cancel: None,
        }
    }
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
    /// More than [`MAX_INVALID_SHARE`] of the paths were invalid.
    TooManyInvalid {
        /// Invalid paths.
        invalid: u64,
        /// All paths drawn.
        paths: u64,
        /// The first invalid path and why (naming the input drawn).
        first: String,
    },
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
            RunError::TooManyInvalid {
                invalid,
                paths,
                first,
            } => write!(
                f,
                "{invalid} of {paths} paths ({:.1}%) were invalid, more than the {}% a run \
                 summarises: the valid paths would be a selected sample. First: {first}.\n\
                 help: narrow the distribution named there, or pass --allow-invalid to \
                 summarise the valid paths anyway (the outputs then state the invalid share)",
                100.0 * *invalid as f64 / (*paths).max(1) as f64,
                MAX_INVALID_SHARE * 100.0
            ),
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

/// The chunks shard (index, count) computes: a contiguous block.
fn shard_chunks(total: u64, shard: Option<(u64, u64)>) -> (u64, u64) {
    match shard {
        None => (0, total),
        Some((i, n)) => (total * (i - 1) / n, total * i / n),
    }
}

/// Chunks between two checks of `--precision` (16,384 paths).
pub const PRECISION_ROUND: u64 = 4;

/// Runs the chunks of `cfg` (its shard) on one persistent accumulator per worker thread:
/// each worker pulls the next chunk of the round and adds it to its own histograms, which
/// stay in its core's cache for the whole run; the workers' integer states are merged at the
/// end (exact in any order) and float sums are kept per chunk (added in chunk order later).
pub(crate) fn aggregate(sc: &Scenario, cfg: &RunConfig, scales: &[f64]) -> Result<Acc, RunError> {
    let (first_chunk, last_chunk) = shard_chunks(cfg.paths.div_ceil(CHUNK), cfg.shard);
    let plan = if scales.is_empty() {
        f64::NAN
    } else {
        super::curve::plan_investment_total(sc)
    };
    let workers = rayon::current_num_threads().max(1);
    let mut accs: Vec<Acc> = (0..workers).map(|_| Acc::new(sc, scales)).collect();
    let round = if cfg.precision.is_some() {
        PRECISION_ROUND
    } else {
        ROUND
    };
    let mut done_chunks = first_chunk;
    let mut stopped = None;
    while done_chunks < last_chunk {
        if self::stopped(cfg.cancel.as_ref()) {
            let paths_done = accs.iter().map(Acc::paths).sum();
            return Err(RunError::Interrupted { paths_done });
        }
        let round_end = (done_chunks + round).min(last_chunk);
        let next = AtomicU64::new(done_chunks);
        accs.par_iter_mut().for_each(|a| {
            loop {
                let c = next.fetch_add(1, Ordering::Relaxed);
                if c >= round_end {
                    break;
                }
                a.add_chunk(sc, cfg, c, plan);
            }
        });
        done_chunks = round_end;
        if let Some(p) = cfg.precision {
            let (hits, n) = accs
                .iter()
                .fold((0, 0), |(h, n), a| (h + a.hits(), n + a.valid()));
            let (lo, hi) = wilson(hits, n, Z95);
            if n > 0 && hi - lo <= p {
                stopped = Some(done_chunks * CHUNK);
                break;
            }
        }
    }
    let mut acc = accs
        .into_iter()
        .reduce(Acc::merge)
        .unwrap_or_else(|| Acc::new(sc, scales));
    acc.finish(stopped);
    Ok(acc)
}
