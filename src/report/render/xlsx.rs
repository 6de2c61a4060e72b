//! Workbook: a summary sheet (title, headline figures, paragraphs, notes, sources), then one
//! sheet per table with number formats from the cell kinds and a frozen header, and a native,
//! editable Excel chart beside each table a figure plots.

use super::unit_of;
use crate::report::Lang;
use crate::report::doc::{Block, Cell, Document, Kind, NativeKind, Table};
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

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
        Kind::Year => "0".into(),
        Kind::Number { decimals } if decimals > 0 => format!("#,##0.{}", "0".repeat(decimals)),
        Kind::Number { .. } => "#,##0".into(),
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
        Cell::Num(v) if v.is_finite() => {
            ws.write_number_with_format(r, c, stored(kind, *v), fmt)?;
        }
        Cell::Num(_) | Cell::Empty => {}
        Cell::Text(t) | Cell::Key { label: t, .. } => {
            ws.write_string(r, c, t)?;
        }
    }
    Ok(())
}

fn table_sheet(ws: &mut Worksheet, t: &Table, lang: Lang) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#E8EDF3");
    for (j, col) in t.columns.iter().enumerate() {
        let label = match unit_of(lang, col.kind) {
            Some(u) if !col.label.contains(u) => format!("{} ({u})", col.label),
            _ => col.label.clone(),
        };
        ws.write_string_with_format(0, j as u16, &label, &head)?;
        let w = label.chars().count().clamp(10, 40) as f64 + 2.0;
        ws.set_column_width(j as u16, w)?;
    }
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 0)?;
    for (i, row) in t.rows.iter().enumerate() {
        let bold = t.total_rows.contains(&i);
        for (j, (col, cell)) in t.columns.iter().zip(row).enumerate() {
            let mut f = Format::new().set_num_format(num_format(col.kind));
            if bold {
                f = f.set_bold();
            }
            write_cell(ws, i as u32 + 1, j as u16, col.kind, cell, &f)?;
        }
    }
    Ok(())
}

fn summary_sheet(ws: &mut Worksheet, doc: &Document, lang: Lang) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    ws.set_column_width(0, 60)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 16)?;
    ws.set_column_width(3, 16)?;
    ws.write_string_with_format(0, 0, &doc.title, &title)?;
    ws.write_string(1, 0, &doc.subtitle)?;
    let mut r = 3u32;
    if !doc.headline.is_empty() {
        ws.write_string_with_format(r, 1, crate::report::msg(lang, "value"), &bold)?;
        ws.write_string_with_format(r, 2, crate::report::msg(lang, "95_ci_low"), &bold)?;
        ws.write_string_with_format(r, 3, crate::report::msg(lang, "95_ci_high"), &bold)?;
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
    r += 1;
    for b in &doc.blocks {
        let line = match b {
            Block::Heading(h) => Some((h.clone(), true)),
            Block::Paragraph(p) => Some((p.clone(), false)),
            Block::Note(n) => Some((format!("{}: {n}", crate::report::msg(lang, "note")), false)),
            Block::Warning(w) => Some((
                format!("{}: {w}", crate::report::msg(lang, "warning_2")),
                true,
            )),
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

/// The document as `.xlsx` bytes.
///
/// # Errors
/// A message naming the failing workbook call.
pub fn workbook(doc: &Document, lang: Lang) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| format!("workbook: {e}");
    let mut wb = Workbook::new();
    let mut taken = Vec::new();
    let summary = sheet_name(crate::report::msg(lang, "summary"), &mut taken);
    {
        let ws = wb.add_worksheet();
        ws.set_name(&summary).map_err(err)?;
        summary_sheet(ws, doc, lang).map_err(err)?;
    }
    let mut sheets: Vec<(String, String)> = Vec::new();
    for t in doc.tables() {
        let name = sheet_name(&t.title, &mut taken);
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(err)?;
        table_sheet(ws, t, lang).map_err(err)?;
        sheets.push((t.id.clone(), name));
    }
    for fig in doc.figures() {
        let Some(n) = &fig.native else { continue };
        let Some(t) = doc.tables().find(|t| t.id == n.table) else {
            continue;
        };
        let Some((_, sheet)) = sheets.iter().find(|(id, _)| *id == n.table) else {
            continue;
        };
        let last = t.rows.len() as u32;
        if last == 0 {
            continue;
        }
        let mut chart = Chart::new(match n.kind {
            NativeKind::Line => ChartType::Line,
            NativeKind::Column => ChartType::Column,
            NativeKind::Bar => ChartType::Bar,
        });
        for &s in &n.series {
            let c = s as u16;
            chart
                .add_series()
                .set_categories((
                    sheet.as_str(),
                    1,
                    n.categories as u16,
                    last,
                    n.categories as u16,
                ))
                .set_values((sheet.as_str(), 1, c, last, c))
                .set_name((sheet.as_str(), 0, c));
        }
        chart.title().set_name(&n.title);
        chart.y_axis().set_name(&n.y_title);
        chart.set_width(720).set_height(400);
        let ws = wb.worksheet_from_name(sheet).map_err(err)?;
        ws.insert_chart(last + 3, 0, &chart).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
