//! The sentences of a comparison: the headline difference of each reference pair, what
//! pairing gained, notes on pairs no path tells apart, the warnings; and the few compound
//! numbers they quote (signed points, p-values, "d ± half").

use crate::analysis::compare::{Comparison, PairDiff, Warning};
use crate::report::Lang;
use crate::report::{msg, msgf};

/// A difference in percentage points with its sign: `+1,25` / `-0.40`.
pub(super) fn pp(l: Lang, x: f64, decimals: usize) -> String {
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
pub(super) fn p_value(l: Lang, p: f64) -> String {
    if !p.is_finite() {
        "–".into()
    } else if p < 1e-4 {
        format!("< {}", l.num(1e-4, 4))
    } else {
        l.num(p, 4)
    }
}

pub(super) fn interval_pp(l: Lang, ci: [f64; 2]) -> String {
    format!("{} – {}", pp(l, ci[0], 2), pp(l, ci[1], 2))
}

pub(super) fn end_year(c: &Comparison) -> i32 {
    c.scenarios[0]
        .summary
        .years
        .last()
        .map(|y| y.year)
        .unwrap_or_default()
}

pub(super) fn period(c: &Comparison) -> String {
    let y = &c.scenarios[0].summary.years;
    match (y.first(), y.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
        _ => String::new(),
    }
}

/// The target as text when all scenarios share it, else "mục tiêu"/"target".
pub(super) fn target_text(c: &Comparison, l: Lang) -> String {
    let t = c.scenarios[0].target;
    if c.scenarios.iter().all(|s| s.target == t) {
        l.pct(t, 1)
    } else {
        msg(l, "target_2").into()
    }
}

pub(super) fn label(c: &Comparison, i: usize) -> String {
    format!("{} {}", c.scenarios[i].letter, c.scenarios[i].name)
}

/// Funding sources of every scenario, by id, in order of first appearance: (id, vi, en).
pub(super) fn source_union(c: &Comparison) -> Vec<(String, String, String)> {
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

pub(super) fn shortfall(c: &Comparison, i: usize, id: &str) -> Option<f64> {
    c.scenarios[i]
        .summary
        .funding
        .iter()
        .find(|f| f.source == id)
        .map(|f| f.shortfall_mean)
}

/// `d ± half` in percentage points, with enough decimals (3 to 6) to show two significant
/// digits of `half`.
pub(super) fn plus_minus(l: Lang, d: f64, half: f64) -> String {
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

/// One sentence per reference pair: the paired difference, its interval and p-value.
pub(super) fn headlines(c: &Comparison, l: Lang) -> Vec<String> {
    let t = target_text(c, l);
    c.reference_pairs()
        .map(|p| {
            let (a, b) = (&c.scenarios[p.a], &c.scenarios[p.b]);
            let direction = match p.diff.partial_cmp(&0.0) {
                Some(std::cmp::Ordering::Less) => "direction_falls",
                Some(std::cmp::Ordering::Greater) => "direction_rises",
                _ => "direction_unchanged",
            };
            msgf(
                l,
                "compare_headline",
                &[
                    ("a", &a.letter),
                    ("b", &b.letter),
                    ("t", &t),
                    ("direction", &msg(l, direction)),
                    ("p_a", &l.pct(a.summary.prob_hit, 1)),
                    ("p_b", &l.pct(b.summary.prob_hit, 1)),
                    ("diff", &pp(l, p.diff, 2)),
                    ("ci", &interval_pp(l, p.diff_ci95)),
                    ("p", &p_value(l, p.mcnemar_p)),
                ],
            )
        })
        .collect()
}

/// What a pair's interval means when no path changes its outcome.
pub(super) fn degenerate_note(c: &Comparison, p: &PairDiff, l: Lang) -> Option<String> {
    let (a, b) = (c.scenarios[p.a].letter, c.scenarios[p.b].letter);
    if p.identical {
        Some(msgf(
            l,
            "and_are_the_same_scenario_same_file_contents_eve",
            &[("a", &a), ("b", &b)],
        ))
    } else if p.n10 == 0 && p.n01 == 0 && p.n > 0 {
        let n = l.num(p.n as f64, 0);
        Some(msgf(
            l,
            "no_path_of_changes_its_outcome_between_and_the_d",
            &[
                ("n", &n),
                ("a", &a),
                ("b", &b),
                ("v1", &l.num(100.0 * p.diff_ci95[1], 4)),
            ],
        ))
    } else {
        None
    }
}

/// The explanation of pairing (with the gain measured on the first reference pair), notes on
/// degenerate pairs, and the warnings.
pub(super) fn notes(c: &Comparison, l: Lang) -> Vec<String> {
    let mut out = Vec::new();
    out.push(msg(l, "paired_every_scenario_is_fed_the_same_random_dra").to_string());
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
            msgf(
                l,
                "for_paired_standard_error_pp_against_pp_for_two",
                &[
                    ("b", &b),
                    ("a", &a),
                    ("se", &se),
                    ("se_un", &se_un),
                    ("v1", &l.num(gain, 1)),
                    ("v2", &l.num(gain * gain, 0)),
                    ("corr", &corr),
                ],
            )
        } else {
            msgf(
                l,
                "for_paired_standard_error_pp_independent_pp_pair",
                &[
                    ("b", &b),
                    ("a", &a),
                    ("se", &se),
                    ("se_un", &se_un),
                    ("corr", &corr),
                ],
            )
        });
    }
    out.push(msg(l, "95_ci_of_a_difference_tango_s_1998_score_interva").to_string());
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

pub(super) fn letter_of(c: &Comparison, name: &str) -> String {
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
    let prefix = msg(l, "warning_2");
    match w {
        Warning::InputSets {
            a,
            b,
            only_a,
            only_b,
        } => msgf(
            l,
            "and_draw_different_uncertain_inputs_only_in_only",
            &[
                ("prefix", &prefix),
                ("v1", &letter_of(c, a)),
                ("v2", &letter_of(c, b)),
                ("a", &a),
                ("v3", &list(only_a)),
                ("b", &b),
                ("v4", &list(only_b)),
            ],
        ),
        Warning::Correlation { a, b } => msgf(
            l,
            "and_correlate_their_inputs_differently_the_share",
            &[
                ("prefix", &prefix),
                ("v1", &letter_of(c, a)),
                ("v2", &letter_of(c, b)),
            ],
        ),
        Warning::Targets { a, b } => msgf(
            l,
            "the_targets_differ_each_probability_is_against_t",
            &[
                ("prefix", &prefix),
                ("v1", &letter_of(c, &a.0)),
                ("v2", &l.pct(a.1, 1)),
                ("v3", &letter_of(c, &b.0)),
                ("v4", &l.pct(b.1, 1)),
            ],
        ),
        Warning::InvalidPaths { scenario, paths } => msgf(
            l,
            "has_invalid_paths_left_out_of_every_pair_that_in",
            &[
                ("prefix", &prefix),
                ("v1", &letter_of(c, scenario)),
                ("v2", &l.num(*paths as f64, 0)),
            ],
        ),
    }
}

#[cfg(test)]
mod tests;
