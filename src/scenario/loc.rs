//! Values that remember where they were written: file, byte span, and so line and column.

use serde::{Deserialize, Deserializer};
use std::cell::Cell;
use std::ops::Range;

thread_local! {
    /// Index (into the loader's file list) of the file being deserialized on this thread.
    static CURRENT_FILE: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with `file` recorded as the origin of every [`Loc`] it deserializes.
pub(crate) fn with_file<T>(file: usize, f: impl FnOnce() -> T) -> T {
    let previous = CURRENT_FILE.with(|c| c.replace(file));
    let out = f();
    CURRENT_FILE.with(|c| c.set(previous));
    out
}

/// A value read from a scenario file together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Loc<T> {
    /// The value itself.
    pub value: T,
    /// Index of the file it came from (see [`super::SourceMap`]).
    pub file: usize,
    /// Byte range in that file.
    pub span: Range<usize>,
}

impl<T> Loc<T> {
    /// Wraps a value with a location.
    pub fn new(value: T, file: usize, span: Range<usize>) -> Self {
        Loc { value, file, span }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loc<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.span();
        let file = CURRENT_FILE.with(|c| c.get());
        Ok(Loc {
            value: spanned.into_inner(),
            file,
            span,
        })
    }
}
