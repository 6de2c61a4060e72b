//! Shared look of every chart: the bundled font, the palette, text sizes, text (wrapped, on a
//! white box for notes) and the frame (title, subtitle, legend, source line); the axes are in
//! `axes.rs`, re-exported here.
//!
//! Palette: Okabe–Ito (safe for the common colour-vision deficiencies). The colours used
//! together on one chart are also far apart in lightness (blue L*≈46, vermillion L*≈57,
//! orange L*≈74, yellow L*≈90), and lines differ by dash and marker as well as colour, so
//! every chart stays readable printed in grey.

use super::ChartError;
use crate::report::Lang;
use crate::report::msgf;
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Family name the bundled font is registered under (also written into the SVG).
pub(super) const FAMILY: &str = "DejaVu Sans";
/// What SVG viewers should use when DejaVu Sans is not installed (Verdana has near-identical
/// metrics, DejaVu Sans being derived from Bitstream Vera).
const SVG_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// DejaVu Sans, regular.
pub(super) static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub(super) static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
static FONTS: OnceLock<bool> = OnceLock::new();

/// Registers the bundled DejaVu Sans (regular and bold) with plotters, once per process,
/// under [`FAMILY`] and under `sans-serif` (plotters' default family).
pub(super) fn ensure_fonts() -> Result<(), ChartError> {
    let ok = *FONTS.get_or_init(|| {
        let mut ok = true;
        for family in [FAMILY, "sans-serif"] {
            ok &= plotters::style::register_font(family, FontStyle::Normal, REGULAR).is_ok();
            ok &= plotters::style::register_font(family, FontStyle::Bold, BOLD).is_ok();
        }
        ok
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError(
            "the bundled DejaVu Sans font could not be read".into(),
        ))
    }
}

/// The two backends every chart is drawn on; the bitmap one gets glyph-by-glyph text
/// (`bitmap_text.rs`).
pub(super) trait Backend: DrawingBackend {
    /// True for the bitmap backend.
    const BITMAP: bool;
}

impl Backend for BitMapBackend<'_> {
    const BITMAP: bool = true;
}

impl Backend for SVGBackend<'_> {
    const BITMAP: bool = false;
}

/// Points the SVG text at fallbacks in case the viewer has no DejaVu Sans.
pub(super) fn svg_font_fallback(svg: &str) -> String {
    svg.replace(
        &format!("font-family=\"{FAMILY}\""),
        &format!("font-family=\"{SVG_FAMILY}\""),
    )
}

// ---------------------------------------------------------------------------------------------
// Palette (Okabe & Ito 2008)
// ---------------------------------------------------------------------------------------------

/// Okabe–Ito blue (L*≈46): the model's central estimate and its bands.
pub(super) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito sky blue (L*≈70).
pub(super) const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito vermillion (L*≈57): targets.
pub(super) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito orange (L*≈74).
pub(super) const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito yellow (L*≈90).
pub(super) const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Okabe–Ito black: actual data and the plan's own numbers.
pub(super) const INK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Secondary text (subtitle, source line).
pub(super) const GREY_TEXT: RGBColor = RGBColor(0x50, 0x50, 0x50);
/// Grid lines.
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
/// Background of the history part of time charts.
pub(super) const HISTORY_BG: RGBColor = RGBColor(0xF0, 0xF0, 0xF0);

/// Fill opacity of the 90% band (light) and of the 50% band drawn on top of it.
pub(super) const BAND90_ALPHA: f64 = 0.18;
/// Fill opacity of the 50% band.
pub(super) const BAND50_ALPHA: f64 = 0.38;

// ---------------------------------------------------------------------------------------------
// Text sizes (pixels of the 1600×1000 canvas; ~40 px titles, ~28 px labels stay legible when
// the image is shrunk to the 16 cm text width of a Word page)
// ---------------------------------------------------------------------------------------------

/// Title.
pub(super) const TITLE_PX: f64 = 44.0;
/// Subtitle (the scenario's title).
pub(super) const SUBTITLE_PX: f64 = 28.0;
/// Axis descriptions.
pub(super) const AXIS_PX: f64 = 30.0;
/// Tick labels, legend, annotations.
pub(super) const LABEL_PX: f64 = 28.0;
/// Source line.
pub(super) const SOURCE_PX: f64 = 24.0;

/// Outer margin of the canvas.
pub(super) const MARGIN: i32 = 36;

/// A font of the bundled family.
pub(super) fn font(px: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), px, style)
}

/// A text style of the bundled family, anchored at `h`/`v`.
pub(super) fn text(px: f64, bold: bool, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px, bold).color(&color).pos(Pos::new(h, v))
}

/// Width and height of `s` in pixels.
pub(super) fn text_size(s: &str, px: f64, bold: bool) -> Result<(u32, u32), ChartError> {
    font(px, bold)
        .box_size(s)
        .map_err(|e| ChartError(format!("cannot measure text {s:?}: {e}")))
}

/// NFC form of a label (titles in scenario files are NFC already; this guards the rest), with
/// one-year spans collapsed and true minus signs.
pub(super) fn nfc(s: &str) -> String {
    super::spans::minus_signs(&super::spans::one_year_spans(&s.nfc().collect::<String>()))
}

/// Draws `s` (normalised to NFC) at pixel `pos` of `area`, anchored as `style` says.
pub(super) fn put<DB: Backend>(
    area: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle<'_>,
    pos: (i32, i32),
) -> Result<(), ChartError> {
    let s = nfc(s);
    if DB::BITMAP {
        super::bitmap_text::draw(area, &s, style, pos)
    } else {
        area.draw_text(&s, style, pos)?;
        Ok(())
    }
}

/// Draws a note inside a plot (top-left, in the head room): `s` in bold or not at `pos`
/// (anchored top-left) on a white box, so a grid line behind never runs through the text.
pub(super) fn note<DB: Backend>(
    area: &DrawingArea<DB, Shift>,
    s: &str,
    px: f64,
    bold: bool,
    pos: (i32, i32),
) -> Result<(), ChartError> {
    let (w, h) = text_size(&nfc(s), px, bold)?;
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new(
        [(pos.0 - 6, pos.1 - 4), (pos.0 + w + 6, pos.1 + h + 4)],
        WHITE.filled(),
    ))?;
    put(area, s, &text(px, bold, INK, HPos::Left, VPos::Top), pos)
}

/// Splits `s` into lines no wider than `max_px` at spaces (a single long word stays whole);
/// a `\n` in `s` always starts a new line.
pub(super) fn wrap(s: &str, px: f64, bold: bool, max_px: u32) -> Result<Vec<String>, ChartError> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in s.split('\n') {
        lines.extend(wrap_line(paragraph, px, bold, max_px)?);
    }
    Ok(lines)
}

fn wrap_line(s: &str, px: f64, bold: bool, max_px: u32) -> Result<Vec<String>, ChartError> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_size(&candidate, px, bold)?.0 > max_px {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// The source line: "Nguồn: grdpsim, kịch bản X, N đường, seed S" (the seed is an identifier
/// and is written without thousands separators).
pub(super) fn source_mc(lang: Lang, scenario: &str, paths: u64, seed: u64) -> String {
    msgf(
        lang,
        "source_grdpsim_scenario_paths_seed",
        &[
            ("scenario", &scenario),
            ("v1", &lang.num(paths as f64, 0)),
            ("seed", &seed),
        ],
    )
}

/// The source line of a deterministic chart.
pub(super) fn source_deterministic(lang: Lang, scenario: &str) -> String {
    msgf(
        lang,
        "source_grdpsim_scenario_deterministic_projection",
        &[("scenario", &scenario)],
    )
}

/// Subtitle: the scenario's title in the language.
pub(super) fn subtitle(sc: &crate::scenario::Scenario, lang: Lang) -> String {
    lang.pick(&sc.meta.title_vi, &sc.meta.title_en).to_string()
}

// ---------------------------------------------------------------------------------------------
// Legend
// ---------------------------------------------------------------------------------------------

pub(super) use super::axes::{
    Grid, Ticks, axis_descs, descs, finite, mesh, tick_decimals, tick_style, year_tick,
};
use super::legend::{LEGEND_ROW_H, SYMBOL_GAP, SYMBOL_W, draw_symbol, legend_layout};
pub(super) use super::legend::{LegendItem, Marker, dashed_px, draw_marker};

/// The text around the plot.
pub(super) struct Frame<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub source: &'a str,
    pub legend: &'a [LegendItem],
}

/// What frames a chart: its title, subtitle, source line and legend.
pub(super) struct Head {
    /// Title (also the figure caption).
    pub title: String,
    /// Subtitle under the title (scenario, settings).
    pub subtitle: String,
    /// Source line at the bottom.
    pub source: String,
    /// Legend entries, under the plot.
    pub legend: Vec<LegendItem>,
    /// Descriptions of the x and y axes of a single-plot chart (empty: none).
    pub axes: [String; 2],
}

impl Head {
    /// A head from its parts, without axis descriptions.
    pub fn new(title: String, subtitle: String, source: String, legend: Vec<LegendItem>) -> Head {
        Head {
            title,
            subtitle,
            source,
            legend,
            axes: Default::default(),
        }
    }

    /// The head of a chart of scenario `sc` (its title in `lang` as the subtitle).
    pub fn of(
        sc: &Scenario,
        lang: Lang,
        title: &str,
        source: String,
        legend: Vec<LegendItem>,
    ) -> Head {
        Head::new(title.to_string(), subtitle(sc, lang), source, legend)
    }

    /// The same head with the descriptions of the x and y axes.
    pub fn with_axes(self, x: impl Into<String>, y: impl Into<String>) -> Head {
        Head {
            axes: [x.into(), y.into()],
            ..self
        }
    }

    /// Writes the axis descriptions of `chart`, drawn in `area` (see [`descs`]).
    pub fn descs<DB: Backend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        descs(root, chart, area, &self.axes[0], &self.axes[1])
    }

    /// The head of a chart of the Monte Carlo run `s` of `sc` (the source line names the
    /// run's paths and seed).
    pub fn run(
        sc: &Scenario,
        s: &crate::montecarlo::Summary,
        lang: Lang,
        title: &str,
        legend: Vec<LegendItem>,
    ) -> Head {
        Head::of(
            sc,
            lang,
            title,
            source_mc(lang, &s.scenario, s.paths, s.seed),
            legend,
        )
    }

    /// Draws the frame (see [`frame`]) and returns the area left for the plot.
    pub fn frame<DB: Backend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<DrawingArea<DB, Shift>, ChartError> {
        frame(
            root,
            &Frame {
                title: &self.title,
                subtitle: &self.subtitle,
                source: &self.source,
                legend: &self.legend,
            },
        )
    }
}

/// Paints the background, the title and subtitle at the top, the legend and source line at
/// the bottom (outside the plot, so the legend never hides data) and returns the area left for
/// the plot.
pub(super) fn frame<DB: Backend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame<'_>,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);

    // the title on one line, a little smaller if need be, wrapped only when even that is too
    // wide; the subtitle wrapped to the width of the canvas
    let room = (w - 2 * MARGIN).max(1) as u32;
    let wide = f64::from(text_size(&nfc(f.title), TITLE_PX, true)?.0);
    let px = (TITLE_PX * f64::from(room) / wide.max(1.0))
        .clamp(TITLE_PX - 8.0, TITLE_PX)
        .floor();
    let mut y = MARGIN;
    for line in wrap(f.title, px, true, room)? {
        put(
            root,
            &line,
            &text(px, true, INK, HPos::Left, VPos::Top),
            (MARGIN, y),
        )?;
        y += px as i32 + 8;
    }
    y += 4;
    if !f.subtitle.is_empty() {
        let st = text(SUBTITLE_PX, false, GREY_TEXT, HPos::Left, VPos::Top);
        for line in wrap(f.subtitle, SUBTITLE_PX, false, room)? {
            put(root, &line, &st, (MARGIN, y))?;
            y += SUBTITLE_PX as i32 + 6;
        }
        y += 8;
    }
    let plot_top = y + 8;

    // bottom up: source line, then the legend rows
    let source_y = h - MARGIN - SOURCE_PX as i32;
    put(
        root,
        f.source,
        &text(SOURCE_PX, false, GREY_TEXT, HPos::Left, VPos::Top),
        (MARGIN, source_y),
    )?;
    let layout = legend_layout(f.legend, w - 2 * MARGIN)?;
    let rows = layout.last().map_or(0, |&(_, r)| r + 1);
    let legend_top = source_y - 16 - rows * LEGEND_ROW_H;
    for (item, &(x, row)) in f.legend.iter().zip(&layout) {
        let cy = legend_top + row * LEGEND_ROW_H + LEGEND_ROW_H / 2;
        let x = MARGIN + x;
        draw_symbol(root, item.symbol, x, cy)?;
        put(
            root,
            &item.label,
            &text(LABEL_PX, false, INK, HPos::Left, VPos::Center),
            (x + SYMBOL_W + SYMBOL_GAP, cy),
        )?;
    }
    let plot_bottom = legend_top - 12;
    Ok(root.margin(plot_top, h - plot_bottom, MARGIN / 2, MARGIN))
}

/// Pairs each projection year of `sc` with the matching value of a per-year series (empty
/// when the scenario does not give the series).
pub(crate) fn by_year(sc: &Scenario, values: Option<&[f64]>) -> Vec<(i32, f64)> {
    values
        .map(|v| {
            sc.meta
                .years
                .iter()
                .copied()
                .zip(v.iter().copied())
                .collect()
        })
        .unwrap_or_default()
}
