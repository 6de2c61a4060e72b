//! Growth accounting of the deterministic projection: TFP, capital and labour contributions per
//! year (stacked, percentage points) against the TFP-share targets.

use super::plane::{self, Margins};
use super::style::{self, LegendItem};
use super::{Chart, ChartError, Draw, render};
use crate::model::Projection;
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

struct Decomposition {
    head: style::Head,
    lang: Lang,
    /// (year, growth, [tfp, capital, labour], TFP share)
    years: Vec<(i32, f64, [f64; 3], Option<f64>)>,
    /// TFP target per year in growth units (target share × that year's growth).
    year_targets: Vec<Option<f64>>,
    /// TFP target over the period in growth units (target share × CAGR).
    period_target: Option<f64>,
}

const COLORS: [RGBColor; 3] = [style::BLUE, style::ORANGE, style::YELLOW];
/// Text colour on each segment colour (white on the dark blue).
const ON: [RGBColor; 3] = [RGBColor(255, 255, 255), style::INK, style::INK];
const HALF_BAR: f64 = 0.3;

/// Contributions of TFP, capital and labour to real growth per year (stacked bars in
/// percentage points) from a deterministic projection, with the TFP-share targets expressed in
/// points of growth: per year `targets.tfp_share[t] × growth[t]` (a bar across each column) and
/// over the period `targets.tfp_share_period × CAGR` (a dashed line).
///
/// # Errors
/// A [`ChartError`] when the projection has no year, a value is not finite or drawing fails.
pub fn decomposition(sc: &Scenario, p: &Projection, lang: Lang) -> Result<Chart, ChartError> {
    if p.years.is_empty() {
        return Err(ChartError("decomposition: no projection year".into()));
    }
    let years: Vec<_> = p
        .years
        .iter()
        .map(|r| {
            (
                r.year,
                r.growth,
                // human capital (when the scenario has it) is drawn with labour: the
                // tables give it its own column
                [
                    r.contrib_tfp,
                    r.contrib_capital,
                    r.contrib_labour + r.contrib_human_capital,
                ],
                r.tfp_share,
            )
        })
        .collect();
    for y in &years {
        style::finite(
            &format!("decomposition, year {}", y.0),
            &[y.1, y.2[0], y.2[1], y.2[2]],
        )?;
    }
    let shares = sc.targets.tfp_share.as_deref();
    let year_targets: Vec<Option<f64>> = years
        .iter()
        .enumerate()
        .map(|(t, y)| shares.and_then(|s| s.get(t)).map(|s| s * y.1))
        .collect();
    let period_target = sc.targets.tfp_share_period.map(|s| s * p.cagr);
    style::finite(
        "decomposition, targets",
        &year_targets
            .iter()
            .flatten()
            .chain(&period_target)
            .copied()
            .collect::<Vec<_>>(),
    )?;
    let (first, last) = (years[0].0, years[years.len() - 1].0);
    let title = super::title(
        lang,
        &format!("Đóng góp vào tăng trưởng GRDP: TFP, vốn, lao động, {first}–{last}"),
        &format!("Contributions to GRDP growth: TFP, capital, labour, {first}–{last}"),
    );
    let mut legend = vec![
        LegendItem::fill(
            COLORS[0],
            1.0,
            true,
            msg(lang, "tfp_total_factor_productivity"),
        ),
        LegendItem::fill(COLORS[1], 1.0, true, msg(lang, "capital")),
        LegendItem::fill(COLORS[2], 1.0, true, msg(lang, "labour")),
    ];
    if let Some(s) = shares.filter(|s| !s.is_empty()) {
        let lo = s.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let range = if (hi - lo).abs() < 5e-4 {
            lang.pct(lo, 0)
        } else {
            format!("{}–{}", lang.num(100.0 * lo, 0), lang.pct(hi, 0))
        };
        legend.push(LegendItem::line(
            style::INK,
            6,
            false,
            msgf(lang, "tfp_target_per_year_of_growth", &[("range", &range)]),
        ));
    }
    if let Some(s) = sc.targets.tfp_share_period {
        legend.push(LegendItem::line(
            style::VERMILLION,
            4,
            true,
            msgf(
                lang,
                "tfp_target_for_the_period_of_average_growth",
                &[("v1", &lang.pct(s, 0))],
            ),
        ));
    }
    let d = Decomposition {
        head: style::Head::of(
            sc,
            lang,
            &title,
            style::source_deterministic(lang, &p.scenario),
            legend,
        )
        .with_axes(
            msg(lang, "year"),
            msg(lang, "contribution_to_growth_percentage_points"),
        ),
        lang,
        years,
        year_targets,
        period_target,
    };
    render("decomposition", title, &d)
}

impl Draw for Decomposition {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (first, last) = (self.years[0].0, self.years[self.years.len() - 1].0);
        let (x0, x1) = (f64::from(first) - 0.5, f64::from(last) + 0.5);
        let mut top = 0.0f64;
        let mut bottom = 0.0f64;
        for (_, g, c, _) in &self.years {
            top = top.max(c.iter().filter(|v| **v > 0.0).sum::<f64>()).max(*g);
            bottom = bottom.min(c.iter().filter(|v| **v < 0.0).sum::<f64>());
        }
        for t in self
            .year_targets
            .iter()
            .flatten()
            .chain(&self.period_target)
        {
            top = top.max(*t);
        }
        let span = (top - bottom).max(1e-9);
        let (y0, y1) = (
            if bottom < 0.0 {
                bottom - 0.05 * span
            } else {
                0.0
            },
            top + 0.14 * span,
        );

        let mut chart = plane::plane(&area, Margins::PLOT.right(30), x0..x1, y0..y1)?;
        let yd = style::tick_decimals(y0..y1, 8, 100.0);
        style::mesh(
            &mut chart,
            style::Grid::Horizontal,
            Some(((last - first + 1) as usize, &|v| style::year_tick(*v))),
            Some((8, &|v| lang.num(100.0 * *v, yd))),
        )?;
        self.head.descs(root, &chart, &area)?;

        // room across a bar and across a column, pixels: labels wider than that are left out
        // (a 20-year chart has narrow bars; the table has every value)
        let pitch = chart.backend_coord(&(x0 + 1.0, 0.0)).0 - chart.backend_coord(&(x0, 0.0)).0;
        let bar = (2.0 * HALF_BAR * f64::from(pitch)) as i32 - 6;
        let fits = |s: &str, px: f64, bold: bool, room: i32| {
            style::text_size(s, px, bold).map(|(w, _)| w as i32 <= room)
        };
        for (t, (year, growth, contrib, share)) in self.years.iter().enumerate() {
            let x = f64::from(*year);
            let (a, b) = (x - HALF_BAR, x + HALF_BAR);
            // pixel rows of the target lines crossing this column
            let avoid: Vec<i32> = self
                .year_targets
                .get(t)
                .copied()
                .flatten()
                .into_iter()
                .chain(self.period_target)
                .map(|v| chart.backend_coord(&(x, v)).1)
                .collect();
            let (mut up, mut down) = (0.0, 0.0);
            for (k, &c) in contrib.iter().enumerate() {
                let (lo, hi) = if c >= 0.0 {
                    up += c;
                    (up - c, up)
                } else {
                    down += c;
                    (down, down - c)
                };
                let rect = [(a, lo), (b, hi)];
                chart.draw_series(std::iter::once(Rectangle::new(rect, COLORS[k].filled())))?;
                chart.draw_series(std::iter::once(Rectangle::new(
                    rect,
                    style::INK.stroke_width(1),
                )))?;
                // value inside the segment, clear of the target lines, when it fits
                let (pa, pb) = (chart.backend_coord(&(x, lo)), chart.backend_coord(&(x, hi)));
                let (top, bottom) = (pa.1.min(pb.1), pa.1.max(pb.1));
                let value = lang.num(100.0 * c, 1);
                let size = [style::LABEL_PX, 22.0]
                    .into_iter()
                    .find(|&px| fits(&value, px, k == 0, bar).unwrap_or(false));
                let Some(size) = size else {
                    continue;
                };
                let st = style::text(size, k == 0, ON[k], HPos::Center, VPos::Center);
                let share_text = share.map(|s| format!("({} TFP)", lang.pct(s, 0)));
                let share_text = share_text.filter(|s| fits(s, 24.0, false, bar).unwrap_or(false));
                if let (0, Some(s), Some(mid)) = (k, share_text, label_y(top, bottom, 76, &avoid)) {
                    // TFP: the points and the share of growth they make
                    style::put(root, &value, &st, (pa.0, mid - 18))?;
                    let st2 = style::text(24.0, false, ON[k], HPos::Center, VPos::Center);
                    style::put(root, &s, &st2, (pa.0, mid + 18))?;
                } else if let Some(mid) = label_y(top, bottom, 34, &avoid) {
                    style::put(root, &value, &st, (pa.0, mid))?;
                }
            }
            // total growth above the bar, smaller where the column is narrow
            let c = chart.backend_coord(&(x, up.max(*growth)));
            let total = lang.pct(*growth, 1);
            let size = [style::LABEL_PX, 20.0]
                .into_iter()
                .find(|&px| fits(&total, px, true, pitch - 8).unwrap_or(false));
            if let Some(px) = size {
                let st = style::text(px, true, style::INK, HPos::Center, VPos::Bottom);
                style::put(root, &total, &st, (c.0, c.1 - 10))?;
            }
        }
        if let Some(t) = self.period_target {
            plane::hguide(root, &chart, t, x0..x1, style::VERMILLION.stroke_width(4))?;
        }
        // TFP target of each year: a bar across the column, over the period line
        for ((year, ..), target) in self.years.iter().zip(&self.year_targets) {
            if let Some(target) = *target {
                let x = f64::from(*year);
                let l = chart.backend_coord(&(x - HALF_BAR - 0.06, target));
                let r = chart.backend_coord(&(x + HALF_BAR + 0.06, target));
                root.draw(&PathElement::new(vec![l, r], style::INK.stroke_width(6)))?;
            }
        }
        Ok(())
    }
}

/// Where to centre a label `h` pixels tall inside the segment `top..bottom` (pixel rows) so
/// that it keeps clear of the lines at rows `avoid`: the middle if it can, else the middle of
/// the largest part between the lines; `None` when it does not fit.
fn label_y(top: i32, bottom: i32, h: i32, avoid: &[i32]) -> Option<i32> {
    let clear = |c: i32| avoid.iter().all(|&l| (l - c).abs() >= h / 2 + 6);
    let mid = (top + bottom) / 2;
    if bottom - top >= h && clear(mid) {
        return Some(mid);
    }
    let mut cuts: Vec<i32> = avoid
        .iter()
        .copied()
        .filter(|l| *l > top && *l < bottom)
        .collect();
    cuts.sort_unstable();
    let mut edges = vec![top];
    edges.extend(cuts);
    edges.push(bottom);
    let mut parts: Vec<(i32, i32)> = edges.windows(2).map(|w| (w[0], w[1])).collect();
    parts.sort_by_key(|(a, b)| std::cmp::Reverse(b - a));
    parts
        .into_iter()
        .map(|(a, b)| (a + b) / 2)
        .find(|&c| c - h / 2 >= top && c + h / 2 <= bottom && clear(c))
}
