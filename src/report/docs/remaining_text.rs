//! The sentences of a `remaining` document: the target, the realised average, what the
//! remaining years must grow, what the plan's investment gives, and the conditional Monte
//! Carlo against the unconditional one.

use crate::analysis::remaining::Remaining;
use crate::report::Lang;
use crate::report::{msg, msgf};
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
    lead.push(msgf(
        l,
        "target_average_real_grdp_growth_of_a_year_over",
        &[("v1", &l.pct(r.target, 2)), ("v2", &span(first, last))],
    ));
    let (r0, r1) = (r.remaining[0].year, r.remaining[r.remaining.len() - 1].year);
    // a file with only a partial first year has no realised year yet
    if let (Some(a0), Some(a1)) = (r.actual.first(), r.actual.last()) {
        lead.push(msgf(
            l,
            "average_a_year",
            &[
                ("v1", &span(a0.year, a1.year)),
                ("v2", &l.pct(r.actual_average, 2)),
            ],
        ));
    }
    let need = l.pct(r.required_growth, 2);
    let goal = msgf(
        l,
        "to_average_over",
        &[("v1", &l.pct(r.target, 2)), ("v2", &span(first, last))],
    );
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
    after.push(msgf(
        l,
        "money_thousand_bn_vnd_current_prices_needed_plan",
        &[("profile_note", &profile_note)],
    ));
    let verdict = if r.meets_target_with_plan {
        "target_reached"
    } else {
        "target_missed"
    };
    after.push(msgf(
        l,
        "remaining_with_plan",
        &[
            ("remaining", &l.pct(r.planned_remaining_average, 2)),
            ("span", &span(first, last)),
            ("cagr", &l.pct(r.planned_cagr, 2)),
            ("verdict", &msg(l, verdict)),
            ("central", &l.pct(r.central_cagr, 2)),
        ],
    ));
    if let Some(c) = r.cagr_with_required_investment {
        after.push(msgf(
            l,
            "check_with_the_required_investment_the_model_giv",
            &[("v1", &l.pct(c, 3))],
        ));
    }
    if let (Some(a0), Some(a1)) = (r.actual.first(), r.actual.last()) {
        after.push(msgf(
            l,
            "planned_investment_realised_to_reach_the_plan_s",
            &[
                ("v1", &span(first, last)),
                ("v2", &l.num(r.investment_central_total, 1)),
                ("v3", &span(a0.year, a1.year)),
                ("v4", &l.num(r.investment_realised_total, 1)),
                ("v5", &span(r0, r1)),
                ("v6", &l.num(r.investment_to_plan_total, 1)),
            ],
        ));
    }
    match &r.monte_carlo {
        None => after.push(
            msg(l, "no_monte_carlo_the_scenario_has_no_uncertainty_s")
                .trim()
                .to_string(),
        ),
        Some(m) => {
            // two decimals for probabilities below 1%, one otherwise
            let d = |p: f64| if p < 0.01 { 2 } else { 1 };
            let ci = |c: [f64; 2]| format!("{}–{}", l.pct(c[0], d(c[1])), l.pct(c[1], d(c[1])));
            after.push(msgf(
                l,
                "monte_carlo_paths_seed_p_target_actuals_95_ci_p",
                &[
                    ("v1", &l.num(m.paths as f64, 0)),
                    ("v2", &m.seed),
                    ("v3", &l.pct(m.prob_hit, d(m.prob_hit))),
                    ("v4", &ci(m.prob_hit_ci95)),
                    (
                        "v5",
                        &l.pct(m.prob_hit_unconditional, d(m.prob_hit_unconditional)),
                    ),
                    ("v6", &ci(m.prob_hit_unconditional_ci95)),
                    ("v7", &l.num(100.0 * m.difference, 1)),
                    ("v8", &l.num(100.0 * m.difference_ci95[0], 1)),
                    ("v9", &l.num(100.0 * m.difference_ci95[1], 1)),
                ],
            ));
            let p = &m.remaining_average;
            after.push(msgf(
                l,
                "average_growth_given_the_actuals_p5_p25_median_p",
                &[
                    ("v1", &span(r0, r1)),
                    ("v2", &l.pct(p.p5, 2)),
                    ("v3", &l.pct(p.p25, 2)),
                    ("v4", &l.pct(p.p50, 2)),
                    ("v5", &l.pct(p.p75, 2)),
                    ("v6", &l.pct(p.p95, 2)),
                ],
            ));
            if m.invalid_paths > 0 {
                after.push(msgf(
                    l,
                    "invalid_paths_excluded_2",
                    &[("v1", &m.invalid_paths)],
                ));
            }
            after.push(
                msg(l, "the_actuals_do_not_update_the_distributions_of_t")
                    .trim()
                    .to_string(),
            );
        }
    }
    (lead, after)
}
