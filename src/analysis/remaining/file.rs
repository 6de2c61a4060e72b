//! Actuals from a file (`remaining --actuals FILE`, CSV or XLSX): annual, quarterly or
//! monthly rows of the indicators the model has, turned into one estimate per year.
//!
//! One row per observation, columns `year`, `period`, `indicator`, `value` (and optional
//! `source`, `note`, ignored by the model):
//!
//! | period | meaning |
//! |---|---|
//! | empty or `year` | the whole year |
//! | `Q1` … `Q4` | a quarter |
//! | `M1` … `M12` (or `M01`) | a month |
//!
//! | indicator | value | a year from its periods |
//! |---|---|---|
//! | `growth` | real GRDP growth over the same period a year before (fraction, or `8.2%`) | mean of the periods |
//! | `investment` | realised total investment, thousand bn VND | sum of the periods |
//! | `investment.<source id>` | realised investment of one source, thousand bn VND | sum |
//! | `employment` | employed persons, thousand | mean |
//! | `deflator` | GRDP deflator growth (fraction, or `%`) | mean |
//!
//! A year with every period (4 quarters or 12 months) is complete. A year with some of them is
//! partial: growth, employment and the deflator are the mean of the periods given, investment
//! their sum scaled to a year (× 4/n or × 12/n), and the estimate carries an extra error for
//! the periods still missing (see [`PARTIAL_GROWTH_SD`], [`PARTIAL_INVESTMENT_SD`]), which the
//! nowcast adds to its measurement error. Method: docs/analysis.md, "Actuals from a file".

use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::path::Path;

/// Extra standard deviation of a partial year's growth estimate when no period is known;
/// scaled by the share of the year still missing: the quarters not yet seen can differ from
/// those seen (an assumption, 1.5 points).
pub const PARTIAL_GROWTH_SD: f64 = 0.015;
/// Extra relative standard deviation of a partial year's investment estimate when no period
/// is known, scaled by the share missing (20%: disbursement is back-loaded in the year).
pub const PARTIAL_INVESTMENT_SD: f64 = 0.20;
/// Most rows read (a year of months for every indicator of many sources fits easily).
pub const MAX_ROWS: usize = 100_000;

/// What a row measures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Indicator {
    /// Real GRDP growth.
    Growth,
    /// Total realised investment.
    Investment,
    /// Realised investment of one source (its id).
    Source(String),
    /// Employed persons.
    Employment,
    /// GRDP deflator growth.
    Deflator,
}

impl Indicator {
    fn name(&self) -> String {
        match self {
            Indicator::Growth => "growth".into(),
            Indicator::Investment => "investment".into(),
            Indicator::Source(s) => format!("investment.{s}"),
            Indicator::Employment => "employment".into(),
            Indicator::Deflator => "deflator".into(),
        }
    }

    fn is_rate(&self) -> bool {
        matches!(self, Indicator::Growth | Indicator::Deflator)
    }

    fn summed(&self) -> bool {
        matches!(self, Indicator::Investment | Indicator::Source(_))
    }
}

/// One year's estimate of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Calendar year.
    pub year: i32,
    /// What it measures.
    pub indicator: Indicator,
    /// The year's value (fraction, k-bn VND or thousand persons).
    pub value: f64,
    /// Periods given and periods in a year (1 of 1 for an annual row).
    pub periods: (usize, usize),
    /// Extra error of a partial year: absolute for rates, relative for amounts (0 when
    /// complete).
    pub extra_sd: f64,
}

impl Estimate {
    /// Whether the whole year is known.
    pub fn complete(&self) -> bool {
        self.periods.0 == self.periods.1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Year,
    Quarter(u8),
    Month(u8),
}

struct Row {
    line: usize,
    year: i32,
    period: Period,
    indicator: Indicator,
    value: f64,
}

fn parse_period(s: &str) -> Option<Period> {
    let t = s.trim().to_ascii_uppercase();
    if t.is_empty() || t == "YEAR" || t == "NĂM" {
        return Some(Period::Year);
    }
    let (kind, num) = t.split_at(1);
    let n: u8 = num.parse().ok()?;
    match kind {
        "Q" if (1..=4).contains(&n) => Some(Period::Quarter(n)),
        "M" if (1..=12).contains(&n) => Some(Period::Month(n)),
        _ => None,
    }
}

fn parse_indicator(s: &str) -> Option<Indicator> {
    let t = s.trim().to_ascii_lowercase();
    match t.as_str() {
        "growth" => Some(Indicator::Growth),
        "investment" => Some(Indicator::Investment),
        "employment" => Some(Indicator::Employment),
        "deflator" => Some(Indicator::Deflator),
        _ => t
            .strip_prefix("investment.")
            .filter(|id| !id.is_empty())
            .map(|id| Indicator::Source(id.to_string())),
    }
}

fn parse_value(s: &str, rate: bool) -> Result<f64, String> {
    let t = s.trim();
    let v = match t.strip_suffix('%') {
        Some(p) if rate => format!("{}e-2", p.trim()).parse::<f64>(),
        Some(_) => return Err("a percentage is only accepted for growth and deflator".into()),
        None => t.parse::<f64>(),
    }
    .map_err(|_| format!("{t:?} is not a number"))?;
    if !v.is_finite() {
        return Err(format!("{t:?} is not a finite number"));
    }
    if rate && !(v > -1.0 && v < 1.0) {
        return Err(format!(
            "{v} is not a growth rate as a fraction (0.082 = 8.2%); write {} or {v}%",
            v / 100.0
        ));
    }
    if !rate && v < 0.0 {
        return Err(format!("{v} cannot be negative"));
    }
    Ok(v)
}

/// The template `grdpsim init --actuals` writes: every indicator and period kind once, with
/// a note on each (the `note` column is ignored by the model).
pub const TEMPLATE: &str = "year,period,indicator,value,source,note
2026,,growth,0.082,Cục Thống kê Hà Nội,\"the whole year: real GRDP growth, a fraction (or 8.2%)\"
2026,,investment,700,Sở Tài chính,\"the whole year: realised total investment, thousand bn VND\"
2026,,investment.public_investment,150,Sở Tài chính,\"one source by its scenario id, thousand bn VND\"
2026,,employment,4240,Cục Thống kê Hà Nội,\"employed persons, thousand\"
2026,,deflator,0.03,Cục Thống kê Hà Nội,\"GRDP deflator growth, a fraction\"
2027,Q1,growth,0.075,Cục Thống kê Hà Nội,\"a quarter: growth over the same quarter a year before; the year is the mean of its quarters\"
2027,Q2,growth,0.079,Cục Thống kê Hà Nội,\"a partial year is weighed with a wider error; M1..M12 for months\"
";

/// [`TEMPLATE`] as a workbook (sheet `actuals`, years and values as numbers).
///
/// # Errors
/// When the workbook cannot be built.
pub fn template_xlsx() -> Result<Vec<u8>, String> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("actuals").map_err(|e| e.to_string())?;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(TEMPLATE.as_bytes());
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| e.to_string())?;
        for (j, cell) in rec.iter().enumerate() {
            let (row, col) = (i as u32, j as u16);
            match cell.parse::<f64>() {
                Ok(v) if i > 0 && (j == 0 || j == 3) => ws.write_number(row, col, v),
                _ => ws.write_string(row, col, cell),
            }
            .map_err(|e| e.to_string())?;
        }
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

const COLUMNS: [&str; 4] = ["year", "period", "indicator", "value"];

/// Reads the rows of a CSV or XLSX file (by extension) as text cells, with their line
/// numbers, the header first.
fn cells(path: &Path) -> Result<Vec<(usize, Vec<String>)>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > 64 << 20 {
        return Err(format!("{} bytes: larger than 64 MiB", meta.len()));
    }
    match ext.as_str() {
        "csv" => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            for rec in r.records() {
                let rec = rec.map_err(|e| e.to_string())?;
                let line = rec.position().map_or(0, |p| p.line() as usize);
                out.push((
                    line,
                    rec.iter()
                        .map(|c| c.trim_start_matches('\u{feff}').to_string())
                        .collect(),
                ));
                if out.len() > MAX_ROWS + 1 {
                    return Err(format!("more than {MAX_ROWS} rows"));
                }
            }
            Ok(out)
        }
        "xlsx" => {
            let mut wb = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
            let names = wb.sheet_names();
            let sheet = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case("actuals"))
                .or_else(|| names.first())
                .cloned()
                .ok_or("the workbook has no sheet")?;
            let range = wb.worksheet_range(&sheet).map_err(|e| e.to_string())?;
            let start = range.start().map_or(0, |(r, _)| r as usize);
            let mut out = Vec::new();
            for (i, row) in range.rows().enumerate().take(MAX_ROWS + 2) {
                let texts = row
                    .iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) => format!("{f}"),
                        Data::Int(i) => format!("{i}"),
                        other => other.to_string(),
                    })
                    .collect();
                out.push((start + i + 1, texts));
            }
            Ok(out)
        }
        _ => Err(format!(
            "expected a .csv or .xlsx file, found {:?}",
            path.extension().unwrap_or_default()
        )),
    }
}

fn rows(path: &Path) -> Result<Vec<Row>, String> {
    let at = |line: usize, col: &str, why: String| {
        format!("{}:{line}: column `{col}`: {why}", path.display())
    };
    let all = cells(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Some(((hline, header), body)) = all.split_first() else {
        return Err(format!(
            "{}: the file is empty; expected a header row: year,period,indicator,value (grdpsim init --actuals writes a template)",
            path.display()
        ));
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut idx = [0usize; 4];
    for (j, c) in COLUMNS.iter().enumerate() {
        idx[j] = header.iter().position(|h| h == c).ok_or_else(|| {
            at(
                *hline,
                c,
                format!(
                    "missing from the header {header:?}; expected the columns year, period, indicator, value (grdpsim init --actuals writes a template)"
                ),
            )
        })?;
    }
    let mut out = Vec::new();
    for (line, r) in body {
        let get = |j: usize| r.get(idx[j]).map_or("", |s| s.as_str()).trim();
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let year: i32 = get(0)
            .trim_end_matches(".0")
            .parse()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| {
                at(
                    *line,
                    "year",
                    format!("expected a calendar year such as 2026, found {:?}", get(0)),
                )
            })?;
        let period = parse_period(get(1)).ok_or_else(|| {
            at(
                *line,
                "period",
                format!(
                    "expected empty (the whole year), Q1–Q4 or M1–M12, found {:?}",
                    get(1)
                ),
            )
        })?;
        let indicator = parse_indicator(get(2)).ok_or_else(|| {
            at(*line, "indicator", format!(
                "expected growth, investment, investment.<source id>, employment or deflator, found {:?}",
                get(2)
            ))
        })?;
        let value = parse_value(get(3), indicator.is_rate()).map_err(|e| at(*line, "value", e))?;
        out.push(Row {
            line: *line,
            year,
            period,
            indicator,
            value,
        });
    }
    Ok(out)
}

/// Reads `path` and returns one estimate per year and indicator, in year order.
///
/// # Errors
/// A message with the file, line and column of the first row that is wrong, what was
/// expected and what to do; also when a year mixes annual, quarterly and monthly rows of one
/// indicator, or gives a period twice.
pub fn read(path: &Path) -> Result<Vec<Estimate>, String> {
    let rows = rows(path)?;
    let mut groups: BTreeMap<(i32, Indicator), Vec<&Row>> = BTreeMap::new();
    for r in &rows {
        groups
            .entry((r.year, r.indicator.clone()))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for ((year, ind), rs) in groups {
        let kind = |p: Period| match p {
            Period::Year => 0,
            Period::Quarter(_) => 1,
            Period::Month(_) => 2,
        };
        let first = rs[0];
        if let Some(other) = rs.iter().find(|r| kind(r.period) != kind(first.period)) {
            return Err(format!(
                "{}:{}: {year} {} mixes annual, quarterly and monthly rows (see line {}); give one kind per year and indicator",
                path.display(),
                other.line,
                ind.name(),
                first.line
            ));
        }
        for (i, a) in rs.iter().enumerate() {
            if let Some(b) = rs[..i].iter().find(|b| b.period == a.period) {
                return Err(format!(
                    "{}:{}: {year} {} {:?} is given twice (also line {}); give each period once",
                    path.display(),
                    a.line,
                    ind.name(),
                    a.period,
                    b.line
                ));
            }
        }
        let per_year = match first.period {
            Period::Year => 1,
            Period::Quarter(_) => 4,
            Period::Month(_) => 12,
        };
        let n = rs.len();
        let sum: f64 = rs.iter().map(|r| r.value).sum();
        let missing = (per_year - n) as f64 / per_year as f64;
        let (value, extra_sd) = if ind.summed() {
            (
                sum * per_year as f64 / n as f64,
                PARTIAL_INVESTMENT_SD * missing,
            )
        } else if ind == Indicator::Employment {
            (sum / n as f64, 0.0)
        } else {
            (sum / n as f64, PARTIAL_GROWTH_SD * missing)
        };
        out.push(Estimate {
            year,
            indicator: ind,
            value,
            periods: (n, per_year),
            extra_sd,
        });
    }
    Ok(out)
}
