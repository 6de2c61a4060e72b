//! The `sweep` and `solve` documents: the grid or the search runs as typed tables (CSV columns
//! as before: the lever's path, then snake_case keys), the drawn chart and its native form.

use crate::analysis::solve::Solution;
use crate::analysis::sweep::Sweep;
use crate::report::charts::Chart;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, Kind, NativeChart, NativeKind, Table,
};
use crate::report::{Lang, msg};

/// How a lever's values are shown: money, a rate (percent) or a plain number.
pub fn lever_kind(lever: &str, money: bool) -> Kind {
    if money {
        return Kind::MoneyVnd;
    }
    let rate = ["growth", "share", "rate", "probability", "persistence"]
        .iter()
        .any(|w| lever.contains(w))
        && !lever.contains("exchange_rate");
    if rate && !lever.ends_with(".scale") {
        Kind::Rate { decimals: 2 }
    } else {
        Kind::Number { decimals: 3 }
    }
}

fn opt(x: Option<f64>) -> Cell {
    Cell::opt(x.filter(|v| v.is_finite()))
}

fn figure(chart: Option<Chart>, native: Option<NativeChart>) -> Block {
    Block::Figure(Figure { chart, native })
}

/// The document of `grdpsim sweep`.
pub fn sweep(s: &Sweep, chart: Option<Chart>, l: Lang) -> Document {
    let title = chart.as_ref().map_or_else(
        || msg(l, "parameter_sweep").to_string(),
        |c| c.title.clone(),
    );
    let mut doc = Document::new(
        "sweep",
        title,
        format!(
            "{} · {} {} · seed {}",
            s.scenario,
            l.num(s.paths as f64, 0),
            msg(l, "paths_per_point"),
            s.seed
        ),
    );
    // readers see each lever's value written out, the plan's own value marked
    let mut cols: Vec<Column> = s
        .axes
        .iter()
        .map(|a| {
            let label = l.pick(&a.lever_label_vi, &a.lever_label_en);
            Column::new(&a.lever, label, lever_kind(&a.lever, a.money)).for_files()
        })
        .collect();
    cols.extend(s.axes.iter().map(|a| {
        let label = l.pick(&a.lever_label_vi, &a.lever_label_en);
        Column::new(&format!("{}_shown", a.lever), label, Kind::Count).for_readers()
    }));
    let p = Kind::Probability;
    let r = Kind::Rate { decimals: 2 };
    cols.extend([
        Column::new("prob_hit", msg(l, "p_hit"), p),
        Column::new("prob_hit_ci95_lo", msg(l, "95_ci_low"), p).for_files(),
        Column::new("prob_hit_ci95_hi", msg(l, "95_ci_high"), p).for_files(),
        Column::new("prob_hit_ci95", msg(l, "95_ci"), p).for_readers(),
        Column::new("cagr_p10", "P10", r).for_files(),
        Column::new("cagr_p50", msg(l, "median_cagr"), r),
        Column::new("cagr_p90", "P90", r).for_files(),
        Column::new("cagr_p10_p90", "P10–P90", r).for_readers(),
        Column::new("central_cagr", msg(l, "central_cagr"), r),
        Column::new("investment_mean", msg(l, "mean_investment"), Kind::MoneyVnd),
        Column::new("error", msg(l, "error"), Kind::Count),
    ]);
    let mut t = Table::new("sweep", msg(l, "grid_points"), cols);
    if s.axes.len() == 2 {
        // readers see the matrix below
        t = t.files_only();
    }
    for pt in &s.points {
        let mut row: Vec<Cell> = pt.values.iter().map(|v| Cell::Num(*v)).collect();
        row.extend(s.axes.iter().zip(&pt.values).map(|(a, &v)| {
            let shown = crate::report::render::format_number(l, lever_kind(&a.lever, a.money), v);
            let plan = (v - a.current).abs() <= 1e-9 * a.current.abs().max(1.0);
            Cell::Text(format!(
                "{shown}{}",
                if plan { msg(l, "as_written_2") } else { "" }
            ))
        }));
        let interval = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => Cell::Interval(a, b),
            _ => Cell::Empty,
        };
        row.extend([
            opt(pt.prob_hit),
            opt(pt.prob_hit_ci95.map(|c| c[0])),
            opt(pt.prob_hit_ci95.map(|c| c[1])),
            interval(
                pt.prob_hit_ci95.map(|c| c[0]),
                pt.prob_hit_ci95.map(|c| c[1]),
            ),
            opt(pt.cagr_p10),
            opt(pt.cagr_p50),
            opt(pt.cagr_p90),
            interval(pt.cagr_p10, pt.cagr_p90),
            opt(pt.central_cagr),
            opt(pt.investment_mean),
            pt.error.clone().map_or(Cell::Empty, Cell::Text),
        ]);
        t.row(row);
    }
    let k = s.axes.len();
    let native = (k == 1).then(|| NativeChart {
        kind: NativeKind::Line,
        table: "sweep".into(),
        categories: 0,
        series: vec![2 * k],
        title: doc.title.clone(),
        y_title: msg(l, "p_hit").into(),
    });
    doc.blocks.push(figure(chart, native));
    doc.blocks.push(Block::Table(t));
    if k == 2 {
        doc.blocks.push(Block::Table(matrix(s, l)));
        if s.contour50.is_empty() {
            let none = msg(l, "the_50_line_does_not_cross_this_grid").trim();
            doc.blocks.push(Block::Note(none.into()));
        }
    }
    let failed: Vec<&str> = s.points.iter().filter_map(|p| p.error.as_deref()).collect();
    if let Some(first) = failed.first() {
        doc.blocks.push(Block::Warning(format!(
            "{} {}: {first}",
            failed.len(),
            msg(l, "points_could_not_be_run_e_g")
        )));
    }
    doc.blocks.push(Block::Note(
        msg(l, "common_random_numbers_at_every_point").into(),
    ));
    doc.sources = vec![format!("{} {}", msg(l, "scenario"), s.scenario_hash)];
    doc
}

/// A grid value for a column key: at most 10 decimals, trailing zeros dropped (0.06, not
/// 0.060000000000000005).
fn short(v: f64) -> String {
    let s = format!("{v:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A two-lever sweep's P(hit) as a matrix: the first lever down, the second across
/// (`sweep_matrix.csv`; columns keyed by the second lever's values).
fn matrix(s: &Sweep, l: Lang) -> Table {
    let (a, b) = (&s.axes[0], &s.axes[1]);
    let mut cols = vec![Column::new(
        &a.lever,
        l.pick(&a.lever_label_vi, &a.lever_label_en),
        lever_kind(&a.lever, a.money),
    )];
    let bk = lever_kind(&b.lever, b.money);
    cols.extend(b.values.iter().map(|&v| {
        Column::new(
            &format!("{}={}", b.lever, short(v)),
            format!(
                "{} = {}",
                l.pick(&b.lever_label_vi, &b.lever_label_en),
                crate::report::render::format_number(l, bk, v)
            ),
            Kind::Probability,
        )
    }));
    let mut t = Table::new("sweep_matrix", msg(l, "p_hit"), cols);
    for &va in &a.values {
        let mut row = vec![Cell::Num(va)];
        row.extend(b.values.iter().map(|&vb| {
            s.points
                .iter()
                .find(|p| p.values == [va, vb])
                .map_or(Cell::Empty, |p| opt(p.prob_hit))
        }));
        t.row(row);
    }
    t
}

/// The document of `grdpsim solve`.
pub fn solve(s: &Solution, chart: Option<Chart>, l: Lang) -> Document {
    let title = chart
        .as_ref()
        .map_or_else(|| msg(l, "goal_seek").to_string(), |c| c.title.clone());
    let mut doc = Document::new(
        "solve",
        title,
        format!(
            "{} · {} {} · seed {}",
            s.scenario,
            l.num(s.paths as f64, 0),
            msg(l, "paths_per_run"),
            s.seed
        ),
    );
    let lk = lever_kind(&s.lever, s.money);
    let name = l.pick(&s.lever_label_vi, &s.lever_label_en);
    doc.lead = super::solve_text::lead(s, l);
    if let Some(v) = s.value {
        doc.headline.push(crate::report::doc::KeyFigure {
            label: name.to_string(),
            value: v,
            kind: lk,
            interval: s.value_ci95,
        });
    }
    doc.headline.push(crate::report::doc::KeyFigure::new(
        format!("{name}: {}", msg(l, "as_written")),
        s.current,
        lk,
    ));
    let mut runs = Table::new(
        "solve",
        msg(l, "search_runs"),
        vec![
            Column::new(&s.lever, name, lk),
            Column::new("prob_hit", msg(l, "p_hit"), Kind::Probability),
            Column::new("cagr_mean", msg(l, "mean_cagr"), Kind::Rate { decimals: 2 }),
            Column::new(
                "cagr_p50",
                msg(l, "median_cagr"),
                Kind::Rate { decimals: 2 },
            ),
            Column::new("investment_mean", msg(l, "mean_investment"), Kind::MoneyVnd),
            Column::new("valid_paths", msg(l, "valid_paths"), Kind::Count),
        ],
    );
    for e in &s.evaluations {
        runs.row(vec![
            Cell::Num(e.value),
            Cell::Num(e.prob_hit),
            Cell::Num(e.cagr_mean),
            Cell::Num(e.cagr_p50),
            Cell::Num(e.investment_mean),
            Cell::Num(e.paths as f64),
        ]);
    }
    doc.blocks.push(figure(chart, None));
    doc.blocks.push(Block::Table(runs));
    if let Some(f) = &s.financing {
        let m = Kind::MoneyVnd;
        let mut t = Table::new(
            "financing",
            msg(l, "financing_gap_by_year"),
            vec![
                Column::new("year", msg(l, "year"), Kind::Year),
                Column::new("planned_investment", msg(l, "planned_investment"), m),
                Column::new("required_investment", msg(l, "required_investment"), m),
                Column::new("gap", msg(l, "gap"), m),
            ],
        );
        for i in 0..f.years.len() {
            t.row(vec![
                Cell::Num(f64::from(f.years[i])),
                Cell::Num(f.plan[i]),
                Cell::Num(f.required[i]),
                Cell::Num(f.gap[i]),
            ]);
        }
        t.row(vec![
            Cell::Key {
                key: "total".into(),
                label: msg(l, "total").into(),
            },
            Cell::Num(f.plan_total),
            Cell::Num(f.required_total),
            Cell::Num(f.gap_total),
        ]);
        t.total_rows.push(f.years.len());
        doc.blocks.push(figure(
            None,
            Some(NativeChart {
                kind: NativeKind::Column,
                table: "financing".into(),
                categories: 0,
                series: vec![1, 2],
                title: msg(l, "financing_gap_by_year").into(),
                y_title: msg(l, "money_thousand_bn_vnd").into(),
            }),
        ));
        doc.blocks.push(Block::Table(t));
        doc.blocks
            .push(Block::Paragraph(super::solve_text::realised(f, l)));
    }
    doc.sources = vec![format!("{} {}", msg(l, "scenario"), s.scenario_hash)];
    doc
}
