//! The plan's indicator table: the model reproduces the rows it computes, and the rows whose
//! own numbers disagree (productivity growth 9.5% against 9.9–10.3% a year; the USD per-capita
//! target) are flagged; bad rows are refused with the field.

use grdpsim::analysis::indicators::indicators;
use grdpsim::scenario;

#[test]
fn the_phu_luc_01_table_beside_the_model_with_its_inconsistencies_flagged() {
    let sc = scenario::load("scenarios/hanoi-2026-2030-indicators.toml".as_ref()).expect("valid");
    let t = indicators(&sc, true).expect("table");
    let row = |id: &str| t.rows.iter().find(|r| r.id == id).expect(id);
    // rows the model computes, reproduced on the target path (growth 11% every year)
    for id in [
        "grdp_nominal",
        "growth",
        "grdp_per_capita",
        "investment",
        "investment_ratio",
        "population",
        "employment",
        "budget_revenue_ratio",
    ] {
        let r = row(id);
        assert!(r.years.iter().all(|y| y.model.is_some()), "{id}");
        assert!(
            !r.flags.contains(&"model_differs".to_string()),
            "{id}: {:?}",
            r.years
        );
    }
    // revenue / GRDP: 650.11 / 1,768 = 36.77% (001 lines 623, 631, 634)
    let rev = &row("budget_revenue_ratio").years[0];
    assert!((rev.model.expect("model") - 0.3677).abs() < 5e-5);
    // productivity growth: 9.5% for the period against 9.9–10.3% every year (compound 10.14%),
    // and the plan's own growth and employment give 7.33% in 2026 (the employment jump)
    let lp = row("labour_productivity_growth");
    assert_eq!(lp.flags, vec!["period_inconsistent", "model_differs"]);
    assert!((lp.period_from_years.expect("years") - 0.10140).abs() < 5e-5);
    let m2026 = lp.years[0].model.expect("model");
    assert!(
        (m2026 - (1.11 * 4109.4 / 4250.0 - 1.0)).abs() < 1e-9,
        "{m2026}"
    );
    // the USD per-capita target: 12,000 for the period, 12,141 in 2030
    assert_eq!(
        row("grdp_per_capita_usd").flags,
        vec!["period_inconsistent"]
    );
    // TFP shares 60–62% a year cannot average 57% (plan-consistency #2)
    assert!(
        row("tfp_share")
            .flags
            .contains(&"period_inconsistent".to_string())
    );
    // rows the model has no quantity for are still checked against their own totals
    assert!(row("fdi_realised").flags.is_empty());
    assert!(
        row("budget_revenue")
            .years
            .iter()
            .all(|y| y.model.is_none())
    );
    assert_eq!(t.flagged, 4);
}

#[test]
fn bad_indicator_rows_are_refused_with_the_field() {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let cases = [
        (
            "id = \"a\"\ntarget = 1.0\nmodel = \"grdp_nominl\"\n",
            "grdp_nominal",
        ),
        (
            "id = \"a\"\ntarget = 0.3\nmodel = \"share_of_grdp\"\n",
            "indicators.a.amount",
        ),
        ("id = \"a\"\ntarget = [1.0, 2.0]\n", "indicators.a.target"),
        (
            "id = \"a\"\ntarget = 1.0\nperiod_is = \"mean\"\n",
            "indicators.a.period_is",
        ),
        ("id = \"a\"\ntarget = 1.0\nperoid = 2.0\n", "peroid"),
    ];
    for (row, field) in cases {
        let text = format!("{base}\n[[indicators]]\n{row}");
        let e = scenario::load_str("ind.toml", &text)
            .expect_err(row)
            .to_string();
        assert!(e.contains(field) && e.contains("ind.toml"), "{field}: {e}");
    }
}

#[test]
fn commands_that_need_a_section_refuse_a_scenario_without_it() {
    for cmd in ["indicators", "sectors"] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_grdpsim"))
            .args([cmd, "scenarios/hanoi-2026-2030.toml", "--lang", "en"])
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(
            e.contains("hanoi-2026-2030.toml has no") && e.contains("scenario-format.md"),
            "{e}"
        );
    }
}

#[test]
fn the_probability_each_row_is_met_comes_from_the_run_paths() {
    use grdpsim::analysis::{indicator_odds, indicators};
    use grdpsim::montecarlo::{self, RunConfig, Sampler};
    let sc = grdpsim::scenario::load("scenarios/hanoi-2026-2030-indicators.toml".as_ref())
        .expect("valid");
    let (paths, seed) = (4000, 20260101);
    let odds = |threads: usize| {
        let mut ind = indicators::indicators(&sc, true).expect("table");
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| indicator_odds::attach(&sc, &mut ind, paths, seed, Sampler::Mc))
            .expect("paths");
        ind
    };
    let ind = odds(1);
    assert_eq!(ind.paths, paths);
    // the same for any thread count (integer counts)
    assert_eq!(ind, odds(2));
    let row = |id: &str| ind.rows.iter().find(|r| r.id == id).expect(id);
    // the growth row's period probability is run's P(hit) on the same paths, exactly
    let s = montecarlo::run(&sc, &RunConfig::new(paths, seed, Sampler::Mc)).expect("run");
    assert_eq!(row("growth").prob_met_period, Some(s.prob_hit));
    // population is not uncertain and equals the document's row: met on every path
    assert!(
        row("population")
            .years
            .iter()
            .all(|y| y.prob_met == Some(1.0))
    );
    // rows the model does not compute get no probability
    assert!(
        row("digital_economy_share")
            .years
            .iter()
            .all(|y| y.prob_met.is_none())
    );
    // GRDP per capita in USD in 2030 ≥ 12,141 is rarer than the 12,000 of the period column
    let usd = row("grdp_per_capita_usd");
    let (y2030, period) = (
        usd.years[4].prob_met.expect("p"),
        usd.prob_met_period.expect("p"),
    );
    assert!(y2030 < period, "{y2030} vs {period}");
    // and the 12,000 USD period row is run's per-capita target probability
    assert_eq!(Some(period), s.prob_per_capita_target);
}
