//! Levers by dotted path, sweeps and goal-seek: edits behave like hand-edited files, sweeps on
//! common random numbers are monotone where the model is, and `solve` lands where it says.

use assert_cmd::Command;
use grdpsim::analysis::levers::{Base, Lever};
use grdpsim::analysis::solve::{self, Goal, SolveOptions, Status};
use grdpsim::analysis::sweep;
use grdpsim::model::{self, Workspace};
use grdpsim::montecarlo::{self, RunConfig, Sampler};
use grdpsim::scenario::edit::{Edit, FieldPath, load_edited};
use statrs::distribution::{ContinuousCDF, Normal};
use std::path::Path;

fn cfg(paths: u64, seed: u64) -> RunConfig {
    RunConfig::new(paths, seed, Sampler::Mc)
}

fn edit(path: &str, value: f64) -> Edit {
    Edit {
        path: FieldPath::parse(path).expect("path"),
        value,
    }
}

const BASE: &str = "scenarios/hanoi-2026-2030.toml";
const MC: &str = "scenarios/hanoi-2026-2030-mc.toml";

/// Setting the tfp57 variant's one field by path gives exactly the variant's projection.
#[test]
fn an_edit_equals_the_hand_written_variant() {
    let edited = load_edited(
        Path::new(BASE),
        &[edit("productivity.tfp_growth", 0.0612901)],
    )
    .expect("valid edit");
    let variant = grdpsim::scenario::load(Path::new("scenarios/hanoi-2026-2030-tfp57.toml"))
        .expect("variant");
    let a = model::project(&edited, &edited.central).expect("projects");
    let b = model::project(&variant, &variant.central).expect("projects");
    assert_eq!(a.cagr.to_bits(), b.cagr.to_bits());
    assert!(
        (a.cagr - 0.1097).abs() < 5e-4,
        "tfp57 gives 10.97%: {}",
        a.cagr
    );
}

/// `.total` keeps the yearly profile and sets the sum; `[year]` one year; fields that live in
/// the parent file (the MC file extends the baseline) are edited too.
#[test]
fn selectors_on_a_field_of_the_parent_file() {
    let base = grdpsim::scenario::load(Path::new(MC)).expect("mc");
    let s = base.source_index("land_revenue").expect("land");
    let edited = load_edited(
        Path::new(MC),
        &[
            edit("sources.land_revenue.amounts.total", 268.0),
            edit("sources.soe.amounts[2027]", 200.0),
        ],
    )
    .expect("valid");
    let plan0 = &base.sources[s].plan;
    let plan1 = &edited.sources[s].plan;
    let sum: f64 = plan1.iter().sum();
    assert!((sum - 268.0).abs() < 1e-9, "{sum}");
    for t in 0..plan0.len() {
        assert!((plan1[t] / plan0[t] - 268.0 / 800.0).abs() < 1e-12);
    }
    let soe = edited.source_index("soe").expect("soe");
    assert_eq!(edited.sources[soe].plan[1], 200.0);
    assert_eq!(edited.sources[soe].plan[0], base.sources[soe].plan[0]);
    // the uncertainty of the MC file is still there, and the hash changed
    assert_eq!(
        edited.uncertainty.inputs.len(),
        base.uncertainty.inputs.len()
    );
    assert_ne!(edited.content_hash, base.content_hash);
}

/// A distribution parameter: the PERT mode of SOE realisation, whose mean is (min+4·mode+max)/6.
#[test]
fn a_distribution_parameter_is_a_lever() {
    let sc = load_edited(
        Path::new(MC),
        &[edit("uncertainty.sources.soe.level.mode", 0.6)],
    )
    .expect("valid");
    let i = sc
        .uncertainty
        .input_index("sources.soe")
        .expect("soe input");
    let mean = sc.uncertainty.inputs[i].level.mean();
    let expected = (0.5325 + 4.0 * 0.6 + 1.1299) / 6.0;
    assert!((mean - expected).abs() < 1e-9, "{mean} vs {expected}");
}

#[test]
fn a_wrong_path_lists_the_valid_ones() {
    let err = load_edited(Path::new(MC), &[edit("economy.capital_shar", 0.3)]).unwrap_err();
    assert!(err.contains("did you mean economy.capital_share"), "{err}");
    assert!(err.contains("sources.land_revenue.amounts"), "{err}");
    let err = load_edited(Path::new(MC), &[edit("economy.capital_share", 1.5)]).unwrap_err();
    assert!(err.contains("capital_share"), "{err}");
    let err = load_edited(Path::new(MC), &[edit("economy.capital_share[2027]", 0.3)]).unwrap_err();
    assert!(err.contains("single number"), "{err}");
}

/// With common random numbers each path's CAGR rises with funding, so P(hit) can only rise
/// along a funding sweep, and the point as written is the plain run exactly.
#[test]
fn a_funding_sweep_is_monotone_and_contains_the_plain_run() {
    let base = Base::load(Path::new("tests/data/uncertain.toml")).expect("loads");
    let c = cfg(8_192, 11);
    let values = sweep::grid(0.6, 1.4, 5);
    let s = sweep::sweep(&base, &[(Lever::FundingScale, values)], &c, |_, _| {}).expect("runs");
    let p: Vec<f64> = s.points.iter().map(|p| p.prob_hit.expect("ran")).collect();
    for w in p.windows(2) {
        assert!(w[1] >= w[0], "{p:?}");
    }
    assert!(p[4] > p[0] + 0.05, "funding matters: {p:?}");
    let plain = montecarlo::run(&base.scenario, &c).expect("runs");
    assert_eq!(s.points[2].prob_hit, Some(plain.prob_hit));
    assert_eq!(s.points[2].cagr_p50, Some(plain.cagr.p50));
}

/// The TFP level is the only uncertainty (normal): P(hit) = 1 − Φ((L* − μ − c)/σ) where c is
/// the shift of central TFP; P = 0.5 exactly when c = L* − μ. `solve` must land there within
/// its stated Monte Carlo interval, and an independent re-run at the answer must give P(hit)
/// within Monte Carlo error of 0.5.
#[test]
fn solve_lands_on_the_closed_form_and_a_rerun_confirms_it() {
    let (mu, sigma) = (-0.004, 0.01);
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = {mu}, sd = {sigma} }}\n",
        std::fs::read_to_string("tests/data/minimal.toml").expect("read")
    );
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("tfp-normal.toml");
    std::fs::write(&path, text).expect("write");
    let base = Base::load(&path).expect("loads");
    let sc = &base.scenario;
    // L*: the TFP shift giving exactly the target, by bisection on the deterministic engine
    let cagr_at = |shift: f64| {
        let mut x = sc.central.clone();
        x.tfp_growth.iter_mut().for_each(|g| *g += shift);
        let mut ws = Workspace::new(sc);
        model::simulate(sc, &x, &mut ws).expect("valid");
        model::cagr(&ws)
    };
    let (mut lo, mut hi) = (-0.2, 0.3);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cagr_at(mid) >= sc.meta.target_growth {
            hi = mid
        } else {
            lo = mid
        }
    }
    let l_star = hi;
    let central_mean =
        sc.central.tfp_growth.iter().sum::<f64>() / sc.central.tfp_growth.len() as f64;
    let exact = central_mean + l_star - mu;
    let lever = Lever::parse("productivity.tfp_growth.mean").expect("lever");
    let opts = SolveOptions {
        lo: central_mean - 0.05,
        hi: central_mean + 0.05,
        tolerance: 1e-6,
        max_steps: 60,
    };
    let c = cfg(20_000, 3);
    let sol =
        solve::solve(&base, &lever, Goal::Probability(0.5), opts, &c, |_| {}).expect("solves");
    assert_eq!(sol.status, Status::Solved);
    let v = sol.value.expect("value");
    let se = sol.value_se.expect("se");
    assert!(
        (v - exact).abs() <= 4.0 * se,
        "solved {v}, closed form {exact}, se {se}"
    );
    // independent re-run (another seed) at the answer
    let sc_v = base.at(&[(lever.clone(), v)]).expect("valid");
    let rerun = montecarlo::run(&sc_v, &cfg(20_000, 99)).expect("runs");
    let se_p = (0.25_f64 / 20_000.0).sqrt();
    assert!(
        (rerun.prob_hit - 0.5).abs() <= 4.0 * (2.0_f64).sqrt() * se_p,
        "re-run P(hit) {}",
        rerun.prob_hit
    );
    // and the closed form agrees at the answer
    let p_closed = 1.0
        - Normal::new(mu, sigma)
            .expect("n")
            .cdf(l_star - (v - central_mean));
    assert!(
        (rerun.prob_hit - p_closed).abs() <= 4.0 * se_p,
        "{} vs {p_closed}",
        rerun.prob_hit
    );
}

#[test]
fn solve_says_when_the_goal_is_out_of_reach() {
    let base = Base::load(Path::new("tests/data/uncertain.toml")).expect("loads");
    let opts = SolveOptions {
        lo: 0.0,
        hi: 0.05,
        tolerance: 1e-3,
        max_steps: 40,
    };
    let sol = solve::solve(
        &base,
        &Lever::FundingScale,
        Goal::Probability(0.9),
        opts,
        &cfg(4_096, 1),
        |_| {},
    )
    .expect("runs");
    assert_eq!(sol.status, Status::Unreachable);
    assert!(sol.value.is_none());
    assert!(sol.metric_at_range[1] < 0.9);
}

/// Funding scale solved for P = 0.5: the financing gap is (scale − 1) × the plan, each year.
#[test]
fn the_financing_gap_is_the_scaled_plan() {
    let base = Base::load(Path::new("tests/data/uncertain.toml")).expect("loads");
    let opts = SolveOptions {
        lo: 0.3,
        hi: 4.0,
        tolerance: 1e-3,
        max_steps: 40,
    };
    let sol = solve::solve(
        &base,
        &Lever::FundingScale,
        Goal::Probability(0.5),
        opts,
        &cfg(4_096, 5),
        |_| {},
    )
    .expect("runs");
    let v = sol.value.expect("solved");
    let f = sol.financing.expect("funding lever has a gap");
    for t in 0..f.years.len() {
        assert!((f.required[t] - v * f.plan[t]).abs() < 1e-9 * f.plan[t].max(1.0));
        assert!((f.gap[t] - (v - 1.0) * f.plan[t]).abs() < 1e-9 * f.plan[t].max(1.0));
    }
}

#[test]
fn cli_sweep_two_levers_and_a_bad_path() {
    let dir = tempfile::tempdir().expect("tmp");
    Command::cargo_bin("grdpsim")
        .expect("bin")
        .args([
            "sweep",
            "tests/data/uncertain.toml",
            "--set",
            "funding.scale=0.6:1.4:3",
            "--set",
            "productivity.tfp_growth.mean=0.01:0.05:4",
            "--paths",
            "2000",
            "--formats",
            "csv,json",
            "--lang",
            "en",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.path().join("sweep.csv")).expect("csv");
    assert_eq!(csv.lines().count(), 1 + 3 * 4);
    assert!(dir.path().join("manifest.json").exists());
    let out = Command::cargo_bin("grdpsim")
        .expect("bin")
        .args([
            "solve",
            "tests/data/uncertain.toml",
            "--for",
            "economy.deprecation",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean economy.depreciation"), "{err}");
    assert!(
        err.contains("funding.scale") || err.contains("Valid paths"),
        "{err}"
    );
}

/// `--mean`: the mean CAGR at the answer equals the target within its Monte Carlo error;
/// `--median` is the probability-½ search.
#[test]
fn solve_for_the_mean_and_the_median() {
    let base = Base::load(Path::new("tests/data/uncertain.toml")).expect("loads");
    let opts = SolveOptions {
        lo: 0.3,
        hi: 4.0,
        tolerance: 1e-4,
        max_steps: 60,
    };
    let c = cfg(8_192, 21);
    let sol = solve::solve(
        &base,
        &Lever::FundingScale,
        Goal::MeanCagr,
        opts,
        &c,
        |_| {},
    )
    .expect("runs");
    assert_eq!(sol.status, Status::Solved);
    let v = sol.value.expect("value");
    let sc = base.at(&[(Lever::FundingScale, v)]).expect("valid");
    let again = montecarlo::run(&sc, &cfg(8_192, 77)).expect("runs");
    let se = sol.achieved_se.expect("se");
    assert!(
        (again.cagr.mean - sc.meta.target_growth).abs() <= 4.0 * (2.0_f64).sqrt() * se + 1e-4,
        "mean CAGR {} at {v}, se {se}",
        again.cagr.mean
    );
    let dir = tempfile::tempdir().expect("tmp");
    Command::cargo_bin("grdpsim")
        .expect("bin")
        .args([
            "solve",
            "tests/data/uncertain.toml",
            "--for",
            "funding.scale",
            "--median",
            "--paths",
            "4096",
            "--formats",
            "json",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("solve.json")).expect("json"))
            .expect("parses");
    assert_eq!(json["goal"]["probability"], 0.5);
    assert_eq!(json["status"], "solved");
}

/// Sweep points run in parallel: sweep.json is byte-identical on 1 and 2 threads.
#[test]
fn sweep_is_identical_for_any_thread_count() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().expect("tmp");
        Command::cargo_bin("grdpsim")
            .expect("bin")
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "sweep",
                "tests/data/uncertain.toml",
                "--set",
                "funding.scale=0.6:1.4:4",
                "--paths",
                "5000",
                "--formats",
                "json",
                "--out",
            ])
            .arg(dir.path())
            .assert()
            .success();
        std::fs::read(dir.path().join("sweep.json")).expect("json")
    };
    assert_eq!(run("1"), run("2"));
}
