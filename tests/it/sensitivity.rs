//! `grdpsim sensitivity`: tornado numbers against closed forms, Sobol indices on the shipped
//! scenario, thread-count identity, and the command's output folder.

use grdpsim::analysis::sensitivity::{self, GroupKind, SensitivityConfig};
use grdpsim::model::{self, Workspace};
use grdpsim::montecarlo::{self, Hold, RunConfig, Sampler};
use grdpsim::scenario::{self, Scenario};
use statrs::distribution::{ContinuousCDF, Normal};
use std::io::Cursor;

use crate::support::grdpsim;

fn load_str(name: &str, text: &str) -> Scenario {
    scenario::load_str(name, text).unwrap_or_else(|e| panic!("{e}"))
}

fn minimal_text() -> String {
    std::fs::read_to_string("tests/data/minimal.toml").expect("read")
}

fn cfg(paths: u64, rows: usize, bootstrap: usize) -> SensitivityConfig {
    SensitivityConfig {
        seed: 20260101,
        paths,
        rows,
        bootstrap,
        progress: false,
    }
}

/// The CAGR of the deterministic engine with `level` added to TFP growth every year and the
/// private source's realisation multiplied by `private` (what the draw does for these inputs).
fn cagr_at(sc: &Scenario, level: f64, private: f64) -> f64 {
    let mut x = sc.central.clone();
    x.tfp_growth.iter_mut().for_each(|g| *g += level);
    let s = sc.source_index("private").expect("private source");
    let n = sc.horizon();
    x.realisation[s * n..(s + 1) * n]
        .iter_mut()
        .for_each(|r| *r *= private);
    let mut ws = Workspace::new(sc);
    model::simulate(sc, &x, &mut ws).expect("valid");
    model::cagr(&ws)
}

/// L*: the TFP level at which the CAGR equals the target (the CAGR rises with the level).
fn critical_level(sc: &Scenario, private: f64) -> f64 {
    let (mut lo, mut hi) = (-0.2, 0.3);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cagr_at(sc, mid, private) >= sc.meta.target_growth {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

const MU: f64 = 0.012;
const SIGMA: f64 = 0.012;

/// With the TFP level the only uncertainty, holding it at a quantile makes every path the
/// same: P(hit) is 0 or 1 and the median CAGR is the deterministic CAGR at that level. The
/// baseline P(hit) is 1 − Φ((L* − μ)/σ).
#[test]
fn tornado_of_a_single_tfp_level_matches_the_closed_forms() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = {MU}, sd = {SIGMA} }}\n",
        minimal_text()
    );
    let sc = load_str("tfp-only.toml", &text);
    let groups = sensitivity::groups(&sc);
    assert_eq!(groups.len(), 1);
    let paths = 20_000;
    let t = sensitivity::tornado(&sc, &groups, &cfg(paths, 0, 0)).expect("runs");
    let normal = Normal::new(MU, SIGMA).expect("normal");
    let bar = &t.bars[0];
    let (q10, q90) = (normal.inverse_cdf(0.1), normal.inverse_cdf(0.9));
    assert!((bar.low.level.expect("level") - q10).abs() < 1e-9);
    assert!((bar.high.level.expect("level") - q90).abs() < 1e-9);
    let (c10, c90) = (cagr_at(&sc, q10, 1.0), cagr_at(&sc, q90, 1.0));
    let target = sc.meta.target_growth;
    assert!(
        c10 < target && target < c90,
        "the target lies between the ends: {c10} {c90}"
    );
    assert_eq!(bar.low.run.prob_hit, 0.0);
    assert_eq!(bar.high.run.prob_hit, 1.0);
    assert_eq!(bar.swing_prob_hit, 1.0);
    assert!(
        (bar.low.run.cagr_p50 - c10).abs() < 1e-12,
        "{}",
        bar.low.run.cagr_p50
    );
    assert!((bar.high.run.cagr_p50 - c90).abs() < 1e-12);
    assert!((bar.swing_cagr_p50 - (c90 - c10)).abs() < 1e-12);
    // baseline against 1 − Φ((L* − μ)/σ), within 4 standard errors
    let exact = 1.0 - normal.cdf(critical_level(&sc, 1.0));
    let se = (exact * (1.0 - exact) / paths as f64).sqrt();
    eprintln!(
        "baseline P(hit) {} vs closed form {exact:.5} (se {se:.5}); P10/P90 CAGR {c10:.6}/{c90:.6}",
        t.baseline.prob_hit
    );
    assert!(
        (t.baseline.prob_hit - exact).abs() < 4.0 * se,
        "baseline {} vs {exact}",
        t.baseline.prob_hit
    );
}

/// Two independent inputs: TFP level normal and the private realisation uniform. Holding the
/// realisation at its P10 or P90 (r), P(hit) = 1 − Φ((L*(r) − μ)/σ), L* found on the engine.
#[test]
fn tornado_with_a_second_input_matches_the_conditional_probability() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = {MU}, sd = {SIGMA} }}\n\
         [uncertainty.sources.private]\nlevel = {{ dist = \"uniform\", min = 0.6, max = 1.2 }}\n",
        minimal_text()
    );
    let sc = load_str("tfp-private.toml", &text);
    let groups = sensitivity::groups(&sc);
    let paths = 20_000u64;
    let t = sensitivity::tornado(&sc, &groups, &cfg(paths, 0, 0)).expect("runs");
    let private = sc
        .uncertainty
        .input_index("sources.private")
        .expect("input");
    let bar = t
        .bars
        .iter()
        .find(|b| b.id == "sources.private")
        .expect("bar");
    assert_eq!(groups[bar.group].kind, GroupKind::Input(private));
    let normal = Normal::new(MU, SIGMA).expect("normal");
    for (end, r) in [(&bar.low, 0.6 + 0.1 * 0.6), (&bar.high, 0.6 + 0.9 * 0.6)] {
        assert!((end.level.expect("level") - r).abs() < 1e-12);
        let exact = 1.0 - normal.cdf(critical_level(&sc, r));
        let se = (exact * (1.0 - exact) / paths as f64).sqrt();
        eprintln!(
            "realisation {r}: P(hit) {} vs closed form {exact:.5} (se {se:.5})",
            end.run.prob_hit
        );
        assert!(
            (end.run.prob_hit - exact).abs() < 4.0 * se,
            "realisation {r}: {} vs {exact} (se {se})",
            end.run.prob_hit
        );
        assert!(end.run.prob_hit_ci95[0] <= end.run.prob_hit);
        assert!(end.run.prob_hit <= end.run.prob_hit_ci95[1]);
    }
    // TFP moves P(hit) more than the realisation does here, and bars are sorted by swing
    assert_eq!(t.bars[0].id, "tfp_growth");
    assert!(t.bars[0].swing_prob_hit >= t.bars[1].swing_prob_hit);
}

/// The lean held run with nothing held reproduces the full run exactly (same paths, streams,
/// histogram), on a scenario with correlation, events and compensation.
#[test]
fn held_run_with_nothing_held_equals_the_full_run() {
    let sc = scenario::load("tests/data/uncertain.toml".as_ref()).expect("loads");
    let rc = RunConfig::new(6000, 11, Sampler::Mc);
    let full = montecarlo::run(&sc, &rc).expect("runs");
    let hold = Hold {
        level: vec![None; sc.uncertainty.inputs.len()],
        delay: vec![None; sc.uncertainty.events.len()],
    };
    let held = montecarlo::run_held(&sc, &rc, &hold).expect("runs");
    assert_eq!(held.prob_hit, full.prob_hit);
    assert_eq!(held.prob_hit_ci95, full.prob_hit_ci95);
    assert_eq!(held.cagr_p50, full.cagr.p50);
    assert_eq!(held.valid + held.invalid, 6000);
    assert_eq!(held.invalid, full.invalid_paths);
}

/// On the shipped Monte Carlo scenario with few rows: first-order indices sum to at most
/// 1 + 4 SE, every index lies in [−4 SE, 1 + 4 SE], every total index is at least its
/// first-order index up to error (the indices are over independent variates), and TFP
/// explains the most.
#[test]
fn sobol_indices_on_the_shipped_scenario_are_consistent() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("loads");
    let groups = sensitivity::groups(&sc);
    let s = sensitivity::sobol(&sc, &groups, &cfg(0, 1024, 100)).expect("estimates");
    assert_eq!(s.rows_used + s.rows_dropped, 1024);
    assert_eq!(s.groups.len(), sc.uncertainty.inputs.len() + 1);
    assert_eq!(s.basis, "independent_underlying_normals");
    assert!(
        s.sum_first.estimate <= 1.0 + 4.0 * s.sum_first.se,
        "ΣS = {} ± {}",
        s.sum_first.estimate,
        s.sum_first.se
    );
    for g in &s.groups {
        for i in [&g.first, &g.total] {
            assert!(i.estimate >= -4.0 * i.se - 1e-12, "{}: {:?}", g.id, i);
            assert!(i.estimate <= 1.0 + 4.0 * i.se, "{}: {:?}", g.id, i);
        }
        let err = 4.0 * (g.first.se * g.first.se + g.total.se * g.total.se).sqrt();
        assert!(g.total.estimate >= g.first.estimate - err, "{}", g.id);
    }
    let top = &s.groups[s.order_by_total[0]];
    eprintln!(
        "ΣS = {:.4} ± {:.4}; top {} S {:.3} ST {:.3}",
        s.sum_first.estimate, s.sum_first.se, top.id, top.first.estimate, top.total.estimate
    );
    assert_eq!(top.id, "tfp_growth");
    // the variance the indices share is the CAGR's, a percentage point or so
    assert!(s.variance.sqrt() > 0.002 && s.variance.sqrt() < 0.05);
}

/// An input that cannot move the CAGR gets indices of exactly zero: with no source in USD the
/// exchange rate only converts reports, so every AB output equals its A output bit for bit.
#[test]
fn an_input_without_effect_has_zero_indices() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = {MU}, sd = {SIGMA} }}\n\
         [uncertainty.exchange_rate]\nlevel = {{ dist = \"fixed\", value = 1.0 }}\n\
         shock = {{ dist = \"normal\", mean = 0.0, sd = 0.02 }}\n",
        minimal_text()
    );
    let sc = load_str("fx.toml", &text);
    let groups = sensitivity::groups(&sc);
    let s = sensitivity::sobol(&sc, &groups, &cfg(0, 512, 60)).expect("estimates");
    let fx = s
        .groups
        .iter()
        .find(|g| g.id == "exchange_rate")
        .expect("fx");
    assert_eq!(fx.first.estimate, 0.0);
    assert_eq!(fx.total.estimate, 0.0);
    let tfp = s.groups.iter().find(|g| g.id == "tfp_growth").expect("tfp");
    // the only input that matters explains everything
    assert!((tfp.total.estimate - 1.0).abs() < 4.0 * tfp.total.se + 1e-9);
    assert!((tfp.first.estimate - 1.0).abs() < 4.0 * tfp.first.se + 1e-9);
}

#[test]
fn results_are_identical_for_one_and_two_threads() {
    let sc = scenario::load("tests/data/uncertain.toml".as_ref()).expect("loads");
    // 2 chunks of paths, 3 chunks of Sobol rows
    let c = cfg(4200, 600, 60);
    let run = |threads: usize| -> String {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let s = pool
            .install(|| sensitivity::analyse(&sc, &c))
            .expect("runs");
        serde_json::to_string(&s).expect("json")
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert!(one.contains("\"tornado\"") && one.contains("\"sobol\""));
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_command_writes_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("sens");
    let assert = grdpsim()
        .args([
            "sensitivity",
            "tests/data/uncertain.toml",
            "--paths",
            "3000",
            "--rows",
            "128",
            "--bootstrap",
            "50",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("Tornado") && stdout.contains("Sobol indices"));
    assert!(stdout.contains("independent underlying normals"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&out.join("manifest.json"))).expect("json");
    assert_eq!(manifest["command"], "sensitivity");
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    for f in [
        "sensitivity.json",
        "tornado.csv",
        "sobol.csv",
        "tornado.png",
        "tornado.svg",
        "sobol.png",
        "sobol.svg",
        "sensitivity.xlsx",
        "sensitivity.html",
    ] {
        assert!(listed.contains(&f), "{f} missing from the manifest");
        assert!(out.join(f).exists(), "{f} not written");
    }
    // JSON: bars sorted by P(hit) swing, the basis stated
    let json: serde_json::Value =
        serde_json::from_slice(&read(&out.join("sensitivity.json"))).expect("json");
    let swings: Vec<f64> = json["tornado"]["bars"]
        .as_array()
        .expect("bars")
        .iter()
        .map(|b| b["swing_prob_hit"].as_f64().expect("swing"))
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    assert_eq!(json["sobol"]["basis"], "independent_underlying_normals");
    assert_eq!(json["sobol"]["rows_requested"], 128);
    // CSV: UTF-8 with BOM, one row per group
    let csv = read(&out.join("sobol.csv"));
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let groups = json["groups"].as_array().expect("groups").len();
    assert_eq!(
        String::from_utf8_lossy(&csv).lines().count(),
        groups + 1,
        "header + one row per group"
    );
    // XLSX: the three sheets and the native tornado's; the tornado sheet holds the top bar's
    // P(hit) at P90
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(read(&out.join("sensitivity.xlsx"))))
            .expect("xlsx opens");
    assert_eq!(wb.sheet_names(), ["Tornado", "Sobol", "Notes", "Charts"]);
    let top = json["tornado"]["bars"][0]["high"]["run"]["prob_hit"]
        .as_f64()
        .expect("p");
    let range = wb.worksheet_range("Tornado").expect("sheet");
    assert!(
        range
            .cells()
            .any(|(_, _, v)| matches!(v, calamine::Data::Float(x) if (*x - top).abs() < 1e-15))
    );
    // HTML: well-formed, self-contained, both charts inline, the method explained
    let html = String::from_utf8(read(&out.join("sensitivity.html"))).expect("utf-8");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, opts).expect("XHTML-compatible");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("Saltelli") && html.contains("Jansen"));
    // PNG: decodes to 1600×1000
    let decoder = png::Decoder::new(Cursor::new(read(&out.join("tornado.png"))));
    let reader = decoder.read_info().expect("png");
    assert_eq!((reader.info().width, reader.info().height), (1600, 1000));
}

#[test]
fn bad_arguments_exit_with_code_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["--rows", "0"],
        vec!["--bootstrap", "1"],
        vec!["--paths", "0"],
        vec!["--no-such-flag"],
        vec!["--lang", "fr"],
    ] {
        grdpsim()
            .args(["sensitivity", "tests/data/uncertain.toml", "-q", "--out"])
            .arg(dir.path())
            .args(&args)
            .assert()
            .code(2);
    }
    // nothing uncertain: nothing to analyse
    grdpsim()
        .args(["sensitivity", "tests/data/minimal.toml", "-q", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing to analyse"));
    assert!(std::fs::read_dir(dir.path()).expect("dir").next().is_none());
}
