//! The sweep chart: for one lever, P(hit) with its Wilson 95% band and the median CAGR with
//! its P10–P90 band against the lever's value; for two levers, a heat map of P(hit) with the
//! 50% contour. Also the lever units (money, percent, factor) shared with the solve chart.

use super::plane::{self, Margins, Plane};
use super::primitives;
use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::sweep::{Point, Sweep};
use crate::report::Lang;
use crate::report::{msg, msgf};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

// ---------------------------------------------------------------------------------------------
// Lever units (shared with `solve.rs`)
// ---------------------------------------------------------------------------------------------

/// How a lever's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// Thousand bn VND.
    Money,
    /// A rate or share, stored as a fraction, written as a percentage.
    Percent,
    /// A multiplier (`funding.scale`, `….scale`): 1 = as written.
    Factor,
    /// Any other number.
    Plain,
}

/// Words that end a path without naming the quantity: edit selectors and the parameters of an
/// uncertain input's distribution (`uncertainty.tfp_growth.level.min` is a growth rate).
const NOT_A_QUANTITY: [&str; 9] = [
    "total", "mean", "level", "shock", "min", "mode", "max", "sd", "value",
];

impl Unit {
    /// The unit of `lever` (a dotted path): money when the sweep says so; a factor for
    /// `funding.scale` and the `.scale` selector; a percentage when the field's name ends in
    /// growth, share, rate or probability (not `exchange_rate`, VND per USD); a plain number
    /// otherwise.
    pub(super) fn of(lever: &str, money: bool) -> Unit {
        if money {
            return Unit::Money;
        }
        let t = lever.trim();
        if t == crate::analysis::levers::FUNDING_SCALE {
            return Unit::Factor;
        }
        let body = t
            .strip_suffix(']')
            .and_then(|s| s.rsplit_once('['))
            .map_or(t, |(b, _)| b);
        let mut segs: Vec<&str> = body.split('.').map(str::trim).collect();
        if segs.len() > 2 && segs.last() == Some(&"scale") {
            return Unit::Factor;
        }
        while segs.len() > 1 && segs.last().is_some_and(|s| NOT_A_QUANTITY.contains(s)) {
            segs.pop();
        }
        let name = segs.last().copied().unwrap_or("");
        if name == "exchange_rate" {
            return Unit::Plain;
        }
        if ["growth", "share", "rate", "probability"]
            .iter()
            .any(|w| name.ends_with(w))
        {
            Unit::Percent
        } else {
            Unit::Plain
        }
    }

    /// 100 for percentages, 1 otherwise.
    fn scale(self) -> f64 {
        if self == Unit::Percent { 100.0 } else { 1.0 }
    }

    /// Most decimals a value is written with (after scaling).
    fn max_decimals(self) -> usize {
        match self {
            Unit::Money => 1,
            Unit::Percent => 2,
            Unit::Factor | Unit::Plain => 3,
        }
    }

    /// `x` with `d` decimals in the language.
    pub(super) fn fmt(self, lang: Lang, x: f64, d: usize) -> String {
        match self {
            Unit::Percent => lang.pct(x, d),
            _ => lang.num(x, d),
        }
    }

    /// The fewest decimals (up to the unit's maximum) that write every value exactly.
    pub(super) fn decimals(self, values: &[f64]) -> usize {
        let max = self.max_decimals();
        (0..=max)
            .find(|&d| {
                let f = 10f64.powi(d as i32) * self.scale();
                values
                    .iter()
                    .filter(|v| v.is_finite())
                    .all(|v| ((v * f).round() - v * f).abs() < 1e-6 * (v * f).abs().max(1.0))
            })
            .unwrap_or(max)
    }

    /// One value, with as few decimals as write it exactly (up to the unit's maximum).
    pub(super) fn value(self, lang: Lang, x: f64) -> String {
        self.fmt(lang, x, self.decimals(&[x]))
    }

    /// Decimals of the tick labels of an axis over `range` with at most `n` labels.
    pub(super) fn tick_decimals(self, range: std::ops::Range<f64>, n: usize) -> usize {
        style::tick_decimals(range, n, self.scale()).min(self.max_decimals())
    }

    /// The axis description: the lever's path and its unit.
    pub(super) fn desc(self, lang: Lang, lever: &str) -> String {
        let unit = match self {
            Unit::Money => msg(lang, "thousand_bn_vnd"),
            Unit::Percent => " (%)",
            Unit::Factor => msg(lang, "factor_1_as_written"),
            Unit::Plain => "",
        };
        style::nfc(&format!("{lever}{unit}"))
    }
}

/// Width of the title line, pixels.
pub(super) const TITLE_ROOM: u32 = super::WIDTH - 2 * style::MARGIN as u32;

/// The first of `candidates` (longest first) that fits on the title line, else the last.
pub(super) fn fit_title(candidates: Vec<String>) -> Result<String, ChartError> {
    let n = candidates.len();
    for (k, t) in candidates.into_iter().enumerate() {
        if k + 1 == n || style::text_size(&t, style::TITLE_PX, true)?.0 <= TITLE_ROOM {
            return Ok(t);
        }
    }
    Err(ChartError("chart title: no candidate".into()))
}

/// The source line of an analysis made of several Monte Carlo runs (`per` = "point", "run").
pub(super) fn source_per(lang: Lang, scenario: &str, paths: u64, seed: u64, per: &str) -> String {
    let n = lang.num(paths as f64, 0);
    let per = msg(lang, per);
    msgf(
        lang,
        "source_per",
        &[
            ("scenario", &scenario),
            ("n", &n),
            ("per", &per),
            ("seed", &seed),
        ],
    )
}

/// `(lo − pad, hi + pad)` with a pad of `frac` of the span (or of the value's size when the
/// span is zero); `fallback` when nothing is finite.
pub(super) fn padded(lo: f64, hi: f64, frac: f64, fallback: (f64, f64)) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return fallback;
    }
    let span = hi - lo;
    let pad = if span > 0.0 {
        frac * span
    } else if lo != 0.0 {
        0.1 * lo.abs()
    } else {
        0.01
    };
    (lo - pad, hi + pad)
}

/// Smallest and largest finite value.
pub(super) fn extent(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        })
}

/// A text in the middle of a plotting area (a panel with nothing to show).
pub(super) fn centre_note<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (std::ops::Range<i32>, std::ops::Range<i32>),
    text: &str,
) -> Result<(), ChartError> {
    let st = style::text(
        style::AXIS_PX,
        true,
        style::GREY_TEXT,
        HPos::Center,
        VPos::Center,
    );
    style::put(
        root,
        text,
        &st,
        ((x.start + x.end) / 2, (y.start + y.end) / 2),
    )
}

// ---------------------------------------------------------------------------------------------
// The chart
// ---------------------------------------------------------------------------------------------

/// P(hit) against one or two levers (`sweep.png/svg`).
///
/// - One lever: P(average growth ≥ target), 0–100%, with its Wilson 95% band (left panel) and
///   the median CAGR with its P10–P90 band and the target dashed (right panel) against the
///   lever's value; the value as written ("kế hoạch" / "as written") as a vertical line and a
///   dashed 50% line. Points that could not be run are left out, the lines broken there, and
///   listed in the subtitle.
/// - Two levers: a heat map of P(hit) (x = first lever, y = second; red below 50%, blue above,
///   with a colour bar), the 50% contour as a thick line, the value as written marked, each
///   cell's value printed when the grid is at most 12 × 12; cells that could not be run grey
///   and hatched.
///
/// Axis labels: the lever's path and unit (thousand bn VND for money; % for rates, shares and
/// probabilities; a factor for `.scale` levers). A sweep where no point could be run is drawn
/// (with a note), not refused.
///
/// # Errors
/// A [`ChartError`] when the sweep does not have one or two axes, an axis has no value or a
/// value that is not finite, the two-lever grid's values are not strictly monotonic, the
/// number of points is not the grid's, or drawing fails.
pub fn sweep(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    style::ensure_fonts()?;
    check(s)?;
    if s.axes.len() == 1 {
        one_lever(s, lang)
    } else {
        two_levers(s, lang)
    }
}

fn check(s: &Sweep) -> Result<(), ChartError> {
    if !(1..=2).contains(&s.axes.len()) {
        return Err(ChartError(format!(
            "sweep chart: expected one or two levers, found {}",
            s.axes.len()
        )));
    }
    let mut n = 1usize;
    for a in &s.axes {
        if a.values.is_empty() {
            return Err(ChartError(format!("sweep chart, {}: no value", a.lever)));
        }
        style::finite(&format!("sweep chart, {} values", a.lever), &a.values)?;
        if s.axes.len() == 2 && !monotonic(&a.values) {
            return Err(ChartError(format!(
                "sweep chart, {}: the values must be strictly increasing or decreasing",
                a.lever
            )));
        }
        n = n.saturating_mul(a.values.len());
    }
    if s.points.len() != n {
        return Err(ChartError(format!(
            "sweep chart: {} points for a grid of {n}",
            s.points.len()
        )));
    }
    Ok(())
}

fn monotonic(v: &[f64]) -> bool {
    v.windows(2).all(|w| w[1] > w[0]) || v.windows(2).all(|w| w[1] < w[0])
}

/// P(hit) of a point, when it was run and is a number (clamped to 0–1).
fn prob(p: &Point) -> Option<f64> {
    p.prob_hit
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(0.0, 1.0))
}

/// A percentage for titles and legends ("–" when not a number).
fn target_text(lang: Lang, target: f64) -> String {
    lang.pct(target, 1)
}

/// "n of N points could not be run: lever = a; b; c", listing as many values (at most five)
/// as fit on the subtitle line; a note on the common random numbers when every point ran.
fn gap_caption(
    lang: Lang,
    missing: &[String],
    total: usize,
    cells: bool,
) -> Result<String, ChartError> {
    if missing.is_empty() {
        return Ok(msg(lang, "every_point_on_the_same_random_numbers_differenc").into());
    }
    let (m, n) = (missing.len(), total);
    let head = match (lang, cells) {
        (Lang::Vi, false) => format!("{m} trong {n} điểm không chạy được (bỏ trống trên đồ thị)"),
        (Lang::En, false) => format!("{m} of {n} points could not be run (gaps in the lines)"),
        (Lang::Vi, true) => format!("{m} trong {n} ô không chạy được (ô xám gạch chéo)"),
        (Lang::En, true) => format!("{m} of {n} cells could not be run (grey, hatched)"),
    };
    for k in (1..=m.min(5)).rev() {
        let mut list = missing[..k].join("; ");
        if k < m {
            list.push_str("; …");
        }
        let line = format!("{head}: {list}");
        if style::text_size(&line, style::SUBTITLE_PX, false)?.0 <= TITLE_ROOM {
            return Ok(line);
        }
    }
    Ok(head)
}

fn as_written_word(lang: Lang) -> &'static str {
    msg(lang, "as_written")
}

mod heatmap;
mod one_lever;

use heatmap::two_levers;
#[cfg(test)]
use heatmap::{chains, edges, labelled, prob_colour, text_on};
use one_lever::one_lever;
#[cfg(test)]
use one_lever::runs;

/// Decoding helpers shared by the chart tests of this module and `solve.rs`.
#[cfg(test)]
pub(super) mod testing;

#[cfg(test)]
mod tests;
