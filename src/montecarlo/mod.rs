//! Monte Carlo over uncertain inputs: deterministic per-path streams, streaming aggregation.

mod acc;
pub mod correlation;
mod curve;
pub mod dist;
mod held;
mod histogram;
mod path;
pub mod progress;
mod run;
mod sampler;
mod shard;
pub mod stream;
mod summary;

pub use acc::Acc;
pub use curve::{CURVE_SCALES, CurvePoint, plan_investment_total};
pub use held::{HeldRun, run_held};
pub use histogram::{Histogram, Scale, wilson};
pub use path::{Buffers, PathEval, PathResult, Plans, adjust_sources, evaluate};
pub use run::{
    CHUNK, PRECISION_ROUND, ROUND, RunConfig, RunError, STOP, run, run_partial, run_with_curve,
};
pub use sampler::{Hold, Sampler, Scratch, Variates, apply, draw, invalid_reason, variates};
pub use shard::{PARTIAL_FORMAT, Partial, merge};
pub use summary::{
    CompensationSummary, ConvergencePoint, Distribution, FundingSummary, Percentiles,
    PrecisionStop, RankCorrelation, Summary, YearSummary, spearman,
};
