//! Targets, the plan's published path and the history: optional, each checked where given.

use super::R;
use super::checker::{FRACTION_RATE, V};
use crate::scenario::raw::RawFile;
use crate::scenario::{Actuals, History, PlanReference, Plausibility, Targets};
use unicode_normalization::UnicodeNormalization;

/// The scenario's targets, plan reference and history.
pub(super) type References = (Targets, PlanReference, Option<History>, Option<Actuals>);

/// The scenario's targets, plan reference, history and actuals.
pub(super) fn reference(v: &V, raw: &RawFile) -> R<References> {
    let tt = v.table(&raw.targets, "targets");
    let tg = raw
        .targets
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let share_ok = |x: f64| x > -10.0 && x < 10.0;
    let targets = Targets {
        tfp_share_period: v.opt_num(
            &tg.tfp_share_period,
            &tt,
            "tfp_share_period",
            "a fraction such as 0.57",
            share_ok,
        )?,
        tfp_share: v.opt_num(
            &tg.tfp_share,
            &tt,
            "tfp_share",
            "a fraction such as 0.60",
            share_ok,
        )?,
        grdp_per_capita_usd: v.opt_num(
            &tg.grdp_per_capita_usd,
            &tt,
            "grdp_per_capita_usd",
            "a positive amount in USD",
            |x| x > 0.0,
        )?,
        grdp_usd_bn: v.opt_num(
            &tg.grdp_usd_bn,
            &tt,
            "grdp_usd_bn",
            "a positive amount in bn USD",
            |x| x > 0.0,
        )?,
    };
    let tr = v.table(&raw.plan_reference, "plan_reference");
    let pr = raw
        .plan_reference
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let pos = |x: f64| x > 0.0;
    let plan_reference = PlanReference {
        growth: v.opt_num(&pr.growth, &tr, "growth", FRACTION_RATE, |x| x > -1.0)?,
        grdp_nominal: v.opt_num(
            &pr.grdp_nominal,
            &tr,
            "grdp_nominal",
            "a positive amount in thousand bn VND",
            pos,
        )?,
        investment_ratio: v.opt_num(
            &pr.investment_ratio,
            &tr,
            "investment_ratio",
            "a fraction such as 0.4129",
            |x| x >= 0.0,
        )?,
        grdp_per_capita: v.opt_num(
            &pr.grdp_per_capita,
            &tr,
            "grdp_per_capita",
            "a positive amount in million VND",
            pos,
        )?,
        grdp_per_capita_usd: v.opt_num(
            &pr.grdp_per_capita_usd,
            &tr,
            "grdp_per_capita_usd",
            "a positive amount in USD",
            pos,
        )?,
        labour_productivity: v.opt_num(
            &pr.labour_productivity,
            &tr,
            "labour_productivity",
            "a positive amount in million VND per worker",
            pos,
        )?,
    };
    let history = match &raw.history {
        None => None,
        Some(hl) => {
            let th = v.table(&raw.history, "history");
            let h = &hl.value;
            let yl = v.req(&h.years, &th, "years", "an array of calendar years")?;
            let gl = v.req(
                &h.growth,
                &th,
                "growth",
                "an array of real growth rates (fractions), one per year",
            )?;
            if yl.value.len() != gl.value.len() {
                return Err(v.at(
                    gl,
                    "history.growth".into(),
                    format!(
                        "expected {} values (one per entry of history.years), found {}",
                        yl.value.len(),
                        gl.value.len()
                    ),
                ));
            }
            if let Some(g) = gl.value.iter().find(|g| !g.is_finite() || **g <= -1.0) {
                return Err(v.at(
                    gl,
                    "history.growth".into(),
                    format!("expected {FRACTION_RATE}, found {g}"),
                ));
            }
            if yl.value.iter().any(|y| !(1900..=2200).contains(y))
                || yl.value.windows(2).any(|w| w[1] <= w[0])
            {
                return Err(v.at(
                    yl,
                    "history.years".into(),
                    "expected increasing calendar years between 1900 and 2200".into(),
                ));
            }
            let estimated: Vec<i32> = match &h.estimated {
                None => Vec::new(),
                Some(el) => {
                    if let Some(y) = el.value.iter().find(|y| !yl.value.contains(y)) {
                        return Err(v.at(
                            el,
                            "history.estimated".into(),
                            format!(
                                "expected years listed in history.years, found {y}; list the years whose growth no document prints"
                            ),
                        ));
                    }
                    el.value.iter().map(|y| *y as i32).collect()
                }
            };
            Some(History {
                years: yl.value.iter().map(|y| *y as i32).collect(),
                growth: gl.value.clone(),
                estimated,
            })
        }
    };
    Ok((targets, plan_reference, history, actuals(v, raw)?))
}

/// `[actuals]`: one realised growth rate per projection year, and which are estimates.
fn actuals(v: &V, raw: &RawFile) -> R<Option<Actuals>> {
    let Some(al) = &raw.actuals else {
        return Ok(None);
    };
    let ta = v.table(&raw.actuals, "actuals");
    let a = &al.value;
    let gl = v.req(
        &a.growth,
        &ta,
        "growth",
        "an array of realised real growth rates (fractions), one per projection year",
    )?;
    let growth = v.check_per_year(gl, "actuals.growth".into(), FRACTION_RATE, &|g| {
        g > -1.0 && g < 10.0
    })?;
    let years: Vec<i64> = (0..v.n as i64)
        .map(|t| i64::from(v.first_year) + t)
        .collect();
    let estimated = match &a.estimated {
        None => Vec::new(),
        Some(el) => {
            if let Some(y) = el.value.iter().find(|y| !years.contains(y)) {
                return Err(v.at(
                    el,
                    "actuals.estimated".into(),
                    format!(
                        "expected projection years ({}), found {y}; list the years whose growth no document prints",
                        v.years_label()
                    ),
                ));
            }
            el.value.iter().map(|y| *y as i32).collect()
        }
    };
    Ok(Some(Actuals { growth, estimated }))
}

/// `[plausibility]`: the thresholds given, the defaults for the rest.
pub(super) fn plausibility(v: &V, raw: &RawFile) -> R<Plausibility> {
    let mut p = Plausibility::default();
    let Some(pl) = &raw.plausibility else {
        return Ok(p);
    };
    let tp = v.table(&raw.plausibility, "plausibility");
    for (name, slot, ok, expected) in p.fields() {
        if let Some(x) = v.opt_num(pl.value.get(name), &tp, name, expected, ok)? {
            *slot = x;
        }
    }
    for (lo, hi, name) in [
        (p.icor_min, p.icor_max, "icor_max"),
        (
            p.deflator_growth_min,
            p.deflator_growth_max,
            "deflator_growth_max",
        ),
    ] {
        if lo >= hi {
            let at = pl.value.get(name).as_ref();
            let msg = format!("expected {name} above its minimum ({lo}), found {hi}");
            return Err(match at {
                Some(l) => v.at(l, format!("plausibility.{name}"), msg),
                None => v.at(pl, "plausibility".into(), msg),
            });
        }
    }
    Ok(p)
}

/// `[report] feasibility`: the scenario's own feasibility phrases, highest band first.
pub(super) fn feasibility(v: &V, raw: &RawFile) -> R<Option<Vec<(f64, String, String)>>> {
    Ok(
        match raw
            .report
            .as_ref()
            .and_then(|r| r.value.feasibility.as_ref())
        {
            None => None,
            Some(l) => {
                let bands = &l.value;
                let ok = !bands.is_empty()
                    && bands.iter().all(|b| {
                        (0.0..=1.0).contains(&b.min_prob)
                            && !b.vi.trim().is_empty()
                            && !b.en.trim().is_empty()
                    })
                    && bands.windows(2).all(|w| w[0].min_prob > w[1].min_prob);
                if !ok {
                    return Err(v.at(l, "report.feasibility".into(),
                    "expected bands { min_prob, vi, en } with min_prob in [0, 1], strictly decreasing (highest first), and non-empty phrases".into()));
                }
                Some(
                    bands
                        .iter()
                        .map(|b| (b.min_prob, b.vi.nfc().collect(), b.en.clone()))
                        .collect(),
                )
            }
        },
    )
}

/// The human-capital proxy from the share of trained workers q_t (`labour.trained_share`,
/// `trained_share_base`, `trained_premium` π): a worker's human capital is 1 + π when trained
/// and 1 otherwise, so h_t = 1 + π·q_t and g_h,t = h_t / h_{t−1} − 1 (docs/model.md,
/// "Human capital"). `None` when the scenario does not use it.
pub(super) fn trained_labour(v: &V, raw: &RawFile) -> R<Option<Vec<f64>>> {
    let Some(ll) = &raw.labour else {
        return Ok(None);
    };
    let lab = &ll.value;
    let Some(ql) = &lab.trained_share else {
        for (f, name) in [
            (lab.trained_share_base.is_some(), "trained_share_base"),
            (lab.trained_premium.is_some(), "trained_premium"),
        ] {
            if f {
                return Err(v.at(
                    ll,
                    format!("labour.{name}"),
                    "given without labour.trained_share; give the shares per year too (or remove it)".into(),
                ));
            }
        }
        return Ok(None);
    };
    // the file that says it last wins (file 0 is the named file, then each parent it
    // extends); both in one file is a contradiction
    if let Some(e) = raw
        .economy
        .as_ref()
        .and_then(|e| e.value.human_capital_growth.as_ref())
    {
        if e.file == ql.file {
            return Err(v.at(
                e,
                "economy.human_capital_growth".into(),
                "given together with labour.trained_share, which derives it; keep one of them"
                    .into(),
            ));
        }
        if e.file < ql.file {
            return Ok(None);
        }
    }
    let tl = v.table(&raw.labour, "labour");
    let share = "a share of trained workers in [0, 1], such as 0.5506";
    let q = v.check_per_year(ql, "labour.trained_share".into(), share, &|x| {
        (0.0..=1.0).contains(&x)
    })?;
    let q0 = v.num(
        &lab.trained_share_base,
        &tl,
        "trained_share_base",
        share,
        |x| (0.0..=1.0).contains(&x),
    )?;
    let pi = v.num(
        &lab.trained_premium,
        &tl,
        "trained_premium",
        "a productivity premium of trained over untrained workers between 0 and 5, such as 0.4",
        |x| (0.0..=5.0).contains(&x),
    )?;
    let mut prev = 1.0 + pi * q0;
    Ok(Some(
        q.iter()
            .map(|qt| {
                let h = 1.0 + pi * qt;
                let g = h / prev - 1.0;
                prev = h;
                g
            })
            .collect(),
    ))
}
