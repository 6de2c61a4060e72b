//! The year-by-year engine: prices, investment by source, capital, growth. Allocation-free.
//!
//! [`simulate`] fills a [`Workspace`] from a [`Scenario`] and one set of [`Inputs`]; the
//! deterministic projection and every Monte Carlo path call it the same way.

use super::math::{exp_m1, ln, ln_1p};
use crate::scenario::{Currency, Engine, IcorTiming, Inputs, Scenario};
use std::fmt;

/// Why a path could not be computed (an input made a quantity impossible).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelError {
    /// Calendar year in which it happened.
    pub year: i32,
    /// What went wrong, in words.
    pub what: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.year, self.what)
    }
}

impl std::error::Error for ModelError {}

/// Buffers for one path. Sized once per scenario with [`Workspace::new`] and reused.
///
/// Index `t` runs over projection years `0..T`; vectors of length `T + 1` start with the
/// base year at index 0.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// GRDP deflator level P_t, base year = 1 (length T+1).
    pub price: Vec<f64>,
    /// Realised nominal amount per source and year, k-bn VND (source-major, S×T). For an
    /// investment source: its investment including what it is financed with. For a financing
    /// source: its own realised amount (land revenue collected, loans drawn…).
    pub source_nominal: Vec<f64>,
    /// For financing sources: the part of `source_nominal` that finances investment (S×T).
    pub financed_nominal: Vec<f64>,
    /// Total nominal investment spent per year, k-bn VND (T).
    pub investment_nominal: Vec<f64>,
    /// Total real investment spent per year at base-year prices (T).
    pub investment_real: Vec<f64>,
    /// Real investment that becomes productive capital in each year, after gestation lags (T).
    pub productive_real: Vec<f64>,
    /// Capital stock at base-year prices (T+1).
    pub capital: Vec<f64>,
    /// Real GRDP at base-year prices (T+1).
    pub grdp_real: Vec<f64>,
    /// Real growth per year (T).
    pub growth: Vec<f64>,
    /// ln(1+g_A): TFP term of log growth (T).
    pub log_tfp: Vec<f64>,
    /// α·ln(K_t/K_{t−1}) (T).
    pub log_capital: Vec<f64>,
    /// (1−α)·ln((1+g_h)L_t/L_{t−1}) (T).
    pub log_labour: Vec<f64>,
    /// Cache of ln(1+g_h) + ln(L_t/L_{t−1}) per year (T), valid for the inputs in
    /// `labour_key` (employment base, employment, human capital growth): paths that do not
    /// draw employment skip these logarithms.
    labour_ln: Vec<f64>,
    labour_key: Vec<f64>,
}

impl Workspace {
    /// Buffers sized for `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let t = scenario.horizon();
        let s = scenario.sources.len();
        Workspace {
            price: vec![0.0; t + 1],
            source_nominal: vec![0.0; s * t],
            financed_nominal: vec![0.0; s * t],
            investment_nominal: vec![0.0; t],
            investment_real: vec![0.0; t],
            productive_real: vec![0.0; t],
            capital: vec![0.0; t + 1],
            grdp_real: vec![0.0; t + 1],
            growth: vec![0.0; t],
            log_tfp: vec![0.0; t],
            log_capital: vec![0.0; t],
            log_labour: vec![0.0; t],
            labour_ln: Vec::new(),
            labour_key: Vec::new(),
        }
    }
}

fn err(sc: &Scenario, t: usize, what: String) -> ModelError {
    let year = if t == usize::MAX {
        sc.meta.base_year
    } else {
        sc.meta.years[t]
    };
    ModelError { year, what }
}

/// Prices and investment: fills `price`, `source_nominal`, `financed_nominal`,
/// `investment_nominal`, `investment_real` and `productive_real` ([`investment_by_source`]
/// then [`totals`]).
///
/// Realised investment of an investment source s in year t (k-bn VND):
/// `(plan_s,t − financed_plan_s,t)·realisation_s,t + Σ_links share·plan_f,t·realisation_f,t`.
///
/// # Errors
/// When the price level is not positive.
pub fn investment(sc: &Scenario, x: &Inputs, ws: &mut Workspace) -> Result<(), ModelError> {
    investment_by_source(sc, x, ws)?;
    totals(sc, ws);
    Ok(())
}

/// Prices and realised amounts by source: fills `price`, `source_nominal` and
/// `financed_nominal` (the totals are left to [`totals`], for callers that adjust the amounts
/// first).
///
/// # Errors
/// When the price level is not positive.
pub fn investment_by_source(
    sc: &Scenario,
    x: &Inputs,
    ws: &mut Workspace,
) -> Result<(), ModelError> {
    let n = sc.horizon();
    ws.price[0] = 1.0;
    for t in 0..n {
        let p = ws.price[t] * (1.0 + x.deflator_growth[t]);
        if !(p > 0.0 && p.is_finite()) {
            return Err(err(
                sc,
                t,
                format!(
                    "GRDP deflator level is {p} (deflator growth {})",
                    x.deflator_growth[t]
                ),
            ));
        }
        ws.price[t + 1] = p;
    }
    // realised amounts: a financing source's plan × realisation; an investment source's own
    // part (plan − what financing sources fund of it) × realisation, financed inflows below
    ws.financed_nominal[..sc.sources.len() * n].fill(0.0);
    let rows = ws.source_nominal.chunks_exact_mut(n);
    let realisation = x.realisation.chunks_exact(n);
    for ((row, real), src) in rows.zip(realisation).zip(&sc.sources) {
        let plan = &src.plan[..n];
        let financed = if src.financing {
            None
        } else {
            Some(&src.financed_plan_vnd[..n])
        };
        for t in 0..n {
            let plan = match src.currency {
                Currency::Vnd => plan[t],
                Currency::Usd => plan[t] * x.exchange_rate[t] / 1000.0,
            };
            let base = match financed {
                None => plan,
                Some(f) => (plan - f[t]).max(0.0),
            };
            row[t] = base * real[t];
        }
    }
    for link in &sc.links {
        for t in 0..n {
            let flow = link.share * ws.source_nominal[link.from * n + t];
            ws.financed_nominal[link.from * n + t] += flow;
            ws.source_nominal[link.to * n + t] += flow;
        }
    }
    Ok(())
}

/// Sums realised source amounts into total investment spent (nominal and real) and into
/// productive real investment after gestation lags. Call again after changing
/// `source_nominal` (project delays, compensation rules).
pub fn totals(sc: &Scenario, ws: &mut Workspace) {
    let n = sc.horizon();
    totals_lanes::<1>(
        sc,
        ws.source_nominal.as_chunks().0,
        &ws.price,
        ws.investment_nominal.as_chunks_mut().0,
        ws.productive_real.as_chunks_mut().0,
        // scratch for the same-year part, then the real investment
        ws.investment_real.as_chunks_mut().0,
    );
    for t in 0..n {
        ws.investment_real[t] = ws.investment_nominal[t] / ws.price[t + 1];
    }
}

/// [`totals`] on `L` lanes at once (the same path with its amounts scaled differently per
/// lane): `src[s·T + t][j]` is source s in year t in lane j; fills nominal `investment` and
/// productive real investment `productive` per year and lane. Amounts productive the same
/// year are summed in `same_year` and deflated once per year. `price` is the deflator level
/// with the base year at index 0.
#[inline(always)]
pub fn totals_lanes<const L: usize>(
    sc: &Scenario,
    src: &[[f64; L]],
    price: &[f64],
    investment: &mut [[f64; L]],
    productive: &mut [[f64; L]],
    same_year: &mut [[f64; L]],
) {
    let n = sc.horizon();
    // with no gestation lag anywhere, the same-year part is the whole investment: the same
    // sums in the same order, so it is not summed twice
    let lags = sc.sources.iter().any(|s| !s.financing && s.lag > 0);
    for t in 0..n {
        investment[t] = [0.0; L];
        productive[t] = [0.0; L];
        if lags {
            same_year[t] = [0.0; L];
        }
    }
    for (s, source) in sc.sources.iter().enumerate() {
        if source.financing {
            continue;
        }
        for t in 0..n {
            let v = &src[s * n + t];
            for j in 0..L {
                investment[t][j] += v[j];
            }
            if !lags {
                continue;
            }
            if source.lag == 0 {
                for j in 0..L {
                    same_year[t][j] += v[j];
                }
            } else if t + source.lag < n {
                for j in 0..L {
                    productive[t + source.lag][j] += v[j] / price[t + 1];
                }
            }
        }
    }
    let same_year = if lags { &*same_year } else { &*investment };
    for t in 0..n {
        for j in 0..L {
            productive[t][j] += same_year[t][j] / price[t + 1];
        }
    }
}

/// Realised investment: for every year t with a finite `x.fixed_investment[t]` (k-bn VND,
/// current prices), scales that year's realised investment sources by one factor so that they
/// sum to it, then recomputes the totals ([`totals`]). Financing sources keep their realised
/// amounts. When the year's sources realised nothing, the given total is spread over the
/// investment sources in proportion to their plans. Nothing happens (and nothing is
/// recomputed) when no year is fixed. Idempotent.
///
/// # Errors
/// When a given total is negative, or positive while no investment source has a plan that
/// year.
pub fn pin_investment(sc: &Scenario, x: &Inputs, ws: &mut Workspace) -> Result<(), ModelError> {
    let n = sc.horizon();
    let mut pinned = false;
    for (t, &total) in x.fixed_investment.iter().enumerate().take(n) {
        if !total.is_finite() {
            continue;
        }
        if total < 0.0 {
            return Err(err(sc, t, format!("realised investment is {total}")));
        }
        let spent = ws.investment_nominal[t];
        if spent > 0.0 {
            let f = total / spent;
            for (s, src) in sc.sources.iter().enumerate() {
                if !src.financing {
                    ws.source_nominal[s * n + t] *= f;
                }
            }
        } else {
            let plan = |s: usize| sc.plan_vnd(s, t, x.exchange_rate[t]).max(0.0);
            let planned: f64 = (0..sc.sources.len())
                .filter(|&s| !sc.sources[s].financing)
                .map(plan)
                .sum();
            if planned <= 0.0 && total > 0.0 {
                return Err(err(
                    sc,
                    t,
                    format!("realised investment {total} but no investment source has a plan"),
                ));
            }
            for (s, src) in sc.sources.iter().enumerate() {
                if !src.financing {
                    ws.source_nominal[s * n + t] = if planned > 0.0 {
                        total * plan(s) / planned
                    } else {
                        0.0
                    };
                }
            }
        }
        pinned = true;
    }
    if pinned {
        totals(sc, ws);
    }
    Ok(())
}

/// Capital accumulation K_t = (1−δ)K_{t−1} + I^prod_t, K_0 = (K/Y)_0·Y_0, after applying
/// realised investment ([`pin_investment`]).
///
/// # Errors
/// When the capital stock is not positive, or as [`pin_investment`].
pub fn capital(sc: &Scenario, x: &Inputs, ws: &mut Workspace) -> Result<(), ModelError> {
    pin_investment(sc, x, ws)?;
    ws.capital[0] = x.capital_output_ratio * x.grdp_base_nominal;
    if !(ws.capital[0] > 0.0 && ws.capital[0].is_finite()) {
        return Err(err(
            sc,
            usize::MAX,
            format!("initial capital stock is {}", ws.capital[0]),
        ));
    }
    for t in 0..sc.horizon() {
        let k = (1.0 - x.depreciation) * ws.capital[t] + ws.productive_real[t];
        if !(k > 0.0 && k.is_finite()) {
            return Err(err(sc, t, format!("capital stock is {k}")));
        }
        ws.capital[t + 1] = k;
    }
    Ok(())
}

/// Labour term (1−α)·ln((1+g_h)·L_t/L_{t−1}) for year t.
#[inline]
pub fn labour_term(x: &Inputs, t: usize) -> f64 {
    let prev = if t == 0 {
        x.employment_base
    } else {
        x.employment[t - 1]
    };
    (1.0 - x.capital_share) * (ln(1.0 + x.human_capital_growth[t]) + ln(x.employment[t] / prev))
}

/// Fills `ws.labour_ln` for the labour inputs of `x` unless it already holds them.
fn refresh_labour(x: &Inputs, n: usize, ws: &mut Workspace) {
    let same = ws.labour_key.len() == 1 + 2 * n
        && ws.labour_key[0].to_bits() == x.employment_base.to_bits()
        && ws.labour_key[1..=n]
            .iter()
            .zip(&x.employment[..n])
            .chain(
                ws.labour_key[n + 1..]
                    .iter()
                    .zip(&x.human_capital_growth[..n]),
            )
            .all(|(a, b)| a.to_bits() == b.to_bits());
    if same {
        return;
    }
    ws.labour_key.clear();
    ws.labour_key.push(x.employment_base);
    ws.labour_key.extend_from_slice(&x.employment[..n]);
    ws.labour_key
        .extend_from_slice(&x.human_capital_growth[..n]);
    ws.labour_ln.clear();
    for t in 0..n {
        let prev = if t == 0 {
            x.employment_base
        } else {
            x.employment[t - 1]
        };
        ws.labour_ln
            .push(ln(1.0 + x.human_capital_growth[t]) + ln(x.employment[t] / prev));
    }
}

/// Growth and its decomposition for every year.
///
/// A year with a finite `x.fixed_growth[t]` (a realised year) has that growth; its TFP term
/// is the residual ln(1+g) − α·ln(K_t/K_{t−1}) − labour term, so the three terms still sum to
/// ln(1+g).
///
/// # Errors
/// When growth would be −100% or worse, or a term is not finite.
pub fn growth(sc: &Scenario, x: &Inputs, ws: &mut Workspace) -> Result<(), ModelError> {
    ws.grdp_real[0] = x.grdp_base_nominal;
    let alpha = x.capital_share;
    refresh_labour(x, sc.horizon(), ws);
    for t in 0..sc.horizon() {
        let lk = alpha * ln(ws.capital[t + 1] / ws.capital[t]);
        // = labour_term(x, t), its logarithms cached
        let ll = (1.0 - alpha) * ws.labour_ln[t];
        let fixed = x.fixed_growth.get(t).copied().unwrap_or(f64::NAN);
        let total = if !fixed.is_nan() {
            if !(fixed > -1.0 && fixed.is_finite()) {
                return Err(err(sc, t, format!("realised growth is {fixed}")));
            }
            let total = ln_1p(fixed);
            ws.log_tfp[t] = total - lk - ll;
            total
        } else {
            match sc.meta.engine {
                Engine::GrowthAccounting => {
                    let la = ln_1p(x.tfp_growth[t]);
                    ws.log_tfp[t] = la;
                    la + lk + ll
                }
                Engine::Icor => {
                    let ratio = ws.productive_real[t] / (x.icor[t] * ws.grdp_real[t]);
                    let g = match sc.meta.icor_timing {
                        IcorTiming::PreviousYear => ratio,
                        // g(1+g) = ratio, the positive root
                        IcorTiming::SameYear => 2.0 * ratio / (1.0 + (1.0 + 4.0 * ratio).sqrt()),
                    };
                    if g.is_nan() || g <= -1.0 {
                        return Err(err(sc, t, format!("growth from the icor engine is {g}")));
                    }
                    let total = ln_1p(g);
                    ws.log_tfp[t] = total - lk - ll;
                    total
                }
            }
        };
        if !total.is_finite() {
            return Err(err(sc, t, "growth is not a finite number".into()));
        }
        ws.log_capital[t] = lk;
        ws.log_labour[t] = ll;
        ws.growth[t] = if fixed.is_nan() { exp_m1(total) } else { fixed };
        // exp(total) = 1 + growth (one transcendental per year instead of two)
        ws.grdp_real[t + 1] = ws.grdp_real[t] * (1.0 + ws.growth[t]);
        if !(ws.grdp_real[t + 1] > 0.0 && ws.grdp_real[t + 1].is_finite()) {
            return Err(err(sc, t, format!("real GRDP is {}", ws.grdp_real[t + 1])));
        }
    }
    Ok(())
}

/// Runs one path: [`investment`], [`capital`], [`growth`].
///
/// # Errors
/// A [`ModelError`] naming the year and the quantity that became impossible.
pub fn simulate(sc: &Scenario, x: &Inputs, ws: &mut Workspace) -> Result<(), ModelError> {
    investment(sc, x, ws)?;
    capital(sc, x, ws)?;
    growth(sc, x, ws)
}

/// Compound annual growth rate of real GRDP over the projection, (Y_T/Y_0)^(1/T) − 1.
pub fn cagr(ws: &Workspace) -> f64 {
    let n = ws.growth.len() as f64;
    let total: f64 = ws
        .log_tfp
        .iter()
        .zip(&ws.log_capital)
        .zip(&ws.log_labour)
        .map(|((a, b), c)| a + b + c)
        .sum();
    exp_m1(total / n)
}
