//! Marginal distributions of uncertain inputs: the TOML spec ([`DistSpec`]), its checked form
//! ([`Marginal`]) and fast, accurate inverse CDFs for drawing by inversion / Gaussian copula.
//!
//! Every family maps a probability u (or a normal score z = Φ⁻¹(u)) to a value without any
//! per-draw root finding: closed forms for normal, lognormal, truncated normal, uniform and
//! triangular; a precomputed [`QuantileTable`] for beta and PERT; binary search for discrete.

mod beta;
mod discrete;
mod lognormal;
mod normal;
mod pert;
mod table;
mod triangular;
mod truncated_normal;
mod uniform;

pub use beta::{Beta, MAX_SHAPE, MIN_SHAPE};
pub use discrete::Discrete;
pub use lognormal::LogNormal;
pub use normal::{Normal, std_normal_cdf, std_normal_inv, std_normal_pdf};
pub use pert::{MAX_LAMBDA, Pert};
pub use table::QuantileTable;
pub use triangular::Triangular;
pub use truncated_normal::TruncatedNormal;
pub use uniform::Uniform;

use serde::{Deserialize, Serialize};

/// Smallest probability a quantile is evaluated at: 2⁻⁵³ ≈ 1.1e-16 (u is clamped into
/// [`U_MIN`], [`U_MAX`]).
pub const U_MIN: f64 = f64::EPSILON / 2.0;
/// Largest probability a quantile is evaluated at: 1 − 2⁻⁵³, the largest f64 below 1.
pub const U_MAX: f64 = 1.0 - f64::EPSILON / 2.0;
/// Φ⁻¹([`U_MAX`]) ≈ 8.2095: normal scores are clamped into [−Z_MAX, Z_MAX].
pub const Z_MAX: f64 = 8.209_536_151_601_387;

/// Fails with "`dist` needs a finite `name`, found `name` = v" unless v is finite.
pub(crate) fn check_finite(dist: &str, name: &str, v: f64) -> Result<(), String> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(format!("{dist} needs a finite {name}, found {name} = {v}"))
    }
}

fn default_lambda() -> f64 {
    4.0
}

fn default_beta_max() -> f64 {
    1.0
}

/// A distribution as written in a TOML scenario, tagged by its `dist` field, e.g.
/// `{ dist = "pert", min = 0.4, mode = 1.0, max = 1.2 }`. Unknown fields are rejected.
/// Values are in the units of the quantity described; [`Marginal::from_spec`] checks them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum DistSpec {
    /// A certain value.
    Fixed {
        /// The value.
        value: f64,
    },
    /// Normal(mean, sd²).
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation (> 0).
        sd: f64,
    },
    /// Normal(mean, sd²) restricted to [min, max]; at least one bound.
    TruncatedNormal {
        /// Mean of the untruncated normal.
        mean: f64,
        /// Standard deviation of the untruncated normal (> 0).
        sd: f64,
        /// Lower bound (absent = none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Upper bound (absent = none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// Lognormal, given by exactly one pair: {mean, cv} (arithmetic mean > 0 and coefficient
    /// of variation sd/mean > 0) or {mu, sigma} (mean and sd of the natural log).
    Lognormal {
        /// Arithmetic mean (> 0), with `cv`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mean: Option<f64>,
        /// Coefficient of variation sd/mean (> 0), with `mean`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cv: Option<f64>,
        /// Mean of ln X, with `sigma`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mu: Option<f64>,
        /// Standard deviation of ln X (> 0), with `mu`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sigma: Option<f64>,
    },
    /// Uniform on [min, max].
    Uniform {
        /// Lower end.
        min: f64,
        /// Upper end (> min).
        max: f64,
    },
    /// Triangular on [min, max] peaking at mode.
    Triangular {
        /// Lower end.
        min: f64,
        /// Most likely value, min ≤ mode ≤ max.
        mode: f64,
        /// Upper end (> min).
        max: f64,
    },
    /// PERT on [min, max]: a beta with α = 1 + λ(mode − min)/(max − min),
    /// β = 1 + λ(max − mode)/(max − min).
    Pert {
        /// Lower end.
        min: f64,
        /// Most likely value, min ≤ mode ≤ max.
        mode: f64,
        /// Upper end (> min).
        max: f64,
        /// Weight of the mode, 0 ≤ λ ≤ 998 (default 4, the classic PERT; 0 is uniform).
        #[serde(default = "default_lambda")]
        lambda: f64,
    },
    /// Beta(alpha, beta) stretched onto [min, max] (default [0, 1]).
    Beta {
        /// Shape α, 0.1 ≤ α ≤ 1000.
        alpha: f64,
        /// Shape β, 0.1 ≤ β ≤ 1000.
        beta: f64,
        /// Lower end (default 0).
        #[serde(default)]
        min: f64,
        /// Upper end (default 1).
        #[serde(default = "default_beta_max")]
        max: f64,
    },
    /// Finitely many values with weights.
    Discrete {
        /// The values.
        values: Vec<f64>,
        /// Relative weights, one per value (absent = equal).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weights: Option<Vec<f64>>,
    },
}

/// A checked marginal distribution, ready for drawing. An enum (no dynamic dispatch) so the
/// per-draw calls inline.
#[derive(Debug, Clone, PartialEq)]
pub enum Marginal {
    /// A certain value.
    Fixed(f64),
    /// Normal.
    Normal(Normal),
    /// Truncated normal.
    TruncatedNormal(TruncatedNormal),
    /// Lognormal.
    LogNormal(LogNormal),
    /// Uniform.
    Uniform(Uniform),
    /// Triangular.
    Triangular(Triangular),
    /// PERT (table-based).
    Pert(Pert),
    /// Scaled beta (table-based).
    Beta(Beta),
    /// Discrete.
    Discrete(Discrete),
}

impl Marginal {
    /// Checks a spec and builds the distribution (tables included: about a millisecond for beta
    /// and PERT, microseconds or less otherwise). The error says what is wrong and what was
    /// expected, e.g. "pert needs min < max and min ≤ mode ≤ max, found min 0.9, mode 1.3,
    /// max 1.2".
    pub fn from_spec(spec: &DistSpec) -> Result<Marginal, String> {
        Ok(match *spec {
            DistSpec::Fixed { value } => {
                check_finite("fixed", "value", value)?;
                Marginal::Fixed(value)
            }
            DistSpec::Normal { mean, sd } => Marginal::Normal(Normal::new(mean, sd)?),
            DistSpec::TruncatedNormal { mean, sd, min, max } => {
                Marginal::TruncatedNormal(TruncatedNormal::new(mean, sd, min, max)?)
            }
            DistSpec::Lognormal {
                mean,
                cv,
                mu,
                sigma,
            } => Marginal::LogNormal(match (mean, cv, mu, sigma) {
                (Some(mean), Some(cv), None, None) => LogNormal::from_mean_cv(mean, cv)?,
                (None, None, Some(mu), Some(sigma)) => LogNormal::from_mu_sigma(mu, sigma)?,
                _ => {
                    let given: Vec<&str> = [
                        ("mean", mean.is_some()),
                        ("cv", cv.is_some()),
                        ("mu", mu.is_some()),
                        ("sigma", sigma.is_some()),
                    ]
                    .iter()
                    .filter(|p| p.1)
                    .map(|p| p.0)
                    .collect();
                    return Err(format!(
                        "lognormal needs exactly one pair, either {{mean, cv}} or {{mu, sigma}}, \
                         found {{{}}}",
                        given.join(", ")
                    ));
                }
            }),
            DistSpec::Uniform { min, max } => Marginal::Uniform(Uniform::new(min, max)?),
            DistSpec::Triangular { min, mode, max } => {
                Marginal::Triangular(Triangular::new(min, mode, max)?)
            }
            DistSpec::Pert {
                min,
                mode,
                max,
                lambda,
            } => Marginal::Pert(Pert::new(min, mode, max, lambda)?),
            DistSpec::Beta {
                alpha,
                beta,
                min,
                max,
            } => Marginal::Beta(Beta::new(alpha, beta, min, max)?),
            DistSpec::Discrete {
                ref values,
                ref weights,
            } => Marginal::Discrete(Discrete::new(values, weights.as_deref())?),
        })
    }

    /// The value with P(X ≤ value) = u (smallest such value for discrete). u is clamped into
    /// [[`U_MIN`], [`U_MAX`]] (NaN counts as ½), so the result is never NaN and is finite
    /// for every family.
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        let (lo, hi) = normal::split_u(u);
        match self {
            Marginal::Fixed(v) => *v,
            Marginal::Normal(d) => d.quantile_split(lo, hi),
            Marginal::TruncatedNormal(d) => d.quantile_split(lo, hi),
            Marginal::LogNormal(d) => d.quantile_split(lo, hi),
            Marginal::Uniform(d) => d.quantile_split(lo, hi),
            Marginal::Triangular(d) => d.quantile_split(lo, hi),
            Marginal::Pert(d) => d.quantile_split(lo, hi),
            Marginal::Beta(d) => d.quantile_split(lo, hi),
            Marginal::Discrete(d) => d.quantile(lo),
        }
    }

    /// quantile(Φ(z)) for a standard normal score z (the Gaussian-copula path), computed
    /// directly where possible: mean + sd·z for normal, exp(μ + σz) for lognormal, a table
    /// lookup in z for beta/PERT. z is clamped into [−[`Z_MAX`], [`Z_MAX`]] (NaN counts as 0).
    #[inline]
    pub fn from_std_normal(&self, z: f64) -> f64 {
        let z = normal::clamp_z(z);
        match self {
            Marginal::Fixed(v) => *v,
            Marginal::Normal(d) => d.at_z(z),
            Marginal::TruncatedNormal(d) => d.at_z(z),
            Marginal::LogNormal(d) => d.at_z(z),
            Marginal::Pert(d) => d.at_z(z),
            Marginal::Beta(d) => d.at_z(z),
            Marginal::Uniform(d) => {
                let (lo, hi) = normal::std_normal_cdf_pair(z);
                d.quantile_split(lo, hi)
            }
            Marginal::Triangular(d) => {
                let (lo, hi) = normal::std_normal_cdf_pair(z);
                d.quantile_split(lo, hi)
            }
            Marginal::Discrete(d) => d.quantile(std_normal_cdf(z)),
        }
    }

    /// [`Marginal::from_std_normal`] of each score in `z`, into `out` (same length): the
    /// family is matched once for the whole slice.
    pub fn map_std_normal(&self, z: &[f64], out: &mut [f64]) {
        match self {
            Marginal::Normal(d) => {
                for (o, &z) in out.iter_mut().zip(z) {
                    *o = d.at_z(normal::clamp_z(z));
                }
            }
            _ => {
                for (o, &z) in out.iter_mut().zip(z) {
                    *o = self.from_std_normal(z);
                }
            }
        }
    }

    /// Mean (exact, input units).
    pub fn mean(&self) -> f64 {
        match self {
            Marginal::Fixed(v) => *v,
            Marginal::Normal(d) => d.mean(),
            Marginal::TruncatedNormal(d) => d.mean(),
            Marginal::LogNormal(d) => d.mean(),
            Marginal::Uniform(d) => d.mean(),
            Marginal::Triangular(d) => d.mean(),
            Marginal::Pert(d) => d.mean(),
            Marginal::Beta(d) => d.mean(),
            Marginal::Discrete(d) => d.mean(),
        }
    }

    /// Variance (exact, input units squared).
    pub fn variance(&self) -> f64 {
        match self {
            Marginal::Fixed(_) => 0.0,
            Marginal::Normal(d) => d.variance(),
            Marginal::TruncatedNormal(d) => d.variance(),
            Marginal::LogNormal(d) => d.variance(),
            Marginal::Uniform(d) => d.variance(),
            Marginal::Triangular(d) => d.variance(),
            Marginal::Pert(d) => d.variance(),
            Marginal::Beta(d) => d.variance(),
            Marginal::Discrete(d) => d.variance(),
        }
    }

    /// Standard deviation √variance (input units).
    pub fn sd(&self) -> f64 {
        self.variance().sqrt()
    }

    /// Median (input units; the smallest value with P ≥ ½ for discrete).
    pub fn median(&self) -> f64 {
        match self {
            Marginal::Fixed(v) => *v,
            Marginal::Normal(d) => d.mean(),
            Marginal::TruncatedNormal(d) => d.median(),
            Marginal::LogNormal(d) => d.median(),
            Marginal::Uniform(d) => d.median(),
            Marginal::Triangular(d) => d.median(),
            Marginal::Pert(d) => d.median(),
            Marginal::Beta(d) => d.median(),
            Marginal::Discrete(d) => d.median(),
        }
    }

    /// Support (lowest, highest) possible value; ±∞ where unbounded.
    pub fn support(&self) -> (f64, f64) {
        match self {
            Marginal::Fixed(v) => (*v, *v),
            Marginal::Normal(_) => (f64::NEG_INFINITY, f64::INFINITY),
            Marginal::TruncatedNormal(d) => d.support(),
            Marginal::LogNormal(d) => d.support(),
            Marginal::Uniform(d) => d.support(),
            Marginal::Triangular(d) => d.support(),
            Marginal::Pert(d) => d.support(),
            Marginal::Beta(d) => d.support(),
            Marginal::Discrete(d) => d.support(),
        }
    }

    /// True when the value is certain: `fixed`, or zero variance (a discrete with one value).
    /// Such inputs need no random draw and no place in a correlation matrix.
    pub fn is_degenerate(&self) -> bool {
        matches!(self, Marginal::Fixed(_)) || self.variance() == 0.0
    }

    /// The 10th and 90th percentiles (input units), for summaries.
    pub fn p10_p90(&self) -> (f64, f64) {
        (self.quantile(0.1), self.quantile(0.9))
    }
}

#[cfg(test)]
pub(crate) mod tests;
