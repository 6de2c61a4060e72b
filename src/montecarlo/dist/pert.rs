//! The PERT distribution: a beta on [min, max] shaped by the most likely value and a weight λ.

use super::beta::Beta;
use super::check_finite;

/// Largest λ accepted (keeps the beta shapes within [`MAX_SHAPE`](super::beta::MAX_SHAPE)).
pub const MAX_LAMBDA: f64 = 998.0;

/// (Modified) PERT(min, mode, max, λ): min + (max − min)·Beta(α, β) with
/// α = 1 + λ(mode − min)/(max − min), β = 1 + λ(max − mode)/(max − min).
/// λ = 4 is the classic PERT; larger λ concentrates mass around the mode, λ = 0 is uniform.
#[derive(Debug, Clone, PartialEq)]
pub struct Pert {
    min: f64,
    mode: f64,
    max: f64,
    lambda: f64,
    beta: Beta,
}

impl Pert {
    /// PERT on [min, max] with most likely value `mode` (input units) and weight `lambda`;
    /// needs finite min < max, min ≤ mode ≤ max, 0 ≤ λ ≤ [`MAX_LAMBDA`].
    pub fn new(min: f64, mode: f64, max: f64, lambda: f64) -> Result<Self, String> {
        for (name, v) in [
            ("min", min),
            ("mode", mode),
            ("max", max),
            ("lambda", lambda),
        ] {
            check_finite("pert", name, v)?;
        }
        if !(min < max && min <= mode && mode <= max) {
            return Err(format!(
                "pert needs min < max and min ≤ mode ≤ max, found min {min}, mode {mode}, max {max}"
            ));
        }
        if !(0.0..=MAX_LAMBDA).contains(&lambda) {
            return Err(format!(
                "pert needs 0 ≤ lambda ≤ {MAX_LAMBDA} (4 is the classic PERT), found lambda = {lambda}"
            ));
        }
        let w = max - min;
        let alpha = 1.0 + lambda * (mode - min) / w;
        let beta = 1.0 + lambda * (max - mode) / w;
        let beta = Beta::new(alpha, beta, min, max).map_err(|e| format!("pert: {e}"))?;
        Ok(Self {
            min,
            mode,
            max,
            lambda,
            beta,
        })
    }

    /// The underlying scaled beta.
    pub fn as_beta(&self) -> &Beta {
        &self.beta
    }

    /// Most likely value (input units).
    pub fn mode(&self) -> f64 {
        self.mode
    }

    /// Shape weight λ.
    pub fn lambda(&self) -> f64 {
        self.lambda
    }

    /// Quantile at normal score z (already clamped).
    #[inline]
    pub(crate) fn at_z(&self, z: f64) -> f64 {
        self.beta.at_z(z)
    }

    /// Quantile from (u, 1 − u).
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        self.beta.quantile_split(lo, hi)
    }

    /// Mean (min + λ·mode + max)/(λ + 2).
    pub fn mean(&self) -> f64 {
        (self.min + self.lambda * self.mode + self.max) / (self.lambda + 2.0)
    }

    /// Variance (mean − min)(max − mean)/(λ + 3).
    pub fn variance(&self) -> f64 {
        let m = self.mean();
        (m - self.min) * (self.max - m) / (self.lambda + 3.0)
    }

    /// Median.
    pub fn median(&self) -> f64 {
        self.beta.median()
    }

    /// Support [min, max].
    pub fn support(&self) -> (f64, f64) {
        (self.min, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::montecarlo::dist::beta::tests::{FULL_GRID, max_table_error};
    use crate::montecarlo::dist::tests::PROBE_U;
    use statrs::distribution::{Beta as SBeta, ContinuousCDF};

    /// Max table error of a PERT in units of (max − min), over `n` probabilities.
    fn check(min: f64, mode: f64, max: f64, lambda: f64, n: usize) {
        let p = Pert::new(min, mode, max, lambda).expect("valid");
        let (a, b) = (p.as_beta().alpha(), p.as_beta().beta());
        // The table lives on [0, 1]; the error in input units is err·(max − min).
        let (err, at) = max_table_error(p.as_beta(), a, b, n);
        println!(
            "pert({min}, {mode}, {max}, λ = {lambda}) = beta({a}, {b}): max error \
             {err:.3e}·(max − min) at u = {at:e}"
        );
        assert!(err < 1e-9, "pert error {err:e}·(max − min) at u = {at}");
    }

    #[test]
    fn table_accuracy_pert_skewed() {
        check(0.4, 1.0, 1.2, 4.0, FULL_GRID);
    }

    #[test]
    fn table_accuracy_other_perts() {
        check(0.0, 0.0, 1.0, 4.0, 10_000);
        check(-5.0, 9.0, 10.0, 4.0, 10_000);
        check(0.0, 0.3, 1.0, 50.0, 10_000);
        check(0.0, 0.5, 1.0, MAX_LAMBDA, 10_000);
    }

    #[test]
    fn matches_scaled_statrs_beta() {
        let p = Pert::new(0.4, 1.0, 1.2, 4.0).expect("valid");
        // α = 1 + 4·0.6/0.8 = 4, β = 1 + 4·0.2/0.8 = 2.
        assert!((p.as_beta().alpha() - 4.0).abs() < 1e-15);
        assert!((p.as_beta().beta() - 2.0).abs() < 1e-15);
        let s = SBeta::new(4.0, 2.0).expect("valid");
        for u in PROBE_U {
            let want = 0.4 + 0.8 * s.inverse_cdf(u);
            assert!(
                (p.quantile_split(u, 1.0 - u) - want).abs() < 1e-9 * 0.8,
                "u = {u}"
            );
        }
        // Mean (0.4 + 4 + 1.2)/6 = 0.9333…, = 0.4 + 0.8·4/6.
        assert!((p.mean() - (0.4 + 0.8 * 4.0 / 6.0)).abs() < 1e-15);
        assert!((p.mean() - p.as_beta().mean()).abs() < 1e-15);
        assert!((p.variance() - p.as_beta().variance()).abs() < 1e-15);
    }

    #[test]
    fn lambda_zero_is_uniform() {
        let p = Pert::new(2.0, 2.5, 4.0, 0.0).expect("valid");
        for u in [0.01, 0.3, 0.77] {
            assert!((p.quantile_split(u, 1.0 - u) - (2.0 + 2.0 * u)).abs() < 1e-10);
        }
    }

    #[test]
    fn rejects_bad_parameters() {
        let e = Pert::new(0.9, 1.3, 1.2, 4.0).unwrap_err();
        assert_eq!(
            e,
            "pert needs min < max and min ≤ mode ≤ max, found min 0.9, mode 1.3, max 1.2"
        );
        assert!(Pert::new(1.0, 1.0, 1.0, 4.0).is_err());
        assert!(Pert::new(0.0, -0.1, 1.0, 4.0).is_err());
        assert!(
            Pert::new(0.0, 0.5, 1.0, -1.0)
                .unwrap_err()
                .contains("lambda = -1")
        );
        assert!(
            Pert::new(0.0, f64::NAN, 1.0, 4.0)
                .unwrap_err()
                .contains("mode")
        );
    }
}
