//! A lean run with some inputs held fixed (the tornado): P(hit) and the median CAGR only.
//!
//! Same paths, streams and chunking as [`super::run`]: path `p` of seed `s` draws exactly the
//! variates it draws there, then [`super::apply`] replaces the held levels and delays. Two
//! runs with the same seed are therefore paired (common random numbers), and with nothing held
//! the result equals the full run's P(hit) and median CAGR exactly. Counts are integers and the
//! median comes from an integer histogram, so the result is bit-identical for any thread count.

use super::histogram::Z95;
use super::histogram::{Histogram, wilson};
use super::path::PathEval;
use super::run::{CHUNK, ROUND, RunConfig, RunError, STOP};
use super::sampler::{Hold, apply, variates};
use crate::model;
use crate::scenario::Scenario;
use rayon::prelude::*;
use serde::Serialize;

/// What a run with held values gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldRun {
    /// P(CAGR ≥ target) over valid paths (fraction).
    pub prob_hit: f64,
    /// Wilson 95% interval of `prob_hit`.
    pub prob_hit_ci95: [f64; 2],
    /// Median CAGR over valid paths (fraction per year; histogram bins of 1e-4).
    pub cagr_p50: f64,
    /// Mean CAGR over valid paths.
    pub cagr_mean: f64,
    /// 10th and 90th percentiles of the CAGR.
    pub cagr_p10: f64,
    /// See `cagr_p10`.
    pub cagr_p90: f64,
    /// Mean total investment spent over the horizon, k-bn VND, current prices.
    pub investment_mean: f64,
    /// Valid paths.
    pub valid: u64,
    /// Paths reaching the target.
    pub hits: u64,
    /// Invalid paths (excluded).
    pub invalid: u64,
}

struct Part {
    valid: u64,
    hits: u64,
    invalid: u64,
    first_invalid: Option<(u64, String)>,
    cagr: Histogram,
    /// Sums of CAGR and investment in path order (parts are merged in chunk order).
    sum_cagr: f64,
    sum_investment: f64,
}

impl Part {
    fn new() -> Self {
        Part {
            valid: 0,
            hits: 0,
            invalid: 0,
            first_invalid: None,
            cagr: Histogram::rate(),
            sum_cagr: 0.0,
            sum_investment: 0.0,
        }
    }

    fn merge(mut self, o: Part) -> Part {
        self.valid += o.valid;
        self.hits += o.hits;
        self.invalid += o.invalid;
        self.first_invalid = match (self.first_invalid, o.first_invalid) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        self.cagr.merge(&o.cagr);
        self.sum_cagr += o.sum_cagr;
        self.sum_investment += o.sum_investment;
        self
    }
}

fn chunk(sc: &Scenario, cfg: &RunConfig, hold: &Hold, c: u64) -> Part {
    let mut part = Part::new();
    let mut ev = PathEval::new(sc);
    let target = sc.meta.target_growth;
    let first = c * CHUNK;
    for path in first..cfg.paths.min(first + CHUNK) {
        variates(sc, cfg.seed, path, cfg.sampler, &mut ev.scratch);
        apply(sc, &mut ev.x, &mut ev.scratch, Some(hold));
        if let Err(why) = ev.simulate(sc) {
            part.invalid += 1;
            if part.first_invalid.is_none() {
                part.first_invalid = Some((path, why));
            }
            continue;
        }
        part.valid += 1;
        part.hits += u64::from(ev.out.cagr >= target);
        part.cagr.add(ev.out.cagr);
        part.sum_cagr += ev.out.cagr;
        part.sum_investment += ev.out.investment_total;
    }
    super::progress::add(cfg.paths.min(first + CHUNK).saturating_sub(first));
    part
}

/// The lean run with nothing held: the paths of [`super::run`] with only what `sweep` and
/// `solve` read (P(hit), CAGR mean and percentiles, mean investment), equal to the full run's
/// figures exactly, at a fraction of its aggregation cost.
///
/// # Errors
/// As [`run_held`].
pub fn run_light(sc: &Scenario, cfg: &RunConfig) -> Result<HeldRun, RunError> {
    let k = sc.uncertainty.inputs.len();
    let hold = Hold {
        level: vec![None; k],
        delay: vec![None; sc.uncertainty.events.len()],
    };
    run_held(sc, cfg, &hold)
}

/// Runs `cfg.paths` paths of `sc` (seed `cfg.seed`, sampler `cfg.sampler`) with the levels
/// and delays in `hold` fixed and everything else drawn; returns P(hit) with its Wilson
/// interval and the median CAGR. `cfg.precision`, `cfg.progress` and `cfg.shard` are ignored.
///
/// # Errors
/// [`RunError::Model`] when the central inputs are impossible, [`RunError::AllInvalid`] when
/// every path is, [`RunError::Interrupted`] when [`STOP`] is set.
pub fn run_held(sc: &Scenario, cfg: &RunConfig, hold: &Hold) -> Result<HeldRun, RunError> {
    model::project(sc, &sc.central)?;
    let chunks = cfg.paths.div_ceil(CHUNK);
    let mut acc = Part::new();
    let mut done = 0;
    while done < chunks {
        if STOP.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(RunError::Interrupted {
                paths_done: acc.valid + acc.invalid,
            });
        }
        let end = (done + ROUND).min(chunks);
        let parts: Vec<Part> = (done..end)
            .into_par_iter()
            .map(|c| chunk(sc, cfg, hold, c))
            .collect();
        for p in parts {
            acc = acc.merge(p);
        }
        done = end;
    }
    if acc.valid == 0 {
        let why = acc
            .first_invalid
            .map(|(p, w)| format!("path {p}: {w}"))
            .unwrap_or_default();
        return Err(RunError::AllInvalid(why));
    }
    let (lo, hi) = wilson(acc.hits, acc.valid, Z95);
    let q = |p: f64| acc.cagr.quantile(p).unwrap_or(f64::NAN);
    let n = acc.valid as f64;
    Ok(HeldRun {
        prob_hit: acc.hits as f64 / n,
        prob_hit_ci95: [lo, hi],
        cagr_p50: q(0.5),
        cagr_mean: acc.sum_cagr / n,
        cagr_p10: q(0.1),
        cagr_p90: q(0.9),
        investment_mean: acc.sum_investment / n,
        valid: acc.valid,
        hits: acc.hits,
        invalid: acc.invalid,
    })
}
