//! Paired-proportion statistics: Tango's score interval and McNemar's exact test.

/// Tango's (1998) asymptotic score interval for the difference of two paired proportions.
///
/// Of `n` pairs, `n10` succeed under A only and `n01` under B only; the estimate is
/// `(n01 − n10)/n` (B − A). The limits are the Δ where the score statistic
/// `T(Δ) = (n01 − n10 − nΔ) / sqrt(n(2q̃ + Δ(1 − Δ)))` equals ∓`z`, with `q̃` the maximum
/// likelihood estimate of P(A only) restricted to the difference Δ (a quadratic's root), found
/// by bisection to machine precision.
///
/// Reference: T. Tango, "Equivalence test and confidence interval for the difference in
/// proportions for the paired-sample design", Statistics in Medicine 17 (1998) 891–908; as
/// implemented in M. W. Fagerland, S. Lydersen, P. Laake, *Statistical Analysis of Contingency
/// Tables* (CRC, 2017), chapter 8.
///
/// Returns `[NaN, NaN]` when `n` is zero.
pub fn tango_ci(n: u64, n10: u64, n01: u64, z: f64) -> [f64; 2] {
    if n == 0 || n10 + n01 > n {
        return [f64::NAN, f64::NAN];
    }
    let (nn, b, c) = (n as f64, n01 as f64, n10 as f64);
    let est = (b - c) / nn;
    // score statistic at difference `delta`; decreasing in delta
    let t = |delta: f64| -> f64 {
        let qa = 2.0 * nn;
        let qb = -b - c + (2.0 * nn - b + c) * delta;
        let qc = -c * delta * (1.0 - delta);
        let q = ((qb * qb - 4.0 * qa * qc).max(0.0).sqrt() - qb) / (2.0 * qa);
        let var = nn * (2.0 * q + delta * (1.0 - delta));
        (b - c - nn * delta) / var.max(0.0).sqrt()
    };
    // the root of t(Δ) = target between lo and hi (t(lo) > target > t(hi))
    let root = |mut lo: f64, mut hi: f64, target: f64| -> f64 {
        for _ in 0..2000 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            let v = t(mid);
            // NaN only where the variance is 0, i.e. at the estimate itself: treat as 0
            let v = if v.is_nan() { 0.0 } else { v };
            if v > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    };
    let lower = if est <= -1.0 {
        -1.0
    } else {
        root(-1.0, est, z)
    };
    let upper = if est >= 1.0 { 1.0 } else { root(est, 1.0, -z) };
    [lower.min(est), upper.max(est)]
}

/// McNemar's exact two-sided p-value: with `m = n10 + n01` discordant pairs,
/// `min(1, 2·P(X ≤ min(n10, n01)))` for X ~ Binomial(m, 1/2); 1 when there is no discordant
/// pair. Summed in log space, so it stays accurate (down to about 1e-300) for large `m`.
pub fn mcnemar_exact_p(n10: u64, n01: u64) -> f64 {
    let m = n10 + n01;
    if m == 0 {
        return 1.0;
    }
    let k = n10.min(n01);
    if 2 * k >= m {
        return 1.0;
    }
    // log C(m, i) by the recurrence C(m, i+1) = C(m, i)·(m − i)/(i + 1); terms grow up to k
    let mf = m as f64;
    let half = mf * std::f64::consts::LN_2;
    let mut logs = Vec::with_capacity(k as usize + 1);
    let mut lc = 0.0;
    for i in 0..=k {
        logs.push(lc - half);
        let i = i as f64;
        lc += ((mf - i) / (i + 1.0)).ln();
    }
    let top = logs[k as usize];
    let sum: f64 = logs.iter().map(|l| (l - top).exp()).sum();
    (2.0 * top.exp() * sum).min(1.0)
}
