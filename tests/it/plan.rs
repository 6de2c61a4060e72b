//! The shipped Hanoi scenario against the figures printed in the planning documents.
//!
//! Every expected number below is copied from a seed document (file and line given), so
//! these tests fail if the scenario file or the engine drifts from the plan.

use approx::assert_abs_diff_eq;
use grdpsim::model;
use grdpsim::scenario::{self, Scenario};

const BASELINE: &str = "scenarios/hanoi-2026-2030.toml";

fn load(path: &str) -> Scenario {
    scenario::load(path.as_ref()).unwrap_or_else(|e| panic!("{path} must be valid: {e}"))
}

/// 001_a5d28ec365456f50.txt line 623: GRDP at current prices, k-bn VND.
const GRDP_NOMINAL: [f64; 5] = [1768.0, 1990.0, 2250.0, 2550.0, 2872.0];
/// line 635: realised investment, k-bn VND.
const INVESTMENT: [f64; 5] = [730.0, 870.0, 1000.0, 1130.0, 1270.0];
/// line 636: investment / GRDP, %.
const INVESTMENT_RATIO_PCT: [f64; 5] = [41.29, 43.72, 44.44, 44.31, 44.22];
/// line 625: GRDP per capita, million VND.
const PER_CAPITA: [f64; 5] = [198.0, 220.8, 247.3, 277.7, 309.6];
/// line 626: GRDP per capita, USD.
const PER_CAPITA_USD: [f64; 5] = [7765.0, 8659.0, 9697.0, 10890.0, 12141.0];

#[test]
fn baseline_inputs_are_the_plans_numbers() {
    let sc = load(BASELINE);
    assert_eq!(sc.meta.years, vec![2026, 2027, 2028, 2029, 2030]);
    assert_eq!(sc.meta.target_growth, 0.11); // line 34 / 624
    // base GRDP 176.4 m VND × 8,717.6 thousand people (lines 625, 641)
    assert_abs_diff_eq!(
        sc.central.grdp_base_nominal,
        176.4 * 8717.6 / 1000.0,
        epsilon = 0.05
    );
    // labour and population (lines 649, 641)
    assert_eq!(
        sc.central.employment,
        vec![4250.0, 4285.0, 4315.0, 4345.0, 4373.0]
    );
    assert_eq!(
        sc.central.population,
        vec![8928.8, 9012.6, 9099.6, 9182.8, 9276.9]
    );
    assert_eq!(sc.central.employment_base, 4109.4);
    assert_eq!(sc.central.population_base, 8717.6);
    let p = model::project(&sc, &sc.central).expect("projects");
    for (y, plan) in p.years.iter().zip(INVESTMENT) {
        assert_abs_diff_eq!(y.investment_nominal, plan, epsilon = 0.01);
    }
    assert_abs_diff_eq!(p.investment_nominal_total, 5000.0, epsilon = 0.05); // lines 635, 972
    // Phụ lục 03 by source over five years (lines 974, 975, 639)
    let total = |id: &str| -> f64 {
        p.years
            .iter()
            .map(|y| y.investment_by_source.get(id).unwrap_or(0.0))
            .sum()
    };
    assert_abs_diff_eq!(total("public_investment"), 730.0, epsilon = 0.05);
    assert_abs_diff_eq!(total("soe"), 770.0, epsilon = 0.05);
    assert_abs_diff_eq!(total("fdi"), 16.0 * 25.5, epsilon = 0.05); // 16 bn USD at 25,500
    // land revenue 800 (line 994), 150 of it in 2026
    let land: f64 = p
        .years
        .iter()
        .map(|y| y.financing_realised.get("land_revenue").unwrap_or(0.0))
        .sum();
    assert_abs_diff_eq!(land, 800.0, epsilon = 0.05);
    assert_abs_diff_eq!(
        p.years[0]
            .financing_realised
            .get("land_revenue")
            .unwrap_or(0.0),
        150.0,
        epsilon = 1e-9
    );
}

#[test]
fn with_tfp_from_the_inverse_mode_the_projection_reproduces_phu_luc_01() {
    let sc = load(BASELINE);
    let x = model::with_implied_tfp(&sc, &sc.central).expect("inverse mode");
    let p = model::project(&sc, &x).expect("projects");
    assert_abs_diff_eq!(p.cagr, 0.11, epsilon = 1e-12);
    for (i, y) in p.years.iter().enumerate() {
        assert_abs_diff_eq!(y.growth, 0.11, epsilon = 1e-12);
        let rel = y.grdp_nominal / GRDP_NOMINAL[i] - 1.0;
        assert!(
            rel.abs() <= 0.005,
            "{}: GRDP {:.1} vs plan {}",
            y.year,
            y.grdp_nominal,
            GRDP_NOMINAL[i]
        );
        assert_abs_diff_eq!(
            100.0 * y.investment_ratio,
            INVESTMENT_RATIO_PCT[i],
            epsilon = 0.1
        );
        assert_abs_diff_eq!(y.grdp_per_capita_vnd, PER_CAPITA[i], epsilon = 0.1);
        let usd_rel = y.grdp_per_capita_usd / PER_CAPITA_USD[i] - 1.0;
        assert!(
            usd_rel.abs() <= 0.005,
            "{}: {:.0} USD vs {}",
            y.year,
            y.grdp_per_capita_usd,
            PER_CAPITA_USD[i]
        );
    }
    // labour productivity 2030: 656.8 million VND per worker (line 657)
    assert_abs_diff_eq!(p.years[4].labour_productivity, 656.8, epsilon = 0.1);
    // 5-year GRDP sum 11,430 (line 623) and investment/GRDP 43.74% (line 636)
    assert!((p.grdp_nominal_total / 11430.0 - 1.0).abs() <= 0.005);
    assert_abs_diff_eq!(100.0 * p.investment_ratio_period, 43.74, epsilon = 0.1);
    // implied period ICOR = 43.74 / 11 = 3.98
    assert_abs_diff_eq!(p.icor_period.expect("defined"), 3.98, epsilon = 0.01);
}

#[test]
fn icor_engine_with_3_98_gives_about_11_percent() {
    let sc = load("scenarios/hanoi-2026-2030-icor.toml");
    let p = model::project(&sc, &sc.central).expect("projects");
    assert_abs_diff_eq!(p.cagr, 0.11, epsilon = 0.002);
    for y in &p.years {
        // each year's growth is that year's investment ratio / 3.98
        assert_abs_diff_eq!(y.growth, y.investment_ratio / 3.98, epsilon = 1e-12);
    }
}

#[test]
fn land_revenue_at_268_lowers_public_investment_through_the_link() {
    let base = load(BASELINE);
    let low = load("scenarios/hanoi-2026-2030-land-268.toml");
    let pb = model::project(&base, &base.central).expect("projects");
    let pl = model::project(&low, &low.central).expect("projects");
    let land = |p: &model::Projection| -> f64 {
        p.years
            .iter()
            .map(|y| y.financing_realised.get("land_revenue").unwrap_or(0.0))
            .sum()
    };
    assert_abs_diff_eq!(land(&pl), 268.0, epsilon = 0.5); // line 272
    let share = low
        .links
        .iter()
        .find(|l| low.sources[l.from].id == "land_revenue")
        .expect("link")
        .share;
    let drop = pb.investment_nominal_total - pl.investment_nominal_total;
    assert_abs_diff_eq!(drop, share * (land(&pb) - land(&pl)), epsilon = 1e-6);
    assert!(pl.cagr < pb.cagr);
}

#[test]
fn every_shipped_scenario_validates_and_projects() {
    let mut n = 0;
    for entry in std::fs::read_dir("scenarios").expect("scenarios folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let sc = scenario::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let p = model::project(&sc, &sc.central)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(p.cagr.is_finite());
            let r = model::required(&sc, &sc.central).expect("inverse");
            assert!(r.implied_tfp_share_period.is_finite());
            // every source cites where its numbers come from
            for s in &sc.sources {
                assert!(
                    !s.citation.is_empty(),
                    "{}: source {} has no citation",
                    path.display(),
                    s.id
                );
            }
            n += 1;
        }
    }
    assert!(n >= 6, "expected the baseline and its variants, found {n}");
}

/// The shipped uncertain scenarios run, and the shortfall cases rank as their inputs say
/// (common random numbers: the same seed pairs the draws).
#[test]
fn shipped_uncertain_scenarios_run_and_shortfalls_lower_the_probability() {
    use grdpsim::montecarlo::{self, RunConfig, Sampler};
    let cfg = RunConfig::new(40_960, 7, Sampler::Mc);
    let p = |name: &str| {
        let sc = load(&format!("scenarios/{name}.toml"));
        assert!(
            !sc.uncertainty.inputs.is_empty(),
            "{name} has distributions"
        );
        let s = montecarlo::run(&sc, &cfg).expect("runs");
        assert_eq!(s.invalid_paths, 0, "{name}");
        assert!(s.prob_hit_ci95[0] <= s.prob_hit && s.prob_hit <= s.prob_hit_ci95[1]);
        s.prob_hit
    };
    let base = p("hanoi-2026-2030-mc");
    assert!(base > 0.05 && base < 0.6, "baseline P(hit) {base}");
    for short in [
        "soe-short",
        "land-268",
        "megaprojects-delayed",
        "central-short",
    ] {
        let with = p(&format!("hanoi-2026-2030-mc-{short}"));
        let without = p(&format!("hanoi-2026-2030-mc-{short}-nocomp"));
        assert!(with < base, "{short}: {with} vs baseline {base}");
        // switching compensation off never helps
        assert!(without <= with, "{short}: without {without} vs with {with}");
    }
}

#[test]
fn match_plan_prints_the_plans_table_within_the_core_tolerances() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("mp");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["project", BASELINE, "--match-plan", "--lang", "en", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("The plan's table: Phụ lục 01 against the model"),
        "{text}"
    );
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan_match.json")).expect("json"))
            .expect("parses");
    let rows = j["rows"].as_array().expect("rows");
    let dev = |key: &str| -> Vec<f64> {
        rows.iter()
            .filter(|r| r["indicator"] == key)
            .map(|r| r["deviation"].as_f64().expect("number"))
            .collect()
    };
    // the tolerances of with_tfp_from_the_inverse_mode_the_projection_reproduces_phu_luc_01
    assert_eq!(dev("growth").len(), 5);
    assert!(dev("growth").iter().all(|d| d.abs() < 1e-12));
    assert!(dev("grdp_nominal").iter().all(|d| d.abs() <= 0.005));
    assert!(dev("investment_ratio").iter().all(|d| d.abs() <= 0.001));
    assert!(dev("grdp_per_capita_usd").iter().all(|d| d.abs() <= 0.005));
    for r in rows.iter().filter(|r| r["indicator"] == "grdp_per_capita") {
        let (p, m) = (
            r["plan"].as_f64().expect("plan"),
            r["model"].as_f64().expect("model"),
        );
        assert!((p - m).abs() <= 0.1, "{r}");
    }
    assert!(dev("grdp_nominal_total")[0].abs() <= 0.005);
    // the yearly TFP shares the plan prints (60–62%, line 629) are what it cannot match:
    // 2026 needs far less because employment jumps 3.4% that year
    assert!(dev("tfp_share")[0] < -0.05);
    assert!((j["tfp_share_period"].as_f64().expect("share") - 0.57).abs() < 0.005);
    assert!(out.join("plan_match.csv").is_file() && out.join("manifest.json").is_file());
}
