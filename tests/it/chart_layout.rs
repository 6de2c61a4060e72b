//! Chart text a reader can read: on every chart of a run (2026–2030 and the 20-year 2026–2045
//! scenario, whose fans carry the actuals and three milestones each), in both languages, no
//! two texts overlap and none leaves the canvas. Text boxes are measured from the SVG as a
//! viewer draws it: each `<text>`'s anchor, `dy` and font size, and the bundled DejaVu Sans'
//! own advances (rotated axis descriptions are left out).

use grdpsim::montecarlo::{self, RunConfig, Sampler};
use grdpsim::report::Lang;
use grdpsim::report::charts::{self, Chart, HEIGHT, WIDTH};
use grdpsim::scenario;

use ab_glyph::{Font, FontRef};

/// A text's box on the canvas (x0, y0, x1, y1) and its content.
struct Placed {
    text: String,
    bx: [f64; 4],
}

fn boxes(svg: &str) -> Vec<Placed> {
    let regular = std::fs::read("assets/fonts/DejaVuSans.ttf").expect("font");
    let bold = std::fs::read("assets/fonts/DejaVuSans-Bold.ttf").expect("font");
    let fonts = [
        FontRef::try_from_slice(&regular).expect("font"),
        FontRef::try_from_slice(&bold).expect("font"),
    ];
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        if n.attribute("transform").is_some() {
            continue;
        }
        // plotters writes the text between a newline and indentation
        let text = n.text().unwrap_or_default().trim().to_string();
        if text.is_empty() {
            continue;
        }
        let num = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
        let (x, y, fs) = (
            num("x").unwrap(),
            num("y").unwrap(),
            num("font-size").unwrap(),
        );
        let font = &fonts[usize::from(n.attribute("font-weight") == Some("bold"))];
        let em = f64::from(font.units_per_em().expect("units per em"));
        let advance: f64 = text
            .chars()
            .map(|c| f64::from(font.h_advance_unscaled(font.glyph_id(c))))
            .sum::<f64>()
            * fs
            / em;
        let x0 = match n.attribute("text-anchor") {
            Some("middle") => x - advance / 2.0,
            Some("end") => x - advance,
            _ => x,
        };
        // the baseline as the viewer places it (1ex of DejaVu Sans ≈ 0.55em)
        let baseline = match n.attribute("dy") {
            Some("0.76em") => y + 0.76 * fs,
            Some("0.5ex") => y + 0.275 * fs,
            Some("-0.5ex") => y - 0.275 * fs,
            _ => y,
        };
        // capitals and digits above the baseline, descenders below
        out.push(Placed {
            text,
            bx: [x0, baseline - 0.73 * fs, x0 + advance, baseline + 0.2 * fs],
        });
    }
    out
}

/// Every pair of texts of `c` that overlap by more than a pixel both ways, and every text that
/// leaves the canvas.
fn problems(c: &Chart) -> Vec<String> {
    let b = boxes(&c.svg);
    let mut found = Vec::new();
    for (i, p) in b.iter().enumerate() {
        let [x0, y0, x1, y1] = p.bx;
        if x0 < -0.5 || y0 < -0.5 || x1 > f64::from(WIDTH) + 0.5 || y1 > f64::from(HEIGHT) + 0.5 {
            found.push(format!("{:?} leaves the canvas: {:?}", p.text, p.bx));
        }
        for q in &b[i + 1..] {
            let w = x1.min(q.bx[2]) - x0.max(q.bx[0]);
            let h = y1.min(q.bx[3]) - y0.max(q.bx[1]);
            if w > 1.0 && h > 1.0 {
                found.push(format!("{:?} overlaps {:?}", p.text, q.text));
            }
        }
    }
    found
}

fn charts_of(path: &str, paths: u64, lang: Lang) -> Vec<Chart> {
    let sc = scenario::load(path.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let cfg = RunConfig::new(paths, 20260101, Sampler::Mc);
    let s = montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES).expect("run");
    let p = grdpsim::model::project(&sc, &sc.central).expect("projection");
    vec![
        charts::fan_growth(&sc, &s, lang).expect("fan_growth"),
        charts::per_capita_fan(&sc, &s, lang).expect("per_capita_fan"),
        charts::cagr_distribution(&sc, &s, lang).expect("cagr_distribution"),
        charts::funding(&sc, &s, lang).expect("funding"),
        charts::probability_curve(&sc, &s, lang).expect("probability_curve"),
        charts::s_curve(&sc, &s, lang).expect("s_curve"),
        charts::convergence(&sc, &s, lang).expect("convergence"),
        charts::decomposition(&sc, &p, lang).expect("decomposition"),
    ]
}

#[test]
fn no_chart_text_overlaps_another_or_leaves_the_canvas() {
    let mut all = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        for (path, paths) in [
            ("scenarios/hanoi-2026-2030-mc.toml", 4000),
            ("scenarios/hanoi-2026-2045.toml", 2000),
        ] {
            for c in charts::svg_only(|| charts_of(path, paths, lang)) {
                all.extend(
                    problems(&c)
                        .into_iter()
                        .map(|p| format!("{path} {} ({lang:?}): {p}", c.name)),
                );
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_measure_sees_an_overlap() {
    // two labels drawn at the same spot must be caught, one beside the other must not
    let text = |x: i32, s: &str| {
        format!(
            "<text x=\"{x}\" y=\"100\" dy=\"0.76em\" text-anchor=\"start\" font-size=\"28\">{s}</text>"
        )
    };
    let svg = |a: String, b: String| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\">{a}{b}</svg>"
        )
    };
    let chart = |svg: String| Chart {
        name: "t",
        title: String::new(),
        png: Vec::new(),
        svg,
    };
    let same = chart(svg(text(100, "7,5%"), text(120, "7,5%")));
    assert_eq!(problems(&same).len(), 1);
    let apart = chart(svg(text(100, "7,5%"), text(200, "7,5%")));
    assert!(problems(&apart).is_empty());
    let off = chart(svg(text(1580, "7,5%"), String::new()));
    assert_eq!(problems(&off).len(), 1);
}

/// The analyses' charts, drawn by the commands themselves (small runs), vi and en.
#[test]
fn no_analysis_chart_text_overlaps_another_or_leaves_the_canvas() {
    let t = tempfile::tempdir().expect("tempdir");
    let mc = "scenarios/hanoi-2026-2030-mc.toml";
    let cases: [(&str, Vec<&str>); 6] = [
        (
            "compare",
            vec![
                "compare",
                mc,
                "scenarios/hanoi-2026-2030-mc-land-268.toml",
                "scenarios/hanoi-2026-2030-mc-soe-short.toml",
                "--paths",
                "1000",
            ],
        ),
        (
            "sensitivity",
            [&["sensitivity", mc][..], &crate::support::SMALL_SENSITIVITY].concat(),
        ),
        (
            "sweep",
            vec![
                "sweep",
                mc,
                "--set",
                "sources.land_revenue.realised_total=200:1000:9",
                "--paths",
                "500",
            ],
        ),
        (
            "sweep2",
            vec![
                "sweep",
                mc,
                "--set",
                "funding.scale=0.8:1.6:9",
                "--set",
                "productivity.tfp_growth.mean=0.045:0.085:9",
                "--paths",
                "200",
            ],
        ),
        (
            "solve",
            vec!["solve", mc, "--for", "funding.scale", "--paths", "1000"],
        ),
        (
            "remaining",
            vec!["remaining", mc, "--actual", "2026=0.082", "--paths", "1000"],
        ),
    ];
    let mut all = Vec::new();
    for lang in ["vi", "en"] {
        for (name, args) in &cases {
            let out = t.path().join(format!("{name}-{lang}"));
            let o = crate::support::grdpsim()
                .args(args)
                .args(["--lang", lang, "-q", "--out"])
                .arg(&out)
                .output()
                .expect("runs");
            crate::support::stdout_ok(&o);
            let mut svgs: Vec<_> = std::fs::read_dir(&out)
                .expect("out")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "svg"))
                .collect();
            svgs.sort();
            assert!(!svgs.is_empty(), "{name}: no chart");
            for svg in svgs {
                let c = Chart {
                    name: "chart",
                    title: String::new(),
                    png: Vec::new(),
                    svg: std::fs::read_to_string(&svg).expect("svg"),
                };
                let file = svg
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                all.extend(
                    problems(&c)
                        .into_iter()
                        .map(|p| format!("{name} {file} ({lang}): {p}")),
                );
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
