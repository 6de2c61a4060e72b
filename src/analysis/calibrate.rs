//! Calibration on the engine itself: the base-year capital-output ratio (or the capital
//! share) at which the scenario's own period decomposition gives a target TFP share.
//!
//! No document gives Hanoi's capital stock. The documents do give the TFP share of growth
//! over 2021–2025 (53%, 001 line 629), the investment rate (37.95%, line 636) and growth
//! (6.6%, line 624). Run over a past period with its growth realised (`[actuals]`), the
//! engine's TFP share rises with the initial K/Y (a larger stock grows more slowly for the
//! same investment, leaving more of growth to TFP), so one K/Y matches the documents' share;
//! bisection finds it to machine precision. Its end-of-period K/Y is what the next period's
//! scenarios start from.

use crate::model::{ModelError, Projection, project};
use crate::scenario::{Inputs, Scenario};

/// Which input the calibration solves for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unknown {
    /// Base-year capital-output ratio K_0/Y_0.
    CapitalOutputRatio,
    /// Capital share α.
    CapitalShare,
}

impl Unknown {
    /// The scenario field it sets.
    pub fn field(self) -> &'static str {
        match self {
            Unknown::CapitalOutputRatio => "economy.capital_output_ratio",
            Unknown::CapitalShare => "economy.capital_share",
        }
    }

    /// The search bracket: every value a scenario could plausibly hold.
    pub fn bracket(self) -> [f64; 2] {
        match self {
            Unknown::CapitalOutputRatio => [0.1, 20.0],
            Unknown::CapitalShare => [0.05, 0.95],
        }
    }

    fn set(self, x: &mut Inputs, v: f64) {
        match self {
            Unknown::CapitalOutputRatio => x.capital_output_ratio = v,
            Unknown::CapitalShare => x.capital_share = v,
        }
    }
}

/// One year of the calibrated decomposition.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CalibratedYear {
    /// Calendar year.
    pub year: i32,
    /// Real growth (realised where the scenario has `[actuals]`), fraction.
    pub growth: f64,
    /// Whether the year's growth is an estimate rather than a printed actual.
    pub estimated: bool,
    /// Investment / GRDP at current prices, fraction.
    pub investment_ratio: f64,
    /// Capital-output ratio at the end of the year, K_t / Y_t.
    pub capital_output_ratio: f64,
    /// TFP growth (the residual in a realised year), fraction.
    pub tfp_growth: f64,
    /// Contribution of TFP to growth, fraction of GRDP.
    pub contrib_tfp: f64,
    /// Contribution of capital, fraction of GRDP.
    pub contrib_capital: f64,
    /// Contribution of labour, fraction of GRDP.
    pub contrib_labour: f64,
    /// TFP share of the year's growth.
    pub tfp_share: Option<f64>,
}

/// One alternative calibration: the same solve with one assumption changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Variant {
    /// Stable key, e.g. `tfp_share_minus_3pt`, `capital_share_minus_0_05`.
    pub key: String,
    /// Target TFP share, fraction.
    pub tfp_share: f64,
    /// Capital share α used.
    pub capital_share: f64,
    /// Depreciation δ used.
    pub depreciation: f64,
    /// Solved value.
    pub value: f64,
    /// End-of-period K/Y it gives.
    pub capital_output_ratio_end: f64,
}

/// The result of `grdpsim calibrate` (written as `calibration.json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Calibration {
    /// Scenario name.
    pub scenario: String,
    /// What was solved for.
    pub solve: Unknown,
    /// The scenario field to set to `value`.
    pub field: String,
    /// Target TFP share of growth over the period, fraction.
    pub tfp_share_target: f64,
    /// The solved value.
    pub value: f64,
    /// The value the scenario holds.
    pub value_in_scenario: f64,
    /// Base-year K/Y of the calibrated run.
    pub capital_output_ratio_start: f64,
    /// End-of-period K/Y of the calibrated run, K_T / Y_T (what the next period starts from).
    pub capital_output_ratio_end: f64,
    /// Capital share α of the calibrated run.
    pub capital_share: f64,
    /// Depreciation δ of the calibrated run.
    pub depreciation: f64,
    /// The TFP share the engine computes at `value`, Σ ln(1+g_A) / ln(Y_T/Y_0).
    pub tfp_share: f64,
    /// Equation residual: `tfp_share` − `tfp_share_target`.
    pub residual: f64,
    /// Bisection steps taken.
    pub iterations: u32,
    /// The bracket searched.
    pub bracket: [f64; 2],
    /// Compound average growth over the period, fraction.
    pub cagr: f64,
    /// Σ investment / Σ GRDP over the period, current prices.
    pub investment_ratio_period: f64,
    /// Period ICOR in the plan's convention.
    pub icor_period: Option<f64>,
    /// Projection years whose growth is realised (`[actuals]`), of all years.
    pub realised_years: usize,
    /// Per-year decomposition at the solved value.
    pub years: Vec<CalibratedYear>,
    /// The same solve under other plausible assumptions (capital_output_ratio only).
    pub variants: Vec<Variant>,
}

/// Why a calibration failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CalibrationError {
    /// The target share is not reached anywhere in the bracket.
    OutOfReach {
        /// Target share.
        target: f64,
        /// Shares at the two ends of the bracket.
        shares: [f64; 2],
        /// The bracket.
        bracket: [f64; 2],
        /// The field solved.
        field: &'static str,
    },
    /// The engine failed at some value.
    Model(ModelError),
}

impl std::fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalibrationError::OutOfReach {
                target,
                shares,
                bracket,
                field,
            } => write!(
                f,
                "no {field} between {} and {} gives a TFP share of {:.1}%: the engine gives \
                 {:.1}% to {:.1}% over that range; check the growth, investment and employment \
                 of the period, or ask for a share in that range with --tfp-share",
                bracket[0],
                bracket[1],
                100.0 * target,
                100.0 * shares[0].min(shares[1]),
                100.0 * shares[0].max(shares[1])
            ),
            CalibrationError::Model(e) => write!(f, "{e}"),
        }
    }
}

impl From<ModelError> for CalibrationError {
    fn from(e: ModelError) -> Self {
        CalibrationError::Model(e)
    }
}

/// Most bisection steps (the bracket shrinks below one ulp long before).
const MAX_STEPS: u32 = 200;

/// The engine's period TFP share with `unknown` set to `v`.
fn share_at(sc: &Scenario, x: &Inputs, unknown: Unknown, v: f64) -> Result<f64, ModelError> {
    let mut y = x.clone();
    unknown.set(&mut y, v);
    let p = project(sc, &y)?;
    p.tfp_share.ok_or_else(|| ModelError {
        year: sc.meta.base_year,
        what: "the period's growth is zero, so it has no TFP share".into(),
    })
}

/// Solves `unknown` so that the engine's period TFP share equals `target`, by bisection on
/// the engine itself. Returns the value, the steps taken and the final projection.
fn solve(
    sc: &Scenario,
    x: &Inputs,
    unknown: Unknown,
    target: f64,
) -> Result<(f64, u32, Projection, Inputs), CalibrationError> {
    let bracket = unknown.bracket();
    let [mut lo, mut hi] = bracket;
    let f_lo = share_at(sc, x, unknown, lo)? - target;
    let f_hi = share_at(sc, x, unknown, hi)? - target;
    if f_lo.signum() == f_hi.signum() && f_lo != 0.0 && f_hi != 0.0 {
        return Err(CalibrationError::OutOfReach {
            target,
            shares: [f_lo + target, f_hi + target],
            bracket,
            field: unknown.field(),
        });
    }
    let rising = f_hi > f_lo;
    let mut steps = 0;
    while steps < MAX_STEPS {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        steps += 1;
        let f = share_at(sc, x, unknown, mid)? - target;
        if (f < 0.0) == rising {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // the end of the final bracket whose share is closer to the target
    let (f_l, f_h) = (
        share_at(sc, x, unknown, lo)? - target,
        share_at(sc, x, unknown, hi)? - target,
    );
    let v = if f_l.abs() <= f_h.abs() { lo } else { hi };
    let mut y = x.clone();
    unknown.set(&mut y, v);
    let p = project(sc, &y)?;
    Ok((v, steps, p, y))
}

/// End-of-period K/Y of a projection: K_T / Y_T, both at base-year prices.
fn end_ratio(p: &Projection) -> f64 {
    p.years.last().map_or(f64::NAN, |r| r.capital / r.grdp_real)
}

/// Calibrates `unknown` on `sc`'s central inputs so that the period TFP share is `target`.
/// With `Unknown::CapitalOutputRatio`, also solves the plausible variants: target ± 3
/// points, α ± 0.05, δ ± 0.01 (one at a time).
///
/// # Errors
/// [`CalibrationError::OutOfReach`] when no value in the bracket gives `target`;
/// [`CalibrationError::Model`] when the engine fails.
pub fn calibrate(
    sc: &Scenario,
    unknown: Unknown,
    target: f64,
) -> Result<Calibration, CalibrationError> {
    let x = &sc.central;
    let (value, iterations, p, y) = solve(sc, x, unknown, target)?;
    let tfp_share = p.tfp_share.unwrap_or(f64::NAN);
    let estimated = |year: i32| {
        sc.actuals
            .as_ref()
            .is_some_and(|a| a.estimated.contains(&year))
    };
    let years = p
        .years
        .iter()
        .map(|r| CalibratedYear {
            year: r.year,
            growth: r.growth,
            estimated: estimated(r.year),
            investment_ratio: r.investment_ratio,
            capital_output_ratio: r.capital / r.grdp_real,
            tfp_growth: r.tfp_growth,
            contrib_tfp: r.contrib_tfp,
            contrib_capital: r.contrib_capital,
            contrib_labour: r.contrib_labour,
            tfp_share: r.tfp_share,
        })
        .collect();
    let mut variants = Vec::new();
    if unknown == Unknown::CapitalOutputRatio {
        let cases: [(&str, f64, f64, f64); 7] = [
            ("central", target, x.capital_share, x.depreciation),
            (
                "tfp_share_minus_3pt",
                target - 0.03,
                x.capital_share,
                x.depreciation,
            ),
            (
                "tfp_share_plus_3pt",
                target + 0.03,
                x.capital_share,
                x.depreciation,
            ),
            (
                "capital_share_minus_0_05",
                target,
                x.capital_share - 0.05,
                x.depreciation,
            ),
            (
                "capital_share_plus_0_05",
                target,
                x.capital_share + 0.05,
                x.depreciation,
            ),
            (
                "depreciation_minus_0_01",
                target,
                x.capital_share,
                x.depreciation - 0.01,
            ),
            (
                "depreciation_plus_0_01",
                target,
                x.capital_share,
                x.depreciation + 0.01,
            ),
        ];
        // variants on a 1e-9 grid (so 0.40 − 0.05 prints as 0.35)
        let tidy = |v: f64| (v * 1e9).round() / 1e9;
        for (key, s, a, d) in cases {
            let (s, a, d) = (tidy(s), tidy(a), tidy(d));
            if !(a > 0.0 && a < 1.0 && (0.0..1.0).contains(&d)) {
                continue;
            }
            let mut z = x.clone();
            z.capital_share = a;
            z.depreciation = d;
            // a variant out of reach is left out, not an error
            if let Ok((v, _, q, _)) = solve(sc, &z, unknown, s) {
                variants.push(Variant {
                    key: key.into(),
                    tfp_share: s,
                    capital_share: a,
                    depreciation: d,
                    value: v,
                    capital_output_ratio_end: end_ratio(&q),
                });
            }
        }
    }
    Ok(Calibration {
        scenario: sc.meta.name.clone(),
        solve: unknown,
        field: unknown.field().into(),
        tfp_share_target: target,
        value,
        value_in_scenario: match unknown {
            Unknown::CapitalOutputRatio => x.capital_output_ratio,
            Unknown::CapitalShare => x.capital_share,
        },
        capital_output_ratio_start: y.capital_output_ratio,
        capital_output_ratio_end: end_ratio(&p),
        capital_share: y.capital_share,
        depreciation: y.depreciation,
        tfp_share,
        residual: tfp_share - target,
        iterations,
        bracket: unknown.bracket(),
        cagr: p.cagr,
        investment_ratio_period: p.investment_ratio_period,
        icor_period: p.icor_period,
        realised_years: x.fixed_growth.iter().filter(|g| g.is_finite()).count(),
        years,
        variants,
    })
}
