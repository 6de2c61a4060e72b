//! The HTML reports printed to PDF with headless Chromium are A4 and no table column is cut:
//! every column header of every table is in the PDF's text (`pdftotext`). Skipped, with a
//! message, where Chromium or poppler-utils cannot run (CI installs both).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_grdpsim");

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

fn print_pdf(browser: &str, html: &Path, pdf: &Path) -> bool {
    let url = format!("file://{}", html.display());
    Command::new("timeout")
        .args([
            "120",
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
        ])
        .args(["--no-pdf-header-footer", "--disable-dev-shm-usage"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && pdf.exists()
}

/// The text of every `<th>` cell, unescaped.
fn headers(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<th") {
        rest = &rest[i..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</th>") else {
            break;
        };
        let inner = &rest[open_end + 1..close];
        // drop nested tags
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        if !text.trim().is_empty() {
            out.push(text);
        }
        rest = &rest[close + 5..];
    }
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn outputs(dir: &Path) -> Vec<PathBuf> {
    let run = |args: &[&str]| {
        let o = Command::new(BIN).args(args).output().expect("runs");
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let d = |s: &str| dir.join(s).display().to_string();
    run(&[
        "run",
        "scenarios/hanoi-2026-2030-mc.toml",
        "--paths",
        "2000",
        "-q",
        "--out",
        &d("run"),
    ]);
    run(&[
        "required",
        "scenarios/hanoi-2026-2030.toml",
        "--lang",
        "en",
        "-q",
        "--out",
        &d("req"),
    ]);
    run(&[
        "compare",
        "scenarios/hanoi-2026-2030-mc.toml",
        "scenarios/hanoi-2026-2030-mc-land-268.toml",
        "--paths",
        "2000",
        "-q",
        "--out",
        &d("cmp"),
    ]);
    vec![
        dir.join("run/report.html"),
        dir.join("req/required.html"),
        dir.join("cmp/compare.html"),
    ]
}

#[test]
fn html_reports_print_to_a4_with_every_column_header() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium here (Debian package `chromium`; .ci/run installs it)");
        return;
    };
    let t = tempfile::tempdir().expect("tempdir");
    for html in outputs(t.path()) {
        let pdf = html.with_extension("pdf");
        if !print_pdf(browser, &html, &pdf) {
            eprintln!("skipped: Chromium could not start or print here");
            return;
        }
        let info = Command::new("pdfinfo").arg(&pdf).output();
        let Ok(info) = info else {
            eprintln!("skipped: no pdfinfo (Debian package `poppler-utils`)");
            return;
        };
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("(A4)"), "{}: {info}", html.display());
        let text = Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = squash(&String::from_utf8_lossy(&text.stdout));
        let page = std::fs::read_to_string(&html).expect("html");
        let hs = headers(&page);
        assert!(hs.len() >= 5, "{}: too few headers {hs:?}", html.display());
        for h in hs {
            assert!(
                text.contains(&squash(&h)),
                "{}: column header {h:?} is not in the printed PDF",
                html.display()
            );
        }
    }
}
