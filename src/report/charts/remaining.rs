//! Actual against required growth (`grdpsim remaining`): the realised years, the growth the
//! remaining years need, the target, the plan's investment path and, with a Monte Carlo, the
//! fan of the remaining years given the actuals.

use super::plane::{self, Margins};
use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::remaining::Remaining;
use crate::montecarlo::Percentiles;
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

struct Plot {
    head: style::Head,
    lang: Lang,
    target: f64,
    actual: Vec<(i32, f64)>,
    required: Vec<(i32, f64)>,
    planned: Vec<(i32, f64)>,
    fan: Vec<(i32, Percentiles)>,
    note: Option<String>,
    labels: [String; 2],
}

/// Growth per year: the realised years (black), the growth each remaining year needs for the
/// target (vermillion diamonds), the target average (dashed), the growth the plan's investment
/// gives from the realised state (blue, dashed) and, when the Monte Carlo ran, the median and
/// the 50% and 90% bands of the remaining years given the actuals, with P(hit | actuals) noted.
///
/// # Errors
/// A [`ChartError`] when a value is not finite or drawing fails.
pub fn remaining(sc: &Scenario, r: &Remaining, lang: Lang) -> Result<Chart, ChartError> {
    if r.actual.is_empty() || r.remaining.is_empty() {
        return Err(ChartError(
            "remaining: no realised or no remaining year".into(),
        ));
    }
    let actual: Vec<(i32, f64)> = r.actual.iter().map(|a| (a.year, a.growth)).collect();
    let required: Vec<(i32, f64)> = r
        .remaining
        .iter()
        .map(|y| (y.year, y.required_growth))
        .collect();
    let planned: Vec<(i32, f64)> = r
        .remaining
        .iter()
        .map(|y| (y.year, y.planned_growth))
        .collect();
    let fan: Vec<(i32, Percentiles)> = r
        .monte_carlo
        .as_ref()
        .map(|m| m.years.iter().map(|y| (y.year, y.growth)).collect())
        .unwrap_or_default();
    for (what, v) in [
        ("actual", &actual),
        ("required", &required),
        ("planned", &planned),
    ] {
        let values: Vec<f64> = v.iter().map(|p| p.1).collect();
        style::finite(&format!("remaining chart, {what} growth"), &values)?;
    }
    for (y, p) in &fan {
        style::finite(
            &format!("remaining chart, fan {y}"),
            &[p.p5, p.p25, p.p50, p.p75, p.p95],
        )?;
    }
    style::finite("remaining chart, target", &[r.target])?;

    let t = lang.pct(r.target, 1);
    let period = format!("{}–{}", r.horizon[0], r.horizon[1]);
    let title = super::title(
        lang,
        &format!("Tăng trưởng cần để đạt bình quân {t}/năm, {period}"),
        &format!("Growth needed to average {t} a year, {period}"),
    );
    let mut legend = vec![
        LegendItem::marked(style::INK, 4, false, Marker::Dot, msg(lang, "actual")),
        LegendItem::marked(
            style::VERMILLION,
            4,
            false,
            Marker::Diamond,
            msgf(lang, "needed_for", &[("t", &t)]),
        ),
        LegendItem::line(
            style::VERMILLION,
            4,
            true,
            msgf(lang, "target_average", &[("t", &t)]),
        ),
        LegendItem::marked(
            style::BLUE,
            4,
            true,
            Marker::HollowDiamond,
            msg(lang, "with_the_plan_s_investment_deterministic"),
        ),
    ];
    let mut note = None;
    let source = match &r.monte_carlo {
        Some(m) => {
            legend.push(LegendItem::estimate(msg(lang, "median_given_actuals")));
            legend.extend(LegendItem::fan(
                msg(lang, "50_range"),
                msg(lang, "90_range"),
            ));
            note = Some(msgf(
                lang,
                "p_target_actuals_unconditional",
                &[
                    (
                        "v1",
                        &lang.pct(m.prob_hit, if m.prob_hit < 0.01 { 2 } else { 1 }),
                    ),
                    ("v2", &lang.pct(m.prob_hit_unconditional, 1)),
                ],
            ));
            style::source_mc(lang, &r.scenario, m.paths, m.seed)
        }
        None => style::source_deterministic(lang, &r.scenario),
    };
    let plot = Plot {
        head: style::Head::of(sc, lang, &title, source, legend),
        lang,
        target: r.target,
        actual,
        required,
        planned,
        fan,
        note,
        labels: [msg(lang, "actual").into(), msg(lang, "remaining").into()],
    };
    render("remaining", title, &plot)
}

impl Plot {
    fn y_range(&self) -> (f64, f64) {
        let values = self
            .actual
            .iter()
            .chain(&self.required)
            .chain(&self.planned)
            .map(|p| p.1)
            .chain(self.fan.iter().flat_map(|(_, p)| [p.p5, p.p95]))
            .chain(std::iter::once(self.target));
        let (mut lo, mut hi) = (0.0f64, f64::NEG_INFINITY);
        for v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let pad = (hi - lo).max(1e-6);
        let lo = if lo >= 0.0 { 0.0 } else { lo - 0.08 * pad };
        (lo, hi + 0.25 * pad)
    }
}

impl Draw for Plot {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let first = self.actual[0].0;
        let last = self.required[self.required.len() - 1].0;
        let (x0, x1) = (f64::from(first) - 0.5, f64::from(last) + 0.5);
        let (y0, y1) = self.y_range();
        let mut chart = plane::plane(&area, Margins::PLOT, x0..x1, y0..y1)?;

        let split = f64::from(self.actual[self.actual.len() - 1].0) + 0.5;
        plane::shade(&mut chart, x0..split, y0..y1, style::HISTORY_BG)?;
        let yd = style::tick_decimals(y0..y1, 8, 100.0);
        style::mesh(
            &mut chart,
            style::Grid::Horizontal,
            Some(((last - first + 1) as usize, &|v| style::year_tick(*v))),
            Some((8, &|v| lang.pct(*v, yd))),
        )?;
        style::axis_descs(
            root,
            chart.plotting_area().get_pixel_range(),
            area.get_base_pixel().0 + 4,
            msg(lang, "year"),
            msg(lang, "real_grdp_growth_a_year"),
        )?;

        // fan of the remaining years, opening from the last actual value
        let anchor = self.actual[self.actual.len() - 1];
        let anchor = (f64::from(anchor.0), anchor.1);
        if !self.fan.is_empty() {
            let years: Vec<(f64, Percentiles)> =
                self.fan.iter().map(|(y, p)| (f64::from(*y), *p)).collect();
            let median = plane::fan(&mut chart, Some(anchor), &years)?;
            plane::line(&mut chart, &median, style::BLUE, 5)?;
            plane::marks(root, &chart, &median[1..], Marker::Dot, style::BLUE, 8)?;
        }
        plane::hguide(
            root,
            &chart,
            self.target,
            x0..x1,
            style::VERMILLION.stroke_width(4),
        )?;

        // the plan's investment, deterministic, from the last actual value
        let planned: Vec<(i32, i32)> = std::iter::once(anchor)
            .chain(self.planned.iter().map(|&(y, v)| (f64::from(y), v)))
            .map(|p| chart.backend_coord(&p))
            .collect();
        for w in planned.windows(2) {
            style::dashed_px(root, w[0], w[1], style::BLUE.stroke_width(4))?;
        }
        for c in planned.iter().skip(1) {
            style::draw_marker(root, *c, Marker::HollowDiamond, style::BLUE, 9)?;
        }

        // actuals, labelled
        let h: Vec<(f64, f64)> = self
            .actual
            .iter()
            .map(|&(y, v)| (f64::from(y), v))
            .collect();
        chart.draw_series(LineSeries::new(h.clone(), style::INK.stroke_width(4)))?;
        let above = |hp: HPos| style::text(style::LABEL_PX, false, style::INK, hp, VPos::Bottom);
        for (i, p) in h.iter().enumerate() {
            let c = chart.backend_coord(p);
            style::draw_marker(root, c, Marker::Dot, style::INK, 8)?;
            // the last one ends at the point: the remaining years open to its right
            let (hp, x) = if i + 1 == h.len() {
                (HPos::Right, c.0 - 12)
            } else {
                (HPos::Center, c.0)
            };
            style::put(root, &lang.pct(p.1, 2), &above(hp), (x, c.1 - 16))?;
        }

        // required growth, from the last actual value, labelled
        let req: Vec<(f64, f64)> = std::iter::once(anchor)
            .chain(self.required.iter().map(|&(y, v)| (f64::from(y), v)))
            .collect();
        chart.draw_series(LineSeries::new(
            req.clone(),
            style::VERMILLION.stroke_width(4),
        ))?;
        let bold = style::text(
            style::LABEL_PX,
            true,
            style::VERMILLION,
            HPos::Center,
            VPos::Bottom,
        );
        for p in req.iter().skip(1) {
            let c = chart.backend_coord(p);
            style::draw_marker(root, c, Marker::Diamond, style::VERMILLION, 11)?;
            style::put(root, &lang.pct(p.1, 2), &bold, (c.0, c.1 - 20))?;
        }

        // region labels and the probability note in the head room
        let (l, top) = plane::regions(
            root,
            &chart,
            (x0, split, y1),
            &self.labels[0],
            &self.labels[1],
        )?;
        // the note on the same row, after "Remaining", where it fits; else under the labels
        if let Some(note) = &self.note {
            let (px, _) = chart.plotting_area().get_pixel_range();
            let after = chart.backend_coord(&(split, y1)).0
                + 14
                + style::text_size(&self.labels[1], style::LABEL_PX, true)?.0 as i32
                + 36;
            let width = style::text_size(note, style::LABEL_PX, false)?.0 as i32;
            if after + width <= px.end - 8 {
                let st = style::text(style::LABEL_PX, false, style::INK, HPos::Left, VPos::Top);
                style::put(root, note, &st, (after, top))?;
            } else {
                style::note(root, note, style::LABEL_PX, false, (l, top + 40))?;
            }
        }
        Ok(())
    }
}
