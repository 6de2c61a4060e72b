//! Monte Carlo over uncertain inputs: deterministic per-path streams, streaming aggregation.

mod acc;
mod adjust;
pub mod correlation;
mod curve;
pub mod dist;
mod held;
mod histogram;
pub mod milestones;
mod path;
mod philox;
pub mod progress;
mod rescale;
mod run;
mod sampler;
mod shard;
pub mod stream;
mod summary;

pub use acc::Acc;
pub use adjust::{Buffers, Plans, adjust, adjust_sources};
pub use curve::{CURVE_SCALES, CurvePoint, plan_investment_total};
pub use held::{HeldRun, run_held, run_light};
pub use histogram::{Histogram, Scale, wilson};
pub use path::{PathEval, PathResult, evaluate};
pub use rescale::{LANES, Rescaled};
pub use run::{
    CHUNK, Cancel, MAX_INVALID_SHARE, PRECISION_ROUND, ROUND, RunConfig, RunError, STOP, run,
    run_partial, run_with_curve, stopped,
};
pub use sampler::{Hold, Sampler, Scratch, Variates, apply, draw, invalid_reason, variates};
pub use shard::{PARTIAL_FORMAT, Partial, merge};
pub use summary::{
    CompensationSummary, ConvergencePoint, Distribution, FundingSummary, Percentiles,
    PrecisionStop, RankCorrelation, Summary, YearSummary, spearman,
};
