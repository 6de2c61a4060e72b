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
    /// What the nowcast also learns from without fixing it in the engine: a partial year's
    /// growth and investment, investment by source, employment, the deflator (from
    /// `--actuals FILE`; empty with `--actual` flags).
    pub evidence: Vec<Evidence>,
}

/// What an [`Evidence`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Real growth (fraction).
    Growth,
    /// Total investment, k-bn VND.
    Investment,
    /// Realised amount of the source with this index, k-bn VND.
    Source(usize),
    /// Employment, thousand persons.
    Employment,
    /// Deflator growth (fraction).
    Deflator,
}

/// One observation the nowcast weighs paths by (not fixed in the engine).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Projection year index.
    pub t: usize,
    /// Calendar year.
    pub year: i32,
    /// What it measures.
    pub measure: Measure,
    /// The year's estimate.
    pub value: f64,
    /// Extra error of a partial year (absolute for rates, relative for amounts).
    pub extra_sd: f64,
    /// Periods given and periods in a year.
    pub periods: (usize, usize),
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
        Self::checked(sc, growth, investment, false)
    }

    fn checked(
        sc: &Scenario,
        growth: &[(i32, f64)],
        investment: &[(i32, f64)],
        may_be_empty: bool,
    ) -> Result<Actuals, String> {
        let years = &sc.meta.years;
        let (first, last) = (years[0], years[years.len() - 1]);
        let n = years.len();
        if growth.is_empty() && !may_be_empty {
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
            evidence: Vec::new(),
        })
    }

    /// Actuals from a file's yearly estimates ([`super::file::read`]): complete years of
    /// growth are fixed (with their total investment when complete too); a partial year's
    /// growth and investment, investment by source, employment and the deflator are
    /// evidence for the nowcast only. `file` names the file in messages.
    ///
    /// # Errors
    /// As [`Actuals::new`]; also when evidence is given for a year after the first one
    /// without complete growth, or names a source the scenario does not have.
    pub fn from_estimates(
        sc: &Scenario,
        estimates: &[super::file::Estimate],
        file: &str,
    ) -> Result<Actuals, String> {
        use super::file::Indicator;
        let growth: Vec<(i32, f64)> = estimates
            .iter()
            .filter(|e| e.indicator == Indicator::Growth && e.complete())
            .map(|e| (e.year, e.value))
            .collect();
        let complete_growth = |y: i32| growth.iter().any(|(g, _)| *g == y);
        let investment: Vec<(i32, f64)> = estimates
            .iter()
            .filter(|e| {
                e.indicator == Indicator::Investment && e.complete() && complete_growth(e.year)
            })
            .map(|e| (e.year, e.value))
            .collect();
        let mut a = Self::checked(sc, &growth, &investment, true).map_err(|m| {
            format!(
                "{file}: {}",
                m.replace("--actual", "growth")
                    .replace("--investment", "investment")
            )
        })?;
        let k = a.realised();
        for e in estimates {
            let fixed = match e.indicator {
                Indicator::Growth => e.complete(),
                Indicator::Investment => e.complete() && complete_growth(e.year),
                _ => false,
            };
            if fixed {
                continue;
            }
            let Some(t) = sc.meta.years.iter().position(|y| *y == e.year) else {
                return Err(format!(
                    "{file}: {} is outside the horizon {}–{} of scenario {}",
                    e.year,
                    sc.meta.years[0],
                    sc.meta.years[sc.horizon() - 1],
                    sc.meta.name
                ));
            };
            if t > k {
                return Err(format!(
                    "{file}: {} has data but {} has no complete growth (4 quarters, 12 months or the year); realised years come first, without gaps",
                    e.year, sc.meta.years[k]
                ));
            }
            let measure = match &e.indicator {
                Indicator::Growth => Measure::Growth,
                Indicator::Investment => Measure::Investment,
                Indicator::Employment => Measure::Employment,
                Indicator::Deflator => Measure::Deflator,
                Indicator::Source(id) => match sc.sources.iter().position(|s| s.id == *id) {
                    Some(i) => Measure::Source(i),
                    None => {
                        let ids = sc.sources.iter().map(|s| s.id.as_str());
                        let hint = crate::scenario::closest(id, ids)
                            .map(|c| format!("; did you mean investment.{c}?"))
                            .unwrap_or_default();
                        return Err(format!(
                            "{file}: investment.{id}: the scenario has no source {id:?}{hint}"
                        ));
                    }
                },
            };
            a.evidence.push(Evidence {
                t,
                year: e.year,
                measure,
                value: e.value,
                extra_sd: e.extra_sd,
                periods: e.periods,
            });
        }
        if a.growth.is_empty() && a.evidence.is_empty() {
            return Err(format!(
                "{file}: no realised year: give at least the growth of {} (a year, quarters or months)",
                sc.meta.years[0]
            ));
        }
        Ok(a)
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
