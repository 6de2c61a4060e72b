//! The triangular distribution on [min, max] with peak at mode (closed-form quantile).

use super::check_finite;

/// Triangular(min, mode, max): density rising linearly from min to mode, falling to max.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangular {
    min: f64,
    mode: f64,
    max: f64,
}

impl Triangular {
    /// Triangular on [min, max] peaking at `mode` (input units); needs finite min < max and
    /// min ≤ mode ≤ max.
    pub fn new(min: f64, mode: f64, max: f64) -> Result<Self, String> {
        for (name, v) in [("min", min), ("mode", mode), ("max", max)] {
            check_finite("triangular", name, v)?;
        }
        if !(min < max && min <= mode && mode <= max) {
            return Err(format!(
                "triangular needs min < max and min ≤ mode ≤ max, found min {min}, mode {mode}, max {max}"
            ));
        }
        Ok(Self { min, mode, max })
    }

    /// Quantile from (u, 1 − u): min + √(u·w·(mode − min)) below the mode,
    /// max − √((1 − u)·w·(max − mode)) above it.
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        let w = self.max - self.min;
        let left = self.mode - self.min;
        if lo * w < left {
            (self.min + (lo * w * left).sqrt()).min(self.mode)
        } else {
            (self.max - (hi * w * (self.max - self.mode)).sqrt()).max(self.mode)
        }
    }

    /// Most likely value.
    pub fn mode(&self) -> f64 {
        self.mode
    }

    /// Mean (min + mode + max)/3.
    pub fn mean(&self) -> f64 {
        (self.min + self.mode + self.max) / 3.0
    }

    /// Variance (a² + b² + c² − ab − ac − bc)/18, computed from centred terms.
    pub fn variance(&self) -> f64 {
        // Shift by min to avoid cancellation: a = 0, b = max − min, c = mode − min.
        let b = self.max - self.min;
        let c = self.mode - self.min;
        (b * b + c * c - b * c) / 18.0
    }

    /// Median.
    pub fn median(&self) -> f64 {
        self.quantile_split(0.5, 0.5)
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
    use statrs::distribution::{ContinuousCDF, Triangular as STriangular};
    use statrs::statistics::{Distribution, Median};

    #[test]
    fn matches_statrs() {
        for (a, c, b) in [
            (0.0, 0.3, 1.0),
            (-4.0, -4.0, 2.0),
            (1.0, 3.0, 3.0),
            (10.0, 11.0, 15.0),
        ] {
            let d = Triangular::new(a, c, b).expect("valid");
            let s = STriangular::new(a, b, c).expect("valid");
            for u in PROBE_U {
                let (got, want) = (d.quantile_split(u, 1.0 - u), s.inverse_cdf(u));
                assert!(
                    (got - want).abs() < 1e-12 * (b - a),
                    "tri({a},{c},{b}) u={u}: {got} vs {want}"
                );
            }
            assert!((d.mean() - s.mean().expect("mean")).abs() < 1e-14 * (b - a));
            assert!((d.variance() - s.variance().expect("var")).abs() < 1e-14 * (b - a) * (b - a));
            assert!((d.median() - s.median()).abs() < 1e-12 * (b - a));
        }
    }

    #[test]
    fn rejects_bad_parameters() {
        assert_eq!(
            Triangular::new(0.9, 1.3, 1.2).unwrap_err(),
            "triangular needs min < max and min ≤ mode ≤ max, found min 0.9, mode 1.3, max 1.2"
        );
        assert!(Triangular::new(1.0, 1.0, 1.0).is_err());
        assert!(
            Triangular::new(0.0, f64::INFINITY, 1.0)
                .unwrap_err()
                .contains("mode")
        );
    }
}
