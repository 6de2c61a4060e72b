//! Workbook: a summary sheet (title, headline figures, paragraphs, notes, sources), then one
//! sheet per table with number formats from the cell kinds and a frozen header, and a native,
//! editable Excel chart beside each table a figure plots.

use super::unit_of;
use crate::report::Lang;
use crate::report::doc::{Block, Cell, Document, Kind, NativeKind, Table};
use crate::report::msg;
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

/// Excel number format of a kind (values stored as numbers; Excel applies the reader's own
/// separators).
fn num_format(kind: Kind) -> String {
    match kind {
        Kind::Probability => "0.0%".into(),
        Kind::Rate { decimals } if decimals > 0 => format!("0.{}%", "0".repeat(decimals)),
        Kind::Rate { .. } => "0%".into(),
        Kind::Points => "+0.00;-0.00;0.00".into(),
        Kind::MoneyVnd | Kind::MoneyUsd => "#,##0.0".into(),
        Kind::Count => "#,##0".into(),
        Kind::Year | Kind::Id => "0".into(),
        Kind::Number { decimals } if decimals > 0 => format!("#,##0.{}", "0".repeat(decimals)),
        Kind::Number { .. } => "#,##0".into(),
        Kind::PValue => "0.0000".into(),
    }
}

/// The value stored for a kind (percentage points as points; everything else as is).
fn stored(kind: Kind, v: f64) -> f64 {
    match kind {
        Kind::Points => 100.0 * v,
        _ => v,
    }
}

/// A sheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`), unique in `taken`.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(28).collect();
    let base = if base.is_empty() {
        "Sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {k}");
        k += 1;
    }
    taken.push(name.clone());
    name
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    kind: Kind,
    cell: &Cell,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Num(v) | Cell::Value(v, _) if v.is_finite() => {
            ws.write_number_with_format(r, c, stored(kind, *v), fmt)?;
        }
        Cell::Num(_) | Cell::Value(..) | Cell::Empty => {}
        Cell::Text(t) | Cell::Key { label: t, .. } => {
            ws.write_string(r, c, t)?;
        }
        Cell::Interval(lo, hi) => {
            ws.write_string(r, c, format!("{lo} – {hi}"))?;
        }
    }
    Ok(())
}

/// Writes `t` from row `r` (its title first unless `r` is 0, where the header is frozen);
/// returns the row after it and where its data sit (first and last data row).
fn table_at(ws: &mut Worksheet, t: &Table, r: u32, lang: Lang) -> Result<(u32, u32), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#E8EDF3");
    let mut r = r;
    if r > 0 {
        ws.write_string_with_format(r, 0, &t.title, &Format::new().set_bold())?;
        r += 1;
    }
    let cols = t.file_columns();
    for (j, col) in cols.iter().map(|&c| &t.columns[c]).enumerate() {
        let label = match unit_of(lang, col.kind) {
            Some(u) if !col.label.contains(u) => format!("{} ({u})", col.label),
            _ => col.label.clone(),
        };
        ws.write_string_with_format(r, j as u16, &label, &head)?;
    }
    if r == 0 {
        ws.set_row_height(0, 32)?;
        ws.set_freeze_panes(1, 0)?;
    }
    let first = r + 1;
    for (i, row) in t.rows.iter().enumerate() {
        let bold = t.total_rows.contains(&i);
        let cells = cols
            .iter()
            .map(|&c| (&t.columns[c], row.get(c).unwrap_or(&Cell::Empty)));
        for (j, (col, cell)) in cells.enumerate() {
            let kind = match cell {
                Cell::Value(_, k) => *k,
                _ => col.kind,
            };
            let mut f = Format::new().set_num_format(num_format(kind));
            if bold {
                f = f.set_bold();
            }
            write_cell(ws, first + i as u32, j as u16, kind, cell, &f)?;
        }
    }
    Ok((first + t.rows.len() as u32 + 1, first))
}

/// Column widths from the widest header of each column over the sheet's tables.
fn widths(ws: &mut Worksheet, tables: &[&Table], lang: Lang) -> Result<(), XlsxError> {
    let mut w: Vec<usize> = Vec::new();
    for t in tables {
        for (j, col) in t
            .file_columns()
            .into_iter()
            .map(|c| &t.columns[c])
            .enumerate()
        {
            let n = col.label.chars().count() + unit_of(lang, col.kind).map_or(0, |u| u.len());
            if w.len() <= j {
                w.push(0);
            }
            w[j] = w[j].max(n.clamp(10, 40));
        }
    }
    for (j, n) in w.iter().enumerate() {
        ws.set_column_width(j as u16, *n as f64 + 2.0)?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    doc: &Document,
    tables: &[&Table],
    placed: &mut Vec<Placed>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    ws.set_column_width(0, 60)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 16)?;
    ws.set_column_width(3, 16)?;
    ws.write_string_with_format(0, 0, &doc.title, &title)?;
    ws.write_string(1, 0, &doc.subtitle)?;
    // with a headline, its rows from row 4 (A5: the first figure); tables follow (without one,
    // the first table's header is row 4)
    let mut r = 2u32;
    if !doc.headline.is_empty() {
        r = 3;
        ws.write_string_with_format(r, 1, msg(lang, "value"), &bold)?;
        ws.write_string_with_format(r, 2, msg(lang, "95_ci_low"), &bold)?;
        ws.write_string_with_format(r, 3, msg(lang, "95_ci_high"), &bold)?;
        r += 1;
    }
    for k in &doc.headline {
        let label = match unit_of(lang, k.kind) {
            Some(u) => format!("{} ({u})", k.label),
            None => k.label.clone(),
        };
        ws.write_string(r, 0, &label)?;
        let f = Format::new().set_num_format(num_format(k.kind)).set_bold();
        write_cell(ws, r, 1, k.kind, &Cell::Num(k.value), &f)?;
        if let Some([lo, hi]) = k.interval {
            let f = Format::new().set_num_format(num_format(k.kind));
            write_cell(ws, r, 2, k.kind, &Cell::Num(lo), &f)?;
            write_cell(ws, r, 3, k.kind, &Cell::Num(hi), &f)?;
        }
        r += 1;
    }
    if !doc.headline.is_empty() {
        r += 1;
    }
    for t in tables {
        let (next, first) = table_at(ws, t, r, lang)?;
        placed.push(Placed::of(t, ws.name(), first));
        r = next + 1;
    }
    for lead in &doc.lead {
        ws.write_string_with_format(r, 0, lead, &bold)?;
        r += 1;
    }
    if !doc.lead.is_empty() {
        r += 1;
    }
    for b in &doc.blocks {
        let line = match b {
            Block::Heading(h) => Some((h.clone(), true)),
            Block::Paragraph(p) => Some((p.clone(), false)),
            Block::Note(n) => Some((format!("{}: {n}", msg(lang, "note")), false)),
            Block::Warning(w) => Some((format!("{}: {w}", msg(lang, "warning_2")), true)),
            Block::Table(_) | Block::Figure(_) => None,
        };
        if let Some((text, strong)) = line {
            ws.write_string_with_format(r, 0, &text, if strong { &bold } else { &wrap })?;
            r += 1;
        }
    }
    r += 1;
    for s in &doc.sources {
        ws.write_string(r, 0, s)?;
        r += 1;
    }
    Ok(())
}

/// Where a table's data landed: its id, sheet and first data row.
struct Placed {
    id: String,
    sheet: String,
    first: u32,
    rows: u32,
    /// Table column index → workbook column.
    columns: Vec<Option<u16>>,
}

impl Placed {
    fn of(t: &Table, sheet: String, first: u32) -> Self {
        Placed {
            id: t.id.clone(),
            sheet,
            first,
            rows: t.rows.len() as u32,
            columns: {
                let files = t.file_columns();
                (0..t.columns.len())
                    .map(|j| files.iter().position(|&c| c == j).map(|p| p as u16))
                    .collect()
            },
        }
    }
}

/// The sheets of the document's tables in order of first appearance: (name, its tables).
/// Tables with a `sheet` share it; the others each get one named by their title.
fn sheets<'a>(doc: &'a Document, summary: &str) -> Vec<(String, Vec<&'a Table>)> {
    let mut out: Vec<(String, Vec<&Table>)> = vec![(summary.to_string(), Vec::new())];
    for t in doc.tables().filter(|t| t.for_files()) {
        match &t.sheet {
            Some(name) => match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, ts)) => ts.push(t),
                None => out.push((name.clone(), vec![t])),
            },
            None => out.push((String::new(), vec![t])),
        }
    }
    out
}

/// The document as `.xlsx` bytes: the summary sheet, the tables' sheets, then a sheet of
/// native charts when any figure has one.
///
/// # Errors
/// A message naming the failing workbook call.
pub fn workbook(doc: &Document, lang: Lang) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| format!("workbook: {e}");
    let mut wb = Workbook::new();
    // a fixed creation date (the zip epoch the entries already use): same document, same bytes
    let created = ExcelDateTime::from_ymd(1980, 1, 1).map_err(err)?;
    let props = DocProperties::new()
        .set_title(&doc.title)
        .set_subject(&doc.subtitle)
        .set_comment(format!("grdpsim {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let mut taken = Vec::new();
    let summary_name = doc.summary_sheet.as_deref().unwrap_or(msg(lang, "summary"));
    let mut placed: Vec<Placed> = Vec::new();
    let charts_name = msg(lang, "charts");
    let natives: Vec<_> = doc.figures().filter_map(|f| f.native.as_ref()).collect();
    // the sheet the charts go on (one of the tables' sheets when one is named so), and the
    // column they start in
    let mut host: Option<(String, u16)> = None;
    for (i, (name, tables)) in sheets(doc, summary_name).into_iter().enumerate() {
        let base = if name.is_empty() {
            tables.first().map(|t| t.title.clone()).unwrap_or_default()
        } else {
            name.clone()
        };
        let sheet = sheet_name(&base, &mut taken);
        let ws = wb.add_worksheet();
        ws.set_name(&sheet).map_err(err)?;
        if i == 0 {
            summary_sheet(ws, doc, &tables, &mut placed, lang).map_err(err)?;
            continue;
        }
        widths(ws, &tables, lang).map_err(err)?;
        if name == charts_name {
            let cols = tables
                .iter()
                .map(|t| t.file_columns().len())
                .max()
                .unwrap_or(0);
            host = Some((sheet.clone(), cols as u16 + 1));
        }
        let mut r = 0;
        for t in &tables {
            let (next, first) = table_at(ws, t, r, lang).map_err(err)?;
            placed.push(Placed::of(t, sheet.clone(), first));
            r = next + 1;
        }
    }
    if natives.is_empty() {
        return wb.save_to_buffer().map_err(err);
    }
    let (sheet, col) = match host {
        Some(h) => h,
        None => {
            let sheet = sheet_name(charts_name, &mut taken);
            wb.add_worksheet().set_name(&sheet).map_err(err)?;
            (sheet, 0)
        }
    };
    let mut charts = Vec::new();
    for n in natives {
        let Some(p) = placed.iter().find(|p| p.id == n.table) else {
            continue;
        };
        if p.rows == 0 {
            continue;
        }
        let mut chart = Chart::new(match n.kind {
            NativeKind::Line => ChartType::Line,
            NativeKind::Column => ChartType::Column,
            NativeKind::Bar => ChartType::Bar,
            NativeKind::StackedColumn => ChartType::ColumnStacked,
        });
        let (first, last) = (p.first, p.first + p.rows - 1);
        let at = |j: usize| p.columns.get(j).copied().flatten();
        let Some(cat) = at(n.categories) else {
            continue;
        };
        for c in n.series.iter().filter_map(|&s| at(s)) {
            chart
                .add_series()
                .set_categories((p.sheet.as_str(), first, cat, last, cat))
                .set_values((p.sheet.as_str(), first, c, last, c))
                .set_name((p.sheet.as_str(), first - 1, c));
        }
        chart.title().set_name(&n.title);
        chart.y_axis().set_name(&n.y_title);
        chart.set_width(760).set_height(400);
        charts.push(chart);
    }
    let ws = wb.worksheet_from_name(&sheet).map_err(err)?;
    for (i, chart) in charts.iter().enumerate() {
        ws.insert_chart(22 * i as u32, col, chart).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
