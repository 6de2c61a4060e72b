//! HTML primitives shared by every page: the inline style sheet, the footer, escaping, and
//! SVG inlining that strips anything executable or external.
//!
//! Pages make no external request and run no code: there is no `<script>`, no `<link>`,
//! no `<img>`, no web font (CSS uses the system font stack) and no `http://` or `https://`
//! anywhere (the `xmlns` attributes of inlined SVG are dropped, as HTML5 allows; any other URL
//! in a chart is removed, and a URL in scenario text is written with `&#58;` for the colon).
//! They are XHTML-compatible HTML5 (every element closed, attributes quoted, text escaped), so
//! an XML parser reads them; text is in NFC.

use std::fmt::Write as _;

/// The inline style sheet of a self-contained page (report.html, compare.html,
/// sensitivity.html): the rules every page shares, with four slots for a page's own rules.
/// `Display` writes the whole sheet, starting with a newline; each slot is either empty or
/// whole rules ending in a newline (`print` holds rules inside `@media print`).
pub(crate) struct PageCss {
    /// Rules after the `h2` rule (e.g. `h3`).
    pub after_h2: &'static str,
    /// The `p.headline` rule and any rules after it, before the chart figure rules.
    pub headline: &'static str,
    /// Rules after the table rules and before the footer rule (notes, `.scroll`, lists).
    pub after_table: &'static str,
    /// Extra print rules, written after `h2{break-after:avoid}`.
    pub print: &'static str,
}

impl std::fmt::Display for PageCss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "
:root{color-scheme:light;--ink:#1d2733;--muted:#5b6775;--line:#d5dbe3;--accent:#1f4e79;--bg:#f5f7fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px 28px 48px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif;color:var(--ink);line-height:1.45;font-size:15px;background:#fff}
h1{font-size:1.55em;margin:0 0 4px;color:var(--accent)}
h2{font-size:1.2em;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--accent);color:var(--accent)}
",
        )?;
        f.write_str(self.after_h2)?;
        f.write_str(
            "p.sub{color:var(--muted);margin:0 0 16px;font-size:.9em}
section.headline{background:var(--bg);border-left:5px solid var(--accent);padding:14px 18px;margin:12px 0 8px}
",
        )?;
        f.write_str(self.headline)?;
        f.write_str(
            "figure.chart{margin:16px 0;padding:8px;border:1px solid var(--line);break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}
figure.chart svg text{font-family:'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif}
figcaption{font-size:.9em;color:var(--muted);text-align:center;margin-top:4px}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:.88em}
th,td{border:1px solid var(--line);padding:4px 7px;vertical-align:top}
th{background:var(--bg);text-align:left;font-weight:600}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
",
        )?;
        f.write_str(self.after_table)?;
        f.write_str(
            "footer{margin-top:40px;font-size:.8em;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
@page{size:A4;margin:12mm 10mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}h2{break-after:avoid}\
.scroll{overflow:visible}table{font-size:7.5pt}th,td{padding:2px 3px;overflow-wrap:break-word}\
td.w{overflow-wrap:anywhere}td:first-child,th:first-child{white-space:nowrap;overflow-wrap:normal}code{font-size:7pt;overflow-wrap:anywhere}\
figure.chart{padding:2px}figure.chart svg{max-height:112mm;width:auto}",
        )?;
        f.write_str(self.print)?;
        f.write_str("tr{break-inside:avoid}}\n")
    }
}

/// Writes the page footer line: `grdpsim <version>`, then each of `parts` escaped, joined by
/// ` · `.
pub(crate) fn footer(h: &mut String, parts: &[&str]) {
    let _ = write!(h, "<footer><p>grdpsim {}", env!("CARGO_PKG_VERSION"));
    for p in parts {
        let _ = write!(h, " · {}", esc(p));
    }
    h.push_str("</p></footer>\n");
}

/// Escapes text for HTML/XML content and attribute values, drops characters XML does not
/// allow, and writes the colon of `http://` / `https://` as `&#58;` so the file holds no URL.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    defang_urls(&out)
}

/// Replaces the `:` of `http://` and `https://` (any case) with `&#58;`.
fn defang_urls(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &lower[i..];
        let scheme = if rest.starts_with("https://") {
            5
        } else if rest.starts_with("http://") {
            4
        } else {
            0
        };
        if scheme > 0 {
            out.push_str(&s[i..i + scheme]);
            out.push_str("&#58;//");
            i += scheme + 3;
        } else {
            let c = s[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Makes an SVG document safe to inline: drops the XML declaration, DOCTYPE, comments and
/// processing instructions, `<script>` and `<foreignObject>` elements, event-handler (`on…`)
/// attributes, namespace declarations (`xmlns`, `xmlns:…`: HTML5 puts inline `<svg>` in the
/// SVG namespace itself), attributes holding a URL (`…://…`), and `href`/`src` values that are
/// not fragment (`#…`) or `data:` references; `xlink:href` becomes `href`.
pub fn inline_svg(svg: &str) -> String {
    let s = svg.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with("<!--") {
            rest = skip_past(rest, "-->");
        } else if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if rest.starts_with("<?") {
            rest = skip_past(rest, "?>");
        } else if rest.starts_with("<!") {
            rest = &rest[declaration_end(rest)..];
        } else if rest.starts_with("</") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = tag_end(rest);
            let tag = &rest[..end];
            rest = &rest[end..];
            let (name, attrs, self_closing) = parse_tag(tag);
            let lname = name.to_ascii_lowercase();
            if lname == "script" || lname == "foreignobject" {
                if !self_closing {
                    rest = skip_element(rest, &lname);
                }
                continue;
            }
            out.push('<');
            out.push_str(name);
            for (k, v, q) in attrs {
                let lk = k.to_ascii_lowercase();
                let lv = v.to_ascii_lowercase();
                if lk == "xmlns" || lk.starts_with("xmlns:") || lk.starts_with("on") {
                    continue;
                }
                if lv.contains("://") || lv.contains("url(") && lv.contains("//") {
                    continue;
                }
                let k = if lk == "xlink:href" { "href" } else { k };
                if (k == "href" || lk == "src")
                    && !(v.starts_with('#') || lv.trim_start().starts_with("data:"))
                {
                    continue;
                }
                match (v.is_empty() && q == '\0', q) {
                    (true, _) => {
                        let _ = write!(out, " {k}=\"{k}\"");
                    }
                    (false, '\0') => {
                        let _ = write!(out, " {k}=\"{}\"", v.replace('"', "&quot;"));
                    }
                    (false, q) => {
                        let _ = write!(out, " {k}={q}{v}{q}");
                    }
                }
            }
            out.push_str(if self_closing { "/>" } else { ">" });
        }
    }
    out.push_str(rest);
    defang_urls(out.trim())
}

fn skip_past<'a>(s: &'a str, end: &str) -> &'a str {
    match s.find(end) {
        Some(e) => &s[e + end.len()..],
        None => "",
    }
}

/// End (exclusive) of a `<!…>` declaration, counting `[ … ]` internal subsets.
fn declaration_end(s: &str) -> usize {
    markup_end(s, true)
}

/// End (exclusive) of a start tag, ignoring `>` inside quoted attribute values.
fn tag_end(s: &str) -> usize {
    markup_end(s, false)
}

/// End (exclusive) of the markup `s` starts with: the first `>` outside quotes (and, when
/// `subsets`, outside `[ … ]`); the whole of `s` when there is none.
fn markup_end(s: &str, subsets: bool) -> usize {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') if subsets => depth += 1,
            (None, ']') if subsets => depth -= 1,
            (None, '>') if depth <= 0 => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// Splits a start tag into its name, its attributes (name, raw value, quote char or `\0` when
/// unquoted) and whether it is self-closing.
fn parse_tag(tag: &str) -> (&str, Vec<(&str, &str, char)>, bool) {
    let inner = tag.strip_prefix('<').unwrap_or(tag);
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let (inner, self_closing) = match inner.trim_end().strip_suffix('/') {
        Some(x) => (x, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let mut attrs = Vec::new();
    let mut r = &inner[name_end..];
    loop {
        r = r.trim_start();
        if r.is_empty() {
            break;
        }
        let kend = r
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(r.len());
        let key = &r[..kend];
        r = r[kend..].trim_start();
        if key.is_empty() {
            // stray character: skip it
            let c = r.chars().next().map_or(0, char::len_utf8).max(1);
            r = r.get(c..).unwrap_or("");
            continue;
        }
        if let Some(after) = r.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let vend = body.find(q).unwrap_or(body.len());
                    attrs.push((key, &body[..vend], q));
                    r = body.get(vend + 1..).unwrap_or("");
                }
                _ => {
                    let vend = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    attrs.push((key, &after[..vend], '\0'));
                    r = &after[vend..];
                }
            }
        } else {
            attrs.push((key, "", '\0'));
        }
    }
    (name, attrs, self_closing)
}

/// Skips to just after the end tag of `name` (case-insensitive), allowing nesting.
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1;
    let mut i = 0;
    while i < lower.len() {
        let rest = &lower[i..];
        if rest.starts_with(&close) {
            depth -= 1;
            let end = i + rest.find('>').map_or(rest.len(), |e| e + 1);
            if depth == 0 {
                return &s[end..];
            }
            i = end;
        } else if rest.starts_with(&open) {
            let end = i + tag_end(rest);
            if !lower[i..end].trim_end_matches('>').ends_with('/') {
                depth += 1;
            }
            i = end;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    ""
}

#[cfg(test)]
mod tests;
