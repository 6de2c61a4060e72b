//! Terminal text: title, headline figures, paragraphs, tables (numbers right-aligned,
//! Vietnamese widths counted in characters) and notes.

use super::{format_cell, format_number, unit_of};
use crate::report::doc::{Block, Document, Table};
use crate::report::msg;
use crate::report::{Lang, TextTable};

fn table(t: &Table, lang: Lang) -> String {
    // units once under the table, not in every header: terminals are narrow
    let cols: Vec<&crate::report::doc::Column> = t
        .reader_columns()
        .into_iter()
        .map(|j| &t.columns[j])
        .collect();
    let header = cols.iter().map(|c| c.label.clone()).collect();
    let mut units: Vec<&str> = cols.iter().filter_map(|c| unit_of(lang, c.kind)).collect();
    units.dedup();
    let mut tt = TextTable::new(header);
    for r in &t.rows {
        tt.row(
            t.reader_columns()
                .into_iter()
                .map(|j| {
                    let cell = r.get(j).unwrap_or(&crate::report::doc::Cell::Empty);
                    format_cell(lang, t.columns[j].kind, cell)
                })
                .collect(),
        );
    }
    let mut out = format!("{}\n{}", t.title, tt.render());
    if !units.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            msg(lang, "money_in"),
            units.join(", ")
        ));
    }
    out
}

/// The document as terminal text.
pub fn text(doc: &Document, lang: Lang) -> String {
    let mut out = format!("{}\n", doc.title);
    if !doc.subtitle.is_empty() {
        out.push_str(&format!("{}\n", doc.subtitle));
    }
    out.push('\n');
    for lead in &doc.lead {
        out.push_str(&format!("{lead}\n"));
    }
    if !doc.lead.is_empty() && !doc.headline.is_empty() {
        out.push('\n');
    }
    for k in &doc.headline {
        out.push_str(&format!(
            "{}: {}",
            k.label,
            format_number(lang, k.kind, k.value)
        ));
        if let Some([lo, hi]) = k.interval {
            out.push_str(&format!(
                " ({} {} – {})",
                msg(lang, "95_ci"),
                format_number(lang, k.kind, lo),
                format_number(lang, k.kind, hi)
            ));
        }
        if let Some(u) = unit_of(lang, k.kind) {
            out.push_str(&format!(" {u}"));
        }
        out.push('\n');
    }
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => out.push_str(&format!("\n{h}\n")),
            Block::Paragraph(p) => out.push_str(&format!("\n{p}\n")),
            Block::Table(t) if !t.for_readers() => {}
            Block::Table(t) => {
                out.push('\n');
                out.push_str(&table(t, lang));
            }
            Block::Figure(_) => {}
            Block::Note(n) => out.push_str(&format!("\n{}: {n}\n", msg(lang, "note"))),
            Block::Warning(w) => out.push_str(&format!("\n{}: {w}\n", msg(lang, "warning_2"))),
        }
    }
    // one blank line between parts, never two
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}
