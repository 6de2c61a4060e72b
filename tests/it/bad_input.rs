//! Inputs that would fool the model are refused: special files as a scenario or as `extends`,
//! fractional delays, a project larger than its source. Each ends in exit 2 with a message
//! naming the file, the line and the field, in bounded time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `grdpsim validate FILE --lang en`; fails the test if it takes over 20 s (a reader
/// without bounds would hang on a FIFO or run out of memory on /dev/zero).
fn validate(file: &Path) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args([
            "validate",
            file.to_str().expect("utf-8 path"),
            "--lang",
            "en",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
                .expect("reads stderr");
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("validate {} did not finish in 20 s", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn minimal() -> String {
    std::fs::read_to_string("tests/data/minimal.toml").expect("minimal scenario")
}

/// A minimal scenario with one project event on `private` (plan 300, 330, 360, 390, 420).
fn with_event(amounts: &str, delay_years: &str) -> String {
    format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\n\
         [[uncertainty.events]]\nid = \"p\"\nsource = \"private\"\namounts = {amounts}\n\
         delay_probability = 0.5\ndelay_years = {delay_years}\n",
        minimal()
    )
}

/// The 1-based line of the first line of `text` starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .expect("line present")
        + 1
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_as_scenario_and_as_extends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut specials = vec![Path::new("/dev/zero").to_path_buf()];
    match made {
        Ok(s) if s.success() => specials.push(fifo.clone()),
        _ => eprintln!("skipped the FIFO cases: mkfifo is not available here"),
    }
    for special in &specials {
        let (code, err) = validate(special);
        assert_eq!(code, 2, "{}: {err}", special.display());
        assert!(err.contains("not a regular file"), "{err}");
        assert!(err.contains(&special.display().to_string()), "{err}");
        // the same file reached through `extends`: the error points at the referring line
        let text = format!("extends = \"{}\"\n", special.display());
        let child = write(dir.path(), "child.toml", &text);
        let (code, err) = validate(&child);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("not a regular file"), "{err}");
        assert!(err.contains("child.toml:1:"), "file and line: {err}");
        assert!(err.contains("`extends`"), "field: {err}");
    }
}

#[test]
fn fractional_delays_are_refused_not_rounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (delay, found) in [
        ("0.5", "found 0.5"),
        (
            "{ dist = \"discrete\", values = [1, 2.7], weights = [0.5, 0.5] }",
            "found 2.7",
        ),
        (
            "{ dist = \"uniform\", min = 0.0, max = 3.0 }",
            "continuous distribution",
        ),
    ] {
        let text = with_event("10", delay);
        let file = write(dir.path(), "delay.toml", &text);
        let (code, err) = validate(&file);
        assert_eq!(code, 2, "{delay}: {err}");
        assert!(err.contains(found), "{delay}: {err}");
        let line = line_of(&text, "delay_years");
        assert!(err.contains(&format!("delay.toml:{line}:")), "{err}");
        assert!(err.contains("uncertainty.events.p.delay_years"), "{err}");
    }
    // whole years pass, as a number and as a discrete distribution
    for delay in [
        "2",
        "2.0",
        "{ dist = \"discrete\", values = [1, 2, 3], weights = [0.5, 0.3, 0.2] }",
    ] {
        let file = write(dir.path(), "whole.toml", &with_event("10", delay));
        let (code, err) = validate(&file);
        assert_eq!(code, 0, "{delay}: {err}");
    }
}

#[test]
fn a_project_larger_than_its_source_is_an_error_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 2027: the project spends 331, the source plans 330
    let text = with_event("[10, 331, 10, 10, 10]", "1");
    let file = write(dir.path(), "event.toml", &text);
    let (code, err) = validate(&file);
    assert_eq!(code, 2, "{err}");
    let line = line_of(&text, "amounts = [10, 331");
    assert!(err.contains(&format!("event.toml:{line}:")), "{err}");
    assert!(err.contains("uncertainty.events.p.amounts"), "{err}");
    assert!(
        err.contains("spends 331 in 2027") && err.contains("`private` plans only 330.00"),
        "{err}"
    );
    // equal to the plan is allowed
    let file = write(
        dir.path(),
        "equal.toml",
        &with_event("[10, 330, 10, 10, 10]", "1"),
    );
    let (code, err) = validate(&file);
    assert_eq!(code, 0, "{err}");
}

/// Runs `grdpsim run FILE` with 2,000 paths, JSON only, into `out`.
fn run(file: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["run", file.to_str().expect("utf-8 path")])
        .args([
            "--paths",
            "2000",
            "--formats",
            "json",
            "-q",
            "--lang",
            "en",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn distributions_that_make_paths_invalid_stop_the_run_naming_the_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    // every path invalid: TFP growth drawn up to 1e308
    let all = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"uniform\", min = 0.0, max = 1e308 }}\n",
        minimal()
    );
    let (code, err) = run(&write(dir.path(), "all.toml", &all), &out, &[]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("every path was invalid"), "{err}");
    assert!(err.contains("uncertainty.tfp_growth"), "{err}");
    assert!(!out.exists(), "nothing written");
    // nearly every path invalid: uniform up to 1000 (the valid ones are TFP growth below 10,
    // a selected sample whose P(hit) is 1)
    let most = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"uniform\", min = 0.0, max = 1000 }}\n",
        minimal()
    );
    let most = write(dir.path(), "most.toml", &most);
    let (code, err) = run(&most, &out, &[]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("of 2000 paths") && err.contains("were invalid"),
        "{err}"
    );
    assert!(err.contains("uncertainty.tfp_growth"), "{err}");
    assert!(err.contains("--allow-invalid"), "{err}");
    assert!(!out.exists(), "nothing written");
    // allowed: the run summarises the valid paths and states how many were left out
    let (code, err) = run(&most, &out, &["--allow-invalid"]);
    assert_eq!(code, 0, "{err}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).expect("summary"))
            .expect("json");
    let invalid = summary["invalid_paths"].as_u64().expect("invalid_paths");
    assert!(invalid > 1900 && invalid < 2000, "{invalid}");
}
