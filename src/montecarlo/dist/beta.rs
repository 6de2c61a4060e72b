//! The (scaled) beta distribution on [min, max], sampled through a precomputed [`QuantileTable`].

use super::check_finite;
use super::table::{QuantileTable, UnitTail};
use statrs::function::beta::{beta_reg, ln_beta};

/// Smallest shape parameter accepted (tables are certified at build time; this bound keeps
/// their size moderate and is covered by the accuracy tests).
pub const MIN_SHAPE: f64 = 0.1;
/// Largest shape parameter accepted (covered by the accuracy tests).
pub const MAX_SHAPE: f64 = 1000.0;

/// Lower tail of a standard Beta(a, b) on [0, 1].
pub(crate) struct BetaTail {
    a: f64,
    b: f64,
    ln_beta: f64,
}

impl BetaTail {
    pub(crate) fn new(a: f64, b: f64) -> Self {
        Self {
            a,
            b,
            ln_beta: ln_beta(a, b),
        }
    }
}

impl UnitTail for BetaTail {
    fn cdf(&self, d: f64) -> f64 {
        if d <= 0.0 {
            0.0
        } else if d >= 1.0 {
            1.0
        } else {
            beta_reg(self.a, self.b, d)
        }
    }

    fn pdf(&self, d: f64) -> f64 {
        // (a−1)·ln d with 0·ln 0 = 0, so a = 1 or b = 1 stay finite at the ends.
        let xlogy = |k: f64, y: f64| if k == 0.0 { 0.0 } else { k * y };
        (xlogy(self.a - 1.0, d.ln()) + xlogy(self.b - 1.0, (-d).ln_1p()) - self.ln_beta).exp()
    }

    fn dlog_pdf(&self, d: f64) -> f64 {
        let left = if self.a == 1.0 {
            0.0
        } else {
            (self.a - 1.0) / d
        };
        let right = if self.b == 1.0 {
            0.0
        } else {
            (self.b - 1.0) / (1.0 - d)
        };
        left - right
    }
}

/// Beta(α, β) stretched onto [min, max]: X = min + (max − min)·Y with Y ~ Beta(α, β).
#[derive(Debug, Clone, PartialEq)]
pub struct Beta {
    alpha: f64,
    beta: f64,
    min: f64,
    max: f64,
    table: QuantileTable,
}

impl Beta {
    /// Beta(alpha, beta) on [min, max]; needs finite shapes in [[`MIN_SHAPE`], [`MAX_SHAPE`]] and
    /// finite min < max. Builds and certifies the quantile table (well under a millisecond for
    /// ordinary shapes, a few ms for extreme U-shapes).
    pub fn new(alpha: f64, beta: f64, min: f64, max: f64) -> Result<Self, String> {
        Self::build(alpha, beta, min, max, None)
    }

    /// Checks parameters and builds the table: certified, or with a fixed `half` (tests).
    fn build(
        alpha: f64,
        beta: f64,
        min: f64,
        max: f64,
        half: Option<usize>,
    ) -> Result<Self, String> {
        for (name, v) in [("alpha", alpha), ("beta", beta), ("min", min), ("max", max)] {
            check_finite("beta", name, v)?;
        }
        if !(MIN_SHAPE..=MAX_SHAPE).contains(&alpha) || !(MIN_SHAPE..=MAX_SHAPE).contains(&beta) {
            return Err(format!(
                "beta needs {MIN_SHAPE} ≤ alpha ≤ {MAX_SHAPE} and {MIN_SHAPE} ≤ beta ≤ {MAX_SHAPE}, \
                 found alpha = {alpha}, beta = {beta}"
            ));
        }
        if min >= max {
            return Err(format!(
                "beta needs min < max, found min = {min}, max = {max}"
            ));
        }
        let (lower, upper) = (BetaTail::new(alpha, beta), BetaTail::new(beta, alpha));
        let table = match half {
            None => QuantileTable::build(&lower, &upper),
            Some(half) => QuantileTable::with_half(&lower, &upper, half),
        };
        if table.midpoint_error() > 1e-9 {
            return Err(format!(
                "beta(alpha = {alpha}, beta = {beta}) is too extreme to tabulate to 1e-9 \
                 (error {:e}); use less extreme shapes",
                table.midpoint_error()
            ));
        }
        Ok(Self {
            alpha,
            beta,
            min,
            max,
            table,
        })
    }

    /// The quantile table (values on [0, 1], before scaling to [min, max]).
    pub fn table(&self) -> &QuantileTable {
        &self.table
    }

    #[inline]
    fn scale(&self, y: f64) -> f64 {
        (self.min + (self.max - self.min) * y).clamp(self.min, self.max)
    }

    /// Quantile at normal score z (already clamped, not NaN).
    #[inline]
    pub(crate) fn at_z(&self, z: f64) -> f64 {
        self.scale(self.table.at_z(z))
    }

    /// Quantile from (u, 1 − u).
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        self.at_z(super::normal::std_normal_inv_split(lo, hi))
    }

    /// Shape α.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Shape β.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Mean min + (max − min)·α/(α + β).
    pub fn mean(&self) -> f64 {
        self.min + (self.max - self.min) * self.alpha / (self.alpha + self.beta)
    }

    /// Variance (max − min)²·αβ / ((α + β)²(α + β + 1)).
    pub fn variance(&self) -> f64 {
        let (a, b, w) = (self.alpha, self.beta, self.max - self.min);
        w * w * a * b / ((a + b) * (a + b) * (a + b + 1.0))
    }

    /// Median (exact knot of the table, solved to ~1e-14).
    pub fn median(&self) -> f64 {
        self.at_z(0.0)
    }

    /// Support [min, max].
    pub fn support(&self) -> (f64, f64) {
        (self.min, self.max)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::montecarlo::dist::normal::std_normal_inv;
    use crate::montecarlo::dist::tests::PROBE_U;
    use statrs::distribution::{Beta as SBeta, ContinuousCDF};
    use statrs::statistics::Distribution;

    /// Probabilities over (1e-10, 1 − 1e-10): n/2 uniform in u and n/4 log-spaced towards each
    /// end (n + 2 in all).
    pub(crate) fn accuracy_grid(n: usize) -> Vec<f64> {
        let (body, tail) = (n / 2, n / 4);
        let mut us = Vec::with_capacity(n + 2);
        for i in 0..body {
            us.push((i as f64 + 0.5) / body as f64);
        }
        for i in 0..=tail {
            let t = 10f64.powf(-10.0 + 9.0 * i as f64 / tail as f64);
            us.push(t);
            us.push(1.0 - t);
        }
        us
    }

    /// The grid size the brief's accuracy claim is proven on.
    pub(crate) const FULL_GRID: usize = 100_000;

    /// Exact Beta(a, b) quantile on [0, 1]: statrs' inverse, checked against statrs' cdf and,
    /// where its residual exceeds 1e-12 relative, polished by Newton steps on statrs' cdf (and by
    /// bisection if Newton stalls). The lower tail of Beta(b, a) gives the upper half, so values
    /// near 1 keep their precision.
    pub(crate) fn exact_quantile(a: f64, b: f64, u: f64) -> f64 {
        use statrs::distribution::Continuous;
        let (tail, p, flip) = if u <= 0.5 {
            (SBeta::new(a, b).expect("valid"), u, false)
        } else {
            (SBeta::new(b, a).expect("valid"), 1.0 - u, true)
        };
        let ok = |x: f64| (tail.cdf(x) - p).abs() <= 1e-12 * p;
        let mut x = tail.inverse_cdf(p);
        for _ in 0..8 {
            if ok(x) {
                break;
            }
            let next = x - (tail.cdf(x) - p) / tail.pdf(x);
            x = if next > 0.0 && next < 1.0 { next } else { x };
        }
        if !ok(x) {
            let (mut lo, mut hi) = (0.0f64, 1.0f64);
            for _ in 0..64 {
                let mid = 0.5 * (lo + hi);
                if tail.cdf(mid) < p {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            x = 0.5 * (lo + hi);
        }
        if flip { 1.0 - x } else { x }
    }

    /// Max |table − exact| (on the [0, 1] scale) and where, over [`accuracy_grid`]`(n)`, for a
    /// beta whose standard shapes are (a, b).
    pub(crate) fn max_table_error(dist: &Beta, a: f64, b: f64, n: usize) -> (f64, f64) {
        let mut worst = (0.0, 0.5);
        for u in accuracy_grid(n) {
            let z = if u <= 0.5 {
                std_normal_inv(u)
            } else {
                -std_normal_inv(1.0 - u)
            };
            let err = (dist.table().at_z(z) - exact_quantile(a, b, u)).abs();
            if err > worst.0 {
                worst = (err, u);
            }
        }
        worst
    }

    /// Asserts max |table − exact| < 1e-9·(max − min) over `n` probabilities, and prints it.
    fn check_shape(a: f64, b: f64, n: usize) {
        let d = Beta::new(a, b, 0.0, 1.0).expect("valid");
        let (err, at) = max_table_error(&d, a, b, n);
        println!(
            "beta({a}, {b}): max |table − exact| = {err:.3e} at u = {at:e} over {} u; \
             {} intervals, build-time midpoint error {:.2e}",
            accuracy_grid(n).len(),
            d.table().intervals(),
            d.table().midpoint_error()
        );
        assert!(err < 1e-9, "beta({a}, {b}): error {err:e} at u = {at}");
    }

    #[test]
    fn table_accuracy_beta_half_half() {
        check_shape(0.5, 0.5, FULL_GRID);
    }

    #[test]
    fn table_accuracy_beta_2_8() {
        check_shape(2.0, 8.0, FULL_GRID);
    }

    #[test]
    fn table_accuracy_beta_30_3() {
        check_shape(30.0, 3.0, FULL_GRID);
    }

    #[test]
    fn table_accuracy_other_shapes() {
        // Uniform, J-shaped and the accepted extremes, on a coarser grid (the builder certifies
        // every table at its interval midpoints anyway).
        for (a, b) in [
            (1.0, 1.0),
            (1.0, 3.0),
            (MIN_SHAPE, MIN_SHAPE),
            (MIN_SHAPE, 5.0),
            (MAX_SHAPE, MAX_SHAPE),
            (MAX_SHAPE, MIN_SHAPE),
        ] {
            check_shape(a, b, 10_000);
        }
    }

    #[test]
    #[ignore = "exploration: error and build time against table size (run with --release)"]
    fn table_size_sweep() {
        for half in [None, Some(64), Some(128), Some(256), Some(512)] {
            for (a, b) in [
                (0.5, 0.5),
                (2.0, 8.0),
                (30.0, 3.0),
                (0.1, 0.1),
                (0.1, 5.0),
                (4.0, 2.0),
                (1000.0, 0.1),
            ] {
                let t0 = std::time::Instant::now();
                let d = Beta::build(a, b, 0.0, 1.0, half).expect("valid");
                let us = t0.elapsed().as_secs_f64() * 1e6;
                let (err, at) = max_table_error(&d, a, b, FULL_GRID);
                println!(
                    "half {half:?} beta({a}, {b}): err {err:.2e} at u={at:.3e}, mid err {:.2e}, {} intervals, {} cubic, build {us:.0} µs",
                    d.table().midpoint_error(),
                    d.table().intervals(),
                    d.table().cubic_pieces()
                );
            }
        }
    }

    #[test]
    #[ignore = "exploration: how far statrs' own inverse_cdf is from the polished reference"]
    fn statrs_inverse_error() {
        for (a, b) in [
            (0.5, 0.5),
            (2.0, 8.0),
            (30.0, 3.0),
            (4.0, 2.0),
            (0.1, 5.0),
            (1000.0, 1000.0),
        ] {
            let s = SBeta::new(a, b).expect("valid");
            let mut worst = (0.0, 0.0);
            for u in accuracy_grid(FULL_GRID) {
                let e = (s.inverse_cdf(u) - exact_quantile(a, b, u)).abs();
                if e > worst.0 {
                    worst = (e, u);
                }
            }
            println!(
                "statrs beta({a}, {b}).inverse_cdf: max error {:.2e} at u = {:e}",
                worst.0, worst.1
            );
        }
    }

    #[test]
    fn quantiles_match_statrs() {
        for (a, b, lo, hi) in [
            (2.0, 5.0, -1.0, 3.0),
            (0.5, 0.5, 0.0, 1.0),
            (30.0, 3.0, 10.0, 20.0),
        ] {
            let d = Beta::new(a, b, lo, hi).expect("valid");
            let s = SBeta::new(a, b).expect("valid");
            for u in PROBE_U {
                let want = lo + (hi - lo) * s.inverse_cdf(u);
                let got = d.quantile_split(u, 1.0 - u);
                assert!(
                    (got - want).abs() < 1e-9 * (hi - lo),
                    "beta({a},{b}) u={u}: {got} vs {want}"
                );
            }
            let w = hi - lo;
            let mean = lo + w * s.mean().expect("mean");
            let var = w * w * s.variance().expect("variance");
            assert!((d.mean() - mean).abs() < 1e-14 * w);
            assert!((d.variance() - var).abs() < 1e-14 * w * w);
            let median = lo + w * s.inverse_cdf(0.5);
            assert!((d.median() - median).abs() < 1e-12 * w);
            assert_eq!(d.support(), (lo, hi));
        }
    }

    #[test]
    fn rejects_bad_parameters() {
        let e = Beta::new(0.0, 1.0, 0.0, 1.0).unwrap_err();
        assert!(e.contains("alpha = 0"), "{e}");
        assert!(Beta::new(-2.0, 1.0, 0.0, 1.0).is_err());
        assert!(
            Beta::new(2.0, 1e6, 0.0, 1.0)
                .unwrap_err()
                .contains("beta = 1000000")
        );
        assert!(
            Beta::new(2.0, 2.0, 1.0, 1.0)
                .unwrap_err()
                .contains("min < max")
        );
        assert!(Beta::new(2.0, 2.0, 2.0, 1.0).is_err());
        assert!(
            Beta::new(f64::NAN, 2.0, 0.0, 1.0)
                .unwrap_err()
                .contains("alpha")
        );
        assert!(
            Beta::new(2.0, 2.0, 0.0, f64::INFINITY)
                .unwrap_err()
                .contains("max")
        );
    }
}
