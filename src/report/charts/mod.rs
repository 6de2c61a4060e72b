//! Charts of the policy report, drawn with plotters into a PNG (for Word) and an SVG (for
//! print) from the same drawing code.
//!
//! Text uses the bundled DejaVu Sans (`assets/fonts/`, Bitstream Vera licence), registered with
//! plotters before anything is drawn, so rendering needs no system font; on the bitmap, text is
//! placed glyph by glyph with the font's own side bearings (`bitmap_text`), which plotters
//! 0.3.7 drops. The SVG names the font with fallbacks (`DejaVu Sans, Verdana, sans-serif`).
//! Every number on a chart, ticks included, is formatted by [`Lang`] (`11,0%` / `11.0%`);
//! years and the seed are names and are written as they are. Look and palette: the `style`
//! module (Okabe–Ito colours, distinct lightness, dashed targets, legends outside the plot).
//!
//! Each function returns a [`Chart`]; [`Chart::write`] saves `<name>.png` and `<name>.svg`.
//!
//! ```no_run
//! use grdpsim::montecarlo::{self, RunConfig, Sampler};
//! use grdpsim::report::{Lang, charts};
//! let sc = grdpsim::scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).unwrap();
//! let cfg = RunConfig::new(100_000, 20260101, Sampler::Mc);
//! let s = montecarlo::run(&sc, &cfg).unwrap();
//! let chart = charts::fan_growth(&sc, &s, Lang::Vi).unwrap();
//! chart.write("output/charts".as_ref()).unwrap();
//! ```

mod axes;
mod bitmap_text;
mod cagr_distribution;
mod compare;
mod decomposition;
mod fan_growth;
mod funding;
mod legend;
mod milestone_marks;
mod per_capita_fan;
mod placement;
mod plane;
mod primitives;
mod probability_curve;
mod remaining;
mod s_curve;
mod sobol;
mod solve;
mod spans;
mod style;
mod sweep;
mod tornado;

pub use cagr_distribution::cagr_distribution;
pub use compare::compare;
pub use decomposition::decomposition;
pub use fan_growth::fan_growth;
pub use funding::funding;
pub use per_capita_fan::per_capita_fan;
pub use probability_curve::probability_curve;
pub use remaining::remaining;
pub use s_curve::{convergence, s_curve};
pub use sobol::sobol;
pub use solve::solve;
pub use sweep::sweep;
pub use tornado::tornado;

use crate::report::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fmt;
use std::path::Path;

/// Width of every chart, pixels (PNG) and user units (SVG).
pub const WIDTH: u32 = 1600;
/// Height of every chart.
pub const HEIGHT: u32 = 1000;
/// Resolution written into the PNG (pixels per metre): 254 dpi, so Word inserts the
/// 1600-pixel image 16 cm wide, the text width of an A4 page.
pub const PNG_PIXELS_PER_METRE: u32 = 10_000;

/// One rendered chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem, e.g. `fan_growth`.
    pub name: &'static str,
    /// Title drawn on the chart (also usable as a caption).
    pub title: String,
    /// PNG image, [`WIDTH`] × [`HEIGHT`], RGB.
    pub png: Vec<u8>,
    /// SVG document of the same drawing.
    pub svg: String,
}

impl Chart {
    /// Writes `<dir>/<name>.png` and `<dir>/<name>.svg` (atomically; creates `dir`).
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        crate::report::write_atomic(&dir.join(format!("{}.png", self.name)), &self.png)?;
        crate::report::write_atomic(&dir.join(format!("{}.svg", self.name)), self.svg.as_bytes())
    }
}

/// A chart could not be drawn (bad input values, font or encoding failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// A chart's drawing code, run once per backend.
trait Draw {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
}

thread_local! {
    static SVG_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the charts it draws made as SVG only (their `png` left empty): a web page
/// shows the SVG and has no use for a bitmap, which costs most of a chart's time.
pub fn svg_only<T>(f: impl FnOnce() -> T) -> T {
    /// Puts the previous mode back, also when `f` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SVG_ONLY.set(self.0);
        }
    }
    let _restore = Restore(SVG_ONLY.replace(true));
    f()
}

/// Draws `plot` into an RGB buffer (encoded as PNG) and into an SVG string.
fn render(name: &'static str, title: String, plot: &impl Draw) -> Result<Chart, ChartError> {
    style::ensure_fonts()?;
    let png = if SVG_ONLY.get() {
        Vec::new()
    } else {
        let mut rgb = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
            plot.draw(&root)?;
            root.present()?;
        }
        encode_png(&rgb, &title)?
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        plot.draw(&root)?;
        root.present()?;
    }
    Ok(Chart {
        name,
        title,
        png,
        svg: style::svg_font_fallback(&svg),
    })
}

/// Encodes an RGB buffer as PNG with its resolution and the title as an iTXt `Title`.
fn encode_png(rgb: &[u8], title: &str) -> Result<Vec<u8>, ChartError> {
    let err = |e: png::EncodingError| ChartError(format!("PNG encoding: {e}"));
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: PNG_PIXELS_PER_METRE,
            yppu: PNG_PIXELS_PER_METRE,
            unit: png::Unit::Meter,
        }));
        enc.add_itxt_chunk("Title".to_string(), title.to_string())
            .map_err(err)?;
        let mut w = enc.write_header().map_err(err)?;
        w.write_image_data(rgb).map_err(err)?;
        w.finish().map_err(err)?;
    }
    Ok(out)
}

/// The x-axis description of a chart of average growth: "average annual GRDP growth, first–last".
fn cagr_axis(sc: &crate::scenario::Scenario, lang: Lang) -> String {
    let years = &sc.meta.years;
    let first = years.first().copied().unwrap_or_default();
    let last = years.last().copied().unwrap_or_default();
    crate::report::msgf(
        lang,
        "average_annual_grdp_growth_a_year",
        &[("first", &first), ("last", &last)],
    )
}

/// The title, with the language picked.
fn title(lang: Lang, vi: &str, en: &str) -> String {
    style::nfc(lang.pick(vi, en))
}
