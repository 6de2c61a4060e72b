//! Outputs: one exporter per format (JSON, CSV, text), atomic writes, bilingual labels.

mod atomic;
pub mod charts;
mod cite;
pub mod doc;
pub mod docs;
pub mod feasibility;
pub mod folder;
mod json;
mod manifest;
pub mod outputs;
pub mod render;
mod table;
mod text;
mod verdict;

pub use crate::i18n::{Lang, catalogue, msg, msgf};
pub use atomic::write_atomic;
pub use cite::humanise_citation;
pub use json::{WithWarnings, to_json};
pub use manifest::{FileEntry, Manifest, Timing, iso8601_utc, sha256_hex};
pub use outputs::{
    Formats, OutputSet, compare_outputs, document_outputs, finish, projection_outputs,
    sensitivity_outputs, summary_outputs,
};
pub use table::TextTable;
pub use text::scenario_summary;
pub use verdict::Verdict;
