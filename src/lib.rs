//! grdpsim — an economic scenario simulator for Hanoi's 2026–2030 growth plan.
//!
//! Data flows one way: [`scenario`] (TOML → validated [`scenario::Scenario`]) → [`model`]
//! (deterministic year-by-year engine) → [`report`] (JSON, CSV, text).
#![warn(missing_docs)]

pub mod cli;
pub mod model;
pub mod montecarlo;
pub mod report;
pub mod scenario;
