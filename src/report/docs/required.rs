//! The `required` document: the TFP growth the plan's funding needs (a) and the investment
//! the target needs given the scenario's TFP or ICOR (b), the financing gap by year.

use crate::model::Required;
use crate::report::Lang;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, KeyFigure, Kind, NativeChart, NativeKind, Table,
};
use crate::report::{msg, msgf};
use crate::scenario::{Engine, Scenario};

/// The document of `grdpsim required`.
pub fn required(
    sc: &Scenario,
    r: &Required,
    chart: Option<crate::report::charts::Chart>,
    l: Lang,
) -> Document {
    let title = msgf(
        l,
        "what_a_year_takes_the_tfp_and_the_investment_nee",
        &[("v1", &l.pct(r.target, 1))],
    );
    let subtitle = super::named(sc, l);
    let mut doc = Document::new("required", title, subtitle);
    let basis = match sc.meta.engine {
        Engine::GrowthAccounting => "TFP",
        Engine::Icor => "ICOR",
    };
    doc.headline = vec![
        KeyFigure::new(
            msg(l, "a_tfp_growth_needed_a_year_with_the_planned_fund"),
            r.implied_tfp_growth_mean,
            Kind::Rate { decimals: 2 },
        ),
        KeyFigure::new(
            msg(l, "a_tfp_share_of_growth_needed_over_the_period"),
            r.implied_tfp_share_period,
            Kind::Rate { decimals: 1 },
        ),
        KeyFigure::new(
            msgf(l, "required_investment_label", &[("basis", &basis)]),
            r.required_total,
            Kind::MoneyVnd,
        ),
        KeyFigure::new(
            msg(l, "planned_investment_over_the_period"),
            r.planned_total,
            Kind::MoneyVnd,
        ),
        KeyFigure::new(
            msg(l, "financing_gap_needed_planned_negative_surplus"),
            r.gap_total,
            Kind::MoneyVnd,
        ),
    ];
    let mut t = Table::new(
        "required",
        msg(l, "by_year"),
        vec![
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new(
                "target_growth",
                msg(l, "growth_target"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "implied_tfp_growth",
                msg(l, "tfp_growth_needed"),
                Kind::Rate { decimals: 2 },
            ),
            Column::new(
                "implied_tfp_share",
                msg(l, "tfp_share_needed"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "target_tfp_share",
                msg(l, "target_tfp_share"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "implied_icor",
                msg(l, "implied_icor"),
                Kind::Number { decimals: 2 },
            ),
            Column::new(
                "planned_investment",
                msg(l, "planned_investment"),
                Kind::MoneyVnd,
            ),
            Column::new(
                "required_investment",
                msg(l, "investment_needed"),
                Kind::MoneyVnd,
            ),
            Column::new("gap", msg(l, "gap_surplus"), Kind::MoneyVnd),
            Column::new(
                "required_investment_ratio",
                msg(l, "needed_grdp"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "grdp_nominal_target",
                msg(l, "grdp_on_target_current_prices"),
                Kind::MoneyVnd,
            ),
        ],
    );
    let target_share = |i: usize| {
        sc.targets
            .tfp_share
            .as_ref()
            .and_then(|v| v.get(i))
            .map_or(Cell::Empty, |v| Cell::Num(*v))
    };
    for (i, y) in r.years.iter().enumerate() {
        let mut row = Cell::nums(&[
            f64::from(y.year),
            y.target_growth,
            y.implied_tfp_growth,
            y.implied_tfp_share,
        ]);
        row.push(target_share(i));
        row.extend(Cell::nums(&[
            y.implied_icor,
            y.planned_investment,
            y.required_investment,
            y.gap,
            y.required_investment_ratio,
            y.grdp_nominal_target,
        ]));
        t.row(row);
    }
    t.row(vec![
        Cell::Key {
            key: "period".into(),
            label: msg(l, "period").into(),
        },
        Cell::Num(r.target),
        Cell::Num(r.implied_tfp_growth_mean),
        Cell::Num(r.implied_tfp_share_period),
        Cell::opt(sc.targets.tfp_share_period),
        Cell::Empty,
        Cell::Num(r.planned_total),
        Cell::Num(r.required_total),
        Cell::Num(r.gap_total),
        Cell::Empty,
        Cell::Empty,
    ]);
    t.total_rows.push(r.years.len());
    doc.blocks.push(Block::Table(t));
    doc.blocks.push(Block::Figure(Figure {
        chart,
        native: Some(NativeChart {
            kind: NativeKind::Column,
            table: "required".into(),
            categories: 0,
            series: vec![6, 7],
            title: msg(l, "investment_planned_and_needed").into(),
            y_title: msg(l, "thousand_bn_vnd_2").into(),
        }),
    }));
    doc.blocks.push(Block::Paragraph(msgf(
        l,
        "a_holding_the_planned_funding_so_the_capital_pat",
        &[
            ("v1", &l.pct(r.implied_tfp_growth_mean, 2)),
            ("v2", &l.pct(r.implied_tfp_share_period, 1)),
        ],
    )));
    let gap_word = if r.gap_total > 0.0 {
        "gap_word"
    } else {
        "surplus_word"
    };
    doc.blocks.push(Block::Paragraph(msgf(
        l,
        "required_investment_sentence",
        &[
            ("basis", &basis),
            ("target", &l.pct(r.target, 1)),
            ("required", &l.num(r.required_total, 1)),
            ("planned", &l.num(r.planned_total, 1)),
            ("gap_word", &msg(l, gap_word)),
            ("gap", &l.num(r.gap_total.abs(), 1)),
        ],
    )));
    let ws = crate::analysis::plausibility::check_required(sc, r);
    doc.blocks.extend(super::plausibility_blocks(&ws, l));
    doc.blocks.push(Block::Note(
        msg(l, "method_docs_model_md_8_inverse_modes_money_thous").into(),
    ));
    doc.sources = super::scenario_sources(sc, l);
    doc
}
