//! Human capital: its own contribution column, and the proxy from the plan's trained-labour
//! targets (h = 1 + π·q).

use approx::assert_abs_diff_eq;
use grdpsim::model;
use grdpsim::scenario::{self, Scenario};

fn load(path: &str) -> Scenario {
    scenario::load(path.as_ref()).expect("valid")
}

const HC: &str = "scenarios/hanoi-2026-2030-human-capital.toml";

#[test]
fn the_proxy_follows_the_certified_share_of_workers() {
    let sc = load(HC);
    // 001 line 655: 55.06% (2025) → 55.5 / 56.4 / 57.6 / 58.4 / 60.0%, premium 0.4
    let q = [0.5506, 0.555, 0.564, 0.576, 0.584, 0.600];
    for t in 0..5 {
        let g = (1.0 + 0.4 * q[t + 1]) / (1.0 + 0.4 * q[t]) - 1.0;
        assert_abs_diff_eq!(sc.central.human_capital_growth[t], g, epsilon = 1e-15);
    }
    // over the five years human capital per worker rises by (1 + 0.4·0.6)/(1 + 0.4·0.5506)
    let total: f64 = sc
        .central
        .human_capital_growth
        .iter()
        .map(|g| g.ln_1p())
        .sum();
    assert_abs_diff_eq!(total.exp(), 1.24 / 1.22024, epsilon = 1e-12);
}

#[test]
fn human_capital_has_its_own_contribution_and_the_four_add_up() {
    let sc = load(HC);
    let p = model::project(&sc, &sc.central).expect("projects");
    let alpha = sc.central.capital_share;
    for (t, y) in p.years.iter().enumerate() {
        let sum = y.contrib_tfp + y.contrib_capital + y.contrib_labour + y.contrib_human_capital;
        assert_abs_diff_eq!(sum, y.growth, epsilon = 1e-14);
        // its share of growth is its share of log growth
        let h = (1.0 - alpha) * sc.central.human_capital_growth[t].ln_1p();
        assert_abs_diff_eq!(
            y.contrib_human_capital,
            y.growth * h / y.growth.ln_1p(),
            epsilon = 1e-14
        );
        assert!(y.contrib_human_capital > 0.0);
    }
    // the baseline has none, and its labour contribution is unchanged by the split
    let base = load("scenarios/hanoi-2026-2030.toml");
    let pb = model::project(&base, &base.central).expect("projects");
    assert!(pb.years.iter().all(|y| y.contrib_human_capital == 0.0));
    // the same employment, so the same log labour term: only growth's scale differs
    for (a, b) in p.years.iter().zip(&pb.years) {
        assert_abs_diff_eq!(
            a.contrib_labour / a.growth * a.growth.ln_1p(),
            b.contrib_labour / b.growth * b.growth.ln_1p(),
            epsilon = 1e-14
        );
    }
}

#[test]
fn required_tfp_falls_by_exactly_the_human_capital_term() {
    let sc = load(HC);
    let base = load("scenarios/hanoi-2026-2030.toml");
    let r = model::required(&sc, &sc.central).expect("required");
    let rb = model::required(&base, &base.central).expect("required");
    let alpha = sc.central.capital_share;
    for (t, (a, b)) in r.years.iter().zip(&rb.years).enumerate() {
        let h = (1.0 - alpha) * sc.central.human_capital_growth[t].ln_1p();
        assert_abs_diff_eq!(
            a.implied_tfp_growth.ln_1p(),
            b.implied_tfp_growth.ln_1p() - h,
            epsilon = 1e-14
        );
    }
}

#[test]
fn the_proxy_and_a_growth_rate_in_one_file_are_refused() {
    let base = std::fs::read_to_string("tests/data/minimal.toml").expect("minimal");
    let both = base.replace(
        "exchange_rate = 25000\n",
        "exchange_rate = 25000\nhuman_capital_growth = 0.01\n",
    ) + "\n";
    let both = both.replace(
        "employment = [4040, 4080, 4120, 4160, 4200]",
        "employment = [4040, 4080, 4120, 4160, 4200]\ntrained_share_base = 0.5\ntrained_share = 0.6\ntrained_premium = 0.4",
    );
    let e = scenario::load_str("both.toml", &both)
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains("economy.human_capital_growth") && e.contains("trained_share"),
        "{e}"
    );
    let half = base.replace(
        "employment = [4040, 4080, 4120, 4160, 4200]",
        "employment = [4040, 4080, 4120, 4160, 4200]\ntrained_premium = 0.4",
    );
    let e = scenario::load_str("half.toml", &half)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("labour.trained_premium"), "{e}");
    let bad = base.replace(
        "employment = [4040, 4080, 4120, 4160, 4200]",
        "employment = [4040, 4080, 4120, 4160, 4200]\ntrained_share_base = 55.06\ntrained_share = 0.6\ntrained_premium = 0.4",
    );
    let e = scenario::load_str("bad.toml", &bad)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("labour.trained_share_base"), "{e}");
}

#[test]
fn the_terminal_table_shows_the_column_only_when_there_is_human_capital() {
    let run = |f: &str| {
        let t = tempfile::tempdir().expect("tempdir");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_grdpsim"))
            .args(["project", f, "--lang", "en", "--formats", "csv", "--out"])
            .arg(t.path())
            .output()
            .expect("runs");
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    assert!(run(HC).contains("Human cap."));
    assert!(!run("scenarios/hanoi-2026-2030.toml").contains("Human cap."));
}
