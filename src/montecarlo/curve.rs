//! The funding curve on the run's own paths: P(hit) with every source's drawn realisation
//! scaled by k, evaluated on the same paths as the headline (common random numbers), so the
//! point at k = 1 is the headline exactly.

use super::histogram::Z95;
use super::histogram::{Histogram, wilson};
use super::path::PathEval;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// Scales of planned funding at which `run` evaluates the curve.
pub const CURVE_SCALES: [f64; 10] = [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5];

/// One point of the funding curve (`summary.json` → `funding_curve`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Planned funding scaled by this: every source's realisation on each path × this factor
    /// (1 = the scenario as written).
    pub funding_scale: f64,
    /// P(CAGR ≥ target) on the run's paths at this scale.
    pub prob_hit: f64,
    /// Wilson 95% interval of `prob_hit`.
    pub prob_hit_ci95: [f64; 2],
    /// Median over paths of the investment actually spent as a share of the plan's total
    /// investment (every source realised in full): what "scaled by k" amounts to.
    pub realised_share_median: f64,
    /// Paths that were valid at this scale.
    pub paths: u64,
}

/// Mergeable curve state: integer counts and histograms per scale.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CurveAcc {
    scales: Vec<f64>,
    n: Vec<u64>,
    hits: Vec<u64>,
    share: Vec<Histogram>,
    /// The path's drawn realisations while the scaled copies are evaluated.
    #[serde(skip)]
    base: Vec<f64>,
    /// The scales other than 1 and the path evaluated at them.
    #[serde(skip)]
    others: Vec<f64>,
    #[serde(skip)]
    rescaled: Vec<Option<super::Rescaled>>,
    /// Whether the capital term alone is re-evaluated ([`PathEval::can_rescale`]).
    #[serde(skip)]
    fast: bool,
    /// ln(1 + target): CAGR ≥ target ⇔ mean log growth ≥ it.
    #[serde(skip)]
    log_target: f64,
}

impl CurveAcc {
    /// An empty curve of `sc` at `scales` (none: no curve).
    pub fn new(sc: &Scenario, scales: &[f64]) -> Self {
        CurveAcc {
            scales: scales.to_vec(),
            n: vec![0; scales.len()],
            hits: vec![0; scales.len()],
            share: vec![Histogram::amount(); scales.len()],
            base: Vec::new(),
            others: scales.iter().copied().filter(|&k| k != 1.0).collect(),
            rescaled: Vec::new(),
            fast: PathEval::can_rescale(sc),
            log_target: crate::model::math::ln_1p(sc.meta.target_growth),
        }
    }

    /// Drops the histograms' empty headroom (canonical form).
    pub fn trim(&mut self) {
        self.share.iter_mut().for_each(Histogram::trim);
    }

    /// Adds the curve's points of `other` (exact in any order).
    pub fn merge(&mut self, other: &CurveAcc) {
        if self.scales.is_empty() {
            self.scales.clone_from(&other.scales);
            self.n.clone_from(&other.n);
            self.hits.clone_from(&other.hits);
            self.share.clone_from(&other.share);
            return;
        }
        for i in 0..self.scales.len().min(other.scales.len()) {
            self.n[i] += other.n[i];
            self.hits[i] += other.hits[i];
            self.share[i].merge(&other.share[i]);
        }
    }

    /// Lets `ev` adjust each path's scaled copies with the path itself
    /// ([`PathEval::fuse_scales`]) when the curve re-evaluates the capital term alone.
    pub fn fuse(&self, ev: &mut PathEval) {
        if self.fast && !self.others.is_empty() && self.others.len() < super::LANES {
            ev.fuse_scales(&self.others);
        }
    }

    /// Adds one valid path whose draw and result (at scale 1) are in `ev`; `plan_total` is
    /// the plan's total investment with every source realised in full. Leaves `ev.x` as drawn.
    /// With the growth-accounting engine only the capital term is re-evaluated per scale
    /// ([`PathEval::rescaled`]); otherwise the whole path is simulated again.
    pub fn add(&mut self, sc: &Scenario, ev: &mut PathEval, plan_total: f64) {
        if self.scales.is_empty() {
            return;
        }
        let target = sc.meta.target_growth;
        let share = |inv: f64| {
            if plan_total > 0.0 {
                inv / plan_total
            } else {
                f64::NAN
            }
        };
        let (cagr1, inv1) = (ev.out.cagr, ev.out.investment_total);
        let (fast, log_target) = (self.fast, self.log_target);
        if fast {
            // every scale but 1 in one lane-wise pass
            ev.rescaled(sc, &self.others, &mut self.rescaled);
        } else {
            self.base.clone_from(&ev.x.realisation);
        }
        let mut other = 0;
        for i in 0..self.scales.len() {
            let k = self.scales[i];
            let point = if k == 1.0 {
                Some((cagr1 >= target, inv1))
            } else if fast {
                other += 1;
                self.rescaled[other - 1]
                    .map(|r| (r.mean_log_growth >= log_target, r.investment_total))
            } else {
                for (r, b) in ev.x.realisation.iter_mut().zip(&self.base) {
                    *r = b * k;
                }
                ev.simulate(sc)
                    .ok()
                    .map(|()| (ev.out.cagr >= target, ev.out.investment_total))
            };
            let Some((hit, inv)) = point else {
                continue;
            };
            self.n[i] += 1;
            self.hits[i] += u64::from(hit);
            let s = share(inv);
            if s.is_finite() {
                self.share[i].add(s);
            }
        }
        if !fast {
            ev.x.realisation.clone_from(&self.base);
        }
    }

    /// The curve's points.
    pub fn points(&self) -> Vec<CurvePoint> {
        (0..self.scales.len())
            .filter(|&i| self.n[i] > 0)
            .map(|i| {
                let (lo, hi) = wilson(self.hits[i], self.n[i], Z95);
                CurvePoint {
                    funding_scale: self.scales[i],
                    prob_hit: self.hits[i] as f64 / self.n[i] as f64,
                    prob_hit_ci95: [lo, hi],
                    realised_share_median: self.share[i].quantile(0.5).unwrap_or(f64::NAN),
                    paths: self.n[i],
                }
            })
            .collect()
    }
}

/// The plan's total investment over the horizon with every source realised in full, at
/// central values (thousand bn VND, current prices): the denominator of the realised share.
pub fn plan_investment_total(sc: &Scenario) -> f64 {
    let mut x = sc.central.clone();
    x.realisation.iter_mut().for_each(|r| *r = 1.0);
    crate::model::project(sc, &x)
        .map(|p| p.investment_nominal_total)
        .unwrap_or(f64::NAN)
}
