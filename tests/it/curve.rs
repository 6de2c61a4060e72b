//! The funding curve's lanes (every scale but 1 in one pass that recomputes only the capital
//! term) against simulating each scale on its own, path by path.

use grdpsim::montecarlo::{CURVE_SCALES, PathEval, Sampler};
use grdpsim::scenario;

const SEED: u64 = 20_260_101;

/// Shipped scenarios whose paths delay projects, compensate shortfalls and clamp sources.
const FILES: [&str; 3] = [
    "scenarios/hanoi-2026-2030-mc.toml",
    "scenarios/hanoi-2026-2030-mc-megaprojects-delayed.toml",
    "scenarios/hanoi-2026-2030-mc-soe-short.toml",
];

#[test]
fn lanes_equal_simulating_each_scale_on_its_own() {
    let scales: Vec<f64> = CURVE_SCALES.iter().copied().filter(|&k| k != 1.0).collect();
    for file in FILES {
        let sc = scenario::load(file.as_ref()).expect("valid scenario");
        assert!(PathEval::can_rescale(&sc), "{file}");
        let (mut fast, mut slow) = (PathEval::new(&sc), PathEval::new(&sc));
        let mut lanes = Vec::new();
        let log_target = (1.0 + sc.meta.target_growth).ln();
        let (mut compared, mut hits) = (0, 0);
        for path in 0..300 {
            if fast.path(&sc, SEED, path, Sampler::Mc).is_err() {
                continue;
            }
            fast.rescaled(&sc, &scales, &mut lanes);
            assert_eq!(lanes.len(), scales.len());
            for (lane, &k) in lanes.iter().zip(&scales) {
                slow.draw(&sc, SEED, path, Sampler::Mc);
                slow.x.realisation.iter_mut().for_each(|r| *r *= k);
                let one = slow.simulate(&sc);
                let lane = lane.unwrap_or_else(|| panic!("{file} path {path} k {k}: lane invalid"));
                one.unwrap_or_else(|e| panic!("{file} path {path} k {k}: {e}"));
                let m = (1.0 + slow.out.cagr).ln();
                assert!(
                    (lane.mean_log_growth - m).abs() < 1e-12,
                    "{file} path {path} k {k}: {} against {m}",
                    lane.mean_log_growth
                );
                let inv = slow.out.investment_total;
                assert!(
                    (lane.investment_total - inv).abs() <= 1e-12 * inv,
                    "{file} path {path} k {k}: investment {} against {inv}",
                    lane.investment_total
                );
                // the hit decision agrees wherever the path is not on the knife edge
                if (m - log_target).abs() > 1e-11 {
                    assert_eq!(
                        lane.mean_log_growth >= log_target,
                        slow.out.cagr >= sc.meta.target_growth
                    );
                }
                compared += 1;
                hits += u32::from(slow.out.cagr >= sc.meta.target_growth);
            }
        }
        // the comparison covers both sides of the target
        assert!(compared > 2_500, "{file}: {compared}");
        assert!(
            hits > 100 && hits < compared - 100,
            "{file}: {hits} of {compared}"
        );
    }
}

#[test]
fn fusing_the_scales_with_the_path_changes_no_bit() {
    let scales: Vec<f64> = CURVE_SCALES.iter().copied().filter(|&k| k != 1.0).collect();
    for file in FILES {
        let sc = scenario::load(file.as_ref()).expect("valid scenario");
        let (mut plain, mut fused) = (PathEval::new(&sc), PathEval::new(&sc));
        fused.fuse_scales(&scales);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut compensated = 0;
        for path in 0..300 {
            let (ra, rb) = (
                plain.path(&sc, SEED, path, Sampler::Mc),
                fused.path(&sc, SEED, path, Sampler::Mc),
            );
            assert_eq!(ra, rb, "{file} path {path}");
            if ra.is_err() {
                continue;
            }
            let (p, f) = (&plain.out, &fused.out);
            assert_eq!(p.cagr.to_bits(), f.cagr.to_bits(), "{file} path {path}");
            assert_eq!(p.growth, f.growth);
            assert_eq!(p.realised, f.realised);
            assert_eq!(p.compensation, f.compensation);
            assert_eq!(p.investment_total.to_bits(), f.investment_total.to_bits());
            compensated += usize::from(f.compensation.iter().any(|&c| c > 0.0));
            plain.rescaled(&sc, &scales, &mut a);
            fused.rescaled(&sc, &scales, &mut b);
            assert_eq!(a, b, "{file} path {path}");
        }
        if file.ends_with("soe-short.toml") {
            assert!(compensated >= 30, "{file}: {compensated} paths compensated");
        }
    }
}
