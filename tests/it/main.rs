//! Every integration test in one binary: one link instead of one per file, so a
//! clean `cargo test` needs a fraction of the disk and time (each file is a module).

mod actuals_file;
mod bad_input;
mod calibrate;
mod chart_layout;
mod charts;
mod cli;
mod compare;
mod compensation;
mod curve;
mod document;
mod folder_unit;
mod fuzz;
mod human_capital;
mod indicators;
mod lang_vi;
mod levers;
mod milestones;
mod model;
mod montecarlo;
mod nowcast;
mod outputs;
mod plan;
mod plausibility;
mod print;
mod remaining;
mod reports;
mod robustness;
mod run_all;
mod sectors;
mod sensitivity;
mod serve;
mod serve_browser;
mod serve_load;
mod support;
