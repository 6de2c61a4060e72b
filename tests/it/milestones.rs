//! Milestones: P(each) and P(all) in `run`; P(all) never exceeds the smallest P(each), the
//! growth milestone is the headline, and bad milestones are refused with the field.

use grdpsim::montecarlo::{self, RunConfig, Sampler};
use grdpsim::scenario;
use proptest::prelude::*;

#[test]
fn the_2030_milestones_agree_with_the_headline_figures() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("valid");
    let s = montecarlo::run(&sc, &RunConfig::new(20_000, 20260101, Sampler::Mc)).expect("run");
    let p = |id: &str| s.milestones.iter().find(|m| m.id == id).expect(id).prob_hit;
    // average growth 2026–2030 ≥ 11% is the headline probability, on the same paths
    assert_eq!(p("growth_2026_2030"), s.prob_hit);
    // GRDP per capita ≥ 12,000 USD in 2030 is the per-capita target's probability
    assert_eq!(Some(p("per_capita_usd_2030")), s.prob_per_capita_target);
    let all = s.prob_all_milestones.expect("milestones");
    let min = s.milestones.iter().map(|m| m.prob_hit).fold(1.0, f64::min);
    assert!(all <= min && all > 0.0, "P(all) {all}, min {min}");
}

fn scenario_with(thresholds: [f64; 3]) -> grdpsim::scenario::Scenario {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let text = format!(
        "{base}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         shock = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [uncertainty.deflator_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [[milestones]]\nid = \"g\"\nyear = 2028\nquantity = \"growth_average\"\nthreshold = {}\n\
         [[milestones]]\nid = \"usd\"\nyear = 2030\nquantity = \"grdp_usd_bn\"\nthreshold = {}\n\
         [[milestones]]\nid = \"pc\"\nyear = 2029\nquantity = \"grdp_per_capita_usd\"\nthreshold = {}\n",
        thresholds[0], thresholds[1], thresholds[2]
    );
    scenario::load_str("m.toml", &text).expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn p_all_never_exceeds_the_smallest_p_each(
        g in 0.04f64..0.10, usd in 50.0f64..80.0, pc in 6000.0f64..9000.0, seed in 0u64..1000
    ) {
        let sc = scenario_with([g, usd, pc]);
        let s = montecarlo::run(&sc, &RunConfig::new(3000, seed, Sampler::Mc)).expect("run");
        let all = s.prob_all_milestones.expect("milestones");
        for m in &s.milestones {
            prop_assert!(all <= m.prob_hit, "{all} > {} ({})", m.prob_hit, m.id);
            prop_assert!(m.prob_hit_ci95[0] <= m.prob_hit && m.prob_hit <= m.prob_hit_ci95[1]);
        }
    }
}

#[test]
fn bad_milestones_are_refused_with_the_field() {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let cases = [
        (
            "id = \"a\"\nyear = 2035\nquantity = \"grdp_usd_bn\"\nthreshold = 1\n",
            "milestones.a.year",
        ),
        (
            "id = \"a\"\nyear = 2030\nquantity = \"grdp_usd\"\nthreshold = 1\n",
            "grdp_usd_bn",
        ),
        (
            "id = \"a\"\nyear = 2030\nquantity = \"grdp_usd_bn\"\nfrom = 2026\nthreshold = 1\n",
            "milestones.a.from",
        ),
        (
            "id = \"a\"\nyear = 2028\nquantity = \"growth_average\"\nfrom = 2029\nthreshold = 0.1\n",
            "milestones.a.from",
        ),
        (
            "id = \"a\"\nyear = 2030\nquantity = \"grdp_usd_bn\"\n",
            "threshold",
        ),
    ];
    for (m, field) in cases {
        let text = format!("{base}\n[[milestones]]\n{m}");
        let e = scenario::load_str("m.toml", &text)
            .expect_err(m)
            .to_string();
        assert!(e.contains(field) && e.contains("m.toml"), "{field}: {e}");
    }
}
