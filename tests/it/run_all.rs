//! `grdpsim run` with every default output succeeds on every shipped scenario, on `init`'s
//! starter, and on degenerate inputs (target ≤ 0, a label with a byte-order mark or NFD text).

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_grdpsim");

/// Runs `scenario` with all default outputs and checks every file the manifest lists.
fn run_ok(scenario: &Path, out: &Path) {
    let o = Command::new(BIN)
        .args(["run", "--paths", "1000", "--quiet", "--out"])
        .arg(out)
        .arg(scenario)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}: exit {:?}\n{}",
        scenario.display(),
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let files: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for want in [
        "summary.json",
        "years.csv",
        "funding.csv",
        "report.xlsx",
        "report.html",
        "cagr_distribution.png",
        "cagr_distribution.svg",
        "fan_growth.png",
        "probability_curve.svg",
    ] {
        assert!(files.contains(&want), "{}: no {want}", scenario.display());
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        !html.contains('\u{feff}'),
        "byte-order mark inside the report"
    );
    use unicode_normalization::UnicodeNormalization;
    assert_eq!(
        html.nfc().collect::<String>(),
        html,
        "{}: report not NFC",
        scenario.display()
    );
}

fn shipped(half: usize) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 20, "shipped scenarios missing: {}", v.len());
    v.into_iter().skip(half).step_by(2).collect()
}

#[test]
fn run_succeeds_on_every_shipped_scenario_even_half() {
    let t = tempfile::tempdir().unwrap();
    for (i, s) in shipped(0).iter().enumerate() {
        run_ok(s, &t.path().join(i.to_string()));
    }
}

#[test]
fn run_succeeds_on_every_shipped_scenario_odd_half() {
    let t = tempfile::tempdir().unwrap();
    for (i, s) in shipped(1).iter().enumerate() {
        run_ok(s, &t.path().join(i.to_string()));
    }
}

/// The starter cut to a one-year horizon: every per-year array keeps its first value.
fn one_year(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace("end_year = 2030 ", "end_year = 2026 ");
            match (l.find(" = ["), l.find(',')) {
                (Some(eq), Some(comma)) if !l.trim_start().starts_with('#') => {
                    format!("{} = {}", &l[..eq], l[eq + 4..comma].trim())
                }
                _ => l,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_then_run_succeeds_also_on_degenerate_variants() {
    let t = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["init", "starter", "--dir"])
        .arg(t.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let starter = t.path().join("starter.toml");
    run_ok(&starter, &t.path().join("out-starter"));
    let text = std::fs::read_to_string(&starter).unwrap();
    use unicode_normalization::UnicodeNormalization;
    let nfd = |s: &str| s.nfd().collect::<String>();
    let variants = [
        (
            "target0",
            text.replace("target_growth = 0.11 ", "target_growth = 0.0  "),
        ),
        (
            "targetneg",
            text.replace("target_growth = 0.11 ", "target_growth = -0.02"),
        ),
        (
            "bom",
            format!(
                "\u{feff}{}",
                text.replace("title_vi = \"", "title_vi = \"\u{feff}")
            ),
        ),
        ("one_year", one_year(&text)),
        (
            "nfd",
            text.replace("Kịch bản mẫu", &nfd("Kịch bản mẫu"))
                .replace("Đầu tư công", &nfd("Đầu tư công")),
        ),
    ];
    for (name, body) in variants {
        assert_ne!(body, text, "{name}: the variant changed nothing");
        let p = t.path().join(format!("{name}.toml"));
        std::fs::write(&p, body).unwrap();
        run_ok(&p, &t.path().join(format!("out-{name}")));
    }
}
