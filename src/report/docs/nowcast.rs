//! The nowcast part of the `remaining` document: P(hit) with the paths weighted by how well
//! they reproduce the actuals, and each input's distribution before and after.

use crate::analysis::remaining::Remaining;
use crate::analysis::remaining::nowcast::Conditioned;
use crate::report::doc::{Block, Cell, Column, KeyFigure, Kind, Table};
use crate::report::{Lang, msg, msgf};

/// The headline figure of the nowcast, when it is not refused.
pub(super) fn key_figure(c: &Conditioned, l: Lang) -> Option<KeyFigure> {
    Some(KeyFigure {
        label: msg(l, "p_hit_nowcast").into(),
        value: c.prob_hit?,
        kind: Kind::Probability,
        interval: c.prob_hit_ci95,
    })
}

fn kind_of(unit: &str) -> Kind {
    match unit {
        "rate" => Kind::Rate { decimals: 2 },
        "realisation" => Kind::Rate { decimals: 1 },
        "vnd_per_usd" | "thousand_persons" => Kind::Number { decimals: 0 },
        _ => Kind::Number { decimals: 2 },
    }
}

/// The nowcast's blocks: a heading, the probability (or why it is refused), the inputs'
/// prior and updated distributions, and how to read them.
pub(super) fn blocks(r: &Remaining, l: Lang) -> Vec<Block> {
    let Some(c) = &r.conditioned else {
        return Vec::new();
    };
    let mut out = vec![Block::Heading(msg(l, "nowcast_heading").into())];
    match (c.prob_hit, c.prob_hit_ci95, &c.refused) {
        (Some(p), Some(ci), _) => out.push(Block::Paragraph(msgf(
            l,
            "nowcast_sentence",
            &[
                ("p", &l.pct(p, if p < 0.01 { 2 } else { 1 })),
                ("lo", &l.pct(ci[0], if ci[1] < 0.01 { 2 } else { 1 })),
                ("hi", &l.pct(ci[1], if ci[1] < 0.01 { 2 } else { 1 })),
                ("ess", &l.num(c.effective_paths, 0)),
                ("paths", &l.num(c.weighted_paths as f64, 0)),
                ("sg", &l.pct(c.likelihood.sigma_growth, 2)),
                ("si", &l.pct(c.likelihood.sigma_investment, 0)),
            ],
        ))),
        (_, _, Some(why)) => out.push(Block::Warning(format!(
            "{} {why}",
            msg(l, "nowcast_refused")
        ))),
        _ => {}
    }
    if !c.inputs.is_empty() {
        let cols = vec![
            Column::new("input", msg(l, "input"), Kind::Number { decimals: 0 }),
            Column::new("unit", msg(l, "unit"), Kind::Number { decimals: 0 }).for_files(),
            Column::new(
                "prior_p10",
                msg(l, "prior_p10"),
                Kind::Number { decimals: 4 },
            ),
            Column::new(
                "prior_mean",
                msg(l, "prior_mean"),
                Kind::Number { decimals: 4 },
            ),
            Column::new(
                "prior_p90",
                msg(l, "prior_p90"),
                Kind::Number { decimals: 4 },
            ),
            Column::new(
                "posterior_p10",
                msg(l, "posterior_p10"),
                Kind::Number { decimals: 4 },
            ),
            Column::new(
                "posterior_mean",
                msg(l, "posterior_mean"),
                Kind::Number { decimals: 4 },
            ),
            Column::new(
                "posterior_p90",
                msg(l, "posterior_p90"),
                Kind::Number { decimals: 4 },
            ),
        ];
        let mut t = Table::new("nowcast_inputs", msg(l, "nowcast_inputs_title"), cols);
        for u in &c.inputs {
            let k = kind_of(&u.unit);
            t.row(vec![
                Cell::Text(u.name.clone()),
                Cell::Text(u.unit.clone()),
                Cell::Value(u.prior_p10, k),
                Cell::Value(u.prior_mean, k),
                Cell::Value(u.prior_p90, k),
                Cell::Value(u.posterior_p10, k),
                Cell::Value(u.posterior_mean, k),
                Cell::Value(u.posterior_p90, k),
            ]);
        }
        out.push(Block::Table(t));
    }
    out.push(Block::Note(msg(l, "nowcast_method_note").into()));
    out
}
