//! Request checks before any handler runs: the `Host` header must name this server (a page
//! on another site that rebinds its DNS name to 127.0.0.1 sends its own name and is refused),
//! and a POST that carries an `Origin` must come from this server's own page.

use super::AppState;
use super::api::error;
use crate::report::msgf;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;
use std::sync::Arc;

/// The `Host` values that name the server at `addr`: its address, and `localhost` for a
/// loopback address.
pub(super) fn hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut out = vec![addr.to_string()];
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        for h in ["127.0.0.1", "localhost", "[::1]"] {
            let h = format!("{h}:{port}");
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

/// Whether `host` (a `Host` header, or an `Origin` without its scheme) names this server: one
/// of its names, or, when it listens on every address (`--host 0.0.0.0`), any IP address with
/// its port. A DNS name that is not the server's is refused either way: that is how a page
/// elsewhere would reach it by rebinding its own name.
fn names_this_server(st: &AppState, host: &str) -> bool {
    st.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
        || (st.any_address
            && host
                .parse::<SocketAddr>()
                .is_ok_and(|a| a.port() == st.port))
}

/// Refuses a request whose `Host` is not this server (403), or a POST whose `Origin` is
/// another site (403); passes the rest on.
pub(super) async fn check(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let l = st.lang;
    let (host, origin) = {
        let text = |name| {
            req.headers()
                .get(name)
                .map(|v: &header::HeaderValue| v.to_str().unwrap_or("?").to_string())
        };
        (text(header::HOST), text(header::ORIGIN))
    };
    let host = host.unwrap_or_default();
    if !names_this_server(&st, &host) {
        let m = msgf(
            l,
            "serve_bad_host",
            &[("host", &host), ("ok", &st.hosts[0])],
        );
        return error(StatusCode::FORBIDDEN, m);
    }
    if req.method() == Method::POST
        && let Some(origin) = origin
        && !origin
            .strip_prefix("http://")
            .is_some_and(|o| names_this_server(&st, o))
    {
        let m = msgf(l, "serve_bad_origin", &[("origin", &origin)]);
        return error(StatusCode::FORBIDDEN, m);
    }
    next.run(req).await
}
