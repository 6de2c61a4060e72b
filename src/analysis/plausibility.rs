//! Plausibility warnings: a projection (or what `required` says the plan needs) checked
//! against Hanoi's 2021–2025 record and what fast-growing economies have sustained, with
//! the thresholds of the scenario's `[plausibility]` table (docs/plausibility.md).
//!
//! A warning never stops a command: it says which figure, in which years, against which
//! bound and which record, so a reader can judge the assumption before trusting the result.
//! Years whose growth is realised (`[actuals]`) are facts and are not checked.

use crate::model::{Projection, Required};
use crate::scenario::{Plausibility, Scenario};

/// One warning. Rates are fractions, ICOR a ratio.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Warning {
    /// Stable code, e.g. `tfp_growth_high` (the catalogue key of its text is `warn_<code>`).
    pub code: String,
    /// The years concerned (empty for a period figure).
    pub years: Vec<i32>,
    /// The figure: the period value, or the worst year's.
    pub value: f64,
    /// The threshold it crosses (`[plausibility]`).
    pub bound: f64,
    /// The 2021–2025 record of the same figure.
    pub record: f64,
}

fn warn(code: &str, years: Vec<i32>, value: f64, bound: f64, record: f64) -> Warning {
    Warning {
        code: code.into(),
        years,
        value,
        bound,
        record,
    }
}

/// Years (and values) of `values` for which `bad` holds, skipping realised years; with the
/// value farthest from acceptable by `worse`.
fn offending(
    years: &[i32],
    values: &[f64],
    realised: &[bool],
    bad: impl Fn(f64) -> bool,
    worse: impl Fn(f64, f64) -> bool,
) -> Option<(Vec<i32>, f64)> {
    let mut out: Option<(Vec<i32>, f64)> = None;
    for ((y, v), r) in years.iter().zip(values).zip(realised) {
        if *r || !v.is_finite() || !bad(*v) {
            continue;
        }
        match &mut out {
            None => out = Some((vec![*y], *v)),
            Some((ys, w)) => {
                ys.push(*y);
                if worse(*v, *w) {
                    *w = *v;
                }
            }
        }
    }
    out
}

fn realised(sc: &Scenario) -> Vec<bool> {
    sc.central
        .fixed_growth
        .iter()
        .map(|g| g.is_finite())
        .collect()
}

/// Checks a projection's own figures: TFP growth and share, ICOR, investment / GRDP,
/// employment and deflator jumps.
pub fn check_projection(sc: &Scenario, p: &Projection) -> Vec<Warning> {
    let t: &Plausibility = &sc.plausibility;
    let real = realised(sc);
    let years: Vec<i32> = p.years.iter().map(|r| r.year).collect();
    let col =
        |f: fn(&crate::model::YearRow) -> f64| -> Vec<f64> { p.years.iter().map(f).collect() };
    let mut w = Vec::new();
    let projected = real.iter().filter(|r| !**r).count();
    if projected == 0 {
        return w;
    }
    // TFP growth: the geometric mean over the projected years
    let tfp = col(|r| r.tfp_growth);
    let ln_sum: f64 = tfp
        .iter()
        .zip(&real)
        .filter(|(_, r)| !**r)
        .map(|(g, _)| g.ln_1p())
        .sum();
    let tfp_mean = (ln_sum / projected as f64).exp_m1();
    if tfp_mean > t.tfp_growth_max {
        let ys = offending(&years, &tfp, &real, |v| v > t.tfp_growth_max, |a, b| a > b)
            .map(|(ys, _)| ys)
            .unwrap_or_default();
        w.push(warn(
            "tfp_growth_high",
            ys,
            tfp_mean,
            t.tfp_growth_max,
            t.record_tfp_growth,
        ));
    }
    if projected == years.len() {
        if let Some(s) = p.tfp_share.filter(|s| *s > t.tfp_share_max) {
            w.push(warn(
                "tfp_share_high",
                vec![],
                s,
                t.tfp_share_max,
                t.record_tfp_share,
            ));
        }
        icor_checks(t, p.icor_period, "", &mut w);
    }
    let ratio = col(|r| r.investment_ratio);
    if let Some((ys, v)) = offending(
        &years,
        &ratio,
        &real,
        |v| v > t.investment_ratio_max,
        |a, b| a > b,
    ) {
        w.push(warn(
            "investment_ratio_high",
            ys,
            v,
            t.investment_ratio_max,
            t.record_investment_ratio,
        ));
    }
    let rise = t.record_investment_ratio + t.investment_ratio_rise_max;
    if let Some((ys, v)) = offending(&years, &ratio, &real, |v| v > rise, |a, b| a > b) {
        w.push(warn(
            "investment_ratio_rise",
            ys,
            v,
            rise,
            t.record_investment_ratio,
        ));
    }
    let emp = col(|r| r.labour_growth);
    if let Some((ys, v)) = offending(
        &years,
        &emp,
        &real,
        |v| v.abs() > t.employment_growth_max,
        |a, b| a.abs() > b.abs(),
    ) {
        w.push(warn(
            "employment_jump",
            ys,
            v,
            t.employment_growth_max,
            t.record_employment_growth,
        ));
    }
    let defl: Vec<f64> = sc.central.deflator_growth.clone();
    if let Some((ys, v)) = offending(
        &years,
        &defl,
        &real,
        |v| v < t.deflator_growth_min || v > t.deflator_growth_max,
        |a, b| a.abs() > b.abs(),
    ) {
        let bound = if v > t.deflator_growth_max {
            t.deflator_growth_max
        } else {
            t.deflator_growth_min
        };
        w.push(warn(
            "deflator_out_of_range",
            ys,
            v,
            bound,
            t.record_deflator_growth,
        ));
    }
    let change: Vec<f64> = defl
        .iter()
        .enumerate()
        .map(|(i, d)| if i == 0 { 0.0 } else { d - defl[i - 1] })
        .collect();
    if let Some((ys, v)) = offending(
        &years,
        &change,
        &real,
        |v| v.abs() > t.deflator_change_max,
        |a, b| a.abs() > b.abs(),
    ) {
        w.push(warn(
            "deflator_jump",
            ys,
            v,
            t.deflator_change_max,
            t.record_deflator_growth,
        ));
    }
    w
}

/// ICOR against its bounds and against the 2021–2025 record; `prefix` is `""` or
/// `"implied_"`.
fn icor_checks(t: &Plausibility, icor: Option<f64>, prefix: &str, w: &mut Vec<Warning>) {
    let Some(i) = icor.filter(|i| i.is_finite()) else {
        return;
    };
    if i < t.icor_min {
        w.push(warn(
            &format!("{prefix}icor_low"),
            vec![],
            i,
            t.icor_min,
            t.record_icor,
        ));
    } else if i > t.icor_max {
        w.push(warn(
            &format!("{prefix}icor_high"),
            vec![],
            i,
            t.icor_max,
            t.record_icor,
        ));
    }
    let floor = t.record_icor * (1.0 - t.icor_fall_max);
    if i >= t.icor_min && i < floor {
        w.push(warn(
            &format!("{prefix}icor_below_record"),
            vec![],
            i,
            floor,
            t.record_icor,
        ));
    }
}

/// Checks what `required` says the plan needs: the implied TFP growth and share and the
/// implied ICOR, after the checks of the scenario's own central projection.
pub fn check_required(sc: &Scenario, r: &Required) -> Vec<Warning> {
    let t = &sc.plausibility;
    let real = realised(sc);
    let mut w = crate::model::project(sc, &sc.central)
        .map(|p| check_projection(sc, &p))
        .unwrap_or_default();
    let years: Vec<i32> = r.years.iter().map(|y| y.year).collect();
    let tfp: Vec<f64> = r.years.iter().map(|y| y.implied_tfp_growth).collect();
    if r.implied_tfp_growth_mean > t.tfp_growth_max {
        let ys = offending(&years, &tfp, &real, |v| v > t.tfp_growth_max, |a, b| a > b)
            .map(|(ys, _)| ys)
            .unwrap_or_default();
        w.push(warn(
            "implied_tfp_growth_high",
            ys,
            r.implied_tfp_growth_mean,
            t.tfp_growth_max,
            t.record_tfp_growth,
        ));
    }
    if r.implied_tfp_share_period > t.tfp_share_max {
        w.push(warn(
            "implied_tfp_share_high",
            vec![],
            r.implied_tfp_share_period,
            t.tfp_share_max,
            t.record_tfp_share,
        ));
    }
    // the plan's convention: Σ investment / Σ GRDP on the target path, over the target
    let inv: f64 = r.years.iter().map(|y| y.planned_investment).sum();
    let grdp: f64 = r.years.iter().map(|y| y.grdp_nominal_target).sum();
    if grdp > 0.0 && r.target > 0.0 {
        icor_checks(t, Some(inv / grdp / r.target), "implied_", &mut w);
    }
    w
}
