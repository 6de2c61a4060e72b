//! One document builder per command: analysis results in, a [`Document`](super::doc::Document)
//! out. Nothing here formats a number; the renderers do.

use crate::report::msg;
mod assumptions;
mod calibration;
mod compare;
mod compare_text;
mod facts;
mod indicators;
mod inputs;
mod levers;
mod nowcast;
mod plan_match;
mod projection_brief;
mod reading;
mod remaining;
mod remaining_text;
mod required;
mod run;
mod run_brief;
mod run_data;
mod run_tables;
mod sectors;
mod sensitivity;
mod sensitivity_text;
mod solve_text;
mod warnings;

pub use calibration::calibration;
pub use compare::{compare, compare_sheet_names};
pub use compare_text::warning_text;
pub use indicators::indicators;
pub use levers::{lever_kind, solve, sweep};
pub use plan_match::plan_match;
pub use projection_brief::projection_brief;
pub use remaining::remaining;
pub use required::required;
pub use run::{headline, headline_deterministic, prob_hit_label, projection, run, sheet_names};
pub use run_brief::run_brief;
pub use sectors::sectors;
pub use sensitivity::{sensitivity, sensitivity_sheet_names};
pub use sensitivity_text::{end_text, group_label, level_text, method_notes, top_three};
pub use warnings::{plausibility_blocks, plausibility_text};

/// "name — title" of a scenario in `l`: the subtitle of a deterministic command's document.
pub(crate) fn named(sc: &crate::scenario::Scenario, l: crate::report::Lang) -> String {
    format!(
        "{} — {}",
        sc.meta.name,
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    )
}

/// The provenance lines of a deterministic command's document: the scenario and its hash.
pub(crate) fn scenario_sources(
    sc: &crate::scenario::Scenario,
    l: crate::report::Lang,
) -> Vec<String> {
    vec![
        format!("{} {}", msg(l, "scenario_2"), sc.meta.name),
        format!("{} {}", msg(l, "hash"), sc.content_hash),
    ]
}
