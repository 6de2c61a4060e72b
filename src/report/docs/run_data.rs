//! The data behind a run's figures (the distribution of average growth, convergence of
//! P(hit) with paths) and the correlations the draws achieved.

use crate::montecarlo::Summary;
use crate::report::doc::{Cell, Column, Kind, Table};
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

const R1: Kind = Kind::Rate { decimals: 1 };
const R2: Kind = Kind::Rate { decimals: 2 };
const N2: Kind = Kind::Number { decimals: 2 };

/// The distribution of average growth: bin centre, share of paths, cumulative share.
pub fn cagr_distribution(s: &Summary, sheet: &str, l: Lang) -> Table {
    let d = &s.cagr_distribution;
    let total = d.counts.iter().sum::<u64>().max(1) as f64;
    let mut t = Table::new(
        "cagr_distribution",
        msg(l, "distribution_of_average_growth"),
        vec![
            Column::new("cagr_bin_centre", msg(l, "average_growth_bin_centre"), R2),
            Column::new("share", msg(l, "share_of_paths"), R1),
            Column::new("cumulative_share", msg(l, "cumulative_share_of_paths"), R1),
        ],
    )
    .on_sheet(sheet)
    .files_only();
    let mut cum = 0.0;
    for (i, c) in d.counts.iter().enumerate() {
        cum += *c as f64 / total;
        let centre = d.lo + (i as f64 + 0.5) * d.width;
        t.row(vec![
            Cell::Num(centre),
            Cell::Num(*c as f64 / total),
            Cell::Num(cum),
        ]);
    }
    t
}

/// P(hit) and its interval as paths accumulate.
pub fn convergence(s: &Summary, sheet: &str, l: Lang) -> Table {
    let prob_hit = super::run_tables::prob_hit_columns(l);
    let mut t = Table::new(
        "convergence",
        msg(l, "convergence"),
        vec![
            Column::new("paths", msg(l, "paths_2"), Kind::Count),
            prob_hit[0].clone(),
            prob_hit[1].clone(),
            prob_hit[2].clone(),
        ],
    )
    .on_sheet(sheet)
    .files_only();
    for c in &s.convergence {
        t.row(
            [
                c.paths as f64,
                c.prob_hit,
                c.prob_hit_ci95[0],
                c.prob_hit_ci95[1],
            ]
            .map(Cell::Num)
            .to_vec(),
        );
    }
    t
}

/// Correlated inputs of the run: the correlation asked for and used (after any repair), the
/// rank correlation a Gaussian copula gives for it, and the one achieved on the drawn paths.
pub fn rank_correlations(sc: &Scenario, s: &Summary, sheet: &str, l: Lang) -> Option<Table> {
    let pairs: Vec<_> = s
        .rank_correlations
        .iter()
        .filter(|r| r.target != 0.0 || r.requested != 0.0)
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "rank_correlations",
        msg(l, "correlation_2"),
        vec![
            Column::new("a", msg(l, "input"), N2),
            Column::new("b", msg(l, "input"), N2),
            Column::new("requested", msg(l, "requested"), N2),
            Column::new("used", msg(l, "used_after_repair"), N2),
            Column::new(
                "expected_rank",
                msg(l, "expected_rank_correlation"),
                Kind::Number { decimals: 3 },
            ),
            Column::new(
                "achieved_rank",
                msg(l, "achieved"),
                Kind::Number { decimals: 3 },
            ),
        ],
    )
    .on_sheet(sheet);
    for r in pairs {
        t.row(vec![
            input_key(sc, &r.a, l),
            input_key(sc, &r.b, l),
            Cell::Num(r.requested),
            Cell::Num(r.target),
            Cell::Num(r.expected),
            Cell::Num(r.achieved),
        ]);
    }
    Some(t)
}

/// An uncertain input: its name in files, what it draws for readers.
fn input_key(sc: &Scenario, name: &str, l: Lang) -> Cell {
    Cell::Key {
        key: name.into(),
        label: crate::analysis::lever_names::input_name(sc, name, l),
    }
}

/// The milestones (`[[milestones]]`) with P(each) and, in the last row, P(all); `None`
/// without milestones.
pub(super) fn milestones(sc: &Scenario, s: &Summary, sheet: &str, l: Lang) -> Option<Table> {
    let all = s.prob_all_milestones?;
    let mut t = Table::new(
        "milestones",
        msg(l, "milestones_title"),
        vec![
            Column::new("id", "id", Kind::Number { decimals: 0 }).for_files(),
            Column::new(
                "milestone",
                msg(l, "milestone"),
                Kind::Number { decimals: 0 },
            ),
            Column::new("year", msg(l, "year"), Kind::Year),
            Column::new("quantity", "quantity", Kind::Number { decimals: 0 }).for_files(),
            Column::new(
                "threshold",
                msg(l, "threshold"),
                Kind::Number { decimals: 3 },
            ),
            Column::new("prob_hit", msg(l, "probability"), Kind::Probability),
            Column::new("prob_hit_ci95", msg(l, "ci95"), Kind::Probability),
        ],
    )
    .on_sheet(sheet);
    for (m, r) in sc.milestones.iter().zip(&s.milestones) {
        let kind = if matches!(r.quantity.as_str(), "growth_average" | "tfp_share") {
            Kind::Rate { decimals: 1 }
        } else {
            Kind::Number { decimals: 0 }
        };
        t.row(vec![
            Cell::Text(r.id.clone()),
            Cell::Text(l.pick(&m.label_vi, &m.label_en).into()),
            Cell::Num(f64::from(r.year)),
            Cell::Text(r.quantity.clone()),
            Cell::Value(r.threshold, kind),
            Cell::Num(r.prob_hit),
            Cell::Interval(r.prob_hit_ci95[0], r.prob_hit_ci95[1]),
        ]);
    }
    t.row(vec![
        Cell::Text("all".into()),
        Cell::Key {
            key: "all".into(),
            label: msg(l, "all_milestones").into(),
        },
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Num(all),
        Cell::Empty,
    ]);
    t.total_rows.push(sc.milestones.len());
    Some(t)
}
