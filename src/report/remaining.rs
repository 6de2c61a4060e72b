//! The terminal report of `grdpsim remaining` (vi/en); its files come from
//! [`super::docs::remaining`].

use super::lang::Lang;
use super::table::TextTable;
use crate::analysis::remaining::Remaining;
use crate::scenario::{Engine, Scenario};

fn span(a: i32, b: i32) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// The report for stdout.
pub fn remaining_report(sc: &Scenario, r: &Remaining, lang: Lang) -> String {
    let l = lang;
    let mut out = String::new();
    let [first, last] = r.horizon;
    let title = l.pick(&sc.meta.title_vi, &sc.meta.title_en);
    out.push_str(&format!("{} — {title}\n", r.scenario));
    out.push_str(&match l {
        Lang::Vi => format!(
            "Mục tiêu: tăng trưởng GRDP bình quân {}/năm giai đoạn {}.\n\n",
            l.pct(r.target, 2),
            span(first, last)
        ),
        Lang::En => format!(
            "Target: average real GRDP growth of {} a year over {}.\n\n",
            l.pct(r.target, 2),
            span(first, last)
        ),
    });

    let mut t = TextTable::new(
        [
            crate::report::msg(l, "realised_year"),
            crate::report::msg(l, "growth"),
            crate::report::msg(l, "investment_k_bn"),
            crate::report::msg(l, "investment_from"),
            crate::report::msg(l, "tfp_residual"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for a in &r.actual {
        t.row(vec![
            a.year.to_string(),
            l.pct(a.growth, 2),
            l.num(a.investment, 1),
            if a.investment_given {
                crate::report::msg(l, "given_investment")
            } else {
                crate::report::msg(l, "plan")
            }
            .to_string(),
            l.pct(a.tfp_growth_residual, 2),
        ]);
    }
    out.push_str(&t.render());
    let (a0, a1) = (r.actual[0].year, r.actual[r.actual.len() - 1].year);
    let (r0, r1) = (r.remaining[0].year, r.remaining[r.remaining.len() - 1].year);
    out.push_str(&match l {
        Lang::Vi => format!(
            "Bình quân {}: {}/năm.\n\n",
            span(a0, a1),
            l.pct(r.actual_average, 2)
        ),
        Lang::En => format!(
            "Average {}: {} a year.\n\n",
            span(a0, a1),
            l.pct(r.actual_average, 2)
        ),
    });
    let need = l.pct(r.required_growth, 2);
    let goal = match l {
        Lang::Vi => format!(
            "==> Để đạt bình quân {} giai đoạn {}, ",
            l.pct(r.target, 2),
            span(first, last)
        ),
        Lang::En => format!(
            "==> To average {} over {}, ",
            l.pct(r.target, 2),
            span(first, last)
        ),
    };
    out.push_str(&goal);
    out.push_str(&match (l, r0 == r1) {
        (Lang::Vi, true) => format!("năm {r0} phải tăng trưởng từ {need} trở lên.\n\n"),
        (Lang::Vi, false) => format!(
            "các năm {} phải tăng trưởng bình quân từ {need}/năm trở lên.\n\n",
            span(r0, r1)
        ),
        (Lang::En, true) => format!("{r0} must grow by at least {need}.\n\n"),
        (Lang::En, false) => format!(
            "{} must grow by at least {need} a year on average.\n\n",
            span(r0, r1)
        ),
    });

    let basis = match sc.meta.engine {
        Engine::GrowthAccounting => crate::report::msg(l, "scenario_tfp"),
        Engine::Icor => crate::report::msg(l, "tfp_resid_icor"),
    };
    let mut t = TextTable::new(
        [
            crate::report::msg(l, "remaining_year"),
            crate::report::msg(l, "growth_needed"),
            crate::report::msg(l, "needed_plan_shape"),
            crate::report::msg(l, "with_plan_inv"),
            basis,
            crate::report::msg(l, "tfp_needed_plan_inv"),
            crate::report::msg(l, "planned_inv"),
            crate::report::msg(l, "required_inv"),
            crate::report::msg(l, "gap"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for y in &r.remaining {
        t.row(vec![
            y.year.to_string(),
            l.pct(y.required_growth, 2),
            y.required_growth_profile
                .map(|p| l.pct(p, 2))
                .unwrap_or_else(|| "–".into()),
            l.pct(y.planned_growth, 2),
            l.pct(y.scenario_tfp_growth, 2),
            l.pct(y.implied_tfp_growth, 2),
            l.num(y.planned_investment, 1),
            l.num(y.required_investment, 1),
            l.num(y.gap, 1),
        ]);
    }
    t.row(vec![
        crate::report::msg(l, "total_2").to_string(),
        String::new(),
        String::new(),
        l.pct(r.planned_remaining_average, 2),
        String::new(),
        String::new(),
        l.num(r.planned_investment_total, 1),
        l.num(r.required_investment_total, 1),
        l.num(r.gap_total, 1),
    ]);
    out.push_str(&t.render());
    let profile_note = match (r.profile_basis.as_str(), l) {
        ("plan_reference", Lang::Vi) => "theo lộ trình tăng trưởng kế hoạch công bố",
        ("plan_reference", Lang::En) => "the plan's published growth path",
        (_, Lang::Vi) => "theo dự báo trung tâm của kịch bản",
        (_, Lang::En) => "the scenario's central projection",
    };
    out.push_str(&match l {
        Lang::Vi => format!(
            "Tiền tệ: nghìn tỷ đồng, giá hiện hành. \"Cần (dáng KH)\": giữ hình dạng {profile_note}, co giãn để đạt mục tiêu.\n"
        ),
        Lang::En => format!(
            "Money: thousand bn VND, current prices. \"Needed (plan shape)\": the shape of {profile_note}, scaled to reach the target.\n"
        ),
    });
    out.push_str(&match l {
        Lang::Vi => format!(
            "Với vốn kế hoạch, các năm còn lại tăng bình quân {}/năm; cả giai đoạn {} đạt {}/năm ({}; dự báo trung tâm không có số thực tế: {}).\n",
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
            "With the plan's investment the remaining years grow {} a year on average; {} averages {} ({}; central projection without actuals: {}).\n",
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
        out.push_str(&match l {
            Lang::Vi => format!(
                "Kiểm tra: với vốn cần, mô hình cho bình quân {}/năm.\n",
                l.pct(c, 3)
            ),
            Lang::En => format!(
                "Check: with the required investment the model gives {} a year.\n",
                l.pct(c, 3)
            ),
        });
    }
    out.push_str(&match l {
        Lang::Vi => format!(
            "Tổng vốn kế hoạch {}: {}; đã thực hiện {}: {}; để đạt tổng kế hoạch, {} phải huy động {} nghìn tỷ đồng.\n",
            span(first, last),
            l.num(r.investment_central_total, 1),
            span(a0, a1),
            l.num(r.investment_realised_total, 1),
            span(r0, r1),
            l.num(r.investment_to_plan_total, 1)
        ),
        Lang::En => format!(
            "Planned investment {}: {}; realised {}: {}; to reach the plan's total, {} must mobilise {} k-bn VND.\n",
            span(first, last),
            l.num(r.investment_central_total, 1),
            span(a0, a1),
            l.num(r.investment_realised_total, 1),
            span(r0, r1),
            l.num(r.investment_to_plan_total, 1)
        ),
    });
    match &r.monte_carlo {
        None => out.push_str(crate::report::msg(
            l,
            "no_monte_carlo_the_scenario_has_no_uncertainty_s",
        )),
        Some(m) => {
            // two decimals for probabilities below 1%, one otherwise
            let d = |p: f64| if p < 0.01 { 2 } else { 1 };
            let ci = |c: [f64; 2]| format!("{}–{}", l.pct(c[0], d(c[1])), l.pct(c[1], d(c[1])));
            out.push_str(&match l {
                Lang::Vi => format!(
                    "\nMonte Carlo ({} đường, seed {}):\n  P(đạt mục tiêu | số thực tế) = {} (KTC 95%: {})\n  P(đạt mục tiêu), không điều kiện = {} (KTC 95%: {})\n  Chênh lệch (ghép cặp) = {} điểm % (KTC 95%: {} đến {})\n",
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
                    "\nMonte Carlo ({} paths, seed {}):\n  P(target | actuals) = {} (95% CI {})\n  P(target), unconditional = {} (95% CI {})\n  Difference (paired) = {} points (95% CI {} to {})\n",
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
            out.push_str(&match l {
                Lang::Vi => format!(
                    "  Tăng trưởng bình quân {} (có điều kiện): P5 {}, P25 {}, trung vị {}, P75 {}, P95 {}\n",
                    span(r0, r1),
                    l.pct(p.p5, 2),
                    l.pct(p.p25, 2),
                    l.pct(p.p50, 2),
                    l.pct(p.p75, 2),
                    l.pct(p.p95, 2)
                ),
                Lang::En => format!(
                    "  Average growth {} (given the actuals): P5 {}, P25 {}, median {}, P75 {}, P95 {}\n",
                    span(r0, r1),
                    l.pct(p.p5, 2),
                    l.pct(p.p25, 2),
                    l.pct(p.p50, 2),
                    l.pct(p.p75, 2),
                    l.pct(p.p95, 2)
                ),
            });
            if m.invalid_paths > 0 {
                out.push_str(&match l {
                    Lang::Vi => format!("  {} đường không hợp lệ bị loại.\n", m.invalid_paths),
                    Lang::En => format!("  {} invalid paths excluded.\n", m.invalid_paths),
                });
            }
            out.push_str(crate::report::msg(
                l,
                "the_actuals_do_not_update_the_distributions_of_t",
            ));
        }
    }
    out
}
