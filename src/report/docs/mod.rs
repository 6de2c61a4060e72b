//! One document builder per command: analysis results in, a [`Document`](super::doc::Document)
//! out. Nothing here formats a number; the renderers do.

mod required;

pub use required::required;
