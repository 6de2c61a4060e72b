//! JSON exporter (pretty, UTF-8, trailing newline; stable key order).

use serde::Serialize;

/// Serializes `value` as pretty JSON bytes with a trailing newline.
///
/// # Errors
/// When serialization fails (only for types with non-string map keys).
pub fn to_json<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}

/// A command's result with its plausibility warnings: the same JSON object plus a
/// `warnings` key (codes, years, values, bounds and records; docs/plausibility.md).
#[derive(Serialize)]
pub struct WithWarnings<'a, T: Serialize> {
    /// The result (its keys are written at the top level).
    #[serde(flatten)]
    pub inner: &'a T,
    /// The warnings, possibly none.
    pub warnings: &'a [crate::analysis::plausibility::Warning],
}
