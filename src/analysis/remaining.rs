//! `grdpsim remaining`: given realised growth (and investment) in the first years of the
//! horizon, the growth and investment the remaining years need to reach the target, and the
//! probability of reaching it conditioned on the actuals.
//!
//! * Closed form: the remaining m = N − k years must grow on average
//!   r = ((1+g*)^N / Π_{t≤k}(1+a_t))^(1/m) − 1 ([`required_growth`]).
//! * Deterministic: the realised years are fixed in the engine (`Inputs::fixed_growth`: growth
//!   given, TFP the residual; `Inputs::fixed_investment`: realised investment), so capital and
//!   GRDP enter the remaining years at their realised state. From there the plan's own
//!   investment gives a projection, and the inverse mode ([`model::required_path`]) the
//!   investment each remaining year needs to grow by r, with the scenario's TFP, and the TFP the
//!   plan's investment would need instead.
//! * Monte Carlo: every path is drawn as in `grdpsim run` (same seed, same paths) and simulated
//!   twice: as drawn (the unconditional P(hit)), and with the realised years fixed — their
//!   growth, and their prices, exchange rate and employment at central values; their
//!   investment is the given amount (realisations central, that year's project spending not
//!   delayed) or, when not given, the path's own drawn investment (its realisations and
//!   delays: what the year's investment was is still uncertain) — so the uncertainty of the
//!   outcome acts on the remaining years only. The two results are paired path by path.
//!   The actuals do not update the distributions of the remaining years (no learning).

use crate::analysis::compare::tango_ci;
use crate::model::{self, ModelError, Projection};
use crate::montecarlo::{
    CHUNK, Histogram, PathEval, Percentiles, ROUND, RunError, STOP, Sampler, wilson,
};
use crate::scenario::{Inputs, Scenario};
use rayon::prelude::*;

mod actuals;
pub mod file;
pub mod nowcast;
mod result;
pub use actuals::{Actuals, Evidence, Measure};
pub use result::{ActualYear, ConditionalMc, McYear, Remaining, RemainingYear};

/// 97.5% standard normal quantile (95% intervals).
const Z95: f64 = 1.959_963_984_540_054;

/// Average growth the remaining `horizon − actual.len()` years need so that the compound
/// average over the whole horizon equals `target`:
/// r = ((1+g*)^N / Π(1+a_t))^(1/m) − 1, computed in logs. NaN when no year remains or an
/// actual is −100% or below.
///
/// # Examples
/// ```
/// // Hanoi 2021–2025 (seed 003, Phụ lục 01b): 2.97, 8.95, 6.27% realised, 6.5% in 2024
/// let r = grdpsim::analysis::remaining::required_growth(0.075, 5, &[0.0297, 0.0895, 0.0627, 0.065]);
/// assert!((r - 0.1307).abs() < 5e-5);
/// ```
pub fn required_growth(target: f64, horizon: usize, actual: &[f64]) -> f64 {
    if actual.len() >= horizon || actual.iter().any(|a| a.is_nan() || *a <= -1.0) {
        return f64::NAN;
    }
    let m = (horizon - actual.len()) as f64;
    let realised: f64 = actual.iter().map(|a| a.ln_1p()).sum();
    ((horizon as f64 * target.ln_1p() - realised) / m).exp_m1()
}

/// Compound average of growth rates, (Π(1+g))^(1/n) − 1 (NaN for none).
pub fn average_growth(growth: &[f64]) -> f64 {
    if growth.is_empty() {
        return f64::NAN;
    }
    (growth.iter().map(|g| g.ln_1p()).sum::<f64>() / growth.len() as f64).exp_m1()
}

/// Parses `YEAR=VALUE` as given to `--actual` / `--investment` (`flag` names the option in
/// the error). The value is a number; with `percent_ok`, `8.2%` is read as 0.082.
///
/// # Errors
/// A message naming the flag and what was given when the text is not `YEAR=NUMBER` with a
/// finite number.
///
/// # Examples
/// ```
/// use grdpsim::analysis::remaining::parse_year_value;
/// assert_eq!(parse_year_value("--actual", "2026=0.082", true), Ok((2026, 0.082)));
/// assert_eq!(parse_year_value("--actual", "2026=8.2%", true), Ok((2026, 0.082)));
/// assert!(parse_year_value("--actual", "2026=abc", true).is_err());
/// ```
pub fn parse_year_value(flag: &str, s: &str, percent_ok: bool) -> Result<(i32, f64), String> {
    let example = if percent_ok {
        "2026=0.082 (or 2026=8.2%)"
    } else {
        "2026=780"
    };
    let err =
        |why: &str| format!("{flag} {s:?}: {why}; expected YEAR=VALUE, e.g. {flag} {example}");
    let (year, value) = s.split_once('=').ok_or_else(|| err("no '='"))?;
    let year: i32 = year
        .trim()
        .parse()
        .map_err(|_| err(&format!("{:?} is not a year", year.trim())))?;
    let value = value.trim();
    let x: f64 = match value.strip_suffix('%') {
        // "8.2%" is read as the decimal 8.2e-2 (no rounding from a multiplication)
        Some(v) if percent_ok => {
            let v = v.trim();
            if v.contains(['e', 'E']) || v.parse::<f64>().is_err() {
                Err(())
            } else {
                format!("{v}e-2").parse().map_err(|_| ())
            }
        }
        Some(_) => return Err(err("a percentage is not accepted here")),
        None => value.parse().map_err(|_| ()),
    }
    .map_err(|()| err(&format!("{value:?} is not a number")))?;
    if !x.is_finite() {
        return Err(err(&format!("{value:?} is not a finite number")));
    }
    Ok((year, x))
}

/// How the Monte Carlo part is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RemainingConfig {
    /// Paths; 0 skips the Monte Carlo.
    pub paths: u64,
    /// Seed of the random streams (paths are those of `grdpsim run` with this seed).
    pub seed: u64,
    /// Measurement errors of the nowcast's likelihood.
    pub likelihood: nowcast::Likelihood,
}

/// Runs the whole analysis. The Monte Carlo runs when `cfg.paths > 0` and the scenario has
/// an `[uncertainty]` section.
///
/// # Errors
/// [`RunError::Model`] when the inputs make the model impossible, [`RunError::AllInvalid`]
/// when every conditioned path is invalid, [`RunError::Interrupted`] on Ctrl-C.
pub fn remaining(
    sc: &Scenario,
    actuals: &Actuals,
    cfg: &RemainingConfig,
) -> Result<Remaining, RunError> {
    let n = sc.horizon();
    let k = actuals.realised();
    let target = sc.meta.target_growth;
    let central = model::project(sc, &sc.central)?;
    let mut x = sc.central.clone();
    actuals.apply(&mut x);
    let conditioned = model::project(sc, &x)?;
    let r = required_growth(target, n, &actuals.growth);
    if !r.is_finite() {
        return Err(RunError::Model(ModelError {
            year: sc.meta.years[k.min(n - 1)],
            what: "the required growth is not a finite number".into(),
        }));
    }
    let mut path = actuals.growth.clone();
    path.resize(n, r);
    let req = model::required_path(sc, &x, &path)?;

    let (profile_basis, profile) = profile(sc, &central, k, r);
    let actual: Vec<ActualYear> = (0..k)
        .map(|t| ActualYear {
            year: sc.meta.years[t],
            growth: actuals.growth[t],
            investment: conditioned.years[t].investment_nominal,
            investment_given: actuals.investment[t].is_some(),
            tfp_growth_residual: conditioned.years[t].tfp_growth,
        })
        .collect();
    let remaining: Vec<RemainingYear> = (k..n)
        .map(|t| {
            let q = &req.years[t];
            RemainingYear {
                year: sc.meta.years[t],
                required_growth: r,
                required_growth_profile: profile.as_ref().map(|p| p[t - k]),
                planned_growth: conditioned.years[t].growth,
                scenario_tfp_growth: conditioned.years[t].tfp_growth,
                implied_tfp_growth: q.implied_tfp_growth,
                planned_investment: q.planned_investment,
                required_investment: q.required_investment,
                gap: q.gap,
                required_investment_ratio: q.required_investment_ratio,
                grdp_nominal_required: q.grdp_nominal_target,
            }
        })
        .collect();
    let planned_investment_total = remaining.iter().map(|y| y.planned_investment).sum();
    let required_investment_total: f64 = remaining.iter().map(|y| y.required_investment).sum();
    let gap_total = remaining.iter().map(|y| y.gap).sum();

    // the required investment fed back through the engine
    let cagr_with_required_investment = if remaining.iter().all(|y| y.required_investment >= 0.0) {
        let mut xr = x.clone();
        for (t, y) in (k..n).zip(&remaining) {
            xr.fixed_investment[t] = y.required_investment;
        }
        Some(model::project(sc, &xr)?.cagr)
    } else {
        None
    };
    let investment_realised_total: f64 = actual.iter().map(|a| a.investment).sum();
    let planned_growth: Vec<f64> = remaining.iter().map(|y| y.planned_growth).collect();

    let (monte_carlo, nowcast) = if cfg.paths > 0
        && (!sc.uncertainty.inputs.is_empty() || !sc.uncertainty.events.is_empty())
    {
        let (mc, c) = monte_carlo(sc, actuals, r, cfg)?;
        (Some(mc), Some(c))
    } else {
        (None, None)
    };
    Ok(Remaining {
        scenario: sc.meta.name.clone(),
        engine: sc.meta.engine,
        target,
        horizon: [sc.meta.years[0], sc.meta.years[n - 1]],
        actual,
        actual_average: average_growth(&actuals.growth),
        required_growth: r,
        profile_basis,
        remaining,
        planned_investment_total,
        required_investment_total,
        gap_total,
        planned_cagr: conditioned.cagr,
        planned_remaining_average: average_growth(&planned_growth),
        meets_target_with_plan: conditioned.cagr >= target,
        cagr_with_required_investment,
        central_cagr: central.cagr,
        investment_central_total: central.investment_nominal_total,
        investment_realised_total,
        investment_to_plan_total: central.investment_nominal_total - investment_realised_total,
        monte_carlo,
        conditioned: nowcast,
    })
}

/// The plan's growth path for the remaining years (its printed path when the scenario has
/// one, else the central projection), scaled in logs, ln(1+q_t) = λ·ln(1+p_t), so that the
/// remaining years reach the target: λ = m·ln(1+r) / Σ ln(1+p_t). `None` when the path does
/// not grow over the remaining years.
fn profile(sc: &Scenario, central: &Projection, k: usize, r: f64) -> (String, Option<Vec<f64>>) {
    let (basis, path): (&str, Vec<f64>) = match &sc.plan_reference.growth {
        Some(p) if p.len() == sc.horizon() => ("plan_reference", p.clone()),
        _ => (
            "projection",
            central.years.iter().map(|y| y.growth).collect(),
        ),
    };
    let logs: Vec<f64> = path[k..].iter().map(|g| g.ln_1p()).collect();
    let sum: f64 = logs.iter().sum();
    let m = logs.len() as f64;
    let profile = (sum > 1e-12 && sum.is_finite()).then(|| {
        logs.iter()
            .map(|l| (l * m * r.ln_1p() / sum).exp_m1())
            .collect()
    });
    (basis.to_string(), profile)
}

/// One chunk's counts (integers, exact in any order) and float sums (added in chunk order).
struct Part {
    valid_u: u64,
    hits_u: u64,
    invalid_u: u64,
    valid_c: u64,
    hits_c: u64,
    invalid_c: u64,
    pairs: u64,
    only_c: u64,
    only_u: u64,
    first_invalid: Option<(u64, String)>,
    cagr_u: Histogram,
    cagr_c: Histogram,
    rest: Histogram,
    years: Vec<Histogram>,
    year_hits: Vec<u64>,
    /// cagr_u, cagr_c, rest, years[m]
    sums: Vec<f64>,
    /// The likelihood-weighted sums (the nowcast).
    nc: nowcast::Acc,
}

impl Part {
    fn new(m: usize, ranges: &[(f64, f64)]) -> Self {
        Part {
            nc: nowcast::Acc::new(ranges),
            valid_u: 0,
            hits_u: 0,
            invalid_u: 0,
            valid_c: 0,
            hits_c: 0,
            invalid_c: 0,
            pairs: 0,
            only_c: 0,
            only_u: 0,
            first_invalid: None,
            cagr_u: Histogram::rate(),
            cagr_c: Histogram::rate(),
            rest: Histogram::rate(),
            years: vec![Histogram::rate(); m],
            year_hits: vec![0; m],
            sums: vec![0.0; 3 + m],
        }
    }

    fn merge(mut self, o: Part) -> Part {
        self.valid_u += o.valid_u;
        self.hits_u += o.hits_u;
        self.invalid_u += o.invalid_u;
        self.valid_c += o.valid_c;
        self.hits_c += o.hits_c;
        self.invalid_c += o.invalid_c;
        self.pairs += o.pairs;
        self.only_c += o.only_c;
        self.only_u += o.only_u;
        self.first_invalid = match (self.first_invalid, o.first_invalid) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        self.cagr_u.merge(&o.cagr_u);
        self.cagr_c.merge(&o.cagr_c);
        self.rest.merge(&o.rest);
        for (a, b) in self.years.iter_mut().zip(&o.years) {
            a.merge(b);
        }
        for (a, b) in self.year_hits.iter_mut().zip(&o.year_hits) {
            *a += b;
        }
        for (a, b) in self.sums.iter_mut().zip(&o.sums) {
            *a += b;
        }
        self.nc = self.nc.merge(&o.nc);
        self
    }
}

/// What a conditioned path needs besides the drawn inputs.
struct Conditioning<'a> {
    /// The scenario with project spending of the realised years taken out of the delay
    /// events (that spending happened: the realised investment says so).
    sc: Scenario,
    actuals: &'a Actuals,
    /// Investment of each realised year when given; `None` keeps the path's drawn investment
    /// (its realisations and project delays), the Monte Carlo's own uncertainty about it.
    investment: Vec<Option<f64>>,
    r: f64,
    /// The inputs the nowcast reports, its measurement errors and histogram ranges.
    probes: Vec<nowcast::Probe>,
    lik: nowcast::Likelihood,
    ranges: Vec<(f64, f64)>,
}

impl Conditioning<'_> {
    /// Fixes the realised years of drawn inputs `x`: growth, investment when given (else the
    /// path keeps its drawn investment), and their other yearly inputs at central values
    /// (prices, exchange rate, employment; realisations when investment is given).
    fn apply(&self, x: &mut Inputs) {
        let c = &self.sc.central;
        let n = self.sc.horizon();
        for t in 0..self.actuals.realised() {
            x.fixed_growth[t] = self.actuals.growth[t];
            x.deflator_growth[t] = c.deflator_growth[t];
            x.exchange_rate[t] = c.exchange_rate[t];
            x.employment[t] = c.employment[t];
            x.population[t] = c.population[t];
            x.human_capital_growth[t] = c.human_capital_growth[t];
            x.tfp_growth[t] = c.tfp_growth[t];
            x.icor[t] = c.icor[t];
            if let Some(investment) = self.investment[t] {
                x.fixed_investment[t] = investment;
                for s in 0..self.sc.sources.len() {
                    x.realisation[s * n + t] = c.realisation[s * n + t];
                }
            }
        }
    }
}

fn chunk(sc: &Scenario, cond: &Conditioning<'_>, seed: u64, paths: u64, c: u64) -> Part {
    let n = sc.horizon();
    let k = cond.actuals.realised();
    let m = n - k;
    let target = sc.meta.target_growth;
    let mut part = Part::new(m, &cond.ranges);
    let mut ev = PathEval::new(sc);
    let mut values = Vec::with_capacity(cond.probes.len());
    let first = c * CHUNK;
    for path in first..paths.min(first + CHUNK) {
        ev.draw(sc, seed, path, Sampler::Mc);
        nowcast::values(&cond.probes, sc, &ev, k, &mut values);
        let mut log_w = f64::NAN;
        let u = match ev.simulate(sc) {
            Ok(()) => {
                log_w = nowcast::log_likelihood(
                    &cond.lik,
                    cond.actuals,
                    &nowcast::PathView {
                        growth: &ev.out.growth,
                        investment: ev.investment_nominal(),
                        sources: ev.source_nominal(),
                        employment: &ev.x.employment,
                        deflator: &ev.x.deflator_growth,
                    },
                );
                let cagr = ev.out.cagr;
                part.valid_u += 1;
                part.hits_u += u64::from(cagr >= target);
                part.cagr_u.add(cagr);
                part.sums[0] += cagr;
                Some(cagr >= target)
            }
            Err(why) => {
                part.invalid_u += 1;
                if part.first_invalid.as_ref().is_none_or(|(p, _)| path < *p) {
                    part.first_invalid = Some((path, format!("unconditional: {why}")));
                }
                None
            }
        };
        cond.apply(&mut ev.x);
        match ev.simulate(&cond.sc) {
            Ok(()) => {
                let o = &ev.out;
                let hit = o.cagr >= target;
                part.valid_c += 1;
                part.hits_c += u64::from(hit);
                part.cagr_c.add(o.cagr);
                part.sums[1] += o.cagr;
                let rest = average_growth(&o.growth[k..]);
                part.rest.add(rest);
                part.sums[2] += rest;
                for j in 0..m {
                    let g = o.growth[k + j];
                    part.years[j].add(g);
                    part.year_hits[j] += u64::from(g >= cond.r);
                    part.sums[3 + j] += g;
                }
                if let Some(hit_u) = u {
                    part.nc.add(log_w, hit, &values);
                    part.pairs += 1;
                    part.only_c += u64::from(hit && !hit_u);
                    part.only_u += u64::from(hit_u && !hit);
                }
            }
            Err(why) => {
                part.invalid_c += 1;
                if part.first_invalid.as_ref().is_none_or(|(p, _)| path < *p) {
                    part.first_invalid = Some((path, format!("conditioned: {why}")));
                }
            }
        }
    }
    crate::montecarlo::progress::add(2 * paths.min(first + CHUNK).saturating_sub(first));
    part
}

fn percentiles(h: &Histogram, sum: f64) -> Percentiles {
    let n = h.count();
    let mean = if n > 0 { sum / n as f64 } else { f64::NAN };
    Percentiles::of(h, mean)
}

fn monte_carlo(
    sc: &Scenario,
    actuals: &Actuals,
    r: f64,
    cfg: &RemainingConfig,
) -> Result<(ConditionalMc, nowcast::Conditioned), RunError> {
    let n = sc.horizon();
    let k = actuals.realised();
    let m = n - k;
    let mut csc = sc.clone();
    // spending of a year whose investment is given happened: it cannot be delayed
    for ev in &mut csc.uncertainty.events {
        for t in 0..k {
            if actuals.investment[t].is_some() {
                ev.amounts[t] = 0.0;
            }
        }
    }
    let probes = nowcast::probes(sc);
    let ranges = nowcast::ranges(sc, &probes, cfg.seed, cfg.paths, k);
    let cond = Conditioning {
        sc: csc,
        actuals,
        investment: (0..k).map(|t| actuals.investment[t]).collect(),
        r,
        probes,
        lik: cfg.likelihood,
        ranges,
    };
    let chunks = cfg.paths.div_ceil(CHUNK);
    let mut acc = Part::new(m, &cond.ranges);
    let mut done = 0;
    while done < chunks {
        if STOP.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(RunError::Interrupted {
                paths_done: done * CHUNK,
            });
        }
        let end = (done + ROUND).min(chunks);
        let parts: Vec<Part> = (done..end)
            .into_par_iter()
            .map(|c| chunk(sc, &cond, cfg.seed, cfg.paths, c))
            .collect();
        for p in parts {
            acc = acc.merge(p);
        }
        done = end;
    }
    let first_invalid = acc.first_invalid.map(|(p, why)| format!("path {p}: {why}"));
    if acc.valid_c == 0 {
        return Err(RunError::AllInvalid(first_invalid.unwrap_or_default()));
    }
    let share = |k: u64, n: u64| if n > 0 { k as f64 / n as f64 } else { f64::NAN };
    let (lo_c, hi_c) = wilson(acc.hits_c, acc.valid_c, Z95);
    let (lo_u, hi_u) = wilson(acc.hits_u, acc.valid_u, Z95);
    let years = (0..m)
        .map(|j| McYear {
            year: sc.meta.years[k + j],
            growth: percentiles(&acc.years[j], acc.sums[3 + j]),
            prob_at_least_required: share(acc.year_hits[j], acc.valid_c),
        })
        .collect();
    let conditioned = acc.nc.finish(&cond.probes, cfg.likelihood);
    let mc = ConditionalMc {
        paths: cfg.paths,
        seed: cfg.seed,
        prob_hit: share(acc.hits_c, acc.valid_c),
        prob_hit_ci95: [lo_c, hi_c],
        valid_paths: acc.valid_c,
        invalid_paths: acc.invalid_c,
        prob_hit_unconditional: share(acc.hits_u, acc.valid_u),
        prob_hit_unconditional_ci95: [lo_u, hi_u],
        valid_paths_unconditional: acc.valid_u,
        paired_paths: acc.pairs,
        only_conditional: acc.only_c,
        only_unconditional: acc.only_u,
        difference: share(acc.only_c, acc.pairs) - share(acc.only_u, acc.pairs),
        difference_ci95: tango_ci(acc.pairs, acc.only_u, acc.only_c, Z95),
        cagr: percentiles(&acc.cagr_c, acc.sums[1]),
        cagr_unconditional: percentiles(&acc.cagr_u, acc.sums[0]),
        remaining_average: percentiles(&acc.rest, acc.sums[2]),
        years,
        first_invalid,
    };
    Ok((mc, conditioned))
}
