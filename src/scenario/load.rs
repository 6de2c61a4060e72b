//! Reading scenario files from disk and resolving `extends` chains.

use super::diagnostic::{Diagnostic, SourceMap, from_toml_error};
use super::loc::with_file;
use super::raw::{Merge, RawFile};
use super::{Scenario, ScenarioError, validate};
use std::path::{Path, PathBuf};

/// The `extends` value that named a file: its file index and span.
type Referrer = (usize, std::ops::Range<usize>);

/// Largest scenario file accepted, bytes.
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// Longest `extends` chain accepted.
pub const MAX_EXTENDS_DEPTH: usize = 16;

/// Reads, merges and validates the scenario at `path` (and every file it extends).
///
/// # Errors
/// A [`ScenarioError`] naming the file, line, column and field of the first problem found.
///
/// # Examples
/// ```no_run
/// let sc = grdpsim::scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).unwrap();
/// assert_eq!(sc.meta.years.first(), Some(&2026));
/// ```
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    load_impl(path, None)
}

/// Like [`load`], with `top_text` read in place of the text of the file at `path` (its
/// `extends` still resolve next to `path`): how edits are applied.
pub(crate) fn load_with_top(path: &Path, top_text: String) -> Result<Scenario, ScenarioError> {
    load_impl(path, Some(top_text))
}

/// The files of the `extends` chain of `path`, top file first: path, parsed table, text.
pub(crate) fn read_chain(
    path: &Path,
) -> Result<Vec<(PathBuf, toml::Table, String)>, ScenarioError> {
    let mut out: Vec<(PathBuf, toml::Table, String)> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(p) = next.take() {
        if out.len() >= MAX_EXTENDS_DEPTH {
            return Err(Diagnostic::file_level(&p, "`extends` chain is too long").into());
        }
        let text = read_text(&p, None)?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| ScenarioError::from(Diagnostic::file_level(&p, format!("{e}"))))?;
        if let Some(ext) = table.get("extends").and_then(toml::Value::as_str) {
            let dir = p.parent().unwrap_or(Path::new(""));
            next = Some(dir.join(ext));
        }
        out.push((p, table, text));
    }
    Ok(out)
}

fn load_impl(path: &Path, mut top_text: Option<String>) -> Result<Scenario, ScenarioError> {
    let mut map = SourceMap::default();
    let mut chain: Vec<RawFile> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut next: Option<(PathBuf, Option<Referrer>)> = Some((path.to_path_buf(), None));
    while let Some((p, referrer)) = next.take() {
        let text = match top_text.take() {
            Some(t) => t,
            None => read_text(&p, referrer.as_ref().map(|(f, s)| (&map, *f, s.clone())))?,
        };
        let canonical = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.contains(&canonical) {
            let (f, span) = referrer.unwrap_or((0, 0..0));
            let names: Vec<String> = map
                .files
                .iter()
                .map(|f| f.path.display().to_string())
                .collect();
            return Err(map
                .diag(
                    f,
                    span,
                    "extends",
                    format!(
                        "`extends` forms a cycle: {} → {}",
                        names.join(" → "),
                        p.display()
                    ),
                )
                .with_suggestion("remove `extends` from one of these files")
                .into());
        }
        if seen.len() >= MAX_EXTENDS_DEPTH {
            let (f, span) = referrer.unwrap_or((0, 0..0));
            return Err(map
                .diag(
                    f,
                    span,
                    "extends",
                    format!("`extends` chain is longer than {MAX_EXTENDS_DEPTH} files"),
                )
                .into());
        }
        seen.push(canonical);
        let idx = map.add(p.clone(), text);
        let raw = parse_file(&map, idx)?;
        if let Some(ext) = &raw.extends {
            let dir = p.parent().unwrap_or(Path::new(""));
            next = Some((dir.join(&ext.value), Some((idx, ext.span.clone()))));
        }
        chain.push(raw);
    }
    let mut merged = chain.pop().unwrap_or_default();
    while let Some(child) = chain.pop() {
        merged.merge(child);
    }
    validate::validate(&map, merged)
}

/// Validates a scenario given as text (no `extends` allowed unless the path resolves).
///
/// # Errors
/// As [`load`]; `name` is used as the file name in diagnostics.
pub fn load_str(name: &str, text: &str) -> Result<Scenario, ScenarioError> {
    let mut map = SourceMap::default();
    let idx = map.add(PathBuf::from(name), text.to_string());
    let raw = parse_file(&map, idx)?;
    if let Some(ext) = &raw.extends {
        return Err(map
            .diag(
                idx,
                ext.span.clone(),
                "extends",
                "`extends` needs a scenario read from a file",
            )
            .into());
    }
    validate::validate(&map, raw)
}

fn parse_file(map: &SourceMap, idx: usize) -> Result<RawFile, ScenarioError> {
    let text = &map.files[idx].text;
    with_file(idx, || toml::from_str::<RawFile>(text))
        .map_err(|e| ScenarioError::from(from_toml_error(map, idx, &e)))
}

fn read_text(
    p: &Path,
    referrer: Option<(&SourceMap, usize, std::ops::Range<usize>)>,
) -> Result<String, ScenarioError> {
    let fail = |msg: String| -> ScenarioError {
        match &referrer {
            Some((map, f, span)) => map.diag(*f, span.clone(), "extends", msg).into(),
            None => Diagnostic::file_level(p, msg).into(),
        }
    };
    let meta =
        std::fs::metadata(p).map_err(|e| fail(format!("cannot read {}: {e}", p.display())))?;
    if meta.is_dir() {
        return Err(fail(format!(
            "{} is a folder, not a scenario file",
            p.display()
        )));
    }
    if !meta.is_file() {
        // a device, FIFO or socket: opening a FIFO blocks, /dev/zero never ends
        return Err(fail(format!(
            "{} is not a regular file (a device, pipe or socket); give the path of a \
             scenario .toml file",
            p.display()
        )));
    }
    let too_large = |len: u64| {
        fail(format!(
            "{} is {len} bytes or more; scenario files are limited to {MAX_FILE_BYTES} bytes",
            p.display()
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // read at most one byte past the limit, whatever size the file reported (files under
    // /proc report 0, and a file may grow while it is read)
    let mut bytes = Vec::new();
    std::fs::File::open(p)
        .and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
        })
        .map_err(|e| fail(format!("cannot read {}: {e}", p.display())))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "{} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            p.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}
