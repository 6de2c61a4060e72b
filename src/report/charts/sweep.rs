//! The sweep chart: for one lever, P(hit) with its Wilson 95% band and the median CAGR with
//! its P10–P90 band against the lever's value; for two levers, a heat map of P(hit) with the
//! 50% contour. Also the lever units (money, percent, factor) shared with the solve chart.

use super::style::{self, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::sweep::{Point, Sweep};
use crate::report::Lang;
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
            Unit::Money => crate::report::msg(lang, "thousand_bn_vnd"),
            Unit::Percent => " (%)",
            Unit::Factor => crate::report::msg(lang, "factor_1_as_written"),
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
pub(super) fn source_per(
    lang: Lang,
    scenario: &str,
    paths: u64,
    seed: u64,
    per: (&str, &str),
) -> String {
    let n = lang.num(paths as f64, 0);
    match lang {
        Lang::Vi => format!(
            "Nguồn: grdpsim, kịch bản {scenario}, {n} đường mỗi {}, seed {seed}, cùng số ngẫu nhiên",
            per.0
        ),
        Lang::En => format!(
            "Source: grdpsim, scenario {scenario}, {n} paths per {}, seed {seed}, common random numbers",
            per.1
        ),
    }
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
        return Ok(
            crate::report::msg(lang, "every_point_on_the_same_random_numbers_differenc").into(),
        );
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
    crate::report::msg(lang, "as_written")
}

// ---------------------------------------------------------------------------------------------
// One lever
// ---------------------------------------------------------------------------------------------

/// (x, a, b, c): P(hit) with its interval, or the CAGR P10, P50, P90.
type Run = Vec<[f64; 4]>;

struct OneLever {
    lang: Lang,
    title: String,
    subtitle: String,
    source: String,
    legend: Vec<LegendItem>,
    unit: Unit,
    x_desc: String,
    p_desc: String,
    g_desc: String,
    x: (f64, f64),
    /// The value as written, when it is within reach of the grid, and its label.
    current: Option<f64>,
    current_label: String,
    target: Option<f64>,
    target_label: String,
    prob: Vec<Run>,
    cagr: Vec<Run>,
    nothing: String,
}

/// Splits points (sorted by x) into runs of consecutive points that have a value.
fn runs(points: impl Iterator<Item = Option<[f64; 4]>>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut cur: Run = Vec::new();
    for p in points {
        match p {
            Some(v) => cur.push(v),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn one_lever(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    let a = &s.axes[0];
    let unit = Unit::of(&a.lever, a.money);
    let mut order: Vec<usize> = (0..a.values.len()).collect();
    order.sort_by(|&i, &j| a.values[i].total_cmp(&a.values[j]));
    let prob_runs = runs(order.iter().map(|&i| {
        let p = &s.points[i];
        prob(p).map(|v| {
            let ci = p
                .prob_hit_ci95
                .filter(|c| c[0].is_finite() && c[1].is_finite())
                .unwrap_or([v, v]);
            [a.values[i], v, ci[0].clamp(0.0, 1.0), ci[1].clamp(0.0, 1.0)]
        })
    }));
    let cagr_runs = runs(order.iter().map(|&i| {
        let p = &s.points[i];
        match (p.cagr_p10, p.cagr_p50, p.cagr_p90) {
            (Some(lo), Some(m), Some(hi)) if lo.is_finite() && m.is_finite() && hi.is_finite() => {
                Some([a.values[i], lo, m, hi])
            }
            _ => None,
        }
    }));
    let missing: Vec<String> = order
        .iter()
        .filter(|&&i| prob(&s.points[i]).is_none())
        .map(|&i| unit.value(lang, a.values[i]))
        .collect();

    let (g0, g1) = extent(a.values.iter().copied());
    let span = (g1 - g0).abs();
    // the value as written widens the axis by at most half the grid's span
    let current =
        Some(a.current).filter(|c| c.is_finite() && *c >= g0 - 0.5 * span && *c <= g1 + 0.5 * span);
    let (lo, hi) = match current {
        Some(c) => (g0.min(c), g1.max(c)),
        None => (g0, g1),
    };
    let x = padded(lo, hi, 0.03, (0.0, 1.0));
    let target = Some(s.target).filter(|t| t.is_finite());
    let t = target_text(lang, s.target);

    let current_value = if a.current.is_finite() {
        unit.value(lang, a.current)
    } else {
        "–".into()
    };
    let current_label = format!("{}: {current_value}", as_written_word(lang));
    let mut current_legend = current_label.clone();
    if current.is_none() {
        current_legend.push_str(crate::report::msg(lang, "outside_the_sweep"));
    }
    let title = fit_title(vec![
        super::title(
            lang,
            &format!(
                "Xác suất đạt tăng trưởng bình quân ≥ {t} theo {}",
                a.lever_label_vi
            ),
            &format!(
                "Probability of average growth ≥ {t} by {}",
                a.lever_label_en
            ),
        ),
        super::title(
            lang,
            &format!("Xác suất đạt ≥ {t} theo {}", a.lever_label_vi),
            &format!("P(growth ≥ {t}) by {}", a.lever_label_en),
        ),
        super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo đòn bẩy"),
            &format!("Probability of average growth ≥ {t} along a lever"),
        ),
    ])?;
    let legend = vec![
        LegendItem::marked(
            style::BLUE,
            5,
            false,
            Marker::Dot,
            match lang {
                Lang::Vi => format!("Xác suất tăng trưởng bình quân ≥ {t}"),
                Lang::En => format!("P(average growth ≥ {t})"),
            },
        ),
        LegendItem::fill(
            style::BLUE,
            0.25,
            false,
            crate::report::msg(lang, "95_ci_wilson"),
        ),
        LegendItem::marked(
            style::INK,
            5,
            false,
            Marker::Diamond,
            crate::report::msg(lang, "average_growth_median"),
        ),
        LegendItem::fill(style::INK, 0.15, false, crate::report::msg(lang, "p10_p90")),
        LegendItem::line(
            style::VERMILLION,
            4,
            true,
            match lang {
                Lang::Vi => format!("Mục tiêu {t}/năm"),
                Lang::En => format!("Target {t} a year"),
            },
        ),
        LegendItem::line(style::GREY_TEXT, 3, true, current_legend),
    ];
    let c = OneLever {
        lang,
        title: title.clone(),
        subtitle: style::nfc(&gap_caption(lang, &missing, a.values.len(), false)?),
        source: source_per(lang, &s.scenario, s.paths, s.seed, ("điểm", "point")),
        legend,
        unit,
        x_desc: unit.desc(lang, lang.pick(&a.lever_label_vi, &a.lever_label_en)),
        p_desc: crate::report::msg(lang, "probability_of_reaching_the_target").into(),
        g_desc: crate::report::msg(lang, "average_grdp_growth_a_year").into(),
        x,
        current,
        current_label,
        target,
        target_label: match lang {
            Lang::Vi => format!("Mục tiêu {t}"),
            Lang::En => format!("Target {t}"),
        },
        prob: prob_runs,
        cagr: cagr_runs,
        nothing: crate::report::msg(lang, "no_point_could_be_run").into(),
    };
    render("sweep", title, &c)
}

/// Draws runs as bands (polygons, or whiskers for single points) and lines with markers.
fn draw_runs<DB: style::Backend, X, Y>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    runs: &[Run],
    (mid, lo, hi): (usize, usize, usize),
    (color, band_alpha, marker): (RGBColor, f64, Marker),
) -> Result<(), ChartError>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    for run in runs {
        if run.len() > 1 {
            let mut band: Vec<(f64, f64)> = run.iter().map(|p| (p[0], p[hi])).collect();
            band.extend(run.iter().rev().map(|p| (p[0], p[lo])));
            chart.draw_series(std::iter::once(Polygon::new(
                band,
                color.mix(band_alpha).filled(),
            )))?;
            let line: Vec<(f64, f64)> = run.iter().map(|p| (p[0], p[mid])).collect();
            chart.draw_series(LineSeries::new(line, color.stroke_width(5)))?;
        } else {
            let p = run[0];
            let (a, b) = (
                chart.backend_coord(&(p[0], p[lo])),
                chart.backend_coord(&(p[0], p[hi])),
            );
            let st = color.mix(0.6).stroke_width(4);
            root.draw(&PathElement::new(vec![a, b], st))?;
            for e in [a, b] {
                root.draw(&PathElement::new(
                    vec![(e.0 - 10, e.1), (e.0 + 10, e.1)],
                    st,
                ))?;
            }
        }
        for p in run {
            let c = chart.backend_coord(&(p[0], p[mid]));
            style::draw_marker(root, c, marker, color, 7)?;
        }
    }
    Ok(())
}

impl Draw for OneLever {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = style::frame_of(
            root,
            &self.title,
            &self.subtitle,
            &self.source,
            &self.legend,
        )?;
        let w = area.dim_in_pixel().0;
        let (left, right) = area.split_horizontally(w / 2);
        let (x0, x1) = self.x;
        let xd = self.unit.tick_decimals(x0..x1, 6);
        let unit = self.unit;
        let fx = |v: &f64| unit.fmt(lang, *v, xd);

        // left: P(hit), 0–100%
        let mut pc = ChartBuilder::on(&left)
            .margin_top(44)
            .margin_right(36)
            .x_label_area_size(100)
            .y_label_area_size(140)
            .build_cartesian_2d(x0..x1, 0.0..1.0)?;
        pc.configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(6)
            .y_labels(11)
            .x_label_formatter(&fx)
            .y_label_formatter(&|v| lang.pct(*v, 0))
            .label_style(style::tick_style())
            .draw()?;
        style::dashed_px(
            root,
            pc.backend_coord(&(x0, 0.5)),
            pc.backend_coord(&(x1, 0.5)),
            style::GREY_TEXT.stroke_width(2),
        )?;

        // right: median CAGR and P10–P90, with the target
        let (lo, hi) = extent(
            self.cagr
                .iter()
                .flatten()
                .flat_map(|p| [p[1], p[3]])
                .chain(self.target),
        );
        let (y0, y1) = padded(lo, hi, 0.08, (0.0, 0.2));
        let yd = style::tick_decimals(y0..y1, 6, 100.0);
        let mut gc = ChartBuilder::on(&right)
            .margin_top(44)
            .margin_right(36)
            .x_label_area_size(100)
            .y_label_area_size(140)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        gc.configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&fx)
            .y_label_formatter(&|v| lang.pct(*v, yd))
            .label_style(style::tick_style())
            .draw()?;

        // axis descriptions: the lever once under both panels
        let (px, py) = pc.plotting_area().get_pixel_range();
        let (gx, gy) = gc.plotting_area().get_pixel_range();
        style::axis_descs(
            root,
            (px.start..gx.end, py.clone()),
            left.get_base_pixel().0 + 4,
            &self.x_desc,
            &self.p_desc,
        )?;
        style::axis_descs(
            root,
            (gx.clone(), gy.clone()),
            right.get_base_pixel().0 + 4,
            "",
            &self.g_desc,
        )?;

        if let Some(t) = self.target {
            let a = gc.backend_coord(&(x0, t));
            style::dashed_px(
                root,
                a,
                gc.backend_coord(&(x1, t)),
                style::VERMILLION.stroke_width(4),
            )?;
            let st = style::text(
                style::LABEL_PX,
                false,
                style::VERMILLION,
                HPos::Left,
                VPos::Bottom,
            );
            style::put(root, &self.target_label, &st, (a.0 + 10, a.1 - 8))?;
        }
        if let Some(c) = self.current {
            for (top, bottom) in [
                (pc.backend_coord(&(c, 1.0)), pc.backend_coord(&(c, 0.0))),
                (gc.backend_coord(&(c, y1)), gc.backend_coord(&(c, y0))),
            ] {
                style::dashed_px(root, top, bottom, style::GREY_TEXT.stroke_width(3))?;
                let st = style::text(
                    style::LABEL_PX,
                    true,
                    style::GREY_TEXT,
                    HPos::Center,
                    VPos::Bottom,
                );
                style::put(root, &self.current_label, &st, (top.0, top.1 - 8))?;
            }
        }
        draw_runs(
            root,
            &mut pc,
            &self.prob,
            (1, 2, 3),
            (style::BLUE, 0.25, Marker::Dot),
        )?;
        draw_runs(
            root,
            &mut gc,
            &self.cagr,
            (2, 1, 3),
            (style::INK, 0.15, Marker::Diamond),
        )?;
        if self.prob.is_empty() {
            centre_note(root, (px, py), &self.nothing)?;
        }
        if self.cagr.is_empty() {
            centre_note(root, (gx, gy), &self.nothing)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Two levers: heat map
// ---------------------------------------------------------------------------------------------

/// ColorBrewer RdBu (11 classes), from P = 0 (dark red) through near-white at 50% to dark blue
/// at 100%: diverging at 50%, lightness rising and falling evenly, readable with the common
/// colour-vision deficiencies.
const RDBU: [(u8, u8, u8); 11] = [
    (0x67, 0x00, 0x1f),
    (0xb2, 0x18, 0x2b),
    (0xd6, 0x60, 0x4d),
    (0xf4, 0xa5, 0x82),
    (0xfd, 0xdb, 0xc7),
    (0xf7, 0xf7, 0xf7),
    (0xd1, 0xe5, 0xf0),
    (0x92, 0xc5, 0xde),
    (0x43, 0x93, 0xc3),
    (0x21, 0x66, 0xac),
    (0x05, 0x30, 0x61),
];

/// Colour of a probability (clamped to 0–1; not a number → the 50% colour).
fn prob_colour(p: f64) -> RGBColor {
    let p = if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let t = p * 10.0;
    let k = (t.floor() as usize).min(9);
    let f = t - k as f64;
    let (a, b) = (RDBU[k], RDBU[k + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// White or black text, whichever reads on `c`.
fn text_on(c: RGBColor) -> RGBColor {
    let luma = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if luma < 128.0 { WHITE } else { style::INK }
}

/// Fill of cells that could not be run (hatched over).
const MISSING: RGBColor = RGBColor(0xBD, 0xBD, 0xBD);

/// Cell edges half-way between grid values (monotonic either way), the outer ones half a step
/// out; a single value gets a cell ±10% of itself (±0.01 at zero).
fn edges(v: &[f64]) -> Vec<f64> {
    let n = v.len();
    if n == 1 {
        let (lo, hi) = padded(v[0], v[0], 0.0, (v[0] - 0.5, v[0] + 0.5));
        return vec![lo, hi];
    }
    let mut e = Vec::with_capacity(n + 1);
    e.push(v[0] - 0.5 * (v[1] - v[0]));
    for w in v.windows(2) {
        e.push(0.5 * (w[0] + w[1]));
    }
    e.push(v[n - 1] + 0.5 * (v[n - 1] - v[n - 2]));
    e
}

/// Joins contour segments that share end points (within `tol` per axis) into polylines.
/// Segments of zero length (a level met exactly at a grid point) and segments met twice (an
/// edge shared by two cells) are dropped.
fn chains(segs: &[[[f64; 2]; 2]], tol: [f64; 2]) -> Vec<Vec<[f64; 2]>> {
    let close =
        |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() <= tol[0] && (a[1] - b[1]).abs() <= tol[1];
    let same = |a: &[[f64; 2]; 2], b: &[[f64; 2]; 2]| {
        (close(a[0], b[0]) && close(a[1], b[1])) || (close(a[0], b[1]) && close(a[1], b[0]))
    };
    let mut kept: Vec<[[f64; 2]; 2]> = Vec::new();
    for s in segs {
        if s.iter().flatten().all(|v| v.is_finite())
            && !close(s[0], s[1])
            && !kept.iter().any(|k| same(k, s))
        {
            kept.push(*s);
        }
    }
    let segs = kept;
    let mut used = vec![false; segs.len()];
    let mut out = Vec::new();
    for start in 0..segs.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut chain = std::collections::VecDeque::from(vec![segs[start][0], segs[start][1]]);
        loop {
            let mut grew = false;
            for (k, s) in segs.iter().enumerate() {
                if used[k] {
                    continue;
                }
                let (front, back) = (chain[0], chain[chain.len() - 1]);
                let next = if close(s[0], back) {
                    Some((false, s[1]))
                } else if close(s[1], back) {
                    Some((false, s[0]))
                } else if close(s[0], front) {
                    Some((true, s[1]))
                } else if close(s[1], front) {
                    Some((true, s[0]))
                } else {
                    None
                };
                if let Some((at_front, p)) = next {
                    used[k] = true;
                    grew = true;
                    if at_front {
                        chain.push_front(p);
                    } else {
                        chain.push_back(p);
                    }
                }
            }
            if !grew {
                break;
            }
        }
        out.push(chain.into_iter().collect());
    }
    out
}

struct TwoLevers {
    lang: Lang,
    title: String,
    subtitle: String,
    source: String,
    legend: Vec<LegendItem>,
    units: [Unit; 2],
    descs: [String; 2],
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// P(hit) per cell, `xs` outer, `ys` inner.
    z: Vec<Option<f64>>,
    contour: Vec<Vec<[f64; 2]>>,
    current: Option<(f64, f64)>,
    bar_head: String,
    nothing: Option<String>,
}

fn two_levers(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    let (a, b) = (&s.axes[0], &s.axes[1]);
    let units = [Unit::of(&a.lever, a.money), Unit::of(&b.lever, b.money)];
    let z: Vec<Option<f64>> = s.points.iter().map(prob).collect();
    let ny = b.values.len();
    let missing: Vec<String> = z
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(k, _)| {
            format!(
                "({}, {})",
                units[0].value(lang, a.values[k / ny]),
                units[1].value(lang, b.values[k % ny])
            )
        })
        .collect();
    let (ex, ey) = (edges(&a.values), edges(&b.values));
    let (xa, xb) = extent(ex.iter().copied());
    let (ya, yb) = extent(ey.iter().copied());
    let tol = [1e-9 * (xb - xa).abs(), 1e-9 * (yb - ya).abs()];
    let contour = chains(&s.contour50, tol);
    let inside = |v: f64, lo: f64, hi: f64| v.is_finite() && v >= lo && v <= hi;
    let current =
        (inside(a.current, xa, xb) && inside(b.current, ya, yb)).then_some((a.current, b.current));
    let t = target_text(lang, s.target);
    let title = fit_title(vec![
        super::title(
            lang,
            &format!(
                "Xác suất đạt tăng trưởng bình quân ≥ {t} theo {} và {}",
                a.lever_label_vi, b.lever_label_vi
            ),
            &format!(
                "Probability of average growth ≥ {t} by {} and {}",
                a.lever_label_en, b.lever_label_en
            ),
        ),
        super::title(
            lang,
            &format!(
                "Xác suất đạt ≥ {t} theo {} và {}",
                a.lever_label_vi, b.lever_label_vi
            ),
            &format!(
                "P(growth ≥ {t}) by {} and {}",
                a.lever_label_en, b.lever_label_en
            ),
        ),
        super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo hai đòn bẩy"),
            &format!("Probability of average growth ≥ {t} by two levers"),
        ),
    ])?;
    let fmt_cur = |u: Unit, v: f64| {
        if v.is_finite() {
            u.value(lang, v)
        } else {
            "–".into()
        }
    };
    let mut current_label = format!(
        "{}: x = {}; y = {}",
        as_written_word(lang),
        fmt_cur(units[0], a.current),
        fmt_cur(units[1], b.current)
    );
    if current.is_none() {
        current_label.push_str(crate::report::msg(lang, "outside_the_grid"));
    }
    let mut legend = vec![
        LegendItem::line(
            style::INK,
            6,
            false,
            crate::report::msg(lang, "50_probability_contour"),
        ),
        LegendItem::mark(style::INK, Marker::Diamond, current_label),
    ];
    if !missing.is_empty() {
        legend.push(LegendItem::fill(
            MISSING,
            1.0,
            true,
            crate::report::msg(lang, "could_not_be_run"),
        ));
    }
    let c = TwoLevers {
        lang,
        title: title.clone(),
        subtitle: style::nfc(&gap_caption(lang, &missing, z.len(), true)?),
        source: source_per(lang, &s.scenario, s.paths, s.seed, ("điểm", "point")),
        legend,
        units,
        descs: [
            units[0].desc(lang, lang.pick(&a.lever_label_vi, &a.lever_label_en)),
            units[1].desc(lang, lang.pick(&b.lever_label_vi, &b.lever_label_en)),
        ],
        xs: a.values.clone(),
        ys: b.values.clone(),
        nothing: z
            .iter()
            .all(Option::is_none)
            .then(|| crate::report::msg(lang, "no_point_could_be_run").into()),
        z,
        contour,
        current,
        bar_head: match lang {
            Lang::Vi => format!("Xác suất ≥ {t}"),
            Lang::En => format!("P(≥ {t})"),
        },
    };
    render("sweep", title, &c)
}

/// Indices of the grid values that get a tick label: all of them when the labels fit the
/// cells, otherwise every k-th.
fn labelled(n: usize, label_px: i32, cell_px: f64) -> Vec<usize> {
    let mut step = 1usize;
    while step < n && f64::from(label_px + 16) > cell_px * step as f64 {
        step += 1;
    }
    (0..n).step_by(step.max(1)).collect()
}

/// Radius of the "as written" marker on the heat map (white outline), pixels.
const MARK_R: i32 = 17;

/// Width of the colour bar column, pixels.
const BAR_COL: u32 = 250;

impl Draw for TwoLevers {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = style::frame_of(
            root,
            &self.title,
            &self.subtitle,
            &self.source,
            &self.legend,
        )?;
        let (xs, ys) = (&self.xs, &self.ys);
        let (nx, ny) = (xs.len(), ys.len());
        let (ex, ey) = (edges(xs), edges(ys));
        let (x0, x1) = extent(ex.iter().copied());
        let (y0, y1) = extent(ey.iter().copied());
        let [ux, uy] = self.units;
        let (dx, dy) = (ux.decimals(xs), uy.decimals(ys));
        let xl: Vec<String> = xs.iter().map(|v| ux.fmt(lang, *v, dx)).collect();
        let yl: Vec<String> = ys.iter().map(|v| uy.fmt(lang, *v, dy)).collect();
        let mut yl_w = 0;
        for l in &yl {
            yl_w = yl_w.max(style::text_size(l, style::LABEL_PX, false)?.0 as i32);
        }
        let mut xl_w = 0;
        for l in &xl {
            xl_w = xl_w.max(style::text_size(l, style::LABEL_PX, false)?.0 as i32);
        }

        let w = area.dim_in_pixel().0;
        let (heat, bar) = area.split_horizontally(w.saturating_sub(BAR_COL));
        let chart = ChartBuilder::on(&heat)
            .margin_top(20)
            .margin_right(20)
            .x_label_area_size(100)
            .y_label_area_size(yl_w + 20 + 56)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let (px, py) = chart.plotting_area().get_pixel_range();
        let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let rect = |i: usize, j: usize| {
            let (a, b) = (at(ex[i], ey[j]), at(ex[i + 1], ey[j + 1]));
            ((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1)))
        };

        // cells; the value of the cell under the "as written" marker moves up out of its way
        let show_values = nx <= 12 && ny <= 12;
        let marked = self.current.map(|(cx, cy)| at(cx, cy));
        for i in 0..nx {
            for j in 0..ny {
                let (a, b) = rect(i, j);
                match self.z[i * ny + j] {
                    Some(p) => {
                        let c = prob_colour(p);
                        root.draw(&Rectangle::new([a, b], c.filled()))?;
                        if show_values {
                            let (cw, ch) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
                            let px_size = style::LABEL_PX.min(0.6 * ch).min(cw / 2.8).floor();
                            let mut centre = Some(((a.0 + b.0) / 2, (a.1 + b.1) / 2));
                            if let Some(m) = marked
                                .filter(|m| m.0 >= a.0 && m.0 <= b.0 && m.1 >= a.1 && m.1 <= b.1)
                            {
                                // the value above or below the marker, where there is more
                                // room, or left out (a diamond reaches r + 2 from its centre)
                                let r = MARK_R + 2;
                                let above = m.1 - r - a.1;
                                let below = b.1 - (m.1 + r);
                                let room = above.max(below);
                                centre = (f64::from(room) >= px_size + 2.0).then(|| {
                                    let y = if above >= below {
                                        a.1 + above / 2
                                    } else {
                                        m.1 + r + below / 2
                                    };
                                    (centre.map_or(m.0, |c| c.0), y)
                                });
                            }
                            if px_size >= 12.0
                                && let Some(centre) = centre
                            {
                                let st = style::text(
                                    px_size,
                                    false,
                                    text_on(c),
                                    HPos::Center,
                                    VPos::Center,
                                );
                                style::put(root, &lang.pct(p, 0), &st, centre)?;
                            }
                        }
                    }
                    None => {
                        root.draw(&Rectangle::new([a, b], MISSING.filled()))?;
                        hatch(root, a, b)?;
                    }
                }
            }
        }
        root.draw(&Rectangle::new(
            [(px.start, py.start), (px.end, py.end)],
            style::INK.stroke_width(2),
        ))?;

        // ticks at the grid values
        let tick_style = |h, v| style::text(style::LABEL_PX, false, style::INK, h, v);
        let cell_w = f64::from(px.end - px.start) / nx as f64;
        for i in labelled(nx, xl_w, cell_w) {
            let x = at(xs[i], y0).0;
            root.draw(&PathElement::new(
                vec![(x, py.end), (x, py.end + 8)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &xl[i],
                &tick_style(HPos::Center, VPos::Top),
                (x, py.end + 12),
            )?;
        }
        let cell_h = f64::from(py.end - py.start) / ny as f64;
        for j in labelled(ny, style::LABEL_PX as i32, cell_h) {
            let y = at(x0, ys[j]).1;
            root.draw(&PathElement::new(
                vec![(px.start - 8, y), (px.start, y)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &yl[j],
                &tick_style(HPos::Right, VPos::Center),
                (px.start - 12, y),
            )?;
        }
        style::axis_descs(
            root,
            (px.clone(), py.clone()),
            heat.get_base_pixel().0 + 4,
            &self.descs[0],
            &self.descs[1],
        )?;

        // 50% contour: black over a white casing so it reads on every colour
        for chain in &self.contour {
            let pts: Vec<(i32, i32)> = chain.iter().map(|p| at(p[0], p[1])).collect();
            root.draw(&PathElement::new(pts.clone(), WHITE.stroke_width(12)))?;
            root.draw(&PathElement::new(pts, style::INK.stroke_width(6)))?;
        }
        if let Some((cx, cy)) = self.current {
            let p = at(cx, cy);
            style::draw_marker(root, p, Marker::Diamond, WHITE, MARK_R)?;
            style::draw_marker(root, p, Marker::Diamond, style::INK, 12)?;
        }
        if let Some(note) = &self.nothing {
            centre_note(root, (px.clone(), py.clone()), note)?;
        }

        // colour bar
        let bx = bar.get_base_pixel().0 + 30;
        let (top, bottom) = (py.start + 40, py.end);
        let bw = 40;
        // the heading starts over the bar, moved left if it would leave the canvas
        let head_w = style::text_size(&self.bar_head, style::LABEL_PX, true)?.0 as i32;
        let head_x = bx.min(super::WIDTH as i32 - style::MARGIN / 2 - head_w);
        style::put(
            root,
            &self.bar_head,
            &style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Bottom),
            (head_x, top - 12),
        )?;
        let h = f64::from(bottom - top);
        let slices = 100;
        for k in 0..slices {
            let (fa, fb) = (k as f64 / slices as f64, (k + 1) as f64 / slices as f64);
            let ya = bottom - (fa * h).round() as i32;
            let yb = bottom - (fb * h).round() as i32;
            root.draw(&Rectangle::new(
                [(bx, yb), (bx + bw, ya)],
                prob_colour(0.5 * (fa + fb)).filled(),
            ))?;
        }
        root.draw(&Rectangle::new(
            [(bx, top), (bx + bw, bottom)],
            style::INK.stroke_width(1),
        ))?;
        for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let y = bottom - (q * h).round() as i32;
            root.draw(&PathElement::new(
                vec![(bx + bw, y), (bx + bw + 8, y)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &lang.pct(q, 0),
                &tick_style(HPos::Left, VPos::Center),
                (bx + bw + 12, y),
            )?;
        }
        let y50 = bottom - (0.5 * h).round() as i32;
        root.draw(&PathElement::new(
            vec![(bx - 6, y50), (bx + bw + 6, y50)],
            style::INK.stroke_width(6),
        ))?;
        Ok(())
    }
}

/// Diagonal hatching inside the pixel rectangle `a`–`b`.
fn hatch<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
) -> Result<(), ChartError> {
    let (w, h) = (b.0 - a.0, b.1 - a.1);
    if w <= 0 || h <= 0 {
        return Ok(());
    }
    let st = style::GREY_TEXT.stroke_width(2);
    // lines x − y = c, from the top-left corner down to the right
    let mut c = -h;
    while c < w {
        let t0 = 0.max(-c);
        let t1 = h.min(w - c);
        if t0 < t1 {
            root.draw(&PathElement::new(
                vec![(a.0 + c + t0, a.1 + t0), (a.0 + c + t1, a.1 + t1)],
                st,
            ))?;
        }
        c += 14;
    }
    Ok(())
}

/// Decoding helpers shared by the chart tests of this module and `solve.rs`.
#[cfg(test)]
pub(super) mod testing;

#[cfg(test)]
mod tests;
