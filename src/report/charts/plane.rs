//! The chart kit's plotting plane: a cartesian plane with its margins, and what charts draw
//! on it in data coordinates (bands, fans of percentiles, lines, markers, dashed guides),
//! each written once.

use super::ChartError;
use super::style::{self, Backend, Marker};
use crate::montecarlo::Percentiles;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::ops::Range;

/// A cartesian plane of `f64` × `f64` drawn on a backend.
pub(super) type Plane<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Space around a plane, pixels: margins (top, left, right) and the label areas under the x
/// axis and left of the y axis.
#[derive(Debug, Clone, Copy)]
pub(super) struct Margins {
    pub top: i32,
    pub left: i32,
    pub right: i32,
    pub x_labels: i32,
    pub y_labels: i32,
}

impl Margins {
    /// The single-plot charts' margins: room for two-line y ticks and the x description.
    pub const PLOT: Margins = Margins {
        top: 10,
        left: 0,
        right: 24,
        x_labels: 100,
        y_labels: 150,
    };
    /// The margins of a panel of a two-panel chart (a title of its own above it).
    pub const PANEL: Margins = Margins {
        top: 44,
        left: 0,
        right: 36,
        x_labels: 100,
        y_labels: 140,
    };

    /// The same margins with another right margin.
    pub const fn right(self, right: i32) -> Margins {
        Margins { right, ..self }
    }
}

/// Builds the plane over `x` × `y` in `area`.
pub(super) fn plane<'a, DB: Backend>(
    area: &'a DrawingArea<DB, Shift>,
    m: Margins,
    x: Range<f64>,
    y: Range<f64>,
) -> Result<Plane<'a, DB>, ChartError> {
    Ok(ChartBuilder::on(area)
        .margin_top(m.top)
        .margin_left(m.left)
        .margin_right(m.right)
        .x_label_area_size(m.x_labels)
        .y_label_area_size(m.y_labels)
        .build_cartesian_2d(x, y)?)
}

/// A filled band through `(x, lo, hi)` points (upper edge left to right, lower edge back).
pub(super) fn band<DB: Backend>(
    chart: &mut Plane<'_, DB>,
    pts: &[(f64, f64, f64)],
    color: RGBColor,
    alpha: f64,
) -> Result<(), ChartError> {
    let mut poly: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.2)).collect();
    poly.extend(pts.iter().rev().map(|p| (p.0, p.1)));
    chart.draw_series(std::iter::once(Polygon::new(
        poly,
        color.mix(alpha).filled(),
    )))?;
    Ok(())
}

/// The fan of a forecast: the 90% band (P5–P95) and the 50% band (P25–P75) over it, opening
/// from `anchor` (the last known value) when given; returns the median's points.
pub(super) fn fan<DB: Backend>(
    chart: &mut Plane<'_, DB>,
    anchor: Option<(f64, f64)>,
    years: &[(f64, Percentiles)],
) -> Result<Vec<(f64, f64)>, ChartError> {
    let pts = |lo: fn(&Percentiles) -> f64, hi: fn(&Percentiles) -> f64| -> Vec<(f64, f64, f64)> {
        anchor
            .map(|(x, v)| (x, v, v))
            .into_iter()
            .chain(years.iter().map(|(x, p)| (*x, lo(p), hi(p))))
            .collect()
    };
    band(
        chart,
        &pts(|p| p.p5, |p| p.p95),
        style::BLUE,
        style::BAND90_ALPHA,
    )?;
    band(
        chart,
        &pts(|p| p.p25, |p| p.p75),
        style::BLUE,
        style::BAND50_ALPHA,
    )?;
    let median = years.iter().map(|(x, p)| (*x, p.p50));
    Ok(anchor.into_iter().chain(median).collect())
}

/// A solid line through `pts`.
pub(super) fn line<DB: Backend>(
    chart: &mut Plane<'_, DB>,
    pts: &[(f64, f64)],
    color: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    chart.draw_series(LineSeries::new(pts.to_vec(), color.stroke_width(width)))?;
    Ok(())
}

/// A marker at each of `pts`.
pub(super) fn marks<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    pts: &[(f64, f64)],
    marker: Marker,
    color: RGBColor,
    size: i32,
) -> Result<(), ChartError> {
    for p in pts {
        style::draw_marker(root, chart.backend_coord(p), marker, color, size)?;
    }
    Ok(())
}

/// A dashed horizontal guide at `y` across `x` (a target).
pub(super) fn hguide<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    y: f64,
    x: Range<f64>,
    st: ShapeStyle,
) -> Result<(), ChartError> {
    let (a, b) = (
        chart.backend_coord(&(x.start, y)),
        chart.backend_coord(&(x.end, y)),
    );
    style::dashed_px(root, a, b, st)
}

/// A dashed vertical guide at `x` from the top of `y` down to its start.
pub(super) fn vguide<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    x: f64,
    y: Range<f64>,
    st: ShapeStyle,
) -> Result<(), ChartError> {
    let (a, b) = (
        chart.backend_coord(&(x, y.end)),
        chart.backend_coord(&(x, y.start)),
    );
    style::dashed_px(root, a, b, st)
}

/// A shaded rectangle behind the data over `x` × `y` (the history part of a time chart).
pub(super) fn shade<DB: Backend>(
    chart: &mut Plane<'_, DB>,
    x: Range<f64>,
    y: Range<f64>,
    color: RGBColor,
) -> Result<(), ChartError> {
    let r = Rectangle::new([(x.start, y.start), (x.end, y.end)], color.filled());
    chart.draw_series(std::iter::once(r))?;
    Ok(())
}

/// Labels two regions of a time chart at the top of the plane (`y1`): `left` from `x0`,
/// `right` from `split`; returns the pixel where the left one starts (x, y) for a note
/// under it.
pub(super) fn regions<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    (x0, split, y1): (f64, f64, f64),
    left: &str,
    right: &str,
) -> Result<(i32, i32), ChartError> {
    use plotters::style::text_anchor::{HPos, VPos};
    let top = chart.backend_coord(&(x0, y1)).1 + 14;
    let lab = style::text(
        style::LABEL_PX,
        true,
        style::GREY_TEXT,
        HPos::Left,
        VPos::Top,
    );
    let l = chart.backend_coord(&(x0, y1)).0 + 14;
    style::put(root, left, &lab, (l, top))?;
    let r = chart.backend_coord(&(split, y1)).0 + 14;
    style::put(root, right, &lab, (r, top))?;
    Ok((l, top))
}

/// The lever's value as written: a grey dashed vertical line at `x` over `y`, labelled above.
pub(super) fn as_written<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    x: f64,
    y: Range<f64>,
    label: &str,
) -> Result<(), ChartError> {
    use plotters::style::text_anchor::{HPos, VPos};
    let top = chart.backend_coord(&(x, y.end));
    vguide(root, chart, x, y, style::GREY_TEXT.stroke_width(3))?;
    let st = style::text(
        style::LABEL_PX,
        true,
        style::GREY_TEXT,
        HPos::Center,
        VPos::Bottom,
    );
    style::put(root, label, &st, (top.0, top.1 - 8))
}
