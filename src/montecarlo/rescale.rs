//! The funding curve's re-evaluations of a path: every source's realisation scaled by several
//! factors at once, as lanes of one pass over the years (the same instructions for every
//! lane, so the compiler turns them into vector arithmetic).

use super::adjust::adjust;
use super::path::PathEval;
use crate::model::{self, Workspace, math};
use crate::scenario::{Engine, Inputs, Scenario};

/// Scales evaluated together in one pass: lane 0 is the path as drawn (scale 1), the others
/// are up to nine further scales (unused lanes repeat the last one), the nine scales of
/// [`super::CURVE_SCALES`] other than 1. Ten lanes cost the instructions of nine: five
/// pairs in SSE2 registers.
pub const LANES: usize = 10;

type Lane = [f64; LANES];

/// Reused buffers of [`PathEval::rescaled`].
#[derive(Debug, Clone, Default)]
pub struct Lanes {
    /// The scales of lanes 1.. that the path's own evaluation adjusts with it (set by
    /// [`PathEval::fuse_scales`]; empty: not fused).
    pub(super) fused: Vec<f64>,
    /// Whether the lanes hold the current path's adjusted amounts and totals for `fused`.
    pub(super) ready: bool,
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
        let ready = self.lanes.ready && self.lanes.fused == scales;
        for (g, group) in scales.chunks(LANES - 1).enumerate() {
            let l = &mut self.lanes;
            if !(ready && g == 0) {
                let a = Adjust {
                    pre: &self.b.pre,
                    plans: &self.b.plans,
                    delays: &self.scratch.delays,
                    price: &self.ws.price,
                };
                l.scale_and_adjust(sc, &a, &lane_factors(group));
            }
            let (ratio, valid) = l.capital(sc, x);
            for j in 1..=group.len() {
                let mean = (fixed_part + x.capital_share * math::ln(ratio[j])) / n as f64;
                out.push((valid[j] && mean.is_finite()).then(|| Rescaled {
                    mean_log_growth: mean,
                    investment_total: l.investment.iter().map(|v| v[j]).sum(),
                }));
            }
        }
    }
}

impl Lanes {
    /// Fills the lanes with the path's amounts before delays and compensation `pre`, lane j
    /// scaled by `k[j]` ([`lane_factors`]), applies delays and compensation to every lane at
    /// once ([`adjust`]) and sums each lane's investment and productive real investment per
    /// year (`price`: the path's deflator level, base year at 0). Lane 0 is exactly the
    /// one-lane computation: every lane runs the same operations, and × 1 is exact.
    pub(super) fn scale_and_adjust(&mut self, sc: &Scenario, a: &Adjust, k: &Lane) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above)
            return unsafe { avx2::scale_and_adjust(self, sc, a, k) };
        }
        self.scale_and_adjust_impl(sc, a, k)
    }

    #[inline(always)]
    fn scale_and_adjust_impl(&mut self, sc: &Scenario, a: &Adjust, k: &Lane) {
        self.src.resize(a.pre.len(), [0.0; LANES]);
        for (lane, &p) in self.src.iter_mut().zip(a.pre) {
            for j in 0..LANES {
                lane[j] = p * k[j];
            }
        }
        self.added
            .resize(sc.uncertainty.compensation.len(), [0.0; LANES]);
        let (src, added, used) = (&mut self.src, &mut self.added, &mut self.used);
        adjust(sc, a.plans, a.delays, src, added, used);
        for v in [
            &mut self.investment,
            &mut self.productive,
            &mut self.same_year,
        ] {
            v.resize(sc.horizon(), [0.0; LANES]);
        }
        let (inv, prod, same) = (
            &mut self.investment,
            &mut self.productive,
            &mut self.same_year,
        );
        model::totals_lanes(sc, &self.src, a.price, inv, prod, same);
    }

    /// The capital stock of every lane (after [`Lanes::scale_and_adjust`]): per lane
    /// Π K_t/K_{t−1} over the years whose growth is not fixed, and whether the stock stayed
    /// positive and finite.
    fn capital(&self, sc: &Scenario, x: &Inputs) -> (Lane, [bool; LANES]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above)
            return unsafe { avx2::capital(self, sc, x) };
        }
        self.capital_impl(sc, x)
    }

    #[inline(always)]
    fn capital_impl(&self, sc: &Scenario, x: &Inputs) -> (Lane, [bool; LANES]) {
        let n = sc.horizon();
        // as model::capital: K_t = (1 − δ)K_{t−1} + I^prod_t
        // Π K_t/K_{t−1} over the years whose growth is not fixed telescopes: one
        // division per run of such years, K_end/K_before
        let mut capital = [x.capital_output_ratio * x.grdp_base_nominal; LANES];
        let mut before = capital;
        let mut ratio = [1.0; LANES];
        let mut valid = [true; LANES];
        for t in 0..n {
            let fixed = !x.fixed_growth.get(t).copied().unwrap_or(f64::NAN).is_nan();
            if fixed {
                for j in 0..LANES {
                    ratio[j] *= capital[j] / before[j];
                }
            }
            for j in 0..LANES {
                let next = (1.0 - x.depreciation) * capital[j] + self.productive[t][j];
                // positive and finite (NaN fails both), without branches
                valid[j] &= (next > 0.0) & (next < f64::INFINITY);
                capital[j] = next;
            }
            if fixed {
                before = capital;
            }
        }
        for j in 0..LANES {
            ratio[j] *= capital[j] / before[j];
        }
        (ratio, valid)
    }

    /// Lane 0 after [`Lanes::scale_and_adjust`] into the path's workspace: its adjusted
    /// amounts (S×T), investment and productive real investment per year, and what each
    /// compensation rule added (`added`); bit for bit what `adjust_sources` and
    /// `model::totals` give.
    pub(super) fn lane0_into(&self, ws: &mut Workspace, added: &mut [f64]) {
        let lane0 = |dst: &mut [f64], src: &[Lane]| {
            for (d, l) in dst.iter_mut().zip(src) {
                *d = l[0];
            }
        };
        lane0(&mut ws.source_nominal, &self.src);
        lane0(added, &self.added);
        lane0(&mut ws.investment_nominal, &self.investment);
        lane0(&mut ws.productive_real, &self.productive);
        for t in 0..self.investment.len() {
            ws.investment_real[t] = ws.investment_nominal[t] / ws.price[t + 1];
        }
    }
}

/// What [`Lanes::scale_and_adjust`] reads of a path: its amounts before delays and
/// compensation, its plans, its delays and its deflator level.
pub(super) struct Adjust<'a> {
    pub(super) pre: &'a [f64],
    pub(super) plans: &'a super::Plans,
    pub(super) delays: &'a [usize],
    pub(super) price: &'a [f64],
}

/// The factors of the lanes for `scales` (at most [`LANES`] − 1): 1 in lane 0, then the
/// scales, unused lanes repeating the last one.
pub(super) fn lane_factors(scales: &[f64]) -> Lane {
    let mut k = [scales.last().copied().unwrap_or(1.0); LANES];
    k[0] = 1.0;
    k[1..=scales.len()].copy_from_slice(scales);
    k
}

/// The lanes' two passes compiled for AVX2 (used when the processor has it, detected at run
/// time): the lanes' arithmetic runs four at a time in 256-bit registers instead of two. The
/// same bits either way: additions, multiplications, divisions and compare-and-select are
/// exact IEEE operations in any register width, and no fused multiply-add is enabled. What
/// they call is `#[inline(always)]`, so it is compiled for AVX2 too.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{Adjust, LANES, Lane, Lanes};
    use crate::scenario::{Inputs, Scenario};

    #[target_feature(enable = "avx2")]
    pub(super) fn scale_and_adjust(l: &mut Lanes, sc: &Scenario, a: &Adjust, k: &Lane) {
        l.scale_and_adjust_impl(sc, a, k);
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn capital(l: &Lanes, sc: &Scenario, x: &Inputs) -> (Lane, [bool; LANES]) {
        l.capital_impl(sc, x)
    }
}
