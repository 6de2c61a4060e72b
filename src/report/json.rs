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
