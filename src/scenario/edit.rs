//! Scenario edits addressed by dotted paths (`sources.land_revenue.amounts.total = 500`): the
//! numeric fields a sweep or goal-seek can move, and loading a scenario with edits applied.
//!
//! An edit behaves as if the user had changed the top scenario file by hand: the file's TOML
//! is parsed, the field is set (copying the field's table from the file it extends when the
//! top file does not have it), and the edited text is merged and validated like any file, so
//! an edited value out of range gets the usual diagnostic.
//!
//! # Paths
//! - `section.field`: `economy.capital_share`, `productivity.tfp_growth`, `meta.target_growth`.
//! - Arrays of tables by key: `sources.<id>.<field>`, `links.<from>.<to>.share`,
//!   `compensation.<id>.<field>`, `uncertainty.events.<id>.<field>`.
//! - Uncertainty: `uncertainty.<input>.level.<parameter>`, `uncertainty.sources.<id>.…`.
//! - Per-year fields (one number or one per year) take a selector: `…amounts` sets every year
//!   to the value, `…amounts[2027]` one year, `…amounts.total` scales the years so they sum to
//!   the value, `…amounts.mean` shifts them so their mean is the value, `…amounts.scale`
//!   multiplies them by the value.

use super::load::{load_with_top, read_chain};
use super::{Scenario, ScenarioError, closest};
use std::path::Path;
use toml::{Table, Value};

/// How an edit changes a field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selector {
    /// Set the field (every year of a per-year field) to the value.
    Set,
    /// Set one calendar year of a per-year field.
    Year(i32),
    /// Scale the yearly values so they sum to the value.
    Total,
    /// Shift the yearly values so their mean is the value.
    Mean,
    /// Multiply the value(s) by the value.
    Scale,
}

/// A parsed dotted path: the field's segments and the selector.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    /// Segments of the field in the file, e.g. `["sources", "land_revenue", "amounts"]`.
    pub segments: Vec<String>,
    /// What to do with the value.
    pub selector: Selector,
    /// The path as written.
    pub text: String,
}

/// One edit: a field path and the value to apply with its selector.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// The field.
    pub path: FieldPath,
    /// The value (in the field's own unit: fractions for rates, thousand bn VND for money).
    pub value: f64,
}

/// A numeric field of a scenario that edits can address.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericField {
    /// Dotted path (without selector).
    pub path: String,
    /// Current value: one number, or one per year.
    pub value: Vec<f64>,
    /// Whether the field holds one value per year (takes `[year]`, `.total`, `.mean`).
    pub per_year: bool,
}

/// Keys of arrays of tables: how entries are named in a path. `parent` is the dotted path of
/// the table holding the array ("" at the top of the file).
fn key_fields(parent: &str, array_name: &str) -> Option<&'static [&'static str]> {
    match (parent, array_name) {
        ("", "sources" | "compensation") | ("uncertainty", "events") => Some(&["id"]),
        ("", "links") => Some(&["from", "to"]),
        _ => None,
    }
}

/// Tables the loader reads as one value (a child file replaces them whole).
fn atomic(name: &str) -> bool {
    matches!(name, "level" | "shock" | "delay_years" | "cap")
}

/// Fields that are per-year values (one number or one per projection year).
fn per_year_field(name: &str) -> bool {
    matches!(
        name,
        "deflator_growth"
            | "exchange_rate"
            | "human_capital_growth"
            | "population"
            | "employment"
            | "employment_ratio"
            | "tfp_growth"
            | "icor"
            | "amounts"
            | "amounts_usd"
            | "realisation"
            | "tfp_share"
    )
}

impl FieldPath {
    /// Parses `a.b.c`, `a.b.c[2027]`, `a.b.c.total|mean|scale`.
    ///
    /// # Errors
    /// A message when the path is empty or malformed.
    pub fn parse(text: &str) -> Result<FieldPath, String> {
        let t = text.trim();
        let (body, year) = match t.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
            Some((body, y)) => {
                let year: i32 = y.trim().parse().map_err(|_| {
                    format!("{t:?}: expected a calendar year inside [ ], e.g. [2027]")
                })?;
                (body, Some(year))
            }
            None => (t, None),
        };
        let mut segments: Vec<String> = body.split('.').map(|s| s.trim().to_string()).collect();
        if segments.iter().any(String::is_empty) || segments.len() < 2 {
            return Err(format!(
                "{t:?} is not a field path: expected dotted names such as economy.capital_share or sources.land_revenue.amounts.total"
            ));
        }
        let mut selector = match year {
            Some(y) => Selector::Year(y),
            None => Selector::Set,
        };
        if year.is_none() && segments.len() > 2 {
            let last = segments.last().map(String::as_str);
            let sel = match last {
                Some("total") => Some(Selector::Total),
                Some("mean") => Some(Selector::Mean),
                Some("scale") => Some(Selector::Scale),
                _ => None,
            };
            if let Some(sel) = sel {
                selector = sel;
                segments.pop();
            }
        }
        Ok(FieldPath {
            segments,
            selector,
            text: t.to_string(),
        })
    }

    /// The field's dotted path without selector.
    pub fn field(&self) -> String {
        self.segments.join(".")
    }
}

/// Merges `child` over `parent` as the loader merges files: tables field by field, arrays of
/// tables by key, atomic tables and everything else replaced.
fn merge_value(prefix: &str, parent: &mut Table, child: &Table) {
    for (k, cv) in child {
        if k == "extends" {
            continue;
        }
        let here = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match (parent.get_mut(k), cv) {
            (Some(Value::Table(pt)), Value::Table(ct)) if !atomic(k) => merge_value(&here, pt, ct),
            (Some(Value::Array(pa)), Value::Array(ca)) if key_fields(prefix, k).is_some() => {
                let keys = key_fields(prefix, k).unwrap_or(&[]);
                for item in ca {
                    let Value::Table(it) = item else { continue };
                    let key = entry_key(it, keys);
                    let found = pa.iter_mut().find_map(|p| match p {
                        Value::Table(pt) if key.is_some() && entry_key(pt, keys) == key => Some(pt),
                        _ => None,
                    });
                    match found {
                        Some(pt) => merge_value(&here, pt, it),
                        None => pa.push(item.clone()),
                    }
                }
            }
            _ => {
                parent.insert(k.clone(), cv.clone());
            }
        }
    }
}

fn entry_key(t: &Table, keys: &[&str]) -> Option<Vec<String>> {
    keys.iter()
        .map(|k| t.get(*k).and_then(Value::as_str).map(str::to_owned))
        .collect()
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

fn as_numbers(v: &Value) -> Option<Vec<f64>> {
    match v {
        Value::Array(a) if !a.is_empty() => a.iter().map(as_number).collect(),
        _ => as_number(v).map(|x| vec![x]),
    }
}

/// Every numeric field of the merged document, in file order.
fn collect(prefix: &str, t: &Table, out: &mut Vec<NumericField>) {
    for (k, v) in t {
        // structure (years) and reference tables that do not drive the model are not levers
        let skip = matches!(
            k.as_str(),
            "extends" | "citations" | "report" | "history" | "plan_reference"
        ) || (prefix == "meta" && (k == "base_year" || k == "end_year"));
        if skip {
            continue;
        }
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Table(sub) => collect(&path, sub, out),
            Value::Array(a) if key_fields(prefix, k).is_some() => {
                let keys = key_fields(prefix, k).unwrap_or(&[]);
                for item in a {
                    if let Value::Table(it) = item
                        && let Some(key) = entry_key(it, keys)
                    {
                        collect(&format!("{path}.{}", key.join(".")), it, out);
                    }
                }
            }
            _ => {
                if let Some(value) = as_numbers(v) {
                    let per_year = per_year_field(k);
                    if value.len() == 1 || per_year {
                        out.push(NumericField {
                            path,
                            value,
                            per_year,
                        });
                    }
                }
            }
        }
    }
}

/// The merged document of the chain (top file first in `chain`).
fn effective(chain: &[Table]) -> Table {
    let mut merged = Table::new();
    for t in chain.iter().rev() {
        merge_value("", &mut merged, t);
    }
    merged
}

/// The numeric fields of the scenario at `path` that edits can address, plus the central
/// realisation of every funding source (`sources.<id>.realisation`, 1 when not written).
///
/// # Errors
/// A [`ScenarioError`] when the scenario cannot be read.
pub fn numeric_fields(path: &Path) -> Result<Vec<NumericField>, ScenarioError> {
    let chain = read_chain(path)?;
    let tables: Vec<Table> = chain.iter().map(|(_, t, _)| t.clone()).collect();
    Ok(fields_of(&effective(&tables)))
}

fn fields_of(doc: &Table) -> Vec<NumericField> {
    let mut out = Vec::new();
    collect("", doc, &mut out);
    if let Some(Value::Array(sources)) = doc.get("sources") {
        for s in sources {
            if let Value::Table(st) = s
                && let Some(id) = st.get("id").and_then(Value::as_str)
                && !st.contains_key("realisation")
            {
                out.push(NumericField {
                    path: format!("sources.{id}.realisation"),
                    value: vec![1.0],
                    per_year: true,
                });
            }
        }
    }
    out
}

/// Finds (creating if needed) the table the edit's leaf lives in, inside the top file's
/// table `top`, copying it from the merged document `eff` when the top file lacks it.
fn parent_table<'a>(
    top: &'a mut Table,
    eff: &Table,
    segments: &[String],
) -> Result<&'a mut Table, String> {
    let mut node = top;
    let mut enode: Option<&Table> = Some(eff);
    let mut i = 0;
    let leaf = segments.len() - 1;
    while i < leaf {
        let name = &segments[i];
        if let Some(keys) = key_fields(&table_path(segments, i), name) {
            // array of tables: the next segments are the entry's key
            let key: Vec<String> = segments
                .get(i + 1..i + 1 + keys.len())
                .filter(|k| k.len() == keys.len() && i + keys.len() < leaf)
                .ok_or_else(|| format!("`{name}` needs {} before the field", keys.join(" and ")))?
                .to_vec();
            let eentry = enode
                .and_then(|e| e.get(name))
                .and_then(Value::as_array)
                .and_then(|a| {
                    a.iter().find_map(|v| match v {
                        Value::Table(t) if entry_key(t, keys).as_ref() == Some(&key) => Some(t),
                        _ => None,
                    })
                });
            let arr = node
                .entry(name.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(arr) = arr else {
                return Err(format!("`{name}` is not a list of tables"));
            };
            let pos = arr.iter().position(
                |v| matches!(v, Value::Table(t) if entry_key(t, keys).as_ref() == Some(&key)),
            );
            let pos = match pos {
                Some(p) => p,
                None => {
                    let mut t = Table::new();
                    for (k, v) in keys.iter().zip(&key) {
                        t.insert((*k).to_string(), Value::String(v.clone()));
                    }
                    arr.push(Value::Table(t));
                    arr.len() - 1
                }
            };
            let Some(Value::Table(t)) = arr.get_mut(pos) else {
                return Err(format!("`{name}` entry is not a table"));
            };
            node = t;
            enode = eentry;
            i += 1 + keys.len();
            continue;
        }
        let esub = enode.and_then(|e| e.get(name)).and_then(Value::as_table);
        let is_parent_of_leaf = i + 1 == leaf;
        if !node.contains_key(name.as_str()) {
            // the leaf's own table is copied whole (atomic tables such as a distribution
            // must stay complete); tables above it are created empty and merged
            let fresh = match (is_parent_of_leaf || atomic(name), esub) {
                (true, Some(e)) => e.clone(),
                _ => Table::new(),
            };
            node.insert(name.clone(), Value::Table(fresh));
        }
        match node.get_mut(name.as_str()) {
            Some(Value::Table(t)) => node = t,
            _ => return Err(format!("`{}` is not a table", segments[..=i].join("."))),
        }
        enode = esub;
        i += 1;
    }
    Ok(node)
}

/// The new value of a field after `edit`, given its current value and the projection years.
fn new_value(current: Option<&Value>, edit: &Edit, years: &[i32]) -> Result<Value, String> {
    let v = edit.value;
    let n = years.len();
    let cur = current.and_then(as_numbers);
    let expand = |c: &[f64]| -> Vec<f64> {
        if c.len() == 1 {
            vec![c[0]; n]
        } else {
            c.to_vec()
        }
    };
    let floats = |xs: Vec<f64>| Value::Array(xs.into_iter().map(Value::Float).collect());
    Ok(match edit.path.selector {
        Selector::Set => match current {
            Some(Value::Integer(_)) if v.fract() == 0.0 && v.abs() < 9e15 => {
                Value::Integer(v as i64)
            }
            _ => Value::Float(v),
        },
        Selector::Year(y) => {
            let t = years.iter().position(|&x| x == y).ok_or_else(|| {
                format!(
                    "{}: {y} is not a projection year ({}–{})",
                    edit.path.text,
                    years.first().copied().unwrap_or_default(),
                    years.last().copied().unwrap_or_default()
                )
            })?;
            let mut xs = expand(cur.as_deref().unwrap_or(&[1.0]));
            if xs.len() != n {
                return Err(format!(
                    "{}: the field does not hold one value per year",
                    edit.path.text
                ));
            }
            xs[t] = v;
            floats(xs)
        }
        Selector::Total | Selector::Mean | Selector::Scale => {
            let c = cur.ok_or_else(|| {
                format!(
                    "{}: the field has no value to scale or shift",
                    edit.path.text
                )
            })?;
            let is_array = matches!(current, Some(Value::Array(_)));
            let xs = if is_array || edit.path.selector != Selector::Scale {
                expand(&c)
            } else {
                c
            };
            let sum: f64 = xs.iter().sum();
            let out: Vec<f64> = match edit.path.selector {
                Selector::Total if sum != 0.0 => xs.iter().map(|x| x * v / sum).collect(),
                Selector::Total => vec![v / xs.len() as f64; xs.len()],
                Selector::Mean => {
                    let shift = v - sum / xs.len() as f64;
                    xs.iter().map(|x| x + shift).collect()
                }
                _ => xs.iter().map(|x| x * v).collect(),
            };
            if out.len() == 1 && !is_array {
                Value::Float(out[0])
            } else {
                floats(out)
            }
        }
    })
}

/// Checks that `path` names a numeric field of the document; the error lists the valid ones
/// (closest first).
fn check_path(path: &FieldPath, fields: &[NumericField]) -> Result<(), String> {
    let field = path.field();
    match fields.iter().find(|f| f.path == field) {
        Some(f) => {
            if !f.per_year
                && matches!(
                    path.selector,
                    Selector::Year(_) | Selector::Total | Selector::Mean
                )
            {
                return Err(format!(
                    "{}: {field} is a single number; [year], .total and .mean apply to per-year fields",
                    path.text
                ));
            }
            Ok(())
        }
        None => {
            let names: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
            let hint = closest(&field, names.iter().copied())
                .map(|c| format!("did you mean {c}? "))
                .unwrap_or_default();
            Err(format!(
                "{} is not a numeric field of this scenario. {hint}Valid paths (per-year fields also take [year], .total, .mean, .scale):\n  {}",
                path.text,
                names.join("\n  ")
            ))
        }
    }
}

/// Loads the scenario at `path` with `edits` applied to its top file.
///
/// # Errors
/// `Err(message)` for a path that is not a numeric field (listing the valid ones) or a value
/// the field cannot take; a scenario diagnostic (as text) when the edited scenario is invalid.
pub fn load_edited(path: &Path, edits: &[Edit]) -> Result<Scenario, String> {
    let base = super::load(path).map_err(|e| e.to_string())?;
    if edits.is_empty() {
        return Ok(base);
    }
    let chain = read_chain(path).map_err(|e| e.to_string())?;
    let tables: Vec<Table> = chain.iter().map(|(_, t, _)| t.clone()).collect();
    let top = apply(&tables, edits, &base.meta.years)?;
    let text =
        toml::to_string(&top).map_err(|e| format!("cannot write the edited scenario: {e}"))?;
    let described: Vec<String> = edits
        .iter()
        .map(|e| format!("{} = {}", e.path.text, e.value))
        .collect();
    load_with_top(path, text).map_err(|e| format!("with {}: {e}", described.join(", ")))
}

/// The top table of `tables` (an `extends` chain, top file first) with `edits` applied: each
/// field set in the top file, its table copied from the file it extends when the top file has
/// none.
fn apply(tables: &[Table], edits: &[Edit], years: &[i32]) -> Result<Table, String> {
    let eff = effective(tables);
    let fields = fields_of(&eff);
    let mut top = tables[0].clone();
    for e in edits {
        check_path(&e.path, &fields)?;
        if !e.value.is_finite() {
            return Err(format!(
                "{}: the value {} is not a number",
                e.path.text, e.value
            ));
        }
        let segs = &e.path.segments;
        let leaf = segs[segs.len() - 1].clone();
        // the current value: the top file's if it has the field, else the merged one
        let eff_now = effective(
            &[top.clone()]
                .into_iter()
                .chain(tables[1..].iter().cloned())
                .collect::<Vec<_>>(),
        );
        let current = lookup(&eff_now, segs);
        let value = new_value(current.as_ref(), e, years)?;
        let parent = parent_table(&mut top, &eff_now, segs)?;
        parent.insert(leaf, value);
    }
    Ok(top)
}

/// A small scenario file that `extends` the one at `path` (by its file name: it is meant to sit
/// in the same folder) and sets `edits`, with `meta` (name, titles) of its own; the text starts
/// with `header` as comments.
///
/// # Errors
/// A message when a path is not a field, or a value is not a number.
pub fn child_file(
    path: &Path,
    edits: &[Edit],
    meta: &[(&str, &str)],
    header: &str,
) -> Result<String, String> {
    let base = super::load(path).map_err(|e| e.to_string())?;
    let chain = read_chain(path).map_err(|e| e.to_string())?;
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut child = Table::new();
    child.insert("extends".into(), Value::String(file));
    let mut m = Table::new();
    for (k, v) in meta {
        m.insert((*k).into(), Value::String((*v).into()));
    }
    child.insert("meta".into(), Value::Table(m));
    let tables: Vec<Table> = std::iter::once(child)
        .chain(chain.into_iter().map(|(_, t, _)| t))
        .collect();
    let top = apply(&tables, edits, &base.meta.years)?;
    let body = toml::to_string(&top).map_err(|e| format!("cannot write the scenario: {e}"))?;
    let comments: String = header.lines().map(|l| format!("# {l}\n")).collect();
    Ok(format!("{comments}{body}"))
}

/// The dotted path of the table holding segment `i` (keys of array entries skipped: only the
/// top level and `uncertainty` hold keyed arrays, so the names before `i` suffice).
fn table_path(segments: &[String], i: usize) -> String {
    segments[..i].join(".")
}

/// The value at `segments` in the merged document.
fn lookup(doc: &Table, segments: &[String]) -> Option<Value> {
    let mut node: &Table = doc;
    let mut i = 0;
    let leaf = segments.len() - 1;
    while i < leaf {
        let name = &segments[i];
        if let Some(keys) = key_fields(&table_path(segments, i), name) {
            let key: Vec<String> = segments.get(i + 1..i + 1 + keys.len())?.to_vec();
            node = node.get(name)?.as_array()?.iter().find_map(|v| match v {
                Value::Table(t) if entry_key(t, keys).as_ref() == Some(&key) => Some(t),
                _ => None,
            })?;
            i += 1 + keys.len();
        } else {
            node = node.get(name)?.as_table()?;
            i += 1;
        }
    }
    node.get(&segments[leaf]).cloned()
}

#[cfg(test)]
mod tests;
