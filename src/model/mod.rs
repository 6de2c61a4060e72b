//! The deterministic year-by-year growth model (pure functions of a scenario and its inputs).
//!
//! Equations are documented in `docs/model.md`.

mod accounting;
mod engine;
mod inverse;
pub mod math;
mod projection;

pub use accounting::{contributions, icor_ratio, tfp_share};
pub use engine::{
    ModelError, Workspace, cagr, capital, growth, investment, investment_by_source, labour_term,
    pin_investment, simulate, totals, totals_lanes,
};
pub use inverse::{
    Required, RequiredYear, required, required_path, with_implied_tfp, with_required_investment,
};
pub use projection::{Amounts, Projection, YearRow, build, check_finite, project};
