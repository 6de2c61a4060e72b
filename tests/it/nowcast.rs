//! The nowcast (likelihood-weighted Monte Carlo of `remaining`): it matches the exact
//! conditional probability where one can be computed, learns in the right direction on the
//! shipped scenario, and refuses when too few paths reproduce the actuals.

use grdpsim::analysis::remaining::nowcast::Likelihood;
use grdpsim::analysis::remaining::{self, Actuals, RemainingConfig};
use grdpsim::model;
use grdpsim::scenario::{self, Scenario};

const SIGMA: f64 = 0.005;
const SD: f64 = 0.01;

fn minimal_with_tfp_level(target: f64) -> Scenario {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let text = base.replace("target_growth = 0.11", &format!("target_growth = {target}"))
        + &format!(
            "\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = {SD} }}\n"
        );
    scenario::load_str("linear-gaussian.toml", &text).expect("valid")
}

/// Exact P(hit | y) and E[L | y] for a normal TFP level L (everything else fixed), by
/// quadrature over L of the engine itself: p(L | y) ∝ φ((y − g₁(L))/σ)·φ(L/sd), and a path
/// hits when its CAGR with year 1 fixed at y reaches the target.
fn exact(sc: &Scenario, y: f64) -> (f64, f64) {
    let (mut sw, mut swh, mut swl) = (0.0, 0.0, 0.0);
    let steps = 16_000;
    for i in 0..=steps {
        let l = SD * (-8.0 + 16.0 * i as f64 / steps as f64);
        let mut x = sc.central.clone();
        for g in &mut x.tfp_growth {
            *g += l;
        }
        let g1 = model::project(sc, &x).expect("projects").years[0].growth;
        x.fixed_growth[0] = y;
        let hit = model::project(sc, &x).expect("projects").cagr >= sc.meta.target_growth;
        let w = (-0.5 * ((y - g1) / SIGMA).powi(2) - 0.5 * (l / SD).powi(2)).exp();
        sw += w;
        swh += w * f64::from(u8::from(hit));
        swl += w * l;
    }
    (swh / sw, swl / sw)
}

fn nowcast(sc: &Scenario, year: i32, y: f64, paths: u64) -> remaining::Remaining {
    let actuals = Actuals::new(sc, &[(year, y)], &[]).expect("valid");
    let cfg = RemainingConfig {
        paths,
        seed: 20260101,
        likelihood: Likelihood {
            sigma_growth: SIGMA,
            sigma_investment: 0.05,
        },
    };
    remaining::remaining(sc, &actuals, &cfg).expect("remaining")
}

#[test]
fn linear_gaussian_case_matches_the_exact_conditional_probability() {
    // set the target and the realised first year around the central path, so that the
    // conditional probability is neither 0 nor 1
    let probe = minimal_with_tfp_level(0.05);
    let central = model::project(&probe, &probe.central).expect("projects");
    let sc = minimal_with_tfp_level(central.cagr + 0.003);
    let y = central.years[0].growth + 0.004;
    let (p_exact, l_exact) = exact(&sc, y);
    assert!(p_exact > 0.1 && p_exact < 0.9, "{p_exact}");
    let r = nowcast(&sc, 2026, y, 40_000);
    let c = r.conditioned.expect("conditioned");
    let p = c.prob_hit.expect("not refused");
    let se = c.prob_hit_se.expect("se");
    eprintln!(
        "nowcast {p} ± {se} (ESS {:.0}), exact {p_exact}",
        c.effective_paths
    );
    assert!(
        (p - p_exact).abs() < 4.0 * se,
        "MC {p} ± {se}, exact {p_exact}"
    );
    // TFP's updated mean over the remaining years is the central mean plus E[L | y]
    let tfp = c
        .inputs
        .iter()
        .find(|i| i.name == "tfp_growth")
        .expect("tfp");
    let central_mean: f64 = sc.central.tfp_growth[1..].iter().sum::<f64>() / 4.0;
    let post_sd = SD * SIGMA / (SD * SD + SIGMA * SIGMA).sqrt();
    let se_l = post_sd / c.effective_paths.sqrt();
    assert!(
        (tfp.posterior_mean - central_mean - l_exact).abs() < 4.0 * se_l + 1e-4,
        "posterior {} vs exact {}",
        tfp.posterior_mean - central_mean,
        l_exact
    );
    // the observation lies above the central path: TFP is revised up
    assert!(l_exact > 0.0 && tfp.posterior_mean > tfp.prior_mean);
    // the prior is the drawn N(0, sd): its P10 is central − 1.2816·sd (histogram bins)
    assert!((tfp.prior_p10 - (central_mean - 1.2816 * SD)).abs() < 0.001);
}

#[test]
fn a_weak_2026_revises_tfp_down_and_a_strong_one_up_on_the_shipped_scenario() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("valid");
    let weak = nowcast(&sc, 2026, 0.082, 20_000);
    let strong = nowcast(&sc, 2026, 0.125, 20_000);
    let tfp = |r: &remaining::Remaining| {
        let c = r.conditioned.as_ref().expect("conditioned");
        let t = c
            .inputs
            .iter()
            .find(|i| i.name == "tfp_growth")
            .expect("tfp");
        (t.prior_mean, t.posterior_mean)
    };
    let (prior, low) = tfp(&weak);
    let (prior2, high) = tfp(&strong);
    assert_eq!(prior, prior2, "the same paths as drawn");
    assert!(low < prior - 0.003, "8.2%: {low} vs prior {prior}");
    assert!(high > prior + 0.003, "12.5%: {high} vs prior {prior}");
    // learning moves the probability further than fixing the year alone
    let p = |r: &remaining::Remaining| r.conditioned.as_ref().and_then(|c| c.prob_hit).expect("p");
    let fixed = |r: &remaining::Remaining| r.monte_carlo.as_ref().expect("mc").prob_hit;
    assert!(
        p(&weak) < fixed(&weak) && fixed(&weak) < fixed(&strong) && fixed(&strong) < p(&strong)
    );
}

#[test]
fn actuals_no_path_reproduces_are_refused_with_a_reason() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("valid");
    let r = nowcast(&sc, 2026, 0.30, 5_000);
    let c = r.conditioned.expect("conditioned");
    assert!(c.prob_hit.is_none() && c.inputs.is_empty());
    assert!(c.effective_paths < 200.0);
    assert!(c.refused.expect("why").contains("effective paths"));
    // the unweighted conditional Monte Carlo still answers
    assert!(r.monte_carlo.expect("mc").prob_hit > 0.9);
}
