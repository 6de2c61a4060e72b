//! Inverse modes: what TFP (or ICOR) the funding plan needs to hit the target, and what
//! investment the target needs given TFP (or ICOR) — the financing gap.

use super::engine::{ModelError, Workspace, capital, investment, labour_term};
use super::math::{exp, exp_m1, ln, ln_1p};
use crate::scenario::{Engine, IcorTiming, Inputs, Scenario};

/// One year of the inverse calculation. Money in thousand bn VND at current prices.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RequiredYear {
    /// Calendar year.
    pub year: i32,
    /// Target real growth.
    pub target_growth: f64,
    /// GRDP at current prices on the target path.
    pub grdp_nominal_target: f64,
    /// (a) TFP growth needed for the target with the plan's funding.
    pub implied_tfp_growth: f64,
    /// (a) TFP share of growth that implies, ln(1+g_A)/ln(1+g*).
    pub implied_tfp_share: f64,
    /// (a) ICOR the plan's funding implies at the target, (I/Y)/g* in the engine's timing.
    pub implied_icor: f64,
    /// Investment in the plan (all investment sources, realised as in the scenario).
    pub planned_investment: f64,
    /// (b) Investment needed for the target given the scenario's TFP (or ICOR).
    pub required_investment: f64,
    /// (b) Required − planned (positive = shortfall to finance).
    pub gap: f64,
    /// (b) Required investment / GRDP on the target path.
    pub required_investment_ratio: f64,
}

/// Both inverse modes over the projection.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Required {
    /// Scenario name.
    pub scenario: String,
    /// Engine.
    pub engine: Engine,
    /// Growth target.
    pub target: f64,
    /// (a) TFP share of growth over the period implied by the plan's funding.
    pub implied_tfp_share_period: f64,
    /// (a) Average implied TFP growth (geometric mean).
    pub implied_tfp_growth_mean: f64,
    /// Σ planned investment.
    pub planned_total: f64,
    /// Σ required investment.
    pub required_total: f64,
    /// Σ gap.
    pub gap_total: f64,
    /// Per-year detail.
    pub years: Vec<RequiredYear>,
}

/// Computes both inverse modes for inputs `x`.
///
/// (a) holds the plan's investment (so the capital path) fixed and solves each year's TFP
/// growth from 1+g* = (1+g_A)(K_t/K_{t−1})^α(labour)^(1−α). (b) holds TFP (growth accounting)
/// or ICOR (icor engine) fixed and solves the capital path that gives g* every year; required
/// investment is I_t = K*_t − (1−δ)K*_{t−1} at base-year prices, assumed productive in the
/// year it is spent. The gap compares it with the plan's productive investment of that year.
///
/// # Errors
/// A [`ModelError`] when the plan's own inputs are impossible (see [`super::simulate`]).
pub fn required(sc: &Scenario, x: &Inputs) -> Result<Required, ModelError> {
    required_path(sc, x, &vec![sc.meta.target_growth; sc.horizon()])
}

/// Both inverse modes (as [`required`]) for a target growth path: `target[t]` is the growth
/// year t must reach (one value per projection year). `Required::target` is then the path's
/// compound average.
///
/// Years whose growth is realised in `x` (`Inputs::fixed_growth`) use, in mode (b), the TFP
/// residual of that year on the plan's capital path (growth accounting) or the ICOR the
/// realised year shows (icor engine) instead of the scenario's: with `target[t]` equal to the
/// realised growth, the required capital path follows the realised one and the gap is zero,
/// so the later years start from the realised state (`grdpsim remaining`).
///
/// # Errors
/// A [`ModelError`] when the plan's own inputs are impossible (see [`super::simulate`]), or
/// when `target` does not have one growth rate above −100% per projection year.
pub fn required_path(sc: &Scenario, x: &Inputs, target: &[f64]) -> Result<Required, ModelError> {
    let n = sc.horizon();
    if target.len() != n || target.iter().any(|g| !(*g > -1.0 && g.is_finite())) {
        return Err(ModelError {
            year: sc.meta.base_year,
            what: format!("the target path needs {n} growth rates above −100%, found {target:?}"),
        });
    }
    let mut ws = Workspace::new(sc);
    investment(sc, x, &mut ws)?;
    capital(sc, x, &mut ws)?;
    let alpha = x.capital_share;
    let mut years = Vec::with_capacity(n);
    let mut y_prev = x.grdp_base_nominal;
    let mut k_star_prev = ws.capital[0];
    let (mut sum_tfp, mut sum_plan, mut sum_req, mut sum_lg) = (0.0, 0.0, 0.0, 0.0);
    for (t, &g) in target.iter().enumerate() {
        let lg = ln_1p(g);
        sum_lg += lg;
        let fixed = x.fixed_growth.get(t).copied().filter(|v| v.is_finite());
        let y = y_prev * (1.0 + g);
        let p = ws.price[t + 1];
        let ll = labour_term(x, t);
        // (a)
        let lk = alpha * ln(ws.capital[t + 1] / ws.capital[t]);
        let la = lg - lk - ll;
        sum_tfp += la;
        let productive = ws.productive_real[t];
        let implied_icor = match sc.meta.icor_timing {
            IcorTiming::SameYear => productive / (g * y),
            IcorTiming::PreviousYear => productive / (g * y_prev),
        };
        // (b)
        let required_real = match sc.meta.engine {
            Engine::GrowthAccounting => {
                let la_given = match fixed {
                    // the realised year's residual on the plan's capital path
                    Some(a) => ln_1p(a) - lk - ll,
                    None => ln_1p(x.tfp_growth[t]),
                };
                let k_star = k_star_prev * exp((lg - la_given - ll) / alpha);
                let i = k_star - (1.0 - x.depreciation) * k_star_prev;
                k_star_prev = k_star;
                i
            }
            // a realised year: the ICOR it showed, productive / (a·Y), so required = productive
            // · g/a on the same output base
            Engine::Icor => match fixed {
                Some(a) if a != 0.0 => productive * g / a,
                Some(_) => productive,
                None => match sc.meta.icor_timing {
                    IcorTiming::SameYear => x.icor[t] * g * y,
                    IcorTiming::PreviousYear => x.icor[t] * g * y_prev,
                },
            },
        };
        let gap = (required_real - productive) * p;
        let planned = ws.investment_nominal[t];
        let required_nominal = planned + gap;
        sum_plan += planned;
        sum_req += required_nominal;
        years.push(RequiredYear {
            year: sc.meta.years[t],
            target_growth: g,
            grdp_nominal_target: y * p,
            implied_tfp_growth: exp_m1(la),
            implied_tfp_share: la / lg,
            implied_icor,
            planned_investment: planned,
            required_investment: required_nominal,
            gap,
            required_investment_ratio: required_nominal / (y * p),
        });
        y_prev = y;
    }
    // a constant path keeps its rate exactly (as `required` always did)
    let constant = target.iter().all(|g| *g == target[0]);
    let (target_period, lg_period) = if constant {
        (target[0], ln_1p(target[0]) * n as f64)
    } else {
        (exp_m1(sum_lg / n as f64), sum_lg)
    };
    Ok(Required {
        scenario: sc.meta.name.clone(),
        engine: sc.meta.engine,
        target: target_period,
        implied_tfp_share_period: sum_tfp / lg_period,
        implied_tfp_growth_mean: exp_m1(sum_tfp / n as f64),
        planned_total: sum_plan,
        required_total: sum_req,
        gap_total: sum_req - sum_plan,
        years,
    })
}

/// Inputs with TFP growth replaced by what mode (a) says the target needs.
///
/// # Errors
/// As [`required`].
pub fn with_implied_tfp(sc: &Scenario, x: &Inputs) -> Result<Inputs, ModelError> {
    let r = required(sc, x)?;
    let mut out = x.clone();
    out.tfp_growth = r.years.iter().map(|y| y.implied_tfp_growth).collect();
    Ok(out)
}

/// Inputs with every source's realisation scaled so that each year's investment equals what
/// mode (b) requires (exact when sources have no gestation lag).
///
/// # Errors
/// As [`required`].
pub fn with_required_investment(sc: &Scenario, x: &Inputs) -> Result<Inputs, ModelError> {
    let r = required(sc, x)?;
    let n = sc.horizon();
    let mut out = x.clone();
    for (t, y) in r.years.iter().enumerate() {
        let f = if y.planned_investment > 0.0 {
            y.required_investment / y.planned_investment
        } else {
            1.0
        };
        for s in 0..sc.sources.len() {
            out.realisation[s * n + t] *= f;
        }
    }
    Ok(out)
}
