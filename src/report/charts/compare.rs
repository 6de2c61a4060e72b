//! Scenario comparison: P(hit) with its interval per scenario, the paired differences from the
//! reference (against what two independent runs would give), and the growth distributions
//! overlaid.

use super::plane::{self, Margins};
use super::primitives::{polyline, whisker};
use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::compare::Comparison;
use crate::report::Lang;
use crate::report::{msg, msgf};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Okabe–Ito bluish green.
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito reddish purple.
const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// A mid grey for the unpaired intervals.
const LIGHT: RGBColor = RGBColor(0xB8, 0xB8, 0xB8);

/// Colour of scenario `i` (A = blue, B = vermillion, …; Okabe–Ito order by contrast).
fn color(i: usize) -> RGBColor {
    const C: [RGBColor; 8] = [
        style::BLUE,
        style::VERMILLION,
        GREEN,
        PURPLE,
        style::ORANGE,
        style::SKY,
        style::INK,
        style::YELLOW,
    ];
    C[i % C.len()]
}

/// Dash pattern (dash, gap) of scenario `i`'s density line; A solid.
fn dash(i: usize) -> Option<(f64, f64)> {
    match i {
        0 => None,
        1 => Some((18.0, 9.0)),
        2 => Some((6.0, 7.0)),
        3 => Some((22.0, 7.0)),
        4 => Some((12.0, 12.0)),
        _ => Some((4.0, 4.0)),
    }
}

/// A scenario's growth distribution on the chart.
enum Density {
    /// (bin centre, share of paths per 0.1 percentage point), without the two end bins (they
    /// also hold the tails).
    Curve(Vec<(f64, f64)>),
    /// Every path gives this growth.
    Spike(f64),
}

struct Row {
    letter: char,
    p: f64,
    lo: f64,
    hi: f64,
}

struct Diff {
    /// Index of the scenario compared with the reference.
    b: usize,
    d: f64,
    lo: f64,
    hi: f64,
    /// d ± z·se of two independent runs.
    un_lo: f64,
    un_hi: f64,
}

struct Compare {
    head: style::Head,
    lang: Lang,
    rows: Vec<Row>,
    diffs: Vec<Diff>,
    /// Per scenario: its growth distribution.
    densities: Vec<Density>,
    /// "all paths" label of a one-value distribution.
    spike_word: String,
    /// Distinct targets.
    targets: Vec<f64>,
    heads: [String; 3],
    x_descs: [String; 3],
    y_desc: String,
}

/// The comparison chart `compare.png`/`.svg`: left, P(average growth ≥ target) per scenario with
/// its 95% interval, and below it the paired difference of each scenario from the reference
/// (A) with Tango's 95% interval, beside the wider interval two independent runs would give;
/// right, the distributions of average growth overlaid, with the target.
///
/// # Errors
/// A [`ChartError`] when a value is not finite, a distribution is empty or drawing fails.
pub fn compare(c: &Comparison, lang: Lang) -> Result<Chart, ChartError> {
    if c.scenarios.len() < 2 {
        return Err(ChartError("compare chart: fewer than two scenarios".into()));
    }
    let z = crate::analysis::compare::Z95;
    let mut rows = Vec::new();
    for s in &c.scenarios {
        let m = &s.summary;
        style::finite(
            "compare chart, P(hit)",
            &[m.prob_hit, m.prob_hit_ci95[0], m.prob_hit_ci95[1]],
        )?;
        rows.push(Row {
            letter: s.letter,
            p: m.prob_hit,
            lo: m.prob_hit_ci95[0],
            hi: m.prob_hit_ci95[1],
        });
    }
    let mut diffs = Vec::new();
    for p in c.reference_pairs() {
        // a pair without any path valid in both has no difference to draw
        let values = [p.diff, p.diff_ci95[0], p.diff_ci95[1], p.diff_se_unpaired];
        if !values.iter().all(|v| v.is_finite()) {
            continue;
        }
        diffs.push(Diff {
            b: p.b,
            d: p.diff,
            lo: p.diff_ci95[0],
            hi: p.diff_ci95[1],
            un_lo: p.diff - z * p.diff_se_unpaired,
            un_hi: p.diff + z * p.diff_se_unpaired,
        });
    }
    let mut densities = Vec::new();
    for s in &c.scenarios {
        let d = &s.summary.cagr_distribution;
        let total: u64 = d.counts.iter().sum();
        style::finite("compare chart, CAGR distribution", &[d.lo, d.width])?;
        if total == 0 || d.counts.len() < 3 {
            return Err(ChartError(format!(
                "compare chart: scenario {} has an empty growth distribution",
                s.name
            )));
        }
        // every path the same (no uncertainty, or a degenerate one): a vertical line at it
        if d.width <= 0.0 || d.counts.iter().filter(|&&n| n > 0).count() == 1 {
            style::finite("compare chart, median", &[s.summary.cagr.p50])?;
            densities.push(Density::Spike(s.summary.cagr.p50));
            continue;
        }
        // inner bins (the end bins also hold the tails) merged in pairs: a smoother line
        let inner = &d.counts[1..d.counts.len() - 1];
        densities.push(Density::Curve(
            inner
                .chunks(2)
                .enumerate()
                .map(|(j, pair)| {
                    let w = d.width * pair.len() as f64;
                    let x = d.lo + d.width * (1.0 + 2.0 * j as f64) + 0.5 * w;
                    let n: u64 = pair.iter().sum();
                    (x, n as f64 / total as f64 / w * 0.001)
                })
                .collect(),
        ));
    }
    let mut targets: Vec<f64> = c.scenarios.iter().map(|s| s.target).collect();
    targets.sort_by(f64::total_cmp);
    targets.dedup();
    let t = if targets.len() == 1 {
        lang.pct(targets[0], 1)
    } else {
        msg(lang, "target_2").to_string()
    };
    let years = &c.scenarios[0].summary.deterministic;
    let (first, last) = (
        years.years.first().map(|y| y.year).unwrap_or_default(),
        years.years.last().map(|y| y.year).unwrap_or_default(),
    );
    let title = super::title(
        lang,
        &format!("So sánh kịch bản: xác suất đạt tăng trưởng bình quân ≥ {t}"),
        &format!("Scenario comparison: probability of average growth ≥ {t}"),
    );
    let reference = &c.scenarios[0];
    let reference = lang.pick(&reference.title_vi, &reference.title_en);
    let subtitle = msgf(lang, "compare_chart_subtitle", &[("title", &reference)]);
    let source = msgf(
        lang,
        "source_grdpsim_compare_paths_per_scenario_seed_d",
        &[("v1", &lang.num(c.paths as f64, 0)), ("v2", &c.seed)],
    );
    let mut legend: Vec<LegendItem> = c
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            LegendItem::marked(
                color(i),
                4,
                dash(i).is_some(),
                Marker::Dot,
                format!("{} {}", s.letter, lang.pick(&s.title_vi, &s.title_en)),
            )
        })
        .collect();
    legend.push(LegendItem::whisker(style::INK, msg(lang, "95_ci")));
    legend.push(LegendItem::fill(
        LIGHT,
        1.0,
        false,
        msg(lang, "95_ci_of_two_independent_runs_unpaired"),
    ));
    legend.push(LegendItem::line(
        style::GREY_TEXT,
        3,
        true,
        msg(lang, "target"),
    ));
    let chart = Compare {
        head: style::Head::new(title.clone(), subtitle, source, legend),
        lang,
        rows,
        diffs,
        densities,
        spike_word: msg(lang, "all_paths").into(),
        targets,
        heads: [
            msgf(lang, "p_95_ci_2", &[("t", &t)]),
            msg(lang, "paired_difference_from_a").into(),
            msgf(
                lang,
                "distribution_of_average_growth_2",
                &[("first", &first), ("last", &last)],
            ),
        ],
        x_descs: [
            msg(lang, "probability").into(),
            msg(lang, "percentage_points").into(),
            msg(lang, "average_growth_a_year").into(),
        ],
        y_desc: msg(lang, "share_of_paths_per_0_1_pp").into(),
    };
    render("compare", title, &chart)
}

/// One strip of the left column: a plane over `x` × (0..rows) with a vertical grid, the x
/// description under it and a heading at its top left.
fn strip<'a, DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    area: &'a DrawingArea<DB, Shift>,
    (x, rows): (std::ops::Range<f64>, f64),
    ticks: style::Ticks<'_>,
    (desc, head): (&str, &str),
) -> Result<plane::Plane<'a, DB>, ChartError> {
    let margins = Margins {
        top: 50,
        left: 10,
        right: 20,
        x_labels: 90,
        y_labels: 50,
    };
    let mut c = plane::plane(area, margins, x, 0.0..rows)?;
    style::mesh(&mut c, style::Grid::Vertical, Some((6, ticks)), None)?;
    style::axis_descs(root, c.plotting_area().get_pixel_range(), 0, desc, "")?;
    let (bx, by) = area.get_base_pixel();
    let head_style = style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Top);
    style::put(root, head, &head_style, (bx + 10, by + 6))?;
    Ok(c)
}

impl Draw for Compare {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (w, h) = area.dim_in_pixel();
        let (left, right) = area.split_horizontally((w as f64 * 0.47) as u32);
        let k = self.rows.len() as f64;
        let m = self.diffs.len() as f64;
        // rows share the height; each panel has ~150 px of head and tick labels
        let usable = (h as f64 - 300.0).max(100.0);
        let top_h = 150.0 + usable * (k + 0.6) / (k + m + 1.2);
        let (top, bottom) = left.split_vertically(top_h as u32);
        let head_style = style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Top);
        let letter_style =
            style::text(style::LABEL_PX, true, style::INK, HPos::Right, VPos::Center);
        let value_style = style::text(22.0, false, style::INK, HPos::Left, VPos::Center);

        // --- top left: P(hit) per scenario ---
        let hi = self.rows.iter().map(|r| r.hi).fold(0.0, f64::max);
        let x1 = (((hi * 10.0).floor() + 1.0) / 10.0).min(1.0) + 0.04;
        let xd = style::tick_decimals(0.0..x1, 6, 100.0);
        let tc = strip(
            root,
            &top,
            (0.0..x1, k),
            &|v| lang.pct(*v, xd),
            (&self.x_descs[0], &self.heads[0]),
        )?;
        for (i, r) in self.rows.iter().enumerate() {
            let y = k - i as f64 - 0.5;
            let col = color(i);
            let a = tc.backend_coord(&(r.lo, y));
            let b = tc.backend_coord(&(r.hi, y));
            whisker(root, a, b, col.stroke_width(4), 12)?;
            style::draw_marker(root, tc.backend_coord(&(r.p, y)), Marker::Dot, col, 10)?;
            let lx = tc.backend_coord(&(0.0, y));
            style::put(
                root,
                &r.letter.to_string(),
                &letter_style,
                (lx.0 - 14, lx.1),
            )?;
            style::put(
                root,
                &format!(
                    "{} ({}–{})",
                    lang.pct(r.p, 1),
                    lang.num(100.0 * r.lo, 1),
                    lang.pct(r.hi, 1)
                ),
                &value_style,
                (b.0 + 16, b.1),
            )?;
        }

        // --- bottom left: paired differences from A ---
        let (mut d0, mut d1) = (0.0f64, 0.0f64);
        for d in &self.diffs {
            d0 = d0.min(d.lo).min(d.un_lo);
            d1 = d1.max(d.hi).max(d.un_hi);
        }
        let span = (d1 - d0).max(0.002);
        let (d0, d1) = (d0 - 0.08 * span, d1 + 0.08 * span);
        let dd = style::tick_decimals(d0..d1, 6, 100.0);
        let tick = |v: &f64| {
            let s = lang.num(100.0 * *v, dd);
            if *v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
                format!("+{s}")
            } else {
                s
            }
        };
        let bc = strip(
            root,
            &bottom,
            (d0..d1, m.max(1.0)),
            &tick,
            (&self.x_descs[1], &self.heads[1]),
        )?;
        let mm = m.max(1.0);
        plane::vguide(root, &bc, 0.0, 0.0..mm, style::INK.stroke_width(2))?;
        for (j, d) in self.diffs.iter().enumerate() {
            let y = mm - j as f64 - 0.5;
            let col = color(d.b);
            // the unpaired interval as a light band behind the paired whisker
            let ua = bc.backend_coord(&(d.un_lo, y));
            let ub = bc.backend_coord(&(d.un_hi, y));
            root.draw(&Rectangle::new(
                [(ua.0, ua.1 - 14), (ub.0, ub.1 + 14)],
                LIGHT.filled(),
            ))?;
            let a = bc.backend_coord(&(d.lo, y));
            let b = bc.backend_coord(&(d.hi, y));
            whisker(root, a, b, col.stroke_width(4), 12)?;
            style::draw_marker(root, bc.backend_coord(&(d.d, y)), Marker::Dot, col, 10)?;
            let lx = bc.backend_coord(&(d0, y));
            style::put(
                root,
                &format!("{}−A", self.rows[d.b].letter),
                &letter_style,
                (lx.0 - 4, lx.1),
            )?;
            let text = format!(
                "{} ({} – {})",
                signed(lang, 100.0 * d.d, 2),
                signed(lang, 100.0 * d.lo, 2),
                signed(lang, 100.0 * d.hi, 2)
            );
            // write the value on the side with more room
            let right_room = bc.backend_coord(&(d1, y)).0 - ub.0.max(b.0);
            let left_room = ua.0.min(a.0) - bc.backend_coord(&(d0, y)).0;
            let (st, x) = if right_room >= left_room {
                (value_style.clone(), ub.0.max(b.0) + 12)
            } else {
                (
                    style::text(22.0, false, style::INK, HPos::Right, VPos::Center),
                    ua.0.min(a.0) - 12,
                )
            };
            style::put(root, &text, &st, (x, a.1 - 30))?;
        }

        // --- right: growth distributions ---
        let mut g0 = f64::INFINITY;
        let mut g1 = f64::NEG_INFINITY;
        let mut peak = 0.0f64;
        for d in &self.densities {
            match d {
                Density::Curve(points) => {
                    for &(x, y) in points {
                        g0 = g0.min(x);
                        g1 = g1.max(x);
                        peak = peak.max(y);
                    }
                }
                Density::Spike(x) => {
                    g0 = g0.min(*x);
                    g1 = g1.max(*x);
                }
            }
        }
        for &t in &self.targets {
            g0 = g0.min(t);
            g1 = g1.max(t);
        }
        if !(g0.is_finite() && g1.is_finite()) || g1 <= g0 {
            let c = if g0.is_finite() { g0 } else { 0.1 };
            g0 = c - 0.005;
            g1 = c + 0.005;
        }
        let pad = 0.03 * (g1 - g0);
        let (g0, g1) = (g0 - pad, g1 + pad);
        let y1 = if peak > 0.0 { peak * 1.12 } else { 1.0 };
        let mut rc = plane::plane(
            &right,
            Margins {
                top: 50,
                left: 20,
                right: 24,
                x_labels: 90,
                y_labels: 120,
            },
            g0..g1,
            0.0..y1,
        )?;
        let gd = style::tick_decimals(g0..g1, 7, 100.0);
        let yd = style::tick_decimals(0.0..y1, 6, 100.0);
        style::mesh(
            &mut rc,
            style::Grid::Horizontal,
            Some((7, &|v| lang.pct(*v, gd))),
            Some((6, &|v| lang.pct(*v, yd))),
        )?;
        style::descs(root, &rc, &right, &self.x_descs[2], &self.y_desc)?;
        let (rx, ry) = right.get_base_pixel();
        style::put(root, &self.heads[2], &head_style, (rx + 20, ry + 6))?;
        for &t in &self.targets {
            plane::vguide(root, &rc, t, 0.0..y1, style::GREY_TEXT.stroke_width(3))?;
        }
        // the reference last, on top
        for i in (0..self.densities.len()).rev() {
            match &self.densities[i] {
                Density::Curve(points) => {
                    let pts: Vec<(i32, i32)> = points.iter().map(|p| rc.backend_coord(p)).collect();
                    polyline(root, &pts, color(i).stroke_width(4), dash(i))?;
                }
                Density::Spike(x) => {
                    let top = rc.backend_coord(&(*x, 0.9 * y1));
                    let bottom = rc.backend_coord(&(*x, 0.0));
                    polyline(root, &[top, bottom], color(i).stroke_width(5), dash(i))?;
                    style::put(
                        root,
                        &format!(
                            "{}: {} {}",
                            self.rows[i].letter,
                            self.spike_word,
                            lang.pct(*x, 2)
                        ),
                        &style::text(22.0, false, color(i), HPos::Center, VPos::Bottom),
                        (top.0, top.1 - 6),
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// `x` with `decimals` decimals and an explicit sign (`+1,25`, `-0,40`, `0,00`).
fn signed(lang: Lang, x: f64, decimals: usize) -> String {
    let s = lang.num(x, decimals);
    if x > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
