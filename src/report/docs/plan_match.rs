//! The `project --match-plan` document: the plan's published rows beside the model's with
//! TFP from the inverse mode, and the deviations.

use crate::analysis::plan_match::PlanMatch;
use crate::model::Projection;
use crate::report::doc::{Block, Cell, Column, Document, KeyFigure, Kind, Table};
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

fn kind_of(unit: &str) -> Kind {
    match unit {
        "rate" => Kind::Rate { decimals: 2 },
        "usd" => Kind::Number { decimals: 0 },
        _ => Kind::Number { decimals: 1 },
    }
}

/// The document of `grdpsim project --match-plan`.
pub fn plan_match(sc: &Scenario, m: &PlanMatch, p: &Projection, l: Lang) -> Document {
    let mut doc = Document::new(
        "plan_match",
        msg(l, "plan_match_title"),
        super::named(sc, l),
    );
    doc.headline = vec![
        KeyFigure::new(
            msg(l, "a_tfp_share_of_growth_needed_over_the_period"),
            m.tfp_share_period,
            Kind::Rate { decimals: 1 },
        ),
        KeyFigure::new(
            msg(l, "plan_match_max_relative"),
            m.max_relative_deviation,
            Kind::Rate { decimals: 2 },
        ),
        KeyFigure::new(
            msg(l, "plan_match_max_points"),
            m.max_points_deviation,
            Kind::Points,
        ),
    ];
    let mut t = Table::new(
        "plan_match",
        msg(l, "plan_match_table"),
        vec![
            Column::new(
                "indicator",
                msg(l, "indicator"),
                Kind::Number { decimals: 0 },
            ),
            Column::new("unit", msg(l, "unit"), Kind::Number { decimals: 0 }).for_files(),
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new("plan", msg(l, "plan_word"), Kind::Number { decimals: 2 }),
            Column::new("model", msg(l, "model_word"), Kind::Number { decimals: 2 }),
            Column::new(
                "deviation",
                msg(l, "deviation"),
                Kind::Number { decimals: 2 },
            ),
            Column::new(
                "deviation_kind",
                "deviation_kind",
                Kind::Number { decimals: 0 },
            )
            .for_files(),
            Column::new("source", msg(l, "source_2"), Kind::Number { decimals: 0 }).for_files(),
        ],
    );
    for r in &m.rows {
        let k = kind_of(&r.unit);
        let dev = if r.deviation_kind == "points" {
            Kind::Points
        } else {
            Kind::Rate { decimals: 2 }
        };
        t.row(vec![
            Cell::Text(match msg(l, &format!("plan_row_{}", r.indicator)) {
                "" => r.indicator.clone(),
                s => s.to_string(),
            }),
            Cell::Text(r.unit.clone()),
            r.year.map_or_else(
                || Cell::Key {
                    key: "period".into(),
                    label: msg(l, "period").into(),
                },
                |y| Cell::Num(f64::from(y)),
            ),
            Cell::Value(r.plan, k),
            Cell::Value(r.model, k),
            Cell::Value(r.deviation, dev),
            Cell::Text(r.deviation_kind.clone()),
            Cell::Text(r.source.clone()),
        ]);
    }
    doc.blocks.push(Block::Table(t));
    doc.blocks
        .push(Block::Heading(msg(l, "plan_match_projection").into()));
    doc.blocks.extend(super::projection_brief(sc, p, l).blocks);
    doc.blocks
        .push(Block::Note(msg(l, "plan_match_note").into()));
    doc.sources = super::scenario_sources(sc, l);
    doc
}
