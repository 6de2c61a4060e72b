//! Inverse modes: what TFP (or ICOR) the funding plan needs to hit the target, and what
//! investment the target needs given TFP (or ICOR) — the financing gap.

use super::engine::{ModelError, Workspace, capital, investment, labour_term};
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
    let n = sc.horizon();
    let mut ws = Workspace::new(sc);
    investment(sc, x, &mut ws)?;
    capital(sc, x, &mut ws)?;
    let g = sc.meta.target_growth;
    let lg = g.ln_1p();
    let alpha = x.capital_share;
    let mut years = Vec::with_capacity(n);
    let mut y_prev = x.grdp_base_nominal;
    let mut k_star_prev = ws.capital[0];
    let (mut sum_tfp, mut sum_plan, mut sum_req) = (0.0, 0.0, 0.0);
    for t in 0..n {
        let y = y_prev * (1.0 + g);
        let p = ws.price[t + 1];
        let ll = labour_term(x, t);
        // (a)
        let lk = alpha * (ws.capital[t + 1] / ws.capital[t]).ln();
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
                let la_given = x.tfp_growth[t].ln_1p();
                let k_star = k_star_prev * ((lg - la_given - ll) / alpha).exp();
                let i = k_star - (1.0 - x.depreciation) * k_star_prev;
                k_star_prev = k_star;
                i
            }
            Engine::Icor => match sc.meta.icor_timing {
                IcorTiming::SameYear => x.icor[t] * g * y,
                IcorTiming::PreviousYear => x.icor[t] * g * y_prev,
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
            implied_tfp_growth: la.exp_m1(),
            implied_tfp_share: la / lg,
            implied_icor,
            planned_investment: planned,
            required_investment: required_nominal,
            gap,
            required_investment_ratio: required_nominal / (y * p),
        });
        y_prev = y;
    }
    Ok(Required {
        scenario: sc.meta.name.clone(),
        engine: sc.meta.engine,
        target: g,
        implied_tfp_share_period: sum_tfp / (lg * n as f64),
        implied_tfp_growth_mean: (sum_tfp / n as f64).exp_m1(),
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
