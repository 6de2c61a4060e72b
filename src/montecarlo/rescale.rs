//! The funding curve's re-evaluations of a path: every source's realisation scaled by several
//! factors at once, as lanes of one pass over the years (the same instructions for every
//! lane, so the compiler turns them into vector arithmetic).

use super::adjust::adjust;
use super::path::PathEval;
use crate::model::{self, math};
use crate::scenario::{Engine, Scenario};

/// Scales evaluated together in one pass (unused lanes repeat the last scale): the nine
/// scales of [`super::CURVE_SCALES`] other than 1.
pub const LANES: usize = 9;

type Lane = [f64; LANES];

/// Reused buffers of [`PathEval::rescaled`].
#[derive(Debug, Clone, Default)]
pub struct Lanes {
    src: Vec<Lane>,
    added: Vec<Lane>,
    used: Vec<Lane>,
    investment: Vec<Lane>,
    productive: Vec<Lane>,
    same_year: Vec<Lane>,
}

/// What one scaled copy of a path gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rescaled {
    /// Mean log growth ln(1 + CAGR).
    pub mean_log_growth: f64,
    /// Total investment spent, k-bn VND, current prices.
    pub investment_total: f64,
}

impl PathEval {
    /// Whether [`PathEval::rescaled`] applies to `sc`: the growth-accounting engine (a path's
    /// TFP and labour terms do not depend on how much is invested) without realised
    /// investment totals to pin.
    pub fn can_rescale(sc: &Scenario) -> bool {
        sc.meta.engine == Engine::GrowthAccounting
            && sc.central.fixed_investment.iter().all(|v| !v.is_finite())
    }

    /// The last simulated path (valid, as left by [`PathEval::simulate`]) with every source's
    /// realisation scaled by each of `scales`: per scale its mean log growth and investment,
    /// or `None` where the capital stock becomes impossible. Only the capital term is
    /// recomputed: realised amounts are linear in the realisation, so they are the path's
    /// amounts before delays × k; then delays, compensation and capital accumulation run as in
    /// [`super::evaluate`], and the path's own TFP and labour terms are added:
    /// (Σ fixed or TFP + labour terms + α·ln Π K_t/K_{t−1})/T, one logarithm per scale.
    /// Requires [`PathEval::can_rescale`].
    pub fn rescaled(&mut self, sc: &Scenario, scales: &[f64], out: &mut Vec<Option<Rescaled>>) {
        out.clear();
        let n = sc.horizon();
        let x = &self.x;
        let mut fixed_part = 0.0;
        for t in 0..n {
            let fixed = x.fixed_growth.get(t).copied().unwrap_or(f64::NAN);
            fixed_part += if fixed.is_nan() {
                self.ws.log_tfp[t] + self.ws.log_labour[t]
            } else {
                math::ln_1p(fixed)
            };
        }
        for group in scales.chunks(LANES) {
            let mut k = [group[group.len() - 1]; LANES];
            k[..group.len()].copy_from_slice(group);
            let l = &mut self.lanes;
            l.src.resize(self.b.pre.len(), [0.0; LANES]);
            for (lane, &p) in l.src.iter_mut().zip(&self.b.pre) {
                for j in 0..LANES {
                    lane[j] = p * k[j];
                }
            }
            l.added
                .resize(sc.uncertainty.compensation.len(), [0.0; LANES]);
            adjust(
                sc,
                &self.b.plans,
                &self.scratch.delays,
                &mut l.src,
                &mut l.added,
                &mut l.used,
            );
            for v in [&mut l.investment, &mut l.productive, &mut l.same_year] {
                v.resize(n, [0.0; LANES]);
            }
            model::totals_lanes(
                sc,
                &l.src,
                &self.ws.price,
                &mut l.investment,
                &mut l.productive,
                &mut l.same_year,
            );
            // as model::capital: K_t = (1 − δ)K_{t−1} + I^prod_t
            let mut capital = [x.capital_output_ratio * x.grdp_base_nominal; LANES];
            let mut ratio = [1.0; LANES];
            let mut valid = [true; LANES];
            for t in 0..n {
                let fixed = !x.fixed_growth.get(t).copied().unwrap_or(f64::NAN).is_nan();
                for j in 0..LANES {
                    let next = (1.0 - x.depreciation) * capital[j] + l.productive[t][j];
                    // positive and finite (NaN fails both), without branches
                    valid[j] &= (next > 0.0) & (next < f64::INFINITY);
                    if !fixed {
                        ratio[j] *= next / capital[j];
                    }
                    capital[j] = next;
                }
            }
            for j in 0..group.len() {
                let mean = (fixed_part + x.capital_share * math::ln(ratio[j])) / n as f64;
                out.push((valid[j] && mean.is_finite()).then(|| Rescaled {
                    mean_log_growth: mean,
                    investment_total: l.investment.iter().map(|v| v[j]).sum(),
                }));
            }
        }
    }
}
