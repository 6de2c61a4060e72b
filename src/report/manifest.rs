//! `manifest.json`: what produced an output folder (tool version, scenario, seed, files).

use crate::scenario::Scenario;
use serde::Serialize;

/// One file of the output folder.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    /// File name inside the folder.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// FNV-1a 64-bit hash of the content, hex (kept for older readers; not a security hash).
    pub fnv1a64: String,
    /// SHA-256 of the content, lower-case hex (provenance).
    pub sha256: String,
}

/// The manifest of an output folder.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// Always "grdpsim".
    pub tool: String,
    /// Tool version.
    pub version: String,
    /// Command that wrote the folder (`project`, `run`, `merge`).
    pub command: String,
    /// Scenario name.
    pub scenario: String,
    /// Scenario files read (named file first, then what it extends).
    pub scenario_files: Vec<String>,
    /// Hash of the scenario files' texts.
    pub scenario_hash: String,
    /// Seed (Monte Carlo only).
    pub seed: Option<u64>,
    /// Paths (Monte Carlo only).
    pub paths: Option<u64>,
    /// Sampler (Monte Carlo only).
    pub sampler: Option<String>,
    /// Report language.
    pub lang: String,
    /// When the folder was written, UTC, ISO 8601.
    pub created_utc: String,
    /// Seconds spent simulating and seconds spent writing outputs.
    pub seconds: Timing,
    /// Every file written, with its size and hash.
    pub files: Vec<FileEntry>,
}

/// Where the time went.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    /// Simulation (projection or Monte Carlo).
    pub simulate: f64,
    /// Building and writing every output file.
    pub outputs: f64,
}

/// Civil date and time (UTC) of a Unix timestamp, ISO 8601 (`2026-11-23T10:00:00Z`).
pub fn iso8601_utc(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Howard Hinnant's days-from-civil inverse
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

impl Manifest {
    /// A manifest for `sc` written by `command`, listing `files` (name, bytes) of `dir`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        sc: &Scenario,
        command: &str,
        run: Option<(u64, u64, String)>,
        lang: &str,
        seconds: Timing,
        files: &[(String, &[u8])],
    ) -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Manifest {
            tool: "grdpsim".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            command: command.into(),
            scenario: sc.meta.name.clone(),
            scenario_files: sc.files.iter().map(|p| p.display().to_string()).collect(),
            scenario_hash: sc.content_hash.clone(),
            seed: run.as_ref().map(|r| r.0),
            paths: run.as_ref().map(|r| r.1),
            sampler: run.map(|r| r.2),
            lang: lang.into(),
            created_utc: iso8601_utc(now),
            seconds,
            files: files
                .iter()
                .map(|(name, bytes)| FileEntry {
                    path: name.clone(),
                    bytes: bytes.len() as u64,
                    fnv1a64: crate::scenario::fnv1a_hex(&[bytes]),
                    sha256: sha256_hex(bytes),
                })
                .collect(),
        }
    }

    /// The manifest as `manifest.json` bytes.
    ///
    /// # Errors
    /// When it cannot be serialised.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        super::to_json(self).map_err(std::io::Error::other)
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601_utc(1_795_428_000), "2026-11-23T10:00:00Z");
        assert_eq!(iso8601_utc(951_782_400), "2000-02-29T00:00:00Z");
    }
}
