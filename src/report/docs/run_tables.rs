//! The data tables of a run or projection: years (Monte Carlo percentiles), the central
//! projection with the plan's published path, funding by source, the funding curve,
//! percentiles of every output, and the data behind the distribution and convergence charts.
//! Column keys are the CSV headers (`years.csv`, `projection.csv`, `funding.csv` keep theirs).

use crate::model::{Projection, YearRow};
use crate::montecarlo::{Percentiles, Summary};
use crate::report::doc::{Cell, Column, Kind, Table};
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

const R2: Kind = Kind::Rate { decimals: 2 };
const R1: Kind = Kind::Rate { decimals: 1 };
const N0: Kind = Kind::Number { decimals: 0 };
const N1: Kind = Kind::Number { decimals: 1 };
const N2: Kind = Kind::Number { decimals: 2 };
const N4: Kind = Kind::Number { decimals: 4 };

/// Monte Carlo growth by year (`years.csv`): P(growth ≥ target), mean and percentiles, the
/// central projection's growth, and GRDP per capita P10/P50/P90.
pub fn years(s: &Summary, sheet: &str, l: Lang) -> Table {
    let g = |q: &str| format!("{} {q}", msg(l, "mc_growth"));
    let mut cols = vec![
        Column::new("year", msg(l, "year"), Kind::Year),
        Column::new("prob_hit", msg(l, "p_growth_target"), Kind::Probability),
        Column::new("mean", g(msg(l, "mean")), R2).for_files(),
    ];
    for q in ["p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        let c = Column::new(q, g(&q.to_uppercase()), R2);
        cols.push(if ["p10", "p50", "p90"].contains(&q) {
            c
        } else {
            c.for_files()
        });
    }
    cols.push(Column::new(
        "deterministic",
        msg(l, "growth_central_projection"),
        R2,
    ));
    for q in ["p10", "p50", "p90"] {
        let label = format!("{} {}", msg(l, "mc_grdp_per_capita_usd"), q.to_uppercase());
        cols.push(Column::new(&format!("grdp_per_capita_usd_{q}"), label, N0).for_files());
    }
    let mut t = Table::new("years", msg(l, "growth_by_year_monte_carlo"), cols).on_sheet(sheet);
    for (y, d) in s.years.iter().zip(&s.deterministic.years) {
        let q = &y.growth;
        let pc = &y.grdp_per_capita_usd;
        t.row(
            [
                f64::from(y.year),
                y.prob_hit,
                q.mean,
                q.p5,
                q.p10,
                q.p25,
                q.p50,
                q.p75,
                q.p90,
                q.p95,
                d.growth,
                pc.p10,
                pc.p50,
                pc.p90,
            ]
            .into_iter()
            .map(Cell::Num)
            .collect(),
        );
    }
    t
}

/// A quantity of a projection year: CSV key, catalogue key of its label, kind, value.
pub(super) type YearCol = (
    &'static str,
    &'static str,
    Kind,
    fn(&YearRow) -> Option<f64>,
);

/// `projection.csv`'s columns, in order; the terminal view picks from the same list.
pub(super) const PROJECTION: &[YearCol] = &[
    ("growth", "col_growth", R2, |r| Some(r.growth)),
    ("grdp_real", "col_grdp_real", N1, |r| Some(r.grdp_real)),
    ("grdp_nominal", "col_grdp_nominal", N1, |r| {
        Some(r.grdp_nominal)
    }),
    ("grdp_usd_bn", "col_grdp_usd_bn", N1, |r| {
        Some(r.grdp_usd_bn)
    }),
    ("investment_nominal", "col_investment_nominal", N1, |r| {
        Some(r.investment_nominal)
    }),
    ("investment_real", "col_investment_real", N1, |r| {
        Some(r.investment_real)
    }),
    ("investment_ratio", "col_investment_ratio", R1, |r| {
        Some(r.investment_ratio)
    }),
    ("capital", "col_capital", N1, |r| Some(r.capital)),
    ("capital_growth", "col_capital_growth", R2, |r| {
        Some(r.capital_growth)
    }),
    ("labour", "col_labour", N1, |r| Some(r.labour)),
    ("labour_growth", "col_labour_growth", R2, |r| {
        Some(r.labour_growth)
    }),
    ("tfp_growth", "col_tfp_growth", R2, |r| Some(r.tfp_growth)),
    ("contrib_tfp", "col_contrib_tfp", R2, |r| {
        Some(r.contrib_tfp)
    }),
    ("contrib_capital", "col_contrib_capital", R2, |r| {
        Some(r.contrib_capital)
    }),
    ("contrib_labour", "col_contrib_labour", R2, |r| {
        Some(r.contrib_labour)
    }),
    (
        "contrib_human_capital",
        "col_contrib_human_capital",
        R2,
        |r| Some(r.contrib_human_capital),
    ),
    ("tfp_share", "col_tfp_share", R1, |r| r.tfp_share),
    ("icor", "col_icor", N2, |r| r.icor),
    ("labour_productivity", "col_labour_productivity", N1, |r| {
        Some(r.labour_productivity)
    }),
    ("grdp_per_capita_vnd", "col_grdp_per_capita_vnd", N1, |r| {
        Some(r.grdp_per_capita_vnd)
    }),
    ("grdp_per_capita_usd", "col_grdp_per_capita_usd", N0, |r| {
        Some(r.grdp_per_capita_usd)
    }),
    ("population", "col_population", N1, |r| Some(r.population)),
    ("deflator", "col_deflator", N4, |r| Some(r.deflator)),
    ("exchange_rate", "col_exchange_rate", N0, |r| {
        Some(r.exchange_rate)
    }),
];

/// Index of a `projection` table column by key (for native charts).
pub fn projection_column(key: &str) -> usize {
    1 + PROJECTION.iter().position(|c| c.0 == key).unwrap_or(0)
}

/// The central projection by year (`projection.csv`): every derived quantity, investment by
/// source and group, financing raised, then the plan's published path where the scenario
/// gives it (`plan_*`).
pub fn projection(sc: &Scenario, p: &Projection, sheet: &str, l: Lang) -> Table {
    let mut cols = vec![Column::new("year", msg(l, "year"), Kind::Year)];
    cols.extend(
        PROJECTION
            .iter()
            .map(|(k, m, kind, _)| Column::new(k, msg(l, m), *kind)),
    );
    let label = |id: &str| {
        sc.sources
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| {
                l.pick(&s.label_vi, &s.label_en).to_string()
            })
    };
    let first = p.years.first();
    let by_source: Vec<String> = first.map_or(Vec::new(), |y| {
        y.investment_by_source
            .0
            .iter()
            .map(|(k, _)| k.clone())
            .collect()
    });
    let by_group: Vec<String> = first.map_or(Vec::new(), |y| {
        y.investment_by_group
            .0
            .iter()
            .map(|(k, _)| k.clone())
            .collect()
    });
    let raised: Vec<String> = first.map_or(Vec::new(), |y| {
        y.financing_realised
            .0
            .iter()
            .map(|(k, _)| k.clone())
            .collect()
    });
    for k in &by_source {
        let h = format!("{}: {}", msg(l, "investment"), label(k));
        cols.push(Column::new(&format!("investment_{k}"), h, Kind::MoneyVnd));
    }
    for k in &by_group {
        let name = match msg(l, k) {
            "" => k.as_str(),
            n => n,
        };
        let h = format!("{}: {name}", msg(l, "investment"));
        cols.push(Column::new(
            &format!("investment_group_{k}"),
            h,
            Kind::MoneyVnd,
        ));
    }
    for k in &raised {
        let h = format!("{}: {}", msg(l, "raised"), label(k));
        cols.push(Column::new(&format!("financing_{k}"), h, Kind::MoneyVnd));
    }
    let pr = &sc.plan_reference;
    let plan: Vec<(&str, &str, Kind, &Vec<f64>)> = [
        ("plan_growth", "plan_growth", R2, pr.growth.as_ref()),
        (
            "plan_grdp_nominal",
            "plan_nominal_grdp_k_bn_vnd",
            N1,
            pr.grdp_nominal.as_ref(),
        ),
        (
            "plan_investment_ratio",
            "plan_investment_grdp",
            R1,
            pr.investment_ratio.as_ref(),
        ),
        (
            "plan_grdp_per_capita_vnd",
            "plan_grdp_per_capita_m_vnd",
            N1,
            pr.grdp_per_capita.as_ref(),
        ),
        (
            "plan_grdp_per_capita_usd",
            "plan_grdp_per_capita_usd",
            N0,
            pr.grdp_per_capita_usd.as_ref(),
        ),
        (
            "plan_labour_productivity",
            "plan_labour_productivity_m_vnd_per_worker",
            N1,
            pr.labour_productivity.as_ref(),
        ),
    ]
    .into_iter()
    .filter_map(|(k, m, kind, v)| v.map(|v| (k, m, kind, v)))
    .collect();
    cols.extend(
        plan.iter()
            .map(|(k, m, kind, _)| Column::new(k, msg(l, m), *kind)),
    );
    let mut t =
        Table::new("projection", msg(l, "central_projection_by_year"), cols).on_sheet(sheet);
    for (i, r) in p.years.iter().enumerate() {
        let mut row = vec![Cell::Num(f64::from(r.year))];
        row.extend(PROJECTION.iter().map(|c| Cell::opt((c.3)(r))));
        row.extend(
            by_source
                .iter()
                .map(|k| Cell::opt(r.investment_by_source.get(k))),
        );
        row.extend(
            by_group
                .iter()
                .map(|k| Cell::opt(r.investment_by_group.get(k))),
        );
        row.extend(
            raised
                .iter()
                .map(|k| Cell::opt(r.financing_realised.get(k))),
        );
        row.extend(plan.iter().map(|(_, _, _, v)| Cell::opt(v.get(i).copied())));
        t.row(row);
    }
    t
}

/// Funding by source over the period (`funding.csv`): plan, realised mean and percentiles,
/// mean shortfall, P(short), P(hit | short).
pub fn funding(s: &Summary, sheet: &str, l: Lang) -> Table {
    let m = Kind::MoneyVnd;
    let text = Kind::Number { decimals: 0 };
    let mut t = Table::new(
        "funding",
        msg(l, "funding_realised_by_source"),
        vec![
            Column::new("name", msg(l, "source"), text).for_readers(),
            Column::new("source", "id", text).for_files(),
            Column::new("label_vi", msg(l, "source_vi"), text).for_files(),
            Column::new("label_en", msg(l, "source_en"), text).for_files(),
            Column::new("financing", msg(l, "role"), text),
            Column::new("plan", msg(l, "plan_2"), m),
            Column::new("realised_mean", msg(l, "realised_mean"), m).for_files(),
            Column::new("realised_p10", msg(l, "realised_p10"), m),
            Column::new("realised_p50", msg(l, "realised_median"), m),
            Column::new("realised_p90", msg(l, "realised_p90"), m),
            Column::new("shortfall_mean", msg(l, "mean_shortfall"), m),
            Column::new("prob_short", msg(l, "p_short"), Kind::Probability),
            Column::new(
                "prob_hit_given_short",
                msg(l, "p_hit_short"),
                Kind::Probability,
            ),
        ],
    )
    .on_sheet(sheet);
    for f in &s.funding {
        let role = msg(l, if f.financing { "finances" } else { "invests" });
        t.row(vec![
            Cell::Text(l.pick(&f.label_vi, &f.label_en).to_string()),
            Cell::Text(f.source.clone()),
            Cell::Text(f.label_vi.clone()),
            Cell::Text(f.label_en.clone()),
            Cell::Key {
                key: f.financing.to_string(),
                label: role.into(),
            },
            Cell::Num(f.plan),
            Cell::Num(f.realised.mean),
            Cell::Num(f.realised.p10),
            Cell::Num(f.realised.p50),
            Cell::Num(f.realised.p90),
            Cell::Num(f.shortfall_mean),
            Cell::Num(f.prob_short),
            Cell::opt(f.prob_hit_given_short),
        ]);
    }
    t
}

/// The central projection's funding by source (deterministic): plan and projected amounts.
pub fn funding_central(sc: &Scenario, p: &Projection, sheet: &str, l: Lang) -> Table {
    let text = Kind::Number { decimals: 0 };
    let mut t = Table::new(
        "funding",
        msg(l, "funding_by_source"),
        vec![
            Column::new("source", msg(l, "source"), text),
            Column::new("financing", msg(l, "role"), text),
            Column::new("plan", msg(l, "plan_2"), Kind::MoneyVnd),
            Column::new("projected", msg(l, "projected"), Kind::MoneyVnd),
        ],
    )
    .on_sheet(sheet);
    for (si, src) in sc.sources.iter().enumerate() {
        let plan: f64 = (0..sc.horizon())
            .map(|t| sc.plan_vnd(si, t, sc.central.exchange_rate[t]))
            .sum();
        let projected: f64 = p
            .years
            .iter()
            .filter_map(|y| {
                if src.financing {
                    y.financing_realised.get(&src.id)
                } else {
                    y.investment_by_source.get(&src.id)
                }
            })
            .sum();
        let role = msg(l, if src.financing { "finances" } else { "invests" });
        t.row(vec![
            Cell::Key {
                key: src.id.clone(),
                label: l.pick(&src.label_vi, &src.label_en).to_string(),
            },
            Cell::Text(role.into()),
            Cell::Num(plan),
            Cell::Num(projected),
        ]);
    }
    t
}

/// The compensation rules' mean amounts added.
pub fn compensation(sc: &Scenario, s: &Summary, sheet: &str, l: Lang) -> Option<Table> {
    if s.compensation.is_empty() {
        return None;
    }
    let text = Kind::Number { decimals: 0 };
    let mut t = Table::new(
        "compensation",
        msg(l, "compensation_rules"),
        vec![
            Column::new("rule", msg(l, "compensation_rule"), text),
            Column::new("enabled", msg(l, "status"), text),
            Column::new("added_mean", msg(l, "adds_on_average"), Kind::MoneyVnd),
        ],
    )
    .on_sheet(sheet);
    for c in &s.compensation {
        t.row(vec![
            Cell::Key {
                key: c.id.clone(),
                label: crate::analysis::lever_names::compensation_name(sc, &c.id, l),
            },
            Cell::Key {
                key: c.enabled.to_string(),
                label: msg(l, if c.enabled { "on" } else { "off" }).into(),
            },
            Cell::Num(c.added_mean),
        ]);
    }
    Some(t)
}

/// P(hit) with every drawn funding realisation scaled by k, on the run's own paths.
pub fn funding_curve(s: &Summary, sheet: &str, l: Lang) -> Table {
    let prob_hit = prob_hit_columns(l);
    let mut t = Table::new(
        "funding_curve",
        msg(l, "probability_by_funding_scale"),
        vec![
            Column::new("funding_scale", msg(l, "planned_funding_scaled_by"), N2),
            prob_hit[0].clone(),
            prob_hit[1].clone(),
            prob_hit[2].clone(),
            Column::new(
                "realised_share_median",
                msg(l, "median_share_of_planned_investment_realised"),
                R1,
            ),
            Column::new("paths", msg(l, "paths_2"), Kind::Count),
        ],
    )
    .on_sheet(sheet);
    for c in &s.funding_curve {
        t.row(
            [
                c.funding_scale,
                c.prob_hit,
                c.prob_hit_ci95[0],
                c.prob_hit_ci95[1],
                c.realised_share_median,
                c.paths as f64,
            ]
            .map(Cell::Num)
            .to_vec(),
        );
    }
    t
}

/// Mean and percentiles of every Monte Carlo output.
pub fn percentiles(sc: &Scenario, s: &Summary, sheet: &str, l: Lang) -> Table {
    let end = sc.end_year();
    let kvnd = msg(l, "k_bn_vnd");
    let mut rows: Vec<(String, String, String, Kind, &Percentiles)> = vec![(
        "cagr".into(),
        msg(l, "average_growth_cagr").into(),
        "%".into(),
        R2,
        &s.cagr,
    )];
    for y in &s.years {
        let label = format!("{} {}", msg(l, "growth_in"), y.year);
        rows.push((
            format!("growth_{}", y.year),
            label,
            "%".into(),
            R2,
            &y.growth,
        ));
    }
    for y in &s.years {
        let label = format!("{} {}", msg(l, "grdp_per_capita"), y.year);
        let key = format!("grdp_per_capita_usd_{}", y.year);
        rows.push((key, label, "USD".into(), N0, &y.grdp_per_capita_usd));
    }
    let current = format!("GRDP {end} {}", msg(l, "current_prices"));
    rows.push(("grdp_end".into(), current, kvnd.into(), N1, &s.grdp_end));
    let usd = msg(l, "bn_usd").to_string();
    rows.push((
        "grdp_end_usd".into(),
        format!("GRDP {end}"),
        usd,
        N1,
        &s.grdp_end_usd,
    ));
    let pc = format!("{} {end}", msg(l, "grdp_per_capita"));
    rows.push((
        "grdp_per_capita_usd_end".into(),
        pc,
        "USD".into(),
        N0,
        &s.grdp_per_capita_usd_end,
    ));
    let tfp = msg(l, "tfp_share_of_growth_over_the_period_log_terms").to_string();
    rows.push(("tfp_share".into(), tfp, "%".into(), R1, &s.tfp_share));
    let inv = format!("{} {}", msg(l, "total_investment"), sc.period());
    rows.push((
        "investment_total".into(),
        inv,
        kvnd.into(),
        N1,
        &s.investment_total,
    ));
    for f in &s.funding {
        let label = format!(
            "{}: {}",
            msg(l, "realised"),
            l.pick(&f.label_vi, &f.label_en)
        );
        rows.push((
            format!("realised_{}", f.source),
            label,
            kvnd.into(),
            N1,
            &f.realised,
        ));
    }
    let mut cols = vec![
        Column::new("quantity", msg(l, "quantity"), N2),
        Column::new("unit", msg(l, "unit"), N2),
        Column::new("mean", msg(l, "mean_2"), N2),
    ];
    for q in ["p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        cols.push(Column::new(q, q.to_uppercase(), N2));
    }
    let mut t = Table::new("percentiles", msg(l, "percentiles"), cols).on_sheet(sheet);
    for (key, label, unit, kind, q) in rows {
        let mut row = vec![Cell::Key { key, label }, Cell::Text(unit)];
        row.extend(
            [q.mean, q.p5, q.p10, q.p25, q.p50, q.p75, q.p90, q.p95].map(|v| Cell::Value(v, kind)),
        );
        t.row(row);
    }
    t
}

/// P(hit) and its 95% interval as columns (`prob_hit`, `prob_hit_ci95_low`, `_high`).
pub fn prob_hit_columns(l: Lang) -> [Column; 3] {
    let p = Kind::Probability;
    [
        Column::new("prob_hit", msg(l, "probability_of_meeting_the_target"), p),
        Column::new("prob_hit_ci95_low", msg(l, "95_ci_low"), p),
        Column::new("prob_hit_ci95_high", msg(l, "95_ci_high"), p),
    ]
}
