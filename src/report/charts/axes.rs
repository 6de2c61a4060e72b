//! Axes of the chart kit: the mesh every cartesian chart draws (grid, axes, tick labels thinned
//! to what fits side by side, true minus signs), tick formats (the same decimals along an axis,
//! years as names) and the axis descriptions.

use super::ChartError;
use super::style::{
    AXIS_PX, Backend, GRID, INK, LABEL_PX, SOURCE_PX, font, nfc, put, text, text_size,
};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// The fewest decimals (0–3) that write every label of a float axis over `range` with at most
/// `n` labels exactly, once multiplied by `scale` (100 for percentages): the same number of
/// decimals on the whole axis (2,0% 2,5% 3,0%, not 2% 2,5% 3%).
pub(super) fn tick_decimals(range: std::ops::Range<f64>, n: usize, scale: f64) -> usize {
    use plotters::coord::ranged1d::{BoldPoints, Ranged};
    use plotters::coord::types::RangedCoordf64;
    let points = RangedCoordf64::from(range).key_points(BoldPoints(n));
    (0..=3)
        .find(|&d| {
            let f = 10f64.powi(d);
            points
                .iter()
                .all(|v| ((v * scale * f).round() - v * scale * f).abs() < 1e-6)
        })
        .unwrap_or(3) as usize
}

/// A year tick: integer years only (years are names, not quantities: no thousands separator).
pub(super) fn year_tick(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{}", x.round() as i64)
    } else {
        String::new()
    }
}

/// Checks that every value is a finite number, naming `what` otherwise.
pub(super) fn finite(what: &str, values: &[f64]) -> Result<(), ChartError> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(ChartError(format!("{what}: not a finite number")))
    }
}

/// Writes the axis descriptions of a plot whose plotting area covers the pixel ranges `x` and
/// `y`: below the tick labels, and turned up the left edge at `left`.
pub(super) fn axis_descs<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (std::ops::Range<i32>, std::ops::Range<i32>),
    left: i32,
    x_desc: &str,
    y_desc: &str,
) -> Result<(), ChartError> {
    if !x_desc.is_empty() {
        put(
            root,
            x_desc,
            &text(AXIS_PX, false, INK, HPos::Center, VPos::Top),
            ((x.start + x.end) / 2, y.end + 52),
        )?;
    }
    if !y_desc.is_empty() {
        // shrink a description longer than the axis (down to the source-line size)
        let room = (y.end - y.start).max(1) as f64;
        let width = f64::from(text_size(y_desc, AXIS_PX, false)?.0);
        let px = if width > room {
            (AXIS_PX * room / width).floor().max(SOURCE_PX)
        } else {
            AXIS_PX
        };
        let st = font(px, false)
            .transform(FontTransform::Rotate270)
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        put(root, y_desc, &st, (left, (y.start + y.end) / 2))?;
    }
    Ok(())
}

/// Which grid lines a chart's mesh draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Grid {
    /// Lines at both axes' ticks.
    Both,
    /// Horizontal lines only (at the y ticks).
    Horizontal,
    /// Vertical lines only (at the x ticks), and no y axis (bars with their own row labels).
    Vertical,
}

/// A tick-label formatter.
pub(super) type Ticks<'a> = &'a dyn Fn(&f64) -> String;

/// The mesh every chart draws: light grey grid lines, black axes 2 px wide, tick labels in
/// the chart font; `x`/`y` are the number of labels and their formatter (`None`: plotters'
/// default for that axis).
pub(super) fn mesh<DB: Backend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    grid: Grid,
    x: Option<(usize, Ticks<'_>)>,
    y: Option<(usize, Ticks<'_>)>,
) -> Result<(), ChartError> {
    // as many x labels as fit side by side (a 20-year axis labels every other year)
    let x = match x {
        Some((n, f)) => {
            let width = chart.plotting_area().get_pixel_range().0.len();
            Some((fitted_ticks(chart.x_range(), n, width, f)?, f))
        }
        None => None,
    };
    // tick labels with true minus signs, like every other chart text
    let fx = x.map(|(n, f)| (n, move |v: &f64| super::spans::minus_signs(&f(v))));
    let fy = y.map(|(n, f)| (n, move |v: &f64| super::spans::minus_signs(&f(v))));
    let mut m = chart.configure_mesh();
    match grid {
        Grid::Both => {}
        Grid::Horizontal => {
            m.disable_x_mesh();
        }
        Grid::Vertical => {
            m.disable_y_mesh().disable_y_axis();
        }
    }
    m.bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(2));
    if let Some((n, f)) = &fx {
        m.x_labels(*n).x_label_formatter(f);
    }
    if let Some((n, f)) = &fy {
        m.y_labels(*n).y_label_formatter(f);
    }
    m.label_style(tick_style()).draw()?;
    Ok(())
}

/// The most labels, up to `n`, that plotters puts on an axis over `range` whose labels (by `f`)
/// stand side by side in `width` pixels with a gap between them.
fn fitted_ticks(
    range: std::ops::Range<f64>,
    n: usize,
    width: usize,
    f: Ticks<'_>,
) -> Result<usize, ChartError> {
    use plotters::coord::ranged1d::{BoldPoints, Ranged};
    let mut n = n;
    while n > 2 {
        let points = RangedCoordf64::from(range.clone()).key_points(BoldPoints(n));
        let mut need = 0;
        for v in &points {
            let s = f(v);
            if !s.is_empty() {
                need += text_size(&nfc(&s), LABEL_PX, false)?.0 as usize + 16;
            }
        }
        if need <= width {
            break;
        }
        n -= 1;
    }
    Ok(n)
}

/// The axis descriptions of `chart`, drawn in `area` (the y description just inside its left
/// edge): see [`axis_descs`].
pub(super) fn descs<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    area: &DrawingArea<DB, Shift>,
    x: &str,
    y: &str,
) -> Result<(), ChartError> {
    axis_descs(
        root,
        chart.plotting_area().get_pixel_range(),
        area.get_base_pixel().0 + 4,
        x,
        y,
    )
}

/// Tick and axis-description styles shared by the cartesian charts.
pub(super) fn tick_style() -> TextStyle<'static> {
    font(LABEL_PX, false).color(&INK)
}
