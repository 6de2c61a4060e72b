//! Engine invariants on the small test scenario and on random inputs.

use approx::assert_abs_diff_eq;
use grdpsim::model::{self, Workspace};
use grdpsim::scenario::{self, Scenario};
use proptest::prelude::*;

fn minimal() -> Scenario {
    scenario::load("tests/data/minimal.toml".as_ref()).expect("valid test scenario")
}

#[test]
fn first_year_by_hand() {
    let sc = minimal();
    let p = model::project(&sc, &sc.central).expect("projects");
    let y = &p.years[0];
    // prices: P_1 = 1.02; investment 100 + 300 nominal (public 75 own + 25 from land)
    assert_abs_diff_eq!(y.investment_nominal, 400.0, epsilon = 1e-12);
    assert_abs_diff_eq!(y.investment_real, 400.0 / 1.02, epsilon = 1e-12);
    // K_0 = 3·1000, K_1 = 0.95·3000 + 400/1.02
    let k1 = 0.95 * 3000.0 + 400.0 / 1.02;
    assert_abs_diff_eq!(y.capital, k1, epsilon = 1e-9);
    let g = 1.05 * (k1 / 3000.0).powf(0.4) * (4040.0_f64 / 4000.0).powf(0.6) - 1.0;
    assert_abs_diff_eq!(y.growth, g, epsilon = 1e-14);
    assert_abs_diff_eq!(y.grdp_nominal, 1000.0 * (1.0 + g) * 1.02, epsilon = 1e-9);
    assert_abs_diff_eq!(
        y.grdp_per_capita_vnd,
        y.grdp_nominal / 8100.0 * 1000.0,
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(
        y.grdp_per_capita_usd,
        y.grdp_nominal * 1e9 / 8100.0 / 25000.0,
        epsilon = 1e-6
    );
    assert_abs_diff_eq!(
        y.labour_productivity,
        y.grdp_nominal / 4040.0 * 1000.0,
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(y.tfp_growth, 0.05, epsilon = 1e-14);
    assert_abs_diff_eq!(
        y.investment_by_source.get("public").unwrap_or(f64::NAN),
        100.0,
        epsilon = 1e-12
    );
}

#[test]
fn land_shortfall_flows_through_public_investment() {
    let sc = minimal();
    let mut x = sc.central.clone();
    let land = sc.source_index("land").expect("land");
    let n = sc.horizon();
    for t in 0..n {
        x.realisation[land * n + t] = 0.4;
    }
    let p = model::project(&sc, &x).expect("projects");
    for y in &p.years {
        let public = y.investment_by_source.get("public").expect("public");
        // plan public p_t includes 0.5·50 from land; realised land is 40% of 50
        let plan = [100.0, 110.0, 120.0, 130.0, 140.0][(y.year - 2026) as usize];
        assert_abs_diff_eq!(public, plan - 25.0 + 0.5 * 50.0 * 0.4, epsilon = 1e-12);
        assert_abs_diff_eq!(
            y.financing_realised.get("land").expect("land"),
            20.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(
            y.financing_to_investment.get("land").expect("land"),
            10.0,
            epsilon = 1e-12
        );
    }
}

#[test]
fn gestation_lag_delays_capital() {
    let text = std::fs::read_to_string("tests/data/minimal.toml")
        .expect("read")
        .replace(
            "id = \"private\"\ngroup = \"private\"",
            "id = \"private\"\ngroup = \"private\"\nlag = 2",
        );
    let sc = scenario::load_str("lagged.toml", &text).expect("valid");
    let mut ws = Workspace::new(&sc);
    model::simulate(&sc, &sc.central, &mut ws).expect("runs");
    let price = |t: usize| 1.02_f64.powi(t as i32);
    // private spending of year 1 (300) is productive in year 3; years 1–2 only public
    assert_abs_diff_eq!(ws.productive_real[0], 100.0 / price(1), epsilon = 1e-12);
    assert_abs_diff_eq!(
        ws.productive_real[2],
        120.0 / price(3) + 300.0 / price(1),
        epsilon = 1e-9
    );
    // investment spent is unchanged by the lag
    assert_abs_diff_eq!(ws.investment_nominal[0], 400.0, epsilon = 1e-12);
}

#[test]
fn usd_sources_convert_at_the_years_exchange_rate() {
    let text = std::fs::read_to_string("tests/data/minimal.toml")
        .expect("read")
        .replace(
            "amounts = [300, 330, 360, 390, 420]",
            "amounts_usd = [12, 13.2, 14.4, 15.6, 16.8]",
        )
        .replace(
            "exchange_rate = 25000",
            "exchange_rate = [25000, 26000, 27000, 28000, 29000]",
        );
    let sc = scenario::load_str("usd.toml", &text).expect("valid");
    let p = model::project(&sc, &sc.central).expect("projects");
    assert_abs_diff_eq!(
        p.years[0]
            .investment_by_source
            .get("private")
            .unwrap_or(0.0),
        300.0,
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(
        p.years[1]
            .investment_by_source
            .get("private")
            .unwrap_or(0.0),
        13.2 * 26.0,
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(
        p.years[1].grdp_usd_bn,
        p.years[1].grdp_nominal / 26.0,
        epsilon = 1e-9
    );
}

#[test]
fn inverse_and_forward_modes_agree() {
    let sc = minimal();
    let target = sc.meta.target_growth;
    // (a) implied TFP fed back gives the target every year
    let x = model::with_implied_tfp(&sc, &sc.central).expect("inverse a");
    let p = model::project(&sc, &x).expect("projects");
    for y in &p.years {
        assert_abs_diff_eq!(y.growth, target, epsilon = 1e-12);
    }
    assert_abs_diff_eq!(p.cagr, target, epsilon = 1e-12);
    // (b) required investment fed back gives the target every year
    let r = model::required(&sc, &sc.central).expect("inverse b");
    let x = model::with_required_investment(&sc, &sc.central).expect("scaled");
    let p = model::project(&sc, &x).expect("projects");
    for (y, req) in p.years.iter().zip(&r.years) {
        assert_abs_diff_eq!(y.growth, target, epsilon = 1e-12);
        assert_abs_diff_eq!(
            y.investment_nominal,
            req.required_investment,
            epsilon = 1e-9
        );
    }
    // the gap is required − planned, and planned is the forward model's investment
    let fwd = model::project(&sc, &sc.central).expect("projects");
    for (y, req) in fwd.years.iter().zip(&r.years) {
        assert_abs_diff_eq!(
            req.planned_investment,
            y.investment_nominal,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(
            req.gap,
            req.required_investment - req.planned_investment,
            epsilon = 1e-9
        );
    }
    // with 5% TFP and this little investment, 11% needs more investment than planned
    assert!(r.gap_total > 0.0);
}

#[test]
fn icor_engine_matches_its_definition_in_both_timings() {
    let base = std::fs::read_to_string("tests/data/minimal.toml")
        .expect("read")
        .replace(
            "target_growth = 0.11",
            "target_growth = 0.11\nengine = \"icor\"",
        )
        .replace("tfp_growth = 0.05", "icor = 4.0");
    for timing in ["same_year", "previous_year"] {
        let text = base.replace(
            "icor = 4.0",
            &format!("icor = 4.0\nicor_timing = \"{timing}\""),
        );
        let sc = scenario::load_str("icor.toml", &text).expect("valid");
        let p = model::project(&sc, &sc.central).expect("projects");
        let mut y_prev = 1000.0;
        for y in &p.years {
            let ratio = if timing == "same_year" {
                y.investment_real / y.grdp_real
            } else {
                y.investment_real / y_prev
            };
            assert_abs_diff_eq!(ratio / y.growth, 4.0, epsilon = 1e-12);
            if timing == "same_year" {
                // the reported ICOR (plan convention) equals the input
                assert_abs_diff_eq!(y.icor.unwrap_or(f64::NAN), 4.0, epsilon = 1e-12);
            }
            // contributions still add up (TFP is the residual)
            assert_abs_diff_eq!(
                y.contrib_tfp + y.contrib_capital + y.contrib_labour + y.contrib_human_capital,
                y.growth,
                epsilon = 1e-12
            );
            y_prev = y.grdp_real;
        }
        // inverse (b) in the icor engine: required investment feeds back to the target
        let x = model::with_required_investment(&sc, &sc.central).expect("scaled");
        let p = model::project(&sc, &x).expect("projects");
        for y in &p.years {
            assert_abs_diff_eq!(y.growth, 0.11, epsilon = 1e-12);
        }
    }
}

#[test]
fn period_icor_of_2021_2025_is_5_75() {
    // Phụ lục 01: investment 2,479.8 (line 635), GRDP 6,533.6 (line 623), growth 6.60% (line 624)
    let icor = model::icor_ratio(2479.8 / 6533.6, 0.066).expect("defined");
    assert_abs_diff_eq!(icor, 5.75, epsilon = 0.005);
    assert!(model::icor_ratio(0.4, 0.0).is_none());
}

#[test]
fn zero_growth_year_has_no_tfp_share_or_icor_but_contributions_still_sum() {
    // TFP exactly offsets capital and labour: growth 0
    let sc = minimal();
    let mut x = sc.central.clone();
    let mut ws = Workspace::new(&sc);
    model::simulate(&sc, &x, &mut ws).expect("runs");
    x.tfp_growth[0] = (-(ws.log_capital[0] + ws.log_labour[0])).exp_m1();
    let p = model::project(&sc, &x).expect("projects");
    assert!(p.years[0].growth.abs() < 1e-15);
    let y = &p.years[0];
    assert_abs_diff_eq!(
        y.contrib_tfp + y.contrib_capital + y.contrib_labour + y.contrib_human_capital,
        y.growth,
        epsilon = 1e-12
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Contributions of TFP, capital and labour sum to growth to 1e-12, whatever the inputs.
    #[test]
    fn growth_accounting_sums_to_growth(
        alpha in 0.05f64..0.95,
        delta in 0.0f64..0.3,
        ky in 0.3f64..8.0,
        tfp in proptest::collection::vec(-0.2f64..0.3, 5),
        emp in proptest::collection::vec(-0.1f64..0.1, 5),
        hc in proptest::collection::vec(-0.05f64..0.1, 5),
        defl in proptest::collection::vec(-0.1f64..0.5, 5),
        real in proptest::collection::vec(0.0f64..3.0, 15),
    ) {
        let sc = minimal();
        let mut x = sc.central.clone();
        x.capital_share = alpha;
        x.depreciation = delta;
        x.capital_output_ratio = ky;
        x.tfp_growth = tfp;
        x.human_capital_growth = hc;
        x.deflator_growth = defl;
        x.realisation = real;
        let mut e = x.employment_base;
        for (t, g) in emp.iter().enumerate() {
            e *= 1.0 + g;
            x.employment[t] = e;
        }
        let p = model::project(&sc, &x).expect("valid inputs project");
        let mut log_sum = 0.0;
        for y in &p.years {
            let sum = y.contrib_tfp + y.contrib_capital + y.contrib_labour + y.contrib_human_capital;
            prop_assert!((sum - y.growth).abs() <= 1e-12, "year {}: {} vs {}", y.year, sum, y.growth);
            log_sum += y.growth.ln_1p();
        }
        // CAGR is the geometric mean of yearly growth
        let cagr = (log_sum / 5.0).exp_m1();
        prop_assert!((cagr - p.cagr).abs() <= 1e-12);
        // yearly log shares are consistent with the period share
        if let Some(share) = p.tfp_share {
            let tfp_logs: f64 = x.tfp_growth.iter().map(|g| g.ln_1p()).sum();
            prop_assert!((share - tfp_logs / log_sum).abs() <= 1e-9 * (1.0 + share.abs()));
        }
    }
}
