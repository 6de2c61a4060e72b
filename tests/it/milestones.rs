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

#[test]
fn the_2026_2045_scenario_keeps_the_baselines_2030_milestones_and_adds_2035_and_2045() {
    let cfg = RunConfig::new(20_000, 20260101, Sampler::Mc);
    let long = scenario::load("scenarios/hanoi-2026-2045.toml".as_ref()).expect("valid");
    let base = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("valid");
    let (sl, sb) = (
        montecarlo::run(&long, &cfg).expect("run"),
        montecarlo::run(&base, &cfg).expect("run"),
    );
    let p = |s: &montecarlo::Summary, id: &str| {
        s.milestones.iter().find(|m| m.id == id).expect(id).prob_hit
    };
    // 2026–2030 inputs are the baseline's and streams are keyed by input and year, so the
    // 2030 milestones are the same paths' counts: equal exactly
    for id in ["growth_2026_2030", "grdp_usd_2030", "per_capita_usd_2030"] {
        assert_eq!(p(&sl, id), p(&sb, id), "{id}");
    }
    let years: Vec<i32> = sl.milestones.iter().map(|m| m.year).collect();
    assert_eq!(years.iter().filter(|&&y| y == 2035).count(), 4);
    assert_eq!(years.iter().filter(|&&y| y == 2045).count(), 3);
    let all = sl.prob_all_milestones.expect("milestones");
    let min = sl.milestones.iter().map(|m| m.prob_hit).fold(1.0, f64::min);
    assert!(all <= min, "P(all) {all}, min {min}");
    // the 20-year headline (average 2026–2045 ≥ 11%) is not the 2026–2030 one
    assert!(sl.prob_hit > p(&sl, "growth_2026_2030"));
}

#[test]
fn a_tfp_share_milestone_is_the_share_of_log_growth_over_its_span() {
    // no uncertainty: every path is the central projection, so P is 0 or 1 on either side of
    // the projection's own TFP share 2027–2029, Σ ln(1+g_A) / Σ ln(1+g)
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let sc0 = scenario::load_str("m.toml", &base).expect("valid");
    let p = grdpsim::model::project(&sc0, &sc0.central).expect("projection");
    let span = &p.years[1..4];
    let share = span.iter().map(|y| y.tfp_growth.ln_1p()).sum::<f64>()
        / span.iter().map(|y| y.growth.ln_1p()).sum::<f64>();
    for (threshold, expect) in [(share - 1e-9, 1.0), (share + 1e-9, 0.0)] {
        let text = format!(
            "{base}\n[[milestones]]\nid = \"tfp\"\nyear = 2029\nfrom = 2027\n\
             quantity = \"tfp_share\"\nthreshold = {threshold}\n"
        );
        let sc = scenario::load_str("m.toml", &text).expect("valid");
        let s = montecarlo::run(&sc, &RunConfig::new(500, 1, Sampler::Mc)).expect("run");
        assert_eq!(s.milestones[0].prob_hit, expect, "share {share}");
    }
}

fn scenario_with(thresholds: [f64; 4]) -> grdpsim::scenario::Scenario {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let text = format!(
        "{base}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         shock = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [uncertainty.deflator_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
         [[milestones]]\nid = \"g\"\nyear = 2028\nquantity = \"growth_average\"\nthreshold = {}\n\
         [[milestones]]\nid = \"usd\"\nyear = 2030\nquantity = \"grdp_usd_bn\"\nthreshold = {}\n\
         [[milestones]]\nid = \"pc\"\nyear = 2029\nquantity = \"grdp_per_capita_usd\"\nthreshold = {}\n\
         [[milestones]]\nid = \"tfp\"\nyear = 2029\nfrom = 2027\nquantity = \"tfp_share\"\nthreshold = {}\n",
        thresholds[0], thresholds[1], thresholds[2], thresholds[3]
    );
    scenario::load_str("m.toml", &text).expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn p_all_never_exceeds_the_smallest_p_each(
        g in 0.04f64..0.10, usd in 50.0f64..80.0, pc in 6000.0f64..9000.0,
        tfp in 0.2f64..0.8, seed in 0u64..1000
    ) {
        let sc = scenario_with([g, usd, pc, tfp]);
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

#[test]
fn the_run_text_shows_a_tfp_share_threshold_as_a_percentage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = crate::support::grdpsim()
        .args(["run", "scenarios/hanoi-2026-2045.toml", "--paths", "2000"])
        .args(["--lang", "en", "--formats", "json", "--out"])
        .arg(dir.path().join("r"))
        .output()
        .expect("runs");
    let text = crate::support::stdout_ok(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("TFP share of growth 2031–2035 of 60%"))
        .unwrap_or_else(|| panic!("no TFP share row in {text}"));
    assert!(line.contains(" 60.0% "), "{line}");
}
