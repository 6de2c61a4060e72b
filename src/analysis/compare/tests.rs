//! Unit tests of `compare`.

use super::*;

/// Exact binomial tail 2·Σ_{i ≤ k} C(m, i)/2^m with integers (small m only).
fn exact_two_sided(m: u64, k: u64) -> f64 {
    let mut c: u128 = 1;
    let mut total: u128 = 0;
    for i in 0..=k {
        total += c;
        c = c * u128::from(m - i) / u128::from(i + 1);
    }
    (2.0 * total as f64 / 2f64.powi(m as i32)).min(1.0)
}

#[test]
fn mcnemar_matches_hand_computed_binomial() {
    // Cavo et al. (2012), as in Fagerland, Lydersen & Laake (2017) ch. 8: 6 and 16
    // discordant pairs. P(X ≤ 6 | Bin(22, ½)) = (1 + 22 + 231 + 1540 + 7315 + 26334
    // + 74613)/2²² = 110056/4194304, two-sided 220112/4194304 = 0.052479 (the book's
    // "McNemar exact conditional test: P = 0.052479").
    let p = mcnemar_exact_p(16, 6);
    assert!((p - 220_112.0 / 4_194_304.0).abs() < 1e-14, "{p}");
    assert!((p - 0.052479).abs() < 5e-7);
    assert_eq!(mcnemar_exact_p(6, 16), p);
    // symmetric or empty tables: no evidence at all
    assert_eq!(mcnemar_exact_p(0, 0), 1.0);
    assert_eq!(mcnemar_exact_p(7, 7), 1.0);
    assert_eq!(mcnemar_exact_p(3, 4), 1.0);
    // all discordant pairs one way: 2/2^m
    assert!((mcnemar_exact_p(0, 10) - 2.0 / 1024.0).abs() < 1e-15);
    for (m, k) in [(1u64, 0u64), (5, 1), (30, 9), (60, 25), (100, 40)] {
        let p = mcnemar_exact_p(k, m - k);
        let want = exact_two_sided(m, k);
        assert!(
            (p - want).abs() <= 1e-12 * want.max(1e-300),
            "m {m} k {k}: {p} vs {want}"
        );
    }
    // large m: stays finite and tiny, no overflow
    let p = mcnemar_exact_p(4000, 5000);
    assert!(p > 0.0 && p < 1e-20, "{p}");
}

#[test]
fn tango_matches_published_example() {
    // Complete response before and after consolidation therapy (Cavo et al. 2012):
    // table [[59, 6], [16, 80]], n = 161. Fagerland, Lydersen & Laake, Statistical
    // Analysis of Contingency Tables (2017), ch. 8, and their contingencytables R package:
    // "Tango asymptotic score CI: estimate = -0.0621 (95% CI -0.1240 to -0.0054)".
    // Their difference is (n12 − n21)/n = (6 − 16)/161; here n01 = 6 (B only), n10 = 16.
    let [lo, hi] = tango_ci(161, 16, 6, Z95);
    assert!((lo - -0.1240).abs() < 5e-5, "{lo}");
    assert!((hi - -0.0054).abs() < 5e-5, "{hi}");
    // the score statistic is ±z at the limits
    let [lo2, hi2] = tango_ci(161, 6, 16, Z95);
    assert!((lo2 + hi).abs() < 1e-12 && (hi2 + lo).abs() < 1e-12);
}

#[test]
fn tango_without_discordant_pairs_is_z2_over_n_plus_z2() {
    // with n10 = n01 = 0 the restricted MLE is 0 (Δ > 0) and T² = nΔ/(1 − Δ)
    for n in [10u64, 1000, 100_000] {
        let [lo, hi] = tango_ci(n, 0, 0, Z95);
        let w = Z95 * Z95 / (n as f64 + Z95 * Z95);
        assert!(
            (hi - w).abs() < 1e-12 && (lo + w).abs() < 1e-12,
            "{n}: {lo} {hi}"
        );
    }
    // estimate at the boundary
    let [lo, hi] = tango_ci(20, 0, 20, Z95);
    assert_eq!(hi, 1.0);
    assert!(lo > 0.5 && lo < 1.0);
    assert!(tango_ci(0, 0, 0, Z95)[0].is_nan());
}

#[test]
fn tango_is_close_to_wald_with_many_discordant_pairs() {
    // n = 100000, n10 = 6000, n01 = 3000: Wald d ± 1.96·se
    let (n, n10, n01) = (100_000u64, 6000u64, 3000u64);
    let d = (n01 as f64 - n10 as f64) / n as f64;
    let se = (((n10 + n01) as f64 / n as f64 - d * d) / n as f64).sqrt();
    let [lo, hi] = tango_ci(n, n10, n01, Z95);
    assert!((lo - (d - Z95 * se)).abs() < 2e-5, "{lo}");
    assert!((hi - (d + Z95 * se)).abs() < 2e-5, "{hi}");
}
