//! The document of `compare`: the headline difference of each reference pair, the chart, the
//! comparison table (`compare.csv`: one row per scenario), compact views of probability and
//! growth for readers, the mean shortfall by source, every pair, and how to read them.

use super::compare_text::{
    end_year, headlines, label, notes, period, plus_minus, shortfall, source_union, target_text,
};
use super::facts::sampler_name;
use crate::analysis::compare::Comparison;
use crate::report::charts::Chart;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, Kind, NativeChart, NativeKind, Table,
};
use crate::report::msgf;
use crate::report::{Lang, msg};

/// Names of the workbook's sheets in `lang`: comparison, shortfall by source, pairs.
pub fn compare_sheet_names(lang: Lang) -> [&'static str; 3] {
    [
        "compare_sheet",
        "compare_shortfall_sheet",
        "compare_pairs_sheet",
    ]
    .map(|k| msg(lang, k))
}

const P1: Kind = Kind::Probability;
const R2: Kind = Kind::Rate { decimals: 2 };
const PT: Kind = Kind::Points;
const N: Kind = Kind::Number { decimals: 2 };
const C: Kind = Kind::Count;

/// Column index of `prob_hit` in the comparison table (for the native chart).
const PROB_HIT_COLUMN: usize = 8;

/// `compare.csv`: one row per scenario (the reference first): P(hit) and its interval, the
/// paired difference from the reference with Tango's interval, standard errors paired and
/// unpaired, McNemar's p, CAGR percentiles and differences, end-year GRDP and total investment
/// medians, and the mean shortfall per funding source (`shortfall_mean_<id>`, the union of the
/// scenarios' sources; empty where a scenario lacks the source).
fn comparison(c: &Comparison, sheet: &str, l: Lang) -> Table {
    let t = target_text(c, l);
    let end = end_year(c);
    let m = |k: &str| msg(l, k).to_string();
    let mut cols = vec![
        Column::new("letter", "", N),
        Column::new("scenario", m("scenario"), N),
        Column::new("title_vi", m("title"), N),
        Column::new("title_en", m("title_en"), N),
        Column::new("scenario_hash", m("hash"), N),
        Column::new("paths", m("paths_2"), C),
        Column::new("seed", "Seed", Kind::Id),
        Column::new("target", m("target"), Kind::Rate { decimals: 1 }),
        Column::new("prob_hit", format!("P(≥ {t})"), P1),
        Column::new("prob_hit_ci95_lo", m("95_ci_low"), R2),
        Column::new("prob_hit_ci95_hi", m("95_ci_high"), R2),
        Column::new("prob_hit_se", m("std_error"), Kind::Rate { decimals: 3 }),
        Column::new("diff_vs_ref", m("difference_from_a"), R2),
        Column::new(
            "diff_ci95_lo",
            m("paired_95_ci_low"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "diff_ci95_hi",
            m("paired_95_ci_high"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "diff_se_paired",
            m("paired_std_error"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "diff_se_unpaired",
            m("independent_std_error"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new("mcnemar_p", "McNemar p", Kind::PValue),
        Column::new("paths_paired", m("paths_valid_in_both"), C),
        Column::new("paths_ref_only_hit", m("paths_only_a_hits"), C),
        Column::new("paths_this_only_hit", m("paths_only_this_hits"), C),
        Column::new("identical_to_ref", m("identical"), N),
        Column::new("cagr_mean", format!("CAGR {}", m("mean")), R2),
        Column::new("cagr_p10", "CAGR P10", R2),
        Column::new("cagr_p50", "CAGR P50", R2),
        Column::new("cagr_p90", "CAGR P90", R2),
        Column::new(
            "cagr_mean_diff_vs_ref",
            m("mean_cagr_difference_from_a"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "cagr_mean_diff_se",
            m("std_error"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "cagr_mean_diff_ci95_lo",
            m("95_ci_low"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "cagr_mean_diff_ci95_hi",
            m("95_ci_high"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new(
            "cagr_median_diff_vs_ref",
            m("difference_of_cagr_medians"),
            Kind::Rate { decimals: 3 },
        ),
        Column::new("end_year", m("year"), Kind::Year),
        Column::new("grdp_end_p50", format!("GRDP {end} P50"), Kind::MoneyVnd),
        Column::new(
            "investment_total_p50",
            format!("{} {} P50", m("total_investment"), period(c)),
            Kind::MoneyVnd,
        ),
    ];
    let sources = source_union(c);
    for (id, vi, en) in &sources {
        let h = format!("{}: {}", m("mean_shortfall"), l.pick(vi, en));
        cols.push(Column::new(
            &format!("shortfall_mean_{id}"),
            h,
            Kind::MoneyVnd,
        ));
    }
    let mut tb = Table::new("compare", m("scenario_comparison"), cols)
        .on_sheet(sheet)
        .files_only();
    for (i, s) in c.scenarios.iter().enumerate() {
        let r = &s.summary;
        let mut row = vec![
            Cell::Text(s.letter.to_string()),
            Cell::Text(s.name.clone()),
            Cell::Text(s.title_vi.clone()),
            Cell::Text(s.title_en.clone()),
            Cell::Text(s.scenario_hash.clone()),
            Cell::Num(c.paths as f64),
            Cell::Text(c.seed.to_string()),
            Cell::Num(s.target),
            Cell::Num(r.prob_hit),
            Cell::Num(r.prob_hit_ci95[0]),
            Cell::Num(r.prob_hit_ci95[1]),
            Cell::Num(r.prob_hit_se),
        ];
        match c.pair(0, i) {
            Some(p) => {
                row.extend(
                    [
                        p.diff,
                        p.diff_ci95[0],
                        p.diff_ci95[1],
                        p.diff_se,
                        p.diff_se_unpaired,
                    ]
                    .map(Cell::Num),
                );
                row.push(Cell::Num(p.mcnemar_p));
                row.extend([p.n, p.n10, p.n01].map(|n| Cell::Num(n as f64)));
                row.push(Cell::Text(p.identical.to_string()));
            }
            None => row.extend(std::iter::repeat_n(Cell::Empty, 10)),
        }
        row.extend([r.cagr.mean, r.cagr.p10, r.cagr.p50, r.cagr.p90].map(Cell::Num));
        match c.pair(0, i) {
            Some(p) => row.extend(
                [
                    p.cagr_mean_diff,
                    p.cagr_mean_diff_se,
                    p.cagr_mean_diff_ci95[0],
                    p.cagr_mean_diff_ci95[1],
                    p.cagr_median_diff,
                ]
                .map(Cell::Num),
            ),
            None => row.extend(std::iter::repeat_n(Cell::Empty, 5)),
        }
        row.push(Cell::Num(f64::from(end)));
        row.push(Cell::Num(r.grdp_end.p50));
        row.push(Cell::Num(r.investment_total.p50));
        row.extend(
            sources
                .iter()
                .map(|(id, _, _)| Cell::opt(shortfall(c, i, id))),
        );
        tb.row(row);
    }
    tb
}

/// P(hit) per scenario and the paired difference from the reference (for readers).
fn probability(c: &Comparison, l: Lang) -> Table {
    let t = target_text(c, l);
    let m = |k: &str| msg(l, k).to_string();
    let mut tb = Table::new(
        "probability",
        m("probability_of_reaching_the_target_2"),
        vec![
            Column::new("scenario", m("scenario"), N),
            Column::new("prob_hit", format!("P(≥ {t})"), P1),
            Column::new("prob_hit_ci95", m("95_ci"), P1),
            Column::new("diff", m("vs_a_pp"), PT),
            Column::new("diff_ci95", m("paired_95_ci"), PT),
            Column::new("se_paired", m("se_paired"), Kind::Number { decimals: 3 }),
            Column::new(
                "se_unpaired",
                m("se_independent"),
                Kind::Number { decimals: 3 },
            ),
            Column::new("mcnemar_p", "McNemar p", Kind::PValue),
            Column::new("only", m("paths_only_a_only_it_hits"), N),
        ],
    )
    .readers_only();
    for (i, s) in c.scenarios.iter().enumerate() {
        let r = &s.summary;
        let mut row = vec![
            Cell::Text(label(c, i)),
            Cell::Num(r.prob_hit),
            Cell::Interval(r.prob_hit_ci95[0], r.prob_hit_ci95[1]),
        ];
        match c.pair(0, i) {
            Some(p) => row.extend([
                Cell::Num(p.diff),
                Cell::Interval(p.diff_ci95[0], p.diff_ci95[1]),
                Cell::Num(100.0 * p.diff_se),
                Cell::Num(100.0 * p.diff_se_unpaired),
                Cell::Num(p.mcnemar_p),
                Cell::Text(format!(
                    "{} / {}",
                    l.num(p.n10 as f64, 0),
                    l.num(p.n01 as f64, 0)
                )),
            ]),
            None => row.extend(std::iter::repeat_n(Cell::Empty, 6)),
        }
        tb.row(row);
    }
    tb
}

/// Growth, GRDP and investment per scenario (for readers).
fn growth(c: &Comparison, l: Lang) -> Table {
    let end = end_year(c);
    let m = |k: &str| msg(l, k).to_string();
    let mut tb = Table::new(
        "growth",
        m("growth_grdp_and_investment"),
        vec![
            Column::new("scenario", m("scenario"), N),
            Column::new("cagr_p10", "CAGR P10", R2),
            Column::new("cagr_p50", "CAGR P50", R2),
            Column::new("cagr_p90", "CAGR P90", R2),
            Column::new("cagr_mean_diff", m("mean_cagr_vs_a_95_ci_pp"), N),
            Column::new("cagr_median_diff", m("median_pp"), PT),
            Column::new("grdp_end_p50", format!("GRDP {end} P50"), Kind::MoneyVnd),
            Column::new(
                "investment_total_p50",
                format!("{} {} P50", m("investment"), period(c)),
                Kind::MoneyVnd,
            ),
        ],
    )
    .readers_only();
    for (i, s) in c.scenarios.iter().enumerate() {
        let r = &s.summary;
        let mut row = vec![Cell::Text(label(c, i))];
        row.extend([r.cagr.p10, r.cagr.p50, r.cagr.p90].map(Cell::Num));
        match c.pair(0, i) {
            Some(p) => {
                let half = 0.5 * (p.cagr_mean_diff_ci95[1] - p.cagr_mean_diff_ci95[0]);
                row.push(Cell::Text(plus_minus(l, p.cagr_mean_diff, half)));
                row.push(Cell::Num(p.cagr_median_diff));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.push(Cell::Num(r.grdp_end.p50));
        row.push(Cell::Num(r.investment_total.p50));
        tb.row(row);
    }
    tb
}

/// Plan, mean shortfall and P(short) by source and scenario (readers see the shortfalls).
fn shortfalls(c: &Comparison, sheet: &str, l: Lang) -> Table {
    let mut cols = vec![
        Column::new("source_label", msg(l, "funding_source"), N),
        Column::new("source", "id", N).for_files(),
    ];
    for s in &c.scenarios {
        let k = s.letter.to_ascii_lowercase();
        let h = |key: &str| format!("{} {}", s.letter, msg(l, key));
        cols.push(Column::new(&format!("plan_{k}"), h("plan_2"), Kind::MoneyVnd).for_files());
        cols.push(Column::new(
            &format!("shortfall_mean_{k}"),
            h("mean_shortfall"),
            Kind::MoneyVnd,
        ));
        cols.push(Column::new(&format!("prob_short_{k}"), h("p_short"), P1).for_files());
    }
    let title = msg(l, "mean_shortfall_by_source_k_bn_vnd");
    let mut tb = Table::new("shortfall", title, cols).on_sheet(sheet);
    for (id, vi, en) in source_union(c) {
        let mut row = vec![
            Cell::Text(l.pick(&vi, &en).to_string()),
            Cell::Text(id.clone()),
        ];
        for s in &c.scenarios {
            let f = s.summary.funding.iter().find(|x| x.source == id);
            row.push(Cell::opt(f.map(|x| x.plan)));
            row.push(Cell::opt(f.map(|x| x.shortfall_mean)));
            row.push(Cell::opt(f.map(|x| x.prob_short)));
        }
        tb.row(row);
    }
    tb
}

/// Every pair's counts and differences (readers see them with three or more scenarios).
fn pairs(c: &Comparison, sheet: &str, l: Lang) -> Table {
    let m = |k: &str| msg(l, k).to_string();
    let se =
        |key: &str, label: String| Column::new(key, label, Kind::Rate { decimals: 3 }).for_files();
    let cols = vec![
        Column::new("pair", m("pair_second_first"), N),
        Column::new("n", m("paths_valid_in_both"), C).for_files(),
        Column::new("n11", m("both_hit"), C).for_files(),
        Column::new("n10", m("only_first_hits"), C),
        Column::new("n01", m("only_second_hits"), C),
        Column::new("n00", m("neither_hits"), C).for_files(),
        Column::new("diff", m("p_difference"), PT),
        Column::new(
            "diff_ci95_lo",
            m("95_ci_low_tango"),
            Kind::Rate { decimals: 3 },
        )
        .for_files(),
        Column::new(
            "diff_ci95_hi",
            m("95_ci_high_tango"),
            Kind::Rate { decimals: 3 },
        )
        .for_files(),
        Column::new("diff_ci95", m("paired_95_ci"), PT).for_readers(),
        se("diff_se", m("paired_std_error")),
        se("diff_se_unpaired", m("independent_std_error")),
        Column::new("mcnemar_p", "McNemar p", Kind::PValue),
        Column::new("cagr_mean_diff", m("mean_cagr_difference"), PT),
        se("cagr_mean_diff_se", m("paired_std_error")),
        se("cagr_mean_diff_se_unpaired", m("independent_std_error")),
        Column::new(
            "cagr_correlation",
            m("cagr_correlation"),
            Kind::Number { decimals: 3 },
        ),
        Column::new("identical", m("identical"), N).for_files(),
    ];
    let mut tb = Table::new("pairs", m("every_pair"), cols).on_sheet(sheet);
    if c.scenarios.len() <= 2 {
        tb = tb.files_only();
    }
    for p in &c.pairs {
        let (a, b) = (&c.scenarios[p.a], &c.scenarios[p.b]);
        let mut row = vec![Cell::Key {
            key: format!("{}-{}", b.letter, a.letter),
            // the letters are the scenarios' names on the page (subtitle, first table)
            label: format!("{} − {}", b.letter, a.letter),
        }];
        row.extend([p.n, p.n11, p.n10, p.n01, p.n00].map(|n| Cell::Num(n as f64)));
        row.extend([p.diff, p.diff_ci95[0], p.diff_ci95[1]].map(Cell::Num));
        row.push(Cell::Interval(p.diff_ci95[0], p.diff_ci95[1]));
        row.extend([p.diff_se, p.diff_se_unpaired, p.mcnemar_p, p.cagr_mean_diff].map(Cell::Num));
        row.extend(
            [
                p.cagr_mean_diff_se,
                p.cagr_mean_diff_se_unpaired,
                p.cagr_correlation,
            ]
            .map(Cell::Num),
        );
        let same = msg(l, if p.identical { "yes" } else { "no" });
        row.push(Cell::Key {
            key: p.identical.to_string(),
            label: same.into(),
        });
        tb.row(row);
    }
    tb
}

/// The document of a comparison; `chart` is the drawn P(hit) chart when charts are asked for.
pub fn compare(c: &Comparison, chart: Option<Chart>, l: Lang) -> Document {
    let [main, short, pair] = compare_sheet_names(l);
    let paths = l.num(c.paths as f64, 0);
    let sampler = sampler_name(c.sampler);
    let names: Vec<String> = c
        .scenarios
        .iter()
        .map(|s| format!("{} {}", s.letter, s.name))
        .collect();
    let per = msgf(
        l,
        "paths_per_scenario",
        &[("paths", &paths), ("sampler", &sampler)],
    );
    let sub = format!(
        "{} · {per} · seed {} · {}",
        names.join(", "),
        c.seed,
        period(c)
    );
    let mut doc = Document::new("compare", msg(l, "scenario_comparison"), sub);
    doc.summary_sheet = Some(main.into());
    doc.lead = headlines(c, l);
    for s in &c.scenarios {
        let reference = if s.letter == 'A' {
            msg(l, "reference")
        } else {
            ""
        };
        let title = l.pick(&s.title_vi, &s.title_en);
        doc.blocks.push(Block::Paragraph(format!(
            "{} {} — {title}{reference}",
            s.letter, s.name
        )));
    }
    let native = NativeChart {
        kind: NativeKind::Column,
        table: "compare".into(),
        categories: 0,
        series: vec![PROB_HIT_COLUMN],
        title: msg(l, "scenario_comparison").into(),
        y_title: msg(l, "probability_of_meeting_the_target").into(),
    };
    doc.blocks.push(Block::Figure(Figure {
        chart,
        native: Some(native),
    }));
    doc.blocks.push(Block::Table(comparison(c, main, l)));
    doc.blocks.push(Block::Table(probability(c, l)));
    doc.blocks.push(Block::Table(growth(c, l)));
    doc.blocks.push(Block::Table(shortfalls(c, short, l)));
    doc.blocks.push(Block::Note(
        msg(l, "money_thousand_bn_vnd_over_the_whole_period_curr").into(),
    ));
    doc.blocks.push(Block::Table(pairs(c, pair, l)));
    doc.blocks
        .push(Block::Heading(msg(l, "how_to_read").into()));
    doc.blocks
        .extend(notes(c, l).into_iter().map(Block::Paragraph));
    doc.sources = c
        .scenarios
        .iter()
        .map(|s| format!("{} ({})", s.files.join(" ← "), s.scenario_hash))
        .collect();
    doc
}
