//! Drives the real `grdpsim` binary: commands, outputs, and one clear error per bad file.

use assert_cmd::Command;
use std::path::Path;

use crate::support::grdpsim;

/// Runs `validate` on a bad file: exit code 2, one error naming file, line and field, no panic.
fn bad(file: &str, field: &str, line: usize, fragments: &[&str]) {
    let path = format!("tests/data/bad/{file}");
    let out = grdpsim()
        .args(["validate", &path, "--lang", "en"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{file}: exit code, stderr:\n{stderr}"
    );
    assert!(out.stdout.is_empty(), "{file}: nothing on stdout");
    assert!(!stderr.contains("panicked"), "{file}: panicked:\n{stderr}");
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "{file}: exactly one error:\n{stderr}"
    );
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.contains(&format!(":{line}:")),
        "{file}: line {line} in {first:?}"
    );
    assert!(
        first.contains(&format!("field `{field}`")),
        "{file}: field {field} in {first:?}"
    );
    for f in fragments {
        assert!(stderr.contains(f), "{file}: expected {f:?} in:\n{stderr}");
    }
}

#[test]
fn missing_field_names_the_field_and_what_is_expected() {
    bad(
        "missing_field.toml",
        "economy.capital_share",
        8,
        &[
            "missing_field.toml",
            "missing field `capital_share`",
            "between 0 and 1",
        ],
    );
}

#[test]
fn wrong_type_says_a_number_was_expected() {
    bad(
        "wrong_type.toml",
        "economy.depreciation",
        12,
        &["expected a number", "five percent"],
    );
}

#[test]
fn unknown_field_suggests_the_closest_name() {
    bad(
        "unknown_field.toml",
        "economy.depreciaton",
        12,
        &["unknown field", "did you mean `depreciation`?"],
    );
}

#[test]
fn negative_depreciation_is_rejected() {
    bad(
        "negative_depreciation.toml",
        "economy.depreciation",
        12,
        &["found -0.05"],
    );
}

#[test]
fn shares_above_one_are_rejected() {
    bad(
        "share_above_one.toml",
        "economy.capital_share",
        11,
        &["found 1.2"],
    );
    bad(
        "link_share_above_one.toml",
        "links[0].share",
        44,
        &["found 1.5"],
    );
}

#[test]
fn mismatched_year_counts_say_how_many_were_expected() {
    bad(
        "mismatched_years.toml",
        "labour.population",
        19,
        &["5 values", "2026–2030", "found 4"],
    );
}

#[test]
fn unknown_source_in_a_link_suggests_the_closest_id() {
    bad(
        "unknown_link_source.toml",
        "links[0].to",
        43,
        &["\"publik\"", "did you mean \"public\"?"],
    );
}

#[test]
fn extends_cycle_is_an_error_not_a_hang() {
    bad(
        "extends_cycle_a.toml",
        "extends",
        1,
        &["cycle", "extends_cycle_a.toml", "extends_cycle_b.toml"],
    );
}

#[test]
fn missing_parent_and_broken_toml_are_located() {
    bad(
        "extends_missing.toml",
        "extends",
        1,
        &["no_such_parent.toml"],
    );
    bad("not_toml.toml", "economy", 8, &["unclosed table"]);
    bad(
        "financed_exceeds_plan.toml",
        "sources.public.amounts",
        29,
        &["2026", "financing links"],
    );
}

#[test]
fn missing_file_is_bad_input() {
    let out = grdpsim()
        .args(["project", "tests/data/no-such-file.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.toml"));
}

#[test]
fn project_writes_json_and_csv_with_the_documented_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = grdpsim()
        .args([
            "project",
            "tests/data/minimal.toml",
            "--lang",
            "en",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stdout = crate::support::stdout_ok(&out);
    assert!(stdout.contains("Average growth (CAGR)"), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("projection.json")).expect("json"))
            .expect("parses");
    for key in ["scenario", "engine", "target", "cagr", "tfp_share", "years"] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    let years = json["years"].as_array().expect("years");
    assert_eq!(years.len(), 5);
    for key in [
        "year",
        "growth",
        "grdp_real",
        "grdp_nominal",
        "investment_nominal",
        "investment_real",
        "investment_ratio",
        "capital",
        "capital_growth",
        "labour",
        "labour_growth",
        "tfp_growth",
        "contrib_tfp",
        "contrib_capital",
        "contrib_labour",
        "tfp_share",
        "icor",
        "labour_productivity",
        "grdp_per_capita_vnd",
        "grdp_per_capita_usd",
        "investment_by_source",
    ] {
        assert!(years[0].get(key).is_some(), "missing year key {key}");
    }
    // public 100 = own 75 + half of land's 50; private 300; land is financing, not a source of investment
    let by_source = &years[0]["investment_by_source"];
    assert_eq!(by_source["public"].as_f64(), Some(100.0));
    assert_eq!(by_source["private"].as_f64(), Some(300.0));
    assert!(by_source.get("land").is_none());
    assert_eq!(json["years"][0]["investment_nominal"].as_f64(), Some(400.0));
    let csv = std::fs::read(dir.path().join("projection.csv")).expect("csv");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "CSV starts with a UTF-8 BOM"
    );
    let text = String::from_utf8_lossy(&csv[3..]);
    assert_eq!(text.lines().count(), 6, "header + 5 years");
    assert!(
        text.lines()
            .next()
            .unwrap_or_default()
            .starts_with("year,growth,")
    );
    // no temporary files left behind
    for e in std::fs::read_dir(dir.path()).expect("dir") {
        let name = e.expect("entry").file_name();
        assert!(!name.to_string_lossy().ends_with(".tmp"), "left {name:?}");
    }
}

#[test]
fn vietnamese_report_uses_vietnamese_number_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = grdpsim()
        .args([
            "project",
            "tests/data/minimal.toml",
            "--lang",
            "vi",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.contains("Tăng trưởng bình quân (CAGR)"));
    // total investment 600 + 1,800 = 2,400: Vietnamese '.' for thousands, ',' for decimals
    assert!(stdout.contains("2.400,0 nghìn tỷ"), "{stdout}");
    assert!(stdout.contains("mục tiêu: 11,0%"), "{stdout}");
}

#[test]
fn init_writes_a_starter_that_validates_and_projects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8 path");
    grdpsim()
        .args(["init", "my-scenario", "--dir", d])
        .assert()
        .success();
    let file = Path::new(d).join("my-scenario.toml");
    assert!(file.exists());
    grdpsim().arg("validate").arg(&file).assert().success();
    grdpsim()
        .arg("project")
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("o"))
        .assert()
        .success();
    // refuses to overwrite
    grdpsim()
        .args(["init", "my-scenario", "--dir", d])
        .assert()
        .code(2);
    // rejects a bad name
    grdpsim()
        .args(["init", "my scenario!", "--dir", d])
        .assert()
        .code(2);
}

#[test]
fn bad_arguments_are_exit_code_2() {
    grdpsim().args(["project"]).assert().code(2);
    grdpsim()
        .args(["project", "tests/data/minimal.toml", "--lang", "fr"])
        .assert()
        .code(2);
}

#[test]
fn summary_json_is_byte_identical_for_1_2_and_7_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut outputs = Vec::new();
    for threads in ["1", "2", "7"] {
        let out = dir.path().join(format!("t{threads}"));
        grdpsim()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "run",
                "tests/data/uncertain.toml",
                "--paths",
                "50000",
                "--seed",
                "99",
                "--formats",
                "json,csv",
                "--out",
            ])
            .arg(&out)
            .assert()
            .success();
        outputs.push(std::fs::read(out.join("summary.json")).expect("summary.json"));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    let json: serde_json::Value = serde_json::from_slice(&outputs[0]).expect("parses");
    for key in [
        "scenario",
        "seed",
        "paths",
        "target",
        "prob_hit",
        "prob_hit_se",
        "prob_hit_ci95",
        "prob_above",
        "cagr",
        "years",
        "funding",
        "tfp_share",
        "deterministic",
    ] {
        assert!(json.get(key).is_some(), "summary.json misses {key}");
    }
    for key in ["mean", "p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        assert!(json["cagr"].get(key).is_some(), "cagr misses {key}");
    }
    for key in [
        "source",
        "plan",
        "realised",
        "shortfall_mean",
        "prob_hit_given_short",
    ] {
        assert!(
            json["funding"][0].get(key).is_some(),
            "funding misses {key}"
        );
    }
    assert_eq!(json["paths"].as_u64(), Some(50_000));
    assert_eq!(json["years"].as_array().map(Vec::len), Some(5));
}

#[test]
fn invalid_distributions_and_correlations_are_located() {
    bad(
        "correlation_asymmetric.toml",
        "correlation.matrix",
        36,
        &["(0,1) = 0.6", "(1,0) = 0.5", "repair = true"],
    );
    bad(
        "pert_mode_outside.toml",
        "uncertainty.sources.private.level",
        13,
        &["pert", "mode"],
    );
}

#[test]
fn a_run_where_every_path_is_impossible_is_a_numerical_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = grdpsim()
        .args([
            "run",
            "tests/data/bad/all_paths_invalid.toml",
            "--paths",
            "5000",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("every path was invalid") && stderr.contains("capital share"),
        "{stderr}"
    );
    assert!(!dir.path().join("summary.json").exists(), "nothing written");
}

#[test]
fn quiet_prints_nothing_but_still_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = grdpsim()
        .args(["project", "tests/data/minimal.toml", "-q", "--out"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(dir.path().join("projection.json").exists());
    let out = grdpsim()
        .args([
            "run",
            "tests/data/uncertain.toml",
            "--paths",
            "5000",
            "--verbose",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("estimated peak memory"));
}

/// A correlation matrix repaired with `repair = true` is reported where the correlations are:
/// the run's text says what was requested and what was used, the HTML report and the summary
/// carry the repair.
#[test]
fn a_repaired_correlation_matrix_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::canonicalize("scenarios/hanoi-2026-2030-mc.toml").expect("path");
    let file = dir.path().join("repaired.toml");
    std::fs::write(
        &file,
        format!(
            "extends = {:?}\n[meta]\nname = \"repaired\"\n[correlation]\n\
             inputs = [\"sources.soe\", \"sources.land_revenue\", \"sources.private\"]\n\
             matrix = [[1.0, 0.9, 0.9], [0.9, 1.0, -0.9], [0.9, -0.9, 1.0]]\nrepair = true\n",
            base.display().to_string()
        ),
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = Command::cargo_bin("grdpsim")
        .expect("bin")
        .args(["run", "--paths", "3000", "--lang", "en", "--out"])
        .arg(&out)
        .arg(&file)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("was repaired to the nearest valid one"),
        "{text}"
    );
    assert!(
        text.contains(
            "Realisation: State-owned enterprise investment ~ Realisation: Land-use fees and \
             land rent: requested 0.90 → used after repair"
        ),
        "{text}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("(requested 0.90)") && html.contains("Higham 2002"));
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("json"))
            .expect("summary");
    let r = &s["rank_correlations"][0];
    assert_eq!(r["requested"].as_f64(), Some(0.9));
    assert!(r["target"].as_f64().is_some_and(|t| t < 0.85), "{r}");
    assert!(r["repaired_distance"].as_f64().is_some_and(|d| d > 0.0));
}

/// `validate` shows each source's realisation, so a shortfall variant does not look like the
/// baseline: land revenue realised at 33.5% of 800 = 268.
#[test]
fn validate_shows_realisations() {
    let o = Command::cargo_bin("grdpsim")
        .expect("bin")
        .args([
            "validate",
            "scenarios/hanoi-2026-2030-mc-land-268.toml",
            "--lang",
            "en",
        ])
        .output()
        .expect("validate");
    let text = String::from_utf8_lossy(&o.stdout);
    let row = text
        .lines()
        .find(|l| l.contains("land_revenue") && l.contains("finances"))
        .expect("land revenue row");
    assert!(
        row.contains("800.0") && row.contains("33.5%") && row.contains("268.0"),
        "{row}"
    );
}

/// Errors speak the command's language: the `lỗi:` / `error:` label, a diagnostic's field,
/// and the command line's own messages from the catalogue.
#[test]
fn errors_are_framed_in_the_chosen_language() {
    let o = Command::cargo_bin("grdpsim")
        .expect("bin")
        .args(["run", "scenarios/hanoi-2026-2030-mc.toml", "--paths", "0"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("lỗi: --paths phải từ 1 đến"), "{err}");
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[meta]\nname = \"x\"\nbase_year = 2025\nend_year = 2030\ntarget_growth = 1.5\n",
    )
    .expect("write");
    for (lang, label, field) in [("vi", "lỗi: ", "trường `"), ("en", "error: ", "field `")] {
        let o = Command::cargo_bin("grdpsim")
            .expect("bin")
            .args(["validate", "--lang", lang])
            .arg(&bad)
            .output()
            .expect("validate");
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.starts_with(label) && err.contains(field),
            "{lang}: {err}"
        );
        assert!(err.contains(":5:"), "{err}");
    }
}

/// A run with `--precision` says where it stopped, in the terminal and in the key figures.
#[test]
fn a_precision_run_says_where_it_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = grdpsim()
        .args([
            "run",
            "tests/data/uncertain.toml",
            "--precision",
            "0.02",
            "--paths",
            "1000000",
            "--lang",
            "en",
            "--formats",
            "json,csv",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).expect("summary"))
            .expect("parses");
    let stopped = json["precision"]["stopped_at"]
        .as_u64()
        .expect("stopped_at");
    assert!(json["precision"]["met"].as_bool().expect("met"));
    assert_eq!(json["paths"].as_u64(), Some(stopped));
    assert_eq!(stopped % 16_384, 0);
    let said = format!(
        "Stopped once the 95% interval of P(reach) was at most 2.00% wide: after {} paths",
        grdpsim::report::Lang::En.num(stopped as f64, 0)
    );
    assert!(text.contains(&said), "{text}");
    let facts = std::fs::read_to_string(dir.path().join("key_figures.csv")).expect("csv");
    assert!(facts.contains("precision_stop"), "{facts}");
}

/// Output piped into a reader that has gone (`grdpsim sweep … --list | head -1` once `head`
/// is done): the command ends quietly, without a panic message. The read end is closed before
/// the command has started, so its first write fails.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["sweep", "scenarios/hanoi-2026-2030-mc.toml", "--list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr read");
    let status = child.wait().expect("ends");
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "no panic exit");
}
