//! Scenario errors that point at a file, line, column and field, with a suggestion when one fits.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The text of every file read for one scenario (the file and the files it extends).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Files in the order they were read: index 0 is the file named on the command line.
    pub files: Vec<SourceFile>,
}

/// One scenario file's path and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given (joined with the parent directory for `extends`).
    pub path: PathBuf,
    /// Full text.
    pub text: String,
}

impl SourceMap {
    /// Adds a file and returns its index.
    pub fn add(&mut self, path: PathBuf, text: String) -> usize {
        self.files.push(SourceFile { path, text });
        self.files.len() - 1
    }

    /// Builds a diagnostic located at `span` of file `file`.
    pub fn diag(
        &self,
        file: usize,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let f = &self.files[file.min(self.files.len().saturating_sub(1))];
        let (line, column) = line_col(&f.text, span.start);
        let snippet = f
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
        Diagnostic {
            file: f.path.clone(),
            line,
            column,
            field: field.into(),
            message: message.into(),
            suggestion: None,
            snippet,
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// One scenario error: where, which field, what is wrong, and what might fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// File the error is in.
    pub file: PathBuf,
    /// 1-based line (0 when the error concerns the whole file).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// Dotted path of the field, e.g. `economy.depreciation` or `sources[2].amounts`.
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// A likely fix, e.g. "did you mean `depreciation`?".
    pub suggestion: Option<String>,
    /// The offending line of the file.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file (not found, unreadable, too large).
    pub fn file_level(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            field: String::new(),
            message: message.into(),
            suggestion: None,
            snippet: None,
        }
    }

    /// Adds a suggestion.
    pub fn with_suggestion(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(snippet) = &self.snippet {
            let gutter = format!("{}", self.line);
            write!(f, "\n {gutter} | {snippet}")?;
            if self.column > 0 {
                let pad = " ".repeat(gutter.len());
                let caret_pad: String = snippet
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {caret_pad}^")?;
            }
        }
        if let Some(s) = &self.suggestion {
            write!(f, "\nhelp: {s}")?;
        }
        Ok(())
    }
}

/// Edit distance between two short strings (for "did you mean").
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3) && *d < c.len().max(word.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Dotted path of the field whose value starts at byte `offset` of a TOML text, found by
/// reading the text: the nearest `key =` at or above the offset and the table header above it.
pub fn field_at(text: &str, offset: usize) -> String {
    let (line_no, _) = line_col(text, offset);
    let lines: Vec<&str> = text.lines().collect();
    let mut key: Option<String> = None;
    let mut header: Option<(String, bool, usize)> = None;
    for i in (0..line_no.min(lines.len())).rev() {
        let l = lines[i].trim();
        if l.starts_with('#') {
            continue;
        }
        if l.starts_with('[') {
            let array = l.starts_with("[[");
            let name = l.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            header = Some((name, array, i));
            break;
        }
        if key.is_none()
            && let Some(eq) = l.find('=')
        {
            let k = l[..eq].trim().trim_matches('"').to_string();
            if !k.is_empty() && !k.contains(' ') {
                key = Some(k);
            }
        }
    }
    let table = match header {
        Some((name, true, at)) => {
            let marker = format!("[[{name}]]");
            let index = lines[..at]
                .iter()
                .filter(|l| l.trim().replace(' ', "") == marker)
                .count();
            format!("{name}[{index}]")
        }
        Some((name, false, _)) => name,
        None => String::new(),
    };
    match (table.is_empty(), key) {
        (true, Some(k)) => k,
        (true, None) => String::new(),
        (false, Some(k)) => format!("{table}.{k}"),
        (false, None) => table,
    }
}

/// Replaces Rust type names in serde messages with words an economist reads.
fn friendly(message: &str) -> String {
    message
        .replace("expected f64", "expected a number")
        .replace("expected i64", "expected a whole number")
        .replace("expected a string", "expected text in quotes")
        .replace("expected struct Raw", "expected a table ")
        .replace("expected a sequence", "expected an array [ … ]")
}

/// Turns a TOML/serde error of one file into a diagnostic, adding "did you mean" for unknown
/// fields.
pub fn from_toml_error(map: &SourceMap, file: usize, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let text = &map.files[file].text;
    let message = friendly(err.message().trim());
    let mut field = field_at(text, span.start);
    let mut suggestion = None;
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let names: Vec<&str> = rest.split('`').step_by(2).collect();
        if let Some((unknown, expected)) = names.split_first() {
            field = if field.is_empty() || field == *unknown {
                (*unknown).to_string()
            } else if field.ends_with(&format!(".{unknown}")) {
                field
            } else {
                format!("{field}.{unknown}")
            };
            if let Some(best) = closest(unknown, expected.iter().copied()) {
                suggestion = Some(format!("did you mean `{best}`?"));
            }
        }
    }
    let mut d = map.diag(file, span, field, message);
    d.suggestion = suggestion;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let t = "a = 1\ntên = \"Hà Nội\"\nx = 2";
        let off = t.find("x").unwrap();
        assert_eq!(line_col(t, off), (3, 1));
        let off = t.find("\"Hà").unwrap();
        assert_eq!(line_col(t, off), (2, 7));
    }

    #[test]
    fn field_paths_follow_tables_and_array_tables() {
        let t = "[meta]\nname = 'x'\n[[sources]]\nid='a'\n[[sources]]\nid='b'\namounts = [1,\n 2, 'x']\n";
        assert_eq!(field_at(t, t.find("'x'").unwrap()), "meta.name");
        assert_eq!(field_at(t, t.rfind("'x'").unwrap()), "sources[1].amounts");
    }

    #[test]
    fn closest_finds_typos_only() {
        let c = ["depreciation", "capital_share", "deflator_growth"];
        assert_eq!(closest("depreciaton", c), Some("depreciation"));
        assert_eq!(closest("zzz", c), None);
    }
}
