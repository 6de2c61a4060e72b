//! One document builder per command: analysis results in, a [`Document`](super::doc::Document)
//! out. Nothing here formats a number; the renderers do.

mod assumptions;
mod facts;
mod inputs;
mod levers;
mod reading;
mod remaining;
mod required;
mod run;
mod run_tables;

pub use levers::{lever_kind, solve, sweep};
pub use remaining::remaining;
pub use required::required;
pub use run::{headline, headline_deterministic, prob_hit_label, projection, run, sheet_names};
