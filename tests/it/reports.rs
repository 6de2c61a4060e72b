//! The XLSX workbook and the HTML report of the Monte Carlo baseline, read back with
//! calamine and roxmltree.

use calamine::{Data, Reader, Xlsx};
use grdpsim::model::{self, Projection};
use grdpsim::montecarlo::{self, RunConfig, Sampler, Summary};
use grdpsim::report::charts::Chart;
use grdpsim::report::feasibility::FeasibilityScale;
use grdpsim::report::{Lang, docs, humanise_citation, render, to_json};
use grdpsim::scenario::{self, Scenario};
use std::io::Cursor;
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

struct Fixture {
    sc: Scenario,
    projection: Projection,
    summary: Summary,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let sc = scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).unwrap();
        let summary = montecarlo::run(&sc, &RunConfig::new(20_000, 20260101, Sampler::Mc)).unwrap();
        let projection = model::project(&sc, &sc.central).unwrap();
        Fixture {
            sc,
            projection,
            summary,
        }
    })
}

/// The run's workbook (`summary`) or the projection's (`None`), through the document.
fn workbook(fx: &Fixture, sc: &Scenario, summary: Option<&Summary>, lang: Lang) -> Vec<u8> {
    let doc = match summary {
        Some(s) => docs::run(sc, s, Vec::new(), &FeasibilityScale::default(), lang),
        None => docs::projection(sc, &fx.projection, Vec::new(), lang),
    };
    render::workbook(&doc, lang).unwrap()
}

/// The report page with these (title, SVG) charts.
fn report(
    sc: &Scenario,
    p: &Projection,
    s: Option<&Summary>,
    charts: &[(String, String)],
    scale: &FeasibilityScale,
    lang: Lang,
) -> String {
    let names = ["fan_growth", "funding", "cagr_distribution", "s_curve"];
    let charts: Vec<Chart> = charts
        .iter()
        .zip(names)
        .map(|((title, svg), name)| Chart {
            name,
            title: title.clone(),
            png: Vec::new(),
            svg: svg.clone(),
        })
        .collect();
    let doc = match s {
        Some(s) => docs::run(sc, s, charts, scale, lang),
        None => docs::projection(sc, p, charts, lang),
    };
    render::page(&doc, lang)
}

/// A few small SVG charts in the shapes a chart module may produce.
fn charts() -> Vec<(String, String)> {
    vec![
        (
            "Phân phối tăng trưởng bình quân".to_string(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg width=\"400\" height=\"200\" viewBox=\"0 0 400 200\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" y=\"0\" width=\"400\" height=\"200\" fill=\"#FFFFFF\"/>\n<text x=\"10\" y=\"20\">CAGR &amp; 11,0%</text>\n</svg>\n".to_string(),
        ),
        (
            "Funding & shortfall".to_string(),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><defs><path id=\"p\" d=\"M0 0L10 10\"/></defs><use xlink:href=\"#p\"/></svg>".to_string(),
        ),
        (
            "Fan chart".to_string(),
            "<svg width=\"10\" height=\"10\"><polyline points=\"0,0 5,5\" stroke=\"black\"/></svg>"
                .to_string(),
        ),
    ]
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("the xlsx opens")
}

fn all_strings(wb: &mut Xlsx<Cursor<Vec<u8>>>) -> Vec<String> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        out.push(name.clone());
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                if let Data::String(s) = c {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

#[test]
fn xlsx_has_five_sheets_in_each_language() {
    let fx = fixture();
    for lang in [Lang::Vi, Lang::En] {
        let bytes = workbook(fx, &fx.sc, Some(&fx.summary), lang);
        let wb = open(bytes);
        let expected: Vec<String> = match lang {
            Lang::Vi => ["Tóm tắt", "Theo năm", "Nguồn vốn", "Phân vị", "Đầu vào"],
            Lang::En => ["Summary", "Years", "Funding", "Percentiles", "Inputs"],
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        // the five sheets, then the chart sheet with native charts
        let mut with_charts = expected.clone();
        with_charts.push(lang.pick("Biểu đồ", "Charts").to_string());
        assert_eq!(wb.sheet_names(), with_charts);
        assert_eq!(
            docs::sheet_names(lang).map(str::to_string).to_vec(),
            expected
        );
    }
}

#[test]
fn xlsx_summary_holds_the_json_prob_hit() {
    let fx = fixture();
    let json: serde_json::Value = serde_json::from_slice(&to_json(&fx.summary).unwrap()).unwrap();
    let from_json = json["prob_hit"].as_f64().unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let bytes = workbook(fx, &fx.sc, Some(&fx.summary), lang);
        let mut wb = open(bytes);
        let sheet = &docs::sheet_names(lang)[0];
        let range = wb.worksheet_range(sheet).unwrap();
        let label = docs::prob_hit_label(lang);
        let row = range
            .rows()
            .find(|r| matches!(r.first(), Some(Data::String(s)) if s == label))
            .expect("a P(hit) row");
        match &row[1] {
            Data::Float(v) => assert_eq!(*v, from_json, "{lang}"),
            other => panic!("P(hit) is not a number: {other:?}"),
        }
        // the headline is row 5 (A5/B5)
        assert_eq!(
            range.get_value((4, 0)),
            Some(&Data::String(label.to_string()))
        );
        // the CI and seed are numbers too
        let numbers: Vec<f64> = range
            .rows()
            .filter_map(|r| match r.get(1) {
                Some(Data::Float(v)) => Some(*v),
                _ => None,
            })
            .collect();
        assert!(numbers.contains(&fx.summary.prob_hit_ci95[0]));
        assert!(numbers.contains(&fx.summary.prob_hit_ci95[1]));
        assert!(numbers.contains(&(fx.summary.seed as f64)));
        // the verdict of the default scale
        let verdict = FeasibilityScale::default()
            .phrase(fx.summary.prob_hit, lang)
            .to_string();
        assert!(
            range
                .rows()
                .any(|r| matches!(r.get(1), Some(Data::String(s)) if *s == verdict)),
            "{verdict}"
        );
    }
}

#[test]
fn xlsx_inputs_cite_every_source_and_the_base_grdp() {
    let fx = fixture();
    let sc = &fx.sc;
    for lang in [Lang::Vi, Lang::En] {
        let bytes = workbook(fx, sc, Some(&fx.summary), lang);
        let mut wb = open(bytes);
        let range = wb.worksheet_range(docs::sheet_names(lang)[4]).unwrap();
        let cells: Vec<String> = range
            .rows()
            .flat_map(|r| r.iter())
            .filter_map(|c| match c {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        // citations name the documents ("Action programme 2026–2030 (001), line 974"), never
        // their hashed file names
        let h = |c: &str| humanise_citation(c, lang);
        assert!(!cells.iter().any(|c| c.contains("_a5d28ec365456f50.txt")));
        let base = h(&sc.citations["economy.grdp_base_nominal"]);
        assert!(cells.contains(&base), "base GRDP citation missing");
        for s in &sc.sources {
            assert!(cells.contains(&h(&s.citation)), "{} citation missing", s.id);
        }
        for k in &sc.links {
            assert!(cells.contains(&h(&k.citation)));
        }
        for (key, c) in &sc.citations {
            assert!(cells.contains(&h(c)), "citation {key} missing");
        }
        for i in &sc.uncertainty.inputs {
            assert!(
                cells.contains(&h(&i.citation)),
                "{} citation missing",
                i.name
            );
        }
        for e in &sc.uncertainty.events {
            assert!(cells.contains(&h(&e.citation)), "{} citation missing", e.id);
        }
        // α, δ flagged as assumptions, K/Y as calibrated
        let flag = lang.pick("GIẢ ĐỊNH", "ASSUMPTION");
        for key in ["economy.capital_share", "economy.depreciation"] {
            let row = range
                .rows()
                .find(|r| matches!(r.get(1), Some(Data::String(s)) if s == key))
                .unwrap();
            assert_eq!(row[4], Data::String(flag.into()), "{key}");
        }
        // the base GRDP is a number in the value column
        let row = range
            .rows()
            .find(|r| matches!(r.get(1), Some(Data::String(s)) if s == "economy.grdp_base_nominal"))
            .unwrap();
        assert_eq!(row[5], Data::Float(sc.central.grdp_base_nominal));
    }
}

#[test]
fn xlsx_deterministic_has_three_sheets() {
    let fx = fixture();
    let bytes = workbook(fx, &fx.sc, None, Lang::Vi);
    let mut wb = open(bytes);
    assert_eq!(
        wb.sheet_names(),
        vec!["Tóm tắt", "Theo năm", "Đầu vào", "Biểu đồ"]
    );
    let years = wb.worksheet_range("Theo năm").unwrap();
    // header plus one row per year plus the period row
    let first_col: Vec<f64> = years
        .rows()
        .filter_map(|r| match r.first() {
            Some(Data::Float(v)) => Some(*v),
            _ => None,
        })
        .collect();
    assert_eq!(first_col, vec![2026.0, 2027.0, 2028.0, 2029.0, 2030.0]);
    assert_eq!(
        years.get_value((1, 1)),
        Some(&Data::Float(fx.projection.years[0].growth))
    );
    let summary = wb.worksheet_range("Tóm tắt").unwrap();
    assert!(
        summary
            .rows()
            .any(|r| r.get(1) == Some(&Data::Float(fx.projection.cagr)))
    );
}

#[test]
fn xlsx_text_is_nfc_and_bytes_are_reproducible() {
    let fx = fixture();
    let a = workbook(fx, &fx.sc, Some(&fx.summary), Lang::Vi);
    // a second later: no clock in the file (its creation date is fixed)
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = workbook(fx, &fx.sc, Some(&fx.summary), Lang::Vi);
    assert_eq!(a, b, "same inputs, same bytes");
    let mut wb = open(a);
    for s in all_strings(&mut wb) {
        assert!(is_nfc(&s), "not NFC: {s}");
    }
}

fn parse(html: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse_with_options(
        html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("the HTML is not well-formed: {e}"))
}

#[test]
fn html_is_well_formed_and_self_contained() {
    let fx = fixture();
    let charts = charts();
    let scale = FeasibilityScale::default();
    for lang in [Lang::Vi, Lang::En] {
        let out = report(
            &fx.sc,
            &fx.projection,
            Some(&fx.summary),
            &charts,
            &scale,
            lang,
        );
        let doc = parse(&out);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "html");
        assert_eq!(root.attribute("lang"), Some(&*lang.to_string()));
        assert!(out.contains("<meta charset=\"utf-8\"/>"));
        // headline, exactly, then the verdict
        let headline = docs::headline(&fx.summary, lang);
        assert!(out.contains(&headline), "{headline}");
        let verdict = scale.phrase(fx.summary.prob_hit, lang);
        let at = out.find(&headline).unwrap();
        assert!(out[at..].contains(verdict));
        // nothing external, nothing executable
        for bad in [
            "http://", "https://", "<script", "<link", "<img", "<iframe", "@import",
        ] {
            assert!(!out.contains(bad), "{bad} in the {lang} report");
        }
        // one <svg per chart, each an svg element in the tree
        assert_eq!(out.matches("<svg").count(), charts.len());
        let svgs = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "svg")
            .count();
        assert_eq!(svgs, charts.len());
        for (title, _) in &charts {
            assert!(
                doc.descendants()
                    .any(|n| n.tag_name().name() == "figcaption" && n.text() == Some(title)),
                "{title}"
            );
        }
        // every citation of the scenario, in the parsed text
        let text: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("\n");
        let h = |c: &str| humanise_citation(c, lang);
        assert!(!text.contains("_a5d28ec365456f50.txt"));
        for c in fx.sc.citations.values() {
            assert!(text.contains(&h(c)), "citation missing: {c}");
        }
        for s in &fx.sc.sources {
            assert!(text.contains(&h(&s.citation)), "{}", s.id);
        }
        for i in &fx.sc.uncertainty.inputs {
            assert!(text.contains(&h(&i.citation)), "{}", i.name);
        }
        for c in &fx.sc.uncertainty.compensation {
            assert!(text.contains(&h(&c.citation)), "{}", c.id);
        }
        // α, δ and K/Y flagged
        let flag = lang.pick("GIẢ ĐỊNH", "ASSUMPTION");
        assert!(text.contains(flag));
        assert!(text.contains("α"));
        assert!(text.contains("δ"));
        assert!(text.contains("K/Y"));
        assert!(is_nfc(&out), "the {lang} report is not NFC");
    }
}

#[test]
fn html_headline_has_the_exact_form() {
    let fx = fixture();
    let mut s = fx.summary.clone();
    s.target = 0.11;
    s.prob_hit = 0.206;
    s.prob_hit_ci95 = [0.205, 0.207];
    assert_eq!(
        docs::headline(&s, Lang::Vi),
        "Xác suất đạt tăng trưởng bình quân ≥ 11,0%: 20,6% (KTC 95% 20,5–20,7%)"
    );
    assert_eq!(
        docs::headline(&s, Lang::En),
        "Probability of average growth ≥ 11.0%: 20.6% (95% CI 20.5–20.7%)"
    );
    let out = report(
        &fx.sc,
        &fx.projection,
        Some(&s),
        &[],
        &FeasibilityScale::default(),
        Lang::Vi,
    );
    assert!(out.contains("Xác suất đạt tăng trưởng bình quân ≥ 11,0%: 20,6% (KTC 95% 20,5–20,7%)"));
    assert!(out.contains("rất thách thức"));
    assert!(!out.contains("<svg"));
    parse(&out);
}

#[test]
fn html_deterministic_and_hostile_text() {
    let fx = fixture();
    let mut sc = fx.sc.clone();
    sc.meta.title_en = "A <b>bold</b> & \"quoted\" title, see https://example.org".into();
    sc.citations.insert(
        "economy.grdp_base_nominal".into(),
        "x < y & z > w ']]> <!-- http://a".into(),
    );
    let out = report(
        &sc,
        &fx.projection,
        None,
        &[("t <1>".into(), "<svg><g/></svg>".into())],
        &FeasibilityScale::default(),
        Lang::En,
    );
    let doc = parse(&out);
    assert!(!out.contains("https://") && !out.contains("http://"));
    let title = doc
        .descendants()
        .find(|n| n.tag_name().name() == "h1")
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(
        title,
        "A <b>bold</b> & \"quoted\" title, see https://example.org"
    );
    assert!(out.contains(&docs::headline_deterministic(&fx.projection, Lang::En)));
    assert_eq!(out.matches("<svg").count(), 1);
}

/// An exact reproduction of the target (TFP set to what `required` says 11% needs) prints
/// "EQUALS (to rounding)" and never "MISSES", whatever the last floating-point bit says.
#[test]
fn an_exact_reproduction_is_not_called_a_miss() {
    let sc = scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).expect("scenario");
    let r = model::required(&sc, &sc.central).expect("required");
    let mut x = sc.central.clone();
    for (t, y) in r.years.iter().enumerate() {
        x.tfp_growth[t] = y.implied_tfp_growth;
    }
    let p = model::project(&sc, &x).expect("projection");
    assert!((p.cagr - sc.meta.target_growth).abs() < 1e-9, "{}", p.cagr);
    for (lang, word, miss) in [
        (
            Lang::En,
            "11.00% (EQUALS (to rounding) the target",
            "MISSES",
        ),
        (
            Lang::Vi,
            "11,00% (BẰNG (trong sai số làm tròn) mục tiêu",
            "KHÔNG ĐẠT",
        ),
    ] {
        let text = render::text(&docs::projection_brief(&sc, &p, lang), lang);
        assert!(text.contains(word), "{text}");
        assert!(!text.contains(miss), "{text}");
    }
    // just below the display step it is a miss again
    x.tfp_growth[4] -= 0.002;
    let p = model::project(&sc, &x).expect("projection");
    assert!(render::text(&docs::projection_brief(&sc, &p, Lang::En), Lang::En).contains("MISSES"));
}
