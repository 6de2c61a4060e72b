//! Histogram of the average growth over the projection (CAGR) across Monte Carlo paths.

use super::plane::{self, Margins};
use super::style::{self, LegendItem};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

struct Histo {
    head: style::Head,
    lang: Lang,
    /// (left edge, right edge, share of paths)
    bars: Vec<(f64, f64, f64)>,
    target: f64,
    median: f64,
    prob_text: String,
    median_text: String,
    target_text: String,
}

/// Histogram of the average growth over the projection years (`cagr_distribution`) as shares
/// of paths; bars at or above the target in a darker colour, the target and the median as
/// lines, and P(≥ target) with its 95% interval written on the chart
/// ("Xác suất ≥ 11,0%: 20,6% (KTC 95%: 20,5–20,7%)").
///
/// # Errors
/// A [`ChartError`] when the distribution is empty, a value is not finite or drawing fails.
pub fn cagr_distribution(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    let d = &s.cagr_distribution;
    let total: u64 = d.counts.iter().sum();
    if total == 0 || d.counts.is_empty() {
        return Err(ChartError("CAGR distribution: no paths".into()));
    }
    style::finite(
        "CAGR distribution",
        &[
            d.lo,
            d.width,
            s.target,
            s.cagr.p50,
            s.prob_hit,
            s.prob_hit_ci95[0],
            s.prob_hit_ci95[1],
        ],
    )?;
    // every path equal (no uncertainty): one bar of a visible width centred on the value
    let (lo, width) = if d.width > 0.0 {
        (d.lo, d.width)
    } else {
        let w = (d.lo.abs() * 0.01).max(1e-4);
        (d.lo - w / 2.0, w)
    };
    let bars = d
        .counts
        .iter()
        .enumerate()
        .filter(|&(_, &c)| d.width > 0.0 || c > 0)
        .map(|(i, &c)| {
            let i = if d.width > 0.0 { i as f64 } else { 0.0 };
            let a = lo + i * width;
            (a, a + width, c as f64 / total as f64)
        })
        .collect();
    let years = &sc.meta.years;
    let (first, last) = (
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    );
    let n = years.len();
    let title = super::title(
        lang,
        &format!("Phân phối tăng trưởng bình quân {n} năm {first}–{last}"),
        &format!("Distribution of average growth over {n} years, {first}–{last}"),
    );
    let t = lang.pct(s.target, 1);
    let [lo, hi] = s.prob_hit_ci95;
    let p = lang.pct(s.prob_hit, 1);
    let ci = format!("{}–{}", lang.num(100.0 * lo, 1), lang.pct(hi, 1));
    let prob_text = msgf(lang, "p_95_ci", &[("t", &t), ("p", &p), ("ci", &ci)]);
    let median_text = format!("{} {}", msg(lang, "median"), lang.pct(s.cagr.p50, 1));
    let target_text = format!("{} {t}", msg(lang, "target"));
    let mut legend = vec![
        LegendItem::fill(style::SKY, 1.0, false, msg(lang, "below_target")),
        LegendItem::fill(
            style::BLUE,
            1.0,
            false,
            msgf(lang, "at_or_above_target", &[("t", &t)]),
        ),
        LegendItem::line(style::INK, 3, false, msg(lang, "median")),
        LegendItem::line(style::VERMILLION, 4, true, msg(lang, "target")),
        LegendItem::fill(
            WHITE,
            1.0,
            true,
            msg(lang, "end_bars_include_the_tails_beyond_the_axis"),
        ),
    ];
    if d.width <= 0.0 {
        // one bar: no tails to explain
        legend.pop();
    }
    let h = Histo {
        head: style::Head::run(sc, s, lang, &title, legend).with_axes(
            super::cagr_axis(sc, lang),
            msg(lang, "share_of_simulated_paths"),
        ),
        lang,
        bars,
        target: s.target,
        median: s.cagr.p50,
        prob_text,
        median_text,
        target_text,
    };
    render("cagr_distribution", title, &h)
}

impl Draw for Histo {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let area = self.head.frame(root)?;
        let lo = self.bars.first().map_or(0.0, |b| b.0).min(self.target);
        let hi = self.bars.last().map_or(0.0, |b| b.1).max(self.target);
        let pad = 0.02 * (hi - lo);
        let (x0, x1) = (lo - pad, hi + pad);
        let peak = self.bars.iter().map(|b| b.2).fold(0.0, f64::max);
        // head room above the tallest bar for two rows of text
        let y1 = peak * 1.45;

        let mut chart = plane::plane(&area, Margins::PLOT, x0..x1, 0.0..y1)?;
        let lang = self.lang;
        let xd = style::tick_decimals(x0..x1, 10, 100.0);
        let yd = style::tick_decimals(0.0..y1, 8, 100.0);
        style::mesh(
            &mut chart,
            style::Grid::Horizontal,
            Some((10, &|v| lang.pct(*v, xd))),
            Some((8, &|v| lang.pct(*v, yd))),
        )?;
        self.head.descs(root, &chart, &area)?;

        // bars at or above the target dark, below light; the bin holding the target is split
        // at it. The first and last bins also hold every path beyond them: drawn hollow.
        let last = self.bars.len() - 1;
        for (i, &(a, b, h)) in self.bars.iter().enumerate() {
            let t = self.target;
            let pieces = if a < t && t < b {
                vec![(a, t, style::SKY), (t, b, style::BLUE)]
            } else if a >= t {
                vec![(a, b, style::BLUE)]
            } else {
                vec![(a, b, style::SKY)]
            };
            for (a, b, color) in pieces {
                let rect = [(a, 0.0), (b, h)];
                if last > 0 && (i == 0 || i == last) {
                    chart.draw_series(std::iter::once(Rectangle::new(rect, WHITE.filled())))?;
                    chart.draw_series(std::iter::once(Rectangle::new(
                        rect,
                        color.stroke_width(2),
                    )))?;
                } else {
                    chart.draw_series(std::iter::once(Rectangle::new(rect, color.filled())))?;
                }
            }
        }

        // lines up to just under the text rows
        let line_top = peak * 1.12;
        let median_top = chart.backend_coord(&(self.median, line_top));
        let median_bottom = chart.backend_coord(&(self.median, 0.0));
        root.draw(&PathElement::new(
            vec![median_top, median_bottom],
            style::INK.stroke_width(3),
        ))?;
        let target_top = chart.backend_coord(&(self.target, line_top));
        style::dashed_px(
            root,
            target_top,
            chart.backend_coord(&(self.target, 0.0)),
            style::VERMILLION.stroke_width(4),
        )?;

        // labels of the lines, on the sides facing away from each other
        let median_left = self.median <= self.target;
        let (mh, th, mdx, tdx) = if median_left {
            (HPos::Right, HPos::Left, -10, 10)
        } else {
            (HPos::Left, HPos::Right, 10, -10)
        };
        let row2 = median_top.1 - 8;
        style::put(
            root,
            &self.median_text,
            &style::text(style::LABEL_PX, false, style::INK, mh, VPos::Bottom),
            (median_top.0 + mdx, row2),
        )?;
        style::put(
            root,
            &self.target_text,
            &style::text(style::LABEL_PX, false, style::VERMILLION, th, VPos::Bottom),
            (target_top.0 + tdx, row2),
        )?;

        // the probability, on the top row, left
        let (px, py) = chart.backend_coord(&(x0, y1));
        style::note(
            root,
            &self.prob_text,
            style::AXIS_PX,
            true,
            (px + 18, py + 16),
        )?;
        Ok(())
    }
}
