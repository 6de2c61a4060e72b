//! The goal-seek chart: every search run (metric against lever value) with the requested level
//! and the 95% interval of the solution; planned against required investment per year.

use super::plane::{self, Margins};
use super::style::{self, LegendItem, Marker};
use super::sweep::{Unit, centre_note, extent, fit_title, padded, source_per};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::solve::{Evaluation, Goal, Solution, Status};
use crate::report::Lang;
use crate::report::{msg, msgf};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Planned and required investment per year, thousand bn VND.
struct Bars {
    years: Vec<i32>,
    plan: Vec<f64>,
    required: Vec<f64>,
    gap: Vec<f64>,
    desc: String,
}

struct SolvePlot {
    head: style::Head,
    lang: Lang,
    unit: Unit,
    x_desc: String,
    y_desc: String,
    /// Probability goal: the y axis runs 0–100%.
    probability: bool,
    /// (lever value, metric), sorted by value.
    runs: Vec<(f64, f64)>,
    x: (f64, f64),
    requested: Option<f64>,
    requested_label: String,
    current: Option<f64>,
    current_label: String,
    /// (value, metric at the value, 95% interval of the value) and its label.
    solution: Option<(f64, f64, Option<[f64; 2]>)>,
    solution_label: String,
    /// Two lines saying the goal is not reachable in the range.
    unreachable: Option<[String; 2]>,
    nothing: String,
    bars: Option<Bars>,
}

fn metric(goal: Goal, e: &Evaluation) -> f64 {
    match goal {
        Goal::Probability(_) => e.prob_hit,
        Goal::MeanCagr => e.cagr_mean,
    }
}

fn signed(lang: Lang, x: f64, d: usize) -> String {
    if x > 0.0 {
        format!("+{}", lang.num(x, d))
    } else {
        lang.num(x, d)
    }
}

/// The goal-seek chart (`solve.png/svg`).
///
/// Left: the goal's metric (P(average growth ≥ target), or the mean CAGR) at every lever value
/// the search ran, sorted by value (points and a line), the requested level dashed, the value
/// as written ("kế hoạch" / "as written") as a vertical line, and the solution as a diamond
/// with its 95% Monte Carlo interval as a horizontal error bar; when the goal is unreachable,
/// the range and the metric at its two ends are written on the plot. Right, when the solution
/// changes funding: planned against required investment per year (thousand bn VND) with the
/// gap written over each year, and the totals in the subtitle.
///
/// Runs, values or amounts that are not finite are left out; no run at all is drawn with a note.
///
/// # Errors
/// A [`ChartError`] when drawing fails.
pub fn solve(s: &Solution, lang: Lang) -> Result<Chart, ChartError> {
    style::ensure_fonts()?;
    let unit = Unit::of(&s.lever, s.money);
    let probability = matches!(s.goal, Goal::Probability(_));
    let t = lang.pct(s.target, 1);
    let req = Unit::Percent.value(lang, s.requested);

    let mut runs: Vec<(f64, f64)> = s
        .evaluations
        .iter()
        .map(|e| (e.value, metric(s.goal, e)))
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    runs.dedup_by(|a, b| a.0 == b.0);

    let finite = |v: f64| Some(v).filter(|v| v.is_finite());
    let solution = match (s.status, s.value.and_then(finite)) {
        (Status::Solved, Some(v)) => {
            let m = s
                .achieved
                .and_then(finite)
                .or(finite(s.requested))
                .unwrap_or(f64::NAN);
            let ci = s
                .value_ci95
                .filter(|c| c[0].is_finite() && c[1].is_finite() && c[0] <= c[1]);
            finite(m).map(|m| (v, m, ci))
        }
        _ => None,
    };
    let current = finite(s.current);
    let (lo, hi) = extent(
        runs.iter()
            .map(|p| p.0)
            .chain(s.range)
            .chain(current)
            .chain(solution.iter().flat_map(|(v, _, ci)| {
                std::iter::once(*v).chain(ci.iter().flat_map(|c| c.iter().copied()))
            })),
    );
    let x = padded(lo, hi, 0.04, (0.0, 1.0));

    let value_text = |v: f64| unit.value(lang, v);
    let (goal_vi, goal_en) = match s.goal {
        Goal::Probability(_) => (
            format!("để xác suất đạt ≥ {t} là {req}"),
            format!("for a {req} probability of growth ≥ {t}"),
        ),
        Goal::MeanCagr => (
            format!("để tăng trưởng bình quân kỳ vọng đạt {req}"),
            format!("for expected average growth of {req}"),
        ),
    };
    let outcome = match solution {
        Some((v, _, _)) => (value_text(v), value_text(v)),
        None => ("không đạt được".to_string(), "not reachable".to_string()),
    };
    let short = match s.goal {
        Goal::Probability(_) => (
            format!("Đòn bẩy cho xác suất {req}"),
            format!("Lever for a {req} probability"),
        ),
        Goal::MeanCagr => (
            format!("Đòn bẩy cho tăng trưởng kỳ vọng {req}"),
            format!("Lever for expected growth of {req}"),
        ),
    };
    let title = fit_title(vec![
        super::title(
            lang,
            &format!("{} {goal_vi}: {}", s.lever_label_vi, outcome.0),
            &format!("{} {goal_en}: {}", s.lever_label_en, outcome.1),
        ),
        super::title(
            lang,
            &format!("Giá trị đòn bẩy {goal_vi}: {}", outcome.0),
            &format!("Lever value {goal_en}: {}", outcome.1),
        ),
        super::title(
            lang,
            &format!("{}: {}", short.0, outcome.0),
            &format!("{}: {}", short.1, outcome.1),
        ),
    ])?;

    let metric_name = if probability {
        msgf(lang, "p_growth", &[("t", &t)])
    } else {
        msg(lang, "expected_average_growth").to_string()
    };
    let unreachable = (s.status == Status::Unreachable || solution.is_none()).then(|| {
        let (a, b) = (value_text(s.range[0]), value_text(s.range[1]));
        let (ma, mb) = (
            lang.pct(s.metric_at_range[0], 1),
            lang.pct(s.metric_at_range[1], 1),
        );
        [
            msgf(lang, "solve_unreachable", &[("a", &a), ("b", &b)]),
            msgf(
                lang,
                "solve_unreachable_ends",
                &[
                    ("metric_name", &metric_name),
                    ("ma", &ma),
                    ("mb", &mb),
                    ("req", &req),
                ],
            ),
        ]
    });

    let bars = s.financing.as_ref().and_then(|f| {
        let n = f.years.len().min(f.plan.len()).min(f.required.len());
        let keep: Vec<usize> = (0..n)
            .filter(|&k| f.plan[k].is_finite() && f.required[k].is_finite())
            .collect();
        (!keep.is_empty()).then(|| Bars {
            years: keep.iter().map(|&k| f.years[k]).collect(),
            plan: keep.iter().map(|&k| f.plan[k]).collect(),
            required: keep.iter().map(|&k| f.required[k]).collect(),
            gap: keep
                .iter()
                .map(|&k| {
                    f.gap
                        .get(k)
                        .copied()
                        .filter(|g| g.is_finite())
                        .unwrap_or(f.required[k] - f.plan[k])
                })
                .collect(),
            desc: msg(lang, "investment_by_year_thousand_bn_vnd").into(),
        })
    });
    let subtitle = match (&s.financing, &bars) {
        (Some(f), Some(b)) => {
            let span = match (b.years.first(), b.years.last()) {
                (Some(a), Some(z)) => format!("{a}–{z}"),
                _ => String::new(),
            };
            msgf(
                lang,
                "total_plan_required_gap_thousand_bn_vnd",
                &[
                    ("span", &span),
                    ("v1", &lang.num(f.plan_total, 1)),
                    ("v2", &lang.num(f.required_total, 1)),
                    ("v3", &signed(lang, f.gap_total, 1)),
                ],
            )
        }
        _ => {
            let n = lang.num(s.evaluations.len() as f64, 0);
            let m = lang.pct(s.metric_as_written, 1);
            msgf(lang, "solve_bisection_note", &[("n", &n), ("m", &m)])
        }
    };

    let current_label = format!(
        "{}: {}",
        msg(lang, "as_written"),
        current.map_or("–".to_string(), value_text)
    );
    let requested_label = msgf(lang, "requested_level", &[("req", &req)]);
    let mut legend = vec![
        LegendItem::marked(
            style::BLUE,
            4,
            false,
            Marker::Dot,
            msgf(lang, "each_run", &[("metric_name", &metric_name)]),
        ),
        LegendItem::line(style::VERMILLION, 4, true, requested_label.clone()),
    ];
    if solution.is_some() {
        legend.push(LegendItem::whisker(
            style::VERMILLION,
            msg(lang, "solution_95_ci"),
        ));
    }
    legend.push(LegendItem::line(
        style::GREY_TEXT,
        3,
        true,
        current_label.clone(),
    ));
    if bars.is_some() {
        legend.push(LegendItem::fill(
            style::SKY,
            1.0,
            true,
            msg(lang, "planned_investment"),
        ));
        legend.push(LegendItem::fill(
            style::BLUE,
            1.0,
            true,
            msg(lang, "required_investment"),
        ));
    }
    let solution_label = match solution {
        Some((v, _, Some(ci))) => msgf(
            lang,
            "95_ci_2",
            &[
                ("v1", &value_text(v)),
                ("v2", &value_text(ci[0])),
                ("v3", &value_text(ci[1])),
            ],
        ),
        Some((v, _, None)) => value_text(v),
        None => String::new(),
    };
    let plot = SolvePlot {
        head: style::Head::new(
            title.clone(),
            style::nfc(&subtitle),
            source_per(lang, &s.scenario, s.paths, s.seed, "per_run"),
            legend,
        ),
        lang,
        unit,
        x_desc: unit.desc(lang, lang.pick(&s.lever_label_vi, &s.lever_label_en)),
        y_desc: if probability {
            msg(lang, "probability_of_reaching_the_target").into()
        } else {
            msg(lang, "expected_average_growth_a_year").into()
        },
        probability,
        runs,
        x,
        requested: finite(s.requested),
        requested_label,
        current,
        current_label,
        solution,
        solution_label,
        unreachable,
        nothing: msg(lang, "no_run").into(),
        bars,
    };
    render("solve", title, &plot)
}

impl Draw for SolvePlot {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let w = area.dim_in_pixel().0;
        let (left, right) = if self.bars.is_some() {
            let (l, r) = area.split_horizontally(w * 55 / 100);
            (l, Some(r))
        } else {
            (area, None)
        };

        // search path
        let (x0, x1) = self.x;
        let (y0, y1) = if self.probability {
            (0.0, 1.0)
        } else {
            let (lo, hi) = extent(
                self.runs
                    .iter()
                    .map(|p| p.1)
                    .chain(self.requested)
                    .chain(self.solution.map(|s| s.1)),
            );
            padded(lo, hi, 0.1, (0.0, 0.2))
        };
        let unit = self.unit;
        let xd = unit.tick_decimals(x0..x1, 6);
        let yd = style::tick_decimals(y0..y1, 6, 100.0);
        let mut c = plane::plane(&left, Margins::PANEL, x0..x1, y0..y1)?;
        style::mesh(
            &mut c,
            style::Grid::Both,
            Some((6, &|v| unit.fmt(lang, *v, xd))),
            Some((6, &|v| lang.pct(*v, yd))),
        )?;
        let (px, py) = c.plotting_area().get_pixel_range();
        style::axis_descs(
            root,
            (px.clone(), py.clone()),
            left.get_base_pixel().0 + 4,
            &self.x_desc,
            &self.y_desc,
        )?;
        // the solution's side of the plot, and whether the metric rises with the lever
        let sol_right = self.solution.is_some_and(|(v, _, _)| v > 0.5 * (x0 + x1));
        let rising = match (self.runs.first(), self.runs.last()) {
            (Some(a), Some(b)) => b.1 >= a.1,
            _ => true,
        };
        if let Some(r) = self.requested {
            let (a, b) = (c.backend_coord(&(x0, r)), c.backend_coord(&(x1, r)));
            style::dashed_px(root, a, b, style::VERMILLION.stroke_width(4))?;
            // the label at the end away from the solution, on the side the curve leaves free
            let (h, x) = if sol_right {
                (HPos::Left, a.0 + 10)
            } else {
                (HPos::Right, b.0 - 10)
            };
            let (v, y) = if rising == sol_right {
                (VPos::Top, a.1 + 10)
            } else {
                (VPos::Bottom, a.1 - 8)
            };
            let st = style::text(style::LABEL_PX, false, style::VERMILLION, h, v);
            style::put(root, &self.requested_label, &st, (x, y))?;
        }
        if let Some(cur) = self.current {
            plane::as_written(root, &c, cur, y0..y1, &self.current_label)?;
        }
        if self.runs.len() > 1 {
            c.draw_series(LineSeries::new(
                self.runs.clone(),
                style::BLUE.stroke_width(4),
            ))?;
        }
        for p in &self.runs {
            style::draw_marker(root, c.backend_coord(p), Marker::Dot, style::BLUE, 7)?;
        }
        if self.runs.is_empty() {
            centre_note(root, (px.clone(), py.clone()), &self.nothing)?;
        }
        if let Some((v, m, ci)) = self.solution {
            let p = c.backend_coord(&(v, m));
            let st = style::VERMILLION.stroke_width(4);
            if let Some([a, b]) = ci {
                let (a, b) = (c.backend_coord(&(a, m)), c.backend_coord(&(b, m)));
                super::primitives::whisker(root, a, b, st, 12)?;
            }
            style::draw_marker(root, p, Marker::Diamond, style::VERMILLION, 12)?;
            // the label towards the middle of the plot, in the quadrant the search line
            // leaves free: below on the right of a rising line, above on its left
            let (h, dx) = if sol_right {
                (HPos::Right, -20)
            } else {
                (HPos::Left, 20)
            };
            let (v, dy) = if rising != sol_right {
                (VPos::Top, 22)
            } else {
                (VPos::Bottom, -22)
            };
            let t = style::text(style::LABEL_PX, true, style::INK, h, v);
            style::put(root, &self.solution_label, &t, (p.0 + dx, p.1 + dy))?;
        }
        if let Some([l1, l2]) = &self.unreachable {
            let cx = (px.start + px.end) / 2;
            let top = py.start + 20;
            let mut wmax = 0;
            for (l, bold) in [(l1, true), (l2, false)] {
                wmax = wmax.max(style::text_size(l, style::LABEL_PX, bold)?.0 as i32);
            }
            let h = 2 * (style::LABEL_PX as i32 + 10) + 16;
            root.draw(&Rectangle::new(
                [(cx - wmax / 2 - 16, top), (cx + wmax / 2 + 16, top + h)],
                WHITE.mix(0.9).filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(cx - wmax / 2 - 16, top), (cx + wmax / 2 + 16, top + h)],
                style::VERMILLION.stroke_width(2),
            ))?;
            let st1 = style::text(
                style::LABEL_PX,
                true,
                style::VERMILLION,
                HPos::Center,
                VPos::Top,
            );
            let st2 = style::text(style::LABEL_PX, false, style::INK, HPos::Center, VPos::Top);
            style::put(root, l1, &st1, (cx, top + 8))?;
            style::put(root, l2, &st2, (cx, top + 8 + style::LABEL_PX as i32 + 10))?;
        }

        // financing gap by year
        if let (Some(b), Some(panel)) = (&self.bars, right) {
            let n = b.years.len();
            let (lo, hi) = extent(b.plan.iter().chain(&b.required).copied().chain([0.0]));
            let (y0, y1) = (lo.min(0.0), hi.max(1e-9) * 1.18);
            let y0 = if y0 < 0.0 { y0 * 1.18 } else { 0.0 };
            let yd = style::tick_decimals(y0..y1, 6, 1.0).min(1);
            let mut bc = plane::plane(
                &panel,
                Margins {
                    top: 44,
                    left: 20,
                    right: 20,
                    x_labels: 100,
                    y_labels: 140,
                },
                -0.5..(n as f64 - 0.5),
                y0..y1,
            )?;
            bc.configure_mesh()
                .bold_line_style(style::GRID.stroke_width(1))
                .light_line_style(TRANSPARENT)
                .axis_style(style::INK.stroke_width(2))
                .disable_x_mesh()
                .x_labels(0)
                .y_labels(6)
                .y_label_formatter(&|v| lang.num(*v, yd))
                .label_style(style::tick_style())
                .draw()?;
            let (bx, by) = bc.plotting_area().get_pixel_range();
            style::axis_descs(
                root,
                (bx, by.clone()),
                panel.get_base_pixel().0 + 4,
                "",
                &b.desc,
            )?;
            let year_st = style::text(style::LABEL_PX, false, style::INK, HPos::Center, VPos::Top);
            let gap_st = style::text(
                style::LABEL_PX,
                true,
                style::INK,
                HPos::Center,
                VPos::Bottom,
            );
            for k in 0..n {
                let x = k as f64;
                for (a, z, v, col) in [
                    (x - 0.38, x, b.plan[k], style::SKY),
                    (x, x + 0.38, b.required[k], style::BLUE),
                ] {
                    bc.draw_series(std::iter::once(Rectangle::new(
                        [(a, 0.0), (z, v)],
                        col.filled(),
                    )))?;
                    bc.draw_series(std::iter::once(Rectangle::new(
                        [(a, 0.0), (z, v)],
                        style::INK.stroke_width(1),
                    )))?;
                }
                let base = bc.backend_coord(&(x, 0.0));
                style::put(
                    root,
                    &b.years[k].to_string(),
                    &year_st,
                    (base.0, by.end + 12),
                )?;
                let top = bc.backend_coord(&(x, b.plan[k].max(b.required[k]).max(0.0)));
                style::put(
                    root,
                    &signed(lang, b.gap[k], 1),
                    &gap_st,
                    (top.0, top.1 - 8),
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
