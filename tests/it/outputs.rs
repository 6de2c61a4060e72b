//! The output folder of `run` and `project`, opened with independent readers.

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use std::io::Cursor;
use std::path::Path;

use crate::support::grdpsim;

fn fnv(bytes: &[u8]) -> String {
    grdpsim::scenario::fnv1a_hex(&[bytes])
}

const CHARTS: [&str; 8] = [
    "fan_growth",
    "cagr_distribution",
    "funding",
    "probability_curve",
    "s_curve",
    "convergence",
    "decomposition",
    "per_capita_fan",
];

#[test]
fn run_writes_every_format_and_a_manifest_that_matches_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    grdpsim()
        .args([
            "run",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--paths",
            "20000",
            "--lang",
            "vi",
            "-q",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["tool"], "grdpsim");
    assert_eq!(manifest["seed"].as_u64(), Some(20260101));
    assert_eq!(manifest["paths"].as_u64(), Some(20000));
    let files = manifest["files"].as_array().expect("files");
    let mut names = Vec::new();
    for f in files {
        let name = f["path"].as_str().expect("name");
        let bytes = std::fs::read(out.join(name)).expect("listed file exists");
        assert_eq!(f["bytes"].as_u64(), Some(bytes.len() as u64), "{name}");
        assert_eq!(f["fnv1a64"].as_str(), Some(fnv(&bytes).as_str()), "{name}");
        names.push(name.to_string());
    }
    for want in [
        "summary.json",
        "years.csv",
        "funding.csv",
        "report.xlsx",
        "report.html",
    ] {
        assert!(names.iter().any(|n| n == want), "missing {want}");
    }
    for c in CHARTS {
        assert!(
            names.contains(&format!("{c}.png")) && names.contains(&format!("{c}.svg")),
            "missing chart {c}"
        );
        // PNG: decodes to 1600×1000 with more than a handful of colours
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(out.join(format!("{c}.png"))).expect("png"),
        ));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("png frame");
        assert_eq!((info.width, info.height), (1600, 1000), "{c}");
        let distinct: std::collections::BTreeSet<&[u8]> =
            buf[..info.buffer_size()].chunks(3).collect();
        assert!(distinct.len() > 8, "{c}.png looks blank");
        // SVG: parses as XML and carries Vietnamese text
        let svg = std::fs::read_to_string(out.join(format!("{c}.svg"))).expect("svg");
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{c}.svg: {e}"));
        assert!(
            svg.contains("Nguồn: grdpsim"),
            "{c}.svg has the Vietnamese source line"
        );
    }
    // XLSX: the Summary sheet holds the P(hit) of summary.json
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary"))
            .expect("json");
    let p_hit = summary["prob_hit"].as_f64().expect("prob_hit");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(
        std::fs::read(out.join("report.xlsx")).expect("xlsx"),
    ))
    .expect("opens");
    let sheets = wb.sheet_names().to_vec();
    assert_eq!(sheets.len(), 6, "{sheets:?}");
    assert_eq!(sheets[5], "Biểu đồ");
    // native Excel charts: one editable chart per drawn chart (growth by year, distribution,
    // funding, curve, S-curve, convergence, decomposition, per capita)
    let zip = zip::ZipArchive::new(std::fs::File::open(out.join("report.xlsx")).expect("xlsx"))
        .expect("zip");
    let charts = zip
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml"))
        .count();
    assert_eq!(charts, CHARTS.len(), "native charts in report.xlsx");
    let range = wb.worksheet_range(&sheets[0]).expect("summary sheet");
    let found = range
        .cells()
        .any(|(_, _, v)| matches!(v, calamine::Data::Float(x) if *x == p_hit));
    assert!(found, "P(hit) {p_hit} not in the Summary sheet");
    // the funding curve is on the same paths: its point at scale 1 is the headline exactly
    let curve = summary["funding_curve"].as_array().expect("funding_curve");
    let one = curve
        .iter()
        .find(|c| c["funding_scale"].as_f64() == Some(1.0))
        .expect("curve point at 1");
    assert_eq!(one["prob_hit"].as_f64(), Some(p_hit));
    assert_eq!(one["prob_hit_ci95"], summary["prob_hit_ci95"]);
    assert!(
        one["realised_share_median"]
            .as_f64()
            .is_some_and(|r| r > 0.5 && r < 1.0)
    );
    // HTML: self-contained, headline present
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    let headline = format!(
        "Xác suất đạt tăng trưởng bình quân ≥ 11,0%: {}",
        grdpsim::report::Lang::Vi.pct(p_hit, 1)
    );
    assert!(html.contains(&headline), "{headline}");
    // the curve chart states the same number for the scenario as written
    let curve_svg = std::fs::read_to_string(out.join("probability_curve.svg")).expect("svg");
    let plan_label = format!("): {}", grdpsim::report::Lang::Vi.pct(p_hit, 1));
    assert!(curve_svg.contains("Như kịch bản (k = 1") && curve_svg.contains(&plan_label));
    assert_eq!(html.matches("<svg").count(), CHARTS.len());
    // no temporary files left
    for e in std::fs::read_dir(&out).expect("dir") {
        let n = e.expect("entry").file_name();
        assert!(!n.to_string_lossy().ends_with(".tmp"), "left {n:?}");
    }
}

#[test]
fn formats_select_what_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("json-only");
    grdpsim()
        .args([
            "run",
            "tests/data/uncertain.toml",
            "--paths",
            "5000",
            "-q",
            "--formats",
            "json",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["manifest.json", "summary.json"]);
    grdpsim()
        .args(["run", "tests/data/uncertain.toml", "--formats", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn project_writes_the_decomposition_chart_workbook_and_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("p");
    grdpsim()
        .args([
            "project",
            "scenarios/hanoi-2026-2030.toml",
            "-q",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    for f in [
        "projection.json",
        "projection.csv",
        "decomposition.png",
        "decomposition.svg",
        "report.xlsx",
        "report.html",
        "manifest.json",
    ] {
        assert!(Path::new(&out.join(f)).exists(), "missing {f}");
    }
    // a deterministic report says nothing about simulated paths
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    for word in ["mô phỏng", "Monte Carlo", "P10/P50/P90"] {
        assert!(!html.contains(word), "{word} in the deterministic report");
    }
}
