//! Commands rendered through the document model: every format from one document, native
//! Excel charts, CSV at full precision in both locales, Vietnamese-only text under --lang vi.

use std::io::Read;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_grdpsim");

fn run(args: &[&str], out: &Path) -> std::process::Output {
    let o = Command::new(BIN)
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The names of the files inside an xlsx (a zip).
fn xlsx_entries(path: &Path) -> Vec<String> {
    let f = std::fs::File::open(path).expect("xlsx");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    (0..z.len())
        .map(|i| {
            z.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect()
}

fn xlsx_entry(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).expect("xlsx");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[test]
fn required_writes_every_format_with_a_native_chart() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("req");
    let o = run(
        &["required", "scenarios/hanoi-2026-2030.toml", "--lang", "en"],
        &out,
    );
    let text = String::from_utf8_lossy(&o.stdout);
    // the document figures: (a) 6.12% TFP growth, 57.0% share (the documents' 57%, 001 line
    // 34, with the K/Y calibrated on 2021–2025); (b) 4,497.3 against 5,000.0
    assert!(text.contains("(a) TFP growth needed a year with the planned funding: 6.12%"));
    assert!(text.contains("(a) TFP share of growth needed over the period: 57.0%"));
    assert!(text.contains("4,497.3") && text.contains("5,000.0"));
    for f in [
        "required.json",
        "required.csv",
        "required.xlsx",
        "required.html",
        "manifest.json",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    // JSON contract kept: the keys of model::Required
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("required.json")).expect("json"))
            .expect("parse");
    for k in [
        "implied_tfp_share_period",
        "implied_tfp_growth_mean",
        "planned_total",
        "required_total",
        "gap_total",
        "years",
    ] {
        assert!(j.get(k).is_some(), "{k}");
    }
    // CSV: full precision, reads back to the JSON's numbers
    let csv = std::fs::read_to_string(out.join("required.csv")).expect("csv");
    let row: Vec<&str> = csv.lines().nth(1).expect("row").split(',').collect();
    assert_eq!(row[0], "2026");
    let tfp: f64 = row[2].parse().expect("number");
    assert_eq!(Some(tfp), j["years"][0]["implied_tfp_growth"].as_f64());
    assert_eq!(csv.lines().count(), 7, "five years and the period row");
    assert!(
        csv.lines()
            .nth(6)
            .is_some_and(|l| l.starts_with("period,0.11,")),
        "{csv}"
    );
    // workbook: a native chart over the by-year sheet
    let xlsx = out.join("required.xlsx");
    let entries = xlsx_entries(&xlsx);
    assert!(
        entries.iter().any(|e| e.starts_with("xl/charts/chart")),
        "{entries:?}"
    );
    let chart = xlsx_entry(&xlsx, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") || chart.contains("<c:barChart"));
    assert!(chart.contains("Investment: planned and needed"));
    // HTML: self-contained, with the table's headers
    let html = std::fs::read_to_string(out.join("required.html")).expect("html");
    assert!(!html.contains("<script") && !html.contains("http://"));
    assert!(html.contains("TFP growth needed") && html.contains("@page{size:A4"));
}

#[test]
fn csv_locale_vi_uses_semicolons_and_decimal_commas() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("req");
    run(
        &[
            "required",
            "scenarios/hanoi-2026-2030.toml",
            "--csv-locale",
            "vi",
            "--formats",
            "csv",
            "-q",
        ],
        &out,
    );
    let csv = std::fs::read_to_string(out.join("required.csv")).expect("csv");
    let row = csv.lines().nth(1).expect("row");
    assert!(row.starts_with("2026;0,11;0,0523"), "{row}");
    // the same for every command: run's years.csv and funding.csv (text fields kept)
    let run_out = t.path().join("run");
    run(
        &[
            "run",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--paths",
            "1000",
            "--csv-locale",
            "vi",
            "--formats",
            "csv",
            "-q",
        ],
        &run_out,
    );
    let years = std::fs::read_to_string(run_out.join("years.csv")).expect("years");
    let first = years.lines().nth(1).expect("row");
    assert!(first.starts_with("2026;0,"), "{first}");
    assert!(!first.contains(','.to_string().as_str()) || first.contains(";0,"));
    let funding = std::fs::read_to_string(run_out.join("funding.csv")).expect("funding");
    assert!(
        funding.lines().nth(1).is_some_and(|l| l.contains(';')),
        "{funding}"
    );
    assert!(!row.contains(','.to_string().repeat(2).as_str()));
}

/// Every analysis command writes the same set through the document renderers: JSON, CSV,
/// chart, workbook (with a native chart where the command has one) and HTML page.
#[test]
fn sweep_solve_and_remaining_write_workbook_and_html() {
    let t = tempfile::tempdir().expect("tempdir");
    let mc = "scenarios/hanoi-2026-2030-mc.toml";
    let cases: [(&str, Vec<&str>, usize); 3] = [
        (
            "sweep",
            vec![
                "sweep",
                mc,
                "--set",
                "funding.scale=0.8:1.2:3",
                "--paths",
                "1000",
                "-q",
            ],
            1,
        ),
        (
            "solve",
            vec![
                "solve",
                mc,
                "--for",
                "funding.scale",
                "--paths",
                "1000",
                "-q",
            ],
            1,
        ),
        (
            "remaining",
            vec![
                "remaining",
                "scenarios/hanoi-2021-2025-review.toml",
                "--actual",
                "2021=0.0297",
                "--paths",
                "1000",
                "-q",
            ],
            1,
        ),
    ];
    for (name, args, charts) in cases {
        let out = t.path().join(name);
        run(&args, &out);
        for ext in ["json", "csv", "xlsx", "html", "png", "svg"] {
            assert!(out.join(format!("{name}.{ext}")).exists(), "{name}.{ext}");
        }
        let n = xlsx_entries(&out.join(format!("{name}.xlsx")))
            .iter()
            .filter(|e| e.starts_with("xl/charts/chart"))
            .count();
        assert!(n >= charts, "{name}: {n} native charts");
        let html = std::fs::read_to_string(out.join(format!("{name}.html"))).expect("html");
        assert!(
            html.contains("<svg") && html.contains("<table"),
            "{name}.html"
        );
    }
}

/// The comparison and sensitivity workbooks carry native charts too (P(hit) per scenario; the
/// tornado as horizontal bars).
#[test]
fn compare_and_sensitivity_workbooks_have_native_charts() {
    let t = tempfile::tempdir().expect("tempdir");
    let mc = "scenarios/hanoi-2026-2030-mc.toml";
    let cmp = t.path().join("cmp");
    run(
        &[
            "compare",
            mc,
            "scenarios/hanoi-2026-2030-mc-land-268.toml",
            "--paths",
            "1000",
            "-q",
        ],
        &cmp,
    );
    let sens = t.path().join("sens");
    run(
        &[
            &["sensitivity", mc][..],
            &crate::support::SMALL_SENSITIVITY,
            &["-q"],
        ]
        .concat(),
        &sens,
    );
    for (x, kind) in [
        (cmp.join("compare.xlsx"), "<c:barDir val=\"col\"/>"),
        (sens.join("sensitivity.xlsx"), "<c:barDir val=\"bar\"/>"),
    ] {
        let charts: Vec<String> = xlsx_entries(&x)
            .into_iter()
            .filter(|e| e.starts_with("xl/charts/chart"))
            .collect();
        assert_eq!(charts.len(), 1, "{}", x.display());
        assert!(xlsx_entry(&x, &charts[0]).contains(kind), "{}", x.display());
    }
}

/// A two-lever sweep also writes its P(hit) as a matrix; every cell is the grid point's
/// P(hit) in sweep.csv.
#[test]
fn a_two_lever_sweep_writes_the_probability_matrix() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("sw");
    run(
        &[
            "sweep",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--set",
            "funding.scale=0.8:1.2:3",
            "--set",
            "productivity.tfp_growth.mean=0.05:0.07:3",
            "--paths",
            "500",
            "-q",
        ],
        &out,
    );
    let grid = std::fs::read_to_string(out.join("sweep.csv")).expect("sweep.csv");
    let matrix = std::fs::read_to_string(out.join("sweep_matrix.csv")).expect("matrix");
    let m: Vec<Vec<&str>> = matrix.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(m.len(), 4, "{matrix}");
    assert!(
        m[0][1].ends_with("productivity.tfp_growth.mean=0.05"),
        "{matrix}"
    );
    let mut checked = 0;
    for row in grid.lines().skip(1) {
        let f: Vec<f64> = row
            .split(',')
            .take(3)
            .map(|x| x.parse().expect("number"))
            .collect();
        let (a, b, p) = (f[0], f[1], f[2]);
        let i = m
            .iter()
            .skip(1)
            .position(|r| r[0].parse::<f64>().ok() == Some(a))
            .expect("row");
        let j = [0.05, 0.06, 0.07]
            .iter()
            .position(|v| (v - b).abs() < 1e-9)
            .expect("column");
        assert_eq!(m[i + 1][j + 1].parse::<f64>().ok(), Some(p), "{a}, {b}");
        checked += 1;
    }
    assert_eq!(checked, 9);
}
