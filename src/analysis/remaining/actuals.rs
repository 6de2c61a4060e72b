//! The realised years given to `grdpsim remaining` (`--actual`, `--investment`), checked
//! against the scenario's horizon.

use crate::scenario::{Inputs, Scenario};
use serde::Serialize;

/// Realised values of the first years of a scenario's horizon, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actuals {
    /// Realised real growth of the first k projection years, in year order (fractions).
    pub growth: Vec<f64>,
    /// Realised total investment of each realised year, thousand bn VND at current prices;
    /// `None` when not given (the plan's central amount is used).
    pub investment: Vec<Option<f64>>,
}

impl Actuals {
    /// Checks `--actual` (`growth`: year, growth) and `--investment` (year, k-bn VND) pairs
    /// against the scenario: each year once, inside the horizon, the realised years the first
    /// ones without gaps, at least one year left, growth above −100% and below +100% (a
    /// fraction: 0.082 = 8.2%), investment only for realised years and not negative.
    ///
    /// # Errors
    /// A message naming the flag and the value that is wrong.
    pub fn new(
        sc: &Scenario,
        growth: &[(i32, f64)],
        investment: &[(i32, f64)],
    ) -> Result<Actuals, String> {
        let years = &sc.meta.years;
        let (first, last) = (years[0], years[years.len() - 1]);
        let n = years.len();
        if growth.is_empty() {
            return Err(format!(
                "give the realised growth of at least the first year: --actual {first}=0.08 (a fraction, 0.08 = 8%)"
            ));
        }
        let mut by_year: Vec<Option<f64>> = vec![None; n];
        for &(y, g) in growth {
            let Some(t) = years.iter().position(|&v| v == y) else {
                return Err(format!(
                    "--actual {y}={g}: {y} is outside the horizon {first}–{last} of scenario {}",
                    sc.meta.name
                ));
            };
            if let Some(before) = by_year[t] {
                return Err(format!(
                    "--actual {y} is given twice ({before} and {g}); give each year once"
                ));
            }
            if g.is_nan() || g <= -1.0 {
                return Err(format!(
                    "--actual {y}={g}: growth must be above −100% (−1 as a fraction)"
                ));
            }
            if g >= 1.0 {
                let short = format!("{:.6}", g / 100.0);
                let short = short.trim_end_matches('0').trim_end_matches('.');
                return Err(format!(
                    "--actual {y}={g}: growth is a fraction (0.082 = 8.2%); write {y}={short} or {y}={g}%"
                ));
            }
            by_year[t] = Some(g);
        }
        if by_year.iter().all(Option::is_some) {
            return Err(format!(
                "--actual: all {n} years {first}–{last} are given, so no year remains to compute; leave out at least {last}"
            ));
        }
        let k = by_year.iter().take_while(|g| g.is_some()).count();
        if let Some(later) = by_year[k..].iter().position(Option::is_some) {
            return Err(format!(
                "--actual {}: realised years must be the first years of the horizon without gaps, but {} is missing",
                years[k + later],
                years[k]
            ));
        }
        let mut inv: Vec<Option<f64>> = vec![None; k];
        for &(y, i) in investment {
            let Some(t) = years.iter().position(|&v| v == y) else {
                return Err(format!(
                    "--investment {y}={i}: {y} is outside the horizon {first}–{last} of scenario {}",
                    sc.meta.name
                ));
            };
            if t >= k {
                return Err(format!(
                    "--investment {y}={i}: {y} has no --actual growth; realised investment is given only for realised years"
                ));
            }
            if let Some(before) = inv[t] {
                return Err(format!(
                    "--investment {y} is given twice ({before} and {i}); give each year once"
                ));
            }
            if i.is_nan() || i < 0.0 {
                return Err(format!(
                    "--investment {y}={i}: investment (thousand bn VND) cannot be negative"
                ));
            }
            inv[t] = Some(i);
        }
        Ok(Actuals {
            growth: by_year.into_iter().take(k).flatten().collect(),
            investment: inv,
        })
    }

    /// Number of realised years.
    pub fn realised(&self) -> usize {
        self.growth.len()
    }

    /// `x` with the realised years fixed: growth, and investment where it is given.
    pub fn apply(&self, x: &mut Inputs) {
        for (t, g) in self.growth.iter().enumerate() {
            x.fixed_growth[t] = *g;
            x.fixed_investment[t] = self.investment[t].unwrap_or(f64::NAN);
        }
    }
}
