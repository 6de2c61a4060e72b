//! Statistical correctness and reproducibility of the Monte Carlo.

use grdpsim::model::{self, Workspace};
use grdpsim::montecarlo::{self, RunConfig, Sampler, Scratch};
use grdpsim::scenario::{self, Scenario};
use statrs::distribution::{ContinuousCDF, Normal};

fn load_str(name: &str, text: &str) -> Scenario {
    scenario::load_str(name, text).unwrap_or_else(|e| panic!("{e}"))
}

fn minimal_text() -> String {
    std::fs::read_to_string("tests/data/minimal.toml").expect("read")
}

fn cfg(paths: u64, seed: u64, sampler: Sampler) -> RunConfig {
    RunConfig::new(paths, seed, sampler)
}

/// Only the TFP level is uncertain, normal and the same every year: CAGR is monotone in it, so
/// P(hit) = 1 − Φ((L* − μ)/σ) where L* is the level that gives exactly the target.
#[test]
fn probability_of_hit_matches_the_closed_form() {
    let (mu, sigma) = (0.004, 0.012);
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = {mu}, sd = {sigma} }}\n",
        minimal_text()
    );
    let sc = load_str("tfp-normal.toml", &text);
    // L*: bisection on the deterministic engine
    let cagr_at = |level: f64| {
        let mut x = sc.central.clone();
        x.tfp_growth.iter_mut().for_each(|g| *g += level);
        let mut ws = Workspace::new(&sc);
        model::simulate(&sc, &x, &mut ws).expect("valid");
        model::cagr(&ws)
    };
    let (mut lo, mut hi) = (-0.2, 0.3);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cagr_at(mid) >= 0.11 {
            hi = mid
        } else {
            lo = mid
        }
    }
    let exact = 1.0 - Normal::new(mu, sigma).expect("normal").cdf(hi);
    assert!(
        exact > 0.05 && exact < 0.95,
        "a test with a non-trivial probability: {exact}"
    );
    for sampler in [Sampler::Mc, Sampler::Lhs] {
        let s = montecarlo::run(&sc, &cfg(200_000, 7, sampler)).expect("runs");
        let se = (exact * (1.0 - exact) / s.paths as f64).sqrt();
        assert!(
            (s.prob_hit - exact).abs() < 4.0 * se,
            "{sampler:?}: {} vs exact {exact} (se {se})",
            s.prob_hit
        );
        assert!(s.prob_hit_ci95[0] <= s.prob_hit && s.prob_hit <= s.prob_hit_ci95[1]);
    }
}

/// Drawn inputs have the mean and variance of their distributions.
#[test]
fn marginal_draws_match_their_distributions() {
    let text = format!(
        "{}\n[uncertainty.depreciation]\nlevel = {{ dist = \"uniform\", min = 0.03, max = 0.07 }}\n\
         [uncertainty.sources.private]\nlevel = {{ dist = \"pert\", min = 0.4, mode = 0.8, max = 1.2 }}\n\
         [uncertainty.capital_share]\nlevel = {{ dist = \"triangular\", min = 0.3, mode = 0.35, max = 0.5 }}\n",
        minimal_text()
    );
    let sc = load_str("marginals.toml", &text);
    let n = 200_000;
    let private = sc.source_index("private").expect("private");
    let mut x = sc.central.clone();
    let mut scratch = Scratch::default();
    let (mut d, mut p, mut a) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for path in 0..n as u64 {
        montecarlo::draw(&sc, 11, path, Sampler::Mc, &mut x, &mut scratch);
        d.push(x.depreciation);
        p.push(x.realisation[private * 5]);
        a.push(x.capital_share);
    }
    let check = |v: &[f64], mean: f64, var: f64, what: &str| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let s2 = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
        let se_mean = (var / v.len() as f64).sqrt();
        assert!(
            (m - mean).abs() < 4.0 * se_mean,
            "{what}: mean {m} vs {mean}"
        );
        // variance of the sample variance ≈ 2σ⁴/n for these light-tailed laws (generous)
        assert!(
            (s2 / var - 1.0).abs() < 4.0 * (2.0 / v.len() as f64).sqrt() * 1.5,
            "{what}: var {s2} vs {var}"
        );
    };
    check(&d, 0.05, 0.04_f64.powi(2) / 12.0, "uniform");
    // PERT(0.4, 0.8, 1.2): mean (0.4 + 4·0.8 + 1.2)/6 = 0.8; α = β = 3 on [0.4,1.2]: var = 0.8²·9/(36·7)
    check(&p, 0.8, 0.64 * 9.0 / (36.0 * 7.0), "pert");
    let (lo, mo, hi) = (0.3_f64, 0.35_f64, 0.5_f64);
    let tri_var = (lo * lo + mo * mo + hi * hi - lo * mo - lo * hi - mo * hi) / 18.0;
    check(&a, (lo + mo + hi) / 3.0, tri_var, "triangular");
}

/// The Gaussian copula gives the rank correlation (6/π)·asin(ρ/2) within sampling error.
#[test]
fn copula_reproduces_the_target_correlation() {
    for rho in [-0.5, 0.3, 0.8] {
        let text = format!(
            "{}\n[uncertainty.sources.private]\nlevel = {{ dist = \"pert\", min = 0.5, mode = 0.9, max = 1.1 }}\n\
             [uncertainty.sources.land]\nlevel = {{ dist = \"lognormal\", mean = 1.0, cv = 0.3 }}\n\
             [correlation]\ninputs = [\"sources.private\", \"sources.land\"]\nmatrix = [[1.0, {rho}], [{rho}, 1.0]]\n",
            minimal_text()
        );
        let sc = load_str("copula.toml", &text);
        let s = montecarlo::run(&sc, &cfg(40_000, 3, Sampler::Mc)).expect("runs");
        let r = &s.rank_correlations[0];
        let expected = 6.0 / std::f64::consts::PI * (rho / 2.0_f64).asin();
        assert!((r.expected - expected).abs() < 1e-12);
        // measured on the first 5·4096 paths; se of Spearman ≈ (1 − r²)/√n
        let se = (1.0 - expected * expected) / (20_480f64).sqrt();
        assert!(
            (r.achieved - expected).abs() < 4.0 * se,
            "ρ={rho}: achieved {} vs {expected}",
            r.achieved
        );
    }
}

/// On a smooth case, Latin hypercube sampling has a smaller variance of the estimated mean.
#[test]
fn latin_hypercube_beats_plain_monte_carlo_on_a_smooth_case() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [uncertainty.depreciation]\nlevel = {{ dist = \"uniform\", min = 0.03, max = 0.07 }}\n",
        minimal_text()
    );
    let sc = load_str("smooth.toml", &text);
    let spread = |sampler: Sampler| {
        let means: Vec<f64> = (0..24)
            .map(|seed| {
                montecarlo::run(&sc, &cfg(4096, 100 + seed, sampler))
                    .expect("runs")
                    .cagr
                    .mean
            })
            .collect();
        let m = means.iter().sum::<f64>() / means.len() as f64;
        means.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (means.len() - 1) as f64
    };
    let (mc, lhs) = (spread(Sampler::Mc), spread(Sampler::Lhs));
    assert!(lhs < mc / 10.0, "LHS variance {lhs} vs MC {mc}");
}

/// With every distribution collapsed to its central value the Monte Carlo is the projection.
#[test]
fn collapsed_distributions_equal_the_deterministic_projection() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"fixed\", value = 0.0 }}\nshock = {{ dist = \"fixed\", value = 0.0 }}\n\
         [uncertainty.sources.private]\nlevel = {{ dist = \"fixed\", value = 1.0 }}\n\
         [uncertainty.exchange_rate]\nlevel = {{ dist = \"fixed\", value = 1.0 }}\n\
         [uncertainty.depreciation]\nlevel = {{ dist = \"fixed\", value = 0.05 }}\n\
         [[uncertainty.events]]\nid = \"p\"\nsource = \"private\"\namounts = 10\ndelay_probability = 0.0\ndelay_years = 2\n",
        minimal_text()
    );
    let sc = load_str("collapsed.toml", &text);
    let s = montecarlo::run(&sc, &cfg(10_000, 5, Sampler::Mc)).expect("runs");
    let d = model::project(&sc, &sc.central).expect("projects");
    for q in [s.cagr.mean, s.cagr.p5, s.cagr.p50, s.cagr.p95] {
        assert_eq!(q, d.cagr);
    }
    for (y, dy) in s.years.iter().zip(&d.years) {
        assert_eq!(y.growth.p50, dy.growth);
        assert_eq!(y.growth.mean, dy.growth);
    }
    assert_eq!(s.prob_hit, if d.meets_target { 1.0 } else { 0.0 });
    assert_eq!(s.grdp_end.p50, d.years[4].grdp_nominal);
    assert_eq!(s.invalid_paths, 0);
}

/// A delayed project moves its spending later; common random numbers pair two scenarios.
#[test]
fn events_delay_spending_and_common_random_numbers_pair_scenarios() {
    let base = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [[uncertainty.events]]\nid = \"p\"\nsource = \"private\"\namounts = [100, 0, 0, 0, 0]\ndelay_probability = 1.0\ndelay_years = 2\n",
        minimal_text()
    );
    let sc = load_str("delay.toml", &base);
    let s = montecarlo::run(&sc, &cfg(4096, 1, Sampler::Mc)).expect("runs");
    // private: 300 − 100 in 2026, +100 in 2028; total unchanged within the horizon
    let private = s
        .funding
        .iter()
        .find(|f| f.source == "private")
        .expect("private");
    assert!((private.realised.mean - 1800.0).abs() < 1e-9);
    let delayed_out = base.replace("amounts = [100, 0, 0, 0, 0]", "amounts = [0, 0, 0, 100, 0]");
    let sc2 = load_str("delay2.toml", &delayed_out);
    let s2 = montecarlo::run(&sc2, &cfg(4096, 1, Sampler::Mc)).expect("runs");
    let private2 = s2
        .funding
        .iter()
        .find(|f| f.source == "private")
        .expect("private");
    assert!(
        (private2.realised.mean - 1700.0).abs() < 1e-9,
        "2029 spending delayed beyond 2030"
    );
    // same seed, same TFP draws: the scenario with less investment is lower on every quantile
    assert!(s2.cagr.p50 < s.cagr.p50);
    // a scenario compared with itself differs by exactly nothing
    let again = montecarlo::run(&sc, &cfg(4096, 1, Sampler::Mc)).expect("runs");
    assert_eq!(
        serde_json::to_string(&again).ok(),
        serde_json::to_string(&s).ok()
    );
}

/// Common random numbers by name: adding uncertain inputs and project events to a scenario
/// leaves the draws of the inputs it already had unchanged, path by path, bit for bit.
#[test]
fn adding_an_unrelated_input_leaves_the_other_draws_unchanged() {
    let base = format!(
        "{}
[uncertainty.tfp_growth]
level = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}
         shock = {{ dist = \"normal\", mean = 0.0, sd = 0.005 }}
         [uncertainty.sources.private]
level = {{ dist = \"pert\", min = 0.5, mode = 0.8, max = 1.1 }}
",
        minimal_text()
    );
    let more = format!(
        "{base}[uncertainty.deflator_growth]
level = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}
         shock = {{ dist = \"normal\", mean = 0.0, sd = 0.005 }}
         [[uncertainty.events]]
id = \"p\"
source = \"private\"
amounts = [0, 0, 0, 0, 0]
delay_probability = 0.5
delay_years = 1
"
    );
    let (a, b) = (load_str("a.toml", &base), load_str("b.toml", &more));
    assert_eq!(b.uncertainty.inputs.len(), a.uncertainty.inputs.len() + 1);
    let private = a.source_index("private").expect("private");
    let (mut xa, mut xb) = (a.central.clone(), b.central.clone());
    let (mut sa, mut sb) = (Scratch::default(), Scratch::default());
    let mut deflators_moved = 0;
    for path in 0..2_000 {
        montecarlo::draw(&a, 5, path, Sampler::Mc, &mut xa, &mut sa);
        montecarlo::draw(&b, 5, path, Sampler::Mc, &mut xb, &mut sb);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&xa.tfp_growth), bits(&xb.tfp_growth), "path {path}");
        assert_eq!(
            bits(&xa.realisation[private * 5..private * 5 + 5]),
            bits(&xb.realisation[private * 5..private * 5 + 5]),
            "path {path}"
        );
        deflators_moved += usize::from(xa.deflator_growth != xb.deflator_growth);
    }
    // the added input is drawn (the test would pass vacuously otherwise)
    assert!(deflators_moved > 1_900, "{deflators_moved}");
}

/// Compensation covers a shortfall from a financing source's surplus, up to its cap.
#[test]
fn compensation_covers_a_shortfall_from_surplus() {
    let base = minimal_text()
        .replace(
            "id = \"private\"\ngroup = \"private\"",
            "id = \"private\"\ngroup = \"private\"\nrealisation = 0.9",
        )
        .replace(
            "id = \"land\"\ngroup = \"land\"",
            "id = \"land\"\ngroup = \"land\"\nrealisation = 1.4",
        );
    let text = format!(
        "{base}\n[[compensation]]\nid = \"cover\"\ncovers = \"private\"\nfrom = [\"land\"]\ncap = \"surplus\"\nefficiency = 0.5\n"
    );
    let sc = load_str("comp.toml", &text);
    let s = montecarlo::run(&sc, &cfg(100, 1, Sampler::Mc)).expect("runs");
    // land surplus 0.4·50 = 20 a year, half of it already linked to public: 10 available;
    // private short 0.1·plan ≥ 30 a year, so 10 is taken, efficiency 0.5 → 5 a year
    assert!(
        (s.compensation[0].added_mean - 25.0).abs() < 1e-9,
        "{}",
        s.compensation[0].added_mean
    );
    let off = text.replace("efficiency = 0.5\n", "efficiency = 0.5\nenabled = false\n");
    let s_off =
        montecarlo::run(&load_str("comp-off.toml", &off), &cfg(100, 1, Sampler::Mc)).expect("runs");
    assert_eq!(s_off.compensation[0].added_mean, 0.0);
    assert!((s.investment_total.mean - s_off.investment_total.mean - 25.0).abs() < 1e-9);
}

/// Invalid draws are counted and described, never turned into NaN.
#[test]
fn impossible_draws_are_counted_as_invalid_paths() {
    let text = format!(
        "{}\n[uncertainty.capital_share]\nlevel = {{ dist = \"uniform\", min = 0.5, max = 1.5 }}\n",
        minimal_text()
    );
    let sc = load_str("invalid.toml", &text);
    // half the paths invalid: refused unless allowed, naming the input and the share
    match montecarlo::run(&sc, &cfg(20_000, 2, Sampler::Mc)) {
        Err(e @ montecarlo::RunError::TooManyInvalid { invalid, paths, .. }) => {
            assert_eq!(paths, 20_000);
            assert!(
                ((invalid as f64 / paths as f64) - 0.5).abs() < 0.02,
                "{invalid}"
            );
            assert!(e.to_string().contains("capital share"), "{e}");
            assert!(e.to_string().contains("--allow-invalid"), "{e}");
        }
        other => panic!("expected TooManyInvalid, got {other:?}"),
    }
    let mut allowed = cfg(20_000, 2, Sampler::Mc);
    allowed.allow_invalid = true;
    let s = montecarlo::run(&sc, &allowed).expect("runs when allowed");
    let share = s.invalid_paths as f64 / s.paths as f64;
    assert!((share - 0.5).abs() < 0.02, "{share}");
    assert!(
        s.first_invalid
            .as_deref()
            .unwrap_or("")
            .contains("capital share")
    );
    assert!(s.cagr.mean.is_finite() && s.cagr.p95.is_finite());
}

/// Precision mode stops at a round boundary once the interval is narrow enough.
#[test]
fn precision_mode_adds_rounds_until_the_interval_is_narrow() {
    let text = format!(
        "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.01, sd = 0.01 }}\n",
        minimal_text()
    );
    let sc = load_str("precision.toml", &text);
    let mut c = cfg(10_000_000, 9, Sampler::Mc);
    c.precision = Some(0.005);
    let s = montecarlo::run(&sc, &c).expect("runs");
    assert!(s.prob_hit_ci95[1] - s.prob_hit_ci95[0] <= 0.005);
    // checked every 16,384 paths, and it stops at the first check that passes
    let every = montecarlo::CHUNK * montecarlo::PRECISION_ROUND;
    assert_eq!(every, 16_384);
    assert_eq!(s.paths % every, 0);
    assert!(s.paths < 10_000_000);
    let p = s.precision.as_ref().expect("the rule is recorded");
    assert_eq!(
        (p.met, p.stopped_at, p.checked_every),
        (true, s.paths, every)
    );
    let mut shorter = cfg(s.paths - every, 9, Sampler::Mc);
    shorter.precision = None;
    let t = montecarlo::run(&sc, &shorter).expect("runs");
    assert!(t.prob_hit_ci95[1] - t.prob_hit_ci95[0] > 0.005);
    assert!(t.precision.is_none());
}

/// The lean run `sweep` and `solve` use gives the full run's figures exactly.
#[test]
fn the_lean_run_equals_the_full_run() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("scenario");
    let c = cfg(3 * 4096 + 77, 13, Sampler::Mc);
    let full = montecarlo::run(&sc, &c).expect("runs");
    let lean = montecarlo::run_light(&sc, &c).expect("runs");
    assert_eq!(lean.prob_hit.to_bits(), full.prob_hit.to_bits());
    assert_eq!(lean.prob_hit_ci95, full.prob_hit_ci95);
    assert_eq!(lean.cagr_mean.to_bits(), full.cagr.mean.to_bits());
    assert_eq!(
        [lean.cagr_p10, lean.cagr_p50, lean.cagr_p90],
        [full.cagr.p10, full.cagr.p50, full.cagr.p90]
    );
    assert_eq!(
        lean.investment_mean.to_bits(),
        full.investment_total.mean.to_bits()
    );
    assert_eq!(lean.valid + lean.invalid, full.paths);
}
