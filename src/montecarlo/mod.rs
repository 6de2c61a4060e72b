//! Monte Carlo over uncertain inputs: deterministic per-path streams, streaming aggregation.

mod histogram;
pub mod stream;

pub use histogram::{Histogram, Scale, wilson};
