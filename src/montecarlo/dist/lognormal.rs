//! The lognormal distribution, given by its arithmetic mean and coefficient of variation or by
//! the mean μ and sd σ of its logarithm.

use super::check_finite;
use super::normal::std_normal_inv_split;

/// LogNormal: X = exp(μ + σZ), Z standard normal; support (0, ∞).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogNormal {
    mu: f64,
    sigma: f64,
}

impl LogNormal {
    /// From μ and σ of ln X (σ in log units); needs finite μ and finite σ > 0.
    pub fn from_mu_sigma(mu: f64, sigma: f64) -> Result<Self, String> {
        check_finite("lognormal", "mu", mu)?;
        check_finite("lognormal", "sigma", sigma)?;
        if sigma <= 0.0 {
            return Err(format!("lognormal needs sigma > 0, found sigma = {sigma}"));
        }
        let d = Self { mu, sigma };
        // Guard the far tail and the moments against overflow.
        if !(d.at_z(super::Z_MAX).is_finite() && d.variance().is_finite()) {
            return Err(format!(
                "lognormal with mu = {mu}, sigma = {sigma} overflows f64 in its upper tail or variance"
            ));
        }
        Ok(d)
    }

    /// From the arithmetic mean (> 0, input units) and coefficient of variation cv = sd/mean
    /// (> 0, dimensionless): σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
    pub fn from_mean_cv(mean: f64, cv: f64) -> Result<Self, String> {
        check_finite("lognormal", "mean", mean)?;
        check_finite("lognormal", "cv", cv)?;
        if mean <= 0.0 || cv <= 0.0 {
            return Err(format!(
                "lognormal needs mean > 0 and cv > 0 (cv = sd/mean), found mean = {mean}, cv = {cv}"
            ));
        }
        let s2 = (cv * cv).ln_1p();
        Self::from_mu_sigma(mean.ln() - 0.5 * s2, s2.sqrt())
    }

    /// μ, the mean of ln X.
    pub fn mu(&self) -> f64 {
        self.mu
    }

    /// σ, the sd of ln X.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// exp(μ + σz), z already clamped.
    #[inline]
    pub(crate) fn at_z(&self, z: f64) -> f64 {
        (self.mu + self.sigma * z).exp()
    }

    /// Quantile from (u, 1 − u).
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        self.at_z(std_normal_inv_split(lo, hi))
    }

    /// Mean exp(μ + σ²/2).
    pub fn mean(&self) -> f64 {
        (self.mu + 0.5 * self.sigma * self.sigma).exp()
    }

    /// Variance (exp(σ²) − 1)·exp(2μ + σ²).
    pub fn variance(&self) -> f64 {
        let s2 = self.sigma * self.sigma;
        s2.exp_m1() * (2.0 * self.mu + s2).exp()
    }

    /// Median exp(μ).
    pub fn median(&self) -> f64 {
        self.mu.exp()
    }

    /// Support (0, ∞).
    pub fn support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::montecarlo::dist::tests::PROBE_U;
    use statrs::distribution::{ContinuousCDF, LogNormal as SLogNormal};
    use statrs::statistics::Distribution;

    #[test]
    fn matches_statrs() {
        for (mu, sigma) in [(0.0, 1.0), (2.3, 0.1), (-1.0, 2.5)] {
            let d = LogNormal::from_mu_sigma(mu, sigma).expect("valid");
            let s = SLogNormal::new(mu, sigma).expect("valid");
            for u in PROBE_U {
                let (got, want) = (d.quantile_split(u, 1.0 - u), s.inverse_cdf(u));
                assert!(
                    (got - want).abs() < 1e-12 * want,
                    "u = {u}: {got} vs {want}"
                );
            }
            let (m, v) = (s.mean().expect("mean"), s.variance().expect("var"));
            assert!((d.mean() - m).abs() < 1e-14 * m);
            assert!((d.variance() - v).abs() < 1e-13 * v);
            assert!((d.median() - mu.exp()).abs() < 1e-15 * mu.exp());
        }
    }

    #[test]
    fn mean_cv_parameterisation_round_trips() {
        let d = LogNormal::from_mean_cv(120.0, 0.25).expect("valid");
        assert!((d.mean() - 120.0).abs() < 1e-12);
        assert!((d.variance().sqrt() / d.mean() - 0.25).abs() < 1e-14);
    }

    #[test]
    fn rejects_bad_parameters() {
        assert!(
            LogNormal::from_mean_cv(1.0, 0.0)
                .unwrap_err()
                .contains("cv > 0")
        );
        assert!(
            LogNormal::from_mean_cv(-1.0, 0.2)
                .unwrap_err()
                .contains("mean = -1")
        );
        assert!(
            LogNormal::from_mean_cv(1.0, f64::NAN)
                .unwrap_err()
                .contains("cv")
        );
        assert!(
            LogNormal::from_mu_sigma(0.0, -1.0)
                .unwrap_err()
                .contains("sigma > 0")
        );
        assert!(
            LogNormal::from_mu_sigma(700.0, 1.0)
                .unwrap_err()
                .contains("overflows")
        );
    }
}
