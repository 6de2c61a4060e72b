//! Monte Carlo over uncertain inputs: deterministic per-path streams, streaming aggregation.

pub mod correlation;
mod curve;
pub mod dist;
mod held;
mod histogram;
mod path;
pub mod progress;
mod run;
mod sampler;
pub mod stream;
mod summary;

pub use curve::{CURVE_SCALES, CurvePoint, plan_investment_total};
pub use held::{HeldRun, run_held};
pub use histogram::{Histogram, Scale, wilson};
pub use path::{PathEval, PathResult, adjust_sources, evaluate};
pub use run::{
    Acc, CHUNK, PARTIAL_FORMAT, Partial, ROUND, RunConfig, RunError, STOP, merge, run, run_partial,
    run_with_curve,
};
pub use sampler::{Hold, Sampler, Scratch, Variates, apply, draw, invalid_reason, variates};
pub use summary::{
    CompensationSummary, ConvergencePoint, Distribution, FundingSummary, Percentiles,
    RankCorrelation, Summary, YearSummary, spearman,
};
