//! Plausibility warnings: implausible inputs are flagged in every output (text and JSON), the
//! shipped baseline's warnings are the expected ones, thresholds are configurable and checked.

use grdpsim::analysis::plausibility::{check_projection, check_required};
use grdpsim::model;
use grdpsim::scenario::{self, Scenario};
use std::path::Path;
use std::process::Command;

fn bin(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

/// A scenario extending a shipped one with `extra` TOML, written next to the shipped files'
/// absolute path.
fn extending(dir: &Path, name: &str, parent: &str, extra: &str) -> std::path::PathBuf {
    let parent = std::fs::canonicalize(parent).expect("parent");
    let path = dir.join(format!("{name}.toml"));
    let text = format!(
        "extends = {:?}\n[meta]\nname = {name:?}\n{extra}\n",
        parent.display().to_string()
    );
    std::fs::write(&path, text).expect("write");
    path
}

fn codes(sc: &Scenario) -> Vec<String> {
    let p = model::project(sc, &sc.central).expect("projects");
    check_projection(sc, &p)
        .into_iter()
        .map(|w| w.code)
        .collect()
}

fn json_codes(file: &Path) -> Vec<String> {
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file).expect("json")).expect("parses");
    j["warnings"]
        .as_array()
        .expect("warnings array")
        .iter()
        .map(|w| w["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn tfp_growth_of_12_percent_is_flagged_in_text_and_json() {
    let t = tempfile::tempdir().expect("tempdir");
    let f = extending(
        t.path(),
        "tfp12",
        "scenarios/hanoi-2026-2030.toml",
        "[productivity]\ntfp_growth = 0.12",
    );
    let out = t.path().join("out");
    let o = bin(
        &["project", f.to_str().expect("utf-8"), "--lang", "en"],
        &out,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Warning: TFP growth averages 12.0% a year"),
        "{text}"
    );
    assert!(json_codes(&out.join("projection.json")).contains(&"tfp_growth_high".to_string()));
    // `required` says how little investment that needs, and warns on the same input
    let o = bin(
        &["required", f.to_str().expect("utf-8"), "--lang", "en"],
        &t.path().join("req"),
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("TFP growth averages 12.0% a year"));
    assert!(
        json_codes(&t.path().join("req").join("required.json"))
            .contains(&"tfp_growth_high".to_string())
    );
}

#[test]
fn an_icor_of_1_2_is_flagged_in_text_and_json() {
    let t = tempfile::tempdir().expect("tempdir");
    let f = extending(
        t.path(),
        "icor12",
        "scenarios/hanoi-2026-2030-icor.toml",
        "[productivity]\nicor = 1.2",
    );
    let sc = scenario::load(&f).expect("valid");
    assert!(codes(&sc).contains(&"icor_low".to_string()));
    let out = t.path().join("out");
    let o = bin(
        &["project", f.to_str().expect("utf-8"), "--lang", "en"],
        &out,
    );
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Warning: Period ICOR"), "{text}");
    assert!(json_codes(&out.join("projection.json")).contains(&"icor_low".to_string()));
}

#[test]
fn the_shipped_baseline_warns_on_tfp_icor_investment_and_the_2026_employment_jump() {
    let sc = scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).expect("valid");
    let p = model::project(&sc, &sc.central).expect("projects");
    let w = check_projection(&sc, &p);
    let got: Vec<(&str, Vec<i32>)> = w
        .iter()
        .map(|w| (w.code.as_str(), w.years.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            // TFP 6.46–6.68% a year (001 line 629 shares) against 5% and 3.44% in 2021–25
            ("tfp_growth_high", vec![2026, 2027, 2028, 2029, 2030]),
            // ICOR 3.75 against 5.75 in 2021–25 (001 lines 624, 636)
            ("icor_below_record", vec![]),
            // investment 43.7–43.9% of GRDP against 37.95% (001 line 636)
            ("investment_ratio_rise", vec![2027, 2028, 2029, 2030]),
            // employment 4,109.4 → 4,250 (001 line 649, plan-consistency #22)
            ("employment_jump", vec![2026]),
        ]
    );
    assert!((w[3].value - (4250.0 / 4109.4 - 1.0)).abs() < 1e-12);
    assert!((w[1].value - p.icor_period.expect("icor")).abs() < 1e-12);
    // required adds what the plan needs: TFP 6.12% a year and an implied ICOR of 3.98
    let r = model::required(&sc, &sc.central).expect("required");
    let rc: Vec<String> = check_required(&sc, &r)
        .into_iter()
        .map(|w| w.code)
        .collect();
    assert!(
        rc.contains(&"implied_tfp_growth_high".to_string()),
        "{rc:?}"
    );
    assert!(
        rc.contains(&"implied_icor_below_record".to_string()),
        "{rc:?}"
    );
    // realised years are facts: the 2021–2025 scenario has nothing to warn about
    let a = scenario::load("scenarios/hanoi-2021-2025-actual.toml".as_ref()).expect("valid");
    assert!(codes(&a).is_empty(), "{:?}", codes(&a));
}

#[test]
fn thresholds_come_from_the_plausibility_table_and_are_checked() {
    let t = tempfile::tempdir().expect("tempdir");
    let f = extending(
        t.path(),
        "lenient",
        "scenarios/hanoi-2026-2030.toml",
        "[plausibility]\ntfp_growth_max = 0.07\nemployment_growth_max = 0.04",
    );
    let sc = scenario::load(&f).expect("valid");
    assert_eq!(
        codes(&sc),
        vec!["icor_below_record", "investment_ratio_rise"]
    );
    // a bound that is not a share, and an inverted pair, are refused with the field
    let bad = extending(
        t.path(),
        "bad",
        "scenarios/hanoi-2026-2030.toml",
        "[plausibility]\ntfp_share_max = 1.5",
    );
    let e = scenario::load(&bad).expect_err("refused").to_string();
    assert!(
        e.contains("plausibility.tfp_share_max") && e.contains("bad.toml"),
        "{e}"
    );
    let inverted = extending(
        t.path(),
        "inverted",
        "scenarios/hanoi-2026-2030.toml",
        "[plausibility]\nicor_min = 5.0\nicor_max = 4.0",
    );
    let e = scenario::load(&inverted).expect_err("refused").to_string();
    assert!(e.contains("plausibility.icor_max"), "{e}");
    let typo = extending(
        t.path(),
        "typo",
        "scenarios/hanoi-2026-2030.toml",
        "[plausibility]\ntfp_growt_max = 0.07",
    );
    let e = scenario::load(&typo).expect_err("refused").to_string();
    assert!(e.contains("tfp_growth_max"), "{e}");
}

#[test]
fn run_and_validate_carry_the_warnings() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("run");
    let o = bin(
        &[
            "run",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--paths",
            "2000",
            "--formats",
            "json,html",
            "--lang",
            "en",
        ],
        &out,
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Warning: Employment changes 3.4%"));
    assert_eq!(json_codes(&out.join("summary.json")).len(), 4);
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("Employment changes 3.4%"));
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["validate", "scenarios/hanoi-2026-2030.toml", "--lang", "en"])
        .output()
        .expect("runs");
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(text.matches("warning: ").count(), 4, "{text}");
}
