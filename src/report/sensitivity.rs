//! Outputs of `grdpsim sensitivity`: the terminal summary, `tornado.csv`, `sobol.csv`,
//! `sensitivity.json`, the workbook `sensitivity.xlsx` (Tornado, Sobol, Notes), the charts and
//! the self-contained page `sensitivity.html`, in Vietnamese or English.

use super::html::{self, esc};
use super::lang::Lang;
use super::outputs::{Formats, OutputSet};
use super::table::TextTable;
use super::xlsx;
use crate::analysis::sensitivity::{Group, LevelUnit, Sensitivity, TornadoBar, TornadoEnd};
use crate::analysis::sobol::Index;
use crate::scenario::Scenario;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The group's label in `lang`.
pub fn group_label(g: &Group, lang: Lang) -> &str {
    lang.pick(&g.label_vi, &g.label_en)
}

fn signed(lang: Lang, x: f64, decimals: usize) -> String {
    let s = lang.num(x, decimals);
    if s.starts_with('-') {
        s.replacen('-', "−", 1)
    } else if s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// An input level written with its unit: `−1,34 điểm %` / `−1.34 pp`, `87,3% kế hoạch` /
/// `87.3% of plan`, `×1,020`, `5,00%`, `3,00`.
pub fn level_text(unit: LevelUnit, v: f64, lang: Lang) -> String {
    match unit {
        LevelUnit::PointsAdded => format!(
            "{} {}",
            signed(lang, 100.0 * v, 2),
            crate::report::msg(lang, "pp")
        ),
        LevelUnit::ShareOfPlan => {
            format!("{} {}", lang.pct(v, 1), crate::report::msg(lang, "of_plan"))
        }
        LevelUnit::Factor => format!("×{}", lang.num(v, 3)),
        LevelUnit::Rate => lang.pct(v, 2),
        LevelUnit::Ratio => lang.num(v, 2),
        LevelUnit::NumberAdded => signed(lang, v, 2),
        LevelUnit::Number => lang.num(v, 2),
        LevelUnit::Years => match lang {
            Lang::Vi => format!("{} năm", lang.num(v, 0)),
            Lang::En => format!("{} years", lang.num(v, 0)),
        },
    }
}

/// The held value of a bar's end in words: the level with its unit, or the projects' delays
/// (`đúng hạn` / `on time`, `mỗi dự án chậm 2 năm` / `each project 2 years late`).
pub fn end_text(g: &Group, end: &TornadoEnd, lang: Lang) -> String {
    if let Some(v) = end.level {
        return level_text(g.unit, v, lang);
    }
    let d = end.delays.as_deref().unwrap_or(&[]);
    let (lo, hi) = (
        d.iter().copied().min().unwrap_or(0),
        d.iter().copied().max().unwrap_or(0),
    );
    match (lang, lo == hi) {
        (_, true) if hi == 0 => crate::report::msg(lang, "on_time").into(),
        (Lang::Vi, true) => format!("mỗi dự án trễ {hi} năm"),
        (Lang::En, true) => format!("each project {hi} yr late"),
        (Lang::Vi, false) => format!("chậm {lo}–{hi} năm"),
        (Lang::En, false) => format!("{lo}–{hi} years late"),
    }
}

fn pp(lang: Lang, x: f64, decimals: usize) -> String {
    format!(
        "{} {}",
        lang.num(100.0 * x, decimals),
        crate::report::msg(lang, "pp")
    )
}

fn ci(lang: Lang, c: [f64; 2]) -> String {
    format!("{}–{}", lang.num(100.0 * c[0], 1), lang.pct(c[1], 1))
}

fn idx(lang: Lang, i: &Index) -> String {
    format!(
        "{} [{}; {}]",
        lang.num(i.estimate, 3),
        lang.num(i.ci95[0], 3),
        lang.num(i.ci95[1], 3)
    )
}

fn bar_group<'a>(s: &'a Sensitivity, b: &TornadoBar) -> &'a Group {
    &s.groups[b.group]
}

/// The headline: the three inputs with the largest P(hit) swing, e.g.
/// en `Largest P(hit) swings: TFP growth 53.2 pp, Project delays (8 projects) 28.1 pp, …`.
pub fn top_three(s: &Sensitivity, lang: Lang) -> String {
    let items: Vec<String> = s
        .tornado
        .bars
        .iter()
        .take(3)
        .map(|b| {
            format!(
                "{} {}",
                group_label(bar_group(s, b), lang),
                pp(lang, b.swing_prob_hit, 1)
            )
        })
        .collect();
    format!(
        "{}: {}",
        crate::report::msg(lang, "the_three_inputs_that_move_the_probability_of_re"),
        items.join(", ")
    )
}

/// Paragraphs explaining the method and its caveats, (heading, text) pairs in `lang`.
pub fn method_notes(s: &Sensitivity, lang: Lang) -> Vec<(String, String)> {
    let t = lang.pct(s.target, 1);
    let n = lang.num(s.tornado.paths as f64, 0);
    let rows = lang.num(s.sobol.rows_requested as f64, 0);
    let k = s.groups.len();
    let evals = lang.num(s.sobol.evaluations as f64, 0);
    let boot = lang.num(s.sobol.bootstrap as f64, 0);
    let (basis_vi, basis_en) = (&s.sobol.basis_vi, &s.sobol.basis_en);
    match lang {
        Lang::Vi => vec![
            (
                "Biểu đồ tornado".to_string(),
                format!(
                    "Mỗi đầu vào bất định được giữ ở phân vị 10 (P10) rồi phân vị 90 (P90) của phân phối của nó; mọi đầu vào khác vẫn được rút ngẫu nhiên. \
Mỗi lần chạy dùng {n} đường mô phỏng với cùng seed {seed} và cùng các đường (số ngẫu nhiên chung), nên chênh lệch giữa hai đầu là chênh lệch ghép cặp, ít nhiễu. \
Độ dài thanh (biên độ) = |P(đạt ≥ {t}) tại P90 − tại P10|; các thanh xếp theo biên độ này, bảng cũng cho thứ tự theo biên độ của tăng trưởng bình quân trung vị. \
Khoảng tin cậy 95% của xác suất là khoảng Wilson.",
                    seed = s.seed
                ),
            ),
            (
                "Giữ cố định nghĩa là gì".to_string(),
                "Chỉ mức của đầu vào (phần rút một lần cho mỗi đường) được giữ; các cú sốc hằng năm của nó vẫn ngẫu nhiên. \
Các đầu vào tương quan với nó vẫn theo phân phối riêng của chúng (không điều kiện theo giá trị được giữ), nên thanh tornado cho thấy ảnh hưởng trực tiếp của đầu vào đó. \
Đầu vào có mức cố định (ví dụ tỷ giá chỉ có cú sốc hằng năm) có thanh bằng 0; chỉ số Sobol vẫn thấy các cú sốc của nó."
                    .to_string(),
            ),
            (
                "Chậm tiến độ dự án".to_string(),
                "Thanh \"chậm tiến độ\" giữ độ trễ D của mọi dự án cùng lúc ở P10 và P90 của chính nó: D = 0 với xác suất 1 − p, nếu không D theo phân phối số năm trễ (làm tròn), nên Q_D(q) = 0 khi q ≤ 1 − p, ngược lại Q_L((q − (1 − p))/p). \
Mọi dự án cùng trễ đến P90 là tình huống hiếm hơn nhiều so với 10% — thanh này là cận trên của rủi ro chậm tiến độ, không phải một kịch bản có xác suất 10%."
                    .to_string(),
            ),
            (
                "Chỉ số Sobol".to_string(),
                format!(
                    "Phân rã phương sai của tăng trưởng bình quân 5 năm (CAGR) theo {k} nhóm (mỗi đầu vào gồm mức và cú sốc hằng năm; các dự án chậm tiến độ là một nhóm). \
Thiết kế Saltelli: hai mẫu độc lập A và B gồm {rows} hàng, và với mỗi nhóm i ma trận AB_i (A với các cột của nhóm i lấy từ B): {evals} lần mô phỏng. \
Chỉ số bậc một S_i = trung bình[f(B)·(f(AB_i) − f(A))]/V (Saltelli 2010) là phần phương sai do riêng nhóm i; chỉ số toàn phần ST_i = trung bình[(f(A) − f(AB_i))²]/(2V) (Jansen 1999) gồm cả tương tác. \
Khoảng tin cậy 95% bằng bootstrap theo hàng ({boot} lần lấy mẫu lại). Tổng các chỉ số bậc một ≤ 1 (trừ sai số ước lượng); 1 − ΣS là phần do tương tác. Ước lượng hơi âm nghĩa là ≈ 0."
                ),
            ),
            ("Đầu vào tương quan".to_string(), basis_vi.clone()),
            (
                "Lưu ý khi đọc".to_string(),
                format!(
                    "P10/P90 của một đầu vào không phải P10/P90 của kết quả. Chỉ số Sobol đo phương sai của CAGR, không đo trực tiếp xác suất đạt {t}: một đầu vào ít ảnh hưởng đến phương sai vẫn có thể quan trọng gần ngưỡng mục tiêu. \
Kết quả phụ thuộc vào các phân phối trong kịch bản (nhiều phân phối là GIẢ ĐỊNH, xem trích dẫn)."
                ),
            ),
        ],
        Lang::En => vec![
            (
                "Tornado".to_string(),
                format!(
                    "Each uncertain input is held at the 10th percentile (P10), then the 90th (P90), of its own distribution while every other input is still drawn. \
Every run uses {n} paths with the same seed {seed} and the same paths (common random numbers), so the difference between a bar's ends is paired and has little noise. \
A bar's length (swing) = |P(reach ≥ {t}) at P90 − at P10|; bars are sorted by it, and the table also gives the order by the swing of the median average growth. \
The 95% intervals of the probabilities are Wilson intervals.",
                    seed = s.seed
                ),
            ),
            (
                "What is held".to_string(),
                "Only the input's level (the part drawn once per path) is held; its yearly shocks stay random. \
Inputs correlated with it keep their own distributions (they are not conditioned on the held value), so a tornado bar shows the direct effect of that input. \
An input whose level is fixed (e.g. an exchange rate with yearly shocks only) has a bar of zero; the Sobol indices still see its shocks."
                    .to_string(),
            ),
            (
                "Project delays".to_string(),
                "The \"project delays\" bar holds every project's delay D at once at its own P10 and P90: D = 0 with probability 1 − p, otherwise the delay-years distribution (rounded), so Q_D(q) = 0 for q ≤ 1 − p, else Q_L((q − (1 − p))/p). \
Every project late by its P90 at the same time is far rarer than 10%: read this bar as the upper end of the delay risk, not as a 10% scenario."
                    .to_string(),
            ),
            (
                "Sobol indices".to_string(),
                format!(
                    "Decomposes the variance of the 5-year average growth (CAGR) over {k} groups (each input with its level and yearly shocks; all project delays as one group). \
Saltelli design: two independent samples A and B of {rows} rows and, for each group i, the matrix AB_i (A with group i's columns taken from B): {evals} simulations. \
First-order S_i = mean[f(B)·(f(AB_i) − f(A))]/V (Saltelli 2010) is the share of the variance due to group i alone; total ST_i = mean[(f(A) − f(AB_i))²]/(2V) (Jansen 1999) includes its interactions. \
95% intervals by bootstrap over rows ({boot} resamples). First-order indices sum to ≤ 1 up to estimation error; 1 − ΣS is the share due to interactions. A slightly negative estimate means ≈ 0."
                ),
            ),
            ("Correlated inputs".to_string(), basis_en.clone()),
            (
                "Reading the results".to_string(),
                format!(
                    "An input's P10/P90 is not the outcome's P10/P90. Sobol indices measure the variance of the CAGR, not the probability of reaching {t} directly: an input with little effect on the variance can still matter near the target. \
Results depend on the scenario's distributions (many are ASSUMPTIONS, see the citations)."
                ),
            ),
        ],
    }
}

/// The terminal summary: baseline, tornado table (largest P(hit) swing first), top three by
/// each ordering, Sobol table (largest total index first) and the basis of the indices.
pub fn sensitivity_report(sc: &Scenario, s: &Sensitivity, lang: Lang) -> String {
    let l = lang;
    let t = &s.tornado;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}",
        sc.meta.name,
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
    let _ = writeln!(
        out,
        "{}: seed {}, {} {}, Sobol {} {} × {} {}, {} {}\n",
        crate::report::msg(l, "sensitivity_analysis"),
        s.seed,
        l.num(t.paths as f64, 0),
        crate::report::msg(l, "paths_per_tornado_run"),
        l.num(s.sobol.rows_requested as f64, 0),
        crate::report::msg(l, "rows"),
        s.groups.len() + 2,
        crate::report::msg(l, "simulations"),
        l.num(s.sobol.bootstrap as f64, 0),
        crate::report::msg(l, "bootstrap_resamples"),
    );
    let _ = writeln!(
        out,
        "{}: P(CAGR ≥ {}) = {} (95% {} {}), {} {}\n",
        crate::report::msg(l, "baseline_nothing_held"),
        l.pct(s.target, 1),
        l.pct(t.baseline.prob_hit, 1),
        crate::report::msg(l, "ci"),
        ci(l, t.baseline.prob_hit_ci95),
        crate::report::msg(l, "median_cagr_2"),
        l.pct(t.baseline.cagr_p50, 2),
    );
    let _ = writeln!(
        out,
        "{}",
        crate::report::msg(l, "tornado_each_input_held_at_its_p10_and_p90_the_o")
    );
    let mut tt = TextTable::new(
        [
            crate::report::msg(l, "input"),
            crate::report::msg(l, "p10_value"),
            crate::report::msg(l, "p90_value"),
            crate::report::msg(l, "p_hit_at_p10_95"),
            crate::report::msg(l, "p_hit_at_p90_95"),
            crate::report::msg(l, "swing"),
            crate::report::msg(l, "med_cagr_p10"),
            crate::report::msg(l, "med_cagr_p90"),
            crate::report::msg(l, "cagr_swing"),
            crate::report::msg(l, "cagr_rank"),
        ]
        .iter()
        .map(|x| x.to_string())
        .collect(),
    );
    let mut cagr_rank = vec![0; t.bars.len()];
    for (r, &b) in t.order_by_cagr.iter().enumerate() {
        cagr_rank[b] = r + 1;
    }
    for (i, b) in t.bars.iter().enumerate() {
        let g = bar_group(s, b);
        tt.row(vec![
            format!("{}. {}", i + 1, group_label(g, l)),
            end_text(g, &b.low, l),
            end_text(g, &b.high, l),
            format!(
                "{} [{}]",
                l.pct(b.low.run.prob_hit, 1),
                ci(l, b.low.run.prob_hit_ci95)
            ),
            format!(
                "{} [{}]",
                l.pct(b.high.run.prob_hit, 1),
                ci(l, b.high.run.prob_hit_ci95)
            ),
            pp(l, b.swing_prob_hit, 1),
            l.pct(b.low.run.cagr_p50, 2),
            l.pct(b.high.run.cagr_p50, 2),
            pp(l, b.swing_cagr_p50, 2),
            cagr_rank[i].to_string(),
        ]);
    }
    out.push_str(&tt.render());
    let _ = writeln!(out, "\n{}", top_three(s, l));
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
    let _ = writeln!(
        out,
        "{}: {}",
        crate::report::msg(l, "by_swing_of_the_median_cagr"),
        by_cagr.join(", ")
    );

    let sb = &s.sobol;
    let _ = writeln!(
        out,
        "\n{} ({} {}, {} {}; {}: {})",
        crate::report::msg(l, "sobol_indices_of_the_5_year_cagr_first_order_s_s"),
        l.num(sb.rows_used as f64, 0),
        crate::report::msg(l, "rows_used"),
        l.num(sb.rows_dropped as f64, 0),
        crate::report::msg(l, "dropped"),
        crate::report::msg(l, "sd_of_cagr"),
        pp(l, sb.variance.sqrt(), 2),
    );
    let mut st = TextTable::new(
        [
            crate::report::msg(l, "input_group"),
            crate::report::msg(l, "first_order_s_95"),
            crate::report::msg(l, "total_st_95"),
        ]
        .iter()
        .map(|x| x.to_string())
        .collect(),
    );
    for (r, &i) in sb.order_by_total.iter().enumerate() {
        let g = &sb.groups[i];
        st.row(vec![
            format!("{}. {}", r + 1, group_label(&s.groups[g.group], l)),
            idx(l, &g.first),
            idx(l, &g.total),
        ]);
    }
    out.push_str(&st.render());
    let _ = writeln!(
        out,
        "{}: {} ({} {})",
        crate::report::msg(l, "sum_of_first_order_indices"),
        idx(l, &sb.sum_first),
        crate::report::msg(l, "se"),
        l.num(sb.sum_first.se, 3)
    );
    let _ = writeln!(out, "\n{}", l.pick(&sb.basis_vi, &sb.basis_en));
    out
}

fn fmt(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(fmt).unwrap_or_default()
}

fn delays(d: &Option<Vec<usize>>) -> String {
    d.as_ref()
        .map(|d| {
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(";")
        })
        .unwrap_or_default()
}

/// `tornado.csv`: one row per bar, largest P(hit) swing first; probabilities and rates as
/// fractions, levels in the unit named by `unit`, delays as `;`-separated years per project.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn tornado_csv(s: &Sensitivity) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "rank_prob_hit",
        "rank_cagr_p50",
        "group",
        "label_vi",
        "label_en",
        "unit",
        "low_quantile",
        "low_level",
        "low_delays_years",
        "high_quantile",
        "high_level",
        "high_delays_years",
        "prob_hit_low",
        "prob_hit_low_ci95_lo",
        "prob_hit_low_ci95_hi",
        "prob_hit_high",
        "prob_hit_high_ci95_lo",
        "prob_hit_high_ci95_hi",
        "swing_prob_hit",
        "cagr_p50_low",
        "cagr_p50_high",
        "swing_cagr_p50",
        "baseline_prob_hit",
        "baseline_cagr_p50",
        "paths",
        "valid_low",
        "valid_high",
    ])?;
    let t = &s.tornado;
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
        w.write_record([
            (i + 1).to_string(),
            cagr_rank[i].to_string(),
            g.id.clone(),
            g.label_vi.clone(),
            g.label_en.clone(),
            unit,
            fmt(b.low.quantile),
            opt(b.low.level),
            delays(&b.low.delays),
            fmt(b.high.quantile),
            opt(b.high.level),
            delays(&b.high.delays),
            fmt(b.low.run.prob_hit),
            fmt(b.low.run.prob_hit_ci95[0]),
            fmt(b.low.run.prob_hit_ci95[1]),
            fmt(b.high.run.prob_hit),
            fmt(b.high.run.prob_hit_ci95[0]),
            fmt(b.high.run.prob_hit_ci95[1]),
            fmt(b.swing_prob_hit),
            fmt(b.low.run.cagr_p50),
            fmt(b.high.run.cagr_p50),
            fmt(b.swing_cagr_p50),
            fmt(t.baseline.prob_hit),
            fmt(t.baseline.cagr_p50),
            t.paths.to_string(),
            b.low.run.valid.to_string(),
            b.high.run.valid.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// `sobol.csv`: one row per group, largest total index first.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn sobol_csv(s: &Sensitivity) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "rank_total",
        "group",
        "label_vi",
        "label_en",
        "first_order",
        "first_order_se",
        "first_order_ci95_lo",
        "first_order_ci95_hi",
        "total",
        "total_se",
        "total_ci95_lo",
        "total_ci95_hi",
        "copula_position",
        "rows_used",
        "bootstrap",
    ])?;
    let sb = &s.sobol;
    for (r, &i) in sb.order_by_total.iter().enumerate() {
        let g = &sb.groups[i];
        let grp = &s.groups[g.group];
        w.write_record([
            (r + 1).to_string(),
            grp.id.clone(),
            grp.label_vi.clone(),
            grp.label_en.clone(),
            fmt(g.first.estimate),
            fmt(g.first.se),
            fmt(g.first.ci95[0]),
            fmt(g.first.ci95[1]),
            fmt(g.total.estimate),
            fmt(g.total.se),
            fmt(g.total.ci95[0]),
            fmt(g.total.ci95[1]),
            grp.copula_position
                .map(|p| (p + 1).to_string())
                .unwrap_or_default(),
            sb.rows_used.to_string(),
            sb.bootstrap.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

// ---------------------------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------------------------

/// Sheet names: Tornado, Sobol, and Ghi chú / Notes.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    ["Tornado", "Sobol", crate::report::msg(lang, "notes")]
}

struct Fmts {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    pct1: Format,
    pct2: Format,
    index: Format,
    int: Format,
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
            index: Format::new().set_num_format("0.000"),
            int: Format::new().set_num_format("#,##0"),
        }
    }
}

fn num(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Format) -> Result<(), XlsxError> {
    xlsx::number_or_dash(ws, r, c, Some(v), f)
}

fn tornado_sheet(ws: &mut Worksheet, f: &Fmts, s: &Sensitivity, l: Lang) -> Result<(), XlsxError> {
    let t = &s.tornado;
    ws.write_string_with_format(
        0,
        0,
        crate::report::msg(l, "tornado_each_input_held_at_its_p10_and_p90_the_o_2"),
        &f.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{}: P(CAGR ≥ {}) = {} ({} {}), {} {}; {} {}, seed {}",
            crate::report::msg(l, "baseline"),
            l.pct(s.target, 1),
            l.pct(t.baseline.prob_hit, 1),
            crate::report::msg(l, "95_ci"),
            ci(l, t.baseline.prob_hit_ci95),
            crate::report::msg(l, "median_cagr_2"),
            l.pct(t.baseline.cagr_p50, 2),
            l.num(t.paths as f64, 0),
            crate::report::msg(l, "paths_per_run"),
            s.seed
        ),
        &f.text,
    )?;
    let head = [
        crate::report::msg(l, "rank_by_p_hit"),
        crate::report::msg(l, "rank_by_cagr"),
        crate::report::msg(l, "input"),
        crate::report::msg(l, "scenario_name"),
        crate::report::msg(l, "value_at_p10"),
        crate::report::msg(l, "value_at_p90"),
        crate::report::msg(l, "p_hit_at_p10"),
        crate::report::msg(l, "95_ci_low"),
        crate::report::msg(l, "95_ci_high"),
        crate::report::msg(l, "p_hit_at_p90"),
        crate::report::msg(l, "95_ci_low"),
        crate::report::msg(l, "95_ci_high"),
        crate::report::msg(l, "p_hit_swing"),
        crate::report::msg(l, "median_cagr_at_p10"),
        crate::report::msg(l, "median_cagr_at_p90"),
        crate::report::msg(l, "cagr_swing"),
    ];
    xlsx::header_row(ws, &f.header, 3, &head)?;
    ws.set_freeze_panes(4, 3)?;
    for (c, w) in [8, 8, 34, 26, 22, 22, 11, 10, 10, 11, 10, 10, 11, 12, 12, 11]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut cagr_rank = vec![0; t.bars.len()];
    for (r, &b) in t.order_by_cagr.iter().enumerate() {
        cagr_rank[b] = r + 1;
    }
    for (i, b) in t.bars.iter().enumerate() {
        let r = 4 + i as u32;
        let g = bar_group(s, b);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.int)?;
        ws.write_number_with_format(r, 1, cagr_rank[i] as f64, &f.int)?;
        ws.write_string_with_format(r, 2, group_label(g, l), &f.text)?;
        ws.write_string_with_format(r, 3, &g.id, &f.text)?;
        ws.write_string_with_format(r, 4, end_text(g, &b.low, l), &f.text)?;
        ws.write_string_with_format(r, 5, end_text(g, &b.high, l), &f.text)?;
        num(ws, r, 6, b.low.run.prob_hit, &f.pct1)?;
        num(ws, r, 7, b.low.run.prob_hit_ci95[0], &f.pct1)?;
        num(ws, r, 8, b.low.run.prob_hit_ci95[1], &f.pct1)?;
        num(ws, r, 9, b.high.run.prob_hit, &f.pct1)?;
        num(ws, r, 10, b.high.run.prob_hit_ci95[0], &f.pct1)?;
        num(ws, r, 11, b.high.run.prob_hit_ci95[1], &f.pct1)?;
        num(ws, r, 12, b.swing_prob_hit, &f.pct1)?;
        num(ws, r, 13, b.low.run.cagr_p50, &f.pct2)?;
        num(ws, r, 14, b.high.run.cagr_p50, &f.pct2)?;
        num(ws, r, 15, b.swing_cagr_p50, &f.pct2)?;
    }
    // native tornado: P(hit) with each input at its P10 and at its P90
    let n = t.bars.len() as u32;
    if n > 0 {
        let sheet = ws.name();
        let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Bar);
        for c in [6u16, 9] {
            chart
                .add_series()
                .set_categories((sheet.as_str(), 4, 2, 3 + n, 2))
                .set_values((sheet.as_str(), 4, c, 3 + n, c))
                .set_name((sheet.as_str(), 3, c));
        }
        chart.title().set_name(crate::report::msg(
            l,
            "tornado_each_input_held_at_its_p10_and_p90_the_o_2",
        ));
        chart.x_axis().set_name(crate::report::msg(l, "p_hit"));
        chart.y_axis().set_reverse();
        chart.set_width(760).set_height(60 + 40 * n.min(20));
        ws.insert_chart(5 + n, 2, &chart)?;
    }
    Ok(())
}

fn sobol_sheet(ws: &mut Worksheet, f: &Fmts, s: &Sensitivity, l: Lang) -> Result<(), XlsxError> {
    let sb = &s.sobol;
    ws.write_string_with_format(
        0,
        0,
        crate::report::msg(l, "sobol_indices_of_the_5_year_average_growth_cagr"),
        &f.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{} {}, {} {}, {} {}; {}",
            l.num(sb.rows_used as f64, 0),
            crate::report::msg(l, "rows_used"),
            l.num(sb.rows_dropped as f64, 0),
            crate::report::msg(l, "rows_dropped"),
            l.num(sb.bootstrap as f64, 0),
            crate::report::msg(l, "bootstrap_resamples"),
            crate::report::msg(l, "see_the_notes_sheet_about_correlated_inputs")
        ),
        &f.text,
    )?;
    let head = [
        crate::report::msg(l, "rank_total"),
        crate::report::msg(l, "input_group"),
        crate::report::msg(l, "scenario_name"),
        crate::report::msg(l, "first_order_s"),
        "SE",
        crate::report::msg(l, "95_ci_low"),
        crate::report::msg(l, "95_ci_high"),
        crate::report::msg(l, "total_st"),
        "SE",
        crate::report::msg(l, "95_ci_low"),
        crate::report::msg(l, "95_ci_high"),
        crate::report::msg(l, "copula_position"),
    ];
    xlsx::header_row(ws, &f.header, 3, &head)?;
    ws.set_freeze_panes(4, 2)?;
    for (c, w) in [9, 34, 26, 11, 9, 11, 11, 11, 9, 11, 11, 11]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r = 4u32;
    for (rank, &i) in sb.order_by_total.iter().enumerate() {
        let g = &sb.groups[i];
        let grp = &s.groups[g.group];
        ws.write_number_with_format(r, 0, (rank + 1) as f64, &f.int)?;
        ws.write_string_with_format(r, 1, group_label(grp, l), &f.text)?;
        ws.write_string_with_format(r, 2, &grp.id, &f.text)?;
        for (c, v) in [
            g.first.estimate,
            g.first.se,
            g.first.ci95[0],
            g.first.ci95[1],
            g.total.estimate,
            g.total.se,
            g.total.ci95[0],
            g.total.ci95[1],
        ]
        .iter()
        .enumerate()
        {
            num(ws, r, 3 + c as u16, *v, &f.index)?;
        }
        if let Some(p) = grp.copula_position {
            ws.write_number_with_format(r, 11, (p + 1) as f64, &f.int)?;
        }
        r += 1;
    }
    ws.write_string_with_format(
        r,
        1,
        crate::report::msg(l, "sum_of_first_order_indices"),
        &f.text,
    )?;
    for (c, v) in [
        sb.sum_first.estimate,
        sb.sum_first.se,
        sb.sum_first.ci95[0],
        sb.sum_first.ci95[1],
    ]
    .iter()
    .enumerate()
    {
        num(ws, r, 3 + c as u16, *v, &f.index)?;
    }
    Ok(())
}

fn notes_sheet(
    ws: &mut Worksheet,
    f: &Fmts,
    sc: &Scenario,
    s: &Sensitivity,
    l: Lang,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 120)?;
    ws.write_string_with_format(0, 0, crate::report::msg(l, "method_and_caveats"), &f.title)?;
    let mut r = 2u32;
    let settings = [
        (crate::report::msg(l, "scenario"), s.scenario.clone()),
        (
            crate::report::msg(l, "scenario_hash"),
            s.scenario_hash.clone(),
        ),
        ("Seed", s.seed.to_string()),
        (
            crate::report::msg(l, "paths_per_tornado_run_2"),
            l.num(s.tornado.paths as f64, 0),
        ),
        (
            crate::report::msg(l, "sobol_rows_n"),
            l.num(s.sobol.rows_requested as f64, 0),
        ),
        (
            crate::report::msg(l, "sobol_simulations"),
            l.num(s.sobol.evaluations as f64, 0),
        ),
        (
            crate::report::msg(l, "bootstrap_resamples_2"),
            l.num(s.sobol.bootstrap as f64, 0),
        ),
        (
            crate::report::msg(l, "copula_order_cholesky"),
            if s.copula_order.is_empty() {
                "–".into()
            } else {
                s.copula_order.join(" → ")
            },
        ),
        (
            crate::report::msg(l, "scenario_files"),
            sc.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" ← "),
        ),
    ];
    for (k, v) in settings {
        ws.write_string_with_format(r, 0, k, &f.text)?;
        ws.write_string_with_format(r, 1, &v, &f.wrap)?;
        r += 1;
    }
    r += 1;
    for (head, body) in method_notes(s, l) {
        ws.write_string_with_format(r, 0, &head, &f.header)?;
        ws.write_string_with_format(r, 1, &body, &f.wrap)?;
        r += 1;
    }
    Ok(())
}

/// The workbook `sensitivity.xlsx`: sheets Tornado, Sobol and Notes (numbers stored as
/// numbers with percent or index formats). The creation date is fixed, so the same inputs give
/// the same bytes.
///
/// # Errors
/// A message naming the failing call.
pub fn workbook(sc: &Scenario, s: &Sensitivity, lang: Lang) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let f = Fmts::new();
        let names = sheet_names(lang);
        let mut wb = Workbook::new();
        let props = DocProperties::new()
            .set_title(lang.pick(&sc.meta.title_vi, &sc.meta.title_en))
            .set_subject(crate::report::msg(
                lang,
                "sensitivity_analysis_tornado_and_sobol_indices",
            ))
            .set_comment(format!(
                "grdpsim {} — {} ({})",
                env!("CARGO_PKG_VERSION"),
                sc.meta.name,
                sc.content_hash
            ))
            .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?);
        wb.set_properties(&props);
        tornado_sheet(wb.add_worksheet().set_name(names[0])?, &f, s, lang)?;
        sobol_sheet(wb.add_worksheet().set_name(names[1])?, &f, s, lang)?;
        notes_sheet(wb.add_worksheet().set_name(names[2])?, &f, sc, s, lang)?;
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
    headline: "p.headline{font-size:1.2em;font-weight:600;margin:0 0 6px}\n",
    after_table: "p.note{font-size:.88em;color:var(--muted)}
.scroll{overflow-x:auto}
dl dt{font-weight:600;margin-top:10px}
dl dd{margin:2px 0 0 18px}
",
    print: "",
};

fn row(h: &mut String, cells: &[(String, bool)], head: bool) {
    h.push_str("<tr>");
    for (c, numeric) in cells {
        let tag = if head { "th" } else { "td" };
        let class = if *numeric && !head {
            " class=\"n\""
        } else {
            ""
        };
        let _ = write!(h, "<{tag}{class}>{}</{tag}>", esc(c));
    }
    h.push_str("</tr>\n");
}

/// The page `sensitivity.html`: one self-contained file (inline CSS, charts as inline SVG, no
/// script, no external reference), XHTML-compatible, in NFC; `charts` are (title, SVG) pairs.
pub fn html(sc: &Scenario, s: &Sensitivity, charts: &[(String, String)], lang: Lang) -> String {
    let l = lang;
    let t = &s.tornado;
    let sb = &s.sobol;
    let title = format!(
        "{} — {}",
        crate::report::msg(l, "sensitivity_analysis"),
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
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
    let _ = writeln!(h, "<title>{}</title>", esc(&title));
    let _ = writeln!(h, "<style>{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", esc(&title));
    let sub = [
        sc.meta.name.clone(),
        format!("seed {}", s.seed),
        format!(
            "{} {}",
            l.num(t.paths as f64, 0),
            crate::report::msg(l, "paths_per_tornado_run")
        ),
        format!(
            "Sobol {} {}, {} {}",
            l.num(sb.rows_requested as f64, 0),
            crate::report::msg(l, "rows"),
            l.num(sb.bootstrap as f64, 0),
            crate::report::msg(l, "bootstrap_resamples")
        ),
        format!("{} {}", crate::report::msg(l, "hash"), s.scenario_hash),
    ];
    let _ = writeln!(
        h,
        "<p class=\"sub\">{}</p>\n</header>",
        esc(&sub.join(" · "))
    );

    h.push_str("<section class=\"headline\" id=\"headline\">\n");
    let _ = writeln!(h, "<p class=\"headline\">{}</p>", esc(&top_three(s, l)));
    let _ = writeln!(
        h,
        "<p>{}: P(CAGR ≥ {}) = {} (95% {} {}), {} {}.</p>",
        esc(crate::report::msg(l, "baseline_nothing_held")),
        esc(&l.pct(s.target, 1)),
        esc(&l.pct(t.baseline.prob_hit, 1)),
        crate::report::msg(l, "ci"),
        esc(&ci(l, t.baseline.prob_hit_ci95)),
        esc(crate::report::msg(l, "median_cagr_2")),
        esc(&l.pct(t.baseline.cagr_p50, 2)),
    );
    if let Some(&top) = sb.order_by_total.first() {
        let g = &sb.groups[top];
        let _ = writeln!(
            h,
            "<p>{}: {} (ST {}, S {}); {} {}.</p>",
            esc(crate::report::msg(
                l,
                "the_group_explaining_most_of_the_variance_of_the"
            )),
            esc(group_label(&s.groups[g.group], l)),
            esc(&l.num(g.total.estimate, 2)),
            esc(&l.num(g.first.estimate, 2)),
            esc(crate::report::msg(l, "sum_of_first_order_indices_2")),
            esc(&l.num(sb.sum_first.estimate, 2)),
        );
    }
    h.push_str("</section>\n");

    if !charts.is_empty() {
        let _ = writeln!(
            h,
            "<section id=\"charts\">\n<h2>{}</h2>",
            crate::report::msg(l, "charts")
        );
        for (ct, svg) in charts {
            let _ = writeln!(
                h,
                "<figure class=\"chart\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                super::html::inline_svg(svg),
                esc(ct)
            );
        }
        h.push_str("</section>\n");
    }

    // tornado table
    let _ = writeln!(
        h,
        "<section id=\"tornado\">\n<h2>{}</h2>\n<div class=\"scroll\"><table>",
        crate::report::msg(l, "tornado_probability_of_reaching_the_target_and_m")
    );
    let head: Vec<(String, bool)> = [
        "#",
        crate::report::msg(l, "input"),
        crate::report::msg(l, "p10_value"),
        crate::report::msg(l, "p90_value"),
        crate::report::msg(l, "p_hit_at_p10_95_ci"),
        crate::report::msg(l, "p_hit_at_p90_95_ci"),
        crate::report::msg(l, "p_hit_swing"),
        crate::report::msg(l, "median_cagr_p10_p90"),
        crate::report::msg(l, "cagr_swing_rank"),
    ]
    .iter()
    .map(|c| (c.to_string(), false))
    .collect();
    row(&mut h, &head, true);
    let mut cagr_rank = vec![0; t.bars.len()];
    for (r, &b) in t.order_by_cagr.iter().enumerate() {
        cagr_rank[b] = r + 1;
    }
    for (i, b) in t.bars.iter().enumerate() {
        let g = bar_group(s, b);
        row(
            &mut h,
            &[
                ((i + 1).to_string(), true),
                (group_label(g, l).to_string(), false),
                (end_text(g, &b.low, l), true),
                (end_text(g, &b.high, l), true),
                (
                    format!(
                        "{} ({})",
                        l.pct(b.low.run.prob_hit, 1),
                        ci(l, b.low.run.prob_hit_ci95)
                    ),
                    true,
                ),
                (
                    format!(
                        "{} ({})",
                        l.pct(b.high.run.prob_hit, 1),
                        ci(l, b.high.run.prob_hit_ci95)
                    ),
                    true,
                ),
                (pp(l, b.swing_prob_hit, 1), true),
                (
                    format!(
                        "{} / {}",
                        l.pct(b.low.run.cagr_p50, 2),
                        l.pct(b.high.run.cagr_p50, 2)
                    ),
                    true,
                ),
                (
                    format!("{} ({})", pp(l, b.swing_cagr_p50, 2), cagr_rank[i]),
                    true,
                ),
            ],
            false,
        );
    }
    h.push_str("</table></div>\n</section>\n");

    // Sobol table
    let _ = writeln!(
        h,
        "<section id=\"sobol\">\n<h2>{}</h2>\n<div class=\"scroll\"><table>",
        crate::report::msg(l, "sobol_indices_of_the_5_year_average_growth")
    );
    let head: Vec<(String, bool)> = [
        "#",
        crate::report::msg(l, "input_group"),
        crate::report::msg(l, "first_order_s_95_ci"),
        crate::report::msg(l, "total_st_95_ci"),
        crate::report::msg(l, "copula_position"),
    ]
    .iter()
    .map(|c| (c.to_string(), false))
    .collect();
    row(&mut h, &head, true);
    for (r, &i) in sb.order_by_total.iter().enumerate() {
        let g = &sb.groups[i];
        let grp = &s.groups[g.group];
        row(
            &mut h,
            &[
                ((r + 1).to_string(), true),
                (group_label(grp, l).to_string(), false),
                (idx(l, &g.first), true),
                (idx(l, &g.total), true),
                (
                    grp.copula_position
                        .map(|p| (p + 1).to_string())
                        .unwrap_or_else(|| "–".into()),
                    true,
                ),
            ],
            false,
        );
    }
    row(
        &mut h,
        &[
            (String::new(), false),
            (
                crate::report::msg(l, "sum_of_first_order_indices").to_string(),
                false,
            ),
            (idx(l, &sb.sum_first), true),
            (String::new(), false),
            (String::new(), false),
        ],
        false,
    );
    h.push_str("</table></div>\n");
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>\n</section>",
        esc(l.pick(&sb.basis_vi, &sb.basis_en))
    );

    let _ = writeln!(
        h,
        "<section id=\"method\">\n<h2>{}</h2>\n<dl>",
        crate::report::msg(l, "method_and_how_to_read_it")
    );
    for (dt, dd) in method_notes(s, l) {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(&dt), esc(&dd));
    }
    h.push_str("</dl>\n</section>\n");
    html::scenario_footer(&mut h, sc);
    h.push_str("</body>\n</html>\n");
    h.nfc().collect()
}

/// Everything `grdpsim sensitivity` writes: sensitivity.json, tornado.csv, sobol.csv,
/// tornado.png/svg, sobol.png/svg, sensitivity.xlsx, sensitivity.html (as `formats` says).
///
/// # Errors
/// A message when an output cannot be built.
pub fn outputs(
    sc: &Scenario,
    s: &Sensitivity,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let mut out = OutputSet::default();
    if formats.json {
        out.add(
            "sensitivity.json",
            super::to_json(s).map_err(|e| e.to_string())?,
        );
    }
    if formats.csv {
        out.add("tornado.csv", tornado_csv(s).map_err(|e| e.to_string())?);
        out.add("sobol.csv", sobol_csv(s).map_err(|e| e.to_string())?);
    }
    let mut inline = Vec::new();
    if formats.charts() {
        use super::charts;
        let err = |e: charts::ChartError| e.to_string();
        for c in [
            charts::tornado(sc, s, lang).map_err(err)?,
            charts::sobol(sc, s, lang).map_err(err)?,
        ] {
            if formats.png {
                out.add(format!("{}.png", c.name), c.png);
            }
            if formats.svg {
                out.add(format!("{}.svg", c.name), c.svg.clone().into_bytes());
            }
            inline.push((c.title, c.svg));
        }
    }
    if formats.xlsx {
        out.add("sensitivity.xlsx", workbook(sc, s, lang)?);
    }
    if formats.html {
        out.add("sensitivity.html", html(sc, s, &inline, lang).into_bytes());
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
