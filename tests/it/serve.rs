//! `grdpsim serve` over HTTP on an ephemeral loopback port: every endpoint, the no-lever answer
//! equal to `grdpsim run`'s to the bit, P(hit) never rising as planned funding falls on common
//! random numbers, and a clear 4xx for every kind of bad request. The client is a few lines of
//! raw HTTP/1.1 (`http`), so a test can send any `Host` or `Origin` it likes.

use crate::support::grdpsim;
use grdpsim::report::Lang;
use grdpsim::serve::{self, Options, Server};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

const MC: &str = "scenarios/hanoi-2026-2030-mc.toml";
const LAND: &str = "scenarios/hanoi-2026-2030-mc-land-268.toml";

/// A server on a free loopback port serving the baseline and the land-268 case.
pub(crate) fn start(lang: Lang) -> Server {
    let opts = Options {
        lang,
        ..Options::new(vec![PathBuf::from(MC), PathBuf::from(LAND)])
    };
    serve::start(&opts).expect("server starts")
}

/// A response: status, headers (lower-case names) and body.
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request (`extra` headers as written) and reads the whole reply.
pub(crate) fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    extra: &[&str],
    body: &str,
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connects");
    let host = format!("Host: {addr}");
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !extra.iter().any(|h| h.to_lowercase().starts_with("host:")) {
        head.push_str(&host);
        head.push_str("\r\n");
    }
    for h in extra {
        head.push_str(h);
        head.push_str("\r\n");
    }
    if method == "POST" {
        head.push_str("Content-Type: application/json\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("writes");
    let _ = s.write_all(body.as_bytes());
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

pub(crate) fn evaluate(addr: SocketAddr, body: &Value) -> Reply {
    http(addr, "POST", "/api/evaluate", &[], &body.to_string())
}

#[test]
fn the_page_its_files_and_every_api_endpoint_answer() {
    let srv = start(Lang::Vi);
    let a = srv.addr;
    let page = http(a, "GET", "/", &[], "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html lang=\"vi\">"), "{}", page.body);
    assert!(
        page.body.contains("Kế hoạch 2026–2030"),
        "page words in Vietnamese"
    );
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    for (path, kind) in [("/app.js", "javascript"), ("/style.css", "text/css")] {
        let r = http(a, "GET", path, &[], "");
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").is_some_and(|t| t.contains(kind)));
        assert!(
            !r.body.contains("http://") && !r.body.contains("https://"),
            "{path}"
        );
    }
    let list = http(a, "GET", "/api/scenarios", &[], "").json();
    let names: Vec<&str> = list["scenarios"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["hanoi-2026-2030-mc", "hanoi-2026-2030-mc-land-268"]);
    assert_eq!(list["scenarios"][0]["target"], json!(0.11));

    // the levers are the list `sweep --list` prints, one for one
    let levers = http(a, "GET", "/api/levers?scenario=hanoi-2026-2030-mc", &[], "").json();
    let out = grdpsim()
        .args(["sweep", MC, "--list"])
        .output()
        .expect("runs");
    let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    let served: Vec<String> = levers["levers"]
        .as_array()
        .expect("levers")
        .iter()
        .map(|l| l["path"].as_str().expect("path").to_string())
        .collect();
    assert_eq!(served, listed);
    let soe = levers["levers"]
        .as_array()
        .and_then(|v| v.iter().find(|l| l["path"] == "sources.soe.realisation"))
        .expect("the SOE realisation lever");
    assert_ne!(
        soe["name"],
        json!("sources.soe.realisation"),
        "a human name"
    );
    let ids: Vec<&str> = levers["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    for id in [
        "funding",
        "source_soe",
        "land",
        "tfp",
        "delays",
        "deflator",
        "target",
    ] {
        assert!(ids.contains(&id), "control {id} in {ids:?}");
    }
    // every control's levers are on the list
    for c in levers["controls"].as_array().expect("controls") {
        for p in c["levers"].as_array().expect("levers") {
            let p = p.as_str().expect("path");
            assert!(
                served
                    .iter()
                    .any(|s| s == p || p.starts_with(&format!("{s}."))),
                "{p} is not a listed lever"
            );
        }
    }

    let r = evaluate(a, &json!({"scenario": "hanoi-2026-2030-mc", "paths": 3000}));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    for key in ["fan_growth", "cagr_distribution", "funding"] {
        let svg = v["charts"][key].as_str().expect("an SVG");
        assert!(svg.starts_with("<svg") && svg.contains("</svg>"), "{key}");
    }
    assert_eq!(v["paths"], json!(3000));
    assert_eq!(v["diff_vs_base"], json!(0.0));
    let p = v["prob_hit"].as_f64().expect("a probability");
    let ci = &v["prob_hit_ci95"];
    assert!(ci[0].as_f64().expect("lo") <= p && p <= ci[1].as_f64().expect("hi"));
    assert_eq!(http(a, "GET", "/nothing", &[], "").status, 404);
}

#[test]
fn with_no_lever_moved_prob_hit_is_runs_to_the_bit() {
    let srv = start(Lang::En);
    let dir = tempfile::tempdir().expect("temp dir");
    for (scenario, file, paths, seed) in [
        ("hanoi-2026-2030-mc", MC, 20_000u64, 7u64),
        ("hanoi-2026-2030-mc-land-268", LAND, 12_345, 20_260_101),
    ] {
        let out = dir.path().join(scenario);
        grdpsim()
            .args(["run", file, "--formats", "json", "-q", "--paths"])
            .arg(paths.to_string())
            .arg("--seed")
            .arg(seed.to_string())
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(out.join("summary.json")).expect("summary");
        let summary: Value = serde_json::from_str(&text).expect("JSON");
        let body = json!({"scenario": scenario, "paths": paths, "seed": seed, "charts": false});
        let v = evaluate(srv.addr, &body).json();
        let (api, run) = (v["prob_hit"].as_f64(), summary["prob_hit"].as_f64());
        assert!(api.is_some());
        assert_eq!(api.map(f64::to_bits), run.map(f64::to_bits), "{scenario}");
        assert_eq!(v["prob_hit_ci95"], summary["prob_hit_ci95"]);
        assert_eq!(v["cagr"]["p50"], summary["cagr"]["p50"]);
    }
}

#[test]
fn lowering_planned_funding_never_raises_the_probability() {
    let srv = start(Lang::En);
    let mut last = f64::INFINITY;
    for k in [1.3, 1.0, 0.9, 0.8, 0.6, 0.4] {
        let body = json!({
            "scenario": "hanoi-2026-2030-mc",
            "levers": {"funding.scale": k},
            "paths": 4000,
            "charts": false,
        });
        let v = evaluate(srv.addr, &body).json();
        let p = v["prob_hit"].as_f64().expect("a probability");
        let base = v["base_prob_hit"].as_f64().expect("the base");
        let d = v["diff_vs_base"].as_f64().expect("a difference");
        assert!(p <= last, "funding × {k}: {p} above {last}");
        assert!(
            (d - (p - base)).abs() < 1e-12,
            "the paired difference is P − P(base)"
        );
        if k < 1.0 {
            assert!(d <= 0.0 && v["diff_ci95"][0].as_f64().expect("lo") <= d);
        }
        last = p;
    }
    assert!(
        last < 0.05,
        "funding at 40% of plan leaves little chance: {last}"
    );
}

#[test]
fn bad_requests_get_a_clear_4xx() {
    let srv = start(Lang::En);
    let a = srv.addr;
    let post = |body: &str| http(a, "POST", "/api/evaluate", &[], body);
    let cases: Vec<(Reply, u16, &str)> = vec![
        (
            post(
                r#"{"scenario": "hanoi-2026-2030-mc", "levers": {"sources.nope.realisation": 0.5}}"#,
            ),
            400,
            "sources.nope.realisation",
        ),
        (
            post(
                r#"{"scenario": "hanoi-2026-2030-mc", "levers": {"sources.soe.realisation": -2}}"#,
            ),
            400,
            "sources.soe.realisation",
        ),
        (
            post(r#"{"scenario": "hanoi-2026-2030-mc", "levers": {"funding.scale": "lots"}}"#),
            400,
            "not valid JSON",
        ),
        (
            post(r#"{"scenario": "../../etc/passwd"}"#),
            404,
            "serves: hanoi-2026-2030-mc",
        ),
        (
            post(r#"{"scenario": "hanoi-2026-2030-mc", "pathz": 3}"#),
            400,
            "pathz",
        ),
        (
            post(r#"{"scenario": "hanoi-2026-2030-mc", "paths": 0}"#),
            400,
            "paths must be",
        ),
        (post("{"), 400, "not valid JSON"),
        (
            http(a, "GET", "/api/levers?scenario=nowhere", &[], ""),
            404,
            "No scenario \"nowhere\"",
        ),
        (
            http(a, "GET", "/api/levers", &[], ""),
            400,
            "scenario parameter",
        ),
        (
            http(a, "GET", "/api/scenarios", &["Host: attacker.example"], ""),
            403,
            "attacker.example",
        ),
        (
            http(
                a,
                "POST",
                "/api/evaluate",
                &["Origin: http://attacker.example"],
                r#"{"scenario": "hanoi-2026-2030-mc"}"#,
            ),
            403,
            "attacker.example",
        ),
    ];
    for (r, status, needle) in &cases {
        assert_eq!(r.status, *status, "{needle}: {}", r.body);
        let m = r.json()["error"].as_str().unwrap_or_default().to_string();
        assert!(m.contains(needle), "{needle:?} not in {m:?}");
    }
    // a body over the limit is refused before it is read whole
    let big = format!(
        r#"{{"scenario": "hanoi-2026-2030-mc", "pad": "{}"}}"#,
        "x".repeat(serve::MAX_BODY + 10)
    );
    let too_big = post(&big);
    assert_eq!(too_big.status, 413);
    let m = too_big.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        m.contains("too large") && m.contains(&serve::MAX_BODY.to_string()),
        "{m}"
    );
    // the server's own page may post
    let own = format!("Origin: http://{a}");
    let body = r#"{"scenario": "hanoi-2026-2030-mc", "paths": 1000, "charts": false}"#;
    assert_eq!(http(a, "POST", "/api/evaluate", &[&own], body).status, 200);
    // messages follow the server's language
    let vi = start(Lang::Vi);
    let r = http(vi.addr, "GET", "/api/levers?scenario=nowhere", &[], "");
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap_or("")
            .contains("Không có kịch bản")
    );
}

#[test]
fn a_newer_request_from_the_same_client_cancels_the_older() {
    let srv = start(Lang::En);
    let a = srv.addr;
    let slow = std::thread::spawn(move || {
        let body = r#"{"scenario": "hanoi-2026-2030-mc", "paths": 1000000, "charts": false}"#;
        http(a, "POST", "/api/evaluate", &["X-Client-Id: c1"], body)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let body = r#"{"scenario": "hanoi-2026-2030-mc", "paths": 2000, "charts": false}"#;
    let fresh = http(a, "POST", "/api/evaluate", &["X-Client-Id: c1"], body);
    assert_eq!(fresh.status, 200, "{}", fresh.body);
    let old = slow.join().expect("thread");
    assert_eq!(old.status, 409, "{}", old.body);
    assert!(
        old.json()["error"]
            .as_str()
            .unwrap_or("")
            .contains("newer request")
    );
    // another client is not disturbed by c1's requests
    let other = http(a, "POST", "/api/evaluate", &["X-Client-Id: c2"], body);
    assert_eq!(other.status, 200);
}

#[test]
fn save_as_scenario_gives_a_file_that_validates_and_runs_to_the_same_probability() {
    let srv = start(Lang::En);
    let levers = json!({
        "sources.soe.realisation": 0.6,
        "funding.scale": 0.95,
        "sources.land_revenue.realised_total": 600,
        "productivity.tfp_growth.mean": 0.07,
        "uncertainty.events.nq258_ppp_1.delay_probability": 0.9,
    });
    let body = json!({"scenario": "hanoi-2026-2030-mc", "levers": levers});
    let r = http(
        srv.addr,
        "POST",
        "/api/scenario-file",
        &[],
        &body.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.header("content-disposition")
            .is_some_and(|d| d.contains("hanoi-2026-2030-mc-whatif.toml"))
    );
    assert!(
        r.body.contains("extends = \"hanoi-2026-2030-mc.toml\""),
        "{}",
        r.body
    );
    // beside the file it extends, as the header tells the user
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["hanoi-2026-2030.toml", "hanoi-2026-2030-mc.toml"] {
        std::fs::copy(format!("scenarios/{f}"), dir.path().join(f)).expect("copies");
    }
    let file = dir.path().join("whatif.toml");
    std::fs::write(&file, &r.body).expect("writes");
    grdpsim().arg("validate").arg(&file).assert().success();
    let out = dir.path().join("out");
    grdpsim()
        .arg("run")
        .arg(&file)
        .args([
            "--paths",
            "5000",
            "--seed",
            "3",
            "--formats",
            "json",
            "-q",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("summary.json")).expect("summary");
    let run: Value = serde_json::from_str(&text).expect("JSON");
    let api = evaluate(
        srv.addr,
        &json!({"scenario": "hanoi-2026-2030-mc", "levers": levers, "paths": 5000, "seed": 3,
                "charts": false}),
    )
    .json();
    let p = api["prob_hit"].as_f64().expect("a probability");
    assert!(p > 0.01 && p < 0.99, "a probability that can differ: {p}");
    assert_eq!(
        run["prob_hit"].as_f64().map(f64::to_bits),
        Some(p.to_bits())
    );
    assert_eq!(run["cagr"]["p50"], api["cagr"]["p50"]);
}

#[test]
fn the_report_of_the_current_settings_downloads_as_html_and_workbook() {
    let srv = start(Lang::En);
    let levers = json!({"sources.soe.realisation": 0.6});
    let ask = |format: &str| {
        let body = json!({"scenario": "hanoi-2026-2030-mc", "levers": levers, "paths": 3000,
                          "seed": 11, "format": format});
        http(srv.addr, "POST", "/api/report", &[], &body.to_string())
    };
    let html = ask("html");
    assert_eq!(html.status, 200);
    assert!(
        html.header("content-type")
            .is_some_and(|t| t.contains("text/html"))
    );
    let api = evaluate(
        srv.addr,
        &json!({"scenario": "hanoi-2026-2030-mc", "levers": levers, "paths": 3000, "seed": 11,
                "charts": false}),
    )
    .json();
    let p = api["prob_hit"].as_f64().expect("a probability");
    let headline = format!("Probability of average growth ≥ 11.0%: {:.1}%", 100.0 * p);
    assert!(
        html.body.contains(&headline),
        "{headline} not in the report"
    );
    let xlsx = ask("xlsx");
    assert_eq!(xlsx.status, 200);
    assert!(
        xlsx.header("content-disposition")
            .is_some_and(|d| d.contains("report.xlsx"))
    );
    assert!(xlsx.body.starts_with("PK"), "a zip file");
    let bad = ask("pdf");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap_or("").contains("pdf"));
}

#[test]
fn a_vietnamese_server_says_nothing_in_english() {
    let srv = start(Lang::Vi);
    let a = srv.addr;
    let moved = json!({"scenario": "hanoi-2026-2030-mc", "paths": 2000,
                       "levers": {"sources.soe.realisation": 0.6}});
    let texts = [
        http(a, "GET", "/", &[], "").body,
        http(a, "GET", "/api/levers?scenario=hanoi-2026-2030-mc", &[], "").body,
        evaluate(a, &moved).body,
        http(a, "POST", "/api/scenario-file", &[], &moved.to_string()).body,
        evaluate(a, &json!({"scenario": "x"})).body,
        evaluate(
            a,
            &json!({"scenario": "hanoi-2026-2030-mc", "levers": {"a.b": 1}}),
        )
        .body,
        http(a, "GET", "/api/levers", &[], "").body,
        http(a, "GET", "/", &["Host: elsewhere.example"], "").body,
    ];
    for (key, en) in crate::lang_vi::english() {
        for t in &texts {
            // JSON escapes quotes; compare on the unescaped text too
            let plain = t.replace("\\\"", "\"");
            assert!(
                !plain.contains(&en),
                "{key} ({en:?}) in a Vietnamese answer: {t:.300}"
            );
        }
    }
}

#[test]
fn open_to_the_network_it_answers_any_ip_but_no_foreign_name() {
    let opts = Options {
        host: std::net::IpAddr::from([0, 0, 0, 0]),
        ..Options::new(vec![PathBuf::from(MC)])
    };
    let srv = serve::start(&opts).expect("server starts");
    assert!(srv.url().starts_with("http://127.0.0.1:"), "{}", srv.url());
    let port = srv.addr.port();
    let local = SocketAddr::from(([127, 0, 0, 1], port));
    let by_ip = format!("Host: 192.0.2.7:{port}");
    assert_eq!(
        http(local, "GET", "/api/scenarios", &[&by_ip], "").status,
        200
    );
    let by_name = format!("Host: rebound.example:{port}");
    assert_eq!(
        http(local, "GET", "/api/scenarios", &[&by_name], "").status,
        403
    );
    let other_port = format!("Host: 192.0.2.7:{}", port.wrapping_add(1));
    assert_eq!(
        http(local, "GET", "/api/scenarios", &[&other_port], "").status,
        403
    );
}
