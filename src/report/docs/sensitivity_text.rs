//! The words of a sensitivity analysis: input names, held levels with their units, the three
//! largest swings, and the method with its caveats, in Vietnamese or English.

use crate::analysis::sensitivity::{Group, LevelUnit, Sensitivity, TornadoBar, TornadoEnd};
use crate::analysis::sobol::Index;
use crate::report::Lang;
use crate::report::{msg, msgf};

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
        LevelUnit::PointsAdded => format!("{} {}", signed(lang, 100.0 * v, 2), msg(lang, "pp")),
        LevelUnit::ShareOfPlan => {
            format!("{} {}", lang.pct(v, 1), msg(lang, "of_plan"))
        }
        LevelUnit::Factor => format!("×{}", lang.num(v, 3)),
        LevelUnit::Rate => lang.pct(v, 2),
        LevelUnit::Ratio => lang.num(v, 2),
        LevelUnit::NumberAdded => signed(lang, v, 2),
        LevelUnit::Number => lang.num(v, 2),
        LevelUnit::Years => msgf(lang, "years_3", &[("v1", &lang.num(v, 0))]),
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
        (_, true) if hi == 0 => msg(lang, "on_time").into(),
        (Lang::Vi, true) => format!("mỗi dự án trễ {hi} năm"),
        (Lang::En, true) => format!("each project {hi} yr late"),
        (Lang::Vi, false) => format!("chậm {lo}–{hi} năm"),
        (Lang::En, false) => format!("{lo}–{hi} years late"),
    }
}

pub(super) fn pp(lang: Lang, x: f64, decimals: usize) -> String {
    format!("{} {}", lang.num(100.0 * x, decimals), msg(lang, "pp"))
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
        msg(lang, "the_three_inputs_that_move_the_probability_of_re"),
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
    let seed = s.seed;
    let values: [(&str, &dyn std::fmt::Display); 7] = [
        ("n", &n),
        ("seed", &seed),
        ("t", &t),
        ("k", &k),
        ("rows", &rows),
        ("evals", &evals),
        ("boot", &boot),
    ];
    let basis = lang.pick(basis_vi, basis_en).to_string();
    [
        "tornado",
        "held",
        "delays",
        "sobol",
        "correlated",
        "reading",
    ]
    .iter()
    .map(|part| {
        let heading = msg(lang, &format!("method_{part}_heading")).to_string();
        let text = match *part {
            "correlated" => basis.clone(),
            _ => msgf(lang, &format!("method_{part}_text"), &values),
        };
        (heading, text)
    })
    .collect()
}

#[cfg(test)]
mod tests;
