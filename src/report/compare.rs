//! Outputs of `grdpsim compare`: the text on screen (vi/en), compare.json, compare.csv, the
//! workbook compare.xlsx and the self-contained compare.html.
//!
//! Every table is built once as text cells (shared by the screen and the HTML page); the CSV and
//! the workbook hold numbers (rates and probabilities as fractions, money in thousand bn VND at
//! current prices).

use super::html::{self, esc};
use super::xlsx::{self, col, row};
use super::{Formats, Lang, OutputSet, TextTable};
use crate::analysis::compare::{Comparison, PairDiff, Warning};
use crate::montecarlo::Sampler;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Names of the workbook's sheets in `lang`: comparison, shortfall by source, pairs.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Vi => ["So sánh", "Thiếu hụt theo nguồn", "Các cặp"],
        Lang::En => ["Comparison", "Shortfall by source", "Pairs"],
    }
}

/// A difference in percentage points with its sign: `+1,25` / `-0.40`.
fn pp(l: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = l.num(100.0 * x, decimals);
    if x > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A p-value: 4 decimals, or `< 0,0001`.
fn p_value(l: Lang, p: f64) -> String {
    if !p.is_finite() {
        "–".into()
    } else if p < 1e-4 {
        format!("< {}", l.num(1e-4, 4))
    } else {
        l.num(p, 4)
    }
}

fn interval_pp(l: Lang, ci: [f64; 2]) -> String {
    format!("{} – {}", pp(l, ci[0], 2), pp(l, ci[1], 2))
}

fn sampler_name(s: Sampler) -> &'static str {
    match s {
        Sampler::Mc => "Monte Carlo",
        Sampler::Lhs => "Latin hypercube",
    }
}

fn end_year(c: &Comparison) -> i32 {
    c.scenarios[0]
        .summary
        .years
        .last()
        .map(|y| y.year)
        .unwrap_or_default()
}

fn period(c: &Comparison) -> String {
    let y = &c.scenarios[0].summary.years;
    match (y.first(), y.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
        _ => String::new(),
    }
}

/// The target as text when all scenarios share it, else "mục tiêu"/"target".
fn target_text(c: &Comparison, l: Lang) -> String {
    let t = c.scenarios[0].target;
    if c.scenarios.iter().all(|s| s.target == t) {
        l.pct(t, 1)
    } else {
        crate::report::msg(l, "target_2").into()
    }
}

fn label(c: &Comparison, i: usize) -> String {
    format!("{} {}", c.scenarios[i].letter, c.scenarios[i].name)
}

/// Funding sources of every scenario, by id, in order of first appearance: (id, vi, en).
fn source_union(c: &Comparison) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for s in &c.scenarios {
        for f in &s.summary.funding {
            if !out.iter().any(|(id, _, _)| *id == f.source) {
                out.push((f.source.clone(), f.label_vi.clone(), f.label_en.clone()));
            }
        }
    }
    out
}

fn shortfall(c: &Comparison, i: usize, id: &str) -> Option<f64> {
    c.scenarios[i]
        .summary
        .funding
        .iter()
        .find(|f| f.source == id)
        .map(|f| f.shortfall_mean)
}

type Table = (Vec<String>, Vec<Vec<String>>);

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// P(hit) per scenario and the paired difference from the reference.
fn prob_table(c: &Comparison, l: Lang) -> Table {
    let t = target_text(c, l);
    let head = vec![
        crate::report::msg(l, "scenario").to_string(),
        format!("P(≥ {t})"),
        crate::report::msg(l, "95_ci").into(),
        crate::report::msg(l, "vs_a_pp").into(),
        crate::report::msg(l, "paired_95_ci").into(),
        crate::report::msg(l, "se_paired").into(),
        crate::report::msg(l, "se_independent").into(),
        "McNemar p".into(),
        crate::report::msg(l, "paths_only_a_only_it_hits").into(),
    ];
    let mut rows = Vec::new();
    for (i, s) in c.scenarios.iter().enumerate() {
        let m = &s.summary;
        let mut r = vec![
            label(c, i),
            l.pct(m.prob_hit, 1),
            format!(
                "{}–{}",
                l.num(100.0 * m.prob_hit_ci95[0], 1),
                l.pct(m.prob_hit_ci95[1], 1)
            ),
        ];
        match c.pair(0, i) {
            Some(p) => r.extend([
                pp(l, p.diff, 2),
                interval_pp(l, p.diff_ci95),
                l.num(100.0 * p.diff_se, 3),
                l.num(100.0 * p.diff_se_unpaired, 3),
                p_value(l, p.mcnemar_p),
                format!("{} / {}", l.num(p.n10 as f64, 0), l.num(p.n01 as f64, 0)),
            ]),
            None => r.extend(std::iter::repeat_n(String::new(), 6)),
        }
        rows.push(r);
    }
    (head, rows)
}

/// Growth, GRDP and investment per scenario.
fn growth_table(c: &Comparison, l: Lang) -> Table {
    let end = end_year(c);
    let head = vec![
        crate::report::msg(l, "scenario").to_string(),
        "CAGR P10".into(),
        "CAGR P50".into(),
        "CAGR P90".into(),
        crate::report::msg(l, "mean_cagr_vs_a_95_ci_pp").into(),
        crate::report::msg(l, "median_pp").into(),
        match l {
            Lang::Vi => format!("GRDP {end} P50 (nghìn tỷ đồng)"),
            Lang::En => format!("GRDP {end} P50 (k-bn VND)"),
        },
        match l {
            Lang::Vi => format!("Vốn đầu tư {} P50", period(c)),
            Lang::En => format!("Investment {} P50", period(c)),
        },
    ];
    let mut rows = Vec::new();
    for (i, s) in c.scenarios.iter().enumerate() {
        let m = &s.summary;
        let mut r = vec![
            label(c, i),
            l.pct(m.cagr.p10, 2),
            l.pct(m.cagr.p50, 2),
            l.pct(m.cagr.p90, 2),
        ];
        match c.pair(0, i) {
            Some(p) => r.extend([
                plus_minus(
                    l,
                    p.cagr_mean_diff,
                    0.5 * (p.cagr_mean_diff_ci95[1] - p.cagr_mean_diff_ci95[0]),
                ),
                pp(l, p.cagr_median_diff, 3),
            ]),
            None => r.extend(std::iter::repeat_n(String::new(), 2)),
        }
        r.push(l.num(m.grdp_end.p50, 1));
        r.push(l.num(m.investment_total.p50, 1));
        rows.push(r);
    }
    (head, rows)
}

/// `d ± half` in percentage points, with enough decimals (3 to 6) to show two significant
/// digits of `half`.
fn plus_minus(l: Lang, d: f64, half: f64) -> String {
    if !(d.is_finite() && half.is_finite()) {
        return "–".into();
    }
    let h = 100.0 * half;
    let decimals = if h > 0.0 {
        ((1.0 - h.log10().floor()) as i64).clamp(3, 6) as usize
    } else {
        3
    };
    format!("{} ± {}", pp(l, d, decimals), l.num(h, decimals))
}

/// Mean shortfall (plan − realised) per source and scenario.
fn shortfall_table(c: &Comparison, l: Lang) -> Table {
    let mut head = vec![crate::report::msg(l, "funding_source").to_string()];
    head.extend(c.scenarios.iter().map(|s| s.letter.to_string()));
    let rows = source_union(c)
        .into_iter()
        .map(|(id, vi, en)| {
            let mut r = vec![l.pick(&vi, &en).to_string()];
            for i in 0..c.scenarios.len() {
                r.push(shortfall(c, i, &id).map_or_else(|| "–".into(), |v| l.num(v, 1)));
            }
            r
        })
        .collect();
    (head, rows)
}

/// Every pair (A–B, A–C, B–C, …).
fn pairs_table(c: &Comparison, l: Lang) -> Table {
    let head = vec![
        crate::report::msg(l, "pair").to_string(),
        crate::report::msg(l, "p_pp").into(),
        crate::report::msg(l, "paired_95_ci").into(),
        "McNemar p".into(),
        crate::report::msg(l, "only_first_second_hits").into(),
        crate::report::msg(l, "mean_cagr_pp").into(),
        crate::report::msg(l, "cagr_correlation").into(),
    ];
    let rows = c
        .pairs
        .iter()
        .map(|p| {
            vec![
                format!("{} − {}", c.scenarios[p.b].letter, c.scenarios[p.a].letter),
                pp(l, p.diff, 2),
                interval_pp(l, p.diff_ci95),
                p_value(l, p.mcnemar_p),
                format!("{} / {}", l.num(p.n10 as f64, 0), l.num(p.n01 as f64, 0)),
                pp(l, p.cagr_mean_diff, 3),
                l.num(p.cagr_correlation, 3),
            ]
        })
        .collect();
    (head, rows)
}

/// One sentence per reference pair: the paired difference, its interval and p-value.
fn headlines(c: &Comparison, l: Lang) -> Vec<String> {
    let t = target_text(c, l);
    c.reference_pairs()
        .map(|p| {
            let (a, b) = (&c.scenarios[p.a], &c.scenarios[p.b]);
            match l {
                Lang::Vi => format!(
                    "{} − {}: xác suất đạt ≥ {t} {} ({} → {}), chênh lệch {} điểm % (KTC 95% theo cặp {}; McNemar p {})",
                    b.letter,
                    a.letter,
                    if p.diff < 0.0 {
                        "giảm"
                    } else if p.diff > 0.0 {
                        "tăng"
                    } else {
                        "không đổi"
                    },
                    l.pct(a.summary.prob_hit, 1),
                    l.pct(b.summary.prob_hit, 1),
                    pp(l, p.diff, 2),
                    interval_pp(l, p.diff_ci95),
                    p_value(l, p.mcnemar_p)
                ),
                Lang::En => format!(
                    "{} − {}: probability of ≥ {t} {} ({} → {}), a difference of {} pp (paired 95% CI {}; McNemar p {})",
                    b.letter,
                    a.letter,
                    if p.diff < 0.0 {
                        "falls"
                    } else if p.diff > 0.0 {
                        "rises"
                    } else {
                        "is unchanged"
                    },
                    l.pct(a.summary.prob_hit, 1),
                    l.pct(b.summary.prob_hit, 1),
                    pp(l, p.diff, 2),
                    interval_pp(l, p.diff_ci95),
                    p_value(l, p.mcnemar_p)
                ),
            }
        })
        .collect()
}

/// What a pair's interval means when no path changes its outcome.
fn degenerate_note(c: &Comparison, p: &PairDiff, l: Lang) -> Option<String> {
    let (a, b) = (c.scenarios[p.a].letter, c.scenarios[p.b].letter);
    if p.identical {
        Some(match l {
            Lang::Vi => format!(
                "{a} và {b} là cùng một kịch bản (cùng nội dung tệp): mọi đường cho cùng kết quả, nên chênh lệch đúng bằng 0 trên mọi đường, kể cả đường chưa mô phỏng; khoảng là [0, 0]."
            ),
            Lang::En => format!(
                "{a} and {b} are the same scenario (same file contents): every path gives the same result, so the difference is exactly 0 on every path, simulated or not; its interval is [0, 0]."
            ),
        })
    } else if p.n10 == 0 && p.n01 == 0 && p.n > 0 {
        let n = l.num(p.n as f64, 0);
        Some(match l {
            Lang::Vi => format!(
                "Không đường nào trong {n} đường đổi kết quả giữa {a} và {b}: chênh lệch bằng 0 trên các đường này; khoảng Tango ±z²/(n + z²) = ±{} điểm % là giới hạn của chênh lệch mà số đường này chưa thấy được, không chứng minh chênh lệch thật bằng 0.",
                l.num(100.0 * p.diff_ci95[1], 4)
            ),
            Lang::En => format!(
                "No path of {n} changes its outcome between {a} and {b}: the difference is 0 on these paths; Tango's interval ±z²/(n + z²) = ±{} pp bounds what these paths could miss, it does not prove the true difference is 0.",
                l.num(100.0 * p.diff_ci95[1], 4)
            ),
        })
    } else {
        None
    }
}

/// The explanation of pairing (with the gain measured on the first reference pair), notes on
/// degenerate pairs, and the warnings.
fn notes(c: &Comparison, l: Lang) -> Vec<String> {
    let mut out = Vec::new();
    out.push(crate::report::msg(l, "paired_every_scenario_is_fed_the_same_random_dra").to_string());
    if let Some(p) = c
        .reference_pairs()
        .find(|p| p.diff_se > 0.0 && p.diff_se_unpaired > 0.0)
    {
        let gain = p.diff_se_unpaired / p.diff_se;
        let (a, b) = (c.scenarios[p.a].letter, c.scenarios[p.b].letter);
        let (se, se_un) = (
            l.num(100.0 * p.diff_se, 3),
            l.num(100.0 * p.diff_se_unpaired, 3),
        );
        let corr = l.num(p.cagr_correlation, 3);
        out.push(if gain >= 1.05 {
            match l {
                Lang::Vi => format!(
                    "Với {b} − {a}: sai số chuẩn theo cặp {se} điểm %, so với {se_un} điểm % nếu chạy độc lập cùng số đường (√(se_A² + se_B²)): hẹp hơn {} lần; tương đương chạy độc lập với khoảng {} lần số đường. Tương quan CAGR giữa hai kịch bản trên cùng đường: {corr}.",
                    l.num(gain, 1),
                    l.num(gain * gain, 0),
                ),
                Lang::En => format!(
                    "For {b} − {a}: paired standard error {se} pp, against {se_un} pp for two independent runs of the same size (√(se_A² + se_B²)): {}× narrower, as good as independent runs with about {}× the paths. Correlation of the two scenarios' CAGR on the same path: {corr}.",
                    l.num(gain, 1),
                    l.num(gain * gain, 0),
                ),
            }
        } else {
            match l {
                Lang::Vi => format!(
                    "Với {b} − {a}: sai số chuẩn theo cặp {se} điểm %, độc lập {se_un} điểm %: so sánh theo cặp không có lợi ở đây (tương quan CAGR trên cùng đường: {corr}); hai kịch bản ít dùng chung các lần rút."
                ),
                Lang::En => format!(
                    "For {b} − {a}: paired standard error {se} pp, independent {se_un} pp: pairing gains nothing here (CAGR correlation on the same path: {corr}); the scenarios share few draws."
                ),
            }
        });
    }
    out.push(crate::report::msg(l, "95_ci_of_a_difference_tango_s_1998_score_interva").to_string());
    for p in &c.pairs {
        if let Some(n) = degenerate_note(c, p, l) {
            out.push(n);
        }
    }
    for w in &c.warnings {
        out.push(warning_text(c, w, l));
    }
    out
}

fn letter_of(c: &Comparison, name: &str) -> String {
    c.scenarios
        .iter()
        .find(|s| s.name == name)
        .map(|s| format!("{} ({name})", s.letter))
        .unwrap_or_else(|| name.to_string())
}

/// A warning as a sentence.
pub fn warning_text(c: &Comparison, w: &Warning, l: Lang) -> String {
    let list = |v: &[String]| {
        if v.is_empty() {
            "–".to_string()
        } else {
            v.join(", ")
        }
    };
    let prefix = crate::report::msg(l, "warning_2");
    match w {
        Warning::InputSets {
            a,
            b,
            only_a,
            only_b,
        } => match l {
            Lang::Vi => format!(
                "{prefix}: {} và {} rút các biến bất định khác nhau (chỉ ở {a}: {}; chỉ ở {b}: {}): số ngẫu nhiên chung chỉ áp dụng cho các biến trùng tên, lợi ích của so sánh theo cặp giảm.",
                letter_of(c, a),
                letter_of(c, b),
                list(only_a),
                list(only_b)
            ),
            Lang::En => format!(
                "{prefix}: {} and {} draw different uncertain inputs (only in {a}: {}; only in {b}: {}): common random numbers hold only for the inputs they share, so pairing gains less.",
                letter_of(c, a),
                letter_of(c, b),
                list(only_a),
                list(only_b)
            ),
        },
        Warning::Correlation { a, b } => match l {
            Lang::Vi => format!(
                "{prefix}: {} và {} có ma trận tương quan khác nhau: các biến chung được trộn khác nhau nên không còn là cùng một lần rút; so sánh theo cặp yếu hơn.",
                letter_of(c, a),
                letter_of(c, b)
            ),
            Lang::En => format!(
                "{prefix}: {} and {} correlate their inputs differently: the shared inputs are mixed differently, so they are no longer the same draws; pairing is weaker.",
                letter_of(c, a),
                letter_of(c, b)
            ),
        },
        Warning::Targets { a, b } => match l {
            Lang::Vi => format!(
                "{prefix}: mục tiêu khác nhau ({} {}, {} {}): xác suất của mỗi kịch bản là theo mục tiêu của chính nó.",
                letter_of(c, &a.0),
                l.pct(a.1, 1),
                letter_of(c, &b.0),
                l.pct(b.1, 1)
            ),
            Lang::En => format!(
                "{prefix}: the targets differ ({} {}, {} {}): each probability is against the scenario's own target.",
                letter_of(c, &a.0),
                l.pct(a.1, 1),
                letter_of(c, &b.0),
                l.pct(b.1, 1)
            ),
        },
        Warning::InvalidPaths { scenario, paths } => match l {
            Lang::Vi => format!(
                "{prefix}: {} có {} đường không hợp lệ, bị loại khỏi mọi cặp có kịch bản này.",
                letter_of(c, scenario),
                l.num(*paths as f64, 0)
            ),
            Lang::En => format!(
                "{prefix}: {} has {} invalid paths, left out of every pair that includes it.",
                letter_of(c, scenario),
                l.num(*paths as f64, 0)
            ),
        },
    }
}

/// The comparison as text for the terminal.
pub fn compare_report(c: &Comparison, lang: Lang) -> String {
    let l = lang;
    let mut out = match l {
        Lang::Vi => format!(
            "So sánh kịch bản trên cùng số ngẫu nhiên: {} đường mô phỏng {} mỗi kịch bản, seed {}\n",
            l.num(c.paths as f64, 0),
            sampler_name(c.sampler),
            c.seed
        ),
        Lang::En => format!(
            "Scenario comparison on common random numbers: {} {} paths per scenario, seed {}\n",
            l.num(c.paths as f64, 0),
            sampler_name(c.sampler),
            c.seed
        ),
    };
    for s in &c.scenarios {
        let _ = writeln!(
            out,
            "  {} {} — {}{}",
            s.letter,
            s.name,
            l.pick(&s.title_vi, &s.title_en),
            if s.letter == 'A' {
                crate::report::msg(l, "reference")
            } else {
                ""
            }
        );
    }
    out.push('\n');
    for h in headlines(c, l) {
        out.push_str(&h);
        out.push('\n');
    }
    out.push('\n');
    for (head, rows) in [prob_table(c, l), growth_table(c, l), shortfall_table(c, l)] {
        let mut t = TextTable::new(head);
        for r in rows {
            t.row(r);
        }
        out.push_str(&t.render());
        out.push('\n');
    }
    if c.scenarios.len() > 2 {
        let (head, rows) = pairs_table(c, l);
        let mut t = TextTable::new(head);
        for r in rows {
            t.row(r);
        }
        out.push_str(&t.render());
        out.push('\n');
    }
    for n in notes(c, l) {
        out.push_str(&n);
        out.push('\n');
    }
    out
}

fn fmt(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// `compare.csv`: one row per scenario (the reference first): P(hit) and its interval, the
/// paired difference from the reference with Tango's interval, standard errors paired and
/// unpaired, McNemar's p, CAGR percentiles and differences, end-year GRDP and total investment
/// medians, and the mean shortfall per funding source (`shortfall_mean_<id>`, the union of the
/// scenarios' sources; empty where a scenario lacks the source). Rates are fractions; money in
/// thousand bn VND at current prices. UTF-8 with a byte-order mark.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn compare_csv(c: &Comparison) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let sources = source_union(c);
    let mut head: Vec<String> = strings(&[
        "letter",
        "scenario",
        "title_vi",
        "title_en",
        "scenario_hash",
        "paths",
        "seed",
        "target",
        "prob_hit",
        "prob_hit_ci95_lo",
        "prob_hit_ci95_hi",
        "prob_hit_se",
        "diff_vs_ref",
        "diff_ci95_lo",
        "diff_ci95_hi",
        "diff_se_paired",
        "diff_se_unpaired",
        "mcnemar_p",
        "paths_paired",
        "paths_ref_only_hit",
        "paths_this_only_hit",
        "identical_to_ref",
        "cagr_mean",
        "cagr_p10",
        "cagr_p50",
        "cagr_p90",
        "cagr_mean_diff_vs_ref",
        "cagr_mean_diff_se",
        "cagr_mean_diff_ci95_lo",
        "cagr_mean_diff_ci95_hi",
        "cagr_median_diff_vs_ref",
        "end_year",
        "grdp_end_p50",
        "investment_total_p50",
    ]);
    head.extend(
        sources
            .iter()
            .map(|(id, _, _)| format!("shortfall_mean_{id}")),
    );
    w.write_record(&head)?;
    let end = end_year(c);
    for (i, s) in c.scenarios.iter().enumerate() {
        let m = &s.summary;
        let mut r = vec![
            s.letter.to_string(),
            s.name.clone(),
            s.title_vi.clone(),
            s.title_en.clone(),
            s.scenario_hash.clone(),
            c.paths.to_string(),
            c.seed.to_string(),
            fmt(s.target),
            fmt(m.prob_hit),
            fmt(m.prob_hit_ci95[0]),
            fmt(m.prob_hit_ci95[1]),
            fmt(m.prob_hit_se),
        ];
        match c.pair(0, i) {
            Some(p) => r.extend([
                fmt(p.diff),
                fmt(p.diff_ci95[0]),
                fmt(p.diff_ci95[1]),
                fmt(p.diff_se),
                fmt(p.diff_se_unpaired),
                fmt(p.mcnemar_p),
                p.n.to_string(),
                p.n10.to_string(),
                p.n01.to_string(),
                p.identical.to_string(),
            ]),
            None => r.extend(std::iter::repeat_n(String::new(), 10)),
        }
        r.extend([
            fmt(m.cagr.mean),
            fmt(m.cagr.p10),
            fmt(m.cagr.p50),
            fmt(m.cagr.p90),
        ]);
        match c.pair(0, i) {
            Some(p) => r.extend([
                fmt(p.cagr_mean_diff),
                fmt(p.cagr_mean_diff_se),
                fmt(p.cagr_mean_diff_ci95[0]),
                fmt(p.cagr_mean_diff_ci95[1]),
                fmt(p.cagr_median_diff),
            ]),
            None => r.extend(std::iter::repeat_n(String::new(), 5)),
        }
        r.extend([
            end.to_string(),
            fmt(m.grdp_end.p50),
            fmt(m.investment_total.p50),
        ]);
        r.extend(
            sources
                .iter()
                .map(|(id, _, _)| shortfall(c, i, id).map(fmt).unwrap_or_default()),
        );
        w.write_record(&r)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

// ---------------------------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------------------------

struct Fmts {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    pct1: Format,
    pct2: Format,
    pct3: Format,
    money: Format,
    int: Format,
    p4: Format,
    ratio: Format,
}

impl Fmts {
    fn new() -> Self {
        Fmts {
            title: xlsx::title_format(),
            header: xlsx::header_format(),
            text: xlsx::text_format(),
            wrap: xlsx::wrap_format(),
            pct1: Format::new().set_num_format("0.0%"),
            pct2: Format::new().set_num_format("0.00%"),
            pct3: Format::new().set_num_format("0.000%"),
            money: Format::new().set_num_format("#,##0.0"),
            int: Format::new().set_num_format("#,##0"),
            p4: Format::new().set_num_format("0.0000"),
            ratio: Format::new().set_num_format("0.000"),
        }
    }
}

fn comparison_sheet(
    ws: &mut Worksheet,
    f: &Fmts,
    c: &Comparison,
    l: Lang,
) -> Result<(), XlsxError> {
    let t = target_text(c, l);
    ws.write_string_with_format(
        0,
        0,
        crate::report::msg(l, "scenario_comparison_on_common_random_numbers_pai"),
        &f.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        match l {
            Lang::Vi => format!(
                "{} đường {} mỗi kịch bản, seed {}; A = tham chiếu",
                l.num(c.paths as f64, 0),
                sampler_name(c.sampler),
                c.seed
            ),
            Lang::En => format!(
                "{} {} paths per scenario, seed {}; A = reference",
                l.num(c.paths as f64, 0),
                sampler_name(c.sampler),
                c.seed
            ),
        },
        &f.text,
    )?;
    let end = end_year(c);
    let head: Vec<String> = vec![
        "".into(),
        crate::report::msg(l, "scenario").into(),
        crate::report::msg(l, "title").into(),
        format!("P(≥ {t})"),
        crate::report::msg(l, "95_ci_low").into(),
        crate::report::msg(l, "95_ci_high").into(),
        crate::report::msg(l, "difference_from_a").into(),
        crate::report::msg(l, "paired_95_ci_low").into(),
        crate::report::msg(l, "paired_95_ci_high").into(),
        crate::report::msg(l, "paired_std_error").into(),
        crate::report::msg(l, "independent_std_error").into(),
        "McNemar p".into(),
        crate::report::msg(l, "paths_only_a_hits").into(),
        crate::report::msg(l, "paths_only_this_hits").into(),
        "CAGR P10".into(),
        "CAGR P50".into(),
        "CAGR P90".into(),
        crate::report::msg(l, "mean_cagr_difference_from_a").into(),
        crate::report::msg(l, "std_error").into(),
        crate::report::msg(l, "difference_of_cagr_medians").into(),
        match l {
            Lang::Vi => format!("GRDP {end} P50 (nghìn tỷ đồng)"),
            Lang::En => format!("GRDP {end} P50 (k-bn VND)"),
        },
        match l {
            Lang::Vi => format!("Tổng vốn đầu tư {} P50 (nghìn tỷ đồng)", period(c)),
            Lang::En => format!("Total investment {} P50 (k-bn VND)", period(c)),
        },
    ];
    let r0 = 3u32;
    xlsx::header_row(ws, &f.header, r0, &head)?;
    ws.set_row_height(r0, 48)?;
    ws.set_freeze_panes(r0 + 1, 2)?;
    ws.set_column_width(0, 4)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 50)?;
    for i in 3..head.len() {
        ws.set_column_width(col(i), 13)?;
    }
    for (i, s) in c.scenarios.iter().enumerate() {
        let r = r0 + 1 + row(i);
        let m = &s.summary;
        ws.write_string_with_format(r, 0, s.letter.to_string(), &f.text)?;
        ws.write_string_with_format(r, 1, &s.name, &f.text)?;
        ws.write_string_with_format(r, 2, l.pick(&s.title_vi, &s.title_en), &f.text)?;
        xlsx::number_or_dash(ws, r, 3, Some(m.prob_hit), &f.pct1)?;
        xlsx::number_or_dash(ws, r, 4, Some(m.prob_hit_ci95[0]), &f.pct2)?;
        xlsx::number_or_dash(ws, r, 5, Some(m.prob_hit_ci95[1]), &f.pct2)?;
        if let Some(p) = c.pair(0, i) {
            xlsx::number_or_dash(ws, r, 6, Some(p.diff), &f.pct2)?;
            xlsx::number_or_dash(ws, r, 7, Some(p.diff_ci95[0]), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 8, Some(p.diff_ci95[1]), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 9, Some(p.diff_se), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 10, Some(p.diff_se_unpaired), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 11, Some(p.mcnemar_p), &f.p4)?;
            xlsx::number_or_dash(ws, r, 12, Some(p.n10 as f64), &f.int)?;
            xlsx::number_or_dash(ws, r, 13, Some(p.n01 as f64), &f.int)?;
            xlsx::number_or_dash(ws, r, 17, Some(p.cagr_mean_diff), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 18, Some(p.cagr_mean_diff_se), &f.pct3)?;
            xlsx::number_or_dash(ws, r, 19, Some(p.cagr_median_diff), &f.pct3)?;
        }
        xlsx::number_or_dash(ws, r, 14, Some(m.cagr.p10), &f.pct2)?;
        xlsx::number_or_dash(ws, r, 15, Some(m.cagr.p50), &f.pct2)?;
        xlsx::number_or_dash(ws, r, 16, Some(m.cagr.p90), &f.pct2)?;
        xlsx::number_or_dash(ws, r, 20, Some(m.grdp_end.p50), &f.money)?;
        xlsx::number_or_dash(ws, r, 21, Some(m.investment_total.p50), &f.money)?;
    }
    let first = r0 + 2 + row(c.scenarios.len());
    let notes = notes(c, l);
    for (r, n) in (first..).zip(&notes) {
        ws.merge_range(r, 0, r, 12, n, &f.wrap)?;
        ws.set_row_height(r, 15.0 * (n.chars().count() as f64 / 160.0).ceil().max(1.0))?;
    }
    // native chart: P(hit) per scenario (letters as categories)
    let k = row(c.scenarios.len());
    let sheet = ws.name();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart
        .add_series()
        .set_categories((sheet.as_str(), r0 + 1, 0, r0 + k, 0))
        .set_values((sheet.as_str(), r0 + 1, 3, r0 + k, 3))
        .set_name((sheet.as_str(), r0, 3));
    chart
        .title()
        .set_name(crate::report::msg(l, "scenario_comparison"));
    chart.set_width(560).set_height(320);
    ws.insert_chart(first + row(notes.len()) + 1, 2, &chart)?;
    Ok(())
}

fn shortfall_sheet(ws: &mut Worksheet, f: &Fmts, c: &Comparison, l: Lang) -> Result<(), XlsxError> {
    let mut head: Vec<String> = vec![crate::report::msg(l, "funding_source").into(), "id".into()];
    for s in &c.scenarios {
        head.push(match l {
            Lang::Vi => format!("{} kế hoạch", s.letter),
            Lang::En => format!("{} plan", s.letter),
        });
        head.push(match l {
            Lang::Vi => format!("{} thiếu hụt TB", s.letter),
            Lang::En => format!("{} mean shortfall", s.letter),
        });
        head.push(match l {
            Lang::Vi => format!("{} P(thiếu)", s.letter),
            Lang::En => format!("{} P(short)", s.letter),
        });
    }
    xlsx::header_row(ws, &f.header, 0, &head)?;
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 16)?;
    for i in 2..head.len() {
        ws.set_column_width(col(i), 12)?;
    }
    for (j, (id, vi, en)) in source_union(c).iter().enumerate() {
        let r = row(j + 1);
        ws.write_string_with_format(r, 0, l.pick(vi, en), &f.text)?;
        ws.write_string_with_format(r, 1, id, &f.text)?;
        for (i, s) in c.scenarios.iter().enumerate() {
            let fs = s.summary.funding.iter().find(|x| x.source == *id);
            let base = col(2 + 3 * i);
            xlsx::number_or_dash(ws, r, base, fs.map(|x| x.plan), &f.money)?;
            xlsx::number_or_dash(ws, r, base + 1, fs.map(|x| x.shortfall_mean), &f.money)?;
            xlsx::number_or_dash(ws, r, base + 2, fs.map(|x| x.prob_short), &f.pct1)?;
        }
    }
    let r = row(source_union(c).len() + 2);
    ws.write_string_with_format(
        r,
        0,
        crate::report::msg(l, "money_thousand_bn_vnd_over_the_whole_period_curr"),
        &f.text,
    )?;
    Ok(())
}

fn pairs_sheet(ws: &mut Worksheet, f: &Fmts, c: &Comparison, l: Lang) -> Result<(), XlsxError> {
    let head: Vec<String> = vec![
        crate::report::msg(l, "pair_second_first").into(),
        crate::report::msg(l, "paths_valid_in_both").into(),
        crate::report::msg(l, "both_hit").into(),
        crate::report::msg(l, "only_first_hits").into(),
        crate::report::msg(l, "only_second_hits").into(),
        crate::report::msg(l, "neither_hits").into(),
        crate::report::msg(l, "p_difference").into(),
        crate::report::msg(l, "95_ci_low_tango").into(),
        crate::report::msg(l, "95_ci_high_tango").into(),
        crate::report::msg(l, "paired_std_error").into(),
        crate::report::msg(l, "independent_std_error").into(),
        "McNemar p".into(),
        crate::report::msg(l, "mean_cagr_difference").into(),
        crate::report::msg(l, "paired_std_error").into(),
        crate::report::msg(l, "independent_std_error").into(),
        crate::report::msg(l, "cagr_correlation").into(),
        crate::report::msg(l, "identical").into(),
    ];
    xlsx::header_row(ws, &f.header, 0, &head)?;
    ws.set_row_height(0, 48)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 60)?;
    for i in 1..head.len() {
        ws.set_column_width(col(i), 13)?;
    }
    for (j, p) in c.pairs.iter().enumerate() {
        let r = row(j + 1);
        ws.write_string_with_format(
            r,
            0,
            format!(
                "{} − {} ({} − {})",
                c.scenarios[p.b].letter, c.scenarios[p.a].letter, p.b_name, p.a_name
            ),
            &f.text,
        )?;
        for (k, v) in [p.n, p.n11, p.n10, p.n01, p.n00].iter().enumerate() {
            xlsx::number_or_dash(ws, r, col(1 + k), Some(*v as f64), &f.int)?;
        }
        xlsx::number_or_dash(ws, r, 6, Some(p.diff), &f.pct2)?;
        xlsx::number_or_dash(ws, r, 7, Some(p.diff_ci95[0]), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 8, Some(p.diff_ci95[1]), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 9, Some(p.diff_se), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 10, Some(p.diff_se_unpaired), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 11, Some(p.mcnemar_p), &f.p4)?;
        xlsx::number_or_dash(ws, r, 12, Some(p.cagr_mean_diff), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 13, Some(p.cagr_mean_diff_se), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 14, Some(p.cagr_mean_diff_se_unpaired), &f.pct3)?;
        xlsx::number_or_dash(ws, r, 15, Some(p.cagr_correlation), &f.ratio)?;
        ws.write_string_with_format(
            r,
            16,
            if p.identical {
                crate::report::msg(l, "yes")
            } else {
                crate::report::msg(l, "no")
            },
            &f.text,
        )?;
    }
    Ok(())
}

/// The workbook `compare.xlsx`: the comparison table with notes, the mean shortfall by source
/// and scenario, and every pair's counts and differences. Numbers are stored as numbers
/// (fractions with percent formats; money with thousands separators). The creation date is
/// fixed, so the same comparison gives the same bytes.
///
/// # Errors
/// A message naming the failing call.
pub fn compare_workbook(c: &Comparison, lang: Lang) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let f = Fmts::new();
        let names = sheet_names(lang);
        let mut wb = Workbook::new();
        let props = DocProperties::new()
            .set_title(crate::report::msg(lang, "scenario_comparison"))
            .set_comment(format!(
                "grdpsim {} — {}",
                env!("CARGO_PKG_VERSION"),
                c.scenarios
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?);
        wb.set_properties(&props);
        comparison_sheet(wb.add_worksheet().set_name(names[0])?, &f, c, lang)?;
        shortfall_sheet(wb.add_worksheet().set_name(names[1])?, &f, c, lang)?;
        pairs_sheet(wb.add_worksheet().set_name(names[2])?, &f, c, lang)?;
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("xlsx: {e}"))
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// This page's rules around the shared style (see [`html::PageCss`]).
const CSS: html::PageCss = html::PageCss {
    after_h2: "",
    headline: "p.headline{font-size:1.1em;font-weight:600;margin:0 0 6px}\n",
    after_table: "p.note{font-size:.9em}\n.scroll{overflow-x:auto}\n",
    print: "",
};

fn html_table(h: &mut String, (head, rows): &Table) {
    h.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for c in head {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        h.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                let _ = write!(h, "<td>{}</td>", esc(c));
            } else {
                let _ = write!(h, "<td class=\"n\">{}</td>", esc(c));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n");
}

/// The self-contained HTML page `compare.html`: headline differences, the chart (inline SVG,
/// `chart` = (title, SVG document) when charts are drawn), the tables and the notes. No script,
/// no external reference; XHTML-compatible, NFC.
pub fn compare_html(c: &Comparison, chart: Option<&(String, String)>, lang: Lang) -> String {
    let l = lang;
    let title = crate::report::msg(l, "scenario_comparison");
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(h, "<html lang=\"{l}\">");
    h.push_str("<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(
        h,
        "<meta name=\"generator\" content=\"grdpsim {}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "<title>{}</title>", esc(title));
    let _ = writeln!(h, "<style>{CSS}</style>\n</head>\n<body>");
    h.push_str("<header>\n");
    let _ = writeln!(h, "<h1>{}</h1>", esc(title));
    let paths = l.num(c.paths as f64, 0);
    let sampler = sampler_name(c.sampler);
    let sub = format!(
        "{} · {} · seed {} · {}",
        c.scenarios
            .iter()
            .map(|s| format!("{} {}", s.letter, s.name))
            .collect::<Vec<_>>()
            .join(", "),
        match l {
            Lang::Vi => format!("{paths} đường {sampler} mỗi kịch bản"),
            Lang::En => format!("{paths} {sampler} paths per scenario"),
        },
        c.seed,
        period(c)
    );
    let _ = writeln!(h, "<p class=\"sub\">{}</p>", esc(&sub));
    h.push_str("</header>\n");
    h.push_str("<section class=\"headline\" id=\"headline\">\n");
    for line in headlines(c, l) {
        let _ = writeln!(h, "<p class=\"headline\">{}</p>", esc(&line));
    }
    h.push_str("<ul>\n");
    for s in &c.scenarios {
        let _ = writeln!(
            h,
            "<li>{} {} — {}</li>",
            s.letter,
            esc(&s.name),
            esc(l.pick(&s.title_vi, &s.title_en))
        );
    }
    h.push_str("</ul>\n</section>\n");
    if let Some((t, svg)) = chart {
        let _ = writeln!(
            h,
            "<section id=\"chart\">\n<figure class=\"chart\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n</section>",
            super::html::inline_svg(svg),
            esc(t)
        );
    }
    let _ = writeln!(
        h,
        "<section id=\"comparison\">\n<h2>{}</h2>",
        crate::report::msg(l, "probability_of_reaching_the_target_2")
    );
    html_table(&mut h, &prob_table(c, l));
    let _ = writeln!(
        h,
        "<h2>{}</h2>",
        crate::report::msg(l, "growth_grdp_and_investment")
    );
    html_table(&mut h, &growth_table(c, l));
    let _ = writeln!(
        h,
        "<h2>{}</h2>",
        crate::report::msg(l, "mean_shortfall_by_source_k_bn_vnd")
    );
    html_table(&mut h, &shortfall_table(c, l));
    if c.scenarios.len() > 2 {
        let _ = writeln!(h, "<h2>{}</h2>", crate::report::msg(l, "every_pair"));
        html_table(&mut h, &pairs_table(c, l));
    }
    h.push_str("</section>\n");
    let _ = writeln!(
        h,
        "<section id=\"notes\">\n<h2>{}</h2>",
        crate::report::msg(l, "how_to_read")
    );
    for n in notes(c, l) {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&n));
    }
    h.push_str("</section>\n");
    let sources = c
        .scenarios
        .iter()
        .map(|s| format!("{} ({})", s.files.join(" ← "), s.scenario_hash))
        .collect::<Vec<_>>()
        .join("; ");
    html::footer(&mut h, &[&sources]);
    h.push_str("</body>\n</html>\n");
    h.nfc().collect()
}

/// Everything `compare` writes: compare.json, compare.csv, compare.png/.svg, compare.xlsx and
/// compare.html, as `formats` asks.
///
/// # Errors
/// A message when an output cannot be built.
pub fn compare_outputs(c: &Comparison, formats: Formats, lang: Lang) -> Result<OutputSet, String> {
    let mut out = OutputSet::default();
    if formats.json {
        out.add(
            "compare.json",
            super::to_json(c).map_err(|e| e.to_string())?,
        );
    }
    if formats.csv {
        out.add("compare.csv", compare_csv(c).map_err(|e| e.to_string())?);
    }
    let chart = if formats.charts() {
        let ch = super::charts::compare(c, lang).map_err(|e| e.to_string())?;
        if formats.png {
            out.add(format!("{}.png", ch.name), ch.png.clone());
        }
        if formats.svg {
            out.add(format!("{}.svg", ch.name), ch.svg.clone().into_bytes());
        }
        Some((ch.title, ch.svg))
    } else {
        None
    };
    if formats.xlsx {
        out.add("compare.xlsx", compare_workbook(c, lang)?);
    }
    if formats.html {
        out.add(
            "compare.html",
            compare_html(c, chart.as_ref(), lang).into_bytes(),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
