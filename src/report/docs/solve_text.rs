//! The sentences of a goal-seek: the goal, the search, the value as written, the solution
//! (or why there is none), and what the financing gap means for realised investment.

use crate::analysis::solve::{FinancingGap, Goal, Solution, Status};
use crate::report::{Lang, msg};

fn lever_value(lever: &str, money: bool, v: f64, lang: Lang) -> String {
    crate::report::render::format_number(lang, super::lever_kind(lever, money), v)
}

/// The lead of a goal-seek document: goal, search, as written, solution.
pub(super) fn lead(s: &Solution, lang: Lang) -> Vec<String> {
    let lv = |v: f64| lever_value(&s.lever, s.money, v, lang);
    let metric = |m: f64| match s.goal {
        Goal::Probability(_) => lang.pct(m, 1),
        Goal::MeanCagr => lang.pct(m, 2),
    };
    let goal_text = match s.goal {
        Goal::Probability(p) => format!(
            "P({} ≥ {}) = {}",
            msg(lang, "cagr"),
            lang.pct(s.target, 1),
            lang.pct(p, 0)
        ),
        Goal::MeanCagr => format!("{} = {}", msg(lang, "mean_cagr"), lang.pct(s.target, 1)),
    };
    let name = lang.pick(&s.lever_label_vi, &s.lever_label_en);
    let mut out = Vec::new();
    out.push(format!(
        "{} — {}: {name} ({}) {} {}",
        msg(lang, "goal_seek"),
        s.scenario,
        s.lever,
        msg(lang, "for"),
        goal_text
    ));
    out.push(format!(
        "{} {} {} {}–{}; {} {}, {} {} ({})",
        msg(lang, "bisection_over"),
        name,
        msg(lang, "in"),
        lv(s.range[0]),
        lv(s.range[1]),
        lang.num(s.paths as f64, 0),
        msg(lang, "paths_per_run"),
        msg(lang, "seed"),
        s.seed,
        msg(lang, "common_random_numbers"),
    ));
    out.push(format!(
        "{}: {} = {} → {}",
        msg(lang, "as_written_3"),
        name,
        lv(s.current),
        metric(s.metric_as_written)
    ));
    match (s.status, s.value) {
        (Status::Solved, Some(v)) => {
            let mut line = format!("{}: {} = {}", msg(lang, "solution"), name, lv(v));
            if let Some(ci) = s.value_ci95 {
                line.push_str(&format!(
                    " ({} {}–{})",
                    msg(lang, "monte_carlo_95_interval"),
                    lv(ci[0]),
                    lv(ci[1])
                ));
            }
            if let (Some(a), Some(se)) = (s.achieved, s.achieved_se) {
                line.push_str(&format!(
                    " → {} ± {}",
                    metric(a),
                    match s.goal {
                        Goal::Probability(_) => lang.pct(se, 2),
                        Goal::MeanCagr => lang.pct(se, 3),
                    }
                ));
            }
            out.push(line);
        }
        _ => {
            out.push(format!(
                "{} {}–{}: {} {} → {}, {} → {}. {}",
                msg(lang, "the_goal_is_not_reachable_within"),
                lv(s.range[0]),
                lv(s.range[1]),
                name,
                lv(s.range[0]),
                metric(s.metric_at_range[0]),
                lv(s.range[1]),
                metric(s.metric_at_range[1]),
                msg(lang, "widen_range_or_choose_another_lever"),
            ));
        }
    }
    out
}

/// What the financing gap means for investment actually realised, and what the central path
/// alone would need.
pub(super) fn realised(f: &FinancingGap, lang: Lang) -> String {
    format!(
        "{}: {} → {}. {}: {}.",
        msg(lang, "mean_investment_actually_realised_over_paths_aft"),
        lang.num(f.realised_mean_as_written, 1),
        lang.num(f.realised_mean_required, 1),
        msg(lang, "the_central_path_without_uncertainty_needs_comma"),
        lang.num(f.deterministic_required_total, 1),
    )
}
