//! `grdpsim serve`: a live what-if page for policy staff. One control per lever that matters;
//! on every move the page asks for P(hit) again, on common random numbers, and shows it with
//! the report's own charts.
//!
//! The page (`assets/serve/`, served by [`page`]) calls a small JSON API ([`api`]); each
//! evaluation ([`evaluate`]) sets the levers on a served scenario ([`crate::analysis::levers`],
//! the list `sweep --list` prints), runs the Monte Carlo, or the paired comparison with the
//! scenario as written ([`crate::analysis::compare`]), and draws the report's charts as SVG.
//! [`guard`] checks `Host` and `Origin`; [`controls`] picks the levers the page shows.
//!
//! The server runs on its own thread with its own tokio runtime ([`start`]), so the command
//! line and the tests drive it the same way.

mod api;
mod controls;
mod download;
mod evaluate;
mod guard;
mod page;

use crate::analysis::levers::Base;
use crate::montecarlo::Cancel;
use crate::report::Lang;
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Largest request body accepted, bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// What `grdpsim serve` was given.
#[derive(Debug, Clone)]
pub struct Options {
    /// Scenario files, or folders whose `*.toml` files are all served.
    pub scenarios: Vec<PathBuf>,
    /// Address to bind (loopback unless told otherwise).
    pub host: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Language of the page and of the API's messages.
    pub lang: Lang,
    /// Time an evaluation without `paths` aims at, milliseconds.
    pub budget_ms: u64,
    /// Evaluations computed at once; more wait their turn.
    pub workers: usize,
}

impl Options {
    /// Loopback, a free port, Vietnamese, 250 ms, two computations at once.
    pub fn new(scenarios: Vec<PathBuf>) -> Self {
        Options {
            scenarios,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            lang: Lang::Vi,
            budget_ms: 250,
            workers: 2,
        }
    }
}

/// A served scenario: its name (the file stem) and the scenario with its lever fields.
pub(crate) struct Served {
    name: String,
    base: Base,
    /// Its levers ([`Base::list`]), listed once at start.
    levers: Vec<crate::analysis::levers::LeverInfo>,
}

/// What every request handler shares.
pub(crate) struct AppState {
    scenarios: BTreeMap<String, Arc<Served>>,
    lang: Lang,
    /// `Host` values accepted (`127.0.0.1:8080`, `localhost:8080`, …).
    hosts: Vec<String>,
    /// Listening on every address: any IP address with the port names the server.
    any_address: bool,
    /// The port listened on.
    port: u16,
    budget_ms: u64,
    permits: Arc<tokio::sync::Semaphore>,
    /// Computations allowed at once (the semaphore's size).
    workers: usize,
    /// Evaluations running or waiting for a worker.
    busy: std::sync::atomic::AtomicUsize,
    /// Each client's computation in progress, to cancel when the client asks again.
    clients: Mutex<HashMap<String, Cancel>>,
    /// Seconds per path and pass of each scenario, learnt from earlier evaluations.
    cost: Mutex<HashMap<String, f64>>,
}

/// Reads the scenarios: files as given, folders by their `*.toml` files in name order.
///
/// # Errors
/// The first scenario that does not load (its diagnostic), a folder without scenarios, or two
/// files with the same stem.
pub fn load(paths: &[PathBuf]) -> Result<Vec<(String, Base)>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "{}: no *.toml scenario in this folder",
                    p.display()
                ));
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let mut out: Vec<(String, Base)> = Vec::new();
    for f in files {
        let name = stem(&f);
        if out.iter().any(|(n, _)| *n == name) {
            return Err(format!("two scenarios are named {name}: rename one file"));
        }
        let base = Base::load(&f)?;
        out.push((name, base));
    }
    Ok(out)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// The page's address, e.g. `http://127.0.0.1:8080/` (the loopback address when the
    /// server listens on every address).
    pub fn url(&self) -> String {
        let mut a = self.addr;
        if a.ip().is_unspecified() {
            a.set_ip(std::net::IpAddr::from([127, 0, 0, 1]));
        }
        format!("http://{a}/")
    }

    /// Stops accepting requests and waits for the server thread to end.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Loads the scenarios, binds the address and serves on a background thread.
///
/// # Errors
/// A scenario that does not load, no scenario at all, or an address that cannot be bound.
pub fn start(opts: &Options) -> Result<Server, String> {
    let loaded = load(&opts.scenarios)?;
    if loaded.is_empty() {
        return Err("no scenario to serve".into());
    }
    let listener = std::net::TcpListener::bind((opts.host, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.host, opts.port))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?;
    let state = Arc::new(AppState {
        scenarios: loaded
            .into_iter()
            .map(|(name, base)| {
                let levers = base.list();
                (name.clone(), Arc::new(Served { name, base, levers }))
            })
            .collect(),
        lang: opts.lang,
        hosts: guard::hosts(addr),
        any_address: addr.ip().is_unspecified(),
        port: addr.port(),
        budget_ms: opts.budget_ms.max(1),
        permits: Arc::new(tokio::sync::Semaphore::new(opts.workers.max(1))),
        workers: opts.workers.max(1),
        busy: std::sync::atomic::AtomicUsize::new(0),
        clients: Mutex::new(HashMap::new()),
        cost: Mutex::new(HashMap::new()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            let app = api::router(state);
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
    });
    Ok(Server {
        addr,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}
