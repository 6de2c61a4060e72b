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
pub(crate) mod tests {
    use super::*;

    /// The probabilities every family's quantile is checked at against statrs.
    pub(crate) const PROBE_U: [f64; 7] = [1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0 - 1e-6];

    #[derive(Debug, Deserialize)]
    struct Holder {
        x: DistSpec,
    }

    fn parse(s: &str) -> Result<DistSpec, String> {
        toml::from_str::<Holder>(s)
            .map(|h| h.x)
            .map_err(|e| e.to_string())
    }

    fn build(s: &str) -> Result<Marginal, String> {
        Marginal::from_spec(&parse(s)?)
    }

    /// One spec of every family (and both lognormal forms).
    fn zoo() -> Vec<(&'static str, Marginal)> {
        zoo_specs()
            .into_iter()
            .map(|(n, s)| (n, build(s).unwrap_or_else(|e| panic!("{n}: {e}"))))
            .collect()
    }

    fn zoo_specs() -> Vec<(&'static str, &'static str)> {
        vec![
            ("fixed", r#"x = { dist = "fixed", value = 2.5 }"#),
            (
                "normal",
                r#"x = { dist = "normal", mean = 0.065, sd = 0.01 }"#,
            ),
            (
                "truncated_normal",
                r#"x = { dist = "truncated_normal", mean = 0.3, sd = 0.2, min = 0.0, max = 0.6 }"#,
            ),
            (
                "truncated_normal_one_sided",
                r#"x = { dist = "truncated_normal", mean = 1.0, sd = 1.0, min = 0.5 }"#,
            ),
            (
                "lognormal_mean_cv",
                r#"x = { dist = "lognormal", mean = 100, cv = 0.3 }"#,
            ),
            (
                "lognormal_mu_sigma",
                r#"x = { dist = "lognormal", mu = 1.0, sigma = 0.4 }"#,
            ),
            ("uniform", r#"x = { dist = "uniform", min = -1, max = 3 }"#),
            (
                "triangular",
                r#"x = { dist = "triangular", min = 0, mode = 0.2, max = 1 }"#,
            ),
            (
                "pert",
                r#"x = { dist = "pert", min = 0.4, mode = 1.0, max = 1.2 }"#,
            ),
            ("beta", r#"x = { dist = "beta", alpha = 2, beta = 8 }"#),
            (
                "beta_u",
                r#"x = { dist = "beta", alpha = 0.5, beta = 0.5, min = 10, max = 20 }"#,
            ),
            (
                "discrete",
                r#"x = { dist = "discrete", values = [1, 2, 4], weights = [0.2, 0.5, 0.3] }"#,
            ),
        ]
    }

    #[test]
    fn parses_every_family_with_defaults() {
        assert_eq!(
            parse(r#"x = { dist = "pert", min = 1, mode = 2, max = 3 }"#),
            Ok(DistSpec::Pert {
                min: 1.0,
                mode: 2.0,
                max: 3.0,
                lambda: 4.0
            })
        );
        assert_eq!(
            parse(r#"x = { dist = "beta", alpha = 2, beta = 3 }"#),
            Ok(DistSpec::Beta {
                alpha: 2.0,
                beta: 3.0,
                min: 0.0,
                max: 1.0
            })
        );
        assert_eq!(
            parse(r#"x = { dist = "discrete", values = [1, 2] }"#),
            Ok(DistSpec::Discrete {
                values: vec![1.0, 2.0],
                weights: None
            })
        );
        // Table syntax works too.
        let spec = parse("[x]\ndist = \"truncated_normal\"\nmean = 0.1\nsd = 0.05\nmin = 0.0\n");
        assert_eq!(
            spec,
            Ok(DistSpec::TruncatedNormal {
                mean: 0.1,
                sd: 0.05,
                min: Some(0.0),
                max: None
            })
        );
        assert_eq!(zoo().len(), 12);
    }

    #[test]
    fn rejects_unknown_fields_and_families() {
        let e = parse(r#"x = { dist = "normal", mean = 1, sdd = 0.2 }"#).unwrap_err();
        assert!(e.contains("unknown field `sdd`"), "{e}");
        let e =
            parse(r#"x = { dist = "pert", min = 1, mode = 2, max = 3, lamda = 2 }"#).unwrap_err();
        assert!(e.contains("unknown field `lamda`"), "{e}");
        let e = parse(r#"x = { dist = "lognormal", mean = 1, cvv = 0.2 }"#).unwrap_err();
        assert!(e.contains("unknown field `cvv`"), "{e}");
        let e = parse(r#"x = { dist = "gaussian", mean = 1, sd = 0.2 }"#).unwrap_err();
        assert!(e.contains("unknown variant `gaussian`"), "{e}");
        let e = parse(r#"x = { mean = 1, sd = 0.2 }"#).unwrap_err();
        assert!(e.contains("missing field `dist`"), "{e}");
        let e = parse(r#"x = { dist = "normal", mean = 1 }"#).unwrap_err();
        assert!(e.contains("missing field `sd`"), "{e}");
        let e = parse(r#"x = { dist = "normal", mean = "high", sd = 1 }"#).unwrap_err();
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn spec_round_trips_through_toml() {
        for s in [
            r#"x = { dist = "lognormal", mean = 100.0, cv = 0.3 }"#,
            r#"x = { dist = "truncated_normal", mean = 0.3, sd = 0.2, max = 0.6 }"#,
            r#"x = { dist = "discrete", values = [1.0, 2.0], weights = [1.0, 3.0] }"#,
        ] {
            let spec = parse(s).expect("parses");
            #[derive(Serialize)]
            struct Out<'a> {
                x: &'a DistSpec,
            }
            let text = toml::to_string(&Out { x: &spec }).expect("serializes");
            assert_eq!(parse(&text), Ok(spec), "{text}");
        }
    }

    #[test]
    fn from_spec_errors_say_what_is_wrong() {
        let cases = [
            (
                r#"x = { dist = "normal", mean = 1, sd = 0 }"#,
                "normal needs sd > 0",
            ),
            (
                r#"x = { dist = "normal", mean = nan, sd = 1 }"#,
                "finite mean",
            ),
            (r#"x = { dist = "fixed", value = inf }"#, "finite value"),
            (r#"x = { dist = "uniform", min = 2, max = 1 }"#, "min < max"),
            (
                r#"x = { dist = "pert", min = 0.9, mode = 1.3, max = 1.2 }"#,
                "pert needs min < max and min ≤ mode ≤ max, found min 0.9, mode 1.3, max 1.2",
            ),
            (
                r#"x = { dist = "triangular", min = 0, mode = -1, max = 1 }"#,
                "min ≤ mode ≤ max",
            ),
            (r#"x = { dist = "lognormal", mean = 1, cv = 0 }"#, "cv > 0"),
            (
                r#"x = { dist = "lognormal", mean = 1, sigma = 0.2 }"#,
                "found {mean, sigma}",
            ),
            (
                r#"x = { dist = "lognormal", mean = 1, cv = 0.1, mu = 0 }"#,
                "exactly one pair",
            ),
            (r#"x = { dist = "lognormal" }"#, "found {}"),
            (
                r#"x = { dist = "truncated_normal", mean = 0, sd = 1 }"#,
                "min, max or both",
            ),
            (
                r#"x = { dist = "beta", alpha = -1, beta = 2 }"#,
                "alpha = -1",
            ),
            (
                r#"x = { dist = "discrete", values = [1, 2], weights = [1] }"#,
                "as many weights",
            ),
            (
                r#"x = { dist = "discrete", values = [1, 2], weights = [0, 0] }"#,
                "all zero",
            ),
            (
                r#"x = { dist = "discrete", values = [1, 2], weights = [1, -2] }"#,
                "≥ 0",
            ),
        ];
        for (spec, want) in cases {
            let e = build(spec).expect_err(spec);
            assert!(e.contains(want), "{spec}: got {e:?}, want {want:?}");
        }
    }

    #[test]
    fn quantile_is_monotone_and_never_nan() {
        // Monotone up to rounding: consecutive u a few ulps apart may give results that differ
        // by an ulp the wrong way (Φ⁻¹ itself is only monotone to rounding).
        for (name, m) in zoo() {
            let slack = 8.0 * f64::EPSILON * (m.mean().abs() + m.sd());
            let mut prev = f64::NEG_INFINITY;
            let n = 100_000;
            for i in 0..=n {
                // Dense in the middle, reaching the extreme tails at both ends.
                let t = i as f64 / n as f64;
                let u = if t < 0.1 {
                    10f64.powf(-16.0 + 150.0 * t) / 10.0
                } else if t > 0.9 {
                    1.0 - 10f64.powf(-16.0 + 150.0 * (1.0 - t)) / 10.0
                } else {
                    t
                };
                let q = m.quantile(u);
                assert!(q.is_finite(), "{name}: quantile({u}) = {q}");
                assert!(
                    q >= prev - slack,
                    "{name}: quantile not monotone at u = {u}: {q} < {prev}"
                );
                prev = q;
            }
            for u in [
                0.0,
                1.0,
                -3.0,
                7.0,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ] {
                let q = m.quantile(u);
                assert!(q.is_finite(), "{name}: quantile({u}) = {q}");
                let (lo, hi) = m.support();
                assert!(q >= lo && q <= hi, "{name}: {q} outside support");
            }
            assert_eq!(m.quantile(f64::NAN), m.quantile(0.5), "{name}");
            assert_eq!(m.quantile(0.0), m.quantile(U_MIN), "{name}");
            assert_eq!(m.quantile(1.0), m.quantile(U_MAX), "{name}");
        }
    }

    #[test]
    fn from_std_normal_agrees_with_quantile_of_phi() {
        for (name, m) in zoo() {
            let scale = m.sd().max(1e-300);
            for k in 0..=1600 {
                let z = -8.0 + 0.01 * k as f64;
                let (lo, _) = normal::std_normal_cdf_pair(z);
                let via_u = if z <= 0.0 {
                    m.quantile(lo)
                } else {
                    // quantile(1 − Φ(−z)) loses the upper tail; compare only where u is exact
                    // enough to tell values apart.
                    if z > 5.0 {
                        continue;
                    }
                    m.quantile(lo)
                };
                let direct = m.from_std_normal(z);
                if let Marginal::Discrete(_) = m {
                    // Step function: equal except where Φ(z) sits on a step boundary.
                    assert_eq!(direct, via_u, "{name} at z = {z}");
                } else {
                    assert!(
                        (direct - via_u).abs() <= 1e-9 * scale,
                        "{name} at z = {z}: {direct} vs {via_u}"
                    );
                }
            }
            assert!(m.from_std_normal(f64::NAN).is_finite());
            assert_eq!(m.from_std_normal(100.0), m.from_std_normal(Z_MAX), "{name}");
            assert_eq!(
                m.from_std_normal(-100.0),
                m.from_std_normal(-Z_MAX),
                "{name}"
            );
        }
    }

    #[test]
    fn stratified_moments_match_analytic() {
        // Midpoints of n equal strata of u: the mean and variance of the quantiles converge to
        // the distribution's (the tail strata carry the error, ~1e-4 relative for n = 200,000).
        let n = 200_000;
        for (name, m) in zoo() {
            let mut sum = 0.0;
            let mut sum2 = 0.0;
            let c = m.mean();
            for i in 0..n {
                let u = (i as f64 + 0.5) / n as f64;
                let x = m.quantile(u) - c;
                sum += x;
                sum2 += x * x;
            }
            let mean = c + sum / n as f64;
            let var = sum2 / n as f64 - (sum / n as f64).powi(2);
            let scale = m.mean().abs().max(m.sd()).max(1e-300);
            assert!(
                (mean - m.mean()).abs() <= 1e-3 * scale,
                "{name}: stratified mean {mean} vs {}",
                m.mean()
            );
            if m.is_degenerate() {
                assert_eq!(var, 0.0, "{name}");
            } else {
                assert!(
                    (var - m.variance()).abs() <= 1e-3 * m.variance(),
                    "{name}: stratified variance {var} vs {}",
                    m.variance()
                );
            }
        }
    }

    #[test]
    fn summaries() {
        for (name, m) in zoo() {
            let (p10, p90) = m.p10_p90();
            let med = m.median();
            assert!(p10 <= med && med <= p90, "{name}");
            let (lo, hi) = m.support();
            assert!(lo <= p10 && p90 <= hi, "{name}");
            assert_eq!(m.is_degenerate(), name == "fixed", "{name}");
        }
        let single = build(r#"x = { dist = "discrete", values = [3.0] }"#).expect("valid");
        assert!(single.is_degenerate());
        assert_eq!(single.quantile(0.99), 3.0);
        // Normal p10/p90 = mean ∓ 1.2816·sd.
        let n = build(r#"x = { dist = "normal", mean = 10, sd = 2 }"#).expect("valid");
        let (p10, p90) = n.p10_p90();
        assert!((p10 - (10.0 - 2.0 * 1.281_551_565_544_600_5)).abs() < 1e-13);
        assert!((p90 - (10.0 + 2.0 * 1.281_551_565_544_600_5)).abs() < 1e-13);
        assert_eq!(n.median(), 10.0);
    }

    #[test]
    #[ignore = "timing: run with `cargo test --release -- --ignored --nocapture timing`"]
    fn timing() {
        use std::hint::black_box;
        use std::time::Instant;
        // Pseudo-random u and z (a xorshift; no rand dependency in the loop).
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let n = 2_000_000;
        let us: Vec<f64> = (0..n).map(|_| next()).collect();
        let zs: Vec<f64> = us.iter().map(|&u| std_normal_inv(u.max(U_MIN))).collect();
        let t0 = Instant::now();
        let mut acc = 0.0;
        for &u in &us {
            acc += std_normal_inv(black_box(u));
        }
        let inv_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
        let t0 = Instant::now();
        for &z in &zs {
            acc += std_normal_cdf(black_box(z));
        }
        let cdf_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
        let t0 = Instant::now();
        let s = statrs::distribution::Beta::new(4.0, 2.0).expect("valid");
        for &u in us.iter().take(n / 20) {
            acc += statrs::distribution::ContinuousCDF::inverse_cdf(&s, black_box(u.max(U_MIN)));
        }
        let statrs_ns = t0.elapsed().as_secs_f64() * 1e9 / (n / 20) as f64;
        println!(
            "std_normal_inv {inv_ns:.1} ns, std_normal_cdf {cdf_ns:.1} ns, \
             statrs Beta(4,2).inverse_cdf {statrs_ns:.0} ns"
        );
        for (name, text) in zoo_specs() {
            let spec = parse(text).expect("valid");
            let reps = 20;
            let t0 = Instant::now();
            let mut m = Marginal::from_spec(&spec).expect("valid");
            for _ in 1..reps {
                m = Marginal::from_spec(black_box(&spec)).expect("valid");
            }
            let build_us = t0.elapsed().as_secs_f64() * 1e6 / reps as f64;
            let t0 = Instant::now();
            for &u in &us {
                acc += m.quantile(black_box(u));
            }
            let q_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
            let t0 = Instant::now();
            for &z in &zs {
                acc += m.from_std_normal(black_box(z));
            }
            let z_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
            let table = match &m {
                Marginal::Beta(b) => format!(", table {} intervals", b.table().intervals()),
                Marginal::Pert(p) => {
                    format!(", table {} intervals", p.as_beta().table().intervals())
                }
                _ => String::new(),
            };
            println!(
                "{name:28} build {build_us:8.1} µs  quantile {q_ns:5.1} ns  from_std_normal {z_ns:5.1} ns{table}"
            );
        }
        assert!(acc.is_finite());
    }
}
