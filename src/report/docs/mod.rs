//! One document builder per command: analysis results in, a [`Document`](super::doc::Document)
//! out. Nothing here formats a number; the renderers do.

mod levers;
mod remaining;
mod required;

pub use levers::{lever_kind, solve, sweep};
pub use remaining::remaining;
pub use required::required;
