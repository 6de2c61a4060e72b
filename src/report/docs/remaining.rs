//! The `remaining` document: realised years, then what the remaining years need (growth,
//! investment, the gap) with the conditional Monte Carlo's growth percentiles. CSV columns as
//! `remaining.csv` always had them.

use crate::analysis::remaining::Remaining;
use crate::report::charts::Chart;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, KeyFigure, Kind, NativeChart, NativeKind, Table,
};
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

fn num(x: f64) -> Cell {
    if x.is_finite() {
        Cell::Num(x)
    } else {
        Cell::Empty
    }
}

/// The document of `grdpsim remaining`.
pub fn remaining(sc: &Scenario, r: &Remaining, chart: Option<Chart>, l: Lang) -> Document {
    let title = chart.as_ref().map_or_else(
        || msg(l, "remaining_years").to_string(),
        |c| c.title.clone(),
    );
    let mut doc = Document::new(
        "remaining",
        title,
        format!(
            "{} — {}",
            sc.meta.name,
            l.pick(&sc.meta.title_vi, &sc.meta.title_en)
        ),
    );
    let (lead, after) = super::remaining_text::sentences(sc, r, l);
    doc.lead = lead;
    doc.headline.push(KeyFigure::new(
        msg(l, "required_growth_a_year_in_the_remaining_years"),
        r.required_growth,
        Kind::Rate { decimals: 2 },
    ));
    if !r.actual.is_empty() {
        doc.headline.push(KeyFigure::new(
            msg(l, "realised_average_growth"),
            r.actual_average,
            Kind::Rate { decimals: 2 },
        ));
    }
    if let Some(mc) = &r.monte_carlo {
        doc.headline.push(KeyFigure {
            label: msg(l, "p_hit_given_the_actuals").into(),
            value: mc.prob_hit,
            kind: Kind::Probability,
            interval: Some(mc.prob_hit_ci95),
        });
    }
    if let Some(k) = r
        .conditioned
        .as_ref()
        .and_then(|c| super::nowcast::key_figure(c, l))
    {
        doc.headline.push(k);
    }
    let rate = |d| Kind::Rate { decimals: d };
    let m = Kind::MoneyVnd;
    let mut t = Table::new(
        "remaining",
        msg(l, "by_year"),
        vec![
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new("status", msg(l, "status"), Kind::Count),
            Column::new("growth_actual", msg(l, "actual_growth"), rate(2)),
            Column::new("required_growth", msg(l, "required_growth"), rate(2)),
            Column::new(
                "required_growth_profile",
                msg(l, "required_growth_profile"),
                rate(2),
            ),
            Column::new("planned_growth", msg(l, "planned_growth"), rate(2)),
            Column::new("tfp_growth", msg(l, "tfp_growth"), rate(2)),
            Column::new("implied_tfp_growth", msg(l, "implied_tfp_growth"), rate(2)),
            Column::new("investment", msg(l, "investment"), m),
            Column::new("required_investment", msg(l, "required_investment"), m),
            Column::new("gap", msg(l, "gap"), m),
            Column::new("mc_growth_p5", "P5", rate(2)),
            Column::new("mc_growth_p25", "P25", rate(2)),
            Column::new("mc_growth_p50", "P50", rate(2)),
            Column::new("mc_growth_p75", "P75", rate(2)),
            Column::new("mc_growth_p95", "P95", rate(2)),
            Column::new(
                "mc_prob_at_least_required",
                msg(l, "p_at_least_required"),
                Kind::Probability,
            ),
        ],
    );
    let key = |k: &str, label: &str| Cell::Key {
        key: k.into(),
        label: label.into(),
    };
    for a in &r.actual {
        let mut row = vec![
            Cell::Num(f64::from(a.year)),
            key("actual", msg(l, "actual")),
            num(a.growth),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            num(a.tfp_growth_residual),
            Cell::Empty,
            num(a.investment),
            Cell::Empty,
            Cell::Empty,
        ];
        row.extend(std::iter::repeat_n(Cell::Empty, 6));
        t.row(row);
    }
    for y in &r.remaining {
        let mut row = vec![
            Cell::Num(f64::from(y.year)),
            key("remaining", msg(l, "remaining")),
            Cell::Empty,
            num(y.required_growth),
            y.required_growth_profile.map_or(Cell::Empty, num),
            num(y.planned_growth),
            num(y.scenario_tfp_growth),
            num(y.implied_tfp_growth),
            num(y.planned_investment),
            num(y.required_investment),
            num(y.gap),
        ];
        match r
            .monte_carlo
            .as_ref()
            .and_then(|m| m.years.iter().find(|m| m.year == y.year))
        {
            Some(mc) => row.extend([
                num(mc.growth.p5),
                num(mc.growth.p25),
                num(mc.growth.p50),
                num(mc.growth.p75),
                num(mc.growth.p95),
                num(mc.prob_at_least_required),
            ]),
            None => row.extend(std::iter::repeat_n(Cell::Empty, 6)),
        }
        t.row(row);
    }
    doc.blocks.push(Block::Figure(Figure {
        chart,
        native: Some(NativeChart {
            kind: NativeKind::Column,
            table: "remaining".into(),
            categories: 0,
            series: vec![8, 9],
            title: msg(l, "investment_planned_and_required").into(),
            y_title: msg(l, "money_thousand_bn_vnd").into(),
        }),
    }));
    doc.blocks.push(Block::Table(t));
    doc.blocks.extend(after.into_iter().map(Block::Paragraph));
    doc.blocks.extend(super::nowcast::blocks(r, l));
    doc.sources = vec![format!("{} {}", msg(l, "scenario"), sc.meta.name)];
    doc
}
