//! Policy analyses on top of the Monte Carlo: comparing scenarios, sweeping and solving for a
//! lever, sensitivity (tornado and Sobol), what the remaining years need given actuals, and
//! the calibration of the capital stock on a past period.
//!
//! Every analysis runs on common random numbers: the same seed and path indices, and each
//! uncertain input drawn from its own region of the path's stream, so two scenarios (or two
//! values of a lever) differ only by what was changed.

pub mod calibrate;
pub mod compare;
pub mod indicator_odds;
pub mod indicators;
pub mod lever_names;
pub mod levers;
pub mod plan_match;
pub mod plausibility;
pub mod remaining;
pub mod sectors;
pub mod sensitivity;
pub mod sobol;
pub mod solve;
pub mod sweep;
