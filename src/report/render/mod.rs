//! Renderers of a [`Document`](super::doc::Document), one per format, each written once for
//! every command: terminal text, CSV, workbook (with native charts) and HTML.

use crate::report::msg;
mod csv;
mod html;
pub(crate) mod markup;
mod text;
mod xlsx;

pub use self::csv::{CsvLocale, relocale, table_csv};
pub use self::html::{MAX_PRINT_COLUMNS, column_groups, page};
pub use self::text::text;
pub use self::xlsx::workbook;

use super::Lang;
use super::doc::{Cell, Kind};

/// A number as a report shows it, by its kind, in `lang`'s separators.
pub fn format_number(lang: Lang, kind: Kind, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match kind {
        Kind::Probability => lang.pct(v, 1),
        Kind::Rate { decimals } => lang.pct(v, decimals),
        Kind::Points => {
            let s = lang.num(100.0 * v, 2);
            let sign = if v > 0.0 { "+" } else { "" };
            format!("{sign}{s} {}", msg(lang, "pt"))
        }
        Kind::MoneyVnd | Kind::MoneyUsd => lang.num(v, 1),
        Kind::Count => lang.num(v, 0),
        Kind::Year | Kind::Id => format!("{}", v.round() as i64),
        Kind::Number { decimals } => lang.num(v, decimals),
        Kind::PValue if v < 1e-4 => format!("< {}", lang.num(1e-4, 4)),
        Kind::PValue => lang.num(v, 4),
    }
}

/// A cell as a report shows it.
pub fn format_cell(lang: Lang, kind: Kind, c: &Cell) -> String {
    match c {
        Cell::Num(v) => format_number(lang, kind, *v),
        Cell::Value(v, k) => format_number(lang, *k, *v),
        Cell::Interval(lo, hi) => format!(
            "{} – {}",
            format_number(lang, kind, *lo),
            format_number(lang, kind, *hi)
        ),
        Cell::Text(t) => t.clone(),
        Cell::Key { label, .. } => label.clone(),
        Cell::Empty => String::new(),
    }
}

/// The unit a column's header names, if any ("nghìn tỷ đồng", "tỷ USD").
pub fn unit_of(lang: Lang, kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::MoneyVnd => Some(msg(lang, "thousand_bn_vnd_2")),
        Kind::MoneyUsd => Some(msg(lang, "bn_usd")),
        _ => None,
    }
}
