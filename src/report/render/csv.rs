//! CSV: one file per table, stable snake_case headers, full-precision numbers (rates as
//! fractions, money in thousand bn VND), UTF-8 with a byte-order mark so Excel reads the
//! Vietnamese text. `--csv-locale vi` writes `;` and decimal commas for Excel with Vietnamese
//! regional settings. A row label with a key (`Cell::Key`, e.g. "Cả kỳ / Period") is written
//! as its key (`period`), the same in every language.

use crate::report::doc::{Cell, Kind, Table};

/// Separator and decimal mark of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvLocale {
    /// `,` and `.` (machine-readable; the default).
    #[default]
    Machine,
    /// `;` and `,` (Excel with Vietnamese regional settings).
    Vi,
}

impl std::str::FromStr for CsvLocale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "machine" | "en" | "default" => Ok(CsvLocale::Machine),
            "vi" => Ok(CsvLocale::Vi),
            _ => Err(format!(
                "unknown CSV locale {s:?}: use vi (semicolons, decimal commas) or machine"
            )),
        }
    }
}

/// Rewrites machine CSV (`,` and `.`) for `locale`: `;` between fields and a decimal comma in
/// every field that is a number; text fields are kept as they are. The byte-order mark stays.
///
/// # Errors
/// When `bytes` is not CSV.
pub fn relocale(bytes: &[u8], locale: CsvLocale) -> csv::Result<Vec<u8>> {
    if locale == CsvLocale::Machine {
        return Ok(bytes.to_vec());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for rec in r.records() {
        let rec = rec?;
        w.write_record(rec.iter().map(|f| {
            if !f.is_empty() && f.parse::<f64>().is_ok() {
                f.replace('.', ",")
            } else {
                f.to_string()
            }
        }))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// A number at full precision (shortest text that reads back to the same f64); years as
/// integers; empty when not finite.
fn number(kind: Kind, v: f64, locale: CsvLocale) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = match kind {
        Kind::Year | Kind::Id | Kind::Count if v.fract() == 0.0 && v.abs() < 1e15 => {
            format!("{}", v as i64)
        }
        _ => format!("{v}"),
    };
    match locale {
        CsvLocale::Machine => s,
        CsvLocale::Vi => s.replace('.', ","),
    }
}

/// The table as CSV bytes.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn table_csv(t: &Table, locale: CsvLocale) -> csv::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(match locale {
            CsvLocale::Machine => b',',
            CsvLocale::Vi => b';',
        })
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let cols = t.file_columns();
    w.write_record(cols.iter().map(|&j| t.columns[j].key.as_str()))?;
    for row in &t.rows {
        let cells = cols
            .iter()
            .map(|&j| (&t.columns[j], row.get(j).unwrap_or(&Cell::Empty)));
        w.write_record(cells.map(|(c, cell)| match cell {
            Cell::Num(v) => number(c.kind, *v, locale),
            Cell::Value(v, k) => number(*k, *v, locale),
            Cell::Interval(lo, hi) => format!(
                "{} – {}",
                number(c.kind, *lo, locale),
                number(c.kind, *hi, locale)
            ),
            Cell::Text(s) => s.clone(),
            Cell::Key { key, .. } => key.clone(),
            Cell::Empty => String::new(),
        }))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::Column;

    #[test]
    fn full_precision_and_locales() {
        let mut t = Table::new(
            "x",
            "X",
            vec![
                Column::new("year", "Năm", Kind::Year),
                Column::new("growth", "Tăng trưởng", Kind::Rate { decimals: 2 }),
                Column::new("label", "Nhãn", Kind::Count),
            ],
        );
        t.row(vec![
            Cell::Num(2026.0),
            Cell::Num(0.1 + 0.2),
            Cell::Text("Đầu tư công".into()),
        ]);
        let m = String::from_utf8(table_csv(&t, CsvLocale::Machine).unwrap()).unwrap();
        assert_eq!(
            m,
            "\u{feff}year,growth,label\n2026,0.30000000000000004,Đầu tư công\n"
        );
        let v = String::from_utf8(table_csv(&t, CsvLocale::Vi).unwrap()).unwrap();
        assert_eq!(
            v,
            "\u{feff}year;growth;label\n2026;0,30000000000000004;Đầu tư công\n"
        );
        // read back, the number is the same f64
        let back: f64 = m
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(back, 0.1 + 0.2);
    }
}
