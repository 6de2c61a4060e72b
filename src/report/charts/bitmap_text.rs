//! Text on the bitmap: glyph by glyph, at the positions the font asks for.
//!
//! plotters 0.3.7 draws a string with ab_glyph by putting each glyph's ink box at the pen
//! position, dropping the glyph's left side bearing: letters with a large bearing ("i", "ì",
//! "l", "r") sit too far left and spacing looks uneven ("trì nh"). Here every glyph is drawn
//! on its own, shifted by its bearing; glyph ids, advances, bearings and kerning come from
//! `ab_glyph` (the font parser plotters itself uses). The baseline is placed as the SVG
//! backend places it (`dy` of 0.76em, 0.5ex, −0.5ex for top, centre, bottom), so the PNG and
//! the SVG agree.

use super::ChartError;
use ab_glyph::{Font, FontRef, GlyphId};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// One bundled font and the metrics glyph placement needs.
pub(super) struct Face {
    font: FontRef<'static>,
    /// ascender − descender, font units: ab_glyph's pixel size is this height.
    height: f64,
    /// x-height / units per em (top of the "x" outline).
    x_height_em: f64,
}

impl Face {
    /// Reads a font file.
    pub(super) fn parse(data: &'static [u8]) -> Option<Face> {
        let font = FontRef::try_from_slice(data).ok()?;
        let height = f64::from(font.height_unscaled());
        let upem = f64::from(font.units_per_em()?);
        let x_top = font
            .outline(font.glyph_id('x'))
            .map(|o| f64::from(o.bounds.max.y.max(o.bounds.min.y)))
            .unwrap_or(upem / 2.0);
        Some(Face {
            font,
            height,
            x_height_em: x_top / upem,
        })
    }

    /// Glyph id of `c` (0, the missing glyph, when the font has none).
    pub(super) fn glyph(&self, c: char) -> u16 {
        self.font.glyph_id(c).0
    }

    /// Advance width and left side bearing of glyph `g`, font units.
    pub(super) fn h_metrics(&self, g: u16) -> (f64, f64) {
        (
            f64::from(self.font.h_advance_unscaled(GlyphId(g))),
            f64::from(self.font.h_side_bearing_unscaled(GlyphId(g))),
        )
    }

    /// Kerning between glyphs `a` and `b`, font units.
    pub(super) fn kern(&self, a: u16, b: u16) -> f64 {
        f64::from(self.font.kern_unscaled(GlyphId(a), GlyphId(b)))
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
            // the font kerns "AV"
            assert!(face.kern(face.glyph('A'), face.glyph('V')) < 0.0);
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
