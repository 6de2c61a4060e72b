//! Load on loopback: 20 clients each move a slider 100 times (2,000 evaluations with charts,
//! paths chosen by the time budget, as the page asks). Asserted: no error, every answer a valid
//! probability, and the server still answering afterwards. Printed (for the notes, never
//! asserted): latency percentiles, paths per answer and the process's peak memory. Only in
//! optimised builds: `cargo test --release --test it serve_load -- --nocapture`.

use super::serve::{evaluate, http, start};
use grdpsim::report::Lang;
use serde_json::json;
use std::time::Instant;

const CLIENTS: usize = 20;
const MOVES: usize = 100;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "2,000 evaluations: run with cargo test --release --test it serve_load"
)]
fn twenty_clients_moving_sliders_get_answers_and_the_server_survives() {
    let srv = start(Lang::Vi);
    let addr = srv.addr;
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            std::thread::spawn(move || {
                let id = format!("X-Client-Id: load-{c}");
                let mut out = Vec::with_capacity(MOVES);
                for m in 0..MOVES {
                    // each client drags its own slider back and forth
                    let x = 0.4 + 0.01 * ((c * 7 + m) % 100) as f64;
                    let lever = if c % 2 == 0 {
                        "sources.soe.realisation"
                    } else {
                        "funding.scale"
                    };
                    let body = json!({"scenario": "hanoi-2026-2030-mc", "levers": {lever: x}});
                    let t = Instant::now();
                    let r = http(addr, "POST", "/api/evaluate", &[&id], &body.to_string());
                    out.push((r.status, t.elapsed().as_secs_f64(), r.body));
                }
                out
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut paths = Vec::new();
    for h in clients {
        for (status, secs, body) in h.join().expect("client thread") {
            assert_eq!(status, 200, "{body}");
            let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
            let p = v["prob_hit"].as_f64().expect("a probability");
            assert!((0.0..=1.0).contains(&p));
            assert_eq!(v["charts"].as_object().map(|m| m.len()), Some(3));
            latencies.push(secs);
            paths.push(v["paths"].as_u64().unwrap_or(0));
        }
    }
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(latencies.len(), CLIENTS * MOVES);
    // still answering, and still right: the no-lever answer equals a fresh one
    assert_eq!(http(addr, "GET", "/api/scenarios", &[], "").status, 200);
    let body = json!({"scenario": "hanoi-2026-2030-mc", "paths": 5000, "charts": false});
    let a = evaluate(addr, &body).json();
    let b = evaluate(addr, &body).json();
    assert_eq!(a["prob_hit"], b["prob_hit"]);

    latencies.sort_by(f64::total_cmp);
    paths.sort_unstable();
    let q = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "serve load: {} requests from {CLIENTS} clients in {wall:.1} s ({:.0}/s); latency \
         p50 {:.3} s, p95 {:.3} s, p99 {:.3} s, max {:.3} s; paths per answer {}–{} (median {}); \
         peak RSS {:.0} MB",
        latencies.len(),
        latencies.len() as f64 / wall,
        q(&latencies, 0.5),
        q(&latencies, 0.95),
        q(&latencies, 0.99),
        latencies[latencies.len() - 1],
        paths[0],
        paths[paths.len() - 1],
        paths[paths.len() / 2],
        peak_rss_mb().unwrap_or(f64::NAN),
    );
}
