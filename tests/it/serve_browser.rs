//! The live page in headless Chromium, driven through ChromeDriver (`fantoccini`): it loads,
//! moving the SOE slider to 60% changes the probability to exactly what the API answers for
//! the same levers, paths and seed, the page loads nothing from outside the server, and its
//! screenshot is not blank. Screenshots (vi, en) are kept in `target/serve-screens/` for a
//! person to look at. Skipped, with a message, where Chromium or ChromeDriver is missing
//! (`.ci/run` installs Debian's `chromium` and `chromium-driver`).

use super::serve::{evaluate, start};
use fantoccini::{Client, ClientBuilder};
use grdpsim::report::Lang;
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn tool(names: &[&'static str]) -> Option<&'static str> {
    names.iter().copied().find(|n| {
        Command::new(n)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// ChromeDriver on a free port, killed when dropped.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn driver(exe: &str) -> Option<Driver> {
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let d = Driver(child, port);
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(d);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

async fn browser(d: &Driver, chromium: &str, profile: &Path) -> Result<Client, String> {
    let mut caps = serde_json::Map::new();
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,1900",
        "--lang=en-US",
    ];
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let binary = which(chromium).unwrap_or_else(|| chromium.to_string());
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": binary, "args": args }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.1))
        .await
        .map_err(|e| e.to_string())
}

fn which(exe: &str) -> Option<String> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(exe))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
}

/// The `#prob` element's data once its state is `done` and `ready` holds of it.
async fn wait_done(c: &Client, ready: impl Fn(&Value) -> bool) -> Value {
    let script = "const p = document.getElementById('prob'); return {state: p.dataset.state, \
                  value: p.dataset.value, paths: p.dataset.paths, seed: p.dataset.seed, \
                  levers: p.dataset.levers, text: p.textContent, \
                  error: document.getElementById('error').textContent};";
    let until = Instant::now() + Duration::from_secs(120);
    loop {
        let v = c.execute(script, vec![]).await.expect("script runs");
        if v["state"] == "done" && ready(&v) {
            return v;
        }
        assert!(v["state"] != "error", "the page shows an error: {v}");
        assert!(Instant::now() < until, "the page never finished: {v}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn screens() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/serve-screens");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Distinct colours and the share of pixels that are not near-white.
fn ink(png_bytes: &[u8]) -> (usize, f64) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let px = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    let pixels = buf[..info.buffer_size()].chunks(px);
    let n = pixels.len();
    for p in pixels {
        colours.insert((p[0], p[1], p[2]));
        if p[..3].iter().any(|&c| c < 235) {
            inked += 1;
        }
    }
    (colours.len(), inked as f64 / n as f64)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_the_soe_slider_shows_the_apis_probability_and_nothing_external_loads() {
    let (Some(chromium), Some(chromedriver)) = (
        tool(&["chromium", "chromium-browser", "google-chrome"]),
        tool(&["chromedriver"]),
    ) else {
        eprintln!(
            "skipped: Chromium or ChromeDriver is not installed (Debian: chromium chromium-driver)"
        );
        return;
    };
    let Some(d) = driver(chromedriver) else {
        eprintln!("skipped: ChromeDriver did not start");
        return;
    };
    for lang in [Lang::Vi, Lang::En] {
        let srv = start(lang);
        let profile = tempfile::tempdir().expect("profile dir");
        let c = match browser(&d, chromium, profile.path()).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("skipped: Chromium did not start under ChromeDriver: {e}");
                return;
            }
        };
        c.goto(&srv.url()).await.expect("page loads");
        let first = wait_done(&c, |_| true).await;
        assert_eq!(first["levers"], "{}", "nothing moved at first");

        // move the SOE slider to 60% of plan, as a user drags it
        let moved = "const i = document.querySelector('input[data-control=\"source_soe\"]'); \
                     i.value = '0.6'; i.dispatchEvent(new Event('input', {bubbles: true})); \
                     i.dispatchEvent(new Event('change', {bubbles: true})); return i.value;";
        assert_eq!(
            c.execute(moved, vec![]).await.expect("slider"),
            json!("0.6")
        );
        let after = wait_done(&c, |v| {
            v["levers"]
                .as_str()
                .is_some_and(|l| l.contains("sources.soe.realisation"))
        })
        .await;
        let shown: f64 = after["value"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("a value");
        let before: f64 = first["value"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("a value");
        assert!(
            shown < before,
            "SOE at 60% lowers P(hit): {before} → {shown}"
        );

        // the API, asked for the same levers, paths and seed, gives the same number
        let levers: Value =
            serde_json::from_str(after["levers"].as_str().expect("levers")).expect("JSON");
        assert_eq!(levers, json!({"sources.soe.realisation": 0.6}));
        let paths: u64 = after["paths"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("paths");
        let seed: u64 = after["seed"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("seed");
        let body = json!({"scenario": "hanoi-2026-2030-mc", "levers": levers,
                          "paths": paths, "seed": seed, "charts": false});
        let addr = srv.addr;
        let api = tokio::task::spawn_blocking(move || evaluate(addr, &body).json())
            .await
            .expect("API call");
        assert_eq!(
            api["prob_hit"].as_f64().map(f64::to_bits),
            Some(shown.to_bits())
        );

        // nothing from outside the server: every resource the page fetched is its own
        let origin = format!("http://{}", srv.addr);
        let fetched = c
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name) \
                 .concat([location.href]);",
                vec![],
            )
            .await
            .expect("resources");
        let fetched = fetched.as_array().expect("a list");
        assert!(fetched.len() >= 3, "page, script, style: {fetched:?}");
        for url in fetched {
            let u = url.as_str().unwrap_or_default();
            assert!(u.starts_with(&origin), "{u} is not from {origin}");
        }
        let charts = c
            .execute(
                "return document.querySelectorAll('.chart svg').length;",
                vec![],
            )
            .await
            .expect("charts");
        assert_eq!(
            charts,
            json!(3),
            "fan, distribution and funding charts drawn"
        );

        let shot = c.screenshot().await.expect("screenshot");
        let (colours, inked) = ink(&shot);
        assert!(
            colours > 50 && inked > 0.05,
            "blank? {colours} colours, {inked:.3} inked"
        );
        let _ = std::fs::write(screens().join(format!("serve-{lang}.png")), &shot);
        c.close().await.expect("browser closes");
    }
}
