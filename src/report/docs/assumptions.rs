//! The assumptions section of a run's document: what is assumed rather than printed in a
//! document, every input with its value and citation, the Monte Carlo distributions, events,
//! correlation (with any repair) and compensation rules, and the remaining citations.

use super::inputs::{InputKind, input_kind, input_sections, kind_label};
use crate::report::doc::{Block, Cell, Column, Kind, Table};
use crate::report::{Lang, humanise_citation, msg};
use crate::scenario::Scenario;
use crate::scenario::uncertainty::{Apply, Cap, Target};
use std::collections::BTreeSet;

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn on_off(b: bool, l: Lang) -> &'static str {
    msg(l, if b { "on" } else { "off" })
}

/// The blocks of the assumptions section; tables go on the workbook sheet `sheet`.
pub fn assumptions(sc: &Scenario, sheet: &str, l: Lang) -> Vec<Block> {
    let cite = |c: &str| text(humanise_citation(c, l));
    let n = sc.horizon();
    let sections = input_sections(sc, l);
    let mut blocks = vec![Block::Heading(msg(l, "assumptions_and_sources").into())];

    // every input: key, description, unit, type, value or one value a year, citation
    let num = Kind::Number { decimals: 2 };
    let mut cols = vec![
        Column::new("section", msg(l, "section"), num).for_files(),
        Column::new("key", msg(l, "key"), num),
        Column::new("description", msg(l, "description"), num),
        Column::new("unit", msg(l, "unit"), num),
        Column::new("type", msg(l, "type"), num),
        Column::new("value", msg(l, "value"), num).for_files(),
    ];
    cols.extend(
        sc.meta
            .years
            .iter()
            .map(|y| Column::new(&y.to_string(), y.to_string(), num).for_files()),
    );
    cols.push(Column::new("total", msg(l, "total_4"), num).for_files());
    cols.push(Column::new("values", msg(l, "value"), num).for_readers());
    cols.push(Column::new("citation", msg(l, "source_citation"), num));
    let mut inputs = Table::new("inputs", msg(l, "inputs_and_citations"), cols).on_sheet(sheet);
    let mut flagged = Table::new(
        "assumptions",
        msg(l, "assumptions_not_in_the_documents"),
        vec![
            Column::new("type", msg(l, "type"), num),
            Column::new("description", msg(l, "description"), num),
            Column::new("value", msg(l, "value"), num),
            Column::new("citation", msg(l, "source_citation"), num),
        ],
    )
    .on_sheet(sheet);
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (section, rows) in &sections {
        for r in rows {
            used.insert(r.key.clone());
            let k = r.input_kind();
            let mut row = vec![
                text(*section),
                text(&r.key),
                text(&r.desc),
                text(&r.unit),
                text(kind_label(k, l)),
                r.value.map_or(Cell::Empty, |v| Cell::Value(v, r.kind)),
            ];
            let years = r.years.as_deref().unwrap_or(&[]);
            row.extend((0..n).map(|t| {
                years
                    .get(t)
                    .map_or(Cell::Empty, |v| Cell::Value(*v, r.kind))
            }));
            row.push(if r.total && !years.is_empty() {
                Cell::Value(years.iter().sum(), r.kind)
            } else {
                Cell::Empty
            });
            row.push(text(r.value_text(l)));
            row.push(cite(&r.citation));
            inputs.row(row);
            if matches!(k, InputKind::Assumption | InputKind::Calibrated) {
                flagged.row(vec![
                    text(kind_label(k, l)),
                    text(&r.desc),
                    text(r.value_text(l)),
                    cite(&r.citation),
                ]);
            }
        }
    }
    if !flagged.rows.is_empty() {
        blocks.push(Block::Warning(
            msg(l, "these_values_are_not_in_the_plan_documents_and_t").into(),
        ));
        blocks.push(Block::Table(flagged));
    }
    blocks.push(Block::Table(inputs));
    blocks.extend(uncertainty(sc, sheet, &mut used, l));

    // every other citation of the scenario
    let mut rest = Table::new(
        "other_citations",
        msg(l, "other_citations"),
        vec![
            Column::new("key", msg(l, "key"), num),
            Column::new("citation", msg(l, "source_citation"), num),
        ],
    )
    .on_sheet(sheet);
    for (k, v) in sc.citations.iter().filter(|(k, _)| !used.contains(*k)) {
        rest.row(vec![text(k), cite(v)]);
    }
    if !rest.rows.is_empty() {
        blocks.push(Block::Table(rest));
    }
    blocks
}

/// The Monte Carlo's inputs: distributions, events, correlation, compensation rules.
fn uncertainty(sc: &Scenario, sheet: &str, used: &mut BTreeSet<String>, l: Lang) -> Vec<Block> {
    let u = &sc.uncertainty;
    let cite = |c: &str| text(humanise_citation(c, l));
    let txt = Kind::Number { decimals: 2 };
    let factor = Kind::Number { decimals: 4 };
    let mut blocks = Vec::new();
    if !u.inputs.is_empty() {
        let mut t = Table::new(
            "uncertain_inputs",
            msg(l, "distributions_of_the_monte_carlo"),
            vec![
                Column::new("name", msg(l, "input"), txt),
                Column::new("acts_on", msg(l, "acts_on"), txt),
                Column::new("applied_as", msg(l, "applied_as"), txt),
                Column::new("type", msg(l, "type"), txt),
                Column::new("level_mean", msg(l, "level_mean"), factor),
                Column::new("level_sd", msg(l, "level_sd"), factor),
                Column::new(
                    "persistence",
                    msg(l, "persistence"),
                    Kind::Number { decimals: 2 },
                ),
                Column::new("yearly_shock", msg(l, "yearly_shock"), txt),
                Column::new("random_walk", msg(l, "random_walk"), txt),
                Column::new("citation", msg(l, "source_citation"), txt),
            ],
        )
        .on_sheet(sheet);
        for i in &u.inputs {
            used.insert(format!("uncertainty.{}", i.name));
            let k = input_kind(&format!("uncertainty.{}", i.name), &i.citation);
            t.row(vec![
                text(&i.name),
                text(target_name(sc, i.target, l)),
                text(apply_name(i.apply, l)),
                text(kind_label(k, l)),
                Cell::Num(i.level_mean),
                Cell::Num(i.level_sd),
                Cell::Num(i.persistence),
                text(yes_no(i.shock.is_some(), l)),
                text(yes_no(i.cumulative, l)),
                cite(&i.citation),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    if !u.events.is_empty() {
        let money = Kind::MoneyVnd;
        let mut cols = vec![
            Column::new("project", msg(l, "project"), txt),
            Column::new("source", msg(l, "part_of_source"), txt),
            Column::new("type", msg(l, "type"), txt),
            Column::new(
                "delay_probability",
                msg(l, "delay_probability"),
                Kind::Rate { decimals: 0 },
            ),
        ];
        cols.extend(
            sc.meta
                .years
                .iter()
                .map(|y| Column::new(&y.to_string(), y.to_string(), money)),
        );
        cols.push(Column::new("total", msg(l, "total_4"), money));
        cols.push(Column::new("citation", msg(l, "source_citation"), txt));
        let mut t = Table::new(
            "events",
            msg(l, "projects_that_may_be_delayed_events"),
            cols,
        )
        .on_sheet(sheet);
        for e in &u.events {
            let src = &sc.sources[e.source];
            let mut row = vec![
                text(&e.id),
                text(l.pick(&src.label_vi, &src.label_en)),
                text(kind_label(input_kind("", &e.citation), l)),
                Cell::Num(e.delay_probability),
            ];
            row.extend(e.amounts.iter().map(|v| Cell::Num(*v)));
            row.push(Cell::Num(e.amounts.iter().sum()));
            row.push(cite(&e.citation));
            t.row(row);
        }
        blocks.push(Block::Table(t));
    }
    if let Some(c) = &u.correlation {
        let names: Vec<&str> = c
            .inputs
            .iter()
            .map(|&i| u.inputs[i].name.as_str())
            .collect();
        let mut cols = vec![Column::new("input", msg(l, "correlation_2"), txt)];
        cols.extend(names.iter().map(|n| Column::new(n, *n, txt)));
        let mut t = Table::new(
            "correlation",
            msg(l, "correlation_between_inputs_assumed"),
            cols,
        )
        .on_sheet(sheet);
        let mut repaired = Vec::new();
        for (i, row) in c.matrix.iter().enumerate() {
            let mut cells = vec![text(names.get(i).copied().unwrap_or(""))];
            for (j, v) in row.iter().enumerate() {
                cells.push(Cell::Num(*v));
                let asked = c.requested.get(i).and_then(|q| q.get(j)).copied();
                if let Some(q) = asked.filter(|q| j > i && (q - v).abs() > 5e-3) {
                    repaired.push(format!(
                        "{}–{}: {} ({} {})",
                        names.get(i).copied().unwrap_or(""),
                        names.get(j).copied().unwrap_or(""),
                        l.num(*v, 2),
                        msg(l, "requested"),
                        l.num(q, 2)
                    ));
                }
            }
            t.row(cells);
        }
        blocks.push(Block::Table(t));
        if let Some(d) = c.repaired_distance {
            blocks.push(Block::Warning(format!(
                "{} {}. {}",
                msg(l, "the_matrix_as_written_is_not_a_valid_correlation"),
                l.num(d, 4),
                repaired.join("; ")
            )));
        }
    }
    if !u.compensation.is_empty() {
        let mut t = Table::new(
            "compensation_rules",
            msg(l, "compensation_rules"),
            vec![
                Column::new("rule", msg(l, "compensation_rule"), txt),
                Column::new("covers_from", msg(l, "covers_from"), txt),
                Column::new("cap", msg(l, "cap"), txt),
                Column::new("status", msg(l, "status"), txt),
                Column::new(
                    "efficiency",
                    msg(l, "efficiency"),
                    Kind::Rate { decimals: 1 },
                ),
                Column::new("citation", msg(l, "source_citation"), txt),
            ],
        )
        .on_sheet(sheet);
        for c in &u.compensation {
            let from: Vec<&str> = c.from.iter().map(|i| sc.sources[*i].id.as_str()).collect();
            t.row(vec![
                text(&c.id),
                Cell::Key {
                    key: format!("{} ← {}", sc.sources[c.covers].id, from.join(", ")),
                    label: crate::analysis::lever_names::compensation_name(sc, &c.id, l),
                },
                text(cap_text(c.cap, l)),
                text(on_off(c.enabled, l)),
                Cell::Num(c.efficiency),
                cite(&c.citation),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    blocks
}

pub(crate) fn yes_no(b: bool, l: Lang) -> &'static str {
    if b { msg(l, "yes") } else { msg(l, "no") }
}

/// What an uncertain input acts on, in words.
pub(crate) fn target_name(sc: &Scenario, t: Target, l: Lang) -> String {
    match t {
        Target::TfpGrowth => msg(l, "tfp_growth_2").into(),
        Target::DeflatorGrowth => msg(l, "deflator_growth").into(),
        Target::ExchangeRate => msg(l, "exchange_rate_2").into(),
        Target::Employment => msg(l, "employment").into(),
        Target::Depreciation => msg(l, "depreciation").into(),
        Target::CapitalOutputRatio => "K/Y".into(),
        Target::CapitalShare => msg(l, "capital_share_2").into(),
        Target::Icor => "ICOR".into(),
        Target::Source(i) => format!(
            "{}: {}",
            msg(l, "realisation"),
            sc.sources
                .get(i)
                .map(|s| l.pick(&s.label_vi, &s.label_en))
                .unwrap_or("?")
        ),
    }
}

/// How a draw combines with the central value, in words.
pub(crate) fn apply_name(a: Apply, l: Lang) -> &'static str {
    match a {
        Apply::Add => msg(l, "added_to_the_central_value"),
        Apply::Multiply => msg(l, "multiplies_the_central_value"),
        Apply::Replace => msg(l, "replaces_the_central_value"),
    }
}

pub(crate) fn cap_text(c: Cap, l: Lang) -> String {
    match c {
        Cap::Surplus => msg(l, "the_covering_source_s_surplus").into(),
        Cap::Amount(a) => format!(
            "{} {}/{}",
            l.num(a, 1),
            msg(l, "k_bn_vnd"),
            msg(l, "year_2")
        ),
        Cap::Share(s) => format!("{} {}", l.pct(s, 0), msg(l, "of_the_shortfall")),
    }
}
