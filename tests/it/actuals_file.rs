//! Actuals from a file: flags, an annual CSV and the equivalent quarterly XLSX give the same
//! nowcast; a partial year is evidence, not a fixed year; bad files get a clear error.

use grdpsim::analysis::remaining::file::{self, Indicator, PARTIAL_GROWTH_SD};
use grdpsim::analysis::remaining::{self, Actuals, Measure, RemainingConfig};
use grdpsim::scenario::{self, Scenario};
use std::path::Path;
use std::process::Command;

fn mc() -> Scenario {
    scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("valid")
}

fn run(sc: &Scenario, a: &Actuals) -> remaining::Remaining {
    run_with(sc, a, 20_000)
}

fn run_with(sc: &Scenario, a: &Actuals, paths: u64) -> remaining::Remaining {
    let cfg = RemainingConfig {
        paths,
        seed: 20260101,
        likelihood: Default::default(),
    };
    remaining::remaining(sc, a, &cfg).expect("remaining")
}

fn quarterly_xlsx(path: &Path, quarters: [f64; 4]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in ["year", "period", "indicator", "value"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).expect("cell");
    }
    for (i, q) in quarters.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, 2026.0).expect("cell");
        ws.write_string(r, 1, format!("Q{}", i + 1)).expect("cell");
        ws.write_string(r, 2, "growth").expect("cell");
        ws.write_number(r, 3, *q).expect("cell");
    }
    wb.save(path).expect("save");
}

#[test]
fn flags_annual_csv_and_quarterly_xlsx_give_the_same_result() {
    let sc = mc();
    let t = tempfile::tempdir().expect("tempdir");
    let flags = Actuals::new(&sc, &[(2026, 0.082)], &[]).expect("valid");
    let csv = t.path().join("annual.csv");
    std::fs::write(&csv, "year,period,indicator,value\n2026,,growth,8.2%\n").expect("write");
    let from_csv = Actuals::from_estimates(&sc, &file::read(&csv).expect("reads"), "annual.csv")
        .expect("valid");
    let xlsx = t.path().join("quarterly.xlsx");
    quarterly_xlsx(&xlsx, [0.078, 0.080, 0.083, 0.087]);
    let est = file::read(&xlsx).expect("reads");
    assert_eq!(est.len(), 1);
    assert_eq!(est[0].periods, (4, 4));
    assert!((est[0].value - 0.082).abs() < 1e-15);
    let from_xlsx = Actuals::from_estimates(&sc, &est, "quarterly.xlsx").expect("valid");
    assert_eq!(flags, from_csv);
    let (a, b, c) = (run(&sc, &flags), run(&sc, &from_csv), run(&sc, &from_xlsx));
    let p = |r: &remaining::Remaining| {
        let c = r.conditioned.as_ref().expect("conditioned");
        (c.prob_hit.expect("not refused"), c.effective_paths)
    };
    assert_eq!(a, b);
    assert!((p(&a).0 - p(&c).0).abs() < 1e-12 && (p(&a).1 - p(&c).1).abs() < 1e-6);
    assert_eq!(
        a.monte_carlo.as_ref().map(|m| m.prob_hit),
        c.monte_carlo.as_ref().map(|m| m.prob_hit)
    );
}

#[test]
fn a_partial_year_is_evidence_with_a_wider_error_not_a_fixed_year() {
    let sc = mc();
    let est = file::read("examples/actuals/illustrative-2027-h1.csv".as_ref()).expect("reads");
    let a = Actuals::from_estimates(&sc, &est, "h1").expect("valid");
    // 2026 is fixed (growth and investment); 2027 (Q1, Q2) is not
    assert_eq!(a.growth, vec![0.082]);
    assert_eq!(a.investment, vec![Some(640.0)]);
    assert_eq!(a.evidence.len(), 1);
    let e = &a.evidence[0];
    assert_eq!(
        (e.year, e.measure, e.periods),
        (2027, Measure::Growth, (2, 4))
    );
    assert!((e.value - 0.085).abs() < 1e-15);
    assert!((e.extra_sd - PARTIAL_GROWTH_SD * 0.5).abs() < 1e-15);
    let r = run_with(&sc, &a, 100_000);
    assert_eq!(r.actual.len(), 1);
    let c = r.conditioned.expect("conditioned");
    assert!(c.effective_paths > 200.0, "{}", c.effective_paths);
    // a 2027 half-year of 8.5% on top of 8.2% weighs towards lower TFP still
    let tfp = c
        .inputs
        .iter()
        .find(|i| i.name == "tfp_growth")
        .expect("tfp");
    assert!(tfp.posterior_mean < tfp.prior_mean);
    // monthly investment rows are summed and scaled to a year
    let t = tempfile::tempdir().expect("tempdir");
    let m = t.path().join("months.csv");
    std::fs::write(
        &m,
        "year,period,indicator,value\n2026,M1,investment.soe,10\n2026,M2,investment.soe,14\n2026,M03,investment.soe,12\n",
    )
    .expect("write");
    let est = file::read(&m).expect("reads");
    assert_eq!(est[0].indicator, Indicator::Source("soe".into()));
    assert!((est[0].value - 36.0 * 4.0).abs() < 1e-12);
    assert_eq!(est[0].periods, (3, 12));
}

fn refused(text: &str, name: &str) -> String {
    let sc = mc();
    let t = tempfile::tempdir().expect("tempdir");
    let p = t.path().join(name);
    std::fs::write(&p, text).expect("write");
    match file::read(&p) {
        Err(e) => e,
        Ok(est) => Actuals::from_estimates(&sc, &est, name).expect_err("refused"),
    }
}

#[test]
fn bad_files_are_refused_with_file_line_column_and_a_suggestion() {
    let e = refused("year,quarter,indicator,value\n2026,,growth,0.08\n", "h.csv");
    assert!(
        e.contains("h.csv:1") && e.contains("`period`") && e.contains("init --actuals"),
        "{e}"
    );
    let e = refused("year,period,indicator,value\n2026,,growth,abc\n", "v.csv");
    assert!(
        e.contains("v.csv:2") && e.contains("`value`") && e.contains("\"abc\""),
        "{e}"
    );
    let e = refused("year,period,indicator,value\n2026,,growth,8.2\n", "pct.csv");
    assert!(e.contains("0.082") && e.contains("8.2%"), "{e}");
    let e = refused(
        "year,period,indicator,value\n2026,Q5,growth,0.08\n",
        "q.csv",
    );
    assert!(e.contains("q.csv:2") && e.contains("Q1–Q4"), "{e}");
    let e = refused(
        "year,period,indicator,value\n2026,,growth,0.08\n2026,Q1,growth,0.07\n",
        "mix.csv",
    );
    assert!(e.contains("mix.csv:3") && e.contains("mixes"), "{e}");
    let e = refused(
        "year,period,indicator,value\n2026,,growth,0.08\n2026,,investment.seo,10\n",
        "id.csv",
    );
    assert!(e.contains("investment.soe"), "{e}");
    let e = refused(
        "year,period,indicator,value\n2031,,growth,0.08\n",
        "far.csv",
    );
    assert!(e.contains("2031") && e.contains("horizon"), "{e}");
    let e = refused(
        "year,period,indicator,value\n2026,,growth,0.08\n2028,,growth,0.08\n",
        "gap.csv",
    );
    assert!(e.contains("2027"), "{e}");
    // not a regular file, through the command line: exit 2, in bounded time
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args([
            "remaining",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--actuals",
            "/dev/zero.csv",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args([
            "remaining",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--actuals",
            "/dev",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
}

#[test]
fn init_actuals_writes_a_template_that_reads_back_in_both_formats() {
    let t = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args(["init", "mine", "--actuals", "--dir"])
        .arg(t.path())
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = file::read(&t.path().join("mine.csv")).expect("csv reads");
    let xlsx = file::read(&t.path().join("mine.xlsx")).expect("xlsx reads");
    assert_eq!(csv, xlsx);
    // every indicator kind is in the template
    for ind in [
        Indicator::Growth,
        Indicator::Investment,
        Indicator::Source("public_investment".into()),
        Indicator::Employment,
        Indicator::Deflator,
    ] {
        assert!(csv.iter().any(|e| e.indicator == ind), "{ind:?}");
    }
    let sc = mc();
    Actuals::from_estimates(&sc, &csv, "mine.csv").expect("the template fits the shipped scenario");
}

#[test]
fn a_partial_first_year_alone_is_a_nowcast_with_nothing_fixed() {
    // mid-2026: only Q1 and Q2 are known; no year is realised yet
    let t = tempfile::tempdir().expect("tempdir");
    let f = t.path().join("h1.csv");
    std::fs::write(
        &f,
        "year,period,indicator,value\n2026,Q1,growth,0.075\n2026,Q2,growth,0.08\n",
    )
    .expect("write");
    let out = t.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_grdpsim"))
        .args([
            "remaining",
            "scenarios/hanoi-2026-2030-mc.toml",
            "--paths",
            "20000",
            "--lang",
            "en",
        ])
        .arg("--actuals")
        .arg(&f)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("remaining.json")).expect("json"))
            .expect("parses");
    assert_eq!(j["actual"].as_array().expect("actual").len(), 0);
    // nothing fixed: the unweighted figure is the unconditional one; the nowcast learns
    let mc = &j["monte_carlo"];
    assert_eq!(mc["prob_hit"], mc["prob_hit_unconditional"]);
    let p = j["conditioned"]["prob_hit"].as_f64().expect("not refused");
    assert!(
        p < mc["prob_hit"].as_f64().expect("p"),
        "a weak first half lowers P: {p}"
    );
}
