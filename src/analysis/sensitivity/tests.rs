//! Unit tests of `sensitivity`.

use super::*;

fn mc() -> Scenario {
    crate::scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("loads")
}

#[test]
fn delay_quantiles_follow_the_mixture() {
    let sc = mc();
    // discrete 1/2/3 years with weights .5/.3/.2; p = 0.5 or 0.4:
    // P(D ≤ 0) = 1 − p ≥ 0.5 > 0.1, and P(D ≤ 1) = 1 − p + p/2 < 0.9 ≤ P(D ≤ 2)
    for j in 0..sc.uncertainty.events.len() {
        assert_eq!(delay_quantile(&sc, j, LOW), 0);
        assert_eq!(delay_quantile(&sc, j, HIGH), 2);
        assert_eq!(delay_quantile(&sc, j, 0.999), 3);
    }
    assert_eq!(delay_quantile(&sc, 99, HIGH), 0);
}

#[test]
fn groups_cover_every_input_and_the_delays() {
    let sc = mc();
    let g = groups(&sc);
    assert_eq!(g.len(), sc.uncertainty.inputs.len() + 1);
    assert_eq!(g.last().map(|g| g.kind), Some(GroupKind::Delays));
    let fx = g.iter().find(|g| g.id == "exchange_rate").expect("input");
    assert!(fx.fixed_level);
    let soe = g.iter().find(|g| g.id == "sources.soe").expect("input");
    assert_eq!(soe.unit, LevelUnit::ShareOfPlan);
    assert_eq!(soe.copula_position, Some(0));
    let tfp = g.iter().find(|g| g.id == "tfp_growth").expect("input");
    assert_eq!(tfp.unit, LevelUnit::PointsAdded);
}

#[test]
fn swapping_a_group_changes_only_its_variates() {
    let sc = mc();
    let mut ev = PathEval::new(&sc);
    montecarlo::variates(&sc, 1, 0, Sampler::Mc, &mut ev.scratch);
    let a = ev.scratch.v.clone();
    montecarlo::variates(&sc, 1, B_STREAM, Sampler::Mc, &mut ev.scratch);
    let b = ev.scratch.v.clone();
    let n = sc.horizon();
    let i = sc.uncertainty.input_index("tfp_growth").expect("input");
    let mut mix = a.clone();
    take_group(&sc, GroupKind::Input(i), &b, &mut mix);
    for (r, (&m, &x)) in mix.level.iter().zip(&a.level).enumerate() {
        assert_eq!(m, if r == i { b.level[i] } else { x });
    }
    for (r, (&m, &x)) in mix.shock.iter().zip(&a.shock).enumerate() {
        assert_eq!(m, if r / n == i { b.shock[r] } else { x });
    }
    assert_eq!(mix.event, a.event);
    let mut mix = a.clone();
    take_group(&sc, GroupKind::Delays, &b, &mut mix);
    assert_eq!(
        (mix.level, mix.shock, mix.event),
        (a.level, a.shock, b.event)
    );
}
