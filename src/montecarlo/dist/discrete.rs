//! A discrete distribution over listed values with (optional) weights; quantile by binary search
//! on cumulative weights, values returned exactly as given.

use super::check_finite;

/// Finitely many values with probabilities proportional to their weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrete {
    /// Values with positive weight, sorted ascending (ties kept, adjacent).
    values: Vec<f64>,
    /// Cumulative probabilities, same length as `values`; the last is exactly 1.
    cum: Vec<f64>,
    mean: f64,
    variance: f64,
}

impl Discrete {
    /// From values (input units) and weights (any positive scale; `None` = equal). Needs at
    /// least one value, finite values, as many weights as values, finite weights ≥ 0 with a
    /// positive sum. Zero-weight values are dropped.
    pub fn new(values: &[f64], weights: Option<&[f64]>) -> Result<Self, String> {
        if values.is_empty() {
            return Err("discrete needs at least one value in `values`".to_string());
        }
        for (i, &v) in values.iter().enumerate() {
            check_finite("discrete", &format!("values[{i}]"), v)?;
        }
        let weights: Vec<f64> = match weights {
            None => vec![1.0; values.len()],
            Some(w) => {
                if w.len() != values.len() {
                    return Err(format!(
                        "discrete needs as many weights as values, found {} values and {} weights",
                        values.len(),
                        w.len()
                    ));
                }
                for (i, &x) in w.iter().enumerate() {
                    check_finite("discrete", &format!("weights[{i}]"), x)?;
                    if x < 0.0 {
                        return Err(format!(
                            "discrete needs weights ≥ 0, found weights[{i}] = {x}"
                        ));
                    }
                }
                w.to_vec()
            }
        };
        let mut pairs: Vec<(f64, f64)> = values
            .iter()
            .zip(&weights)
            .filter(|&(_, &w)| w > 0.0)
            .map(|(&v, &w)| (v, w))
            .collect();
        if pairs.is_empty() {
            return Err("discrete needs at least one positive weight, found all zero".to_string());
        }
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = pairs.iter().map(|p| p.1).sum();
        if !total.is_finite() {
            return Err(format!("discrete weights sum to {total}; rescale them"));
        }
        let mean = pairs.iter().map(|&(v, w)| v * w).sum::<f64>() / total;
        let variance = pairs
            .iter()
            .map(|&(v, w)| w * (v - mean) * (v - mean))
            .sum::<f64>()
            / total;
        let mut run = 0.0;
        let mut cum: Vec<f64> = pairs
            .iter()
            .map(|p| {
                run += p.1;
                run / total
            })
            .collect();
        if let Some(last) = cum.last_mut() {
            *last = 1.0;
        }
        Ok(Self {
            values: pairs.iter().map(|p| p.0).collect(),
            cum,
            mean,
            variance,
        })
    }

    /// The values with positive weight, ascending.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Probability of each of [`values`](Self::values).
    pub fn probabilities(&self) -> Vec<f64> {
        let mut prev = 0.0;
        self.cum
            .iter()
            .map(|&c| {
                let p = c - prev;
                prev = c;
                p
            })
            .collect()
    }

    /// Smallest value whose cumulative probability reaches u (u in (0, 1)).
    #[inline]
    pub(crate) fn quantile(&self, u: f64) -> f64 {
        let i = self.cum.partition_point(|&c| c < u);
        self.values[i.min(self.values.len() - 1)]
    }

    /// Exact weighted mean.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Exact weighted variance (population form).
    pub fn variance(&self) -> f64 {
        self.variance
    }

    /// Median: smallest value with cumulative probability ≥ 1/2.
    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    /// Support [smallest value, largest value].
    pub fn support(&self) -> (f64, f64) {
        (self.values[0], self.values[self.values.len() - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::montecarlo::dist::tests::PROBE_U;
    use statrs::distribution::{Categorical, DiscreteCDF};

    #[test]
    fn matches_statrs_categorical() {
        let values = [0.5, 0.1, 0.9, 0.3];
        let weights = [1.0, 2.0, 3.0, 4.0];
        let d = Discrete::new(&values, Some(&weights)).expect("valid");
        assert_eq!(d.values(), &[0.1, 0.3, 0.5, 0.9]);
        // statrs categorical over the sorted values' weights.
        let s = Categorical::new(&[2.0, 4.0, 1.0, 3.0]).expect("valid");
        for u in PROBE_U.iter().copied().chain([0.2, 0.2 + 1e-12, 0.6, 0.7]) {
            let idx = s.inverse_cdf(u) as usize;
            assert_eq!(d.quantile(u), d.values()[idx], "u = {u}");
        }
        // mean = (0.5 + 0.2 + 2.7 + 1.2)/10 = 0.46.
        assert!((d.mean() - 0.46).abs() < 1e-15);
        let var = (1.0 * 0.04f64.powi(2)
            + 2.0 * 0.36f64.powi(2)
            + 3.0 * 0.44f64.powi(2)
            + 4.0 * 0.16f64.powi(2))
            / 10.0;
        assert!((d.variance() - var).abs() < 1e-15);
        assert_eq!(d.median(), 0.3);
        assert_eq!(d.support(), (0.1, 0.9));
        let p = d.probabilities();
        assert!((p[0] - 0.2).abs() < 1e-15 && (p[3] - 0.3).abs() < 1e-15);
    }

    #[test]
    fn equal_weights_and_zero_weights() {
        let d = Discrete::new(&[3.0, 1.0, 2.0], None).expect("valid");
        assert_eq!(d.quantile(0.2), 1.0);
        assert_eq!(d.quantile(0.5), 2.0);
        assert_eq!(d.quantile(0.9), 3.0);
        assert!((d.mean() - 2.0).abs() < 1e-15);
        let d = Discrete::new(&[1.0, 5.0, 9.0], Some(&[0.0, 1.0, 0.0])).expect("valid");
        assert_eq!(d.values(), &[5.0]);
        assert_eq!(d.variance(), 0.0);
        assert_eq!(d.quantile(1e-16), 5.0);
    }

    #[test]
    fn rejects_bad_parameters() {
        assert!(
            Discrete::new(&[], None)
                .unwrap_err()
                .contains("at least one value")
        );
        assert!(
            Discrete::new(&[1.0, 2.0], Some(&[1.0]))
                .unwrap_err()
                .contains("2 values and 1 weights")
        );
        assert!(
            Discrete::new(&[1.0, 2.0], Some(&[1.0, -1.0]))
                .unwrap_err()
                .contains("weights[1] = -1")
        );
        assert!(
            Discrete::new(&[1.0, 2.0], Some(&[0.0, 0.0]))
                .unwrap_err()
                .contains("all zero")
        );
        assert!(
            Discrete::new(&[1.0, f64::NAN], None)
                .unwrap_err()
                .contains("values[1]")
        );
        assert!(
            Discrete::new(&[1.0, 2.0], Some(&[1.0, f64::INFINITY]))
                .unwrap_err()
                .contains("weights[1]")
        );
    }
}
