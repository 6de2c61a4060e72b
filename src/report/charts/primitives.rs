//! Drawing primitives of the chart kit in pixel coordinates: a polyline dashed across its
//! vertices, a whisker with end caps.

use super::ChartError;
use super::style;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws a polyline (pixel coordinates) dashed with `pattern`, the pattern running on across
/// vertices; solid when `pattern` is None.
pub(super) fn polyline<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    pts: &[(i32, i32)],
    st: ShapeStyle,
    pattern: Option<(f64, f64)>,
) -> Result<(), ChartError> {
    let Some((dash, gap)) = pattern else {
        root.draw(&PathElement::new(pts.to_vec(), st))?;
        return Ok(());
    };
    let period = dash + gap;
    // position within the dash period, carried from segment to segment
    let mut phase = 0.0f64;
    let mut current: Vec<(i32, i32)> = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
        let len = (dx * dx + dy * dy).sqrt();
        let at = |s: f64| {
            (
                a.0 + (dx * s / len).round() as i32,
                a.1 + (dy * s / len).round() as i32,
            )
        };
        let mut s = 0.0;
        while s < len {
            let on = phase < dash;
            let left = if on { dash - phase } else { period - phase };
            let e = (s + left).min(len);
            if on {
                if current.is_empty() {
                    current.push(at(s));
                }
                current.push(at(e));
            }
            phase += e - s;
            s = e;
            if on && phase >= dash - 1e-9 {
                if current.len() > 1 {
                    root.draw(&PathElement::new(std::mem::take(&mut current), st))?;
                }
                current.clear();
                phase = phase.max(dash);
            }
            if phase >= period - 1e-9 {
                phase = 0.0;
            }
        }
    }
    if current.len() > 1 {
        root.draw(&PathElement::new(current, st))?;
    }
    Ok(())
}

/// A whisker from `a` to `b` (pixels) with end caps `cap` pixels either side, across the
/// whisker (horizontal caps on a vertical whisker, vertical ones otherwise, a point included).
pub(super) fn whisker<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    st: ShapeStyle,
    cap: i32,
) -> Result<(), ChartError> {
    root.draw(&PathElement::new(vec![a, b], st))?;
    let (dx, dy) = if a.0 == b.0 && a.1 != b.1 {
        (cap, 0)
    } else {
        (0, cap)
    };
    for e in [a, b] {
        root.draw(&PathElement::new(
            vec![(e.0 - dx, e.1 - dy), (e.0 + dx, e.1 + dy)],
            st,
        ))?;
    }
    Ok(())
}
