//! The nowcast: the Monte Carlo conditioned on the realised years by likelihood weighting.
//!
//! Each path is drawn as in `grdpsim run` and simulated as drawn; its growth (and, where
//! given, total investment) in the realised years is compared with the actuals through a
//! Gaussian measurement error,
//!
//!   ln w = −½ Σ_t ((a_t − g_t)/σ_g)² − ½ Σ_t ((I_t − Î_t)/(σ_I·I_t))²,
//!
//! so paths whose TFP level, funding realisation, delays and persistent shocks reproduce the
//! actuals count more. The path's outcome is its run with the realised years fixed (the same
//! run as the unweighted conditional Monte Carlo), so P(hit | actuals) = Σ w·1[hit] / Σ w.
//! Its standard error is the delta-method one of a ratio estimator,
//! SE² = Σ w²(h − p)² / (Σ w)², and the effective number of paths is (Σ w)² / Σ w². Below
//! [`MIN_EFFECTIVE_PATHS`] the estimate is refused. Sums are added in chunk order, so the
//! result is the same for any thread count. Method and caveats: docs/analysis.md, "Nowcast".

use crate::montecarlo::{PathEval, Sampler};
use crate::scenario::uncertainty::Target;
use crate::scenario::{Inputs, Scenario};
use serde::Serialize;

/// Default measurement error of a realised year's growth: 0.5 point (the size of revisions
/// between a provincial first estimate and the final figure; an assumption, configurable).
pub const DEFAULT_SIGMA_GROWTH: f64 = 0.005;
/// Default relative measurement error of a realised year's investment: 5%.
pub const DEFAULT_SIGMA_INVESTMENT: f64 = 0.05;
/// Fewest effective paths for which the conditioned probability is reported.
pub const MIN_EFFECTIVE_PATHS: f64 = 200.0;
/// Bins of the weighted histograms of the inputs.
const BINS: usize = 2000;
/// Paths drawn to fix the histograms' ranges.
const PILOT: u64 = 4096;

/// The measurement errors of the likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Likelihood {
    /// Standard deviation of realised growth around the model's, fraction (e.g. 0.005).
    pub sigma_growth: f64,
    /// Relative standard deviation of realised investment around the model's.
    pub sigma_investment: f64,
}

impl Default for Likelihood {
    fn default() -> Self {
        Likelihood {
            sigma_growth: DEFAULT_SIGMA_GROWTH,
            sigma_investment: DEFAULT_SIGMA_INVESTMENT,
        }
    }
}

/// Prior against updated distribution of one input, summarised over the remaining years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputUpdate {
    /// Input name (`tfp_growth`, `sources.soe`, `project_delays`…).
    pub name: String,
    /// What the numbers are: the input's mean over the remaining years (a rate, a realisation
    /// factor, VND per USD, thousand persons) or, for `project_delays`, years of delay per
    /// project.
    pub unit: String,
    /// Mean over the paths as drawn.
    pub prior_mean: f64,
    /// Weighted mean given the actuals.
    pub posterior_mean: f64,
    /// 10th percentile as drawn.
    pub prior_p10: f64,
    /// 10th percentile given the actuals.
    pub posterior_p10: f64,
    /// Median as drawn.
    pub prior_p50: f64,
    /// Median given the actuals.
    pub posterior_p50: f64,
    /// 90th percentile as drawn.
    pub prior_p90: f64,
    /// 90th percentile given the actuals.
    pub posterior_p90: f64,
}

/// The Monte Carlo conditioned on the actuals (`remaining.json` → `conditioned`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conditioned {
    /// P(CAGR ≥ target | actuals); `None` when refused (too few effective paths).
    pub prob_hit: Option<f64>,
    /// Its 95% interval (normal, delta method), clipped to [0, 1].
    pub prob_hit_ci95: Option<[f64; 2]>,
    /// Its standard error.
    pub prob_hit_se: Option<f64>,
    /// Effective number of paths, (Σw)²/Σw².
    pub effective_paths: f64,
    /// The floor below which the estimate is refused.
    pub min_effective_paths: f64,
    /// Paths that carry a weight (valid as drawn and with the actuals).
    pub weighted_paths: u64,
    /// The measurement errors used.
    pub likelihood: Likelihood,
    /// Why the estimate is refused, when it is.
    pub refused: Option<String>,
    /// Prior and updated inputs (none when refused).
    pub inputs: Vec<InputUpdate>,
}

/// What is summarised of an input, and how to read it from a path.
#[derive(Debug, Clone)]
pub(super) struct Probe {
    name: String,
    unit: &'static str,
    what: What,
}

#[derive(Debug, Clone, Copy)]
enum What {
    Target(Target),
    Delays,
}

/// The inputs worth reporting: every uncertain input, plus the project delays.
pub(super) fn probes(sc: &Scenario) -> Vec<Probe> {
    let mut out: Vec<Probe> = sc
        .uncertainty
        .inputs
        .iter()
        .map(|u| Probe {
            name: u.name.clone(),
            unit: match u.target {
                Target::TfpGrowth | Target::DeflatorGrowth => "rate",
                Target::ExchangeRate => "vnd_per_usd",
                Target::Employment => "thousand_persons",
                Target::Source(_) => "realisation",
                Target::Depreciation | Target::CapitalShare => "rate",
                Target::CapitalOutputRatio | Target::Icor => "ratio",
            },
            what: What::Target(u.target),
        })
        .collect();
    if !sc.uncertainty.events.is_empty() {
        out.push(Probe {
            name: "project_delays".into(),
            unit: "years",
            what: What::Delays,
        });
    }
    out
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// The value of `p` on a drawn path: the input's mean over the remaining years `k..`.
fn value(p: &Probe, sc: &Scenario, x: &Inputs, delays: &[usize], k: usize) -> f64 {
    let n = sc.horizon();
    match p.what {
        What::Target(t) => match t {
            Target::TfpGrowth => mean(&x.tfp_growth[k..]),
            Target::DeflatorGrowth => mean(&x.deflator_growth[k..]),
            Target::ExchangeRate => mean(&x.exchange_rate[k..]),
            Target::Employment => mean(&x.employment[k..]),
            Target::Icor => mean(&x.icor[k..]),
            Target::Depreciation => x.depreciation,
            Target::CapitalOutputRatio => x.capital_output_ratio,
            Target::CapitalShare => x.capital_share,
            Target::Source(s) => mean(&x.realisation[s * n + k..s * n + n]),
        },
        What::Delays => {
            if delays.is_empty() {
                0.0
            } else {
                delays.iter().sum::<usize>() as f64 / delays.len() as f64
            }
        }
    }
}

/// Relative measurement error of realised employment (2%).
pub const SIGMA_EMPLOYMENT: f64 = 0.02;
/// Measurement error of realised deflator growth (0.5 point).
pub const SIGMA_DEFLATOR: f64 = 0.005;

/// What the likelihood reads of a path simulated as drawn.
pub(super) struct PathView<'a> {
    /// Real growth per year.
    pub growth: &'a [f64],
    /// Total nominal investment per year.
    pub investment: &'a [f64],
    /// Realised amount per source and year (source-major, S×T).
    pub sources: &'a [f64],
    /// Employment per year.
    pub employment: &'a [f64],
    /// Deflator growth per year.
    pub deflator: &'a [f64],
}

/// Log-likelihood of a path given the actuals: fixed years' growth (and investment where
/// given) with the measurement errors of `lik`, and every piece of evidence with its own
/// error widened by a partial year's extra error.
pub(super) fn log_likelihood(lik: &Likelihood, a: &super::Actuals, v: &PathView<'_>) -> f64 {
    let n = v.growth.len();
    let mut l = 0.0;
    let mut term = |obs: f64, model: f64, sd: f64| {
        let z = (obs - model) / sd;
        l -= 0.5 * z * z;
    };
    for (t, g) in a.growth.iter().enumerate() {
        term(*g, v.growth[t], lik.sigma_growth);
        if let Some(i) = a.investment.get(t).copied().flatten() {
            term(i, v.investment[t], lik.sigma_investment * i);
        }
    }
    for e in &a.evidence {
        let rel =
            |base: f64| (base * base + e.extra_sd * e.extra_sd).sqrt() * e.value.abs().max(1e-12);
        match e.measure {
            super::actuals::Measure::Growth => {
                term(e.value, v.growth[e.t], lik.sigma_growth.hypot(e.extra_sd))
            }
            super::actuals::Measure::Deflator => {
                term(e.value, v.deflator[e.t], SIGMA_DEFLATOR.hypot(e.extra_sd))
            }
            super::actuals::Measure::Investment => {
                term(e.value, v.investment[e.t], rel(lik.sigma_investment))
            }
            super::actuals::Measure::Source(s) => {
                term(e.value, v.sources[s * n + e.t], rel(lik.sigma_investment))
            }
            super::actuals::Measure::Employment => {
                term(e.value, v.employment[e.t], rel(SIGMA_EMPLOYMENT))
            }
        }
    }
    l
}

/// A weighted histogram on a fixed range (values outside go to the end bins).
#[derive(Debug, Clone)]
struct WHist {
    lo: f64,
    width: f64,
    w: Vec<f64>,
}

impl WHist {
    fn new(lo: f64, hi: f64) -> Self {
        WHist {
            lo,
            width: (hi - lo) / BINS as f64,
            w: vec![0.0; BINS],
        }
    }

    fn add(&mut self, x: f64, w: f64) {
        let i = if self.width > 0.0 {
            ((x - self.lo) / self.width)
                .floor()
                .clamp(0.0, (BINS - 1) as f64) as usize
        } else {
            0
        };
        self.w[i] += w;
    }

    fn merge(&mut self, o: &WHist) {
        for (a, b) in self.w.iter_mut().zip(&o.w) {
            *a += b;
        }
    }

    /// The q-quantile, linear within its bin.
    fn quantile(&self, q: f64) -> f64 {
        let total: f64 = self.w.iter().sum();
        if total <= 0.0 {
            return f64::NAN;
        }
        let goal = q * total;
        let mut acc = 0.0;
        for (i, w) in self.w.iter().enumerate() {
            if acc + w >= goal && *w > 0.0 {
                let frac = (goal - acc) / w;
                return self.lo + self.width * (i as f64 + frac);
            }
            acc += w;
        }
        self.lo + self.width * BINS as f64
    }
}

/// One chunk's weighted sums (added in chunk order).
#[derive(Debug, Clone)]
pub(super) struct Acc {
    n: u64,
    sw: f64,
    sw2: f64,
    swh: f64,
    sw2h: f64,
    /// per input: Σx, Σw·x over the paths
    sx: Vec<f64>,
    swx: Vec<f64>,
    prior: Vec<WHist>,
    post: Vec<WHist>,
}

impl Acc {
    pub(super) fn new(ranges: &[(f64, f64)]) -> Self {
        Acc {
            n: 0,
            sw: 0.0,
            sw2: 0.0,
            swh: 0.0,
            sw2h: 0.0,
            sx: vec![0.0; ranges.len()],
            swx: vec![0.0; ranges.len()],
            prior: ranges.iter().map(|(a, b)| WHist::new(*a, *b)).collect(),
            post: ranges.iter().map(|(a, b)| WHist::new(*a, *b)).collect(),
        }
    }

    /// Adds one path: its log-weight, whether it reaches the target with the actuals fixed,
    /// and its input values.
    pub(super) fn add(&mut self, log_w: f64, hit: bool, values: &[f64]) {
        let w = log_w.exp();
        let h = f64::from(u8::from(hit));
        self.n += 1;
        self.sw += w;
        self.sw2 += w * w;
        self.swh += w * h;
        self.sw2h += w * w * h;
        for (i, x) in values.iter().enumerate() {
            self.sx[i] += x;
            self.swx[i] += w * x;
            self.prior[i].add(*x, 1.0);
            self.post[i].add(*x, w);
        }
    }

    pub(super) fn merge(mut self, o: &Acc) -> Acc {
        self.n += o.n;
        self.sw += o.sw;
        self.sw2 += o.sw2;
        self.swh += o.swh;
        self.sw2h += o.sw2h;
        for i in 0..self.sx.len() {
            self.sx[i] += o.sx[i];
            self.swx[i] += o.swx[i];
            self.prior[i].merge(&o.prior[i]);
            self.post[i].merge(&o.post[i]);
        }
        self
    }

    /// The conditioned result.
    pub(super) fn finish(&self, probes: &[Probe], lik: Likelihood) -> Conditioned {
        let ess = if self.sw2 > 0.0 {
            self.sw * self.sw / self.sw2
        } else {
            0.0
        };
        let ok = ess >= MIN_EFFECTIVE_PATHS && self.sw > 0.0;
        let p = self.swh / self.sw;
        // Σ w²(h − p)² with h ∈ {0, 1}
        let var = (self.sw2h - 2.0 * p * self.sw2h + p * p * self.sw2) / (self.sw * self.sw);
        let se = var.max(0.0).sqrt();
        let z = 1.959_963_984_540_054;
        let inputs = if ok {
            probes
                .iter()
                .enumerate()
                .map(|(i, pr)| InputUpdate {
                    name: pr.name.clone(),
                    unit: pr.unit.into(),
                    prior_mean: self.sx[i] / self.n as f64,
                    posterior_mean: self.swx[i] / self.sw,
                    prior_p10: self.prior[i].quantile(0.1),
                    posterior_p10: self.post[i].quantile(0.1),
                    prior_p50: self.prior[i].quantile(0.5),
                    posterior_p50: self.post[i].quantile(0.5),
                    prior_p90: self.prior[i].quantile(0.9),
                    posterior_p90: self.post[i].quantile(0.9),
                })
                .collect()
        } else {
            Vec::new()
        };
        let refused = (!ok).then(|| {
            format!(
                "only {ess:.0} effective paths reproduce the actuals (at least {MIN_EFFECTIVE_PATHS:.0} are needed): the actuals are far from what the scenario's uncertainty allows; run more paths (--paths), widen the measurement error (--growth-error), or check the scenario's distributions"
            )
        });
        Conditioned {
            prob_hit: ok.then_some(p),
            prob_hit_ci95: ok.then(|| [(p - z * se).max(0.0), (p + z * se).min(1.0)]),
            prob_hit_se: ok.then_some(se),
            effective_paths: ess,
            min_effective_paths: MIN_EFFECTIVE_PATHS,
            weighted_paths: self.n,
            likelihood: lik,
            refused,
            inputs,
        }
    }
}

/// The inputs' values on a drawn path (before the realised years are fixed), into `out`
/// (a buffer reused from path to path).
pub(super) fn values(probes: &[Probe], sc: &Scenario, ev: &PathEval, k: usize, out: &mut Vec<f64>) {
    out.clear();
    out.extend(
        probes
            .iter()
            .map(|p| value(p, sc, &ev.x, &ev.scratch.delays, k)),
    );
}

/// The histograms' ranges: the spread of the first paths' values, widened by half on each
/// side (the same paths for any thread count).
pub(super) fn ranges(
    sc: &Scenario,
    probes: &[Probe],
    seed: u64,
    paths: u64,
    k: usize,
) -> Vec<(f64, f64)> {
    let mut ev = PathEval::new(sc);
    let mut lo = vec![f64::INFINITY; probes.len()];
    let mut hi = vec![f64::NEG_INFINITY; probes.len()];
    let mut buf = Vec::with_capacity(probes.len());
    for path in 0..paths.min(PILOT) {
        ev.draw(sc, seed, path, Sampler::Mc);
        values(probes, sc, &ev, k, &mut buf);
        for (i, &v) in buf.iter().enumerate() {
            if v.is_finite() {
                lo[i] = lo[i].min(v);
                hi[i] = hi[i].max(v);
            }
        }
    }
    lo.into_iter()
        .zip(hi)
        .map(|(a, b)| {
            if !(a.is_finite() && b.is_finite()) {
                return (0.0, 1.0);
            }
            let pad = ((b - a) * 0.5).max(1e-9 * a.abs().max(1.0));
            (a - pad, b + pad)
        })
        .collect()
}
