//! `grdpsim serve`: starts the live page ([`crate::serve`]), prints its address and serves
//! until Ctrl-C.

use super::args::ServeArgs;
use super::{EXIT_BAD_INPUT, Failure, Verbosity};
use crate::montecarlo::STOP;
use crate::report::{msg, msgf};
use std::path::PathBuf;
use std::sync::atomic::Ordering;

pub(super) fn serve(a: ServeArgs, v: Verbosity) -> Result<(), Failure> {
    let l = a.lang;
    let scenarios = if a.scenarios.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        a.scenarios
    };
    let opts = crate::serve::Options {
        host: a.host,
        port: a.port,
        lang: l,
        budget_ms: a.budget_ms,
        workers: rayon::current_num_threads().max(2),
        ..crate::serve::Options::new(scenarios)
    };
    let server = crate::serve::start(&opts).map_err(|m| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {m}"),
    })?;
    if !a.host.is_loopback() {
        eprintln!("{}", msgf(l, "serve_open_host", &[("host", &a.host)]));
    }
    if !v.quiet {
        println!("{}", msgf(l, "serve_listening", &[("url", &server.url())]));
        println!("{}", msg(l, "serve_stop_hint"));
    }
    while !STOP.load(Ordering::Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    server.stop();
    Ok(())
}
