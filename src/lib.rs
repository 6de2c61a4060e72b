//! grdpsim — an economic scenario simulator for Hanoi's 2026–2030 growth plan.
//!
//! Data flows one way: [`scenario`] (TOML → validated [`scenario::Scenario`]) → [`model`]
//! (deterministic year-by-year engine) → [`montecarlo`] (uncertain inputs, parallel paths) →
//! [`analysis`] (compare, sweep, solve, sensitivity, remaining) → [`report`] (JSON, CSV,
//! XLSX, charts, HTML); [`cli`] and [`serve`] (the live page) are the front ends. [`i18n`]
//! (the language and the message catalogue) sits beneath them all.
#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod i18n;
pub mod model;
pub mod montecarlo;
pub mod report;
pub mod scenario;
pub mod serve;
