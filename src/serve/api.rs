//! The JSON API the page uses (and tests and other tools can):
//! `GET /api/scenarios`, `GET /api/levers?scenario=NAME`, `POST /api/evaluate`. Every error
//! is a 4xx or 5xx with `{"error": "…"}` in the server's language.

use super::evaluate::{self, Request as EvalRequest};
use super::{AppState, MAX_BODY, Served, controls, download, guard, page};
use crate::analysis::lever_names::lever_names;
use crate::report::{msg, msgf};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

/// Every route, behind the host and origin checks and the body limit.
pub(super) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/api/scenarios", get(scenarios))
        .route("/api/levers", get(levers))
        .route("/api/evaluate", post(evaluate))
        .route("/api/scenario-file", post(download::scenario_file))
        .route("/api/report", post(download::report))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::check,
        ))
        .with_state(state)
}

/// An error response: `status` with `{"error": message}`.
pub(super) fn error(status: StatusCode, message: String) -> Response {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

/// A JSON request body of type `T`, refused with a message in the server's language when it
/// is over [`MAX_BODY`], cannot be read or is not a `T` (400, with serde's line and column).
pub(super) struct JsonBody<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest<Arc<AppState>> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(
        req: axum::extract::Request,
        st: &Arc<AppState>,
    ) -> Result<Self, Response> {
        let bad_json = |detail: &dyn std::fmt::Display| {
            let m = msgf(st.lang, "serve_bad_json", &[("detail", detail)]);
            error(StatusCode::BAD_REQUEST, m)
        };
        let bytes = Bytes::from_request(req, st).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                let m = msgf(st.lang, "serve_too_large", &[("max", &MAX_BODY)]);
                error(e.status(), m)
            } else {
                bad_json(&e.body_text())
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| bad_json(&e))
    }
}

async fn not_found(State(st): State<Arc<AppState>>) -> Response {
    error(
        StatusCode::NOT_FOUND,
        msg(st.lang, "serve_not_found").into(),
    )
}

/// One served scenario as `/api/scenarios` lists it.
#[derive(Serialize)]
struct ScenarioInfo<'a> {
    name: &'a str,
    title: &'a str,
    title_vi: &'a str,
    title_en: &'a str,
    first_year: i32,
    last_year: i32,
    target: f64,
    /// Whether the scenario has uncertain inputs (without, every path is the central one).
    uncertain: bool,
}

async fn scenarios(State(st): State<Arc<AppState>>) -> Response {
    let list: Vec<ScenarioInfo> = st
        .scenarios
        .values()
        .map(|s| {
            let sc = &s.base.scenario;
            ScenarioInfo {
                name: &s.name,
                title: st.lang.pick(&sc.meta.title_vi, &sc.meta.title_en),
                title_vi: &sc.meta.title_vi,
                title_en: &sc.meta.title_en,
                first_year: sc.meta.years.first().copied().unwrap_or_default(),
                last_year: sc.meta.years.last().copied().unwrap_or_default(),
                target: sc.meta.target_growth,
                uncertain: !sc.uncertainty.inputs.is_empty() || !sc.uncertainty.events.is_empty(),
            }
        })
        .collect();
    axum::Json(json!({ "lang": st.lang.to_string(), "scenarios": list })).into_response()
}

/// The served scenario `name`, or a 404 naming the served ones.
pub(super) fn find(st: &AppState, name: &str) -> Result<Arc<Served>, Response> {
    st.scenarios.get(name).cloned().ok_or_else(|| {
        let served: Vec<&str> = st.scenarios.keys().map(String::as_str).collect();
        let shown: String = name.chars().take(80).collect();
        error(
            StatusCode::NOT_FOUND,
            msgf(
                st.lang,
                "serve_unknown_scenario",
                &[("name", &shown), ("served", &served.join(", "))],
            ),
        )
    })
}

#[derive(Deserialize)]
struct LeverQuery {
    scenario: Option<String>,
}

async fn levers(State(st): State<Arc<AppState>>, q: Query<LeverQuery>) -> Response {
    let Some(name) = q.scenario.as_deref() else {
        return error(
            StatusCode::BAD_REQUEST,
            msg(st.lang, "serve_missing_scenario").into(),
        );
    };
    let served = match find(&st, name) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let base = &served.base;
    let list: Vec<serde_json::Value> = served
        .levers
        .iter()
        .map(|l| {
            let lever = crate::analysis::levers::Lever::parse(&l.path);
            let (vi, en) = lever.map_or_else(
                |_| (l.path.clone(), l.path.clone()),
                |lv| lever_names(&lv, &base.scenario),
            );
            json!({
                "path": l.path,
                "name": st.lang.pick(&vi, &en),
                "values": l.values,
                "per_year": l.per_year,
            })
        })
        .collect();
    let controls = controls::controls(base, &served.levers, st.lang);
    axum::Json(json!({
        "scenario": served.name,
        "levers": list,
        "controls": controls,
    }))
    .into_response()
}

async fn evaluate(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Response {
    let served = match find(&st, &req.scenario) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let client = headers
        .get("x-client-id")
        .and_then(|v| v.to_str().ok())
        .filter(|c| !c.is_empty() && c.len() <= 64)
        .map(str::to_string);
    match evaluate::handle(&st, &served, req, client).await {
        Ok(v) => {
            let mut r = axum::Json(v).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
            r
        }
        Err((status, m)) => error(status, m),
    }
}
