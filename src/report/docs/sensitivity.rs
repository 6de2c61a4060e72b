//! The document of `sensitivity`: the three largest swings, the tornado (each input held at
//! its P10 and P90; `tornado.csv`), the Sobol indices of average growth (`sobol.csv`), the
//! run's settings, and the method with its caveats.

use super::sensitivity_text::{bar_group, end_text, group_label, idx, method_notes, pp, top_three};
use crate::analysis::sensitivity::Sensitivity;
use crate::report::charts::Chart;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, KeyFigure, Kind, NativeChart, NativeKind, Table,
};
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

/// Sheet names: Tornado, Sobol, and Ghi chú / Notes.
pub fn sensitivity_sheet_names(lang: Lang) -> [&'static str; 3] {
    ["Tornado", "Sobol", msg(lang, "notes")]
}

const T: Kind = Kind::Number { decimals: 2 };
const P1: Kind = Kind::Probability;
const R2: Kind = Kind::Rate { decimals: 2 };
const IX: Kind = Kind::Number { decimals: 3 };

fn delays(d: &Option<Vec<usize>>) -> Cell {
    let years: Vec<String> = d.iter().flatten().map(|x| x.to_string()).collect();
    Cell::Text(years.join(";"))
}

/// Column of `prob_hit_low` and `prob_hit_high` (the native tornado's two series).
const TORNADO_SERIES: [usize; 2] = [15, 18];

/// One row per bar, largest P(hit) swing first (`tornado.csv`: probabilities and rates as
/// fractions, levels in the unit named by `unit`, delays as `;`-separated years per project).
fn tornado(s: &Sensitivity, sheet: &str, l: Lang) -> Table {
    let t = &s.tornado;
    let m = |k: &str| msg(l, k).to_string();
    let files = |key: &str, label: String, kind: Kind| Column::new(key, label, kind).for_files();
    let cols = vec![
        Column::new("input", m("input"), T).for_readers(),
        files("rank_prob_hit", m("rank_by_p_hit"), Kind::Count),
        files("rank_cagr_p50", m("rank_by_cagr"), Kind::Count),
        files("group", m("scenario_name"), T),
        files("label_vi", m("input"), T),
        files("label_en", m("input_en"), T),
        files("unit", m("unit"), T),
        Column::new("low_value", m("value_at_p10"), T).for_readers(),
        Column::new("high_value", m("value_at_p90"), T).for_readers(),
        files("low_quantile", "q P10".into(), T),
        files("low_level", m("value_at_p10"), Kind::Number { decimals: 4 }),
        files("low_delays_years", m("value_at_p10"), T),
        files("high_quantile", "q P90".into(), T),
        files(
            "high_level",
            m("value_at_p90"),
            Kind::Number { decimals: 4 },
        ),
        files("high_delays_years", m("value_at_p90"), T),
        Column::new("prob_hit_low", m("p_hit_at_p10"), P1),
        files("prob_hit_low_ci95_lo", m("95_ci_low"), P1),
        files("prob_hit_low_ci95_hi", m("95_ci_high"), P1),
        Column::new("prob_hit_high", m("p_hit_at_p90"), P1),
        files("prob_hit_high_ci95_lo", m("95_ci_low"), P1),
        files("prob_hit_high_ci95_hi", m("95_ci_high"), P1),
        Column::new("swing_prob_hit", m("p_hit_swing"), Kind::Points),
        Column::new("cagr_p50_low", m("median_cagr_at_p10"), R2),
        Column::new("cagr_p50_high", m("median_cagr_at_p90"), R2),
        Column::new("swing_cagr_p50", m("cagr_swing"), Kind::Points),
        files("baseline_prob_hit", m("baseline"), P1),
        files("baseline_cagr_p50", m("median_cagr_2"), R2),
        files("paths", m("paths_per_run"), Kind::Count),
        files("valid_low", m("valid_paths_p10"), Kind::Count),
        files("valid_high", m("valid_paths_p90"), Kind::Count),
        Column::new("cagr_rank", m("cagr_rank"), Kind::Count).for_readers(),
    ];
    let title = m("tornado_each_input_held_at_its_p10_and_p90_the_o");
    let mut tb = Table::new("tornado", title, cols).on_sheet(sheet);
    let mut cagr_rank = vec![0; t.bars.len()];
    for (r, &b) in t.order_by_cagr.iter().enumerate() {
        cagr_rank[b] = r + 1;
    }
    for (i, b) in t.bars.iter().enumerate() {
        let g = bar_group(s, b);
        let unit = serde_json::to_value(g.unit)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let (lo, hi) = (&b.low.run, &b.high.run);
        tb.row(vec![
            Cell::Text(format!("{}. {}", i + 1, group_label(g, l))),
            Cell::Num((i + 1) as f64),
            Cell::Num(cagr_rank[i] as f64),
            Cell::Text(g.id.clone()),
            Cell::Text(g.label_vi.clone()),
            Cell::Text(g.label_en.clone()),
            Cell::Text(unit),
            Cell::Text(end_text(g, &b.low, l)),
            Cell::Text(end_text(g, &b.high, l)),
            Cell::Num(b.low.quantile),
            Cell::opt(b.low.level),
            delays(&b.low.delays),
            Cell::Num(b.high.quantile),
            Cell::opt(b.high.level),
            delays(&b.high.delays),
            Cell::Num(lo.prob_hit),
            Cell::Num(lo.prob_hit_ci95[0]),
            Cell::Num(lo.prob_hit_ci95[1]),
            Cell::Num(hi.prob_hit),
            Cell::Num(hi.prob_hit_ci95[0]),
            Cell::Num(hi.prob_hit_ci95[1]),
            Cell::Num(b.swing_prob_hit),
            Cell::Num(lo.cagr_p50),
            Cell::Num(hi.cagr_p50),
            Cell::Num(b.swing_cagr_p50),
            Cell::Num(t.baseline.prob_hit),
            Cell::Num(t.baseline.cagr_p50),
            Cell::Num(t.paths as f64),
            Cell::Num(lo.valid as f64),
            Cell::Num(hi.valid as f64),
            Cell::Num(cagr_rank[i] as f64),
        ]);
    }
    tb
}

/// One row per input group, largest total index first (`sobol.csv`).
fn sobol(s: &Sensitivity, sheet: &str, l: Lang) -> Table {
    let sb = &s.sobol;
    let m = |k: &str| msg(l, k).to_string();
    let files = |key: &str, label: String, kind: Kind| Column::new(key, label, kind).for_files();
    let cols = vec![
        Column::new("input", m("input_group"), T).for_readers(),
        files("rank_total", m("rank_total"), Kind::Count),
        files("group", m("scenario_name"), T),
        files("label_vi", m("input_group"), T),
        files("label_en", m("input_group_en"), T),
        Column::new("first_order", m("first_order_s"), IX),
        files("first_order_se", "SE".into(), IX),
        files("first_order_ci95_lo", m("95_ci_low"), IX),
        files("first_order_ci95_hi", m("95_ci_high"), IX),
        Column::new("first_order_ci95", m("95_ci"), IX).for_readers(),
        Column::new("total", m("total_st"), IX),
        files("total_se", "SE".into(), IX),
        files("total_ci95_lo", m("95_ci_low"), IX),
        files("total_ci95_hi", m("95_ci_high"), IX),
        Column::new("total_ci95", m("95_ci"), IX).for_readers(),
        files("copula_position", m("copula_position"), Kind::Count),
        files("rows_used", m("rows_used"), Kind::Count),
        files("bootstrap", m("bootstrap_resamples"), Kind::Count),
    ];
    let title = m("sobol_indices_of_the_5_year_cagr_first_order_s_s");
    let mut tb = Table::new("sobol", title, cols).on_sheet(sheet);
    for (r, &i) in sb.order_by_total.iter().enumerate() {
        let g = &sb.groups[i];
        let grp = &s.groups[g.group];
        let (f, t) = (&g.first, &g.total);
        tb.row(vec![
            Cell::Text(format!("{}. {}", r + 1, group_label(grp, l))),
            Cell::Num((r + 1) as f64),
            Cell::Text(grp.id.clone()),
            Cell::Text(grp.label_vi.clone()),
            Cell::Text(grp.label_en.clone()),
            Cell::Num(f.estimate),
            Cell::Num(f.se),
            Cell::Num(f.ci95[0]),
            Cell::Num(f.ci95[1]),
            Cell::Interval(f.ci95[0], f.ci95[1]),
            Cell::Num(t.estimate),
            Cell::Num(t.se),
            Cell::Num(t.ci95[0]),
            Cell::Num(t.ci95[1]),
            Cell::Interval(t.ci95[0], t.ci95[1]),
            Cell::opt(grp.copula_position.map(|p| (p + 1) as f64)),
            Cell::Num(sb.rows_used as f64),
            Cell::Num(sb.bootstrap as f64),
        ]);
    }
    tb
}

/// The run's settings: scenario, hash, seed, paths, Sobol rows and simulations, bootstrap,
/// copula order, files.
fn settings(sc: &Scenario, s: &Sensitivity, sheet: &str, l: Lang) -> Table {
    let m = |k: &str| msg(l, k).to_string();
    let mut tb = Table::new(
        "settings",
        m("method_and_caveats"),
        vec![
            Column::new("setting", m("key"), T),
            Column::new("value", m("value"), T),
        ],
    )
    .on_sheet(sheet)
    .files_only();
    let files: Vec<String> = sc.files.iter().map(|f| f.display().to_string()).collect();
    let copula = if s.copula_order.is_empty() {
        "–".to_string()
    } else {
        s.copula_order.join(" → ")
    };
    let text = |key, label: String, v: String| (key, label, Cell::Text(v));
    let count = |key, label: &str, n: f64| (key, m(label), Cell::Value(n, Kind::Count));
    let rows: [(&str, String, Cell); 9] = [
        text("scenario", m("scenario"), s.scenario.clone()),
        text("scenario_hash", m("scenario_hash"), s.scenario_hash.clone()),
        text("seed", "Seed".into(), s.seed.to_string()),
        count("paths", "paths_per_tornado_run_2", s.tornado.paths as f64),
        count("sobol_rows", "sobol_rows_n", s.sobol.rows_requested as f64),
        count(
            "sobol_simulations",
            "sobol_simulations",
            s.sobol.evaluations as f64,
        ),
        count(
            "bootstrap",
            "bootstrap_resamples_2",
            s.sobol.bootstrap as f64,
        ),
        text("copula_order", m("copula_order_cholesky"), copula),
        text("scenario_files", m("scenario_files"), files.join(" ← ")),
    ];
    for (key, label, value) in rows {
        tb.row(vec![
            Cell::Key {
                key: key.into(),
                label,
            },
            value,
        ]);
    }
    tb
}

/// The document of a sensitivity analysis; `charts` are the drawn tornado and Sobol charts.
pub fn sensitivity(sc: &Scenario, s: &Sensitivity, charts: Vec<Chart>, l: Lang) -> Document {
    let [tornado_sheet, sobol_sheet, notes_sheet] = sensitivity_sheet_names(l);
    let t = &s.tornado;
    let sb = &s.sobol;
    let title = format!(
        "{} — {}",
        msg(l, "sensitivity_analysis"),
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
    let sub = format!(
        "{} · seed {} · {} {} · Sobol {} {} × {} {} · {} {}",
        sc.meta.name,
        s.seed,
        l.num(t.paths as f64, 0),
        msg(l, "paths_per_tornado_run"),
        l.num(sb.rows_requested as f64, 0),
        msg(l, "rows"),
        s.groups.len() + 2,
        msg(l, "simulations"),
        l.num(sb.bootstrap as f64, 0),
        msg(l, "bootstrap_resamples"),
    );
    let mut doc = Document::new("sensitivity", title, sub);
    doc.summary_sheet = Some(tornado_sheet.into());
    let by_cagr: Vec<String> = t
        .order_by_cagr
        .iter()
        .take(3)
        .map(|&i| {
            let b = &t.bars[i];
            format!(
                "{} {}",
                group_label(bar_group(s, b), l),
                pp(l, b.swing_cagr_p50, 2)
            )
        })
        .collect();
    doc.lead = vec![
        top_three(s, l),
        format!(
            "{}: {}",
            msg(l, "by_swing_of_the_median_cagr"),
            by_cagr.join(", ")
        ),
    ];
    doc.headline = vec![KeyFigure {
        label: format!(
            "{}: P(CAGR ≥ {})",
            msg(l, "baseline_nothing_held"),
            l.pct(s.target, 1)
        ),
        value: t.baseline.prob_hit,
        kind: P1,
        interval: Some(t.baseline.prob_hit_ci95),
    }];
    doc.headline.push(KeyFigure::new(
        msg(l, "median_cagr_2"),
        t.baseline.cagr_p50,
        R2,
    ));
    let mut natives = vec![NativeChart {
        kind: NativeKind::Bar,
        table: "tornado".into(),
        categories: l.pick("4", "5").parse().unwrap_or(4),
        series: TORNADO_SERIES.to_vec(),
        title: msg(l, "tornado_each_input_held_at_its_p10_and_p90_the_o_2").into(),
        y_title: msg(l, "p_hit").into(),
    }]
    .into_iter();
    for c in charts {
        let native = if c.name == "tornado" {
            natives.next()
        } else {
            None
        };
        doc.blocks.push(Block::Figure(Figure {
            chart: Some(c),
            native,
        }));
    }
    if let Some(n) = natives.next() {
        doc.blocks.push(Block::Figure(Figure {
            chart: None,
            native: Some(n),
        }));
    }
    doc.blocks.push(Block::Table(tornado(s, tornado_sheet, l)));
    doc.blocks.push(Block::Table(sobol(s, sobol_sheet, l)));
    doc.blocks.push(Block::Paragraph(format!(
        "{}: {} ({} {}); {}: {}",
        msg(l, "sum_of_first_order_indices"),
        idx(l, &sb.sum_first),
        msg(l, "se"),
        l.num(sb.sum_first.se, 3),
        msg(l, "sd_of_cagr"),
        pp(l, sb.variance.sqrt(), 2),
    )));
    doc.blocks.push(Block::Paragraph(
        l.pick(&sb.basis_vi, &sb.basis_en).to_string(),
    ));
    doc.blocks
        .push(Block::Table(settings(sc, s, notes_sheet, l)));
    doc.blocks
        .push(Block::Heading(msg(l, "method_and_caveats").into()));
    for (head, body) in method_notes(s, l) {
        doc.blocks.push(Block::Paragraph(format!("{head}: {body}")));
    }
    let files: Vec<String> = sc.files.iter().map(|f| f.display().to_string()).collect();
    doc.sources = vec![
        sc.meta.name.clone(),
        files.join(" ← "),
        sc.content_hash.clone(),
    ];
    doc
}
