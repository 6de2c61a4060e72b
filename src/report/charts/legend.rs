//! Legends of every chart: the entries (a line, a marker, a filled box, a whisker, each with
//! its label), their symbols, and the row layout under the plot.

use super::ChartError;
use super::style::*;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Marker shapes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Marker {
    /// Filled circle.
    Dot,
    /// Filled diamond.
    Diamond,
    /// Hollow diamond.
    HollowDiamond,
}

/// The symbol of a legend entry.
#[derive(Debug, Clone, Copy)]
pub(super) enum Symbol {
    /// A line, solid or dashed, with an optional marker.
    Line {
        color: RGBColor,
        width: u32,
        dashed: bool,
        marker: Option<Marker>,
    },
    /// A marker alone.
    Mark { color: RGBColor, marker: Marker },
    /// A filled box (band or bar) with an optional outline.
    Fill {
        color: RGBColor,
        alpha: f64,
        outline: bool,
    },
    /// A horizontal whisker with a dot in the middle.
    Whisker { color: RGBColor },
}

/// One legend entry.
pub(super) struct LegendItem {
    pub symbol: Symbol,
    pub label: String,
}

impl LegendItem {
    pub fn new(symbol: Symbol, label: impl Into<String>) -> Self {
        LegendItem {
            symbol,
            label: label.into(),
        }
    }

    /// A line, solid or dashed, without a marker.
    pub fn line(color: RGBColor, width: u32, dashed: bool, label: impl Into<String>) -> Self {
        Self::new(
            Symbol::Line {
                color,
                width,
                dashed,
                marker: None,
            },
            label,
        )
    }

    /// A line with a marker.
    pub fn marked(
        color: RGBColor,
        width: u32,
        dashed: bool,
        marker: Marker,
        label: impl Into<String>,
    ) -> Self {
        Self::new(
            Symbol::Line {
                color,
                width,
                dashed,
                marker: Some(marker),
            },
            label,
        )
    }

    /// A filled box (band or bar), with an outline or not.
    pub fn fill(color: RGBColor, alpha: f64, outline: bool, label: impl Into<String>) -> Self {
        Self::new(
            Symbol::Fill {
                color,
                alpha,
                outline,
            },
            label,
        )
    }

    /// A marker alone.
    pub fn mark(color: RGBColor, marker: Marker, label: impl Into<String>) -> Self {
        Self::new(Symbol::Mark { color, marker }, label)
    }

    /// The model's estimate: a blue line with dots (a median, P(hit)).
    pub fn estimate(label: impl Into<String>) -> Self {
        Self::marked(super::style::BLUE, 5, false, Marker::Dot, label)
    }

    /// A 95% interval drawn as a light blue band.
    pub fn interval(label: impl Into<String>) -> Self {
        Self::fill(super::style::BLUE, 0.25, false, label)
    }

    /// The two bands of a fan: the 50% band (drawn over the 90% one, so darker) and the 90%.
    pub fn fan(band50: impl Into<String>, band90: impl Into<String>) -> [Self; 2] {
        use super::style::{BAND50_ALPHA, BAND90_ALPHA, BLUE};
        let dark = 1.0 - (1.0 - BAND90_ALPHA) * (1.0 - BAND50_ALPHA);
        [
            Self::fill(BLUE, dark, false, band50),
            Self::fill(BLUE, BAND90_ALPHA, false, band90),
        ]
    }

    /// A whisker with a dot.
    pub fn whisker(color: RGBColor, label: impl Into<String>) -> Self {
        Self::new(Symbol::Whisker { color }, label)
    }
}

pub(super) const SYMBOL_W: i32 = 64;
pub(super) const SYMBOL_GAP: i32 = 14;
pub(super) const ITEM_GAP: i32 = 44;
pub(super) const LEGEND_ROW_H: i32 = 44;

/// Draws a marker centred on pixel `c`.
pub(super) fn draw_marker<DB: Backend>(
    area: &DrawingArea<DB, Shift>,
    c: (i32, i32),
    marker: Marker,
    color: RGBColor,
    r: i32,
) -> Result<(), ChartError> {
    match marker {
        Marker::Dot => {
            area.draw(&Circle::new(c, r, color.filled()))?;
        }
        Marker::Diamond | Marker::HollowDiamond => {
            let pts = vec![
                (c.0, c.1 - r - 2),
                (c.0 + r + 2, c.1),
                (c.0, c.1 + r + 2),
                (c.0 - r - 2, c.1),
            ];
            if marker == Marker::Diamond {
                area.draw(&Polygon::new(pts, color.filled()))?;
            } else {
                area.draw(&Polygon::new(pts.clone(), WHITE.filled()))?;
                let mut closed = pts.clone();
                closed.push(pts[0]);
                area.draw(&PathElement::new(closed, color.stroke_width(3)))?;
            }
        }
    }
    Ok(())
}

/// Draws a dashed polyline in pixel coordinates.
pub(super) fn dashed_px<DB: Backend>(
    area: &DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    let (dash, gap) = (18.0, 10.0);
    let mut s = 0.0;
    while s < len {
        let e = (s + dash).min(len);
        let p = |t: f64| {
            (
                from.0 + (dx * t / len).round() as i32,
                from.1 + (dy * t / len).round() as i32,
            )
        };
        area.draw(&PathElement::new(vec![p(s), p(e)], style))?;
        s += dash + gap;
    }
    Ok(())
}

pub(super) fn draw_symbol<DB: Backend>(
    area: &DrawingArea<DB, Shift>,
    symbol: Symbol,
    x: i32,
    cy: i32,
) -> Result<(), ChartError> {
    match symbol {
        Symbol::Line {
            color,
            width,
            dashed,
            marker,
        } => {
            let style = color.stroke_width(width);
            if dashed {
                dashed_px(area, (x, cy), (x + SYMBOL_W, cy), style)?;
            } else {
                area.draw(&PathElement::new(vec![(x, cy), (x + SYMBOL_W, cy)], style))?;
            }
            if let Some(m) = marker {
                draw_marker(area, (x + SYMBOL_W / 2, cy), m, color, 8)?;
            }
        }
        Symbol::Mark { color, marker } => {
            draw_marker(area, (x + SYMBOL_W / 2, cy), marker, color, 9)?;
        }
        Symbol::Fill {
            color,
            alpha,
            outline,
        } => {
            let rect = [(x, cy - 14), (x + SYMBOL_W, cy + 14)];
            area.draw(&Rectangle::new(rect, color.mix(alpha).filled()))?;
            if outline {
                area.draw(&Rectangle::new(rect, INK.stroke_width(1)))?;
            }
        }
        Symbol::Whisker { color } => {
            let style = color.stroke_width(4);
            area.draw(&PathElement::new(vec![(x, cy), (x + SYMBOL_W, cy)], style))?;
            for xx in [x, x + SYMBOL_W] {
                area.draw(&PathElement::new(vec![(xx, cy - 10), (xx, cy + 10)], style))?;
            }
            draw_marker(area, (x + SYMBOL_W / 2, cy), Marker::Dot, color, 9)?;
        }
    }
    Ok(())
}

/// Lays the legend out in rows no wider than `max_w`: the x offset of each item and its row.
pub(super) fn legend_layout(
    items: &[LegendItem],
    max_w: i32,
) -> Result<Vec<(i32, i32)>, ChartError> {
    let mut out = Vec::with_capacity(items.len());
    let (mut x, mut row) = (0, 0);
    for item in items {
        let w = SYMBOL_W + SYMBOL_GAP + text_size(&item.label, LABEL_PX, false)?.0 as i32;
        if x > 0 && x + w > max_w {
            x = 0;
            row += 1;
        }
        out.push((x, row));
        x += w + ITEM_GAP;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Frame
// ---------------------------------------------------------------------------------------------
