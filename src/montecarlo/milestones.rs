//! Milestones on a path: whether a simulated path reaches each `[[milestones]]` threshold,
//! and the probabilities `run` reports (each, with its Wilson interval, and all together).

use super::histogram::{Z95, wilson};
use super::path::PathEval;
use crate::scenario::Scenario;
use crate::scenario::indicators::{Milestone, MilestoneQuantity};
use serde::Serialize;

/// A milestone's result over the run.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MilestoneResult {
    /// Identifier.
    pub id: String,
    /// Calendar year.
    pub year: i32,
    /// What it measures (`growth_average`, `tfp_share`, `grdp_usd_bn`, `grdp_per_capita_usd`).
    pub quantity: String,
    /// The threshold.
    pub threshold: f64,
    /// Share of valid paths reaching it.
    pub prob_hit: f64,
    /// Wilson 95% interval.
    pub prob_hit_ci95: [f64; 2],
}

/// Whether the last simulated path of `ev` reaches `m`.
pub fn reached(m: &Milestone, ev: &PathEval) -> bool {
    let (out, x) = (&ev.out, &ev.x);
    let v = match m.quantity {
        MilestoneQuantity::GrowthAverage => {
            let span = &out.growth[m.from_t..=m.t];
            (span.iter().map(|g| g.ln_1p()).sum::<f64>() / span.len() as f64).exp_m1()
        }
        MilestoneQuantity::TfpShare => super::path::tfp_share_over(&ev.ws, m.from_t..m.t + 1),
        // per capita (USD) × population (thousand) → bn USD
        MilestoneQuantity::GrdpUsdBn => out.per_capita_usd[m.t] * x.population[m.t] / 1e6,
        MilestoneQuantity::GrdpPerCapitaUsd => out.per_capita_usd[m.t],
    };
    v >= m.threshold
}

/// The milestones' results from their hit counts over `n` valid paths.
pub fn results(sc: &Scenario, hits: &[u64], n: u64) -> Vec<MilestoneResult> {
    sc.milestones
        .iter()
        .zip(hits)
        .map(|(m, &h)| {
            let (lo, hi) = wilson(h, n, Z95);
            let name = MilestoneQuantity::ALL
                .iter()
                .find(|(_, q)| *q == m.quantity)
                .map_or("", |(n, _)| *n);
            MilestoneResult {
                id: m.id.clone(),
                year: m.year,
                quantity: name.into(),
                threshold: m.threshold,
                prob_hit: if n > 0 { h as f64 / n as f64 } else { 0.0 },
                prob_hit_ci95: [lo, hi],
            }
        })
        .collect()
}
