//! `POST /api/evaluate`: the levers set on a served scenario, P(hit) with its interval, the
//! paired difference from the scenario as written (the same paths: the effect of the levers,
//! not noise), the average growth's percentiles and the report's charts as SVG.
//!
//! Without `paths`, the number of paths is chosen so that the answer takes about the
//! server's time budget, from what earlier evaluations of the scenario cost. A new request
//! from the same client (`X-Client-Id`) cancels the one still computing.

use super::{AppState, Served};
use crate::analysis::compare::{self, CompareConfig, CompareError};
use crate::analysis::levers::Lever;
use crate::montecarlo::{self, Cancel, RunConfig, RunError, Sampler, Summary};
use crate::report::{Lang, charts, msg, msgf};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Most paths one request may ask for.
pub const MAX_PATHS: u64 = 1_000_000;
/// Fewest paths an evaluation sized by the time budget uses.
pub const MIN_AUTO_PATHS: u64 = 4_000;
/// Most paths an evaluation sized by the time budget uses.
pub const MAX_AUTO_PATHS: u64 = 200_000;
/// Most levers one request may set.
pub const MAX_LEVERS: usize = 64;
/// Evaluations waiting per worker beyond which a request is turned away (503) rather than
/// queued: the wait would outlast any use of the answer.
pub const MAX_WAITING_PER_WORKER: usize = 16;
/// Seed when the request gives none (the command line's default).
pub const DEFAULT_SEED: u64 = 20_260_101;
/// Seconds per path and pass assumed before a scenario has been evaluated.
const FIRST_COST: f64 = 4e-6;

/// The body of `POST /api/evaluate`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Request {
    /// Served scenario (file stem).
    pub scenario: String,
    /// Lever path → value (as `sweep --list` names them; rates as fractions).
    #[serde(default)]
    pub levers: BTreeMap<String, f64>,
    /// Paths; without it, as many as the time budget allows.
    pub paths: Option<u64>,
    /// Seed of the random streams.
    pub seed: Option<u64>,
    /// Whether to draw the charts (default true).
    pub charts: Option<bool>,
}

/// An HTTP status and the message said with it.
pub(super) type Failed = (StatusCode, String);

/// Validates the request, waits for a free worker and computes the answer.
pub(super) async fn handle(
    st: &Arc<AppState>,
    served: &Arc<Served>,
    req: Request,
    client: Option<String>,
) -> Result<Value, Failed> {
    let l = st.lang;
    let bad = |m: String| (StatusCode::BAD_REQUEST, m);
    let settings = settings(l, served, &req.levers)?;
    let moved = !settings.is_empty();
    let _busy = Busy::enter(st);
    let paths = match req.paths {
        Some(p) if (1..=MAX_PATHS).contains(&p) => p,
        Some(p) => {
            let m = msgf(l, "serve_bad_paths", &[("found", &p), ("max", &MAX_PATHS)]);
            return Err(bad(m));
        }
        None => auto_paths(st, &served.name, moved),
    };
    let seed = req.seed.unwrap_or(DEFAULT_SEED);
    let draw = req.charts.unwrap_or(true);

    if st.busy.load(Ordering::Relaxed) > MAX_WAITING_PER_WORKER * st.workers {
        let m = msg(l, "serve_busy").to_string();
        return Err((StatusCode::SERVICE_UNAVAILABLE, m));
    }
    let cancel: Cancel = Arc::new(AtomicBool::new(false));
    // a client that goes away (the page aborts a request it no longer needs) drops this
    // future: the guard then stops the computation at its next round and forgets it
    let _entry = Entry::register(st, client, cancel.clone());
    let permit = st.permits.clone().acquire_owned().await.map_err(|_| {
        let m = msg(l, "serve_shutting_down").to_string();
        (StatusCode::SERVICE_UNAVAILABLE, m)
    })?;
    let started = Instant::now();
    let job = {
        let served = served.clone();
        let cancel = cancel.clone();
        // the worker is held until the computation ends, even if the client has gone
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            compute(&served, &settings, paths, seed, draw, l, &cancel)
        })
    };
    let out = job.await.map_err(|e| {
        let m = msgf(l, "serve_internal", &[("detail", &e)]);
        (StatusCode::INTERNAL_SERVER_ERROR, m)
    });
    let mut v = out??;
    let elapsed = started.elapsed().as_secs_f64();
    learn(st, &served.name, elapsed, paths, moved);
    v["elapsed_ms"] = json!((elapsed * 1000.0).round());
    v["budget_ms"] = json!(st.budget_ms);
    v["auto_paths"] = json!(req.paths.is_none());
    Ok(v)
}

/// The levers of a request, each checked against the scenario's list (400 with the path and
/// what is wrong otherwise).
pub(super) fn settings(
    l: Lang,
    served: &Served,
    levers: &BTreeMap<String, f64>,
) -> Result<Vec<(Lever, f64)>, Failed> {
    let bad = |m: String| (StatusCode::BAD_REQUEST, m);
    if levers.len() > MAX_LEVERS {
        return Err(bad(msgf(
            l,
            "serve_too_many_levers",
            &[("max", &MAX_LEVERS)],
        )));
    }
    let mut out = Vec::with_capacity(levers.len());
    let listed = &served.levers;
    for (path, v) in levers {
        let shown: String = path.chars().take(120).collect();
        let lever = Lever::parse(path).map_err(|e| bad(lever_error(l, &shown, &e)))?;
        let field = match &lever {
            Lever::Field(p) => p.field(),
            other => other.name(),
        };
        if !listed.iter().any(|f| f.path == field) {
            let near = crate::scenario::closest(&field, listed.iter().map(|f| f.path.as_str()));
            let m = msgf(
                l,
                "serve_unknown_lever",
                &[
                    ("path", &shown),
                    ("near", &near.unwrap_or("–")),
                    ("scenario", &served.name),
                ],
            );
            return Err(bad(m));
        }
        if !v.is_finite() {
            return Err(bad(lever_error(l, &shown, "not a number")));
        }
        out.push((lever, *v));
    }
    Ok(out)
}

/// The levers are known but their values make no valid scenario (the validator's message
/// names the field and the value).
pub(super) fn values_error(l: Lang, detail: &str) -> String {
    msgf(l, "serve_bad_values", &[("detail", &detail)])
}

pub(super) fn lever_error(l: Lang, path: &str, detail: &str) -> String {
    msgf(
        l,
        "serve_bad_lever",
        &[("path", &path), ("detail", &detail)],
    )
}

/// Passes over the paths an evaluation makes: one run, or two runs and their paired pass.
fn passes(moved: bool) -> f64 {
    if moved { 4.0 } else { 1.0 }
}

/// A computation in progress for a client: registering it cancels that client's previous
/// one; dropping it (done, or the client gone) sets its flag and forgets it.
struct Entry<'a> {
    st: &'a AppState,
    client: Option<String>,
    cancel: Cancel,
}

impl<'a> Entry<'a> {
    fn register(st: &'a AppState, client: Option<String>, cancel: Cancel) -> Self {
        if let Some(c) = &client {
            let mut clients = st.clients.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(old) = clients.insert(c.clone(), cancel.clone()) {
                old.store(true, Ordering::Relaxed);
            }
        }
        Entry { st, client, cancel }
    }
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(c) = &self.client {
            let mut clients = self.st.clients.lock().unwrap_or_else(|e| e.into_inner());
            if clients
                .get(c)
                .is_some_and(|now| Arc::ptr_eq(now, &self.cancel))
            {
                clients.remove(c);
            }
        }
    }
}

/// Counts an evaluation as running or waiting while it lives.
struct Busy<'a>(&'a AppState);

impl<'a> Busy<'a> {
    fn enter(st: &'a AppState) -> Self {
        st.busy.fetch_add(1, Ordering::Relaxed);
        Busy(st)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The paths that fit the time budget at the scenario's learnt cost, shared among the
/// evaluations running or waiting (under load each answer gets fewer paths and a wider
/// interval, not a longer wait).
fn auto_paths(st: &AppState, name: &str, moved: bool) -> u64 {
    let cost = st
        .cost
        .lock()
        .map(|c| c.get(name).copied().unwrap_or(FIRST_COST))
        .unwrap_or(FIRST_COST);
    let queue = st.busy.load(Ordering::Relaxed).max(st.workers) as f64 / st.workers as f64;
    let fit = st.budget_ms as f64 / 1000.0 / (cost * passes(moved) * queue);
    let p = (fit as u64).clamp(MIN_AUTO_PATHS, MAX_AUTO_PATHS);
    p - p % 1000
}

/// Updates the scenario's cost per path and pass (a moving average of the last evaluations).
fn learn(st: &AppState, name: &str, seconds: f64, paths: u64, moved: bool) {
    let now = seconds / (paths as f64 * passes(moved));
    if let Ok(mut c) = st.cost.lock() {
        let e = c.entry(name.to_string()).or_insert(now);
        *e = 0.6 * *e + 0.4 * now;
    }
}

/// The evaluation itself (on a blocking thread; the Monte Carlo uses rayon's pool).
fn compute(
    served: &Served,
    settings: &[(Lever, f64)],
    paths: u64,
    seed: u64,
    draw: bool,
    l: Lang,
    cancel: &Cancel,
) -> Result<Value, Failed> {
    let base = &served.base;
    let sc = base
        .at(settings)
        .map_err(|e| (StatusCode::BAD_REQUEST, values_error(l, &e)))?;
    let run_failed = |e: RunError| match e {
        RunError::Interrupted { .. } => {
            let m = msg(l, "serve_superseded").to_string();
            (StatusCode::CONFLICT, m)
        }
        e => {
            let m = msgf(l, "serve_run_failed", &[("detail", &e)]);
            (StatusCode::UNPROCESSABLE_ENTITY, m)
        }
    };
    let (s, base_prob, diff, diff_ci): (Summary, f64, f64, [f64; 2]) = if settings.is_empty() {
        let cfg = RunConfig {
            cancel: Some(cancel.clone()),
            ..RunConfig::new(paths, seed, Sampler::Mc)
        };
        let s = montecarlo::run(&sc, &cfg).map_err(run_failed)?;
        let p = s.prob_hit;
        (s, p, 0.0, [0.0, 0.0])
    } else {
        let cfg = CompareConfig {
            paths,
            seed,
            sampler: Sampler::Mc,
            progress: false,
        };
        let pair = [base.scenario.clone(), sc.clone()];
        let c = compare::compare_or_cancel(&pair, &cfg, Some(cancel)).map_err(|e| match e {
            CompareError::Run { error, .. } => run_failed(error),
            e => {
                let m = msgf(l, "serve_run_failed", &[("detail", &e)]);
                (StatusCode::UNPROCESSABLE_ENTITY, m)
            }
        })?;
        let d = c
            .pair(0, 1)
            .map_or((0.0, [0.0, 0.0]), |d| (d.diff, d.diff_ci95));
        let mut scenarios = c.scenarios.into_iter();
        let a = scenarios.next().map_or(f64::NAN, |r| r.summary.prob_hit);
        let b = scenarios.next().map(|r| r.summary);
        let Some(b) = b else {
            let m = msgf(l, "serve_internal", &[("detail", &"no second summary")]);
            return Err((StatusCode::INTERNAL_SERVER_ERROR, m));
        };
        (b, a, d.0, d.1)
    };
    let mut charts_json = serde_json::Map::new();
    if draw {
        charts::svg_only(|| {
            for chart in [
                charts::fan_growth(&sc, &s, l),
                charts::cagr_distribution(&sc, &s, l),
                charts::funding(&sc, &s, l),
            ]
            .into_iter()
            .flatten()
            {
                let svg = crate::report::render::markup::inline_svg(&chart.svg);
                charts_json.insert(chart.name.to_string(), Value::String(svg));
            }
        });
    }
    let levers: BTreeMap<String, f64> = settings.iter().map(|(k, v)| (k.name(), *v)).collect();
    Ok(json!({
        "scenario": served.name,
        "levers": levers,
        "paths": s.paths,
        "seed": seed,
        "sampler": "mc",
        "target": s.target,
        "prob_hit": s.prob_hit,
        "prob_hit_ci95": s.prob_hit_ci95,
        "prob_hit_se": s.prob_hit_se,
        "base_prob_hit": base_prob,
        "diff_vs_base": diff,
        "diff_ci95": diff_ci,
        "cagr": s.cagr,
        "investment_total": s.investment_total,
        "invalid_paths": s.invalid_paths,
        "charts": charts_json,
    }))
}
