//! `[[indicators]]`, checked: a unique id, one target per year, a known period relation and
//! model quantity (the closest name suggested), and an amount where the quantity needs one.

use super::R;
use super::checker::{Table, V, is_identifier};
use crate::scenario::diagnostic::closest;
use crate::scenario::indicators::{Indicator, PeriodIs, Quantity};
use crate::scenario::raw::RawFile;

/// The scenario's indicator rows, in file order.
pub(super) fn indicators(v: &V, raw: &RawFile) -> R<Vec<Indicator>> {
    let mut out: Vec<Indicator> = Vec::with_capacity(raw.indicators.len());
    for (i, il) in raw.indicators.iter().enumerate() {
        let r = &il.value;
        let ts = Table {
            file: il.file,
            span: il.span.clone(),
            name: format!("indicators[{i}]"),
        };
        let id_l = v.req(&r.id, &ts, "id", "an identifier such as \"budget_revenue\"")?;
        if !is_identifier(&id_l.value) || out.iter().any(|o| o.id == id_l.value) {
            return Err(v.at(
                id_l,
                format!("indicators[{i}].id"),
                format!(
                    "expected a unique identifier of letters, digits, '-' or '_', found {:?}",
                    id_l.value
                ),
            ));
        }
        let ts = Table {
            name: format!("indicators.{}", id_l.value),
            ..ts
        };
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
