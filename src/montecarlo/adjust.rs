//! The yearly adjustments between realised funding and investment: project delays and
//! compensation rules, on one path or on several scaled copies of it at once (lanes).

use crate::model::Workspace;
use crate::scenario::uncertainty::Cap;
use crate::scenario::{Currency, Inputs, Scenario};

/// What does not change between a path's re-evaluations: each source's plan (S×T, k-bn VND
/// at the path's exchange rates) and the share of each source's surplus already linked into
/// investment.
#[derive(Debug, Clone, Default)]
pub struct Plans {
    /// Plan per source and year (source-major), k-bn VND, current prices.
    pub plan: Vec<f64>,
    /// Per source: Σ of the shares of its links (what of a surplus already flows on).
    pub linked: Vec<f64>,
    /// Per source: whether a compensation rule covers it, so that [`adjust`] keeps count of
    /// its spending moved out by delays (which is not a shortfall).
    covered: Vec<bool>,
    /// Financing sources a rule takes from: the rows of surplus used [`adjust`] clears per
    /// path.
    givers: Vec<usize>,
    /// Which scenario the rows were filled for (the address of its sources): one evaluator
    /// may alternate between scenarios (`remaining` simulates a path as drawn and
    /// conditioned), and then every row is filled again.
    filled_for: usize,
}

impl Plans {
    /// Fills the plans of the path whose exchange rates are in `x`: every row the first time,
    /// then only the rows of USD sources (the others do not change from path to path).
    pub fn fill(&mut self, sc: &Scenario, x: &Inputs) {
        let n = sc.horizon();
        let s_n = sc.sources.len();
        let id = sc.sources.as_ptr() as usize;
        let first = self.filled_for != id || self.linked.len() != s_n || self.plan.len() != s_n * n;
        if first {
            self.filled_for = id;
            self.linked = (0..s_n)
                .map(|f| {
                    sc.links
                        .iter()
                        .filter(|l| l.from == f)
                        .map(|l| l.share)
                        .sum()
                })
                .collect();
            self.plan.resize(s_n * n, 0.0);
            let rules = &sc.uncertainty.compensation;
            self.covered = (0..s_n)
                .map(|s| rules.iter().any(|r| r.covers == s))
                .collect();
            let from = rules.iter().flat_map(|r| r.from.iter().copied());
            let mut givers: Vec<usize> = from.filter(|&f| sc.sources[f].financing).collect();
            givers.sort_unstable();
            givers.dedup();
            self.givers = givers;
        }
        for (s, src) in sc.sources.iter().enumerate() {
            if first || src.currency == Currency::Usd {
                for t in 0..n {
                    self.plan[s * n + t] = sc.plan_vnd(s, t, x.exchange_rate[t]);
                }
            }
        }
    }
}

/// Buffers [`super::evaluate`] reuses from path to path.
#[derive(Debug, Clone, Default)]
pub struct Buffers {
    /// Surplus already used by compensation rules (S×T).
    pub used: Vec<[f64; 1]>,
    /// The path's plans.
    pub plans: Plans,
    /// Realised source amounts before delays and compensation (S×T).
    pub pre: Vec<f64>,
}

/// Shifts delayed project spending and applies the enabled compensation rules to the
/// realised source amounts in `ws` (after `model::investment`, before `model::totals`);
/// `plans` are the path's ([`Plans::fill`]), `added` receives what each rule added.
pub fn adjust_sources(
    sc: &Scenario,
    plans: &Plans,
    delays: &[usize],
    ws: &mut Workspace,
    added: &mut [f64],
    used: &mut Vec<[f64; 1]>,
) {
    let (src, _) = ws.source_nominal.as_chunks_mut::<1>();
    let (added, _) = added.as_chunks_mut::<1>();
    adjust(sc, plans, delays, src, added, used);
}

/// [`adjust_sources`] on `L` lanes at once: `src[s·T + t][j]` is source s in year t in lane j
/// (the same path with its realisations scaled differently per lane). Written without
/// branches on the amounts, so every lane follows the same instructions; with one lane it is
/// exactly the scalar rule (a shortfall of zero adds zero).
#[inline(always)]
pub fn adjust<const L: usize>(
    sc: &Scenario,
    plans: &Plans,
    delays: &[usize],
    src: &mut [[f64; L]],
    added: &mut [[f64; L]],
    used: &mut Vec<[f64; L]>,
) {
    let n = sc.horizon();
    let s_n = sc.sources.len();
    // used[..S·T]: surplus already moved by rules; used[S·T..]: spending delays moved out.
    // Only rows that are read are cleared: the surplus of sources rules take from, the
    // delays of covered sources
    used.resize(2 * s_n * n, [0.0; L]);
    let (used, delayed) = used.split_at_mut(s_n * n);
    for &s in &plans.givers {
        used[s * n..(s + 1) * n].fill([0.0; L]);
    }
    for (s, _) in plans.covered.iter().enumerate().filter(|c| *c.1) {
        delayed[s * n..(s + 1) * n].fill([0.0; L]);
    }
    for (ev, &d) in sc.uncertainty.events.iter().zip(delays) {
        if d == 0 {
            continue;
        }
        let s = ev.source;
        let track = plans.covered[s];
        // move the project's spending d years later (out of the horizon if beyond it)
        for t in (0..n).rev() {
            let amount = ev.amounts[t];
            let mut moved = [0.0; L];
            for (m, v) in moved.iter_mut().zip(src[s * n + t].iter_mut()) {
                *m = min(amount, max(*v, 0.0));
                *v -= *m;
            }
            if track {
                for (out, m) in delayed[s * n + t].iter_mut().zip(moved) {
                    *out += m;
                }
            }
            if d < n - t {
                for (v, m) in src[s * n + t + d].iter_mut().zip(moved) {
                    *v += m;
                }
            }
        }
    }
    added.iter_mut().for_each(|a| *a = [0.0; L]);
    if sc.uncertainty.compensation.is_empty() {
        return;
    }
    for (r, rule) in sc.uncertainty.compensation.iter().enumerate() {
        if !rule.enabled {
            continue;
        }
        let c = rule.covers;
        for t in 0..n {
            let plan = plans.plan[c * n + t];
            let mut remaining = [0.0; L];
            let lanes = remaining.iter_mut().zip(src[c * n + t]);
            for ((rem, v), out) in lanes.zip(delayed[c * n + t]) {
                // a delayed project's spending is not a shortfall: it is spent later
                let short = max(plan - out - v, 0.0);
                *rem = match rule.cap {
                    Cap::Surplus => short,
                    Cap::Amount(a) => min(short, a),
                    Cap::Share(s) => s * short,
                };
            }
            let limit = remaining;
            for &f in &rule.from {
                if !sc.sources[f].financing {
                    // an investment source's money above its plan is already invested
                    continue;
                }
                let src_plan = plans.plan[f * n + t];
                // the linked share of a surplus already flows into investment
                let unlinked = 1.0 - plans.linked[f];
                let from = src[f * n + t];
                let u = &mut used[f * n + t];
                for j in 0..L {
                    // whatever the cap, a rule moves only what is left of the surplus
                    let available = max(max(from[j] - src_plan, 0.0) * unlinked - u[j], 0.0);
                    let take = min(remaining[j], available);
                    u[j] += take;
                    remaining[j] -= take;
                }
            }
            for j in 0..L {
                let cover = (limit[j] - remaining[j]) * rule.efficiency;
                src[c * n + t][j] += cover;
                added[r][j] += cover;
            }
        }
    }
}

/// max(a, b) as a compare-and-select (b when a is NaN, as `f64::max(a, 0.0)` gives 0), which
/// the compiler turns into vector instructions.
#[inline(always)]
fn max(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

/// min(a, b) as a compare-and-select (b when either is NaN).
#[inline(always)]
fn min(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}
