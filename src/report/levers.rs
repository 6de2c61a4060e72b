//! Reports of sweeps and goal-seeks: readable text (vi/en) and CSV tables.

use super::{Lang, TextTable};
use crate::analysis::solve::{Goal, Solution, Status};
use crate::analysis::sweep::Sweep;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn cell(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map(|v| format!("{v}"))
        .unwrap_or_default()
}

/// A lever value for people: percent for rates, thousands-separated money, plain factors.
pub fn lever_value(lever: &str, money: bool, v: f64, lang: Lang) -> String {
    if money {
        return lang.num(v, 1);
    }
    let rate = ["growth", "share", "rate", "probability", "persistence"]
        .iter()
        .any(|w| lever.contains(w))
        && !lever.contains("exchange_rate");
    if rate && !lever.ends_with(".scale") {
        lang.pct(v, 2)
    } else {
        lang.num(v, 3)
    }
}

/// `sweep.csv`: one row per grid point.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn sweep_csv(s: &Sweep) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let mut header: Vec<String> = s.axes.iter().map(|a| a.lever.clone()).collect();
    header.extend(
        [
            "prob_hit",
            "prob_hit_ci95_lo",
            "prob_hit_ci95_hi",
            "cagr_p10",
            "cagr_p50",
            "cagr_p90",
            "central_cagr",
            "investment_mean",
            "error",
        ]
        .map(String::from),
    );
    w.write_record(&header)?;
    for p in &s.points {
        let mut row: Vec<String> = p.values.iter().map(|v| format!("{v}")).collect();
        row.push(cell(p.prob_hit));
        row.push(cell(p.prob_hit_ci95.map(|c| c[0])));
        row.push(cell(p.prob_hit_ci95.map(|c| c[1])));
        row.push(cell(p.cagr_p10));
        row.push(cell(p.cagr_p50));
        row.push(cell(p.cagr_p90));
        row.push(cell(p.central_cagr));
        row.push(cell(p.investment_mean));
        row.push(p.error.clone().unwrap_or_default());
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Readable sweep table: one axis as rows; two axes as a P(hit) matrix.
pub fn sweep_report(s: &Sweep, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} ({} {}, {} {}, {})\n\n",
        lang.pick("Quét tham số", "Parameter sweep"),
        s.scenario,
        lang.num(s.paths as f64, 0),
        lang.pick("đường mô phỏng mỗi điểm", "paths per point"),
        lang.pick("hạt giống", "seed"),
        s.seed,
        lang.pick(
            "cùng số ngẫu nhiên ở mọi điểm",
            "common random numbers at every point"
        ),
    ));
    let fmt_axis = |i: usize, v: f64| lever_value(&s.axes[i].lever, s.axes[i].money, v, lang);
    if s.axes.len() == 1 {
        let a = &s.axes[0];
        let mut t = TextTable::new(vec![
            lang.pick(&a.lever_label_vi, &a.lever_label_en).to_string(),
            lang.pick("P(đạt mục tiêu)", "P(hit)").into(),
            lang.pick("KTC 95%", "95% CI").into(),
            lang.pick("Trung vị TTBQ", "Median CAGR").into(),
            "P10–P90".into(),
        ]);
        for p in &s.points {
            let mark = if (p.values[0] - a.current).abs() <= 1e-9 * a.current.abs().max(1.0) {
                lang.pick(" (kế hoạch)", " (as written)")
            } else {
                ""
            };
            match (p.prob_hit, p.prob_hit_ci95, p.cagr_p50) {
                (Some(ph), Some(ci), Some(m)) => t.row(vec![
                    format!("{}{mark}", fmt_axis(0, p.values[0])),
                    lang.pct(ph, 1),
                    format!("{}–{}", lang.pct(ci[0], 1), lang.pct(ci[1], 1)),
                    lang.pct(m, 2),
                    format!(
                        "{}–{}",
                        lang.pct(p.cagr_p10.unwrap_or(f64::NAN), 2),
                        lang.pct(p.cagr_p90.unwrap_or(f64::NAN), 2)
                    ),
                ]),
                _ => t.row(vec![
                    fmt_axis(0, p.values[0]),
                    "—".into(),
                    p.error.clone().unwrap_or_default(),
                    String::new(),
                    String::new(),
                ]),
            }
        }
        out.push_str(&t.render());
    } else if s.axes.len() == 2 {
        let (a, b) = (&s.axes[0], &s.axes[1]);
        out.push_str(&format!(
            "P({}) {} {} ↓ × {} →\n",
            lang.pick("đạt mục tiêu", "hit"),
            lang.pick("theo", "by"),
            lang.pick(&a.lever_label_vi, &a.lever_label_en),
            lang.pick(&b.lever_label_vi, &b.lever_label_en)
        ));
        let mut header = vec![String::new()];
        header.extend(b.values.iter().map(|&v| fmt_axis(1, v)));
        let mut t = TextTable::new(header);
        for (i, &va) in a.values.iter().enumerate() {
            let mut row = vec![fmt_axis(0, va)];
            for j in 0..b.values.len() {
                let p = &s.points[i * b.values.len() + j];
                row.push(p.prob_hit.map(|x| lang.pct(x, 1)).unwrap_or("—".into()));
            }
            t.row(row);
        }
        out.push_str(&t.render());
        if s.contour50.is_empty() {
            out.push_str(lang.pick(
                "\nĐường 50% không đi qua lưới này.\n",
                "\nThe 50% line does not cross this grid.\n",
            ));
        }
    }
    let failed: Vec<&str> = s.points.iter().filter_map(|p| p.error.as_deref()).collect();
    if let Some(first) = failed.first() {
        out.push_str(&format!(
            "\n{} {}: {first}\n",
            failed.len(),
            lang.pick(
                "điểm không chạy được, ví dụ",
                "points could not be run, e.g."
            )
        ));
    }
    out
}

/// `solve.csv`: every run of the search.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn solve_csv(s: &Solution) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        s.lever.as_str(),
        "prob_hit",
        "cagr_mean",
        "cagr_p50",
        "investment_mean",
        "valid_paths",
    ])?;
    for e in &s.evaluations {
        w.write_record([
            format!("{}", e.value),
            format!("{}", e.prob_hit),
            format!("{}", e.cagr_mean),
            format!("{}", e.cagr_p50),
            format!("{}", e.investment_mean),
            format!("{}", e.paths),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// `financing.csv`: planned and required investment per year (thousand bn VND).
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn financing_csv(s: &Solution) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record(["year", "planned_investment", "required_investment", "gap"])?;
    if let Some(f) = &s.financing {
        for t in 0..f.years.len() {
            w.write_record([
                f.years[t].to_string(),
                format!("{}", f.plan[t]),
                format!("{}", f.required[t]),
                format!("{}", f.gap[t]),
            ])?;
        }
        w.write_record([
            "total".to_string(),
            format!("{}", f.plan_total),
            format!("{}", f.required_total),
            format!("{}", f.gap_total),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Readable goal-seek result.
pub fn solve_report(s: &Solution, lang: Lang) -> String {
    let lv = |v: f64| lever_value(&s.lever, s.money, v, lang);
    let metric = |m: f64| match s.goal {
        Goal::Probability(_) => lang.pct(m, 1),
        Goal::MeanCagr => lang.pct(m, 2),
    };
    let goal_text = match s.goal {
        Goal::Probability(p) => format!(
            "P({} ≥ {}) = {}",
            lang.pick("TTBQ", "CAGR"),
            lang.pct(s.target, 1),
            lang.pct(p, 0)
        ),
        Goal::MeanCagr => format!(
            "{} = {}",
            lang.pick("TTBQ kỳ vọng", "mean CAGR"),
            lang.pct(s.target, 1)
        ),
    };
    let name = lang.pick(&s.lever_label_vi, &s.lever_label_en);
    let mut out = format!(
        "{} — {}: {name} ({}) {} {}\n",
        lang.pick("Tìm mục tiêu", "Goal-seek"),
        s.scenario,
        s.lever,
        lang.pick("để", "for"),
        goal_text
    );
    out.push_str(&format!(
        "{} {} {} {}–{}; {} {}, {} {} ({})\n\n",
        lang.pick("Chia đôi trên", "Bisection over"),
        name,
        lang.pick("trong", "in"),
        lv(s.range[0]),
        lv(s.range[1]),
        lang.num(s.paths as f64, 0),
        lang.pick("đường mỗi lần chạy", "paths per run"),
        lang.pick("hạt giống", "seed"),
        s.seed,
        lang.pick("cùng số ngẫu nhiên", "common random numbers"),
    ));
    out.push_str(&format!(
        "{}: {} = {} → {}\n",
        lang.pick("Như kịch bản", "As written"),
        name,
        lv(s.current),
        metric(s.metric_as_written)
    ));
    match (s.status, s.value) {
        (Status::Solved, Some(v)) => {
            out.push_str(&format!(
                "{}: {} = {}",
                lang.pick("Kết quả", "Solution"),
                name,
                lv(v)
            ));
            if let Some(ci) = s.value_ci95 {
                out.push_str(&format!(
                    " ({} {}–{})",
                    lang.pick("sai số Monte Carlo, KTC 95%", "Monte Carlo 95% interval"),
                    lv(ci[0]),
                    lv(ci[1])
                ));
            }
            if let (Some(a), Some(se)) = (s.achieved, s.achieved_se) {
                out.push_str(&format!(
                    " → {} ± {}\n",
                    metric(a),
                    match s.goal {
                        Goal::Probability(_) => lang.pct(se, 2),
                        Goal::MeanCagr => lang.pct(se, 3),
                    }
                ));
            }
        }
        _ => {
            out.push_str(&format!(
                "{} {}–{}: {} {} → {}, {} → {}. {}\n",
                lang.pick(
                    "KHÔNG ĐẠT được mục tiêu trong khoảng",
                    "The goal is NOT REACHABLE within"
                ),
                lv(s.range[0]),
                lv(s.range[1]),
                name,
                lv(s.range[0]),
                metric(s.metric_at_range[0]),
                lv(s.range[1]),
                metric(s.metric_at_range[1]),
                lang.pick(
                    "Hãy mở rộng --range hoặc chọn đòn bẩy khác.",
                    "Widen --range or choose another lever."
                ),
            ));
        }
    }
    if let Some(f) = &s.financing {
        out.push_str(&format!(
            "\n{}\n",
            lang.pick(
                "Khoảng trống tài chính (tổng vốn đầu tư theo kế hoạch, nghìn tỷ đồng, giá hiện hành):",
                "Financing gap (planned total investment, thousand bn VND, current prices):"
            )
        ));
        let mut header = vec![String::new()];
        header.extend(f.years.iter().map(|y| y.to_string()));
        header.push(lang.pick("Tổng", "Total").into());
        let mut t = TextTable::new(header);
        let row = |name: &str, xs: &[f64], total: f64| {
            let mut r = vec![name.to_string()];
            r.extend(xs.iter().map(|x| lang.num(*x, 1)));
            r.push(lang.num(total, 1));
            r
        };
        t.row(row(lang.pick("Kế hoạch", "Plan"), &f.plan, f.plan_total));
        t.row(row(
            lang.pick("Cần có", "Required"),
            &f.required,
            f.required_total,
        ));
        t.row(row(lang.pick("Thiếu hụt", "Gap"), &f.gap, f.gap_total));
        out.push_str(&t.render());
        out.push_str(&format!(
            "{}: {} → {}. {}: {}.\n",
            lang.pick(
                "Vốn thực hiện bình quân qua các đường (sau rủi ro giải ngân)",
                "Mean investment actually realised over paths (after realisation risk)"
            ),
            lang.num(f.realised_mean_as_written, 1),
            lang.num(f.realised_mean_required, 1),
            lang.pick(
                "Đường trung tâm không bất định cần (lệnh required)",
                "The central path without uncertainty needs (command required)"
            ),
            lang.num(f.deterministic_required_total, 1),
        ));
    }
    out
}
