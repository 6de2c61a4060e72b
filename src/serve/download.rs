//! The page's two downloads. `POST /api/scenario-file`: a small TOML file that `extends` the
//! served scenario and sets the moved levers (the virtual ones written as each source's
//! realisation per year), which `grdpsim validate` and `grdpsim run` read as they read any
//! scenario. `POST /api/report`: the HTML page or the workbook of `grdpsim run` with the
//! current settings, on the paths and seed the page shows.

use super::api::{JsonBody, error, find};
use super::evaluate::{DEFAULT_SEED, Failed, MAX_PATHS, settings, values_error};
use super::{AppState, Served};
use crate::analysis::levers::Lever;
use crate::montecarlo::{self, RunConfig, Sampler};
use crate::report::{Formats, Lang, msg, msgf};
use crate::scenario::edit::{Edit, FieldPath};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The body of both downloads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Request {
    scenario: String,
    #[serde(default)]
    levers: BTreeMap<String, f64>,
    paths: Option<u64>,
    seed: Option<u64>,
    /// `html` (default) or `xlsx` for the report.
    format: Option<String>,
}

fn attachment(content_type: &'static str, file: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{file}\"");
    let mut r = (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response();
    if let Ok(v) = disposition.parse() {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The edits that give the scenario with `settings`: field levers as they are, then every
/// source a virtual lever moved written as its central realisation year by year.
fn edits(served: &Served, settings: &[(Lever, f64)], l: Lang) -> Result<Vec<Edit>, Failed> {
    let base = &served.base;
    let sc = base
        .at(settings)
        .map_err(|e| (StatusCode::BAD_REQUEST, values_error(l, &e)))?;
    let mut out = Vec::new();
    let mut sources: Vec<usize> = Vec::new();
    for (lever, v) in settings {
        match lever {
            Lever::Field(p) => out.push(Edit {
                path: p.clone(),
                value: *v,
            }),
            Lever::FundingScale => sources.extend(0..sc.sources.len()),
            Lever::RealisedTotal(id) => sources.extend(sc.source_index(id)),
        }
    }
    sources.sort_unstable();
    sources.dedup();
    let n = sc.horizon();
    for s in sources {
        for (t, year) in sc.meta.years.iter().enumerate() {
            let text = format!("sources.{}.realisation[{year}]", sc.sources[s].id);
            let path = FieldPath::parse(&text)
                .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            out.push(Edit {
                path,
                value: sc.central.realisation[s * n + t],
            });
        }
    }
    Ok(out)
}

/// `POST /api/scenario-file`.
pub(super) async fn scenario_file(
    State(st): State<Arc<AppState>>,
    JsonBody(req): JsonBody<Request>,
) -> Response {
    scenario_file_of(&st, &req).unwrap_or_else(|r| r)
}

/// `POST /api/report`.
pub(super) async fn report(
    State(st): State<Arc<AppState>>,
    JsonBody(req): JsonBody<Request>,
) -> Response {
    report_of(&st, req).await.unwrap_or_else(|r| r)
}

/// A what-if scenario file that `extends` the served one and sets the levers moved.
fn scenario_file_of(st: &AppState, req: &Request) -> Result<Response, Response> {
    let l = st.lang;
    let served = find(st, &req.scenario)?;
    let fail = |(status, m): Failed| error(status, m);
    let settings = settings(l, &served, &req.levers).map_err(fail)?;
    let edits = edits(&served, &settings, l).map_err(fail)?;
    let moved: Vec<String> = settings
        .iter()
        .map(|(k, v)| format!("{} = {v}", k.name()))
        .collect();
    let moved = moved.join(", ");
    let sc = &served.base.scenario;
    let name = format!("{}-whatif", served.name);
    let vi = format!("{} — giả định: {moved}", sc.meta.title_vi);
    let en = format!("{} — what-if: {moved}", sc.meta.title_en);
    let file = served
        .base
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    let header = msgf(
        l,
        "serve_saved_header",
        &[("levers", &moved), ("file", &file.unwrap_or_default())],
    );
    let meta = [
        ("name", name.as_str()),
        ("title_vi", &vi),
        ("title_en", &en),
    ];
    let text = crate::scenario::edit::child_file(&served.base.path, &edits, &meta, &header)
        .map_err(|e| error(StatusCode::BAD_REQUEST, values_error(l, &e)))?;
    Ok(attachment(
        "application/toml; charset=utf-8",
        &format!("{name}.toml"),
        text.into_bytes(),
    ))
}

/// The HTML page or the workbook of `run` with the levers moved, on the paths and seed given.
async fn report_of(st: &AppState, req: Request) -> Result<Response, Response> {
    let l = st.lang;
    let served = find(st, &req.scenario)?;
    let (format, file) = match req.format.as_deref().unwrap_or("html") {
        "html" => ("html", "report.html"),
        "xlsx" => ("xlsx", "report.xlsx"),
        other => {
            let m = msgf(l, "serve_bad_format", &[("found", &other)]);
            return Err(error(StatusCode::BAD_REQUEST, m));
        }
    };
    let settings = settings(l, &served, &req.levers).map_err(|(status, m)| error(status, m))?;
    let paths = req.paths.unwrap_or(20_000);
    if !(1..=MAX_PATHS).contains(&paths) {
        let m = msgf(
            l,
            "serve_bad_paths",
            &[("found", &paths), ("max", &MAX_PATHS)],
        );
        return Err(error(StatusCode::BAD_REQUEST, m));
    }
    let seed = req.seed.unwrap_or(DEFAULT_SEED);
    let Ok(permit) = st.permits.clone().acquire_owned().await else {
        return Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            msg(l, "serve_shutting_down").into(),
        ));
    };
    let job = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, Failed> {
        let _permit = permit;
        let sc = served
            .base
            .at(&settings)
            .map_err(|e| (StatusCode::BAD_REQUEST, values_error(l, &e)))?;
        let failed = |e: String| {
            let m = msgf(l, "serve_run_failed", &[("detail", &e)]);
            (StatusCode::UNPROCESSABLE_ENTITY, m)
        };
        let cfg = RunConfig::new(paths, seed, Sampler::Mc);
        let s = montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES)
            .map_err(|e| failed(e.to_string()))?;
        let formats: Formats = format.parse().map_err(failed)?;
        let set = crate::report::summary_outputs(&sc, &s, formats, l).map_err(failed)?;
        set.file(file)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| failed(format!("{file} was not made")))
    });
    match job.await {
        Ok(Ok(bytes)) => {
            let kind = if format == "html" {
                "text/html; charset=utf-8"
            } else {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            };
            Ok(attachment(kind, file, bytes))
        }
        Ok(Err((status, m))) => Err(error(status, m)),
        Err(e) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            msgf(l, "serve_internal", &[("detail", &e)]),
        )),
    }
}
