//! The aggregation state of a run: integer counts and histograms (exact in any merge order),
//! per-chunk float sums (added in chunk order), and the summary made from them.

use super::curve::CurveAcc;
use super::histogram::Z95;
use super::histogram::{Histogram, wilson};
use super::path::PathEval;
use super::run::{CHUNK, RunConfig, RunError};
use super::summary::*;
use super::summary::{pearson, rank};
use crate::model::Projection;
use crate::scenario::Scenario;
use serde::Serialize;

/// Paths over which achieved rank correlations are measured (the first ones).
const RANK_PATHS: u64 = 5 * CHUNK;

/// Integer part of the aggregation (exact in any merge order) plus per-chunk float sums.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Acc {
    n: u64,
    hits: u64,
    above: u64,
    invalid: u64,
    first_invalid: Option<(u64, String)>,
    cagr: Histogram,
    years: Vec<Histogram>,
    year_hits: Vec<u64>,
    pc_years: Vec<Histogram>,
    grdp_end: Histogram,
    grdp_end_usd: Histogram,
    pc_usd: Histogram,
    pc_hits: u64,
    tfp_share: Histogram,
    inv_total: Histogram,
    realised: Vec<Histogram>,
    short: Vec<u64>,
    short_hits: Vec<u64>,
    /// (chunk index, float sums in path order)
    sums: Vec<(u64, Vec<f64>)>,
    /// (path, copula uniforms of the correlated inputs) for the first paths
    ranks: Vec<(u64, Vec<f64>)>,
    /// The funding curve on these paths (absent in partials of older versions).
    #[serde(default)]
    curve: CurveAcc,
    /// (chunk index, valid paths, hits) per chunk: the convergence of P(hit) in path order.
    #[serde(default)]
    chunk_hits: Vec<(u64, u64, u64)>,
    /// Paths after which `--precision` was met (None: ran every path asked for).
    #[serde(default)]
    stopped_at: Option<u64>,
    /// Paths reaching each milestone, and all of them.
    #[serde(default)]
    milestone_hits: Vec<u64>,
    #[serde(default)]
    all_milestones: u64,
}

impl Acc {
    /// An empty accumulator for `sc` (with the funding curve at `curve`).
    pub(crate) fn new(sc: &Scenario, curve: &[f64]) -> Self {
        let t = sc.horizon();
        let s = sc.sources.len();
        Acc {
            n: 0,
            hits: 0,
            above: 0,
            invalid: 0,
            first_invalid: None,
            cagr: Histogram::rate(),
            years: vec![Histogram::rate(); t],
            year_hits: vec![0; t],
            pc_years: vec![Histogram::amount(); t],
            grdp_end: Histogram::amount(),
            grdp_end_usd: Histogram::amount(),
            pc_usd: Histogram::amount(),
            pc_hits: 0,
            tfp_share: Histogram::rate(),
            inv_total: Histogram::amount(),
            realised: vec![Histogram::amount(); s],
            short: vec![0; s],
            short_hits: vec![0; s],
            sums: Vec::new(),
            ranks: Vec::new(),
            curve: CurveAcc::new(sc, curve),
            milestone_hits: vec![0; sc.milestones.len()],
            all_milestones: 0,
            chunk_hits: Vec::new(),
            stopped_at: None,
        }
    }

    /// Paths done (valid and invalid).
    pub(crate) fn paths(&self) -> u64 {
        self.n + self.invalid
    }

    /// Valid paths.
    pub(crate) fn valid(&self) -> u64 {
        self.n
    }

    /// Valid paths reaching the target.
    pub(crate) fn hits(&self) -> u64 {
        self.hits
    }

    /// Puts the state in canonical form (histograms trimmed, per-chunk records in chunk
    /// order) and records where `--precision` stopped the run.
    pub(crate) fn finish(&mut self, stopped_at: Option<u64>) {
        self.stopped_at = stopped_at;
        self.sums.sort_by_key(|(c, _)| *c);
        self.ranks.sort_by_key(|(p, _)| *p);
        self.chunk_hits.sort_by_key(|(c, _, _)| *c);
        let hists = [&mut self.cagr, &mut self.grdp_end, &mut self.grdp_end_usd]
            .into_iter()
            .chain([&mut self.pc_usd, &mut self.tfp_share, &mut self.inv_total])
            .chain(self.years.iter_mut())
            .chain(self.pc_years.iter_mut())
            .chain(self.realised.iter_mut());
        hists.for_each(Histogram::trim);
        self.curve.trim();
    }

    /// Merges `o` into `self` (exact in any order).
    pub(crate) fn merge(mut self, o: Acc) -> Acc {
        self.n += o.n;
        self.hits += o.hits;
        self.above += o.above;
        self.invalid += o.invalid;
        self.first_invalid = match (self.first_invalid, o.first_invalid) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        self.cagr.merge(&o.cagr);
        for (a, b) in self.years.iter_mut().zip(&o.years) {
            a.merge(b);
        }
        for (a, b) in self.year_hits.iter_mut().zip(&o.year_hits) {
            *a += b;
        }
        for (a, b) in self.pc_years.iter_mut().zip(&o.pc_years) {
            a.merge(b);
        }
        self.grdp_end.merge(&o.grdp_end);
        self.grdp_end_usd.merge(&o.grdp_end_usd);
        self.pc_usd.merge(&o.pc_usd);
        self.pc_hits += o.pc_hits;
        self.tfp_share.merge(&o.tfp_share);
        self.inv_total.merge(&o.inv_total);
        for (a, b) in self.realised.iter_mut().zip(&o.realised) {
            a.merge(b);
        }
        for (a, b) in self.short.iter_mut().zip(&o.short) {
            *a += b;
        }
        for (a, b) in self.short_hits.iter_mut().zip(&o.short_hits) {
            *a += b;
        }
        self.sums.extend(o.sums);
        self.ranks.extend(o.ranks);
        self.curve.merge(&o.curve);
        self.chunk_hits.extend(o.chunk_hits);
        self.stopped_at = self.stopped_at.or(o.stopped_at);
        for (a, b) in self.milestone_hits.iter_mut().zip(&o.milestone_hits) {
            *a += b;
        }
        self.all_milestones += o.all_milestones;
        self
    }
}

/// Float sums layout: cagr, growth[T], grdp_end, grdp_end_usd, pc_usd, tfp_share,
/// investment_total, realised[S], shortfall[S], compensation[R].
fn n_sums(sc: &Scenario) -> usize {
    1 + sc.horizon() + 5 + 2 * sc.sources.len() + sc.uncertainty.compensation.len() + sc.horizon()
}

impl Acc {
    /// Simulates chunk `chunk` of the run and adds its paths; `plan` is the plan's total
    /// investment (the funding curve's denominator).
    pub(crate) fn add_chunk(&mut self, sc: &Scenario, cfg: &RunConfig, chunk: u64, plan: f64) {
        add_chunk(sc, cfg, chunk, cfg.paths, plan, self);
    }
}

fn add_chunk(sc: &Scenario, cfg: &RunConfig, chunk: u64, end: u64, plan: f64, acc: &mut Acc) {
    let t_n = sc.horizon();
    let s_n = sc.sources.len();
    let mut ev = PathEval::new(sc);
    acc.curve.fuse(&mut ev);
    let mut sums = vec![0.0; n_sums(sc)];
    let target = sc.meta.target_growth;
    let pc_target = sc.targets.grdp_per_capita_usd;
    let corr = sc.uncertainty.correlation.as_ref();
    let first = chunk * CHUNK;
    let (n0, h0) = (acc.n, acc.hits);
    for path in first..end.min(first + CHUNK) {
        if let Err(why) = ev.path(sc, cfg.seed, path, cfg.sampler) {
            acc.invalid += 1;
            if acc.first_invalid.as_ref().is_none_or(|(p, _)| path < *p) {
                acc.first_invalid = Some((path, why));
            }
            continue;
        }
        let out = &ev.out;
        acc.n += 1;
        let hit = out.cagr >= target;
        acc.hits += u64::from(hit);
        acc.above += u64::from(out.cagr > target);
        acc.cagr.add(out.cagr);
        sums[0] += out.cagr;
        let opc = n_sums(sc) - t_n;
        for t in 0..t_n {
            acc.years[t].add(out.growth[t]);
            acc.year_hits[t] += u64::from(out.growth[t] >= target);
            sums[1 + t] += out.growth[t];
            acc.pc_years[t].add(out.per_capita_usd[t]);
            sums[opc + t] += out.per_capita_usd[t];
        }
        let o = 1 + t_n;
        acc.grdp_end.add(out.grdp_end);
        acc.grdp_end_usd.add(out.grdp_end_usd);
        acc.pc_usd.add(out.per_capita_usd_end);
        acc.pc_hits += u64::from(pc_target.is_some_and(|p| out.per_capita_usd_end >= p));
        acc.tfp_share.add(out.tfp_share);
        acc.inv_total.add(out.investment_total);
        sums[o] += out.grdp_end;
        sums[o + 1] += out.grdp_end_usd;
        sums[o + 2] += out.per_capita_usd_end;
        if out.tfp_share.is_finite() {
            sums[o + 3] += out.tfp_share;
        }
        sums[o + 4] += out.investment_total;
        let o = o + 5;
        for s in 0..s_n {
            acc.realised[s].add(out.realised[s]);
            let short = out.realised[s] < out.plan[s] * (1.0 - 1e-12);
            acc.short[s] += u64::from(short);
            acc.short_hits[s] += u64::from(short && hit);
            sums[o + s] += out.realised[s];
            sums[o + s_n + s] += out.plan[s] - out.realised[s];
        }
        let o = o + 2 * s_n;
        for (r, c) in out.compensation.iter().enumerate() {
            sums[o + r] += c;
        }
        if let Some(c) = corr
            && path < RANK_PATHS
        {
            acc.ranks
                .push((path, c.inputs.iter().map(|&i| ev.scratch.u[i]).collect()));
        }
        if !sc.milestones.is_empty() {
            let mut all = true;
            for (i, m) in sc.milestones.iter().enumerate() {
                let hit = super::milestones::reached(m, &ev);
                acc.milestone_hits[i] += u64::from(hit);
                all &= hit;
            }
            acc.all_milestones += u64::from(all);
        }
        acc.curve.add(sc, &mut ev, plan);
    }
    acc.sums.push((chunk, sums));
    acc.chunk_hits.push((chunk, acc.n - n0, acc.hits - h0));
    super::progress::add(end.min(first + CHUNK).saturating_sub(first));
}

pub(crate) fn summarise(
    sc: &Scenario,
    cfg: &RunConfig,
    mut acc: Acc,
    deterministic: Projection,
) -> Result<Summary, RunError> {
    let first = || {
        acc.first_invalid
            .as_ref()
            .map(|(p, w)| format!("path {p}: {w}"))
            .unwrap_or_default()
    };
    if acc.n == 0 {
        return Err(RunError::AllInvalid(first()));
    }
    let drawn = acc.n + acc.invalid;
    if acc.invalid as f64 > super::run::MAX_INVALID_SHARE * drawn as f64 && !cfg.allow_invalid {
        return Err(RunError::TooManyInvalid {
            invalid: acc.invalid,
            paths: drawn,
            first: first(),
        });
    }
    let t_n = sc.horizon();
    let s_n = sc.sources.len();
    acc.sums.sort_by_key(|(c, _)| *c);
    let mut sums = vec![0.0; n_sums(sc)];
    for (_, s) in &acc.sums {
        for (a, b) in sums.iter_mut().zip(s) {
            *a += b;
        }
    }
    let n = acc.n.max(1) as f64;
    let mean = |i: usize| sums[i] / n;
    let p = acc.hits as f64 / n;
    let (lo, hi) = wilson(acc.hits, acc.n, Z95);
    let o = 1 + t_n;
    let os = o + 5;
    let funding = sc
        .sources
        .iter()
        .enumerate()
        .map(|(s, src)| FundingSummary {
            source: src.id.clone(),
            label_vi: src.label_vi.clone(),
            label_en: src.label_en.clone(),
            financing: src.financing,
            plan: (0..t_n)
                .map(|t| sc.plan_vnd(s, t, sc.central.exchange_rate[t]))
                .sum(),
            realised: Percentiles::of(&acc.realised[s], mean(os + s)),
            shortfall_mean: mean(os + s_n + s),
            prob_short: acc.short[s] as f64 / n,
            prob_hit_given_short: (acc.short[s] > 0)
                .then(|| acc.short_hits[s] as f64 / acc.short[s] as f64),
        })
        .collect();
    let oc = os + 2 * s_n;
    let compensation = sc
        .uncertainty
        .compensation
        .iter()
        .enumerate()
        .map(|(r, c)| CompensationSummary {
            id: c.id.clone(),
            enabled: c.enabled,
            added_mean: mean(oc + r),
        })
        .collect();
    let mut rank_correlations = Vec::new();
    if let Some(c) = &sc.uncertainty.correlation {
        acc.ranks.sort_by_key(|(p, _)| *p);
        // each column ranked once, then paired
        let ranked: Vec<Vec<f64>> = (0..c.inputs.len())
            .map(|j| rank(&acc.ranks.iter().map(|(_, v)| v[j]).collect::<Vec<f64>>()))
            .collect();
        for a in 0..c.inputs.len() {
            for b in a + 1..c.inputs.len() {
                rank_correlations.push(RankCorrelation {
                    a: sc.uncertainty.inputs[c.inputs[a]].name.clone(),
                    b: sc.uncertainty.inputs[c.inputs[b]].name.clone(),
                    target: c.matrix[a][b],
                    requested: c.requested[a][b],
                    repaired_distance: c.repaired_distance,
                    expected: 6.0 / std::f64::consts::PI * (c.matrix[a][b] / 2.0).asin(),
                    achieved: pearson(&ranked[a], &ranked[b]),
                });
            }
        }
    }
    Ok(Summary {
        scenario: sc.meta.name.clone(),
        scenario_hash: sc.content_hash.clone(),
        seed: cfg.seed,
        paths: acc.n + acc.invalid,
        sampler: cfg.sampler,
        target: sc.meta.target_growth,
        prob_hit: p,
        prob_hit_se: (p * (1.0 - p) / n).sqrt(),
        prob_hit_ci95: [lo, hi],
        prob_above: acc.above as f64 / n,
        cagr: Percentiles::of(&acc.cagr, mean(0)),
        cagr_distribution: {
            let lo = acc.cagr.quantile(0.001).unwrap_or(0.0);
            let hi = acc.cagr.quantile(0.999).unwrap_or(0.0);
            let bins = 120;
            Distribution {
                lo,
                width: (hi - lo) / bins as f64,
                counts: acc.cagr.rebin(lo, hi, bins),
            }
        },
        years: (0..t_n)
            .map(|t| YearSummary {
                year: sc.meta.years[t],
                growth: Percentiles::of(&acc.years[t], mean(1 + t)),
                prob_hit: acc.year_hits[t] as f64 / n,
                grdp_per_capita_usd: Percentiles::of(&acc.pc_years[t], mean(n_sums(sc) - t_n + t)),
            })
            .collect(),
        grdp_end: Percentiles::of(&acc.grdp_end, mean(o)),
        grdp_end_usd: Percentiles::of(&acc.grdp_end_usd, mean(o + 1)),
        grdp_per_capita_usd_end: Percentiles::of(&acc.pc_usd, mean(o + 2)),
        prob_per_capita_target: sc
            .targets
            .grdp_per_capita_usd
            .map(|_| acc.pc_hits as f64 / n),
        tfp_share: Percentiles::of(&acc.tfp_share, mean(o + 3)),
        investment_total: Percentiles::of(&acc.inv_total, mean(o + 4)),
        funding,
        compensation,
        rank_correlations,
        invalid_paths: acc.invalid,
        first_invalid: acc.first_invalid.map(|(p, why)| format!("path {p}: {why}")),
        deterministic,
        funding_curve: acc.curve.points(),
        convergence: convergence(&mut acc.chunk_hits),
        milestones: super::milestones::results(sc, &acc.milestone_hits, acc.n),
        prob_all_milestones: (!sc.milestones.is_empty())
            .then(|| acc.all_milestones as f64 / acc.n as f64),
        precision: cfg.precision.map(|w| PrecisionStop {
            target_width: w,
            checked_every: super::run::PRECISION_ROUND * CHUNK,
            met: acc.stopped_at.is_some(),
            stopped_at: acc.stopped_at.unwrap_or(cfg.paths),
        }),
    })
}
