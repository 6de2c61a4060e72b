//! Reports of sweeps and goal-seeks: readable terminal text (vi/en); their files come from
//! [`super::docs`].

use super::{Lang, TextTable};
use crate::analysis::solve::{Goal, Solution, Status};
use crate::analysis::sweep::Sweep;

/// A lever value for people: percent for rates, thousands-separated money, plain factors
/// (the unit rule of [`super::docs::lever_kind`]).
pub fn lever_value(lever: &str, money: bool, v: f64, lang: Lang) -> String {
    super::render::format_number(lang, super::docs::lever_kind(lever, money), v)
}

/// Readable sweep table: one axis as rows; two axes as a P(hit) matrix.
pub fn sweep_report(s: &Sweep, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} ({} {}, {} {}, {})\n\n",
        crate::report::msg(lang, "parameter_sweep"),
        s.scenario,
        lang.num(s.paths as f64, 0),
        crate::report::msg(lang, "paths_per_point"),
        crate::report::msg(lang, "seed"),
        s.seed,
        crate::report::msg(lang, "common_random_numbers_at_every_point"),
    ));
    let fmt_axis = |i: usize, v: f64| lever_value(&s.axes[i].lever, s.axes[i].money, v, lang);
    if s.axes.len() == 1 {
        let a = &s.axes[0];
        let mut t = TextTable::new(vec![
            lang.pick(&a.lever_label_vi, &a.lever_label_en).to_string(),
            crate::report::msg(lang, "p_hit").into(),
            crate::report::msg(lang, "95_ci").into(),
            crate::report::msg(lang, "median_cagr").into(),
            "P10–P90".into(),
        ]);
        for p in &s.points {
            let mark = if (p.values[0] - a.current).abs() <= 1e-9 * a.current.abs().max(1.0) {
                crate::report::msg(lang, "as_written_2")
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
            crate::report::msg(lang, "hit"),
            crate::report::msg(lang, "by"),
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
            out.push_str(crate::report::msg(
                lang,
                "the_50_line_does_not_cross_this_grid",
            ));
        }
    }
    let failed: Vec<&str> = s.points.iter().filter_map(|p| p.error.as_deref()).collect();
    if let Some(first) = failed.first() {
        out.push_str(&format!(
            "\n{} {}: {first}\n",
            failed.len(),
            crate::report::msg(lang, "points_could_not_be_run_e_g")
        ));
    }
    out
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
            crate::report::msg(lang, "cagr"),
            lang.pct(s.target, 1),
            lang.pct(p, 0)
        ),
        Goal::MeanCagr => format!(
            "{} = {}",
            crate::report::msg(lang, "mean_cagr"),
            lang.pct(s.target, 1)
        ),
    };
    let name = lang.pick(&s.lever_label_vi, &s.lever_label_en);
    let mut out = format!(
        "{} — {}: {name} ({}) {} {}\n",
        crate::report::msg(lang, "goal_seek"),
        s.scenario,
        s.lever,
        crate::report::msg(lang, "for"),
        goal_text
    );
    out.push_str(&format!(
        "{} {} {} {}–{}; {} {}, {} {} ({})\n\n",
        crate::report::msg(lang, "bisection_over"),
        name,
        crate::report::msg(lang, "in"),
        lv(s.range[0]),
        lv(s.range[1]),
        lang.num(s.paths as f64, 0),
        crate::report::msg(lang, "paths_per_run"),
        crate::report::msg(lang, "seed"),
        s.seed,
        crate::report::msg(lang, "common_random_numbers"),
    ));
    out.push_str(&format!(
        "{}: {} = {} → {}\n",
        crate::report::msg(lang, "as_written_3"),
        name,
        lv(s.current),
        metric(s.metric_as_written)
    ));
    match (s.status, s.value) {
        (Status::Solved, Some(v)) => {
            out.push_str(&format!(
                "{}: {} = {}",
                crate::report::msg(lang, "solution"),
                name,
                lv(v)
            ));
            if let Some(ci) = s.value_ci95 {
                out.push_str(&format!(
                    " ({} {}–{})",
                    crate::report::msg(lang, "monte_carlo_95_interval"),
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
                crate::report::msg(lang, "the_goal_is_not_reachable_within"),
                lv(s.range[0]),
                lv(s.range[1]),
                name,
                lv(s.range[0]),
                metric(s.metric_at_range[0]),
                lv(s.range[1]),
                metric(s.metric_at_range[1]),
                crate::report::msg(lang, "widen_range_or_choose_another_lever"),
            ));
        }
    }
    if let Some(f) = &s.financing {
        out.push_str(&format!(
            "\n{}\n",
            crate::report::msg(lang, "financing_gap_planned_total_investment_thousand")
        ));
        let mut header = vec![String::new()];
        header.extend(f.years.iter().map(|y| y.to_string()));
        header.push(crate::report::msg(lang, "total").into());
        let mut t = TextTable::new(header);
        let row = |name: &str, xs: &[f64], total: f64| {
            let mut r = vec![name.to_string()];
            r.extend(xs.iter().map(|x| lang.num(*x, 1)));
            r.push(lang.num(total, 1));
            r
        };
        t.row(row(
            crate::report::msg(lang, "plan_2"),
            &f.plan,
            f.plan_total,
        ));
        t.row(row(
            crate::report::msg(lang, "required"),
            &f.required,
            f.required_total,
        ));
        t.row(row(crate::report::msg(lang, "gap"), &f.gap, f.gap_total));
        out.push_str(&t.render());
        out.push_str(&format!(
            "{}: {} → {}. {}: {}.\n",
            crate::report::msg(lang, "mean_investment_actually_realised_over_paths_aft"),
            lang.num(f.realised_mean_as_written, 1),
            lang.num(f.realised_mean_required, 1),
            crate::report::msg(lang, "the_central_path_without_uncertainty_needs_comma"),
            lang.num(f.deterministic_required_total, 1),
        ));
    }
    out
}
