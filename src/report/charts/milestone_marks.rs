//! Milestones on the fan charts: each `[[milestones]]` threshold of the chart's quantity drawn
//! where it applies (a span's average growth as a bar over its years, a level as a diamond at
//! its year), labelled with the run's probability of reaching it.

use super::ChartError;
use super::placement::{self, Placer, Spot};
use super::plane::Plane;
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

/// Draws `marks`: a bar with end ticks over a span, a diamond at a year; each label on the
/// side away from the median, right-aligned at the last year so it stays inside the plot,
/// moved further out (with a thin leader back to its mark) where that spot is taken.
pub(super) fn draw<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plane<'_, DB>,
    marks: &[FanMark],
    last_year: i32,
    room: &mut Placer,
) -> Result<(), ChartError> {
    let ink = style::VERMILLION;
    let ends = |m: &FanMark| {
        (
            chart.backend_coord(&(f64::from(m.from) - 0.4, m.value)),
            chart.backend_coord(&(f64::from(m.to) + 0.4, m.value)),
        )
    };
    // every mark first, so that no label covers another mark
    for m in marks {
        let (a, b) = ends(m);
        if m.from == m.to {
            let c = chart.backend_coord(&(f64::from(m.to), m.value));
            style::draw_marker(root, c, Marker::Diamond, ink, 14)?;
            room.mark(c, 14);
        } else {
            root.draw(&PathElement::new(vec![a, b], ink.stroke_width(6)))?;
            for x in [a.0, b.0] {
                root.draw(&PathElement::new(
                    vec![(x, a.1 - 10), (x, a.1 + 10)],
                    ink.stroke_width(4),
                ))?;
            }
            room.line(&[
                (a.0, a.1 - 10),
                (a.0, a.1 + 10),
                (b.0, b.1 - 10),
                (b.0, b.1 + 10),
            ]);
            room.line(&[a, b]);
        }
    }
    for m in marks {
        let (a, b) = ends(m);
        let level = m.from == m.to;
        let x = (a.0 + b.0) / 2;
        let mut across = vec![if m.to == last_year {
            (HPos::Right, b.0)
        } else {
            (HPos::Center, x)
        }];
        if level {
            across.extend([(HPos::Right, x - 22), (HPos::Left, x + 22)]);
        }
        let sides = if m.below { [1, -1] } else { [-1, 1] };
        let mut spots = Vec::new();
        for d in [14, 50, 90, 130] {
            for side in sides {
                let v = if side > 0 { VPos::Top } else { VPos::Bottom };
                for &(h, x) in &across {
                    spots.push(Spot::new((x, a.1 + side * d), h, v));
                }
            }
        }
        let spot = room.place_or_first(&m.label, style::LABEL_PX, true, &spots)?;
        let (xs, ys) = placement::extent(&m.label, style::LABEL_PX, true, &spot)?;
        // a label moved away from its mark points back to it
        if ys.start > a.1 + 20 || ys.end < a.1 - 20 {
            // (max then min: never a panic, even for a label narrower than its margins)
            let lx = x.max(xs.start + 10).min(xs.end - 10).max(a.0).min(b.0);
            let (from, to) = if ys.start > a.1 {
                (a.1 + 12, ys.start - 2)
            } else {
                (a.1 - 12, ys.end + 2)
            };
            root.draw(&PathElement::new(
                vec![(lx, from), (lx, to)],
                ink.stroke_width(2),
            ))?;
        }
        let st = style::text(style::LABEL_PX, true, ink, spot.h, spot.v);
        style::put(root, &m.label, &st, spot.at)?;
    }
    Ok(())
}
