//! `[[indicators]]`, checked: a unique id, one target per year, a known period relation and
//! model quantity (the closest name suggested), and an amount where the quantity needs one.

use super::R;
use super::checker::V;
use crate::scenario::diagnostic::closest;
use crate::scenario::indicators::{Indicator, Milestone, MilestoneQuantity, PeriodIs, Quantity};
use crate::scenario::raw::RawFile;

/// The scenario's indicator rows, in file order.
pub(super) fn indicators(v: &V, raw: &RawFile) -> R<Vec<Indicator>> {
    let mut out: Vec<Indicator> = Vec::with_capacity(raw.indicators.len());
    for (i, il) in raw.indicators.iter().enumerate() {
        let r = &il.value;
        let (id_l, ts) = v.item_id(il, &r.id, "indicators", i, |id| {
            out.iter().any(|o| o.id == id)
        })?;
        let finite = |x: f64| x.is_finite() && x.abs() < 1e12;
        let target = v.num(
            &r.target,
            &ts,
            "target",
            "the document's value per year",
            finite,
        )?;
        let period = v.opt_num(
            &r.period,
            &ts,
            "period",
            "the document's period value",
            finite,
        )?;
        let period_is = match r.period_is.as_ref() {
            None => PeriodIs::None,
            Some(l) => match l.value.as_str() {
                "average" => PeriodIs::Average,
                "sum" => PeriodIs::Sum,
                "end" => PeriodIs::End,
                "none" => PeriodIs::None,
                other => {
                    return Err(v.at(
                        l,
                        format!("indicators.{}.period_is", id_l.value),
                        format!("expected one of average, sum, end, none; found {other:?}"),
                    ));
                }
            },
        };
        let model = match r.model.as_ref() {
            None => None,
            Some(l) => match Quantity::ALL.iter().find(|(n, _)| *n == l.value) {
                Some((_, q)) => Some(*q),
                None => {
                    let hint = closest(&l.value, Quantity::ALL.iter().map(|(n, _)| *n))
                        .map(|c| format!("; did you mean {c:?}?"))
                        .unwrap_or_default();
                    return Err(v.at(
                        l,
                        format!("indicators.{}.model", id_l.value),
                        format!("unknown model quantity {:?}{hint}", l.value),
                    ));
                }
            },
        };
        let amount = v.opt_num(
            &r.amount,
            &ts,
            "amount",
            "an amount per year in thousand bn VND",
            |x| (0.0..1e12).contains(&x),
        )?;
        if model == Some(Quantity::ShareOfGrdp) && amount.is_none() {
            return Err(v.missing(
                &ts,
                "amount",
                "the amount per year (thousand bn VND) whose share of GRDP the target is",
            ));
        }
        out.push(Indicator {
            id: id_l.value.clone(),
            label_vi: v
                .text(&r.label_vi)
                .or_else(|| v.text(&r.label_en))
                .unwrap_or_else(|| id_l.value.clone()),
            label_en: v.text(&r.label_en).unwrap_or_else(|| id_l.value.clone()),
            unit: v.text(&r.unit).unwrap_or_default(),
            target,
            period,
            period_is,
            model,
            amount,
            citation: v.text(&r.citation).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The scenario's milestones: a year inside the horizon, a known quantity, a span that ends
/// in the year, a finite threshold.
pub(super) fn milestones(v: &V, raw: &RawFile) -> R<Vec<Milestone>> {
    let first = i64::from(v.first_year);
    let last = first + v.n as i64 - 1;
    let mut out: Vec<Milestone> = Vec::with_capacity(raw.milestones.len());
    for (i, ml) in raw.milestones.iter().enumerate() {
        let m = &ml.value;
        let (id_l, ts) = v.item_id(ml, &m.id, "milestones", i, |id| {
            out.iter().any(|o| o.id == id)
        })?;
        let name = format!("milestones.{}", id_l.value);
        let year_l = v.req(&m.year, &ts, "year", "a calendar year inside the horizon")?;
        if !(first..=last).contains(&year_l.value) {
            return Err(v.at(
                year_l,
                format!("{name}.year"),
                format!(
                    "expected a year of the horizon {first}–{last}, found {}; extend end_year to reach it",
                    year_l.value
                ),
            ));
        }
        let q_l = v.req(
            &m.quantity,
            &ts,
            "quantity",
            "growth_average, tfp_share, grdp_usd_bn or grdp_per_capita_usd",
        )?;
        let Some((_, quantity)) = MilestoneQuantity::ALL.iter().find(|(n, _)| *n == q_l.value)
        else {
            let hint = closest(&q_l.value, MilestoneQuantity::ALL.iter().map(|(n, _)| *n))
                .map(|c| format!("; did you mean {c:?}?"))
                .unwrap_or_default();
            return Err(v.at(
                q_l,
                format!("{name}.quantity"),
                format!(
                    "expected growth_average, tfp_share, grdp_usd_bn or grdp_per_capita_usd, found {:?}{hint}",
                    q_l.value
                ),
            ));
        };
        let from_t = match (&m.from, quantity) {
            (Some(f), MilestoneQuantity::GrowthAverage | MilestoneQuantity::TfpShare) => {
                if !(first..=year_l.value).contains(&f.value) {
                    return Err(v.at(
                        f,
                        format!("{name}.from"),
                        format!(
                            "expected a year from {first} to {}, found {}",
                            year_l.value, f.value
                        ),
                    ));
                }
                (f.value - first) as usize
            }
            (Some(f), _) => {
                return Err(v.at(
                    f,
                    format!("{name}.from"),
                    "only growth_average and tfp_share span years; remove `from`".into(),
                ));
            }
            (None, _) => 0,
        };
        let threshold = v.num(
            &m.threshold,
            &ts,
            "threshold",
            "a finite number (a fraction for growth)",
            |x| x.is_finite(),
        )?;
        out.push(Milestone {
            id: id_l.value.clone(),
            label_vi: v
                .text(&m.label_vi)
                .or_else(|| v.text(&m.label_en))
                .unwrap_or_else(|| id_l.value.clone()),
            label_en: v.text(&m.label_en).unwrap_or_else(|| id_l.value.clone()),
            year: year_l.value as i32,
            t: (year_l.value - first) as usize,
            quantity: *quantity,
            from_t,
            threshold,
            citation: v.text(&m.citation).unwrap_or_default(),
        });
    }
    Ok(out)
}
