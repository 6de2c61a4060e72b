//! The sentences of a `remaining` document: the target, the realised average, what the
//! remaining years must grow, what the plan's investment gives, and the conditional Monte
//! Carlo against the unconditional one.

use crate::analysis::remaining::Remaining;
use crate::report::Lang;
use crate::scenario::Scenario;

fn span(a: i32, b: i32) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// The lead (target, realised average, the growth the remaining years need) and the
/// paragraphs that follow the table.
pub(super) fn sentences(sc: &Scenario, r: &Remaining, l: Lang) -> (Vec<String>, Vec<String>) {
    let _ = sc;
    let [first, last] = r.horizon;
    let mut lead = Vec::new();
    let mut after = Vec::new();
    lead.push(match l {
        Lang::Vi => format!(
            "Mục tiêu: tăng trưởng GRDP bình quân {}/năm giai đoạn {}.",
            l.pct(r.target, 2),
            span(first, last)
        ),
        Lang::En => format!(
            "Target: average real GRDP growth of {} a year over {}.",
            l.pct(r.target, 2),
            span(first, last)
        ),
    });
    let (a0, a1) = (r.actual[0].year, r.actual[r.actual.len() - 1].year);
    let (r0, r1) = (r.remaining[0].year, r.remaining[r.remaining.len() - 1].year);
    lead.push(match l {
        Lang::Vi => format!(
            "Bình quân {}: {}/năm.",
            span(a0, a1),
            l.pct(r.actual_average, 2)
        ),
        Lang::En => format!(
            "Average {}: {} a year.",
            span(a0, a1),
            l.pct(r.actual_average, 2)
        ),
    });
    let need = l.pct(r.required_growth, 2);
    let goal = match l {
        Lang::Vi => format!(
            "Để đạt bình quân {} giai đoạn {}, ",
            l.pct(r.target, 2),
            span(first, last)
        ),
        Lang::En => format!(
            "To average {} over {}, ",
            l.pct(r.target, 2),
            span(first, last)
        ),
    };
    lead.push(
        goal + &match (l, r0 == r1) {
            (Lang::Vi, true) => format!("năm {r0} phải tăng trưởng từ {need} trở lên."),
            (Lang::Vi, false) => format!(
                "các năm {} phải tăng trưởng bình quân từ {need}/năm trở lên.",
                span(r0, r1)
            ),
            (Lang::En, true) => format!("{r0} must grow by at least {need}."),
            (Lang::En, false) => format!(
                "{} must grow by at least {need} a year on average.",
                span(r0, r1)
            ),
        },
    );
    let profile_note = match (r.profile_basis.as_str(), l) {
        ("plan_reference", Lang::Vi) => "theo lộ trình tăng trưởng kế hoạch công bố",
        ("plan_reference", Lang::En) => "the plan's published growth path",
        (_, Lang::Vi) => "theo dự báo trung tâm của kịch bản",
        (_, Lang::En) => "the scenario's central projection",
    };
    after.push(match l {
        Lang::Vi => format!(
            "Tiền tệ: nghìn tỷ đồng, giá hiện hành. \"Cần (dáng KH)\": giữ hình dạng {profile_note}, co giãn để đạt mục tiêu."
        ),
        Lang::En => format!(
            "Money: thousand bn VND, current prices. \"Needed (plan shape)\": the shape of {profile_note}, scaled to reach the target."
        ),
    });
    after.push(match l {
        Lang::Vi => format!(
            "Với vốn kế hoạch, các năm còn lại tăng bình quân {}/năm; cả giai đoạn {} đạt {}/năm ({}; dự báo trung tâm không có số thực tế: {}).",
            l.pct(r.planned_remaining_average, 2),
            span(first, last),
            l.pct(r.planned_cagr, 2),
            if r.meets_target_with_plan {
                "đạt mục tiêu"
            } else {
                "không đạt mục tiêu"
            },
            l.pct(r.central_cagr, 2)
        ),
        Lang::En => format!(
            "With the plan's investment the remaining years grow {} a year on average; {} averages {} ({}; central projection without actuals: {}).",
            l.pct(r.planned_remaining_average, 2),
            span(first, last),
            l.pct(r.planned_cagr, 2),
            if r.meets_target_with_plan {
                "target reached"
            } else {
                "target missed"
            },
            l.pct(r.central_cagr, 2)
        ),
    });
    if let Some(c) = r.cagr_with_required_investment {
        after.push(match l {
            Lang::Vi => format!(
                "Kiểm tra: với vốn cần, mô hình cho bình quân {}/năm.",
                l.pct(c, 3)
            ),
            Lang::En => format!(
                "Check: with the required investment the model gives {} a year.",
                l.pct(c, 3)
            ),
        });
    }
    after.push(match l {
        Lang::Vi => format!(
            "Tổng vốn kế hoạch {}: {}; đã thực hiện {}: {}; để đạt tổng kế hoạch, {} phải huy động {} nghìn tỷ đồng.",
            span(first, last),
            l.num(r.investment_central_total, 1),
            span(a0, a1),
            l.num(r.investment_realised_total, 1),
            span(r0, r1),
            l.num(r.investment_to_plan_total, 1)
        ),
        Lang::En => format!(
            "Planned investment {}: {}; realised {}: {}; to reach the plan's total, {} must mobilise {} k-bn VND.",
            span(first, last),
            l.num(r.investment_central_total, 1),
            span(a0, a1),
            l.num(r.investment_realised_total, 1),
            span(r0, r1),
            l.num(r.investment_to_plan_total, 1)
        ),
    });
    match &r.monte_carlo {
        None => after.push(
            crate::report::msg(l, "no_monte_carlo_the_scenario_has_no_uncertainty_s")
                .trim()
                .to_string(),
        ),
        Some(m) => {
            // two decimals for probabilities below 1%, one otherwise
            let d = |p: f64| if p < 0.01 { 2 } else { 1 };
            let ci = |c: [f64; 2]| format!("{}–{}", l.pct(c[0], d(c[1])), l.pct(c[1], d(c[1])));
            after.push(match l {
                Lang::Vi => format!(
                    "Monte Carlo ({} đường, seed {}): P(đạt mục tiêu | số thực tế) = {} (KTC 95%: {}); P(đạt mục tiêu), không điều kiện = {} (KTC 95%: {}); Chênh lệch (ghép cặp) = {} điểm % (KTC 95%: {} đến {})",
                    l.num(m.paths as f64, 0),
                    m.seed,
                    l.pct(m.prob_hit, d(m.prob_hit)),
                    ci(m.prob_hit_ci95),
                    l.pct(m.prob_hit_unconditional, d(m.prob_hit_unconditional)),
                    ci(m.prob_hit_unconditional_ci95),
                    l.num(100.0 * m.difference, 1),
                    l.num(100.0 * m.difference_ci95[0], 1),
                    l.num(100.0 * m.difference_ci95[1], 1)
                ),
                Lang::En => format!(
                    "Monte Carlo ({} paths, seed {}): P(target | actuals) = {} (95% CI {}); P(target), unconditional = {} (95% CI {}); Difference (paired) = {} points (95% CI {} to {})",
                    l.num(m.paths as f64, 0),
                    m.seed,
                    l.pct(m.prob_hit, d(m.prob_hit)),
                    ci(m.prob_hit_ci95),
                    l.pct(m.prob_hit_unconditional, d(m.prob_hit_unconditional)),
                    ci(m.prob_hit_unconditional_ci95),
                    l.num(100.0 * m.difference, 1),
                    l.num(100.0 * m.difference_ci95[0], 1),
                    l.num(100.0 * m.difference_ci95[1], 1)
                ),
            });
            let p = &m.remaining_average;
            after.push(match l {
                Lang::Vi => format!(
                    "Tăng trưởng bình quân {} (có điều kiện): P5 {}, P25 {}, trung vị {}, P75 {}, P95 {}",
                    span(r0, r1),
                    l.pct(p.p5, 2),
                    l.pct(p.p25, 2),
                    l.pct(p.p50, 2),
                    l.pct(p.p75, 2),
                    l.pct(p.p95, 2)
                ),
                Lang::En => format!(
                    "Average growth {} (given the actuals): P5 {}, P25 {}, median {}, P75 {}, P95 {}",
                    span(r0, r1),
                    l.pct(p.p5, 2),
                    l.pct(p.p25, 2),
                    l.pct(p.p50, 2),
                    l.pct(p.p75, 2),
                    l.pct(p.p95, 2)
                ),
            });
            if m.invalid_paths > 0 {
                after.push(match l {
                    Lang::Vi => format!("{} đường không hợp lệ bị loại.", m.invalid_paths),
                    Lang::En => format!("{} invalid paths excluded.", m.invalid_paths),
                });
            }
            after.push(
                crate::report::msg(l, "the_actuals_do_not_update_the_distributions_of_t")
                    .trim()
                    .to_string(),
            );
        }
    }
    (lead, after)
}
