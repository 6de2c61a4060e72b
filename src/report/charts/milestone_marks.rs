//! Milestones on the fan charts: each `[[milestones]]` threshold of the chart's quantity drawn
//! where it applies (a span's average growth as a bar over its years, a level as a diamond at
//! its year), labelled with the run's probability of reaching it.

use super::ChartError;
use super::plane::{self, Plane};
use super::style::{self, Marker};
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::scenario::Scenario;
use crate::scenario::indicators::MilestoneQuantity;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One milestone on a fan chart.
#[derive(Debug, Clone)]
pub(super) struct FanMark {
    /// First and last year it covers (equal for a level).
    pub from: i32,
    pub to: i32,
    /// The threshold, in the chart's units.
    pub value: f64,
    /// "≥ 11,0% · 51,9%": threshold and probability, in the language.
    pub label: String,
    /// Label below the mark (the threshold is under the median, so the fan is above it).
    pub below: bool,
}

/// The marks of `quantity` for `sc`'s milestones, with the probabilities of run `s`.
pub(super) fn marks(
    sc: &Scenario,
    s: &Summary,
    lang: Lang,
    quantity: MilestoneQuantity,
) -> Vec<FanMark> {
    sc.milestones
        .iter()
        .zip(&s.milestones)
        .filter(|(m, _)| m.quantity == quantity)
        .map(|(m, r)| {
            // a span starts at `from`; a level is one year
            let from = match quantity {
                MilestoneQuantity::GrowthAverage | MilestoneQuantity::TfpShare => {
                    sc.meta.years.get(m.from_t).copied().unwrap_or(m.year)
                }
                _ => m.year,
            };
            let v = if quantity == MilestoneQuantity::GrowthAverage {
                lang.pct(m.threshold, 1)
            } else {
                lang.num(m.threshold, 0)
            };
            let medians: Vec<f64> = s
                .years
                .iter()
                .filter(|y| (from..=m.year).contains(&y.year))
                .map(|y| match quantity {
                    MilestoneQuantity::GrowthAverage => y.growth.p50,
                    _ => y.grdp_per_capita_usd.p50,
                })
                .collect();
            let median = medians.iter().sum::<f64>() / medians.len().max(1) as f64;
            FanMark {
                below: m.threshold < median,
                from,
                to: m.year,
                value: m.threshold,
                label: format!("≥ {v} · P {}", lang.pct(r.prob_hit, 1)),
            }
        })
        .collect()
}

/// Draws `marks`: a bar with end ticks over a span, a diamond at a year; the label on the
/// side away from the median, right-aligned at the last year so it stays inside the plot.
pub(super) fn draw<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    marks: &[FanMark],
    last_year: i32,
) -> Result<(), ChartError> {
    let ink = style::VERMILLION;
    for m in marks {
        let (a, b) = (
            chart.backend_coord(&(f64::from(m.from) - 0.4, m.value)),
            chart.backend_coord(&(f64::from(m.to) + 0.4, m.value)),
        );
        if m.from == m.to {
            plane::marks(
                root,
                chart,
                &[(f64::from(m.to), m.value)],
                Marker::Diamond,
                ink,
                14,
            )?;
        } else {
            root.draw(&PathElement::new(vec![a, b], ink.stroke_width(6)))?;
            for x in [a.0, b.0] {
                root.draw(&PathElement::new(
                    vec![(x, a.1 - 10), (x, a.1 + 10)],
                    ink.stroke_width(4),
                ))?;
            }
        }
        let (v, y) = if m.below {
            (VPos::Top, a.1 + 14)
        } else {
            (VPos::Bottom, a.1 - 14)
        };
        let (h, x) = if m.to == last_year {
            (HPos::Right, b.0)
        } else {
            (HPos::Center, (a.0 + b.0) / 2)
        };
        let st = style::text(style::LABEL_PX, true, ink, h, v);
        style::put(root, &m.label, &st, (x, y))?;
    }
    Ok(())
}
