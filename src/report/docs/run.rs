//! The document of `run`/`merge` (a Monte Carlo summary) and of `project` (the central
//! projection): the answer in a sentence, key figures with their intervals, the charts with
//! their native workbook forms, the tables by year and by source, the assumptions and how to
//! read it all.

use super::assumptions::assumptions;
use super::facts::{Facts, projection_facts, provenance, run_facts};
use super::facts::{engine_name, sampler_name};
use super::run_data as rd;
use super::run_tables as rt;
use crate::model::Projection;
use crate::montecarlo::Summary;
use crate::report::charts::Chart;
use crate::report::doc::{Block, Document, Figure, KeyFigure, Kind, NativeChart, NativeKind};
use crate::report::feasibility::FeasibilityScale;
use crate::report::{Lang, Verdict, msg};
use crate::scenario::Scenario;

/// The headline sentence of a Monte Carlo report, e.g.
/// vi `Xác suất đạt tăng trưởng bình quân ≥ 11,0%: 20,6% (KTC 95% 20,5–20,7%)`,
/// en `Probability of average growth ≥ 11.0%: 20.6% (95% CI 20.5–20.7%)`.
pub fn headline(s: &Summary, lang: Lang) -> String {
    format!(
        "{} ≥ {}: {} ({} {}–{})",
        msg(lang, "probability_of_average_growth"),
        lang.pct(s.target, 1),
        lang.pct(s.prob_hit, 1),
        msg(lang, "95_ci"),
        lang.num(100.0 * s.prob_hit_ci95[0], 1),
        lang.pct(s.prob_hit_ci95[1], 1),
    )
}

/// The headline sentence of a deterministic report, e.g.
/// en `Average growth of the central projection: 11.00% against a target of 11.0% (meets the target)`.
pub fn headline_deterministic(p: &Projection, lang: Lang) -> String {
    format!(
        "{}: {} {} {} ({})",
        msg(lang, "average_growth_of_the_central_projection"),
        lang.pct(p.cagr, 2),
        msg(lang, "against_a_target_of"),
        lang.pct(p.target, 1),
        Verdict::of(p.cagr, p.target).phrase(lang)
    )
}

/// Label of the workbook's headline row (column A of the summary sheet, row 5); its value,
/// P(hit), is in column B.
pub fn prob_hit_label(lang: Lang) -> &'static str {
    msg(lang, "probability_of_average_growth_target")
}

/// Workbook sheet names of a run in `lang`: Summary, Years, Funding, Percentiles, Inputs.
pub fn sheet_names(lang: Lang) -> [&'static str; 5] {
    [
        "summary",
        "sheet_years",
        "sheet_funding",
        "percentiles",
        "sheet_inputs",
    ]
    .map(|k| msg(lang, k))
}

fn subtitle(sc: &Scenario, p: &Projection, s: Option<&Summary>, l: Lang) -> String {
    let mut sub = vec![
        sc.meta.name.clone(),
        sc.period(),
        format!("{} {}", msg(l, "engine"), engine_name(p.engine, l)),
    ];
    match s {
        Some(s) => {
            sub.push(format!(
                "{} {} {}",
                l.num(s.paths as f64, 0),
                msg(l, "paths"),
                sampler_name(s.sampler)
            ));
            sub.push(format!("seed {}", s.seed));
        }
        None => sub.push(msg(l, "deterministic_projection_central_values").into()),
    }
    sub.push(format!("{} {}", msg(l, "hash"), sc.content_hash));
    sub.join(" · ")
}

fn native(kind: NativeKind, table: &str, series: Vec<usize>, title: &str, y: &str) -> NativeChart {
    NativeChart {
        kind,
        table: table.into(),
        categories: 0,
        series,
        title: title.into(),
        y_title: y.into(),
    }
}

/// The native workbook form of a drawn chart of a run, by the chart's name.
fn native_of(name: &str, title: &str, l: Lang) -> Option<NativeChart> {
    let growth = msg(l, "growth_2");
    let pc = rt::projection_column;
    Some(match name {
        "fan_growth" => native(NativeKind::Line, "years", vec![4, 6, 8, 10], title, growth),
        "per_capita_fan" => native(NativeKind::Line, "years", vec![11, 12, 13], title, "USD"),
        "cagr_distribution" => native(
            NativeKind::Column,
            "cagr_distribution",
            vec![1],
            title,
            msg(l, "share_of_paths"),
        ),
        "s_curve" => native(
            NativeKind::Line,
            "cagr_distribution",
            vec![2],
            title,
            msg(l, "cumulative_share_of_paths"),
        ),
        "funding" => NativeChart {
            categories: l.pick("1", "2").parse().unwrap_or(1),
            ..native(
                NativeKind::Bar,
                "funding",
                vec![4, 7],
                title,
                msg(l, "money_thousand_bn_vnd"),
            )
        },
        "probability_curve" => native(
            NativeKind::Line,
            "funding_curve",
            vec![1, 2, 3],
            title,
            msg(l, "probability_of_meeting_the_target"),
        ),
        "convergence" => native(
            NativeKind::Line,
            "convergence",
            vec![1, 2, 3],
            title,
            msg(l, "probability_of_meeting_the_target"),
        ),
        "decomposition" => native(
            NativeKind::StackedColumn,
            "projection",
            vec![
                pc("contrib_tfp"),
                pc("contrib_capital"),
                pc("contrib_labour"),
                pc("contrib_human_capital"),
            ],
            title,
            growth,
        ),
        _ => return None,
    })
}

fn figures(charts: Vec<Chart>, l: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !charts.is_empty() {
        blocks.push(Block::Heading(msg(l, "charts").into()));
    }
    for c in charts {
        let n = native_of(c.name, &c.title, l);
        blocks.push(Block::Figure(Figure {
            chart: Some(c),
            native: n,
        }));
    }
    blocks
}

/// The document of a Monte Carlo run. `charts` are the drawn charts (empty when no chart
/// format is asked for; the native workbook charts are then still written).
pub fn run(
    sc: &Scenario,
    s: &Summary,
    charts: Vec<Chart>,
    scale: &FeasibilityScale,
    l: Lang,
) -> Document {
    let p = &s.deterministic;
    let title = l.pick(&sc.meta.title_vi, &sc.meta.title_en);
    let mut doc = Document::new("summary", title, subtitle(sc, p, Some(s), l));
    let [summary, years, funding, pct, inputs] = sheet_names(l);
    let charts_sheet = msg(l, "charts");
    doc.lead = vec![
        headline(s, l),
        format!("{}: {}", msg(l, "assessment"), scale.phrase(s.prob_hit, l)),
    ];
    doc.headline = vec![KeyFigure {
        label: prob_hit_label(l).into(),
        value: s.prob_hit,
        kind: Kind::Probability,
        interval: Some(s.prob_hit_ci95),
    }];
    let median = msg(l, "median_2");
    doc.headline.push(KeyFigure::new(
        format!("{}, {median}", msg(l, "average_growth_cagr")),
        s.cagr.p50,
        Kind::Rate { decimals: 2 },
    ));
    doc.headline.push(KeyFigure::new(
        msg(l, "cagr_of_the_central_projection_deterministic"),
        p.cagr,
        Kind::Rate { decimals: 2 },
    ));
    let mut f = Facts::new(summary, l);
    run_facts(sc, s, scale, &mut f, l);
    provenance(sc, p, &mut f, l);
    doc.blocks.push(Block::Table(f.0));
    let ws = crate::analysis::plausibility::check_projection(sc, p);
    doc.blocks.extend(super::plausibility_blocks(&ws, l));
    let have: Vec<&str> = charts.iter().map(|c| c.name).collect();
    let missing = native_only(&have, s, l);
    doc.blocks.extend(figures(charts, l));
    doc.blocks.extend(missing);
    doc.blocks
        .push(Block::Heading(msg(l, "year_by_year").into()));
    doc.blocks.push(Block::Table(rt::years(s, years, l)));
    if let Some(t) = rd::milestones(sc, s, years, l) {
        doc.blocks.push(Block::Table(t));
    }
    doc.blocks
        .push(Block::Heading(msg(l, "funding_by_source").into()));
    doc.blocks.push(Block::Table(rt::funding(s, funding, l)));
    doc.blocks.push(Block::Note(
        msg(l, "thousand_bn_vnd_over_the_period_current_prices_a").into(),
    ));
    if let Some(t) = rt::compensation(sc, s, funding, l) {
        doc.blocks.push(Block::Table(t));
    }
    if !s.funding_curve.is_empty() {
        doc.blocks
            .push(Block::Table(rt::funding_curve(s, funding, l)));
    }
    doc.blocks
        .push(Block::Table(rt::percentiles(sc, s, pct, l)));
    doc.blocks
        .push(Block::Table(rt::projection(sc, p, years, l)));
    doc.blocks.extend(assumptions(sc, inputs, l));
    if let Some(t) = rd::rank_correlations(sc, s, inputs, l) {
        doc.blocks.push(Block::Table(t));
    }
    doc.blocks
        .extend(super::reading::how_to_read(sc, Some(s), scale, l));
    doc.blocks
        .push(Block::Table(rd::cagr_distribution(s, charts_sheet, l)));
    if !s.convergence.is_empty() {
        doc.blocks
            .push(Block::Table(rd::convergence(s, charts_sheet, l)));
    }
    doc.sources = sources(sc);
    doc
}

/// Native charts for the run's figures that were not drawn (`--formats xlsx`): the workbook
/// keeps its editable charts whatever else is written.
fn native_only(have: &[&str], s: &Summary, l: Lang) -> Vec<Block> {
    let mut names = vec!["fan_growth", "cagr_distribution", "funding"];
    if !s.funding_curve.is_empty() {
        names.push("probability_curve");
    }
    names.extend(["decomposition", "per_capita_fan", "s_curve"]);
    if !s.convergence.is_empty() {
        names.push("convergence");
    }
    names
        .into_iter()
        .filter(|n| !have.contains(n))
        .filter_map(|n| native_of(n, msg(l, &format!("chart_{n}")), l))
        .map(|n| {
            Block::Figure(Figure {
                chart: None,
                native: Some(n),
            })
        })
        .collect()
}

/// The document of a deterministic projection.
pub fn projection(sc: &Scenario, p: &Projection, charts: Vec<Chart>, l: Lang) -> Document {
    let title = l.pick(&sc.meta.title_vi, &sc.meta.title_en);
    let mut doc = Document::new("projection", title, subtitle(sc, p, None, l));
    let [summary, years, _, _, inputs] = sheet_names(l);
    doc.lead = vec![headline_deterministic(p, l)];
    doc.headline = vec![KeyFigure::new(
        msg(l, "average_growth_cagr"),
        p.cagr,
        Kind::Rate { decimals: 2 },
    )];
    let mut f = Facts::new(summary, l);
    projection_facts(sc, p, &mut f, l);
    provenance(sc, p, &mut f, l);
    doc.blocks.push(Block::Table(f.0));
    if let Some(w) = super::projection_brief::actuals_warning(sc, l) {
        doc.blocks.push(Block::Warning(w));
    }
    let ws = crate::analysis::plausibility::check_projection(sc, p);
    doc.blocks.extend(super::plausibility_blocks(&ws, l));
    let have = charts.iter().any(|c| c.name == "decomposition");
    doc.blocks.extend(figures(charts, l));
    if !have {
        let title = msg(l, "chart_decomposition");
        doc.blocks.push(Block::Figure(Figure {
            chart: None,
            native: native_of("decomposition", title, l),
        }));
    }
    doc.blocks
        .push(Block::Heading(msg(l, "year_by_year").into()));
    doc.blocks
        .push(Block::Table(rt::projection(sc, p, years, l)));
    doc.blocks
        .push(Block::Table(rt::funding_central(sc, p, years, l)));
    doc.blocks.extend(assumptions(sc, inputs, l));
    doc.blocks.extend(super::reading::how_to_read(
        sc,
        None,
        &FeasibilityScale::default(),
        l,
    ));
    doc.sources = sources(sc);
    doc
}

fn sources(sc: &Scenario) -> Vec<String> {
    let files: Vec<String> = sc.files.iter().map(|f| f.display().to_string()).collect();
    vec![sc.meta.name.clone(), files.join(" ← ")]
}
