//! What several test modules share: the real binary, and its output when it must succeed.

use assert_cmd::Command;
use std::process::Output;

/// The `grdpsim` binary of this build.
pub fn grdpsim() -> Command {
    Command::cargo_bin("grdpsim").expect("binary builds")
}

/// Its stdout, after checking it exited 0 (stderr in the message otherwise).
pub fn stdout_ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A sensitivity small enough for a debug build (500 paths, 128 Saltelli rows, 50 bootstrap
/// draws), after `sensitivity SCENARIO`.
pub const SMALL_SENSITIVITY: [&str; 6] = ["--paths", "500", "--rows", "128", "--bootstrap", "50"];
