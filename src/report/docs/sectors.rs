//! The `sectors` document: the sector bridge (each sector's share, growth and contribution,
//! what the uncovered remainder must grow), the comparison with the macro path, and what the
//! rest of the horizon needs from sectors with realised years.

use crate::analysis::sectors::SectorBridge;
use crate::report::doc::{Block, Cell, Column, Document, KeyFigure, Kind, Table};
use crate::report::{Lang, msg, msgf};
use crate::scenario::Scenario;

/// The document of `grdpsim sectors`.
pub fn sectors(sc: &Scenario, b: &SectorBridge, l: Lang) -> Document {
    let mut doc = Document::new("sectors", msg(l, "sectors_title"), super::named(sc, l));
    let r2 = Kind::Rate { decimals: 2 };
    if let Some(r) = b.remainder_required_growth {
        let share = b
            .sectors
            .iter()
            .filter(|s| !s.given)
            .map(|s| s.share_base)
            .sum::<f64>();
        doc.lead = vec![msgf(
            l,
            "sectors_lead",
            &[
                ("target", &l.pct(b.target, 1)),
                ("share", &l.pct(share, 1)),
                ("r", &l.pct(r, 2)),
            ],
        )];
        doc.headline
            .push(KeyFigure::new(msg(l, "sectors_remainder_needs"), r, r2));
    }
    doc.headline.push(KeyFigure::new(
        msg(l, "sectors_bridge_growth"),
        b.growth_total,
        r2,
    ));
    let mut t = Table::new(
        "sectors",
        msg(l, "sectors_table"),
        vec![
            Column::new("id", "id", Kind::Number { decimals: 0 }).for_files(),
            Column::new("sector", msg(l, "sector"), Kind::Number { decimals: 0 }),
            Column::new("share_base", msg(l, "share_base"), r2),
            Column::new("share_end", msg(l, "share_end"), r2),
            Column::new("growth", msg(l, "growth"), r2),
            Column::new("contribution", msg(l, "contribution_a_year"), Kind::Points),
            Column::new("basis", msg(l, "basis"), Kind::Number { decimals: 0 }),
        ],
    );
    for s in &b.sectors {
        t.row(vec![
            Cell::Text(s.id.clone()),
            Cell::Text(l.pick(&s.label_vi, &s.label_en).into()),
            Cell::Num(s.share_base),
            Cell::Num(s.share_end),
            Cell::Num(s.growth),
            Cell::Num(s.contribution),
            Cell::Text(
                msg(
                    l,
                    if s.given {
                        "sector_target"
                    } else {
                        "sector_needed"
                    },
                )
                .into(),
            ),
        ]);
    }
    doc.blocks.push(Block::Table(t));
    let mut y = Table::new(
        "sectors_years",
        msg(l, "by_year"),
        vec![
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new("growth", msg(l, "sectors_bridge_growth"), r2),
            Column::new(
                "remainder_required",
                msg(l, "sectors_remainder_each_year"),
                r2,
            ),
            Column::new("macro_growth", msg(l, "sectors_macro_growth"), r2),
            Column::new(
                "remainder_for_macro",
                msg(l, "sectors_remainder_for_macro"),
                r2,
            ),
        ],
    );
    for (t, year) in sc.meta.years.iter().enumerate() {
        let opt = |v: &Vec<f64>| v.get(t).map_or(Cell::Empty, |x| Cell::Num(*x));
        y.row(vec![
            Cell::Num(f64::from(*year)),
            Cell::Num(b.growth_by_year[t]),
            opt(&b.remainder_required_by_year),
            Cell::Num(b.macro_growth[t]),
            opt(&b.remainder_for_macro),
        ]);
    }
    doc.blocks.push(Block::Table(y));
    if !b.requirements.is_empty() {
        let mut q = Table::new(
            "sector_requirements",
            msg(l, "sector_requirements"),
            vec![
                Column::new("id", msg(l, "sector"), Kind::Number { decimals: 0 }),
                Column::new("plan", msg(l, "plan_word"), r2),
                Column::new("actual_average", msg(l, "realised_average_growth"), r2),
                Column::new(
                    "required_growth",
                    msg(l, "required_growth_a_year_in_the_remaining_years"),
                    r2,
                ),
            ],
        );
        for r in &b.requirements {
            let avg =
                (r.actual.iter().map(|a| a.ln_1p()).sum::<f64>() / r.actual.len() as f64).exp_m1();
            q.row(vec![
                Cell::Text(r.id.clone()),
                Cell::Num(r.plan),
                Cell::Num(avg),
                Cell::Num(r.required_growth),
            ]);
        }
        doc.blocks.push(Block::Table(q));
    }
    if !b.outside.is_empty() {
        doc.blocks.push(Block::Note(format!(
            "{} {}",
            msg(l, "sectors_outside"),
            b.outside.join(", ")
        )));
    }
    doc.blocks
        .push(Block::Note(msg(l, "sectors_method").into()));
    doc.sources = super::scenario_sources(sc, l);
    doc
}
