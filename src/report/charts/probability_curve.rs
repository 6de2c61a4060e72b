//! P(reaching the growth target) against planned funding scaled by k, on the run's own paths.

use super::placement::{Placer, Spot};
use super::plane::{self, Margins};
use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

struct Curve {
    head: style::Head,
    lang: Lang,
    /// (scale, p, lo, hi, median share of planned investment spent), sorted by scale
    points: Vec<(f64, f64, f64, f64, f64)>,
    /// The plan point (share 1) and its label.
    plan: (f64, f64),
    plan_text: String,
}

/// P(average growth ≥ target) with its 95% interval against planned funding scaled by k
/// (`s.funding_curve`, evaluated on the run's own paths), the scenario as written (k = 1)
/// marked with the headline P(hit), and under each point the median share of the plan's
/// investment actually spent.
///
/// # Errors
/// A [`ChartError`] when the curve is empty, a value is not finite or drawing fails.
pub fn probability_curve(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    let curve = &s.funding_curve;
    if curve.is_empty() {
        return Err(ChartError("probability curve: no point".into()));
    }
    let mut points: Vec<(f64, f64, f64, f64, f64)> = curve
        .iter()
        .map(|c| {
            (
                c.funding_scale,
                c.prob_hit,
                c.prob_hit_ci95[0],
                c.prob_hit_ci95[1],
                c.realised_share_median,
            )
        })
        .collect();
    for p in &points {
        style::finite("probability curve", &[p.0, p.1, p.2, p.3])?;
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at_one = points.iter().find(|p| p.0 == 1.0);
    let plan = (1.0, at_one.map_or(s.prob_hit, |p| p.1));
    let spent = at_one.map_or(f64::NAN, |p| p.4);
    style::finite("probability curve, plan point", &[plan.1])?;
    let t = lang.pct(s.target, 1);
    let title = super::title(
        lang,
        &format!("Xác suất tăng trưởng bình quân ≥ {t} khi vốn kế hoạch nhân với k"),
        &format!("Probability of average growth ≥ {t} with planned funding scaled by k"),
    );
    let spent_text = if spent.is_finite() {
        msgf(lang, "of_plan_spent", &[("v1", &lang.pct(spent, 0))])
    } else {
        String::new()
    };
    let plan_text = msgf(
        lang,
        "as_written_k_1",
        &[("spent_text", &spent_text), ("v1", &lang.pct(plan.1, 1))],
    );
    let legend = vec![
        LegendItem::estimate(msgf(lang, "p_average_growth_2", &[("t", &t)])),
        LegendItem::interval(msg(lang, "95_confidence_interval")),
        LegendItem::mark(
            style::VERMILLION,
            Marker::Diamond,
            msg(lang, "scenario_as_written_k_1"),
        ),
    ];
    let c = Curve {
        head: style::Head::run(sc, s, lang, &title, legend).with_axes(
            msg(lang, "planned_funding_scaled_by_k_every_source_grey_me"),
            msg(lang, "probability_of_reaching_the_target"),
        ),
        lang,
        points,
        plan,
        plan_text,
    };
    render("probability_curve", title, &c)
}

impl Draw for Curve {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let lo = self.points[0].0.min(self.plan.0);
        let hi = self.points[self.points.len() - 1].0.max(self.plan.0);
        let pad = 0.03 * (hi - lo).max(0.1);
        let (x0, x1) = (lo - pad, hi + pad);
        let top = self.points.iter().map(|p| p.3).fold(self.plan.1, f64::max);
        // probabilities: from 0, up to the next 10% above the curve (at most 100%)
        let y1 = ((top * 10.0).floor() + 1.0).min(10.0) / 10.0 + 0.02;

        let mut chart = plane::plane(&area, Margins::PLOT.right(30), x0..x1, -0.1 * y1..y1)?;
        let xd = style::tick_decimals(x0..x1, 10, 1.0);
        let yd = style::tick_decimals(0.0..y1, 10, 100.0);
        let y_ticks = move |v: &f64| {
            if *v < -1e-9 {
                String::new()
            } else {
                lang.pct(*v, yd)
            }
        };
        style::mesh(
            &mut chart,
            style::Grid::Both,
            Some((10, &|v| format!("×{}", lang.num(*v, xd)))),
            Some((10, &y_ticks)),
        )?;
        self.head.descs(root, &chart, &area)?;

        // 95% band
        let mut band: Vec<(f64, f64)> = self.points.iter().map(|p| (p.0, p.3)).collect();
        band.extend(self.points.iter().rev().map(|p| (p.0, p.2)));
        chart.draw_series(std::iter::once(Polygon::new(
            band,
            style::BLUE.mix(0.25).filled(),
        )))?;

        // plan share
        plane::vguide(
            root,
            &chart,
            self.plan.0,
            0.0..y1,
            style::GREY_TEXT.stroke_width(2),
        )?;

        // curve
        let line: Vec<(f64, f64)> = self.points.iter().map(|p| (p.0, p.1)).collect();
        chart.draw_series(LineSeries::new(line.clone(), style::BLUE.stroke_width(5)))?;
        for p in &line {
            style::draw_marker(root, chart.backend_coord(p), Marker::Dot, style::BLUE, 7)?;
        }
        // the median share of planned investment actually spent, under each point
        let grey = style::text(
            style::LABEL_PX,
            false,
            style::GREY_TEXT,
            HPos::Center,
            VPos::Bottom,
        );
        for p in self.points.iter().filter(|p| p.4.is_finite()) {
            let (x, y) = chart.backend_coord(&(p.0, -0.1 * y1));
            style::put(root, &lang.pct(p.4, 0), &grey, (x, y - 6))?;
        }

        // plan point and its label: below and right of it, under the rising curve, unless
        // that runs off the plot or onto the curve
        let c = chart.backend_coord(&self.plan);
        style::draw_marker(root, c, Marker::Diamond, style::VERMILLION, 13)?;
        let mut room = Placer::new(chart.plotting_area().get_pixel_range());
        let pixels: Vec<(i32, i32)> = line.iter().map(|p| chart.backend_coord(p)).collect();
        room.line(&pixels);
        for &p in &pixels {
            room.mark(p, 7);
        }
        let spots = [
            Spot::new((c.0 + 24, c.1 + 18), HPos::Left, VPos::Top),
            Spot::new((c.0 - 24, c.1 - 18), HPos::Right, VPos::Bottom),
            Spot::new((c.0 + 24, c.1 - 18), HPos::Left, VPos::Bottom),
            Spot::new((c.0 - 24, c.1 + 18), HPos::Right, VPos::Top),
        ];
        // on one line where it fits, else wrapped to a third of the plot
        let (xs, _) = chart.plotting_area().get_pixel_range();
        let px = style::AXIS_PX;
        let one = style::text_size(&self.plan_text, px, true)?;
        let mut lines = vec![self.plan_text.clone()];
        let mut size = (one.0 as i32, one.1 as i32);
        let mut s = room.place_box(size, &spots);
        if s.is_none() {
            lines = style::wrap(&self.plan_text, px, true, ((xs.end - xs.start) / 3) as u32)?;
            let widths = lines.iter().map(|l| style::text_size(l, px, true));
            let w = widths
                .map(|r| r.map(|s| s.0))
                .collect::<Result<Vec<_>, _>>()?;
            let row = px as i32 + 6;
            size = (
                w.into_iter().max().unwrap_or(0) as i32,
                row * lines.len() as i32,
            );
            s = room.place_box(size, &spots);
        }
        let s = s.unwrap_or(spots[0]);
        let left = match s.h {
            HPos::Right => s.at.0 - size.0,
            _ => s.at.0,
        };
        let top = match s.v {
            VPos::Bottom => s.at.1 - size.1,
            _ => s.at.1,
        };
        let st = style::text(px, true, style::INK, HPos::Left, VPos::Top);
        for (k, line) in lines.iter().enumerate() {
            style::put(root, line, &st, (left, top + k as i32 * (px as i32 + 6)))?;
        }
        Ok(())
    }
}
