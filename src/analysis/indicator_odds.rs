//! The probability that each row of the plan's indicator table is met under the scenario's
//! uncertainty (`grdpsim indicators --paths N`): every simulated path of `run` (same seed,
//! same streams) projected year by year, each row's model value compared with the document's
//! target. "Met" means at least the target; counts are integers, so the result is the same
//! for any thread count.

use super::indicators::{Indicators, compound, model_values};
use crate::montecarlo::{PathEval, RunError, Sampler};
use crate::scenario::Scenario;
use crate::scenario::indicators::{PeriodIs, Quantity};
use rayon::prelude::*;

/// Paths per parallel task.
const CHUNK: u64 = 1024;

/// Hits per row: per year, then the period.
#[derive(Clone)]
struct Counts {
    valid: u64,
    first_invalid: Option<(u64, String)>,
    years: Vec<Vec<u64>>,
    period: Vec<u64>,
}

impl Counts {
    fn new(ind: &Indicators) -> Self {
        Counts {
            valid: 0,
            first_invalid: None,
            years: ind.rows.iter().map(|r| vec![0; r.years.len()]).collect(),
            period: vec![0; ind.rows.len()],
        }
    }

    fn merge(mut self, o: Counts) -> Counts {
        self.valid += o.valid;
        self.first_invalid = match (self.first_invalid, o.first_invalid) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        for (a, b) in self.years.iter_mut().zip(&o.years) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
        self.period
            .iter_mut()
            .zip(&o.period)
            .for_each(|(x, y)| *x += y);
        self
    }
}

/// At least `target`, up to rounding: 10⁻⁹ in points for rates, relative for levels.
fn met(v: f64, target: f64, rate: bool) -> bool {
    let tol = if rate { 1e-9 } else { 1e-9 * target.abs() };
    v >= target - tol
}

fn chunk(sc: &Scenario, ind: &Indicators, seed: u64, sampler: Sampler, c: u64, n: u64) -> Counts {
    let mut counts = Counts::new(ind);
    let mut ev = PathEval::new(sc);
    let mut values = Vec::new();
    for path in c * CHUNK..n.min((c + 1) * CHUNK) {
        if let Err(why) = ev.path(sc, seed, path, sampler) {
            counts.first_invalid.get_or_insert((path, why));
            continue;
        }
        counts.valid += 1;
        let p = ev.projection(sc);
        let lp0 = ev.x.grdp_base_nominal / ev.x.employment_base;
        for (r, (row, def)) in ind.rows.iter().zip(&sc.indicators).enumerate() {
            let Some(q) = def.model else { continue };
            model_values(q, &p, def, lp0, &mut values);
            for (t, (y, v)) in row.years.iter().zip(&values).enumerate() {
                counts.years[r][t] += u64::from(met(*v, y.target, row.rate));
            }
            let period = match (def.period_is, q) {
                (PeriodIs::Average, Quantity::Growth) => Some(p.cagr),
                (PeriodIs::Average, _) => Some(compound(&values)),
                (PeriodIs::Sum, _) => Some(values.iter().sum()),
                (PeriodIs::End, _) => values.last().copied(),
                (PeriodIs::None, _) => None,
            };
            if let (Some(v), Some(target)) = (period, row.period) {
                counts.period[r] += u64::from(met(v, target, row.rate));
            }
        }
    }
    counts
}

/// Adds to `ind` the probability that each row the model computes is met, each year and for
/// the period, over paths `0..paths` of `run` with `seed` and `sampler`.
///
/// # Errors
/// [`RunError::AllInvalid`] when no path is valid.
pub fn attach(
    sc: &Scenario,
    ind: &mut Indicators,
    paths: u64,
    seed: u64,
    sampler: Sampler,
) -> Result<(), RunError> {
    let counts = (0..paths.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| chunk(sc, ind, seed, sampler, c, paths))
        .reduce(|| Counts::new(ind), Counts::merge);
    if counts.valid == 0 {
        let why = counts
            .first_invalid
            .map_or_else(String::new, |(p, w)| format!("path {p}: {w}"));
        return Err(RunError::AllInvalid(why));
    }
    let n = counts.valid as f64;
    for (r, (row, def)) in ind.rows.iter_mut().zip(&sc.indicators).enumerate() {
        if def.model.is_none() {
            continue;
        }
        for (t, y) in row.years.iter_mut().enumerate() {
            y.prob_met = Some(counts.years[r][t] as f64 / n);
        }
        if row.period.is_some() && def.period_is != PeriodIs::None {
            row.prob_met_period = Some(counts.period[r] as f64 / n);
        }
    }
    ind.paths = counts.valid;
    ind.seed = seed;
    Ok(())
}
