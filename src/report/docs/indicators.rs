//! The `indicators` document: the plan's indicator table beside the model, with the rows
//! whose numbers disagree flagged.

use crate::analysis::indicators::Indicators;
use crate::report::doc::{Block, Cell, Column, Document, KeyFigure, Kind, Table};
use crate::report::{Lang, msg, msgf};
use crate::scenario::Scenario;

/// The document of `grdpsim indicators`.
pub fn indicators(sc: &Scenario, ind: &Indicators, l: Lang) -> Document {
    let mut doc = Document::new(
        "indicators",
        msg(l, "indicators_title"),
        super::named(sc, l),
    );
    doc.headline.push(KeyFigure::new(
        msg(l, "indicators_flagged"),
        ind.flagged as f64,
        Kind::Count,
    ));
    let n = Kind::Number { decimals: 1 };
    let odds = ind.paths > 0;
    let mut columns = vec![
        Column::new("id", "id", Kind::Number { decimals: 0 }).for_files(),
        Column::new(
            "indicator",
            msg(l, "indicator"),
            Kind::Number { decimals: 0 },
        ),
        Column::new("unit", msg(l, "unit"), Kind::Number { decimals: 0 }),
        Column::new("year", msg(l, "year"), Kind::Year),
        Column::new("target", msg(l, "plan_word"), n),
        Column::new("model", msg(l, "model_word"), n),
        Column::new("deviation", msg(l, "deviation"), n),
    ];
    if odds {
        columns.push(Column::new(
            "prob_met",
            msg(l, "indicators_prob_met"),
            Kind::Probability,
        ));
    }
    let prob = Cell::opt;
    let mut t = Table::new(
        "indicators",
        msg(
            l,
            if ind.on_target {
                "indicators_table_on_target"
            } else {
                "indicators_table_projected"
            },
        ),
        columns,
    );
    for r in &ind.rows {
        let label = l.pick(&r.label_vi, &r.label_en).to_string();
        let (k, dk) = if r.rate {
            (Kind::Rate { decimals: 2 }, Kind::Points)
        } else {
            (Kind::Number { decimals: 1 }, Kind::Rate { decimals: 2 })
        };
        for y in &r.years {
            let mut cells = vec![
                Cell::Text(r.id.clone()),
                Cell::Text(label.clone()),
                Cell::Text(r.unit.clone()),
                Cell::Num(f64::from(y.year)),
                Cell::Value(y.target, k),
                y.model.map_or(Cell::Empty, |v| Cell::Value(v, k)),
                y.deviation.map_or(Cell::Empty, |v| Cell::Value(v, dk)),
            ];
            if odds {
                cells.push(prob(y.prob_met));
            }
            t.row(cells);
        }
        if let Some(p) = r.period {
            let mut cells = vec![
                Cell::Text(r.id.clone()),
                Cell::Text(label.clone()),
                Cell::Text(r.unit.clone()),
                Cell::Key {
                    key: "period".into(),
                    label: msg(l, "period").into(),
                },
                Cell::Value(p, k),
                r.period_from_years
                    .map_or(Cell::Empty, |v| Cell::Value(v, k)),
                Cell::Empty,
            ];
            if odds {
                cells.push(prob(r.prob_met_period));
            }
            t.row(cells);
        }
    }
    doc.blocks.push(Block::Table(t));
    if odds {
        doc.blocks.push(Block::Note(msgf(
            l,
            "indicators_prob_note",
            &[("paths", &l.num(ind.paths as f64, 0)), ("seed", &ind.seed)],
        )));
    }
    for r in &ind.rows {
        let fmt = |v: f64| if r.rate { l.pct(v, 2) } else { l.num(v, 1) };
        let fdev = |v: f64| {
            if r.rate {
                format!("{:+.2} pt", 100.0 * v).replace('.', if l == Lang::Vi { "," } else { "." })
            } else {
                l.pct(v, 2)
            }
        };
        for f in &r.flags {
            let worst = r
                .years
                .iter()
                .filter_map(|y| y.deviation.map(|d| (y.year, d, y.target, y.model)))
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
            let text = match (f.as_str(), worst) {
                ("model_differs", Some((year, d, target, m))) => msgf(
                    l,
                    "indicators_model_differs",
                    &[
                        ("label", &l.pick(&r.label_vi, &r.label_en)),
                        ("year", &year),
                        ("target", &fmt(target)),
                        ("model", &fmt(m.unwrap_or(f64::NAN))),
                        ("dev", &fdev(d)),
                    ],
                ),
                _ => msgf(
                    l,
                    "indicators_period_inconsistent",
                    &[
                        ("label", &l.pick(&r.label_vi, &r.label_en)),
                        ("period", &fmt(r.period.unwrap_or(f64::NAN))),
                        ("years", &fmt(r.period_from_years.unwrap_or(f64::NAN))),
                    ],
                ),
            };
            doc.blocks.push(Block::Warning(text));
        }
    }
    doc.blocks
        .push(Block::Note(msg(l, "indicators_method").into()));
    doc.sources = super::scenario_sources(sc, l);
    doc
}
