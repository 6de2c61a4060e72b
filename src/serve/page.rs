//! The page: one HTML file, its script and its style sheet, compiled into the binary
//! (`assets/serve/`), with the page's words from the message catalogue (`serve_page_*`) put
//! into the HTML in the server's language. A content security policy keeps the page to its
//! own server: nothing is fetched from the internet.

use super::AppState;
use crate::report::catalogue;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::sync::Arc;

const HTML: &str = include_str!("../../assets/serve/index.html");
const SCRIPT: &str = include_str!("../../assets/serve/app.js");
const STYLE: &str = include_str!("../../assets/serve/style.css");

/// Only this server's own script, style and data: no external resource can load.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
                   frame-ancestors 'none'";

fn with_type(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `GET /`: the page, in the server's language.
pub(super) async fn index(State(st): State<Arc<AppState>>) -> Response {
    let words: BTreeMap<&str, &str> = catalogue::table(st.lang)
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("serve_page_")
                .map(|short| (short, v.as_str()))
        })
        .collect();
    // JSON inside <script>: no "</" may close the element early
    let json = serde_json::to_string(&words)
        .unwrap_or_else(|_| "{}".into())
        .replace("</", "<\\/");
    let title = words.get("title").copied().unwrap_or("grdpsim");
    let body = HTML
        .replace("{{lang}}", &st.lang.to_string())
        .replace("{{title}}", &crate::report::render::markup::esc(title))
        .replace("{{words}}", &json);
    with_type("text/html; charset=utf-8", body)
}

/// `GET /app.js`.
pub(super) async fn script() -> Response {
    with_type("text/javascript; charset=utf-8", SCRIPT.to_string())
}

/// `GET /style.css`.
pub(super) async fn style() -> Response {
    with_type("text/css; charset=utf-8", STYLE.to_string())
}
