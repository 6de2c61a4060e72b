//! Text on the bitmap: glyph by glyph, at the positions the font asks for.
//!
//! plotters 0.3.7 draws a string with ab_glyph by putting each glyph's ink box at the pen
//! position, dropping the glyph's left side bearing: letters with a large bearing ("i", "ì",
//! "l", "r") sit too far left and spacing looks uneven ("trì nh"). Here every glyph is drawn
//! on its own, shifted by its bearing, read from the bundled font's `hmtx` table; advances and
//! kerning are the font's own (`hmtx`, `kern`), as plotters uses them. The baseline is placed
//! as the SVG backend places it (`dy` of 0.76em, 0.5ex, −0.5ex for top, centre, bottom), so the
//! PNG and the SVG agree.

use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// The metrics of one font file that glyph placement needs.
pub(super) struct Face {
    data: &'static [u8],
    /// ascender − descender (hhea), font units: ab_glyph's pixel size is this height.
    height: f64,
    /// x-height / units per em (OS/2 sxHeight; 0.5 when absent).
    x_height_em: f64,
    n_hmetrics: usize,
    hmtx: usize,
    /// Offset of the Unicode cmap subtable and its format (4 or 12).
    cmap: usize,
    cmap_format: u16,
    /// Offset and count of the format-0 kerning pairs.
    kern: Option<(usize, usize)>,
}

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(o)?, *d.get(o + 1)?]))
}

fn i16_at(d: &[u8], o: usize) -> Option<i16> {
    u16_at(d, o).map(|v| v as i16)
}

fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(o)?,
        *d.get(o + 1)?,
        *d.get(o + 2)?,
        *d.get(o + 3)?,
    ]))
}

fn table(d: &[u8], tag: &[u8; 4]) -> Option<usize> {
    let n = u16_at(d, 4)? as usize;
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        (d.get(rec..rec + 4)? == tag).then(|| u32_at(d, rec + 8).map(|o| o as usize))?
    })
}

impl Face {
    /// Reads the tables of a TrueType font; `None` when one is missing or malformed.
    pub(super) fn parse(data: &'static [u8]) -> Option<Face> {
        let hhea = table(data, b"hhea")?;
        let height = f64::from(i16_at(data, hhea + 4)?) - f64::from(i16_at(data, hhea + 6)?);
        let n_hmetrics = u16_at(data, hhea + 34)? as usize;
        let hmtx = table(data, b"hmtx")?;
        let head = table(data, b"head")?;
        let upem = f64::from(u16_at(data, head + 18)?);
        let sx_height = table(data, b"OS/2").and_then(|os2| {
            (u16_at(data, os2)? >= 2)
                .then(|| i16_at(data, os2 + 86))
                .flatten()
        });
        let cmap = table(data, b"cmap")?;
        let n = u16_at(data, cmap + 2)? as usize;
        let mut best: Option<(u8, usize, u16)> = None;
        for i in 0..n {
            let rec = cmap + 4 + 8 * i;
            let (platform, encoding) = (u16_at(data, rec)?, u16_at(data, rec + 2)?);
            let sub = cmap + u32_at(data, rec + 4)? as usize;
            let format = u16_at(data, sub)?;
            let rank = match (platform, encoding, format) {
                (3, 10, 12) | (0, 4, 12) => 3,
                (3, 1, 4) | (0, 3, 4) => 2,
                _ => 0,
            };
            if rank > 0 && best.is_none_or(|b| rank > b.0) {
                best = Some((rank, sub, format));
            }
        }
        let (_, cmap, cmap_format) = best?;
        let kern = table(data, b"kern").and_then(|k| {
            // version 0, first subtable, format 0, horizontal
            let (version, n_tables) = (u16_at(data, k)?, u16_at(data, k + 2)?);
            let coverage = u16_at(data, k + 8)?;
            (version == 0 && n_tables >= 1 && coverage >> 8 == 0 && coverage & 1 == 1)
                .then(|| Some((k + 18, u16_at(data, k + 10)? as usize)))?
        });
        let mut face = Face {
            data,
            height,
            x_height_em: 0.5,
            n_hmetrics,
            hmtx,
            cmap,
            cmap_format,
            kern,
        };
        // x-height: OS/2 sxHeight (version 2 on), else the top of "x" as browsers measure it
        let x_height = sx_height
            .filter(|x| *x > 0)
            .or_else(|| face.y_max(face.glyph('x')));
        if let Some(x) = x_height {
            face.x_height_em = f64::from(x) / upem;
        }
        Some(face)
    }

    /// Top of glyph `g`'s outline (`glyf` header), font units.
    fn y_max(&self, g: u16) -> Option<i16> {
        let d = self.data;
        let head = table(d, b"head")?;
        let loca = table(d, b"loca")?;
        let glyf = table(d, b"glyf")?;
        let g = g as usize;
        let offset = if i16_at(d, head + 50)? == 0 {
            2 * u16_at(d, loca + 2 * g)? as usize
        } else {
            u32_at(d, loca + 4 * g)? as usize
        };
        i16_at(d, glyf + offset + 8)
    }

    /// Glyph id of `c` (0, the missing glyph, when the font has none).
    pub(super) fn glyph(&self, c: char) -> u16 {
        let found = if self.cmap_format == 12 {
            self.glyph_format12(c as u32)
        } else {
            u16::try_from(c as u32)
                .ok()
                .and_then(|c| self.glyph_format4(c))
        };
        found.unwrap_or(0)
    }

    fn glyph_format12(&self, c: u32) -> Option<u16> {
        let (d, s) = (self.data, self.cmap);
        let n = u32_at(d, s + 12)? as usize;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let g = s + 16 + 12 * mid;
            let (start, end) = (u32_at(d, g)?, u32_at(d, g + 4)?);
            if c < start {
                hi = mid;
            } else if c > end {
                lo = mid + 1;
            } else {
                return u16::try_from(u32_at(d, g + 8)? + (c - start)).ok();
            }
        }
        None
    }

    fn glyph_format4(&self, c: u16) -> Option<u16> {
        let (d, s) = (self.data, self.cmap);
        let seg = u16_at(d, s + 6)? as usize / 2;
        let ends = s + 14;
        let starts = ends + 2 * seg + 2;
        let deltas = starts + 2 * seg;
        let ranges = deltas + 2 * seg;
        let i = (0..seg).find(|&i| u16_at(d, ends + 2 * i).is_some_and(|e| e >= c))?;
        let start = u16_at(d, starts + 2 * i)?;
        if c < start {
            return None;
        }
        let delta = u16_at(d, deltas + 2 * i)?;
        let range = u16_at(d, ranges + 2 * i)? as usize;
        if range == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = ranges + 2 * i + range + 2 * (c - start) as usize;
        let g = u16_at(d, at)?;
        (g != 0).then(|| g.wrapping_add(delta))
    }

    /// Advance width and left side bearing of glyph `g`, font units.
    pub(super) fn h_metrics(&self, g: u16) -> (f64, f64) {
        let g = g as usize;
        let d = self.data;
        let last = self.n_hmetrics.saturating_sub(1);
        let adv = u16_at(d, self.hmtx + 4 * g.min(last)).unwrap_or(0);
        let lsb = if g < self.n_hmetrics {
            i16_at(d, self.hmtx + 4 * g + 2)
        } else {
            i16_at(
                d,
                self.hmtx + 4 * self.n_hmetrics + 2 * (g - self.n_hmetrics),
            )
        }
        .unwrap_or(0);
        (f64::from(adv), f64::from(lsb))
    }

    /// Kerning between glyphs `a` and `b`, font units.
    pub(super) fn kern(&self, a: u16, b: u16) -> f64 {
        let Some((pairs, n)) = self.kern else {
            return 0.0;
        };
        let key = (u32::from(a) << 16) | u32::from(b);
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = pairs + 6 * mid;
            let Some(k) = u32_at(self.data, at) else {
                return 0.0;
            };
            match k.cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    return i16_at(self.data, at + 4).map_or(0.0, f64::from);
                }
            }
        }
        0.0
    }
}

/// The bundled regular and bold faces.
pub(super) fn faces() -> Option<&'static (Face, Face)> {
    static FACES: OnceLock<Option<(Face, Face)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some((
                Face::parse(super::style::REGULAR)?,
                Face::parse(super::style::BOLD)?,
            ))
        })
        .as_ref()
}

/// Draws `text` on a bitmap area glyph by glyph (see the module documentation).
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    pos: (i32, i32),
) -> Result<(), ChartError> {
    let (regular, bold) = faces().ok_or_else(|| ChartError("bundled font unreadable".into()))?;
    let face = if matches!(style.font.get_style(), FontStyle::Bold) {
        bold
    } else {
        regular
    };
    let size = style.font.get_size();
    let scale = size / face.height;
    let trans = style.font.get_transform();

    // pen positions, as plotters computes them (advance + kerning, truncated per glyph)
    let mut glyphs = Vec::with_capacity(text.len());
    let mut pen = 0.0f64;
    let mut prev: Option<u16> = None;
    for c in text.chars() {
        let g = face.glyph(c);
        if let Some(p) = prev {
            pen += face.kern(p, g) * scale;
        }
        let (adv, lsb) = face.h_metrics(g);
        glyphs.push((c, pen.trunc() as i32 + (lsb * scale).floor() as i32));
        pen += adv * scale;
        prev = Some(g);
    }
    let width = pen.trunc() as i32;
    let dx = match style.pos.h_pos {
        HPos::Left => 0,
        HPos::Center => -width / 2,
        HPos::Right => -width,
    };
    // baseline relative to the anchor, as in the SVG (em = font-size = size / 1.24)
    let em = size / 1.24;
    let baseline = match style.pos.v_pos {
        VPos::Top => 0.76 * em,
        VPos::Center => 0.5 * face.x_height_em * em,
        VPos::Bottom => -0.5 * face.x_height_em * em,
    };
    // plotters puts a glyph's baseline half its size below the point it is given
    let oy = (baseline - size / 2.0).round() as i32;
    let glyph_style = style.clone().pos(Pos::new(HPos::Left, VPos::Top));
    let mut buf = [0u8; 4];
    for (c, x) in glyphs {
        if c.is_whitespace() {
            continue;
        }
        let (tx, ty) = trans.transform(dx + x, oy);
        area.draw_text(
            c.encode_utf8(&mut buf),
            &glyph_style,
            (pos.0 + tx, pos.1 + ty),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_bundled_font() {
        let (regular, bold) = faces().expect("faces");
        for face in [regular, bold] {
            assert_eq!(face.height, 2384.0, "DejaVu Sans: 1901 + 483");
            assert!((face.x_height_em - 1120.0 / 2048.0).abs() < 0.02);
            // every Vietnamese letter has a glyph
            for c in "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ–≥·−".chars()
            {
                assert_ne!(face.glyph(c), 0, "{c}");
            }
            assert_ne!(face.glyph('A'), face.glyph('B'));
            let (adv, _) = face.h_metrics(face.glyph('M'));
            assert!(adv > 1000.0 && adv < 2500.0);
            assert!(face.kern.is_some());
        }
    }

    #[test]
    fn advances_match_plotters_layout() {
        super::super::style::ensure_fonts().expect("fonts");
        let (regular, _) = faces().expect("faces");
        let s = "Tăng trưởng GRDP thực, Thực tế 2021–2025, Lộ trình kế hoạch AVAWAY";
        let size = 28.0;
        let mut pen = 0.0;
        let mut prev = None;
        for c in s.chars() {
            let g = regular.glyph(c);
            if let Some(p) = prev {
                pen += regular.kern(p, g) * size / regular.height;
            }
            pen += regular.h_metrics(g).0 * size / regular.height;
            prev = Some(g);
        }
        let w = super::super::style::text_size(s, size, false)
            .expect("size")
            .0;
        assert!(
            (f64::from(w) - pen).abs() <= 1.0,
            "plotters {w}, here {pen}"
        );
    }
}
