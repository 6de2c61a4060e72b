//! The output folder: which formats to write, every file written atomically, and a manifest.

use super::{Lang, Manifest, Timing};
use crate::model::Projection;
use crate::montecarlo::Summary;
use crate::scenario::Scenario;
use std::path::Path;
use std::str::FromStr;
use std::time::Instant;

/// Which output formats to write (`--formats png,svg,xlsx,html,csv,json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// projection.json / summary.json.
    pub json: bool,
    /// CSV tables.
    pub csv: bool,
    /// PNG charts.
    pub png: bool,
    /// SVG charts.
    pub svg: bool,
    /// Excel workbook.
    pub xlsx: bool,
    /// Self-contained HTML report.
    pub html: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            json: true,
            csv: true,
            png: true,
            svg: true,
            xlsx: true,
            html: true,
        }
    }
}

impl FromStr for Formats {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim() == "all" {
            return Ok(Formats::default());
        }
        let mut f = Formats {
            json: false,
            csv: false,
            png: false,
            svg: false,
            xlsx: false,
            html: false,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "json" => f.json = true,
                "csv" => f.csv = true,
                "png" => f.png = true,
                "svg" => f.svg = true,
                "xlsx" => f.xlsx = true,
                "html" => f.html = true,
                other => {
                    return Err(format!(
                        "unknown format {other:?}: use any of png, svg, xlsx, html, csv, json (or all)"
                    ));
                }
            }
        }
        Ok(f)
    }
}

impl Formats {
    /// Whether any chart has to be drawn.
    pub fn charts(&self) -> bool {
        self.png || self.svg || self.html
    }
}

/// The CSV format of this process's outputs (`--csv-locale`, set once by the command line;
/// machine-readable when unset).
pub static CSV_LOCALE: std::sync::OnceLock<super::render::CsvLocale> = std::sync::OnceLock::new();

/// Files collected for one output folder, written together at the end.
#[derive(Debug, Default)]
pub struct OutputSet {
    files: Vec<(String, Vec<u8>)>,
}

impl OutputSet {
    /// Adds a file (name inside the folder, content).
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.files.push((name.into(), bytes));
    }

    /// File names added so far.
    pub fn names(&self) -> Vec<&str> {
        self.files.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The content of the file `name`, if one was added.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// Writes every file and `manifest.json` into `dir` as a unit (see [`super::folder`]):
    /// the folder is wholly the earlier run or wholly this one, whatever happens.
    ///
    /// # Errors
    /// The first I/O error, with the file it concerns.
    pub fn write(
        mut self,
        dir: &Path,
        manifest: impl FnOnce(&[(String, &[u8])]) -> Manifest,
    ) -> Result<(), (std::path::PathBuf, std::io::Error)> {
        // CSV in the regional format asked for (`--csv-locale`), one pass for every command
        let locale = CSV_LOCALE.get().copied().unwrap_or_default();
        for (name, bytes) in &mut self.files {
            if name.ends_with(".csv") {
                *bytes = super::render::relocale(bytes, locale)
                    .map_err(|e| (dir.join(&*name), std::io::Error::other(e)))?;
            }
        }
        let listing: Vec<(String, &[u8])> = self
            .files
            .iter()
            .map(|(n, b)| (n.clone(), b.as_slice()))
            .collect();
        let m = manifest(&listing)
            .to_bytes()
            .map_err(|e| (dir.join("manifest.json"), e))?;
        self.files.push(("manifest.json".into(), m));
        super::folder::publish(dir, &self.files)
    }
}

/// The feasibility scale of the scenario (`[report] feasibility`) or the default.
///
/// # Errors
/// When the scenario's bands are inconsistent (validation already checks them).
pub fn scale_of(sc: &Scenario) -> Result<super::feasibility::FeasibilityScale, String> {
    match &sc.feasibility_scale {
        None => Ok(super::feasibility::FeasibilityScale::default()),
        Some(bands) => super::feasibility::FeasibilityScale::from_bands(
            bands
                .iter()
                .map(|(p, vi, en)| super::feasibility::Band::new(*p, vi, en))
                .collect(),
        ),
    }
}

/// Everything `project` writes for a deterministic projection: its document
/// ([`super::docs::projection`]) in every format asked for.
///
/// # Errors
/// A message when an output cannot be built.
pub fn projection_outputs(
    sc: &Scenario,
    p: &Projection,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let charts = if formats.charts() {
        vec![super::charts::decomposition(sc, p, lang).map_err(|e| e.to_string())?]
    } else {
        Vec::new()
    };
    let doc = super::docs::projection(sc, p, charts, lang);
    let warnings = crate::analysis::plausibility::check_projection(sc, p);
    let json = super::to_json(&super::WithWarnings {
        inner: p,
        warnings: &warnings,
    })
    .map_err(|e| e.to_string())?;
    document_outputs(&doc, Some(json), "report", formats, lang)
}

/// Everything `run` and `merge` write for a Monte Carlo summary: its document
/// ([`super::docs::run`]) in every format asked for.
///
/// # Errors
/// A message when an output cannot be built.
pub fn summary_outputs(
    sc: &Scenario,
    s: &Summary,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let scale = scale_of(sc)?;
    let mut charts = Vec::new();
    if formats.charts() {
        use super::charts as c;
        let err = |e: c::ChartError| e.to_string();
        charts.push(c::fan_growth(sc, s, lang).map_err(err)?);
        charts.push(c::cagr_distribution(sc, s, lang).map_err(err)?);
        charts.push(c::funding(sc, s, lang).map_err(err)?);
        if !s.funding_curve.is_empty() {
            charts.push(c::probability_curve(sc, s, lang).map_err(err)?);
        }
        charts.push(c::decomposition(sc, &s.deterministic, lang).map_err(err)?);
        charts.push(c::per_capita_fan(sc, s, lang).map_err(err)?);
        charts.push(c::s_curve(sc, s, lang).map_err(err)?);
        if !s.convergence.is_empty() {
            charts.push(c::convergence(sc, s, lang).map_err(err)?);
        }
    }
    let doc = super::docs::run(sc, s, charts, &scale, lang);
    let warnings = crate::analysis::plausibility::check_projection(sc, &s.deterministic);
    let json = super::to_json(&super::WithWarnings {
        inner: s,
        warnings: &warnings,
    })
    .map_err(|e| e.to_string())?;
    document_outputs(&doc, Some(json), "report", formats, lang)
}

/// Everything `compare` writes: compare.json, one CSV per table (compare.csv: one row per
/// scenario), compare.png/.svg, compare.xlsx and compare.html, as `formats` asks.
///
/// # Errors
/// A message when an output cannot be built.
pub fn compare_outputs(
    c: &crate::analysis::compare::Comparison,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let chart = if formats.charts() {
        Some(super::charts::compare(c, lang).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let doc = super::docs::compare(c, chart, lang);
    let json = super::to_json(c).map_err(|e| e.to_string())?;
    document_outputs(&doc, Some(json), "compare", formats, lang)
}

/// Everything `sensitivity` writes: sensitivity.json, tornado.csv, sobol.csv, settings.csv,
/// tornado.png/svg, sobol.png/svg, sensitivity.xlsx and sensitivity.html, as `formats` asks.
///
/// # Errors
/// A message when an output cannot be built.
pub fn sensitivity_outputs(
    sc: &Scenario,
    s: &crate::analysis::sensitivity::Sensitivity,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let mut charts = Vec::new();
    if formats.charts() {
        let err = |e: super::charts::ChartError| e.to_string();
        charts.push(super::charts::tornado(sc, s, lang).map_err(err)?);
        charts.push(super::charts::sobol(sc, s, lang).map_err(err)?);
    }
    let doc = super::docs::sensitivity(sc, s, charts, lang);
    let json = super::to_json(s).map_err(|e| e.to_string())?;
    document_outputs(&doc, Some(json), "sensitivity", formats, lang)
}

/// Builds the outputs with `build`, writes them and the manifest, and returns the seconds
/// spent on outputs.
///
/// # Errors
/// A message naming what could not be built or written.
pub fn finish(
    dir: &Path,
    sc: &Scenario,
    command: &str,
    run: Option<(u64, u64, String)>,
    lang: Lang,
    simulate_seconds: f64,
    build: impl FnOnce() -> Result<OutputSet, String>,
) -> Result<f64, String> {
    let start = Instant::now();
    let set = build()?;
    let outputs_so_far = start.elapsed().as_secs_f64();
    set.write(dir, |files| {
        Manifest::new(
            sc,
            command,
            run,
            &lang.to_string(),
            Timing {
                simulate: simulate_seconds,
                outputs: outputs_so_far,
            },
            files,
        )
    })
    .map_err(|(path, e)| format!("cannot write {}: {e}", path.display()))?;
    Ok(start.elapsed().as_secs_f64())
}

/// Everything a command writes for a [`Document`](super::doc::Document): `<command>.json`
/// (the command's data contract, given as bytes), one CSV per table, the figures' PNG and SVG,
/// `<stem>.xlsx` (native charts) and `<stem>.html`, as `formats` says.
///
/// # Errors
/// A message when an output cannot be built.
pub fn document_outputs(
    doc: &super::doc::Document,
    json: Option<Vec<u8>>,
    stem: &str,
    formats: Formats,
    lang: Lang,
) -> Result<OutputSet, String> {
    let mut out = OutputSet::default();
    if let (true, Some(j)) = (formats.json, json) {
        out.add(format!("{}.json", doc.command), j);
    }
    if formats.csv {
        for t in doc.tables().filter(|t| t.for_files()) {
            out.add(
                format!("{}.csv", t.id),
                super::render::table_csv(t, super::render::CsvLocale::Machine)
                    .map_err(|e| e.to_string())?,
            );
        }
    }
    for f in doc.figures() {
        if let Some(c) = &f.chart {
            if formats.png {
                out.add(format!("{}.png", c.name), c.png.clone());
            }
            if formats.svg {
                out.add(format!("{}.svg", c.name), c.svg.clone().into_bytes());
            }
        }
    }
    if formats.xlsx {
        out.add(format!("{stem}.xlsx"), super::render::workbook(doc, lang)?);
    }
    if formats.html {
        out.add(
            format!("{stem}.html"),
            super::render::page(doc, lang).into_bytes(),
        );
    }
    Ok(out)
}
