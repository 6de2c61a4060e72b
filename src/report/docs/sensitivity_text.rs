//! The words of a sensitivity analysis: input names, held levels with their units, the three
//! largest swings, and the method with its caveats, in Vietnamese or English.

use crate::analysis::sensitivity::{Group, LevelUnit, Sensitivity, TornadoBar, TornadoEnd};
use crate::analysis::sobol::Index;
use crate::report::Lang;

/// The group's label in `lang`.
pub fn group_label(g: &Group, lang: Lang) -> &str {
    lang.pick(&g.label_vi, &g.label_en)
}

pub(super) fn signed(lang: Lang, x: f64, decimals: usize) -> String {
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
        LevelUnit::Years => crate::report::msgf(lang, "years_3", &[("v1", &lang.num(v, 0))]),
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

pub(super) fn pp(lang: Lang, x: f64, decimals: usize) -> String {
    format!(
        "{} {}",
        lang.num(100.0 * x, decimals),
        crate::report::msg(lang, "pp")
    )
}

pub(super) fn idx(lang: Lang, i: &Index) -> String {
    format!(
        "{} [{}; {}]",
        lang.num(i.estimate, 3),
        lang.num(i.ci95[0], 3),
        lang.num(i.ci95[1], 3)
    )
}

pub(super) fn bar_group<'a>(s: &'a Sensitivity, b: &TornadoBar) -> &'a Group {
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

#[cfg(test)]
mod tests;
