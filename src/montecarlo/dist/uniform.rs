//! The continuous uniform distribution on [min, max] (closed-form quantile).

use super::check_finite;

/// Uniform on [min, max].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniform {
    min: f64,
    max: f64,
}

impl Uniform {
    /// Uniform on [min, max] (input units); needs finite min < max.
    pub fn new(min: f64, max: f64) -> Result<Self, String> {
        check_finite("uniform", "min", min)?;
        check_finite("uniform", "max", max)?;
        if min >= max {
            return Err(format!(
                "uniform needs min < max (use dist = \"fixed\" for a certain value), found min = {min}, max = {max}"
            ));
        }
        Ok(Self { min, max })
    }

    /// Quantile from (u, 1 − u): measured from the nearer end, so both ends keep precision.
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        let w = self.max - self.min;
        if lo <= 0.5 {
            self.min + lo * w
        } else {
            self.max - hi * w
        }
    }

    /// Mean (min + max)/2.
    pub fn mean(&self) -> f64 {
        0.5 * (self.min + self.max)
    }

    /// Variance (max − min)²/12.
    pub fn variance(&self) -> f64 {
        let w = self.max - self.min;
        w * w / 12.0
    }

    /// Median (min + max)/2.
    pub fn median(&self) -> f64 {
        self.mean()
    }

    /// Support [min, max].
    pub fn support(&self) -> (f64, f64) {
        (self.min, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::montecarlo::dist::tests::PROBE_U;
    use statrs::distribution::{ContinuousCDF, Uniform as SUniform};
    use statrs::statistics::Distribution;

    #[test]
    fn matches_statrs() {
        let d = Uniform::new(-2.0, 5.0).expect("valid");
        let s = SUniform::new(-2.0, 5.0).expect("valid");
        for u in PROBE_U {
            assert!(
                (d.quantile_split(u, 1.0 - u) - s.inverse_cdf(u)).abs() < 1e-14,
                "u = {u}"
            );
        }
        assert!((d.mean() - s.mean().expect("mean")).abs() < 1e-15);
        assert!((d.variance() - s.variance().expect("var")).abs() < 1e-14);
        assert_eq!(d.median(), 1.5);
        assert_eq!(d.support(), (-2.0, 5.0));
    }

    #[test]
    fn rejects_bad_parameters() {
        assert!(Uniform::new(1.0, 1.0).unwrap_err().contains("min < max"));
        assert!(
            Uniform::new(2.0, 1.0)
                .unwrap_err()
                .contains("min = 2, max = 1")
        );
        assert!(
            Uniform::new(f64::NEG_INFINITY, 1.0)
                .unwrap_err()
                .contains("min")
        );
        assert!(Uniform::new(0.0, f64::NAN).unwrap_err().contains("max"));
    }
}
