//! Calibration on the engine itself: the 2021–2025 scenario reproduces the documents' figures,
//! `calibrate` returns the K/Y the 2026–2030 scenarios use, and the solve agrees with a closed
//! form where one exists.

use approx::assert_abs_diff_eq;
use grdpsim::analysis::calibrate::{CalibrationError, Unknown, calibrate};
use grdpsim::model;
use grdpsim::scenario::{self, Scenario};
use std::process::Command;

fn load(path: &str) -> Scenario {
    scenario::load(path.as_ref()).expect("valid scenario")
}

const ACTUAL: &str = "scenarios/hanoi-2021-2025-actual.toml";

#[test]
fn the_2021_2025_scenario_gives_the_documents_growth_share_and_icor() {
    let sc = load(ACTUAL);
    let p = model::project(&sc, &sc.central).expect("projects");
    // 6.60% a year (001 line 624): 2021–2023 realised (003 line 216), 2024–2025 estimates
    assert_abs_diff_eq!(p.cagr, 0.066, epsilon = 1e-6);
    // TFP share 53% (001 line 629), computed by the engine, within ±0.5 point
    let share = p.tfp_share.expect("share");
    assert!((share - 0.53).abs() < 0.005, "TFP share {share}");
    // investment 37.95% of GRDP (001 line 636), ICOR 37.95/6.60 = 5.75 (plan-consistency §C)
    assert_abs_diff_eq!(p.investment_ratio_period, 0.3795, epsilon = 5e-5);
    assert_abs_diff_eq!(p.icor_period.expect("icor"), 5.75, epsilon = 0.005);
    // the realised years are the documents' figures, exactly
    let g: Vec<f64> = p.years.iter().map(|r| r.growth).collect();
    assert_eq!(&g[..3], &[0.0297, 0.0895, 0.0627]);
    // GRDP per head reproduces the printed 128.1 / 141.8 / 151.1 million VND (003 line 228)
    // and 176.4 in 2025 (001 line 625)
    for (r, printed) in p.years.iter().zip([128.1, 141.8, 151.1]) {
        assert!((r.grdp_per_capita_vnd - printed).abs() < 0.05, "{}", r.year);
    }
    assert!((p.years[4].grdp_per_capita_vnd - 176.4).abs() < 0.05);
    // nominal GRDP sums to 6,533.6 over 2021–2025 (001 line 623)
    assert_abs_diff_eq!(p.grdp_nominal_total, 6533.6, epsilon = 0.05);
}

#[test]
fn calibrate_returns_the_k_y_the_2026_2030_scenarios_use() {
    let sc = load(ACTUAL);
    let c = calibrate(&sc, Unknown::CapitalOutputRatio, 0.53).expect("calibrates");
    assert!(c.residual.abs() < 1e-12, "residual {}", c.residual);
    // the 2020 K/Y written in the file is the solution rounded to 5 decimals
    assert_abs_diff_eq!(c.value, sc.central.capital_output_ratio, epsilon = 5e-6);
    assert_eq!(c.capital_output_ratio_start, c.value);
    // every 2026–2030 scenario starts from the end-2025 K/Y, rounded to 3 decimals
    for f in std::fs::read_dir("scenarios").expect("scenarios") {
        let path = f.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !(name.starts_with("hanoi-2026-2030") && name.ends_with(".toml")) {
            continue;
        }
        let s = load(path.to_str().expect("utf-8"));
        assert_abs_diff_eq!(
            s.central.capital_output_ratio,
            c.capital_output_ratio_end,
            epsilon = 5e-4
        );
    }
    // the 2021–2025 review starts 2020 from the same calibrated K/Y
    let review = load("scenarios/hanoi-2021-2025-review.toml");
    assert_abs_diff_eq!(review.central.capital_output_ratio, c.value, epsilon = 5e-6);
    // K/Y falls as the share falls (a smaller stock grows faster, leaving less to TFP)
    let lo = c.variants.iter().find(|v| v.key == "tfp_share_minus_3pt");
    let hi = c.variants.iter().find(|v| v.key == "tfp_share_plus_3pt");
    let (lo, hi) = (lo.expect("variant"), hi.expect("variant"));
    assert!(lo.value < c.value && c.value < hi.value);
    assert_eq!(c.variants.len(), 7);
}

#[test]
fn solving_the_capital_share_inverts_the_capital_output_solve() {
    // at the calibrated K/Y, the α that gives 53% is the α the K/Y was solved with
    let mut sc = load(ACTUAL);
    let c = calibrate(&sc, Unknown::CapitalOutputRatio, 0.53).expect("calibrates");
    sc.central.capital_output_ratio = c.value;
    let a = calibrate(&sc, Unknown::CapitalShare, 0.53).expect("calibrates");
    assert_abs_diff_eq!(a.value, 0.40, epsilon = 1e-9);
    assert!(a.variants.is_empty());
}

/// One year, growth realised: the share equation has a closed form in K/Y.
#[test]
fn one_year_solve_matches_the_closed_form() {
    let text = r#"
[meta]
name = "one-year"
base_year = 2020
end_year = 2021
target_growth = 0.07
[economy]
grdp_base_nominal = 1000.0
capital_output_ratio = 3.0
capital_share = 0.35
depreciation = 0.06
deflator_growth = 0.03
exchange_rate_base = 25000
exchange_rate = 25000
[labour]
population_base = 8000
population = 8100
employment_base = 4000
employment = 4050
[productivity]
tfp_growth = 0.02
[actuals]
growth = 0.07
[[sources]]
id = "all"
group = "other"
amounts = 400
"#;
    let sc = scenario::load_str("one-year.toml", text).expect("valid");
    let (s, g, a, d) = (0.45_f64, 0.07_f64, 0.35_f64, 0.06_f64);
    // ln(K1/K0) = ((1−s)·ln(1+g) − (1−α)·ln(L1/L0)) / α; K1/K0 = (1−δ) + I_real/(k·Y0)
    let r = (((1.0 - s) * g.ln_1p() - (1.0 - a) * (4050.0_f64 / 4000.0).ln()) / a).exp();
    let i_real = 400.0 / 1.03;
    let k = i_real / (1000.0 * (r - 1.0 + d));
    let c = calibrate(&sc, Unknown::CapitalOutputRatio, s).expect("calibrates");
    assert_abs_diff_eq!(c.value, k, epsilon = 1e-9 * k);
    // end-of-year K/Y = K1 / Y1
    let k1 = (1.0 - d) * k * 1000.0 + i_real;
    assert_abs_diff_eq!(
        c.capital_output_ratio_end,
        k1 / (1000.0 * 1.07),
        epsilon = 1e-9
    );
    // a share no K/Y can give is refused with the range the engine can give
    match calibrate(&sc, Unknown::CapitalOutputRatio, 1.5) {
        Err(CalibrationError::OutOfReach { shares, .. }) => {
            assert!(shares[0] < 1.5 && shares[1] < 1.5 && shares[0] < shares[1])
        }
        other => panic!("expected OutOfReach, got {other:?}"),
    }
}

#[test]
fn calibrate_command_writes_calibration_json_and_refuses_the_impossible() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("cal");
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["calibrate", ACTUAL, "--tfp-share", "0.53", "--lang", "en"])
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("TFP share computed by the engine: 53.00%"),
        "{text}"
    );
    assert!(text.contains("Estimate") && text.contains("Actual"));
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("calibration.json")).expect("json"))
            .expect("parses");
    for k in [
        "capital_output_ratio_start",
        "capital_output_ratio_end",
        "tfp_share",
        "residual",
    ] {
        assert!(j[k].is_number(), "{k}");
    }
    assert!(out.join("manifest.json").is_file());
    assert!(out.join("calibration.csv").is_file());
    // the default share is the scenario's own target (53%), in Vietnamese by default
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["calibrate", ACTUAL, "--formats", "json"])
        .arg("--out")
        .arg(t.path().join("vi"))
        .output()
        .expect("runs");
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Ước tính"));
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args([
            "calibrate",
            ACTUAL,
            "--tfp-share",
            "1.5",
            "--formats",
            "json",
        ])
        .arg("--out")
        .arg(t.path().join("no"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("economy.capital_output_ratio") && err.contains("150.0%"),
        "{err}"
    );
}
