//! Sensitivity of a scenario's outcome to its uncertain inputs: a tornado of P(hit) and median
//! CAGR with each input held at its P10 and P90, and Sobol indices of the CAGR.
//!
//! Groups: each uncertain input (its per-path level and its yearly shocks together), plus one
//! group "project delays" for all `[[uncertainty.events]]` when there are any.
//!
//! **Tornado.** A baseline run with nothing held, then for each group two runs with the same
//! seed and paths (common random numbers, so differences are paired): the input's level held
//! at its P10 and at its P90 (its yearly shocks and every other input still drawn, correlated
//! partners from their own distributions), or every project's delay D held at its P10 and P90,
//! where D = 0 with probability 1 − p and otherwise the rounded delay-years distribution L:
//! Q_D(q) = 0 if q ≤ 1 − p, else round(Q_L((q − (1 − p))/p)).
//!
//! **Sobol.** N rows of two independent samples A (path j of the seed) and B (path
//! [`B_STREAM`] + j, a separate set of streams) of the paths' independent variates; AB_i is A
//! with group i's variates taken from B. Each row needs k + 2 simulations; a row is dropped when
//! any of them is invalid. Indices from [`super::sobol::estimate`]. The variates are the
//! uniforms of the levels and the normal scores of the shocks and delays *before* the Gaussian
//! copula: with correlated inputs the indices are over the independent underlying normals
//! z_1…z_m, which the copula turns into correlated scores by the lower Cholesky factor
//! (z'_r = Σ_{c≤r} L_rc z_c). A correlated input's index therefore includes what its own
//! normal drives in the partners after it in the matrix order; the last in the order keeps only
//! its own, unshared part.
//!
//! Everything is bit-identical for any number of threads: runs aggregate integer counts, Sobol
//! rows are computed independently and concatenated in row order.

use super::sobol::{self, SobolError};
use crate::montecarlo::{self, Hold, PathEval, RunConfig, RunError, STOP, Sampler, Variates};
use crate::scenario::Scenario;
use crate::scenario::uncertainty::{Apply, Target};
use rayon::prelude::*;

mod result;
pub use result::{
    Group, GroupKind, LevelUnit, Sensitivity, SobolGroup, SobolResult, Tornado, TornadoBar,
    TornadoEnd,
};

/// Stream offset of the Sobol B sample: row j of B is path `B_STREAM + j` of the seed, never a
/// path of A or of a run (those stay below 2⁴⁰).
pub const B_STREAM: u64 = 1 << 41;

/// Quantile at which the low end of a tornado bar holds its input.
pub const LOW: f64 = 0.10;
/// Quantile at which the high end of a tornado bar holds its input.
pub const HIGH: f64 = 0.90;

/// Rows per parallel task of the Sobol design.
const ROW_CHUNK: usize = 256;
/// Tasks between two checks of Ctrl-C.
const ROUND: usize = 16;

/// How to run the analysis.
#[derive(Debug, Clone)]
pub struct SensitivityConfig {
    /// Seed of every stream.
    pub seed: u64,
    /// Paths of each tornado run.
    pub paths: u64,
    /// Rows N of the Sobol design (each costs k + 2 simulations).
    pub rows: usize,
    /// Bootstrap resamples for the Sobol intervals.
    pub bootstrap: usize,
    /// Print progress on stderr when it is a terminal.
    pub progress: bool,
}

impl Default for SensitivityConfig {
    fn default() -> Self {
        SensitivityConfig {
            seed: 20260101,
            paths: 50_000,
            rows: 8192,
            bootstrap: 500,
            progress: false,
        }
    }
}

/// Why the analysis stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum SensitivityError {
    /// The scenario has nothing uncertain.
    NoUncertainty,
    /// A Monte Carlo run failed (impossible central inputs, all paths invalid, Ctrl-C).
    Run(RunError),
    /// The Sobol indices could not be estimated.
    Sobol(SobolError),
}

impl std::fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SensitivityError::NoUncertainty => f.write_str(
                "the scenario has no uncertain input and no project event ([uncertainty] section): nothing to analyse",
            ),
            SensitivityError::Run(e) => write!(f, "{e}"),
            SensitivityError::Sobol(e) => write!(f, "Sobol indices: {e}"),
        }
    }
}

impl std::error::Error for SensitivityError {}

impl From<RunError> for SensitivityError {
    fn from(e: RunError) -> Self {
        SensitivityError::Run(e)
    }
}

/// (Vietnamese, English) name of an uncertain input by what it draws ("Tăng trưởng TFP",
/// "Thực hiện: Đầu tư công").
pub(crate) fn input_label(sc: &Scenario, t: Target) -> (String, String) {
    let (vi, en) = match t {
        Target::TfpGrowth => ("Tăng trưởng TFP", "TFP growth"),
        Target::DeflatorGrowth => ("Tăng chỉ số giảm phát", "Deflator growth"),
        Target::ExchangeRate => ("Tỷ giá", "Exchange rate"),
        Target::Employment => ("Lao động", "Employment"),
        Target::Depreciation => ("Khấu hao δ", "Depreciation δ"),
        Target::CapitalOutputRatio => ("K/Y năm gốc", "Base-year K/Y"),
        Target::CapitalShare => ("Tỷ phần vốn α", "Capital share α"),
        Target::Icor => ("ICOR", "ICOR"),
        Target::Source(s) => {
            let src = sc.sources.get(s);
            return (
                format!("Thực hiện: {}", src.map_or("?", |s| s.label_vi.as_str())),
                format!("Realisation: {}", src.map_or("?", |s| s.label_en.as_str())),
            );
        }
    };
    (vi.to_string(), en.to_string())
}

fn level_unit(t: Target, a: Apply) -> LevelUnit {
    let rate = matches!(
        t,
        Target::TfpGrowth | Target::DeflatorGrowth | Target::Depreciation | Target::CapitalShare
    );
    match (a, t) {
        (Apply::Multiply, Target::Source(_)) | (Apply::Replace, Target::Source(_)) => {
            LevelUnit::ShareOfPlan
        }
        (Apply::Multiply, _) => LevelUnit::Factor,
        (Apply::Add, Target::Source(_)) => LevelUnit::PointsAdded,
        (Apply::Add, _) if rate => LevelUnit::PointsAdded,
        (Apply::Add, _) => LevelUnit::NumberAdded,
        (Apply::Replace, _) if rate => LevelUnit::Rate,
        (Apply::Replace, Target::CapitalOutputRatio | Target::Icor) => LevelUnit::Ratio,
        (Apply::Replace, _) => LevelUnit::Number,
    }
}

/// The groups of `sc`: each uncertain input (in input order), then the project delays.
pub fn groups(sc: &Scenario) -> Vec<Group> {
    let unc = &sc.uncertainty;
    let pos = |i: usize| {
        unc.correlation
            .as_ref()
            .and_then(|c| c.inputs.iter().position(|&j| j == i))
    };
    let mut out: Vec<Group> = unc
        .inputs
        .iter()
        .enumerate()
        .map(|(i, inp)| {
            let (label_vi, label_en) = input_label(sc, inp.target);
            Group {
                id: inp.name.clone(),
                label_vi,
                label_en,
                kind: GroupKind::Input(i),
                unit: level_unit(inp.target, inp.apply),
                members: vec![inp.name.clone()],
                fixed_level: inp.level.is_degenerate(),
                copula_position: pos(i),
            }
        })
        .collect();
    if !unc.events.is_empty() {
        let n = unc.events.len();
        out.push(Group {
            id: "project_delays".into(),
            label_vi: format!("Chậm tiến độ dự án ({n} dự án)"),
            label_en: format!("Project delays ({n} projects)"),
            kind: GroupKind::Delays,
            unit: LevelUnit::Years,
            members: unc.events.iter().map(|e| e.id.clone()).collect(),
            fixed_level: unc.events.iter().all(|e| e.delay_probability <= 0.0),
            copula_position: None,
        });
    }
    out
}

/// The q-quantile of event `j`'s delay D in whole years: 0 with probability 1 − p, otherwise
/// the delay-years distribution rounded and clamped to the horizon as the draw does.
pub fn delay_quantile(sc: &Scenario, j: usize, q: f64) -> usize {
    let n = sc.horizon();
    let Some(ev) = sc.uncertainty.events.get(j) else {
        return 0;
    };
    let p = ev.delay_probability;
    if p.is_nan() || p <= 0.0 || q <= 1.0 - p {
        return 0;
    }
    ev.delay_years
        .quantile((q - (1.0 - p)) / p)
        .round()
        .clamp(0.0, n as f64) as usize
}

fn empty_hold(sc: &Scenario) -> Hold {
    Hold {
        level: vec![None; sc.uncertainty.inputs.len()],
        delay: vec![None; sc.uncertainty.events.len()],
    }
}

/// The tornado of `sc`: a baseline and, for each group, runs with it held at P10 and P90.
///
/// # Errors
/// As [`montecarlo::run_held`].
pub fn tornado(
    sc: &Scenario,
    groups: &[Group],
    cfg: &SensitivityConfig,
) -> Result<Tornado, RunError> {
    let rc = RunConfig::new(cfg.paths, cfg.seed, Sampler::Mc);
    let runs = 1 + 2 * groups.iter().filter(|g| !g.fixed_level).count();
    let mut done = 0;
    // progress is counted in paths by the runs themselves (montecarlo::progress)
    let tick = |done: &mut usize| {
        *done += 1;
        debug_assert!(*done <= runs);
    };
    let baseline = montecarlo::run_held(sc, &rc, &empty_hold(sc))?;
    tick(&mut done);
    let mut bars = Vec::with_capacity(groups.len());
    for (g, group) in groups.iter().enumerate() {
        let end = |q: f64, done: &mut usize| -> Result<TornadoEnd, RunError> {
            let mut hold = empty_hold(sc);
            let (level, delays) = match group.kind {
                GroupKind::Input(i) => {
                    let v = sc.uncertainty.inputs[i].level.quantile(q);
                    hold.level[i] = Some(q);
                    (Some(v), None)
                }
                GroupKind::Delays => {
                    let d: Vec<usize> = (0..sc.uncertainty.events.len())
                        .map(|j| delay_quantile(sc, j, q))
                        .collect();
                    hold.delay = d.iter().map(|&x| Some(x)).collect();
                    (None, Some(d))
                }
            };
            // a certain level held anywhere is the level every path draws: the baseline
            let run = if group.fixed_level {
                baseline.clone()
            } else {
                let r = montecarlo::run_held(sc, &rc, &hold)?;
                tick(done);
                r
            };
            Ok(TornadoEnd {
                quantile: q,
                level,
                delays,
                run,
            })
        };
        let low = end(LOW, &mut done)?;
        let high = end(HIGH, &mut done)?;
        bars.push(TornadoBar {
            group: g,
            id: group.id.clone(),
            swing_prob_hit: (high.run.prob_hit - low.run.prob_hit).abs(),
            swing_cagr_p50: (high.run.cagr_p50 - low.run.cagr_p50).abs(),
            low,
            high,
        });
    }
    bars.sort_by(|a, b| {
        b.swing_prob_hit
            .total_cmp(&a.swing_prob_hit)
            .then(b.swing_cagr_p50.total_cmp(&a.swing_cagr_p50))
            .then(a.group.cmp(&b.group))
    });
    let mut order_by_cagr: Vec<usize> = (0..bars.len()).collect();
    order_by_cagr.sort_by(|&a, &b| {
        bars[b]
            .swing_cagr_p50
            .total_cmp(&bars[a].swing_cagr_p50)
            .then(a.cmp(&b))
    });
    Ok(Tornado {
        paths: cfg.paths,
        baseline,
        bars,
        order_by_cagr,
    })
}

/// Outputs of one Sobol row: fA, fB, fAB per group, or why it is dropped.
type Row = Result<(f64, f64, Vec<f64>), String>;

/// Copies group `g`'s variates from `b` into `mix` (which holds A's).
fn take_group(sc: &Scenario, g: GroupKind, b: &Variates, mix: &mut Variates) {
    let n = sc.horizon();
    match g {
        GroupKind::Input(i) => {
            mix.level[i] = b.level[i];
            mix.shock[i * n..(i + 1) * n].copy_from_slice(&b.shock[i * n..(i + 1) * n]);
        }
        GroupKind::Delays => mix.event.copy_from_slice(&b.event),
    }
}

fn evaluate(sc: &Scenario, ev: &mut PathEval, v: &Variates) -> Result<f64, String> {
    ev.scratch.v.level.clone_from(&v.level);
    ev.scratch.v.shock.clone_from(&v.shock);
    ev.scratch.v.event.clone_from(&v.event);
    montecarlo::apply(sc, &mut ev.x, &mut ev.scratch, None);
    ev.simulate(sc)?;
    Ok(ev.out.cagr)
}

fn sobol_row(
    sc: &Scenario,
    kinds: &[GroupKind],
    seed: u64,
    j: usize,
    ev: &mut PathEval,
    buf: &mut [Variates; 3],
) -> Row {
    let [a, b, mix] = buf;
    montecarlo::variates(sc, seed, j as u64, Sampler::Mc, &mut ev.scratch);
    a.clone_from(&ev.scratch.v);
    montecarlo::variates(sc, seed, B_STREAM + j as u64, Sampler::Mc, &mut ev.scratch);
    b.clone_from(&ev.scratch.v);
    let fa = evaluate(sc, ev, a).map_err(|e| format!("A: {e}"))?;
    let fb = evaluate(sc, ev, b).map_err(|e| format!("B: {e}"))?;
    let mut fab = Vec::with_capacity(kinds.len());
    for &g in kinds {
        mix.clone_from(a);
        take_group(sc, g, b, mix);
        fab.push(evaluate(sc, ev, mix).map_err(|e| format!("AB: {e}"))?);
    }
    Ok((fa, fb, fab))
}

/// The Sobol indices of the CAGR over `groups`.
///
/// # Errors
/// [`SensitivityError::Run`] on Ctrl-C, [`SensitivityError::Sobol`] when the indices cannot
/// be estimated (too few valid rows, an output that does not vary).
pub fn sobol(
    sc: &Scenario,
    groups: &[Group],
    cfg: &SensitivityConfig,
) -> Result<SobolResult, SensitivityError> {
    let kinds: Vec<GroupKind> = groups.iter().map(|g| g.kind).collect();
    let k = kinds.len();
    let tasks = cfg.rows.div_ceil(ROW_CHUNK);
    let mut rows: Vec<Row> = Vec::with_capacity(cfg.rows);
    let mut done = 0;
    while done < tasks {
        if STOP.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(RunError::Interrupted {
                paths_done: (rows.len() * (k + 2)) as u64,
            }
            .into());
        }
        let end = (done + ROUND).min(tasks);
        let part: Vec<Vec<Row>> = (done..end)
            .into_par_iter()
            .map(|c| {
                let mut ev = PathEval::new(sc);
                let mut buf: [Variates; 3] = Default::default();
                let rows: Vec<Row> = (c * ROW_CHUNK..cfg.rows.min((c + 1) * ROW_CHUNK))
                    .map(|j| sobol_row(sc, &kinds, cfg.seed, j, &mut ev, &mut buf))
                    .collect();
                montecarlo::progress::add(rows.len() as u64 * (k as u64 + 2));
                rows
            })
            .collect();
        rows.extend(part.into_iter().flatten());
        done = end;
    }
    let (mut fa, mut fb) = (
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
    );
    let mut fab = vec![Vec::with_capacity(rows.len()); k];
    let mut dropped = 0;
    let mut first_dropped = None;
    for (j, r) in rows.into_iter().enumerate() {
        match r {
            Ok((a, b, ab)) => {
                fa.push(a);
                fb.push(b);
                for (g, v) in fab.iter_mut().zip(ab) {
                    g.push(v);
                }
            }
            Err(why) => {
                dropped += 1;
                if first_dropped.is_none() {
                    first_dropped = Some(format!("row {j}: {why}"));
                }
            }
        }
    }
    let ind = sobol::estimate(&fa, &fb, &fab, cfg.bootstrap, cfg.seed)
        .map_err(SensitivityError::Sobol)?;
    let sg: Vec<SobolGroup> = groups
        .iter()
        .enumerate()
        .map(|(g, grp)| SobolGroup {
            group: g,
            id: grp.id.clone(),
            first: ind.first[g],
            total: ind.total[g],
        })
        .collect();
    let mut order_by_total: Vec<usize> = (0..sg.len()).collect();
    order_by_total.sort_by(|&a, &b| {
        sg[b]
            .total
            .estimate
            .total_cmp(&sg[a].total.estimate)
            .then(a.cmp(&b))
    });
    let correlated = sc.uncertainty.correlation.is_some();
    let (basis_vi, basis_en) = basis_text(sc);
    Ok(SobolResult {
        output: "cagr",
        rows_requested: cfg.rows,
        rows_used: fa.len(),
        rows_dropped: dropped,
        first_dropped,
        evaluations: (cfg.rows * (k + 2)) as u64,
        bootstrap: cfg.bootstrap,
        b_stream: B_STREAM,
        mean: ind.mean,
        variance: ind.variance,
        groups: sg,
        sum_first: ind.sum_first,
        order_by_total,
        basis: if correlated {
            "independent_underlying_normals"
        } else {
            "independent_inputs"
        },
        basis_vi,
        basis_en,
    })
}

/// What the indices are over, in words (vi, en), naming the copula order of `sc`.
pub fn basis_text(sc: &Scenario) -> (String, String) {
    let Some(c) = &sc.uncertainty.correlation else {
        return (
            "Các đầu vào không tương quan: mỗi chỉ số là của chính đầu vào đó (mức và cú sốc hằng năm)."
                .into(),
            "The inputs are uncorrelated: each index belongs to the input itself (its level and yearly shocks)."
                .into(),
        );
    };
    let order: Vec<&str> = c
        .inputs
        .iter()
        .map(|&i| sc.uncertainty.inputs[i].name.as_str())
        .collect();
    let order = order.join(" → ");
    (
        format!(
            "Có đầu vào tương quan (copula Gauss), nên các chỉ số Sobol được tính trên các biến chuẩn độc lập nằm dưới copula, không trên chính các đầu vào. \
Copula tạo điểm tương quan bằng thừa số Cholesky dưới theo thứ tự ma trận ({order}): biến chuẩn của một đầu vào cũng điều khiển phần tương quan của các đầu vào đứng sau nó. \
Vì vậy chỉ số của một đầu vào tương quan gồm cả ảnh hưởng nó truyền sang các đầu vào đó; đầu vào đứng cuối chỉ giữ phần riêng của mình. Đổi thứ tự ma trận sẽ chia lại phần chung."
        ),
        format!(
            "Some inputs are correlated (Gaussian copula), so the Sobol indices are computed over the independent underlying normals of the copula, not over the inputs themselves. \
The copula builds the correlated scores with the lower Cholesky factor in the matrix order ({order}): an input's own normal also drives the correlated part of every input after it. \
A correlated input's index therefore includes what it drives in those partners; the last in the order keeps only its own, unshared part. Reordering the matrix would share the common part out differently."
        ),
    )
}

/// Runs the tornado and the Sobol indices of `sc`.
///
/// # Errors
/// [`SensitivityError::NoUncertainty`] when nothing is uncertain; otherwise as [`tornado`] and
/// [`sobol()`].
pub fn analyse(sc: &Scenario, cfg: &SensitivityConfig) -> Result<Sensitivity, SensitivityError> {
    if sc.uncertainty.inputs.is_empty() && sc.uncertainty.events.is_empty() {
        return Err(SensitivityError::NoUncertainty);
    }
    let groups = groups(sc);
    let tornado = tornado(sc, &groups, cfg)?;
    let sobol = sobol(sc, &groups, cfg)?;
    Ok(Sensitivity {
        scenario: sc.meta.name.clone(),
        scenario_hash: sc.content_hash.clone(),
        seed: cfg.seed,
        target: sc.meta.target_growth,
        copula_order: sc
            .uncertainty
            .correlation
            .as_ref()
            .map(|c| {
                c.inputs
                    .iter()
                    .map(|&i| sc.uncertainty.inputs[i].name.clone())
                    .collect()
            })
            .unwrap_or_default(),
        groups,
        tornado,
        sobol,
    })
}

#[cfg(test)]
mod tests;
