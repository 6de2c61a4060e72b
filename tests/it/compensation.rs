//! Compensation conserves money: a rule moves at most what its covering financing sources have
//! left above their plans after their links and earlier rules, whatever its cap; an investment
//! source's surplus (already invested) is never moved again; a delayed project's spending is
//! not a shortfall.

use grdpsim::model::{self, Workspace};
use grdpsim::montecarlo::{self, Buffers, RunConfig, Sampler, adjust_sources};
use grdpsim::scenario::{self, Scenario};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

fn minimal() -> String {
    std::fs::read_to_string("tests/data/minimal.toml").expect("minimal scenario")
}

fn load(name: &str, text: &str) -> Scenario {
    scenario::load_str(name, text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The minimal case: `land` finances `public` (share 0.5); `private` is covered from
/// `land`, or from `land` and `public`. `public`'s money above its plan is already invested,
/// so naming it changes nothing.
#[test]
fn naming_an_investment_source_in_from_moves_nothing_more() {
    let with_from = |from: &str| {
        format!(
            "{}\n[uncertainty.tfp_growth]\nlevel = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}\n\
             [uncertainty.sources.private]\nlevel = {{ dist = \"uniform\", min = 0.5, max = 1.0 }}\n\
             [uncertainty.sources.public]\nlevel = {{ dist = \"uniform\", min = 0.8, max = 1.6 }}\n\
             [uncertainty.sources.land]\nlevel = {{ dist = \"uniform\", min = 0.8, max = 3.0 }}\n\n\
             [[compensation]]\nid = \"cover\"\ncovers = \"private\"\nfrom = {from}\ncap = \"surplus\"\n",
            minimal()
        )
    };
    let cfg = RunConfig::new(20_000, 7, Sampler::Mc);
    let one = montecarlo::run(&load("one.toml", &with_from("[\"land\"]")), &cfg).expect("runs");
    let two = montecarlo::run(
        &load("two.toml", &with_from("[\"land\", \"public\"]")),
        &cfg,
    )
    .expect("runs");
    assert!(
        one.compensation[0].added_mean > 1.0,
        "the rule does move money"
    );
    assert_eq!(one.prob_hit, two.prob_hit);
    assert_eq!(
        one.compensation[0].added_mean,
        two.compensation[0].added_mean
    );
    assert_eq!(one.investment_total.mean, two.investment_total.mean);
}

/// A random scenario: sources with random plans and kinds, links, one or two rules with
/// random caps and covering sources (financing and investment), projects on random sources.
fn random_scenario(rng: &mut ChaCha8Rng) -> String {
    let ids = ["a", "b", "c", "f1", "f2"];
    let mut text = String::from(
        "[meta]\nname = \"random\"\nbase_year = 2025\nend_year = 2030\ntarget_growth = 0.11\n\n\
         [economy]\ngrdp_base_nominal = 1000.0\ncapital_output_ratio = 3.0\ncapital_share = 0.4\n\
         depreciation = 0.05\ndeflator_growth = 0.02\nexchange_rate_base = 25000\nexchange_rate = 25000\n\n\
         [labour]\npopulation_base = 8000\npopulation = 8100\nemployment_base = 4000\nemployment = 4040\n\n\
         [productivity]\ntfp_growth = 0.05\n\n",
    );
    for id in ids {
        // financed sources plan at least what their links supply at plan
        let range = if id == "a" || id == "b" {
            200.0..400.0
        } else {
            20.0..200.0
        };
        let amounts: Vec<String> = (0..5)
            .map(|_| format!("{:.1}", rng.random_range(range.clone())))
            .collect();
        text += &format!(
            "[[sources]]\nid = \"{id}\"\ngroup = \"other\"\namounts = [{}]\n\n",
            amounts.join(", ")
        );
    }
    // financing sources are those that appear as `from` in links
    text += &format!(
        "[[links]]\nfrom = \"f1\"\nto = \"a\"\nshare = {:.2}\n\n[[links]]\nfrom = \"f2\"\nto = \"b\"\nshare = {:.2}\n\n",
        rng.random_range(0.05..1.0),
        rng.random_range(0.05..1.0)
    );
    for (k, covers) in ["a", "c"].iter().enumerate() {
        if k == 1 && rng.random_bool(0.5) {
            break;
        }
        let cap = match rng.random_range(0..3) {
            0 => "\"surplus\"".to_string(),
            1 => format!("{{ amount = {:.1} }}", rng.random_range(1.0..500.0)),
            _ => format!("{{ share = {:.2} }}", rng.random_range(0.1..1.0)),
        };
        let from: Vec<&str> = ["f1", "b", "f2"]
            .into_iter()
            .filter(|_| rng.random_bool(0.7))
            .collect();
        let from = if from.is_empty() { vec!["f1"] } else { from };
        text += &format!(
            "[[compensation]]\nid = \"r{k}\"\ncovers = \"{covers}\"\nfrom = [{}]\ncap = {cap}\nefficiency = {:.2}\n\n",
            from.iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", "),
            rng.random_range(0.5..1.0)
        );
    }
    text += "[uncertainty.tfp_growth]\nlevel = { dist = \"fixed\", value = 0.0 }\n\n";
    for (j, src) in ["a", "c", "b"].iter().enumerate() {
        text += &format!(
            "[[uncertainty.events]]\nid = \"p{j}\"\nsource = \"{src}\"\namounts = 15\n\
             delay_probability = 0.5\ndelay_years = 1\n\n"
        );
    }
    text
}

#[test]
fn compensation_never_creates_money_on_random_scenarios() {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    for case in 0..300 {
        let text = random_scenario(&mut rng);
        let sc = load("random.toml", &text);
        let (n, s_n) = (sc.horizon(), sc.sources.len());
        let mut x = sc.central.clone();
        for r in &mut x.realisation {
            *r = rng.random_range(0.2..2.5);
        }
        let delays: Vec<usize> = (0..sc.uncertainty.events.len())
            .map(|_| rng.random_range(0..3))
            .collect();
        let mut ws = Workspace::new(&sc);
        model::investment_by_source(&sc, &x, &mut ws).expect("valid economy");
        let pre = ws.source_nominal.clone();
        let mut b = Buffers::default();
        b.plans.fill(&sc, &x);
        let mut added = vec![0.0; sc.uncertainty.compensation.len()];
        adjust_sources(&sc, &b.plans, &delays, &mut ws, &mut added, &mut b.used);
        let post = &ws.source_nominal;
        let tol = 1e-9;
        for t in 0..n {
            for (f, src) in sc.sources.iter().enumerate() {
                let used = b.used[f * n + t][0];
                if !src.financing {
                    assert_eq!(
                        used, 0.0,
                        "case {case}: investment source {} gave money",
                        src.id
                    );
                    continue;
                }
                // what a financing source can give: its surplus above plan not already linked
                let surplus = (pre[f * n + t] - b.plans.plan[f * n + t]).max(0.0);
                let free = surplus * (1.0 - b.plans.linked[f]);
                assert!(
                    used <= free + tol,
                    "case {case}: {} gave {used} of {free}",
                    src.id
                );
            }
        }
        // investment after = investment before (delays only move it, or out of the
        // horizon) + what rules added, and rules add at most efficiency × what they moved
        let invest = |v: &[f64]| -> f64 {
            (0..s_n)
                .filter(|&s| !sc.sources[s].financing)
                .map(|s| v[s * n..(s + 1) * n].iter().sum::<f64>())
                .sum()
        };
        let moved: f64 = b.used[..s_n * n].iter().map(|u| u[0]).sum();
        let total_added: f64 = added.iter().sum();
        assert!(
            total_added <= moved + tol,
            "case {case}: added {total_added} > moved {moved}"
        );
        assert!(
            invest(post) <= invest(&pre) + total_added + tol,
            "case {case}: {} > {} + {total_added}",
            invest(post),
            invest(&pre)
        );
        // a delayed project's spending is not refilled: what a rule adds to the source it
        // covers is at most the year's plan, less what delays moved out of the year, less
        // what the source has after delays (the same path with every rule disabled)
        let mut off = sc.clone();
        off.uncertainty
            .compensation
            .iter_mut()
            .for_each(|r| r.enabled = false);
        let mut ws_off = Workspace::new(&off);
        model::investment_by_source(&off, &x, &mut ws_off).expect("valid economy");
        let mut b_off = Buffers::default();
        b_off.plans.fill(&off, &x);
        let mut none = vec![0.0; added.len()];
        adjust_sources(
            &off,
            &b_off.plans,
            &delays,
            &mut ws_off,
            &mut none,
            &mut b_off.used,
        );
        for rule in &sc.uncertainty.compensation {
            let c = rule.covers;
            for t in 0..n {
                let out = b.used[s_n * n + c * n + t][0];
                let after_delays = ws_off.source_nominal[c * n + t];
                let gap = (b.plans.plan[c * n + t] - out - after_delays).max(0.0);
                let cover = post[c * n + t] - after_delays;
                assert!(
                    cover <= gap + tol,
                    "case {case}: covered {cover} of a gap of {gap}"
                );
            }
        }
    }
}
