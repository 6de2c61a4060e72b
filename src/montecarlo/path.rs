//! Evaluates one drawn path: the deterministic engine plus project delays and compensation.

use crate::model::{self, ModelError, Workspace, math};
use crate::scenario::uncertainty::Cap;
use crate::scenario::{Inputs, Scenario};

/// What one path contributes to the summary.
#[derive(Debug, Clone, Default)]
pub struct PathResult {
    /// Real growth per year.
    pub growth: Vec<f64>,
    /// Compound average growth.
    pub cagr: f64,
    /// End-year GRDP, current prices, k-bn VND.
    pub grdp_end: f64,
    /// End-year GRDP, bn USD.
    pub grdp_end_usd: f64,
    /// End-year GRDP per capita, USD.
    pub per_capita_usd_end: f64,
    /// GRDP per capita each year, USD.
    pub per_capita_usd: Vec<f64>,
    /// TFP share of growth over the period (NaN when growth is zero).
    pub tfp_share: f64,
    /// Total investment spent, current prices.
    pub investment_total: f64,
    /// Per source: realised total (investment for investment sources, amount collected for
    /// financing sources), current prices.
    pub realised: Vec<f64>,
    /// Per source: plan total at the path's exchange rates, current prices.
    pub plan: Vec<f64>,
    /// Per compensation rule: investment added, current prices.
    pub compensation: Vec<f64>,
}

impl PathResult {
    /// Buffers sized for `sc`.
    pub fn new(sc: &Scenario) -> Self {
        PathResult {
            growth: vec![0.0; sc.horizon()],
            per_capita_usd: vec![0.0; sc.horizon()],
            realised: vec![0.0; sc.sources.len()],
            plan: vec![0.0; sc.sources.len()],
            compensation: vec![0.0; sc.uncertainty.compensation.len()],
            ..Default::default()
        }
    }
}

/// What does not change between a path's re-evaluations: each source's plan (S×T, k-bn VND
/// at the path's exchange rates) and the share of each source's surplus already linked into
/// investment.
#[derive(Debug, Clone, Default)]
pub struct Plans {
    /// Plan per source and year (source-major), k-bn VND, current prices.
    pub plan: Vec<f64>,
    /// Per source: Σ of the shares of its links (what of a surplus already flows on).
    pub linked: Vec<f64>,
}

impl Plans {
    /// Fills the plans of the path whose exchange rates are in `x`.
    pub fn fill(&mut self, sc: &Scenario, x: &Inputs) {
        let n = sc.horizon();
        let s_n = sc.sources.len();
        if self.linked.len() != s_n {
            self.linked = (0..s_n)
                .map(|f| {
                    sc.links
                        .iter()
                        .filter(|l| l.from == f)
                        .map(|l| l.share)
                        .sum()
                })
                .collect();
        }
        self.plan.resize(s_n * n, 0.0);
        for s in 0..s_n {
            for t in 0..n {
                self.plan[s * n + t] = sc.plan_vnd(s, t, x.exchange_rate[t]);
            }
        }
    }
}

/// Buffers [`evaluate`] reuses from path to path.
#[derive(Debug, Clone, Default)]
pub struct Buffers {
    /// Surplus already used by compensation rules (S×T).
    pub used: Vec<f64>,
    /// The path's plans.
    pub plans: Plans,
    /// Realised source amounts before delays and compensation (S×T).
    pub pre: Vec<f64>,
}

/// Shifts delayed project spending and applies the enabled compensation rules to the
/// realised source amounts in `ws` (after `model::investment`, before `model::totals`);
/// `plans` are the path's ([`Plans::fill`]).
pub fn adjust_sources(
    sc: &Scenario,
    plans: &Plans,
    delays: &[usize],
    ws: &mut Workspace,
    added: &mut [f64],
    used: &mut Vec<f64>,
) {
    let n = sc.horizon();
    for (ev, &d) in sc.uncertainty.events.iter().zip(delays) {
        if d == 0 {
            continue;
        }
        let s = ev.source;
        // move the project's spending d years later (out of the horizon if beyond it)
        for t in (0..n).rev() {
            let a = ev.amounts[t].min(ws.source_nominal[s * n + t].max(0.0));
            ws.source_nominal[s * n + t] -= a;
            if d < n - t {
                ws.source_nominal[s * n + t + d] += a;
            }
        }
    }
    added.iter_mut().for_each(|a| *a = 0.0);
    if sc.uncertainty.compensation.is_empty() {
        return;
    }
    used.clear();
    used.resize(sc.sources.len() * n, 0.0);
    for (r, rule) in sc.uncertainty.compensation.iter().enumerate() {
        if !rule.enabled {
            continue;
        }
        let c = rule.covers;
        for t in 0..n {
            let plan = plans.plan[c * n + t];
            let short = (plan - ws.source_nominal[c * n + t]).max(0.0);
            if short <= 0.0 {
                continue;
            }
            let mut remaining = match rule.cap {
                Cap::Surplus => short,
                Cap::Amount(a) => short.min(a),
                Cap::Share(s) => s * short,
            };
            let limit = remaining;
            for &f in &rule.from {
                if remaining <= 0.0 {
                    break;
                }
                let available = match rule.cap {
                    Cap::Surplus => {
                        let src_plan = plans.plan[f * n + t];
                        // the linked share of a surplus already flows into investment
                        let surplus = (ws.source_nominal[f * n + t] - src_plan).max(0.0)
                            * (1.0 - plans.linked[f]);
                        (surplus - used[f * n + t]).max(0.0)
                    }
                    Cap::Amount(_) | Cap::Share(_) => f64::INFINITY,
                };
                let take = remaining.min(available);
                used[f * n + t] += take;
                remaining -= take;
            }
            let cover = (limit - remaining) * rule.efficiency;
            ws.source_nominal[c * n + t] += cover;
            added[r] += cover;
        }
    }
}

/// Simulates one path with inputs `x` and project delays `delays`, filling `out` (and `pre`
/// with the realised source amounts before delays and compensation).
///
/// # Errors
/// A [`ModelError`] when the drawn inputs make the economy impossible.
pub fn evaluate(
    sc: &Scenario,
    x: &Inputs,
    delays: &[usize],
    ws: &mut Workspace,
    b: &mut Buffers,
    out: &mut PathResult,
) -> Result<(), ModelError> {
    model::investment(sc, x, ws)?;
    b.pre.clone_from(&ws.source_nominal);
    b.plans.fill(sc, x);
    adjust_sources(sc, &b.plans, delays, ws, &mut out.compensation, &mut b.used);
    model::totals(sc, ws);
    model::capital(sc, x, ws)?;
    model::growth(sc, x, ws)?;
    let n = sc.horizon();
    out.growth.copy_from_slice(&ws.growth);
    out.cagr = model::cagr(ws);
    let p = ws.price[n];
    out.grdp_end = ws.grdp_real[n] * p;
    out.grdp_end_usd = out.grdp_end * 1000.0 / x.exchange_rate[n - 1];
    for t in 0..n {
        out.per_capita_usd[t] =
            ws.grdp_real[t + 1] * ws.price[t + 1] / x.population[t] * 1e9 / x.exchange_rate[t];
    }
    out.per_capita_usd_end = out.per_capita_usd[n - 1];
    let log_total: f64 = (0..n)
        .map(|t| ws.log_tfp[t] + ws.log_capital[t] + ws.log_labour[t])
        .sum();
    let log_tfp: f64 = ws.log_tfp.iter().sum();
    out.tfp_share = if log_total.abs() > 1e-300 {
        log_tfp / log_total
    } else {
        f64::NAN
    };
    out.investment_total = ws.investment_nominal.iter().sum();
    for s in 0..sc.sources.len() {
        out.realised[s] = ws.source_nominal[s * n..(s + 1) * n].iter().sum();
        out.plan[s] = b.plans.plan[s * n..(s + 1) * n].iter().sum();
    }
    Ok(())
}

/// Everything one thread needs to simulate paths, reused from path to path.
#[derive(Debug)]
pub struct PathEval {
    /// The path's inputs (after [`PathEval::draw`] or set by hand).
    pub x: Inputs,
    /// Drawing buffers, including the path's variates and delays.
    pub scratch: super::sampler::Scratch,
    ws: Workspace,
    /// The last path's plans, amounts before delays and compensation, surplus used.
    b: Buffers,
    /// Workspace and compensation added of [`PathEval::rescaled`].
    scaled: Workspace,
    scaled_added: Vec<f64>,
    /// The last path's result.
    pub out: PathResult,
}

impl PathEval {
    /// Buffers sized for `sc`.
    pub fn new(sc: &Scenario) -> Self {
        PathEval {
            x: sc.central.clone(),
            scratch: super::sampler::Scratch::default(),
            ws: Workspace::new(sc),
            b: Buffers::default(),
            scaled: Workspace::new(sc),
            scaled_added: Vec::new(),
            out: PathResult::new(sc),
        }
    }

    /// Draws path `path` of the run (`seed`, `sampler`) into `self.x` and the delays.
    pub fn draw(&mut self, sc: &Scenario, seed: u64, path: u64, sampler: super::Sampler) {
        super::sampler::draw(sc, seed, path, sampler, &mut self.x, &mut self.scratch);
    }

    /// Simulates the inputs in `self.x` with the delays in `self.scratch.delays` into
    /// `self.out`.
    ///
    /// # Errors
    /// Why the path is invalid: impossible drawn inputs, an impossible economy, or an output
    /// that is not finite. Such paths are excluded from every statistic.
    pub fn simulate(&mut self, sc: &Scenario) -> Result<(), String> {
        if let Some(why) = super::sampler::invalid_reason(sc, &self.x) {
            return Err(why);
        }
        evaluate(
            sc,
            &self.x,
            &self.scratch.delays,
            &mut self.ws,
            &mut self.b,
            &mut self.out,
        )
        .map_err(|e| e.to_string())?;
        let o = &self.out;
        let finite = o.cagr.is_finite()
            && o.grdp_end.is_finite()
            && o.grdp_end_usd.is_finite()
            && o.per_capita_usd_end.is_finite()
            && o.investment_total.is_finite()
            && o.growth
                .iter()
                .chain(&o.realised)
                .chain(&o.plan)
                .chain(&o.compensation)
                .all(|v| v.is_finite());
        if finite {
            Ok(())
        } else {
            Err("an output is not finite (a drawn input is too extreme)".to_string())
        }
    }

    /// Draws and simulates path `path`; the result is in `self.out`.
    ///
    /// # Errors
    /// As [`PathEval::simulate`].
    pub fn path(
        &mut self,
        sc: &Scenario,
        seed: u64,
        path: u64,
        sampler: super::Sampler,
    ) -> Result<(), String> {
        self.draw(sc, seed, path, sampler);
        self.simulate(sc)
    }

    /// Whether [`PathEval::rescaled`] applies to `sc`: the growth-accounting engine, where
    /// a path's TFP and labour terms do not depend on how much is invested.
    pub fn can_rescale(sc: &Scenario) -> bool {
        sc.meta.engine == crate::scenario::Engine::GrowthAccounting
    }

    /// The last simulated path (valid, as left by [`PathEval::simulate`]) with every source's
    /// realisation scaled by `k`: its mean log growth ln(1 + CAGR) and total investment spent
    /// (k-bn VND, current prices), or `None` when the capital stock becomes impossible. Only the capital term
    /// is recomputed: realised amounts are linear in the realisation, so they are the path's
    /// `pre` amounts × k, then delays, compensation and capital accumulation run as in
    /// [`evaluate`]; the TFP and labour terms are the path's own. The CAGR is
    /// (Σ fixed or TFP + labour terms + α·ln Π K_t/K_{t−1})/T (one logarithm).
    /// Requires [`PathEval::can_rescale`].
    pub fn rescaled(&mut self, sc: &Scenario, k: f64) -> Option<(f64, f64)> {
        let n = sc.horizon();
        let w = &mut self.scaled;
        w.price.copy_from_slice(&self.ws.price);
        for (a, b) in w.source_nominal.iter_mut().zip(&self.b.pre) {
            *a = b * k;
        }
        self.scaled_added
            .resize(sc.uncertainty.compensation.len(), 0.0);
        adjust_sources(
            sc,
            &self.b.plans,
            &self.scratch.delays,
            w,
            &mut self.scaled_added,
            &mut self.b.used,
        );
        model::totals(sc, w);
        model::capital(sc, &self.x, w).ok()?;
        let mut fixed_part = 0.0;
        let mut ratio = 1.0;
        for t in 0..n {
            let fixed = self.x.fixed_growth.get(t).copied().unwrap_or(f64::NAN);
            if fixed.is_nan() {
                fixed_part += self.ws.log_tfp[t] + self.ws.log_labour[t];
                ratio *= w.capital[t + 1] / w.capital[t];
            } else {
                fixed_part += math::ln_1p(fixed);
            }
        }
        let mean = (fixed_part + self.x.capital_share * math::ln(ratio)) / n as f64;
        mean.is_finite()
            .then(|| (mean, w.investment_nominal.iter().sum()))
    }
}
