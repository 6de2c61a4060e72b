//! Shards: a run split over machines, each writing a mergeable partial result.

use super::acc::{Acc, summarise};
use super::run::{RunConfig, RunError};
use super::sampler::Sampler;
use super::summary::Summary;
use crate::model;
use crate::scenario::Scenario;
use serde::Serialize;

/// A shard's exact, mergeable result (`partial.json`).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Partial {
    /// Format tag, `grdpsim-partial/2`.
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
pub const PARTIAL_FORMAT: &str = "grdpsim-partial/2";

/// Merges the partial results of shards 1..=N of one run into its summary, identical byte
/// for byte to the summary of the same run done in one go.
///
/// # Errors
/// [`RunError::Merge`] when the partials come from different runs or scenarios, a shard is
/// missing or repeated; [`RunError::AllInvalid`] as [`run`].
pub fn merge(
    sc: &Scenario,
    partials: Vec<Partial>,
    allow_invalid: bool,
) -> Result<Summary, RunError> {
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
    let mut cfg = RunConfig::new(paths, seed, sampler);
    cfg.allow_invalid = allow_invalid;
    summarise(sc, &cfg, acc, deterministic)
}
