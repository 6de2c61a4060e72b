//! The plan's own table in one command (`grdpsim project --match-plan`): TFP from the inverse
//! mode, so the model grows exactly at the plan's target every year, then every published
//! row of the plan (`[plan_reference]`, `[targets]`) beside the model's figure and the
//! deviation. What does not match is then a contradiction inside the plan's own numbers
//! (its deflator, population, exchange rate or investment), not a modelling choice.

use crate::model::{self, ModelError, Projection};
use crate::scenario::Scenario;

/// One published figure against the model.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanRow {
    /// Stable key of the indicator (`grdp_nominal`, `tfp_share`…).
    pub indicator: String,
    /// Unit: `rate` (fraction), `k_bn_vnd`, `million_vnd`, `usd`, `bn_usd`,
    /// `million_vnd_per_worker`.
    pub unit: String,
    /// Calendar year; `None` for a period figure.
    pub year: Option<i32>,
    /// The plan's figure.
    pub plan: f64,
    /// The model's figure.
    pub model: f64,
    /// Model − plan: relative (model/plan − 1) for amounts, in points (a difference of
    /// fractions) for rates.
    pub deviation: f64,
    /// `relative` or `points`.
    pub deviation_kind: String,
    /// Where the plan's figure comes from (the scenario's citation).
    pub source: String,
}

/// The plan's table against the model.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanMatch {
    /// Scenario name.
    pub scenario: String,
    /// TFP growth per year from the inverse mode (what the plan's funding needs).
    pub tfp_growth: Vec<f64>,
    /// TFP share of growth over the period that implies.
    pub tfp_share_period: f64,
    /// Every published figure beside the model's.
    pub rows: Vec<PlanRow>,
    /// Largest relative deviation of an amount (absolute value).
    pub max_relative_deviation: f64,
    /// Largest deviation of a rate, in points (absolute value).
    pub max_points_deviation: f64,
}

fn row(
    sc: &Scenario,
    key: &str,
    cite: &str,
    unit: &str,
    year: Option<i32>,
    plan: f64,
    model: f64,
) -> PlanRow {
    let rate = unit == "rate";
    PlanRow {
        indicator: key.into(),
        unit: unit.into(),
        year,
        plan,
        model,
        deviation: if rate {
            model - plan
        } else {
            model / plan - 1.0
        },
        deviation_kind: if rate { "points" } else { "relative" }.into(),
        source: sc.citations.get(cite).cloned().unwrap_or_default(),
    }
}

/// The projection with TFP from the inverse mode, and the plan's rows beside it.
///
/// # Errors
/// A [`ModelError`] when the inverse mode or the projection fails.
pub fn plan_match(sc: &Scenario) -> Result<(PlanMatch, Projection), ModelError> {
    let x = model::with_implied_tfp(sc, &sc.central)?;
    let p = model::project(sc, &x)?;
    let r = model::required(sc, &sc.central)?;
    let pr = &sc.plan_reference;
    let mut rows = Vec::new();
    type Col = fn(&model::YearRow) -> f64;
    let yearly: [(&str, &Option<Vec<f64>>, &str, Col); 6] = [
        ("growth", &pr.growth, "rate", |y| y.growth),
        ("grdp_nominal", &pr.grdp_nominal, "k_bn_vnd", |y| {
            y.grdp_nominal
        }),
        ("investment_ratio", &pr.investment_ratio, "rate", |y| {
            y.investment_ratio
        }),
        ("grdp_per_capita", &pr.grdp_per_capita, "million_vnd", |y| {
            y.grdp_per_capita_vnd
        }),
        ("grdp_per_capita_usd", &pr.grdp_per_capita_usd, "usd", |y| {
            y.grdp_per_capita_usd
        }),
        (
            "labour_productivity",
            &pr.labour_productivity,
            "million_vnd_per_worker",
            |y| y.labour_productivity,
        ),
    ];
    for (key, plan, unit, f) in yearly {
        if let Some(v) = plan {
            let cite = format!("plan_reference.{key}");
            for (y, pv) in p.years.iter().zip(v) {
                rows.push(row(sc, key, &cite, unit, Some(y.year), *pv, f(y)));
            }
        }
    }
    if let Some(v) = &sc.targets.tfp_share {
        for (y, pv) in r.years.iter().zip(v) {
            rows.push(row(
                sc,
                "tfp_share",
                "targets.tfp_share",
                "rate",
                Some(y.year),
                *pv,
                y.implied_tfp_share,
            ));
        }
    }
    if let Some(v) = pr.grdp_nominal.as_ref() {
        rows.push(row(
            sc,
            "grdp_nominal_total",
            "plan_reference.grdp_nominal",
            "k_bn_vnd",
            None,
            v.iter().sum(),
            p.grdp_nominal_total,
        ));
    }
    if let Some(t) = sc.targets.tfp_share_period {
        rows.push(row(
            sc,
            "tfp_share_period",
            "targets.tfp_share_period",
            "rate",
            None,
            t,
            r.implied_tfp_share_period,
        ));
    }
    let last = p.years.last();
    if let (Some(t), Some(y)) = (sc.targets.grdp_per_capita_usd, last) {
        let cite = "targets.grdp_per_capita_usd";
        rows.push(row(
            sc,
            "grdp_per_capita_usd_end",
            cite,
            "usd",
            Some(y.year),
            t,
            y.grdp_per_capita_usd,
        ));
    }
    if let (Some(t), Some(y)) = (sc.targets.grdp_usd_bn, last) {
        let cite = "targets.grdp_usd_bn";
        rows.push(row(
            sc,
            "grdp_usd_bn_end",
            cite,
            "bn_usd",
            Some(y.year),
            t,
            y.grdp_usd_bn,
        ));
    }
    let max = |kind: &str| {
        rows.iter()
            .filter(|r| r.deviation_kind == kind)
            .map(|r| r.deviation.abs())
            .fold(0.0, f64::max)
    };
    let m = PlanMatch {
        scenario: sc.meta.name.clone(),
        tfp_growth: x.tfp_growth.clone(),
        tfp_share_period: r.implied_tfp_share_period,
        max_relative_deviation: max("relative"),
        max_points_deviation: max("points"),
        rows,
    };
    Ok((m, p))
}
