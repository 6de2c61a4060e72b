//! Where a chart's own labels go: the first of a few candidate spots whose box stays inside the
//! plot and clear of the lines, markers and labels already there, so a value label never sits
//! on a line, a marker or another label, and never runs off the plot.

use super::ChartError;
use super::style;
use plotters::style::text_anchor::{HPos, VPos};

/// A pixel rectangle of the canvas (x0 ≤ x1, y0 ≤ y1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// Whether the segment a–b crosses the rectangle (Liang–Barsky clipping).
    fn crossed_by(&self, a: (i32, i32), b: (i32, i32)) -> bool {
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        let sides = [
            (-dx, x - f64::from(self.x0)),
            (dx, f64::from(self.x1) - x),
            (-dy, y - f64::from(self.y0)),
            (dy, f64::from(self.y1) - y),
        ];
        for (p, q) in sides {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else if p < 0.0 {
                t0 = t0.max(q / p);
            } else {
                t1 = t1.min(q / p);
            }
        }
        t0 <= t1
    }
}

/// A place for a label: the anchor pixel and how the text hangs from it.
#[derive(Clone, Copy)]
pub(super) struct Spot {
    /// Anchor, canvas pixels.
    pub at: (i32, i32),
    /// Horizontal anchoring.
    pub h: HPos,
    /// Vertical anchoring.
    pub v: VPos,
}

impl Spot {
    /// A spot anchored at `at`.
    pub fn new(at: (i32, i32), h: HPos, v: VPos) -> Spot {
        Spot { at, h, v }
    }
}

/// Free room of a plot: what is drawn there (segments, marker boxes, placed labels).
pub(super) struct Placer {
    bounds: Rect,
    boxes: Vec<Rect>,
    segments: Vec<((i32, i32), (i32, i32))>,
}

/// Space kept between a label and what it must not touch, pixels.
const CLEAR: i32 = 3;

impl Placer {
    /// The room of a plot covering the pixel ranges `x` × `y`.
    pub fn new((x, y): (std::ops::Range<i32>, std::ops::Range<i32>)) -> Placer {
        Placer {
            bounds: Rect {
                x0: x.start,
                y0: y.start,
                x1: x.end,
                y1: y.end,
            },
            boxes: Vec::new(),
            segments: Vec::new(),
        }
    }

    /// A polyline (pixels) labels must not cross.
    pub fn line(&mut self, pts: &[(i32, i32)]) {
        self.segments.extend(pts.windows(2).map(|w| (w[0], w[1])));
    }

    /// A marker of radius `r` at `c` (pixels) labels must not cover.
    pub fn mark(&mut self, c: (i32, i32), r: i32) {
        self.boxes.push(Rect {
            x0: c.0 - r,
            y0: c.1 - r,
            x1: c.0 + r,
            y1: c.1 + r,
        });
    }

    /// A pixel box labels must not cover (text already drawn).
    pub fn block(&mut self, x: std::ops::Range<i32>, y: std::ops::Range<i32>) {
        self.boxes.push(Rect {
            x0: x.start,
            y0: y.start,
            x1: x.end,
            y1: y.end,
        });
    }

    /// The first of `spots` where `text` (at `px`, bold or not) fits inside the plot and clear
    /// of everything registered, which it then occupies; `None` when no spot is free.
    pub fn place(
        &mut self,
        text: &str,
        px: f64,
        bold: bool,
        spots: &[Spot],
    ) -> Result<Option<Spot>, ChartError> {
        let (w, h) = style::text_size(&style::nfc(text), px, bold)?;
        Ok(self.place_box((w as i32, h as i32), spots))
    }

    /// The first of `spots` where a `w` × `h` box (pixels) fits inside the plot and clear of
    /// everything registered, which it then occupies; `None` when no spot is free.
    pub fn place_box(&mut self, (w, h): (i32, i32), spots: &[Spot]) -> Option<Spot> {
        for s in spots {
            let r = text_box(s, w, h);
            let padded = Rect {
                x0: r.x0 - CLEAR,
                y0: r.y0 - CLEAR,
                x1: r.x1 + CLEAR,
                y1: r.y1 + CLEAR,
            };
            let free = r.inside(&self.bounds)
                && !self.boxes.iter().any(|b| b.overlaps(&padded))
                && !self.segments.iter().any(|&(a, b)| padded.crossed_by(a, b));
            if free {
                self.boxes.push(r);
                return Some(*s);
            }
        }
        None
    }

    /// Like [`Placer::place`], but always gives a spot: the first one when none is free.
    pub fn place_or_first(
        &mut self,
        text: &str,
        px: f64,
        bold: bool,
        spots: &[Spot],
    ) -> Result<Spot, ChartError> {
        let (w, h) = style::text_size(&style::nfc(text), px, bold)?;
        let size = (w as i32, h as i32);
        if let Some(s) = self.place_box(size, spots) {
            return Ok(s);
        }
        let first = spots
            .first()
            .copied()
            .ok_or_else(|| ChartError("label without a spot".into()))?;
        self.boxes.push(text_box(&first, size.0, size.1));
        Ok(first)
    }
}

/// The pixel box (x range, y range) `text` covers when put at `s`.
pub(super) fn extent(
    text: &str,
    px: f64,
    bold: bool,
    s: &Spot,
) -> Result<(std::ops::Range<i32>, std::ops::Range<i32>), ChartError> {
    let (w, h) = style::text_size(&style::nfc(text), px, bold)?;
    let r = text_box(s, w as i32, h as i32);
    Ok((r.x0..r.x1, r.y0..r.y1))
}

/// The box of a `w` × `h` text anchored at `s`.
fn text_box(s: &Spot, w: i32, h: i32) -> Rect {
    let x0 = match s.h {
        HPos::Left => s.at.0,
        HPos::Center => s.at.0 - w / 2,
        HPos::Right => s.at.0 - w,
    };
    let y0 = match s.v {
        VPos::Top => s.at.1,
        VPos::Center => s.at.1 - h / 2,
        VPos::Bottom => s.at.1 - h,
    };
    Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_through_a_box_is_seen_and_one_beside_it_is_not() {
        let r = Rect {
            x0: 10,
            y0: 10,
            x1: 20,
            y1: 20,
        };
        assert!(r.crossed_by((0, 15), (30, 15)));
        assert!(r.crossed_by((0, 0), (30, 30)));
        assert!(!r.crossed_by((0, 25), (30, 25)));
        assert!(!r.crossed_by((0, 0), (5, 30)));
    }

    #[test]
    fn a_label_skips_a_taken_spot_and_a_spot_off_the_plot() {
        style::ensure_fonts().unwrap();
        let mut p = Placer::new((0..400, 0..300));
        p.line(&[(0, 100), (400, 100)]);
        let on_line = Spot::new((200, 100), HPos::Center, VPos::Center);
        let off_plot = Spot::new((395, 50), HPos::Left, VPos::Center);
        let free = Spot::new((200, 200), HPos::Center, VPos::Center);
        let got = p.place("8,9%", 28.0, false, &[on_line, off_plot, free]);
        assert_eq!(got.unwrap().map(|s| s.at), Some((200, 200)));
        // the same spot is now taken by the first label
        let again = p.place("8,9%", 28.0, false, &[free]).unwrap();
        assert!(again.is_none());
    }
}
