//! The validator's checker: where each table was written, and typed reads of required,
//! optional and per-year fields that fail with the file, line, column, field, what was expected
//! and a suggestion.

use super::R;
use crate::scenario::ScenarioError;
use crate::scenario::diagnostic::SourceMap;
use crate::scenario::loc::Loc;
use crate::scenario::per_year::PerYear;
use crate::scenario::raw::F;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
/// Where a table was written: file and span of its header (or of the file start).
#[derive(Clone)]
pub(super) struct Table {
    pub file: usize,
    pub span: Range<usize>,
    pub name: String,
}

pub(super) struct V<'a> {
    pub map: &'a SourceMap,
    pub n: usize,
    pub first_year: i32,
}

impl<'a> V<'a> {
    pub(super) fn table<T>(&self, t: &F<T>, name: &str) -> Table {
        match t {
            Some(l) => Table {
                file: l.file,
                span: l.span.clone(),
                name: name.into(),
            },
            None => Table {
                file: 0,
                span: 0..0,
                name: name.into(),
            },
        }
    }

    pub(super) fn path(table: &Table, field: &str) -> String {
        if table.name.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", table.name)
        }
    }

    pub(super) fn missing(&self, table: &Table, field: &str, expected: &str) -> ScenarioError {
        let where_ = if table.name.is_empty() {
            "at the top level".to_string()
        } else if table.span.is_empty() {
            format!("(the file has no [{}] table)", table.name)
        } else {
            format!("in [{}]", table.name)
        };
        self.map
            .diag(
                table.file,
                table.span.clone(),
                Self::path(table, field),
                format!("missing field `{field}` {where_}: expected {expected}"),
            )
            .into()
    }

    pub(super) fn at<T>(&self, loc: &Loc<T>, path: String, msg: String) -> ScenarioError {
        self.map.diag(loc.file, loc.span.clone(), path, msg).into()
    }

    pub(super) fn req<'b, T>(
        &self,
        f: &'b F<T>,
        table: &Table,
        field: &str,
        expected: &str,
    ) -> R<&'b Loc<T>> {
        f.as_ref()
            .ok_or_else(|| self.missing(table, field, expected))
    }

    /// The `id` of item `i` of the array of tables `array` (`sectors`, `indicators`…): present,
    /// an identifier, not `taken` by an earlier item. Returns it and the item's table, named
    /// `array.<id>` for the messages about its other fields.
    pub(super) fn item_id<'b, T>(
        &self,
        item: &Loc<T>,
        id: &'b F<String>,
        array: &str,
        i: usize,
        taken: impl Fn(&str) -> bool,
    ) -> R<(&'b Loc<String>, Table)> {
        let ts = Table {
            file: item.file,
            span: item.span.clone(),
            name: format!("{array}[{i}]"),
        };
        let id_l = self.req(id, &ts, "id", "an identifier such as \"industry\"")?;
        if !is_identifier(&id_l.value) || taken(&id_l.value) {
            return Err(self.at(
                id_l,
                format!("{array}[{i}].id"),
                format!(
                    "expected a unique identifier of letters, digits, '-' or '_', found {:?}",
                    id_l.value
                ),
            ));
        }
        let name = format!("{array}.{}", id_l.value);
        Ok((id_l, Table { name, ..ts }))
    }

    /// A required number (or per-year numbers), each satisfying `ok`.
    pub(super) fn num<T: Numbers>(
        &self,
        f: &F<T>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<T::Out> {
        self.opt_num(f, table, field, expected, ok)?
            .ok_or_else(|| self.missing(table, field, expected))
    }

    /// An optional number (or per-year numbers), each satisfying `ok` when given.
    pub(super) fn opt_num<T: Numbers>(
        &self,
        f: &F<T>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<Option<T::Out>> {
        f.as_ref()
            .map(|l| T::check(self, l, Self::path(table, field), expected, &ok))
            .transpose()
    }

    pub(super) fn years_label(&self) -> String {
        if self.n == 1 {
            format!("{}", self.first_year)
        } else {
            format!(
                "{}–{}",
                self.first_year,
                self.first_year + self.n as i32 - 1
            )
        }
    }

    pub(super) fn check_per_year(
        &self,
        l: &Loc<PerYear>,
        path: String,
        expected: &str,
        ok: &dyn Fn(f64) -> bool,
    ) -> R<Vec<f64>> {
        let values = l.value.expand(self.n).map_err(|found| {
            self.at(
                l,
                path.clone(),
                format!(
                    "expected one number or {} values (one per year {}), found {found} values",
                    self.n,
                    self.years_label()
                ),
            )
        })?;
        for (t, v) in values.iter().enumerate() {
            if !v.is_finite() || !ok(*v) {
                let which = match l.value {
                    PerYear::One(_) => String::new(),
                    PerYear::Many(_) => {
                        format!(" (value {} for {})", t + 1, self.first_year + t as i32)
                    }
                };
                return Err(self.at(l, path, format!("expected {expected}, found {v}{which}")));
            }
        }
        Ok(values)
    }

    /// A label as shown: NFC, without byte-order marks or zero-width characters, trimmed.
    pub(super) fn text(&self, f: &F<String>) -> Option<String> {
        f.as_ref().map(|l| {
            l.value
                .nfc()
                .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}'))
                .collect::<String>()
                .trim()
                .to_string()
        })
    }
}

/// What [`V::num`] reads: one number, or one number or a value per year.
pub(super) trait Numbers: Sized {
    /// The checked value.
    type Out;
    /// Checks `l` (every value finite and `ok`), naming `path` and `expected` otherwise.
    fn check(
        v: &V<'_>,
        l: &Loc<Self>,
        path: String,
        expected: &str,
        ok: &dyn Fn(f64) -> bool,
    ) -> R<Self::Out>;
}

impl Numbers for f64 {
    type Out = f64;
    fn check(
        v: &V<'_>,
        l: &Loc<f64>,
        path: String,
        expected: &str,
        ok: &dyn Fn(f64) -> bool,
    ) -> R<f64> {
        if !l.value.is_finite() || !ok(l.value) {
            return Err(v.at(l, path, format!("expected {expected}, found {}", l.value)));
        }
        Ok(l.value)
    }
}

impl Numbers for PerYear {
    type Out = Vec<f64>;
    fn check(
        v: &V<'_>,
        l: &Loc<PerYear>,
        path: String,
        expected: &str,
        ok: &dyn Fn(f64) -> bool,
    ) -> R<Vec<f64>> {
        v.check_per_year(l, path, expected, ok)
    }
}

pub(super) fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) const FRACTION_RATE: &str =
    "a growth rate as a fraction greater than −1 (e.g. 0.035 for 3.5%)";
