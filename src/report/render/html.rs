//! HTML: one self-contained page (inline CSS and SVG, no scripts, no external requests) with
//! print rules for A4. A table wider than a printed page is split into column groups that
//! each repeat the first column, so no column is ever cut.

use super::markup::{PageCss, esc, footer, inline_svg};
use super::{format_cell, format_number, unit_of};
use crate::report::Lang;
use crate::report::doc::{Block, Document, Table};
use crate::report::msg;
use std::fmt::Write;
use unicode_normalization::UnicodeNormalization;

/// Most data columns printed side by side on an A4 portrait page.
pub const MAX_PRINT_COLUMNS: usize = 7;

const CSS: PageCss = PageCss {
    after_h2: "h3{font-size:1.02em;margin:18px 0 6px}\n",
    headline: "p.headline{font-size:1.3em;font-weight:600;margin:0 0 6px}\np.verdict{font-size:1.1em;margin:0 0 10px}\nul.keys{margin:0;padding-left:20px}\nul.keys li{margin:2px 0}\nul.keys b{font-size:1.1em}\n",
    after_table: "p.note{font-size:.88em;color:var(--muted)}\ntr.total td{font-weight:600}\np.warn{background:#fff6e0;border-left:4px solid #b8860b;padding:6px 10px}\ntable.group + table.group{margin-top:2px}\n",
    print: "table{break-inside:auto}figure.chart{break-inside:avoid}",
};

/// The column indices of each printed group of a table with `n` columns: all of them when
/// they fit on an A4 page, else groups of [`MAX_PRINT_COLUMNS`] that each start with the first
/// column (years, names).
pub fn column_groups(n: usize) -> Vec<Vec<usize>> {
    if n <= MAX_PRINT_COLUMNS + 1 {
        vec![(0..n).collect()]
    } else {
        (1..n)
            .collect::<Vec<_>>()
            .chunks(MAX_PRINT_COLUMNS)
            .map(|c| std::iter::once(0).chain(c.iter().copied()).collect())
            .collect()
    }
}

fn table(h: &mut String, t: &Table, lang: Lang) {
    let _ = writeln!(h, "<h3>{}</h3>", esc(&t.title));
    let visible = t.reader_columns();
    let groups: Vec<Vec<usize>> = column_groups(visible.len())
        .into_iter()
        .map(|g| g.into_iter().map(|i| visible[i]).collect())
        .collect();
    for g in &groups {
        let class = if groups.len() > 1 {
            " class=\"group\""
        } else {
            ""
        };
        let _ = write!(h, "<table{class}><thead><tr>");
        for &j in g {
            let c = &t.columns[j];
            let label = match unit_of(lang, c.kind) {
                Some(u) if !c.label.contains(u) => format!("{} ({u})", c.label),
                _ => c.label.clone(),
            };
            let _ = write!(h, "<th>{}</th>", esc(&label));
        }
        h.push_str("</tr></thead><tbody>\n");
        for (i, row) in t.rows.iter().enumerate() {
            let strong = t.total_rows.contains(&i);
            h.push_str(if strong {
                "<tr class=\"total\">"
            } else {
                "<tr>"
            });
            for &j in g {
                let c = &t.columns[j];
                let cell = row
                    .get(j)
                    .map(|x| format_cell(lang, c.kind, x))
                    .unwrap_or_default();
                let num = matches!(
                    row.get(j),
                    Some(crate::report::doc::Cell::Num(_) | crate::report::doc::Cell::Value(..))
                );
                // numbers never wrap; only a cell with a long token (a path, a citation)
                // may break inside a word when printed, so words stay whole elsewhere
                let long = cell.split_whitespace().any(|w| w.chars().count() > 16);
                let class = match (num, long) {
                    (true, _) => " class=\"n\"",
                    (false, true) => " class=\"w\"",
                    _ => "",
                };
                let _ = write!(h, "<td{class}>{}</td>", esc(&cell));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table>\n");
    }
}

/// The document as one HTML page.
pub fn page(doc: &Document, lang: Lang) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        esc(&doc.title),
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    for (i, lead) in doc.lead.iter().enumerate() {
        let class = if i == 0 { "headline" } else { "verdict" };
        let _ = writeln!(h, "<p class=\"{class}\">{}</p>", esc(lead));
    }
    if !doc.headline.is_empty() {
        h.push_str("<section class=\"headline\"><ul class=\"keys\">\n");
        for k in &doc.headline {
            let mut v = format_number(lang, k.kind, k.value);
            if let Some(u) = unit_of(lang, k.kind) {
                v = format!("{v} {u}");
            }
            let ci = k
                .interval
                .map(|[lo, hi]| {
                    format!(
                        " ({} {} – {})",
                        msg(lang, "95_ci"),
                        format_number(lang, k.kind, lo),
                        format_number(lang, k.kind, hi)
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<li>{}: <b>{}</b>{}</li>",
                esc(&k.label),
                esc(&v),
                esc(&ci)
            );
        }
        h.push_str("</ul></section>\n");
    }
    for b in &doc.blocks {
        match b {
            Block::Heading(t) => {
                let _ = writeln!(h, "<h2>{}</h2>", esc(t));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(h, "<p>{}</p>", esc(p));
            }
            Block::Note(p) => {
                let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(p));
            }
            Block::Warning(p) => {
                let _ = writeln!(h, "<p class=\"warn\">{}</p>", esc(p));
            }
            Block::Table(t) if !t.for_readers() => {}
            Block::Table(t) => table(&mut h, t, lang),
            Block::Figure(f) => {
                if let Some(c) = &f.chart {
                    let _ = writeln!(
                        h,
                        "<figure class=\"chart\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                        inline_svg(&c.svg),
                        esc(&c.title)
                    );
                }
            }
        }
    }
    let sources: Vec<&str> = doc.sources.iter().map(String::as_str).collect();
    footer(&mut h, &sources);
    h.push_str("</body>\n</html>\n");
    h.nfc().collect()
}
