//! Charts of the report: every chart renders to a 1600×1000 PNG that an independent decoder
//! reads and that is not blank, and to an SVG that parses and carries the Vietnamese text
//! exactly (NFC), in both languages; bad input is an error, not a panic.
//!
//! `GRDPSIM_CHART_DIR=/some/dir cargo test --release --test it charts:: -- --ignored` writes every
//! chart (vi and en, 100,000 paths) there to look at.

use grdpsim::model::{self, Projection};
use grdpsim::montecarlo::{self, RunConfig, Sampler, Summary};
use grdpsim::report::Lang;
use grdpsim::report::charts::{self, Chart, ChartError, HEIGHT, WIDTH};
use grdpsim::scenario::{self, Scenario};
use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

const SCENARIO: &str = "scenarios/hanoi-2026-2030-mc.toml";
const SEED: u64 = 20260101;

struct Fixture {
    sc: Scenario,
    summary: Summary,
    projection: Projection,
}

fn cfg(paths: u64) -> RunConfig {
    RunConfig::new(paths, SEED, Sampler::Mc)
}

fn build(paths: u64, shares: &[f64]) -> Fixture {
    let sc = scenario::load(SCENARIO.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let summary = montecarlo::run_with_curve(&sc, &cfg(paths), shares).expect("run");
    let projection = model::project(&sc, &sc.central).expect("projection");
    Fixture {
        sc,
        summary,
        projection,
    }
}

/// One small run shared by the tests (debug builds simulate a few thousand paths a second).
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| build(1024, &[0.5, 0.7, 0.85, 1.0, 1.1, 1.2]))
}

/// Every chart of the fixture in `lang`, drawn once and shared by the tests.
fn all(lang: Lang) -> &'static [Chart] {
    static VI: OnceLock<Vec<Chart>> = OnceLock::new();
    static EN: OnceLock<Vec<Chart>> = OnceLock::new();
    let cell = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    cell.get_or_init(|| draw_all(fixture(), lang))
}

fn draw_all(f: &Fixture, lang: Lang) -> Vec<Chart> {
    let (sc, s) = (&f.sc, &f.summary);
    vec![
        charts::fan_growth(sc, s, lang).expect("fan_growth"),
        charts::cagr_distribution(sc, s, lang).expect("cagr_distribution"),
        charts::funding(sc, s, lang).expect("funding"),
        charts::probability_curve(sc, s, lang).expect("probability_curve"),
        charts::decomposition(sc, &f.projection, lang).expect("decomposition"),
        charts::per_capita_fan(sc, s, lang).expect("per_capita_fan"),
    ]
}

/// Decodes with the `png` crate: size, and how many distinct colours / non-white pixels.
fn decode(png_bytes: &[u8]) -> (u32, u32, usize, f64) {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let px = &buf[..info.buffer_size()];
    // every 3rd pixel is plenty to tell a chart from a blank page (and fast in debug builds)
    let mut colours = HashSet::new();
    let (mut inked, mut seen) = (0usize, 0usize);
    for p in px.chunks_exact(3).step_by(3) {
        colours.insert((p[0], p[1], p[2]));
        seen += 1;
        if p != [255, 255, 255] {
            inked += 1;
        }
    }
    let share = inked as f64 / seen as f64;
    (info.width, info.height, colours.len(), share)
}

/// Text content of every `<text>` element of the SVG.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some(WIDTH.to_string().as_str()));
    assert_eq!(root.attribute("height"), Some(HEIGHT.to_string().as_str()));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

#[test]
fn every_chart_renders_to_png_and_svg_in_both_languages() {
    for lang in [Lang::Vi, Lang::En] {
        let charts = all(lang);
        let names: Vec<&str> = charts.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "fan_growth",
                "cagr_distribution",
                "funding",
                "probability_curve",
                "decomposition",
                "per_capita_fan"
            ]
        );
        for c in charts {
            let (w, h, colours, inked) = decode(&c.png);
            assert_eq!((w, h), (WIDTH, HEIGHT), "{} ({lang})", c.name);
            assert!(colours > 50, "{} ({lang}): {colours} colours", c.name);
            assert!(
                inked > 0.03 && inked < 0.9,
                "{} ({lang}): {:.1}% of pixels not white",
                c.name,
                100.0 * inked
            );
            let texts = svg_texts(&c.svg);
            assert!(
                texts.len() > 10,
                "{} ({lang}): {} texts",
                c.name,
                texts.len()
            );
            assert!(
                has(&texts, &c.title),
                "{} ({lang}): title in the SVG",
                c.name
            );
            assert!(
                texts.iter().all(|t| is_nfc(t)),
                "{} ({lang}): every label is NFC",
                c.name
            );
            let source = match lang {
                Lang::Vi => "Nguồn: grdpsim, kịch bản hanoi-2026-2030-mc",
                Lang::En => "Source: grdpsim, scenario hanoi-2026-2030-mc",
            };
            assert!(has(&texts, source), "{} ({lang}): source line", c.name);
            // the bundled font, with fallbacks for SVG viewers
            assert!(
                c.svg
                    .contains("font-family=\"DejaVu Sans, Verdana, sans-serif\"")
            );
        }
    }
}

#[test]
fn vietnamese_text_is_exact() {
    let f = fixture();
    let s = &f.summary;
    let charts = all(Lang::Vi);
    let texts: Vec<Vec<String>> = charts.iter().map(|c| svg_texts(&c.svg)).collect();
    let [fan, cagr, funding, curve, decomposition, per_capita] = &texts[..] else {
        panic!("six charts")
    };

    assert_eq!(charts[0].title, "Tăng trưởng GRDP thực theo năm, 2021–2030");
    assert!(has(fan, "Tăng trưởng GRDP thực (%/năm)"));
    // only 2021–2023 are printed actuals; 2024–2025 are estimates and say so
    assert!(has(fan, "Thực tế 2021–2023"));
    assert!(!has(fan, "Thực tế 2021–2025"));
    assert!(
        fan.iter()
            .any(|t| t.trim().starts_with("Ước tính 2024–2025"))
    );
    assert!(has(fan, "Mục tiêu 11,0%/năm"));
    assert!(has(fan, "Lộ trình kế hoạch"));
    // the 2021 actual, written with a decimal comma
    assert!(has(fan, "3,0%"));
    assert!(has(
        fan,
        &format!("Nguồn: grdpsim, kịch bản hanoi-2026-2030-mc, 1.024 đường, seed {SEED}")
    ));

    let l = Lang::Vi;
    let prob = format!(
        "Xác suất ≥ 11,0%: {} (KTC 95%: {}–{})",
        l.pct(s.prob_hit, 1),
        l.num(100.0 * s.prob_hit_ci95[0], 1),
        l.pct(s.prob_hit_ci95[1], 1)
    );
    assert!(has(cagr, &prob), "{prob}");
    assert!(has(cagr, "Đạt hoặc vượt mục tiêu (≥ 11,0%)"));

    assert!(has(funding, "Đầu tư công"));
    assert!(has(funding, "Tổng vốn đầu tư"));
    assert!(
        has(funding, "kế hoạch 3.092,0"),
        "thousands separator is a dot"
    );

    // the x axis says what it is: planned funding scaled by k (decimal comma in Vietnamese)
    assert!(
        curve
            .iter()
            .any(|t| t.trim().starts_with("Như kịch bản (k = 1, chi thực tế "))
    );
    assert!(has(curve, "×1,2"));

    assert!(has(decomposition, "Lao động"));
    assert!(has(decomposition, "dự báo tất định"));
    assert!(has(
        decomposition,
        "Mục tiêu TFP từng năm (60–62% tăng trưởng)"
    ));
    assert!(has(
        decomposition,
        "Mục tiêu TFP cả giai đoạn (57% tăng trưởng bình quân)"
    ));

    assert!(has(per_capita, "Mục tiêu 2030: 12.000 USD"));
    assert!(has(per_capita, "GRDP bình quân đầu người"));
}

#[test]
fn english_numbers_use_english_separators() {
    let charts = all(Lang::En);
    let texts: Vec<Vec<String>> = charts.iter().map(|c| svg_texts(&c.svg)).collect();
    assert!(has(&texts[0], "Target 11.0% a year"));
    assert!(has(&texts[1], "P(≥ 11.0%) = "));
    assert!(has(&texts[1], "(95% CI "));
    assert!(has(&texts[2], "plan 3,092.0"));
    assert!(has(&texts[5], "2030 target: 12,000 USD"));
    assert!(has(
        &texts[4],
        "Source: grdpsim, scenario hanoi-2026-2030-mc, deterministic projection"
    ));
    for t in texts.iter().flatten() {
        assert!(
            !t.contains("11,0%"),
            "Vietnamese number in English chart: {t}"
        );
    }
}

#[test]
fn the_deterministic_decomposition_needs_no_monte_carlo() {
    let sc = scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).expect("scenario");
    let p = model::project(&sc, &sc.central).expect("projection");
    let c = charts::decomposition(&sc, &p, Lang::Vi).expect("chart");
    assert_eq!(decode(&c.png).0, WIDTH);
    assert!(has(
        &svg_texts(&c.svg),
        "kịch bản hanoi-2026-2030, dự báo tất định"
    ));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let f = fixture();
    let is_err = |r: Result<Chart, ChartError>| r.expect_err("an error").to_string();

    let mut s = f.summary.clone();
    s.cagr_distribution.counts.iter_mut().for_each(|c| *c = 0);
    assert!(is_err(charts::cagr_distribution(&f.sc, &s, Lang::Vi)).contains("no paths"));

    let mut s = f.summary.clone();
    s.years[2].growth.p50 = f64::NAN;
    assert!(is_err(charts::fan_growth(&f.sc, &s, Lang::Vi)).contains("not a finite number"));

    let mut s = f.summary.clone();
    s.funding.clear();
    is_err(charts::funding(&f.sc, &s, Lang::En));

    let mut no_curve = f.summary.clone();
    no_curve.funding_curve.clear();
    is_err(charts::probability_curve(&f.sc, &no_curve, Lang::Vi));

    let mut p = f.projection.clone();
    p.years.clear();
    is_err(charts::decomposition(&f.sc, &p, Lang::Vi));
}

#[test]
fn charts_are_written_as_png_and_svg_files() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("tempdir");
    let c = charts::per_capita_fan(&f.sc, &f.summary, Lang::Vi).expect("chart");
    c.write(dir.path()).expect("write");
    let png = std::fs::read(dir.path().join("per_capita_fan.png")).expect("png file");
    let svg = std::fs::read_to_string(dir.path().join("per_capita_fan.svg")).expect("svg file");
    assert_eq!(png, c.png);
    assert_eq!(svg, c.svg);
}

/// Writes every chart, in both languages, from a full run (100,000 paths; the curve 15 points
/// of 20,000 paths as `grdpsim run` does) to `$GRDPSIM_CHART_DIR` and prints the time each
/// chart takes. Slow in debug builds: run with `--release`.
#[test]
#[ignore]
fn write_charts_for_inspection() {
    let Ok(dir) = std::env::var("GRDPSIM_CHART_DIR") else {
        eprintln!("GRDPSIM_CHART_DIR not set: nothing written");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let paths = std::env::var("GRDPSIM_CHART_PATHS")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(100_000);
    let f = build(paths, &montecarlo::CURVE_SCALES);
    for lang in [Lang::Vi, Lang::En] {
        let (sc, s) = (&f.sc, &f.summary);
        type Make<'a> = Box<dyn Fn() -> Result<Chart, ChartError> + 'a>;
        let makers: Vec<Make<'_>> = vec![
            Box::new(|| charts::fan_growth(sc, s, lang)),
            Box::new(|| charts::cagr_distribution(sc, s, lang)),
            Box::new(|| charts::funding(sc, s, lang)),
            Box::new(|| charts::probability_curve(sc, s, lang)),
            Box::new(|| charts::decomposition(sc, &f.projection, lang)),
            Box::new(|| charts::per_capita_fan(sc, s, lang)),
            Box::new(|| charts::s_curve(sc, s, lang)),
            Box::new(|| charts::convergence(sc, s, lang)),
        ];
        for make in makers {
            let t = std::time::Instant::now();
            let c = make().expect("chart");
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let sub = dir.join(lang.to_string());
            c.write(&sub).expect("write");
            eprintln!(
                "{lang} {:<18} {:>7.1} ms  png {:>4} kB  svg {:>4} kB",
                c.name,
                ms,
                c.png.len() / 1024,
                c.svg.len() / 1024
            );
        }
    }
}

#[test]
fn the_curve_is_on_the_runs_own_paths_and_its_plan_point_is_the_headline() {
    let f = fixture();
    let s = &f.summary;
    let one = s
        .funding_curve
        .iter()
        .find(|c| c.funding_scale == 1.0)
        .expect("point at 1");
    assert_eq!(one.prob_hit, s.prob_hit);
    assert_eq!(one.prob_hit_ci95, s.prob_hit_ci95);
    assert_eq!(one.paths, s.paths - s.invalid_paths);
    // more funding never lowers P(hit) on common random numbers (growth rises with investment)
    for w in s.funding_curve.windows(2) {
        assert!(w[0].prob_hit <= w[1].prob_hit, "{w:?}");
        assert!(
            w[0].realised_share_median < w[1].realised_share_median,
            "{w:?}"
        );
    }
    let c = charts::probability_curve(&f.sc, s, Lang::En).expect("chart");
    let texts = svg_texts(&c.svg);
    assert!(has(
        &texts,
        &format!("Source: grdpsim, scenario hanoi-2026-2030-mc, 1,024 paths, seed {SEED}")
    ));
    let p = Lang::En.pct(s.prob_hit, 1);
    assert!(
        texts
            .iter()
            .map(|t| t.trim())
            .any(|t| t.starts_with("As written (k = 1") && t.ends_with(&p)),
        "{texts:?}"
    );
}

#[test]
fn s_curve_and_convergence_draw_the_runs_own_numbers() {
    let f = fixture();
    let s = &f.summary;
    // convergence: in path order, growing, its last point the headline exactly
    let last = s.convergence.last().expect("points");
    assert_eq!(last.paths, s.paths - s.invalid_paths);
    assert_eq!(last.prob_hit, s.prob_hit);
    assert_eq!(last.prob_hit_ci95, s.prob_hit_ci95);
    assert!(s.convergence.windows(2).all(|w| w[0].paths < w[1].paths));
    let c = charts::convergence(&f.sc, s, Lang::En).expect("convergence");
    let texts = svg_texts(&c.svg);
    let head = format!("1,024 paths: {}", Lang::En.pct(s.prob_hit, 1));
    assert!(
        texts.iter().any(|t| t.trim().starts_with(&head)),
        "{texts:?}"
    );
    // S-curve: P(< target) written as 1 − P(hit)
    let c = charts::s_curve(&f.sc, s, Lang::Vi).expect("s-curve");
    let texts = svg_texts(&c.svg);
    let below = format!("Xác suất < 11,0%: {}", Lang::Vi.pct(1.0 - s.prob_hit, 1));
    assert!(
        texts.iter().any(|t| t.trim().starts_with(&below)),
        "{texts:?}"
    );
    // degenerate: every path equal still draws
    let mut flat = s.clone();
    flat.cagr_distribution.width = 0.0;
    assert!(charts::s_curve(&f.sc, &flat, Lang::En).is_ok());
}

#[test]
fn the_fan_charts_mark_each_milestone_with_its_probability() {
    let sc = scenario::load("scenarios/hanoi-2026-2045.toml".as_ref()).expect("valid");
    let s = montecarlo::run(&sc, &cfg(2000)).expect("run");
    let label = |id: &str, value: String| {
        let m = s.milestones.iter().find(|m| m.id == id).expect(id);
        format!("≥ {value} · P {}", Lang::En.pct(m.prob_hit, 1))
    };
    let per_capita = svg_texts(
        &charts::per_capita_fan(&sc, &s, Lang::En)
            .expect("chart")
            .svg,
    );
    for (id, v) in [
        ("per_capita_usd_2030", "12,000"),
        ("per_capita_usd_2035", "18,800"),
        ("per_capita_usd_2045", "42,000"),
    ] {
        let want = label(id, v.into());
        assert!(has(&per_capita, &want), "{want} not in {per_capita:?}");
    }
    let growth = svg_texts(&charts::fan_growth(&sc, &s, Lang::En).expect("chart").svg);
    for id in ["growth_2026_2030", "growth_2031_2035", "growth_2036_2045"] {
        let want = label(id, "11.0%".into());
        assert!(has(&growth, &want), "{want} not in {growth:?}");
    }
    // the legend names the marks in Vietnamese too
    let vi = svg_texts(&charts::fan_growth(&sc, &s, Lang::Vi).expect("chart").svg);
    assert!(has(&vi, "Mốc của kế hoạch"), "{vi:?}");
}
