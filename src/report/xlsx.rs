//! Workbook cell helpers still used by the `compare` workbook (formats, header rows, numbers
//! or a dash). Every other workbook is written by [`super::render::workbook`].

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The sheet title format shared by every workbook: bold, 14 pt.
pub(crate) fn title_format() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// The header-row format shared by every workbook: bold, wrapped, top-aligned, light blue
/// fill, thin bottom border.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border_bottom(FormatBorder::Thin)
}

/// Top-aligned text.
pub(crate) fn text_format() -> Format {
    Format::new().set_align(FormatAlign::Top)
}

/// Wrapped, top-aligned text.
pub(crate) fn wrap_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// Writes one header row: `cells` from column 0 of row `r`, each with format `fmt`.
pub(crate) fn header_row<S: AsRef<str>>(
    ws: &mut Worksheet,
    fmt: &Format,
    r: u32,
    cells: &[S],
) -> Result<(), XlsxError> {
    for (c, h) in cells.iter().enumerate() {
        ws.write_string_with_format(r, col(c), h.as_ref(), fmt)?;
    }
    Ok(())
}

/// Writes a number, or an unformatted "–" when it is missing or not finite.
pub(crate) fn number_or_dash(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    x: Option<f64>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match x {
        Some(v) if v.is_finite() => ws.write_number_with_format(r, c, v, fmt)?,
        _ => ws.write_string(r, c, "–")?,
    };
    Ok(())
}

/// A column index for rust_xlsxwriter (saturates at `u16::MAX`; Excel's limit is far lower).
pub(crate) fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A row index for rust_xlsxwriter (saturates at `u32::MAX`).
pub(crate) fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}
