//! `grdpsim compare`: paired differences on common random numbers, their intervals, the
//! outputs, and the command line.

use calamine::{DataType, Reader, Xlsx, open_workbook_from_rs};
use grdpsim::analysis::compare::{
    self, CompareConfig, CompareError, DEFAULT_PATHS, DEFAULT_SEED, Warning,
};
use grdpsim::montecarlo::Sampler;
use grdpsim::scenario::{self, Scenario};
use std::io::Cursor;
use std::path::Path;

const BASE: &str = "scenarios/hanoi-2026-2030-mc.toml";
const LAND: &str = "scenarios/hanoi-2026-2030-mc-land-268.toml";

fn load(p: &str) -> Scenario {
    scenario::load(Path::new(p)).expect("scenario loads")
}

fn cfg(paths: u64) -> CompareConfig {
    CompareConfig {
        paths,
        seed: DEFAULT_SEED,
        sampler: Sampler::Mc,
        progress: false,
    }
}

use crate::support::grdpsim;

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let a = load(BASE);
    let c = compare::compare(&[a.clone(), a], &cfg(4096)).expect("compare runs");
    let p = &c.pairs[0];
    assert!(p.identical);
    assert_eq!(p.n, 4096);
    assert_eq!((p.n10, p.n01), (0, 0));
    assert_eq!(p.diff, 0.0);
    assert_eq!(p.diff_ci95, [0.0, 0.0]);
    assert_eq!(p.diff_se, 0.0);
    assert_eq!(p.mcnemar_p, 1.0);
    assert_eq!(p.cagr_mean_diff, 0.0);
    assert_eq!(p.cagr_mean_diff_se, 0.0);
    assert_eq!(p.cagr_median_diff, 0.0);
    assert_eq!(p.cagr_correlation, 1.0);
    // the two runs agree with each other and with the pair's own counts
    let (sa, sb) = (&c.scenarios[0].summary, &c.scenarios[1].summary);
    assert_eq!(sa.prob_hit, sb.prob_hit);
    assert_eq!(p.prob_hit_a, sa.prob_hit);
    assert!(
        p.diff_se_unpaired > 0.0,
        "independent runs would not see 0 exactly"
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

/// Land revenue at 268 instead of 800 lowers P(hit); the paired interval excludes 0 and the
/// paired standard error is below the unpaired one. Run here at 4,096 paths (the debug
/// budget; the difference is then about 11 paired standard errors from 0); the same check at
/// the default 100,000 paths is
/// `land_268_at_the_default_paths_excludes_zero`.
#[test]
fn land_268_lowers_p_hit_with_an_interval_excluding_zero() {
    let c = compare::compare(&[load(BASE), load(LAND)], &cfg(4096)).expect("compare runs");
    check_land(&c, 4096);
}

/// The check at the default path count (100,000 paths × 2 scenarios, twice: about 1 s
/// in release, about a minute in debug, so it runs only in optimised builds:
/// `cargo test --release --test it compare::`).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "100,000 paths: run with cargo test --release --test it compare::"
)]
fn land_268_at_the_default_paths_excludes_zero() {
    let c = compare::compare(&[load(BASE), load(LAND)], &CompareConfig::default())
        .expect("compare runs");
    assert_eq!(c.paths, DEFAULT_PATHS);
    check_land(&c, DEFAULT_PATHS);
}

fn check_land(c: &compare::Comparison, paths: u64) {
    let p = &c.pairs[0];
    assert!(!p.identical);
    assert_eq!(p.n, paths, "no invalid path");
    assert!(p.diff < 0.0, "{}", p.diff);
    assert!(p.diff_ci95[0] <= p.diff && p.diff <= p.diff_ci95[1]);
    assert!(
        p.diff_ci95[1] < 0.0,
        "interval {:?} excludes 0",
        p.diff_ci95
    );
    // the difference is the difference of the two runs' P(hit) (no invalid path)
    let (sa, sb) = (&c.scenarios[0].summary, &c.scenarios[1].summary);
    assert!((p.diff - (sb.prob_hit - sa.prob_hit)).abs() < 1e-12);
    // less land revenue never turns a miss into a hit on the same draws
    assert_eq!(p.n01, 0);
    assert!(p.mcnemar_p < 1e-10);
    // pairing pays: the paired standard error is below the unpaired sqrt(se_A² + se_B²),
    // here by a factor of about 3 (CAGRs correlate ~0.999 path by path)
    let unpaired = (sa.prob_hit_se.powi(2) + sb.prob_hit_se.powi(2)).sqrt();
    assert!((p.diff_se_unpaired - unpaired).abs() < 1e-12);
    assert!(p.diff_se <= p.diff_se_unpaired);
    assert!(
        p.diff_se < 0.5 * p.diff_se_unpaired,
        "{} vs {}",
        p.diff_se,
        p.diff_se_unpaired
    );
    assert!(p.cagr_mean_diff < 0.0);
    assert!(p.cagr_mean_diff_se <= p.cagr_mean_diff_se_unpaired);
    assert!(p.cagr_mean_diff_ci95[1] < 0.0);
    assert!(p.cagr_correlation > 0.9);
    // the paired interval is (nearly) the Wald interval at this many discordant paths and
    // far narrower than d ± 1.96·(unpaired se)
    let width = p.diff_ci95[1] - p.diff_ci95[0];
    assert!(width < 2.0 * 1.96 * p.diff_se_unpaired * 0.5);
    assert!((width - 2.0 * 1.96 * p.diff_se).abs() < 0.1 * width);
}

#[test]
fn different_input_sets_and_targets_warn_different_years_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let uncertain = scenario::load(&data.join("uncertain.toml")).expect("loads");
    let minimal = scenario::load(&data.join("minimal.toml")).expect("loads");
    let c = compare::compare(&[uncertain.clone(), minimal], &cfg(2000)).expect("runs");
    assert!(
        c.warnings
            .iter()
            .any(|w| matches!(w, Warning::InputSets { only_a, only_b, .. }
            if only_a.contains(&"tfp_growth".to_string())
                && only_a.contains(&"event:metro".to_string())
                && only_b.is_empty())),
        "{:?}",
        c.warnings
    );

    // another target: allowed, each P(hit) against its own target
    let lower = dir.path().join("lower.toml");
    std::fs::write(
        &lower,
        format!(
            "extends = {:?}\n[meta]\nname = \"lower\"\ntarget_growth = 0.10\n",
            data.join("uncertain.toml").display().to_string()
        ),
    )
    .expect("write");
    let lower = scenario::load(&lower).expect("loads");
    let c = compare::compare(&[uncertain.clone(), lower], &cfg(2000)).expect("runs");
    assert!(
        c.warnings
            .iter()
            .any(|w| matches!(w, Warning::Targets { a, b } if a.1 == 0.11 && b.1 == 0.10)),
        "{:?}",
        c.warnings
    );
    let p = &c.pairs[0];
    // same draws, lower bar: never a hit turned into a miss
    assert_eq!(p.n10, 0);
    assert!(p.diff > 0.0);
    assert_eq!(c.scenarios[1].summary.target, 0.10);

    // other years: refused
    let text = std::fs::read_to_string(data.join("minimal.toml")).expect("read");
    let short = text
        .replace("end_year = 2030", "end_year = 2028")
        .replace("[8100, 8200, 8300, 8400, 8500]", "[8100, 8200, 8300]")
        .replace("[4040, 4080, 4120, 4160, 4200]", "[4040, 4080, 4120]")
        .replace("[100, 110, 120, 130, 140]", "[100, 110, 120]")
        .replace("[300, 330, 360, 390, 420]", "[300, 330, 360]")
        .replace("name = \"minimal\"", "name = \"short\"");
    let short_path = dir.path().join("short.toml");
    std::fs::write(&short_path, short).expect("write");
    let short = scenario::load(&short_path).expect("3-year scenario loads");
    let err = compare::compare(&[uncertain.clone(), short], &cfg(100)).expect_err("years differ");
    assert!(matches!(err, CompareError::Years { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("2026–2030") && msg.contains("2026–2028"),
        "{msg}"
    );

    assert!(matches!(
        compare::compare(std::slice::from_ref(&uncertain), &cfg(100)),
        Err(CompareError::Count(1))
    ));
    assert!(matches!(
        compare::compare(&[uncertain.clone(), uncertain], &cfg(0)),
        Err(CompareError::NoPaths)
    ));
}

/// The test scenario against a variant with less land revenue, over two chunks of paths
/// (the joint pass adds its float sums chunk by chunk): byte-identical on 1 and 2 threads.
#[test]
fn compare_json_is_identical_on_one_and_two_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let variant = dir.path().join("land-low.toml");
    std::fs::write(
        &variant,
        format!(
            "extends = {:?}\n[meta]\nname = \"land-low\"\n[[sources]]\nid = \"land\"\nrealisation = 0.5\n",
            data.join("uncertain.toml").display().to_string()
        ),
    )
    .expect("write");
    let mut outs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("t{threads}"));
        grdpsim()
            .env("RAYON_NUM_THREADS", threads)
            .arg("compare")
            .arg(data.join("uncertain.toml"))
            .arg(&variant)
            .args(["--paths", "5000", "--formats", "json", "-q", "--out"])
            .arg(&out)
            .assert()
            .success();
        outs.push(std::fs::read(out.join("compare.json")).expect("compare.json"));
    }
    let json: serde_json::Value = serde_json::from_slice(&outs[0]).expect("json");
    let p = &json["pairs"][0];
    assert!(
        p["n10"].as_u64().expect("n10") > 0,
        "the variant changes outcomes: {p}"
    );
    assert!(p["cagr_mean_diff"].as_f64().expect("diff") < 0.0);
    assert!(
        outs[0] == outs[1],
        "compare.json differs between 1 and 2 threads"
    );
}

#[test]
fn writes_every_format_readable_by_other_tools() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let assert = grdpsim()
        .args([
            "compare", BASE, LAND, BASE, "--paths", "2048", "--lang", "en", "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).expect("utf-8");
    assert!(
        stdout.contains("B − A: probability of ≥ 11.0% falls"),
        "{stdout}"
    );
    assert!(stdout.contains("C − A"), "{stdout}");
    assert!(stdout.contains("A and C are the same scenario"), "{stdout}");
    assert!(stdout.contains("paired standard error"), "{stdout}");

    // manifest lists every file with its hash, and every scenario file read
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["command"], "compare");
    let files: Vec<&str> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("name"))
        .collect();
    for want in [
        "compare.json",
        "compare.csv",
        "compare.png",
        "compare.svg",
        "compare.xlsx",
        "compare.html",
    ] {
        assert!(files.contains(&want), "missing {want}: {files:?}");
        let bytes = std::fs::read(out.join(want)).expect("listed file exists");
        let entry = manifest["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["path"] == want)
            .expect("entry");
        assert_eq!(
            entry["fnv1a64"].as_str(),
            Some(grdpsim::scenario::fnv1a_hex(&[&bytes]).as_str())
        );
    }
    let sc_files = manifest["scenario_files"]
        .as_array()
        .expect("scenario files");
    assert!(sc_files.iter().any(|f| f.as_str() == Some(LAND)));

    // JSON: the contract fields, differences consistent with the counts
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("compare.json")).expect("json"))
            .expect("parses");
    let pairs = json["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 3, "A–B, A–C, B–C");
    for p in pairs {
        let n = p["n"].as_f64().expect("n");
        let d = (p["n01"].as_f64().expect("n01") - p["n10"].as_f64().expect("n10")) / n;
        assert_eq!(p["diff"].as_f64(), Some(d));
    }
    assert_eq!(pairs[1]["identical"], true);
    assert_eq!(pairs[1]["diff"].as_f64(), Some(0.0));

    // CSV: one row per scenario, the reference's difference columns empty
    let csv = std::fs::read(out.join("compare.csv")).expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&csv[3..]);
    let head = r.headers().expect("header").clone();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][col("diff_vs_ref")], "");
    let d: f64 = rows[1][col("diff_vs_ref")].parse().expect("number");
    let hi: f64 = rows[1][col("diff_ci95_hi")].parse().expect("number");
    assert!(d < 0.0 && hi < 0.0);
    assert_eq!(&rows[2][col("diff_vs_ref")], "0");
    assert!(head.iter().any(|h| h == "shortfall_mean_land_revenue"));

    // XLSX: the three sheets and the native chart's, numbers as numbers; the comparison
    // table has compare.csv's columns (header on row 4, A on row 5, B on row 6)
    let bytes = std::fs::read(out.join("compare.xlsx")).expect("xlsx");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    assert_eq!(
        wb.sheet_names(),
        vec!["Comparison", "Shortfall by source", "Pairs", "Charts"]
    );
    let sheet = wb.worksheet_range("Comparison").expect("sheet");
    let at = |name: &str| {
        let c = (0..40)
            .find(|&j| matches!(sheet.get_value((3, j)), Some(calamine::Data::String(s)) if s.starts_with(name)))
            .unwrap_or_else(|| panic!("no column {name}"));
        sheet
            .get_value((5, c))
            .and_then(|v| v.as_f64())
            .expect("number")
    };
    assert_eq!(col("prob_hit"), 8);
    assert_eq!(col("diff_vs_ref"), 12);
    let p_hit_b = sheet
        .get_value((5, 8))
        .and_then(|v| v.as_f64())
        .expect("number");
    let diff_b = sheet
        .get_value((5, 12))
        .and_then(|v| v.as_f64())
        .expect("number");
    assert_eq!(at("P(≥"), p_hit_b);
    assert!(
        (p_hit_b
            - json["scenarios"][1]["summary"]["prob_hit"]
                .as_f64()
                .expect("p"))
        .abs()
            < 1e-15
    );
    assert!((diff_b - d).abs() < 1e-15);

    // HTML: well-formed, self-contained, the chart inlined
    let html = std::fs::read_to_string(out.join("compare.html")).expect("html");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, opts).expect("XHTML-compatible");
    assert!(html.contains("<svg"));
    for banned in ["<script", "http://", "https://", "<img", "<link"] {
        assert!(!html.contains(banned), "{banned}");
    }

    // PNG 1600×1000
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(out.join("compare.png")).expect("png"),
    ));
    let reader = decoder.read_info().expect("png header");
    assert_eq!((reader.info().width, reader.info().height), (1600, 1000));
}

#[test]
fn command_line_errors_exit_2() {
    // one file
    let a = grdpsim().args(["compare", BASE]).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).expect("utf-8");
    assert!(err.contains("between 2 and 8 scenario files"), "{err}");
    // no file
    grdpsim().args(["compare"]).assert().code(2);
    // a broken file: the scenario diagnostic (file, line) and 2
    let a = grdpsim()
        .args(["compare", BASE, "tests/data/bad/missing_field.toml", "-q"])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).expect("utf-8");
    assert!(err.contains("missing_field.toml"), "{err}");
    // a missing file
    grdpsim()
        .args(["compare", BASE, "no/such/file.toml"])
        .assert()
        .code(2);
    // zero paths
    grdpsim()
        .args(["compare", BASE, LAND, "--paths", "0"])
        .assert()
        .code(2);
}
