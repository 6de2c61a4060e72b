//! Plausibility warnings as document blocks: one sentence each, in the report's language,
//! with the figure, the years, the bound crossed and the 2021–2025 record.

use crate::analysis::plausibility::Warning;
use crate::report::doc::Block;
use crate::report::{Lang, msg, msgf};

/// The warning in words.
pub fn plausibility_text(w: &Warning, l: Lang) -> String {
    let fmt = |v: f64| {
        if w.code.contains("icor") {
            l.num(v, 2)
        } else if w.code.contains("investment_ratio") {
            l.pct(v, 2)
        } else {
            l.pct(v, 1)
        }
    };
    let years = if w.years.is_empty() {
        msg(l, "the_period").to_string()
    } else {
        w.years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    msgf(
        l,
        &format!("warn_{}", w.code),
        &[
            ("value", &fmt(w.value)),
            ("years", &years),
            ("bound", &fmt(w.bound)),
            ("record", &fmt(w.record)),
        ],
    )
}

/// One warning block per warning, each ending with where the thresholds come from.
pub fn plausibility_blocks(ws: &[Warning], l: Lang) -> Vec<Block> {
    ws.iter()
        .map(|w| {
            Block::Warning(format!(
                "{} {}",
                plausibility_text(w, l),
                msg(l, "plausibility_see_docs")
            ))
        })
        .collect()
}
