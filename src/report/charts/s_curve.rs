//! The two charts @RISK users look for first: the cumulative distribution (S-curve) of
//! average growth with the target marked, and the convergence of P(hit) and its 95% interval
//! as paths are added. Both draw what there is on degenerate data (every path equal).

use super::plane::{self, Margins};
use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::Summary;
use crate::report::msgf;
use crate::report::{Lang, msg};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A line chart with an optional band and one vertical and one horizontal marker line.
struct Lines {
    head: style::Head,
    lang: Lang,
    /// (x, y) of the line.
    line: Vec<(f64, f64)>,
    /// (x, lo, hi) of the band.
    band: Vec<(f64, f64, f64)>,
    /// Vertical marker (x, label).
    vline: Option<(f64, String)>,
    /// Note in the top-left corner.
    note: String,
    /// x as percent (true) or as counts (false, log scale).
    x_pct: bool,
}

/// The S-curve: the share of paths with average growth at or below x, from the summary's
/// distribution; the target as a dashed line with P(average growth < target) written.
///
/// # Errors
/// A [`ChartError`] when the distribution is empty or drawing fails.
pub fn s_curve(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    let d = &s.cagr_distribution;
    let total: u64 = d.counts.iter().sum();
    if total == 0 {
        return Err(ChartError("S-curve: no paths".into()));
    }
    style::finite("S-curve", &[d.lo, d.width, s.target, s.prob_hit])?;
    // cumulative share at each bin's right edge; every path equal: a step at the value
    let mut line = Vec::with_capacity(d.counts.len() + 2);
    let width = if d.width > 0.0 {
        d.width
    } else {
        (d.lo.abs() * 0.01).max(1e-4)
    };
    line.push((d.lo, 0.0));
    let mut cum = 0u64;
    for (i, c) in d.counts.iter().enumerate() {
        cum += c;
        if d.width > 0.0 || i == 0 {
            line.push((d.lo + (i as f64 + 1.0) * width, cum as f64 / total as f64));
        }
    }
    if d.width <= 0.0 {
        line = vec![
            (d.lo - width, 0.0),
            (d.lo, 0.0),
            (d.lo, 1.0),
            (d.lo + width, 1.0),
        ];
    }
    let years = &sc.meta.years;
    let (first, last) = (
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    );
    let t = lang.pct(s.target, 1);
    let below = lang.pct(1.0 - s.prob_hit, 1);
    let title = super::title(
        lang,
        &format!("Phân phối tích luỹ của tăng trưởng bình quân {first}–{last}"),
        &format!("Cumulative distribution of average growth, {first}–{last}"),
    );
    let note = msgf(
        lang,
        "p_p",
        &[
            ("t", &t),
            ("below", &below),
            ("v1", &lang.pct(s.prob_hit, 1)),
        ],
    );
    let below_word = msg(lang, "share_of_paths_at_or_below");
    let legend = vec![
        LegendItem::line(style::BLUE, 5, false, below_word),
        LegendItem::line(style::VERMILLION, 4, true, msg(lang, "target")),
    ];
    let c = Lines {
        head: style::Head::run(sc, s, lang, &title, legend)
            .with_axes(super::cagr_axis(sc, lang), below_word),
        lang,
        line,
        band: Vec::new(),
        vline: Some((s.target, format!("{} {t}", msg(lang, "target")))),
        note,
        x_pct: true,
    };
    render("s_curve", title, &c)
}

/// Convergence: P(hit) and its Wilson 95% interval after the first n paths (log scale of n);
/// the last point is the headline.
///
/// # Errors
/// A [`ChartError`] when there is no point or drawing fails.
pub fn convergence(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    if s.convergence.is_empty() {
        return Err(ChartError("convergence: no point".into()));
    }
    let line: Vec<(f64, f64)> = s
        .convergence
        .iter()
        .map(|c| (c.paths as f64, c.prob_hit))
        .collect();
    let band: Vec<(f64, f64, f64)> = s
        .convergence
        .iter()
        .map(|c| (c.paths as f64, c.prob_hit_ci95[0], c.prob_hit_ci95[1]))
        .collect();
    for b in &band {
        style::finite("convergence", &[b.0, b.1, b.2])?;
    }
    let t = lang.pct(s.target, 1);
    let title = super::title(
        lang,
        &format!("Hội tụ: xác suất đạt ≥ {t} theo số đường mô phỏng"),
        &format!("Convergence: P(average growth ≥ {t}) as paths are added"),
    );
    let [lo, hi] = s.prob_hit_ci95;
    let note = msgf(
        lang,
        "paths_95_ci",
        &[
            ("v1", &lang.num(s.paths as f64, 0)),
            ("v2", &lang.pct(s.prob_hit, 1)),
            ("v3", &lang.num(100.0 * lo, 1)),
            ("v4", &lang.pct(hi, 1)),
        ],
    );
    let legend = vec![
        LegendItem::estimate(msg(lang, "p_hit")),
        LegendItem::interval(msg(lang, "95_confidence_interval")),
    ];
    let c = Lines {
        head: style::Head::run(sc, s, lang, &title, legend).with_axes(
            msg(lang, "paths_simulated_log_scale"),
            msg(lang, "probability_of_reaching_the_target"),
        ),
        lang,
        line,
        band,
        vline: None,
        note,
        x_pct: false,
    };
    render("convergence", title, &c)
}

impl Draw for Lines {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        // x on a log scale for counts: drawn as ln(n)
        let tx = |x: f64| if self.x_pct { x } else { x.max(1.0).ln() };
        let xs = self
            .line
            .iter()
            .map(|p| tx(p.0))
            .chain(self.vline.iter().map(|v| tx(v.0)));
        let (mut x0, mut x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
        if x1.partial_cmp(&x0) != Some(std::cmp::Ordering::Greater) {
            x0 -= 0.01;
            x1 += 0.01;
        }
        let pad = 0.03 * (x1 - x0);
        let (x0, x1) = (x0 - pad, x1 + pad);
        let top = self
            .band
            .iter()
            .map(|b| b.2)
            .chain(self.line.iter().map(|p| p.1))
            .fold(0.0f64, f64::max);
        let y1 = if self.x_pct {
            1.08
        } else {
            ((top * 10.0).floor() + 1.0).min(10.0) / 10.0 + 0.02
        };
        let mut chart = plane::plane(&area, Margins::PLOT.right(30), x0..x1, 0.0..y1)?;
        let xd = style::tick_decimals(x0..x1, 10, 100.0);
        let yd = style::tick_decimals(0.0..y1, 10, 100.0);
        let x_fmt = |v: &f64| lang.pct(*v, xd);
        style::mesh(
            &mut chart,
            style::Grid::Both,
            Some((if self.x_pct { 8 } else { 0 }, &x_fmt)),
            Some((10, &|v| lang.pct(*v, yd))),
        )?;
        if !self.x_pct {
            // log scale: ticks at 1, 2 and 5 × 10^k
            let st = style::tick_style();
            for k in 0..13 {
                for m in [1.0, 2.0, 5.0] {
                    let v = m * 10f64.powi(k);
                    let x = v.ln();
                    if x < x0 || x > x1 {
                        continue;
                    }
                    let (px, py) = chart.backend_coord(&(x, 0.0));
                    root.draw(&PathElement::new(
                        vec![(px, py), (px, py + 8)],
                        style::INK.stroke_width(2),
                    ))?;
                    root.draw(&PathElement::new(
                        vec![(px, py), chart.backend_coord(&(x, y1))],
                        style::GRID.stroke_width(1),
                    ))?;
                    style::put(
                        root,
                        &lang.num(v, 0),
                        &st.pos(plotters::style::text_anchor::Pos::new(
                            HPos::Center,
                            VPos::Top,
                        )),
                        (px, py + 12),
                    )?;
                }
            }
        }
        self.head.descs(root, &chart, &area)?;
        if !self.band.is_empty() {
            let mut poly: Vec<(f64, f64)> = self.band.iter().map(|b| (tx(b.0), b.2)).collect();
            poly.extend(self.band.iter().rev().map(|b| (tx(b.0), b.1)));
            chart.draw_series(std::iter::once(Polygon::new(
                poly,
                style::BLUE.mix(0.25).filled(),
            )))?;
        }
        let pts: Vec<(f64, f64)> = self.line.iter().map(|p| (tx(p.0), p.1)).collect();
        chart.draw_series(LineSeries::new(pts.clone(), style::BLUE.stroke_width(5)))?;
        if let (false, Some(p)) = (self.x_pct, pts.last()) {
            style::draw_marker(root, chart.backend_coord(p), Marker::Dot, style::BLUE, 9)?;
        }
        if let Some((x, label)) = &self.vline {
            let (a, b) = (
                chart.backend_coord(&(tx(*x), y1)),
                chart.backend_coord(&(tx(*x), 0.0)),
            );
            style::dashed_px(root, a, b, style::VERMILLION.stroke_width(4))?;
            let st = style::text(
                style::LABEL_PX,
                false,
                style::VERMILLION,
                HPos::Left,
                VPos::Top,
            );
            style::put(root, label, &st, (a.0 + 10, a.1 + 8))?;
        }
        let (px, py) = chart.backend_coord(&(x0, y1));
        style::note(root, &self.note, style::AXIS_PX, true, (px + 18, py + 16))?;
        Ok(())
    }
}
