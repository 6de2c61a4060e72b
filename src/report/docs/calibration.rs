//! The `calibrate` document: the solved K/Y (or α), the period decomposition it gives, and
//! the same solve under other plausible assumptions.

use crate::analysis::calibrate::{Calibration, Unknown};
use crate::report::doc::{Block, Cell, Column, Document, KeyFigure, Kind, Table};
use crate::report::{Lang, msg, msgf};
use crate::scenario::Scenario;

fn key_figure(label: &str, value: f64, kind: Kind) -> KeyFigure {
    KeyFigure {
        label: label.into(),
        value,
        kind,
        interval: None,
    }
}

/// The document of `grdpsim calibrate`.
pub fn calibration(sc: &Scenario, c: &Calibration, l: Lang) -> Document {
    let title = msgf(
        l,
        "calibration_title",
        &[("share", &l.pct(c.tfp_share_target, 1))],
    );
    let subtitle = super::named(sc, l);
    let mut doc = Document::new("calibration", title, subtitle);
    let solved_label = match c.solve {
        Unknown::CapitalOutputRatio => msg(l, "calibrated_capital_output_ratio_start"),
        Unknown::CapitalShare => msg(l, "calibrated_capital_share"),
    };
    doc.lead = vec![msgf(
        l,
        "calibration_lead",
        &[
            ("field", &c.field),
            ("value", &l.num(c.value, 4)),
            ("share", &l.pct(c.tfp_share, 2)),
            ("end", &l.num(c.capital_output_ratio_end, 3)),
        ],
    )];
    doc.headline = vec![
        key_figure(solved_label, c.value, Kind::Number { decimals: 4 }),
        key_figure(
            msg(l, "capital_output_ratio_end_of_period"),
            c.capital_output_ratio_end,
            Kind::Number { decimals: 3 },
        ),
        key_figure(
            msg(l, "tfp_share_computed_by_the_engine"),
            c.tfp_share,
            Kind::Rate { decimals: 2 },
        ),
        key_figure(
            msg(l, "average_growth_over_the_period"),
            c.cagr,
            Kind::Rate { decimals: 2 },
        ),
        key_figure(
            msg(l, "investment_grdp_over_the_period"),
            c.investment_ratio_period,
            Kind::Rate { decimals: 2 },
        ),
    ];
    if c.realised_years < c.years.len() {
        doc.blocks.push(Block::Warning(msgf(
            l,
            "calibration_not_all_years_realised",
            &[("realised", &c.realised_years), ("years", &c.years.len())],
        )));
    }
    let mut t = Table::new(
        "calibration",
        msg(l, "decomposition_of_the_period_at_the_calibrated_value"),
        vec![
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new("growth", msg(l, "growth"), Kind::Rate { decimals: 2 }),
            Column::new("basis", msg(l, "basis"), Kind::Number { decimals: 0 }),
            Column::new(
                "investment_ratio",
                msg(l, "investment_grdp_2"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "capital_output_ratio",
                msg(l, "capital_output_ratio_end_of_year"),
                Kind::Number { decimals: 3 },
            ),
            Column::new(
                "tfp_growth",
                msg(l, "tfp_growth"),
                Kind::Rate { decimals: 2 },
            ),
            Column::new("contrib_tfp", msg(l, "col_contrib_tfp"), Kind::Points),
            Column::new(
                "contrib_capital",
                msg(l, "col_contrib_capital"),
                Kind::Points,
            ),
            Column::new("contrib_labour", msg(l, "col_contrib_labour"), Kind::Points),
            Column::new("tfp_share", msg(l, "tfp_share"), Kind::Rate { decimals: 1 }),
        ],
    );
    for y in &c.years {
        let basis = if y.estimated {
            msg(l, "estimate_word")
        } else if c.realised_years > 0 {
            msg(l, "actual")
        } else {
            msg(l, "projected_word")
        };
        let mut row = Cell::nums(&[f64::from(y.year), y.growth]);
        row.push(Cell::Text(basis.into()));
        row.extend(Cell::nums(&[
            y.investment_ratio,
            y.capital_output_ratio,
            y.tfp_growth,
            y.contrib_tfp,
            y.contrib_capital,
            y.contrib_labour,
        ]));
        row.push(Cell::opt(y.tfp_share));
        t.row(row);
    }
    t.row(vec![
        Cell::Key {
            key: "period".into(),
            label: msg(l, "period").into(),
        },
        Cell::Num(c.cagr),
        Cell::Empty,
        Cell::Num(c.investment_ratio_period),
        Cell::Num(c.capital_output_ratio_end),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Num(c.tfp_share),
    ]);
    t.total_rows.push(c.years.len());
    doc.blocks.push(Block::Table(t));
    if !c.variants.is_empty() {
        let mut v = Table::new(
            "calibration_variants",
            msg(l, "the_same_calibration_under_other_assumptions"),
            vec![
                Column::new("variant", msg(l, "variant"), Kind::Number { decimals: 0 }),
                Column::new("tfp_share", msg(l, "tfp_share"), Kind::Rate { decimals: 1 }),
                Column::new(
                    "capital_share",
                    msg(l, "capital_share"),
                    Kind::Number { decimals: 2 },
                ),
                Column::new(
                    "depreciation",
                    msg(l, "depreciation_rate"),
                    Kind::Rate { decimals: 1 },
                ),
                Column::new(
                    "capital_output_ratio_start",
                    msg(l, "calibrated_capital_output_ratio_start"),
                    Kind::Number { decimals: 3 },
                ),
                Column::new(
                    "capital_output_ratio_end",
                    msg(l, "capital_output_ratio_end_of_period"),
                    Kind::Number { decimals: 3 },
                ),
            ],
        );
        for r in &c.variants {
            v.row(vec![
                Cell::Key {
                    key: r.key.clone(),
                    label: msg(l, &format!("variant_{}", r.key)).into(),
                },
                Cell::Num(r.tfp_share),
                Cell::Num(r.capital_share),
                Cell::Num(r.depreciation),
                Cell::Num(r.value),
                Cell::Num(r.capital_output_ratio_end),
            ]);
        }
        doc.blocks.push(Block::Table(v));
    }
    doc.blocks.push(Block::Note(msgf(
        l,
        "calibration_method_note",
        &[
            ("iterations", &c.iterations),
            ("residual", &format!("{:.1e}", c.residual)),
        ],
    )));
    doc.sources = super::scenario_sources(sc, l);
    doc
}
