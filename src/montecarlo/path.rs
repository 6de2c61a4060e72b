//! Evaluates one drawn path: the deterministic engine plus project delays and compensation.

use super::adjust::{Buffers, adjust_sources};
use super::rescale::Lanes;
use crate::model::{self, ModelError, Workspace};
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
    evaluate_fused(sc, x, delays, ws, b, out, None)
}

/// [`evaluate`], with delays and compensation applied to the path and to its copies scaled by
/// `lanes`' fused scales in one pass when `lanes` is given ([`PathEval::fuse_scales`]): the
/// path's own amounts are lane 0, bit for bit those of the one-lane pass.
fn evaluate_fused(
    sc: &Scenario,
    x: &Inputs,
    delays: &[usize],
    ws: &mut Workspace,
    b: &mut Buffers,
    out: &mut PathResult,
    lanes: Option<&mut Lanes>,
) -> Result<(), ModelError> {
    model::investment_by_source(sc, x, ws)?;
    b.pre.clone_from(&ws.source_nominal);
    b.plans.fill(sc, x);
    match lanes {
        Some(l) => {
            let a = super::rescale::Adjust {
                pre: &b.pre,
                plans: &b.plans,
                delays,
                price: &ws.price,
            };
            l.scale_and_adjust(sc, &a, &super::rescale::lane_factors(&l.fused));
            l.lane0_into(ws, &mut out.compensation);
            l.ready = true;
        }
        None => {
            adjust_sources(sc, &b.plans, delays, ws, &mut out.compensation, &mut b.used);
            model::totals(sc, ws);
        }
    }
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
    out.tfp_share = tfp_share_over(ws, 0..n);
    out.investment_total = ws.investment_nominal.iter().sum();
    for s in 0..sc.sources.len() {
        out.realised[s] = ws.source_nominal[s * n..(s + 1) * n].iter().sum();
        out.plan[s] = b.plans.plan[s * n..(s + 1) * n].iter().sum();
    }
    Ok(())
}

/// TFP share of growth over projection years `span` of a simulated workspace:
/// Σ ln(1+g_A) / Σ ln(1+g) (NaN when growth is zero).
pub(super) fn tfp_share_over(ws: &Workspace, span: std::ops::Range<usize>) -> f64 {
    let log_total: f64 = span
        .clone()
        .map(|t| ws.log_tfp[t] + ws.log_capital[t] + ws.log_labour[t])
        .sum();
    let log_tfp: f64 = ws.log_tfp[span].iter().sum();
    if log_total.abs() > 1e-300 {
        log_tfp / log_total
    } else {
        f64::NAN
    }
}

/// Everything one thread needs to simulate paths, reused from path to path.
#[derive(Debug)]
pub struct PathEval {
    /// The path's inputs (after [`PathEval::draw`] or set by hand).
    pub x: Inputs,
    /// Drawing buffers, including the path's variates and delays.
    pub scratch: super::sampler::Scratch,
    pub(super) ws: Workspace,
    /// The last path's plans, amounts before delays and compensation, surplus used.
    pub(super) b: Buffers,
    /// Buffers of [`PathEval::rescaled`].
    pub(super) lanes: Lanes,
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
            lanes: Lanes::default(),
            out: PathResult::new(sc),
        }
    }

    /// Total nominal investment per year of the last simulated path, k-bn VND.
    pub fn investment_nominal(&self) -> &[f64] {
        &self.ws.investment_nominal
    }

    /// Realised amount per source and year of the last simulated path (source-major, S×T),
    /// k-bn VND.
    pub fn source_nominal(&self) -> &[f64] {
        &self.ws.source_nominal
    }

    /// The full projection (every year's rows) of the last simulated path: the same numbers
    /// the path's summary statistics come from, delays and compensation included.
    pub fn projection(&self, sc: &Scenario) -> crate::model::Projection {
        crate::model::build(sc, &self.x, &self.ws)
    }

    /// From now on, delays and compensation of every simulated path are applied in one pass
    /// to the path and to its copies with the realisations scaled by each of `scales` (at
    /// most [`super::LANES`] − 1; the funding curve's), which [`PathEval::rescaled`] with
    /// the same scales then reuses. Results are bit-identical either way; empty undoes it.
    pub fn fuse_scales(&mut self, scales: &[f64]) {
        assert!(
            scales.len() < super::LANES,
            "at most LANES − 1 fused scales"
        );
        self.lanes.fused = scales.to_vec();
        self.lanes.ready = false;
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
        self.lanes.ready = false;
        if let Some(why) = super::sampler::invalid_reason(sc, &self.x) {
            return Err(why);
        }
        let fused = !self.lanes.fused.is_empty();
        evaluate_fused(
            sc,
            &self.x,
            &self.scratch.delays,
            &mut self.ws,
            &mut self.b,
            &mut self.out,
            fused.then_some(&mut self.lanes),
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
}
