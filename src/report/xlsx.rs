//! The Excel workbook of a run: five sheets a policy officer can read and paste from.
//!
//! Numbers are stored as numbers, never as text: rates and probabilities as fractions with a
//! percent format (`0.0%`, `0.00%` for growth rates), money in thousand bn VND with thousands
//! separators (`#,##0.0`), USD per person and exchange rates as `#,##0`. Excel then shows them
//! with the reader's own decimal and thousands separators. Every sheet has bold, wrapped
//! headers, frozen header rows and set column widths.
//!
//! | Sheet (vi / en) | Content |
//! |---|---|
//! | Tóm tắt / Summary | headline P(hit) with its 95% interval and standard error, the verdict of the feasibility scale, median and deterministic CAGR, TFP share, GRDP per capita against the target, paths, seed, scenario name and hash |
//! | Theo năm / Years | one row per year: the deterministic projection, the plan's published path, and (Monte Carlo) growth percentiles, P(growth ≥ target) and GRDP per capita percentiles |
//! | Nguồn vốn / Funding | one row per funding source: plan, realised mean/P10/P50/P90, mean shortfall, P(short), P(hit given short); the compensation rules |
//! | Phân vị / Percentiles | mean and P5…P95 of every Monte Carlo output |
//! | Đầu vào / Inputs | every scenario input with its unit, yearly values and citation, then the Monte Carlo distributions, events, correlation and compensation rules |
//!
//! Without a Monte Carlo summary (a deterministic `project` run) only Summary, Years and Inputs
//! are written.

use super::feasibility::FeasibilityScale;
use super::lang::Lang;
use crate::model::{Projection, YearRow};
use crate::montecarlo::{Percentiles, Sampler, Summary};
use crate::scenario::uncertainty::{Apply, Cap, Target};
use crate::scenario::{Currency, Engine, Group, Scenario};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeSet;

/// Names of the five sheets in `lang`: Summary, Years, Funding, Percentiles, Inputs.
pub fn sheet_names(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Vi => ["Tóm tắt", "Theo năm", "Nguồn vốn", "Phân vị", "Đầu vào"],
        Lang::En => ["Summary", "Years", "Funding", "Percentiles", "Inputs"],
    }
}

/// Label of the Summary sheet's headline row (column A); its value is P(hit) as a number in
/// column B.
pub fn prob_hit_label(lang: Lang) -> &'static str {
    crate::report::msg(lang, "probability_of_average_growth_target")
}

/// The workbook as `.xlsx` bytes, with the default [`FeasibilityScale`].
///
/// `summary` is the Monte Carlo result; with `None` (a deterministic run) only the Summary,
/// Years and Inputs sheets are written. See the module documentation for the layout.
///
/// # Errors
/// A message when the workbook cannot be assembled (it names the failing call).
pub fn workbook(
    sc: &Scenario,
    projection: &Projection,
    summary: Option<&Summary>,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    workbook_with_scale(sc, projection, summary, &FeasibilityScale::default(), lang)
}

/// The workbook as `.xlsx` bytes, with the verdict taken from `scale`.
///
/// The document's creation date is fixed (1980-01-01, the zip epoch the entries already use),
/// so the same inputs give the same bytes.
///
/// # Errors
/// A message when the workbook cannot be assembled (it names the failing call).
pub fn workbook_with_scale(
    sc: &Scenario,
    projection: &Projection,
    summary: Option<&Summary>,
    scale: &FeasibilityScale,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    build(sc, projection, summary, scale, lang).map_err(|e| format!("xlsx: {e}"))
}

fn build(
    sc: &Scenario,
    p: &Projection,
    s: Option<&Summary>,
    scale: &FeasibilityScale,
    l: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let f = Fmts::new();
    let names = sheet_names(l);
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(title(sc, l))
        .set_subject(crate::report::msg(
            l,
            "grdp_growth_and_investment_funding_simulation",
        ))
        .set_comment(format!(
            "grdpsim {} — {} ({})",
            env!("CARGO_PKG_VERSION"),
            sc.meta.name,
            sc.content_hash
        ))
        .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?);
    wb.set_properties(&props);

    summary_sheet(
        wb.add_worksheet().set_name(names[0])?,
        &f,
        sc,
        p,
        s,
        scale,
        l,
    )?;
    years_sheet(wb.add_worksheet().set_name(names[1])?, &f, sc, p, s, l)?;
    if let Some(s) = s {
        funding_sheet(wb.add_worksheet().set_name(names[2])?, &f, s, l)?;
        percentiles_sheet(wb.add_worksheet().set_name(names[3])?, &f, sc, s, l)?;
    }
    inputs_sheet(wb.add_worksheet().set_name(names[4])?, &f, sc, l)?;
    super::xlsx_charts::charts_sheet(
        wb.add_worksheet()
            .set_name(super::xlsx_charts::sheet_name(l))?,
        p,
        s,
        l,
    )?;
    wb.save_to_buffer()
}

fn title(sc: &Scenario, l: Lang) -> &str {
    l.pick(&sc.meta.title_vi, &sc.meta.title_en)
}

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Shares and probabilities: `0.0%`.
    Pct1,
    /// Growth rates: `0.00%`.
    Pct2,
    /// Thousand bn VND and other amounts: `#,##0.0`.
    Money,
    /// Whole numbers with separators (USD per person, VND per USD, paths): `#,##0`.
    Int,
    /// Ratios such as K/Y and ICOR: `0.00`.
    Ratio,
    /// Realisation factors, deflator levels: `0.0000`.
    Factor,
    /// Years and identifiers: `0`.
    Plain,
}

struct Fmts {
    title: Format,
    header: Format,
    bold: Format,
    text: Format,
    wrap: Format,
    pct1: Format,
    pct2: Format,
    money: Format,
    int: Format,
    ratio: Format,
    factor: Format,
    plain: Format,
    bold_pct1: Format,
}

impl Fmts {
    fn new() -> Self {
        Fmts {
            title: title_format(),
            header: header_format(),
            bold: Format::new().set_bold(),
            text: text_format(),
            wrap: wrap_format(),
            pct1: Format::new().set_num_format("0.0%"),
            pct2: Format::new().set_num_format("0.00%"),
            money: Format::new().set_num_format("#,##0.0"),
            int: Format::new().set_num_format("#,##0"),
            ratio: Format::new().set_num_format("0.00"),
            factor: Format::new().set_num_format("0.0000"),
            plain: Format::new().set_num_format("0"),
            bold_pct1: Format::new().set_bold().set_num_format("0.0%"),
        }
    }

    fn of(&self, k: Kind) -> &Format {
        match k {
            Kind::Pct1 => &self.pct1,
            Kind::Pct2 => &self.pct2,
            Kind::Money => &self.money,
            Kind::Int => &self.int,
            Kind::Ratio => &self.ratio,
            Kind::Factor => &self.factor,
            Kind::Plain => &self.plain,
        }
    }
}

/// Writes a number, or "–" when it is missing or not finite.
fn num(
    ws: &mut Worksheet,
    f: &Fmts,
    r: u32,
    c: u16,
    x: Option<f64>,
    k: Kind,
) -> Result<(), XlsxError> {
    match x {
        Some(v) if v.is_finite() => ws.write_number_with_format(r, c, v, f.of(k))?,
        _ => ws.write_string_with_format(r, c, "–", &f.text)?,
    };
    Ok(())
}

fn text(ws: &mut Worksheet, f: &Fmts, r: u32, c: u16, s: &str) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, c, s, &f.text)?;
    Ok(())
}

/// The sheet title format shared by every workbook: bold, 14 pt.
pub(crate) fn title_format() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// The header-row format shared by every workbook: bold, wrapped, top-aligned, light blue
/// fill, thin bottom border.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border_bottom(FormatBorder::Thin)
}

/// Top-aligned text.
pub(crate) fn text_format() -> Format {
    Format::new().set_align(FormatAlign::Top)
}

/// Wrapped, top-aligned text.
pub(crate) fn wrap_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// Writes one header row: `cells` from column 0 of row `r`, each with format `fmt`.
pub(crate) fn header_row<S: AsRef<str>>(
    ws: &mut Worksheet,
    fmt: &Format,
    r: u32,
    cells: &[S],
) -> Result<(), XlsxError> {
    for (c, h) in cells.iter().enumerate() {
        ws.write_string_with_format(r, col(c), h.as_ref(), fmt)?;
    }
    Ok(())
}

/// Writes a number, or an unformatted "–" when it is missing or not finite.
pub(crate) fn number_or_dash(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    x: Option<f64>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match x {
        Some(v) if v.is_finite() => ws.write_number_with_format(r, c, v, fmt)?,
        _ => ws.write_string(r, c, "–")?,
    };
    Ok(())
}

/// A column index for rust_xlsxwriter (saturates at `u16::MAX`; Excel's limit is far lower).
pub(crate) fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A row index for rust_xlsxwriter (saturates at `u32::MAX`).
pub(crate) fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

fn sampler_name(s: Sampler) -> &'static str {
    match s {
        Sampler::Mc => "Monte Carlo",
        Sampler::Lhs => "Latin hypercube",
    }
}

fn engine_name(e: Engine, l: Lang) -> &'static str {
    match e {
        Engine::GrowthAccounting => crate::report::msg(l, "growth_accounting"),
        Engine::Icor => "ICOR",
    }
}

fn group_name(g: Group, l: Lang) -> &'static str {
    match g {
        Group::Public => crate::report::msg(l, "public"),
        Group::Soe => crate::report::msg(l, "soe"),
        Group::Private => crate::report::msg(l, "private"),
        Group::Fdi => "FDI",
        Group::Land => crate::report::msg(l, "land"),
        Group::Borrowing => crate::report::msg(l, "borrowing"),
        Group::Other => crate::report::msg(l, "other"),
    }
}

fn end_year(sc: &Scenario) -> i32 {
    sc.meta.years.last().copied().unwrap_or(sc.meta.base_year)
}

fn period(sc: &Scenario) -> String {
    format!(
        "{}–{}",
        sc.meta.years.first().copied().unwrap_or(sc.meta.base_year),
        end_year(sc)
    )
}

/// Writes label / value / note rows of the Summary sheet.
struct Lines<'a> {
    ws: &'a mut Worksheet,
    f: &'a Fmts,
    r: u32,
}

impl Lines<'_> {
    fn num(&mut self, label: &str, v: Option<f64>, k: Kind, note: &str) -> Result<(), XlsxError> {
        text(self.ws, self.f, self.r, 0, label)?;
        num(self.ws, self.f, self.r, 1, v, k)?;
        self.note(note)
    }

    fn text(&mut self, label: &str, value: &str, note: &str) -> Result<(), XlsxError> {
        text(self.ws, self.f, self.r, 0, label)?;
        text(self.ws, self.f, self.r, 1, value)?;
        self.note(note)
    }

    fn note(&mut self, note: &str) -> Result<(), XlsxError> {
        if !note.is_empty() {
            self.ws
                .write_string_with_format(self.r, 2, note, &self.f.wrap)?;
        }
        self.r += 1;
        Ok(())
    }
}

/// Summary sheet: title, then label / value / note rows; with a Monte Carlo summary the
/// headline P(hit) is the first row (A5/B5).
fn summary_sheet(
    ws: &mut Worksheet,
    f: &Fmts,
    sc: &Scenario,
    p: &Projection,
    s: Option<&Summary>,
    scale: &FeasibilityScale,
    l: Lang,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, 58)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 90)?;
    ws.write_string_with_format(0, 0, title(sc, l), &f.title)?;
    let subtitle = match s {
        Some(_) => format!(
            "{} {}, {}",
            crate::report::msg(l, "monte_carlo_results"),
            period(sc),
            crate::report::msg(l, "average_compound_annual_growth_cagr")
        ),
        None => format!(
            "{} {}",
            crate::report::msg(l, "deterministic_projection_central_values_2"),
            period(sc)
        ),
    };
    text(ws, f, 1, 0, &subtitle)?;
    header_row(
        ws,
        &f.header,
        3,
        &[
            crate::report::msg(l, "indicator"),
            crate::report::msg(l, "value"),
            crate::report::msg(l, "note"),
        ],
    )?;
    ws.set_freeze_panes(4, 0)?;

    let cite = |key: &str| sc.citations.get(key).cloned().unwrap_or_default();
    let end = end_year(sc);
    let last = p.years.last();
    let median = crate::report::msg(l, "median_2");
    let mut w = Lines { ws, f, r: 4 };

    if let Some(s) = s {
        text(w.ws, f, w.r, 0, prob_hit_label(l))?;
        w.ws.write_number_with_format(w.r, 1, s.prob_hit, &f.bold_pct1)?;
        w.note(&format!(
            "{} {}: {} ({} {}–{})",
            crate::report::msg(l, "target"),
            l.pct(s.target, 1),
            l.pct(s.prob_hit, 1),
            crate::report::msg(l, "95_ci"),
            l.num(100.0 * s.prob_hit_ci95[0], 1),
            l.pct(s.prob_hit_ci95[1], 1)
        ))?;
        let legend = scale
            .legend(l)
            .into_iter()
            .map(|(range, phrase)| format!("{range}: {phrase}"))
            .collect::<Vec<_>>()
            .join("; ");
        w.text(
            crate::report::msg(l, "feasibility"),
            scale.phrase(s.prob_hit, l),
            &format!("{}: {legend}", crate::report::msg(l, "scale")),
        )?;
        w.num(
            crate::report::msg(l, "average_growth_target"),
            Some(s.target),
            Kind::Pct1,
            &cite("meta.target_growth"),
        )?;
        w.num(
            crate::report::msg(l, "95_ci_lower_bound"),
            Some(s.prob_hit_ci95[0]),
            Kind::Pct1,
            crate::report::msg(l, "wilson_interval"),
        )?;
        w.num(
            crate::report::msg(l, "95_ci_upper_bound"),
            Some(s.prob_hit_ci95[1]),
            Kind::Pct1,
            "",
        )?;
        w.num(
            crate::report::msg(l, "monte_carlo_standard_error"),
            Some(s.prob_hit_se),
            Kind::Pct2,
            "",
        )?;
        w.num(
            crate::report::msg(l, "probability_of_average_growth_target_2"),
            Some(s.prob_above),
            Kind::Pct1,
            "",
        )?;
        w.num(
            &format!("{}, {median}", crate::report::msg(l, "average_growth_cagr")),
            Some(s.cagr.p50),
            Kind::Pct2,
            "",
        )?;
        w.num("CAGR, P10", Some(s.cagr.p10), Kind::Pct2, "")?;
        w.num("CAGR, P90", Some(s.cagr.p90), Kind::Pct2, "")?;
        w.num(
            crate::report::msg(l, "cagr_of_the_central_projection_deterministic"),
            Some(p.cagr),
            Kind::Pct2,
            verdict_text(p, l),
        )?;
        w.num(
            &format!(
                "{}, {median}",
                crate::report::msg(l, "tfp_share_of_growth_over_the_period")
            ),
            Some(s.tfp_share.p50),
            Kind::Pct1,
            &target_note(sc.targets.tfp_share_period, Kind::Pct1, l),
        )?;
        w.num(
            crate::report::msg(l, "tfp_share_central_projection"),
            p.tfp_share,
            Kind::Pct1,
            "",
        )?;
        w.num(
            &format!(
                "{} {end} (USD), {median}",
                crate::report::msg(l, "grdp_per_capita")
            ),
            Some(s.grdp_per_capita_usd_end.p50),
            Kind::Int,
            &format!(
                "P10–P90: {}–{}",
                l.num(s.grdp_per_capita_usd_end.p10, 0),
                l.num(s.grdp_per_capita_usd_end.p90, 0)
            ),
        )?;
        w.num(
            &format!(
                "{} {end} (USD)",
                crate::report::msg(l, "grdp_per_capita_target")
            ),
            sc.targets.grdp_per_capita_usd,
            Kind::Int,
            &cite("targets.grdp_per_capita_usd"),
        )?;
        if let Some(pc) = s.prob_per_capita_target {
            w.num(
                crate::report::msg(l, "probability_of_grdp_per_capita_target"),
                Some(pc),
                Kind::Pct1,
                "",
            )?;
        }
        w.num(
            &format!(
                "{} {end} (USD), {}",
                crate::report::msg(l, "grdp_per_capita"),
                crate::report::msg(l, "central_projection")
            ),
            last.map(|y| y.grdp_per_capita_usd),
            Kind::Int,
            "",
        )?;
        w.num(
            &format!("GRDP {end} ({}), {median}", crate::report::msg(l, "bn_usd")),
            Some(s.grdp_end_usd.p50),
            Kind::Money,
            &target_note(sc.targets.grdp_usd_bn, Kind::Money, l),
        )?;
        w.num(
            &format!(
                "GRDP {end} ({}), {median}",
                crate::report::msg(l, "current_prices_k_bn_vnd")
            ),
            Some(s.grdp_end.p50),
            Kind::Money,
            "",
        )?;
        w.num(
            &format!(
                "{} {} ({}), {median}",
                crate::report::msg(l, "total_investment"),
                period(sc),
                crate::report::msg(l, "k_bn_vnd")
            ),
            Some(s.investment_total.p50),
            Kind::Money,
            &format!(
                "{}: {}",
                crate::report::msg(l, "central_projection"),
                l.num(p.investment_nominal_total, 1)
            ),
        )?;
        for c in &s.compensation {
            w.num(
                &format!(
                    "{} {} ({})",
                    crate::report::msg(l, "mean_compensation_added_rule"),
                    c.id,
                    crate::report::msg(l, "k_bn_vnd")
                ),
                Some(c.added_mean),
                Kind::Money,
                if c.enabled {
                    crate::report::msg(l, "on")
                } else {
                    crate::report::msg(l, "off")
                },
            )?;
        }
        w.num(
            crate::report::msg(l, "paths_2"),
            Some(s.paths as f64),
            Kind::Int,
            "",
        )?;
        w.num(
            crate::report::msg(l, "invalid_paths_excluded"),
            Some(s.invalid_paths as f64),
            Kind::Int,
            s.first_invalid.as_deref().unwrap_or(""),
        )?;
        if s.seed < (1u64 << 53) {
            w.num("Seed", Some(s.seed as f64), Kind::Plain, "")?;
        } else {
            w.text("Seed", &s.seed.to_string(), "")?;
        }
        w.text(
            crate::report::msg(l, "sampler"),
            sampler_name(s.sampler),
            "",
        )?;
    } else {
        w.num(
            crate::report::msg(l, "average_growth_target"),
            Some(p.target),
            Kind::Pct1,
            &cite("meta.target_growth"),
        )?;
        w.num(
            crate::report::msg(l, "average_growth_cagr"),
            Some(p.cagr),
            Kind::Pct2,
            verdict_text(p, l),
        )?;
        w.num(
            crate::report::msg(l, "tfp_share_of_growth_over_the_period"),
            p.tfp_share,
            Kind::Pct1,
            &target_note(sc.targets.tfp_share_period, Kind::Pct1, l),
        )?;
        w.num(
            &format!("{} {end} (USD)", crate::report::msg(l, "grdp_per_capita")),
            last.map(|y| y.grdp_per_capita_usd),
            Kind::Int,
            &target_note(sc.targets.grdp_per_capita_usd, Kind::Int, l),
        )?;
        w.num(
            &format!("GRDP {end} ({})", crate::report::msg(l, "bn_usd")),
            last.map(|y| y.grdp_usd_bn),
            Kind::Money,
            &target_note(sc.targets.grdp_usd_bn, Kind::Money, l),
        )?;
        w.num(
            &format!(
                "{} {} ({})",
                crate::report::msg(l, "total_investment"),
                period(sc),
                crate::report::msg(l, "k_bn_vnd")
            ),
            Some(p.investment_nominal_total),
            Kind::Money,
            "",
        )?;
        w.num(
            crate::report::msg(l, "investment_grdp_over_the_period_2"),
            Some(p.investment_ratio_period),
            Kind::Pct1,
            "",
        )?;
        w.num("ICOR", p.icor_period, Kind::Ratio, "")?;
    }
    w.text(
        crate::report::msg(l, "engine_2"),
        engine_name(p.engine, l),
        "",
    )?;
    w.text(
        crate::report::msg(l, "scenario"),
        &sc.meta.name,
        title(sc, l),
    )?;
    let files = sc
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(" ← ");
    w.text(
        crate::report::msg(l, "scenario_hash_fnv_1a"),
        &sc.content_hash,
        &files,
    )?;
    w.text(
        crate::report::msg(l, "software"),
        &format!("grdpsim {}", env!("CARGO_PKG_VERSION")),
        "",
    )?;
    Ok(())
}

fn verdict_text(p: &Projection, l: Lang) -> &'static str {
    super::Verdict::of(p.cagr, p.target).phrase(l)
}

fn target_note(target: Option<f64>, k: Kind, l: Lang) -> String {
    match target {
        None => String::new(),
        Some(t) => format!(
            "{} {}",
            crate::report::msg(l, "target_2"),
            match k {
                Kind::Pct1 => l.pct(t, 0),
                Kind::Int => l.num(t, 0),
                _ => l.num(t, 1),
            }
        ),
    }
}

type YearCol = (
    &'static str,
    &'static str,
    Kind,
    fn(&YearRow) -> Option<f64>,
);

/// Deterministic columns of the Years sheet (header vi, header en, format, value).
const YEAR_COLUMNS: &[YearCol] = &[
    (
        "Tăng trưởng GRDP (tất định)",
        "GRDP growth (deterministic)",
        Kind::Pct2,
        |r| Some(r.growth),
    ),
    (
        "GRDP giá so sánh (nghìn tỷ đồng, giá năm gốc)",
        "Real GRDP (k-bn VND, base-year prices)",
        Kind::Money,
        |r| Some(r.grdp_real),
    ),
    (
        "GRDP giá hiện hành (nghìn tỷ đồng)",
        "Nominal GRDP (k-bn VND)",
        Kind::Money,
        |r| Some(r.grdp_nominal),
    ),
    ("GRDP (tỷ USD)", "GRDP (bn USD)", Kind::Money, |r| {
        Some(r.grdp_usd_bn)
    }),
    (
        "Vốn đầu tư (nghìn tỷ đồng, giá hiện hành)",
        "Investment (k-bn VND, current prices)",
        Kind::Money,
        |r| Some(r.investment_nominal),
    ),
    (
        "Vốn đầu tư/GRDP",
        "Investment/GRDP",
        Kind::Pct1,
        |r| Some(r.investment_ratio),
    ),
    (
        "Tăng vốn (tài sản cố định)",
        "Capital-stock growth",
        Kind::Pct2,
        |r| Some(r.capital_growth),
    ),
    (
        "Lao động có việc làm (nghìn người)",
        "Employment (thousand)",
        Kind::Money,
        |r| Some(r.labour),
    ),
    ("Tăng lao động", "Employment growth", Kind::Pct2, |r| {
        Some(r.labour_growth)
    }),
    ("Tăng TFP", "TFP growth", Kind::Pct2, |r| {
        Some(r.tfp_growth)
    }),
    ("Đóng góp TFP", "TFP contribution", Kind::Pct2, |r| {
        Some(r.contrib_tfp)
    }),
    (
        "Đóng góp vốn",
        "Capital contribution",
        Kind::Pct2,
        |r| Some(r.contrib_capital),
    ),
    (
        "Đóng góp lao động",
        "Labour contribution",
        Kind::Pct2,
        |r| Some(r.contrib_labour),
    ),
    (
        "Tỷ trọng TFP (theo log)",
        "TFP share (log terms)",
        Kind::Pct1,
        |r| r.tfp_share,
    ),
    ("ICOR", "ICOR", Kind::Ratio, |r| r.icor),
    (
        "Năng suất lao động (triệu đồng/lao động)",
        "Labour productivity (m VND per worker)",
        Kind::Money,
        |r| Some(r.labour_productivity),
    ),
    (
        "GRDP bình quân đầu người (triệu đồng)",
        "GRDP per capita (m VND)",
        Kind::Money,
        |r| Some(r.grdp_per_capita_vnd),
    ),
    (
        "GRDP bình quân đầu người (USD)",
        "GRDP per capita (USD)",
        Kind::Int,
        |r| Some(r.grdp_per_capita_usd),
    ),
    (
        "Dân số (nghìn người)",
        "Population (thousand)",
        Kind::Money,
        |r| Some(r.population),
    ),
    (
        "Chỉ số giảm phát (năm gốc = 1)",
        "Deflator (base year = 1)",
        Kind::Factor,
        |r| Some(r.deflator),
    ),
    (
        "Tỷ giá (đồng/USD)",
        "Exchange rate (VND per USD)",
        Kind::Int,
        |r| Some(r.exchange_rate),
    ),
];

/// Years sheet: one row per year.
fn years_sheet(
    ws: &mut Worksheet,
    f: &Fmts,
    sc: &Scenario,
    p: &Projection,
    s: Option<&Summary>,
    l: Lang,
) -> Result<(), XlsxError> {
    let mut head: Vec<String> = vec![crate::report::msg(l, "year").into()];
    head.extend(YEAR_COLUMNS.iter().map(|c| l.pick(c.0, c.1).to_string()));
    let inv_ids: Vec<&crate::scenario::Source> =
        sc.sources.iter().filter(|s| !s.financing).collect();
    let fin_ids: Vec<&crate::scenario::Source> =
        sc.sources.iter().filter(|s| s.financing).collect();
    for src in &inv_ids {
        head.push(format!(
            "{}: {} ({})",
            crate::report::msg(l, "investment"),
            l.pick(&src.label_vi, &src.label_en),
            crate::report::msg(l, "k_bn_vnd")
        ));
    }
    for src in &fin_ids {
        head.push(format!(
            "{}: {} ({})",
            crate::report::msg(l, "raised"),
            l.pick(&src.label_vi, &src.label_en),
            crate::report::msg(l, "k_bn_vnd")
        ));
    }
    let pr = &sc.plan_reference;
    let plan_cols: Vec<(String, Kind, &Vec<f64>)> = [
        (
            crate::report::msg(l, "plan_growth"),
            Kind::Pct2,
            pr.growth.as_ref(),
        ),
        (
            crate::report::msg(l, "plan_nominal_grdp_k_bn_vnd"),
            Kind::Money,
            pr.grdp_nominal.as_ref(),
        ),
        (
            crate::report::msg(l, "plan_investment_grdp"),
            Kind::Pct1,
            pr.investment_ratio.as_ref(),
        ),
        (
            crate::report::msg(l, "plan_grdp_per_capita_m_vnd"),
            Kind::Money,
            pr.grdp_per_capita.as_ref(),
        ),
        (
            crate::report::msg(l, "plan_grdp_per_capita_usd"),
            Kind::Int,
            pr.grdp_per_capita_usd.as_ref(),
        ),
        (
            crate::report::msg(l, "plan_labour_productivity_m_vnd_per_worker"),
            Kind::Money,
            pr.labour_productivity.as_ref(),
        ),
    ]
    .into_iter()
    .filter_map(|(h, k, v)| v.map(|v| (h.to_string(), k, v)))
    .collect();
    head.extend(plan_cols.iter().map(|c| c.0.clone()));
    let growth_mc = |what: &str| format!("{} {what}", crate::report::msg(l, "mc_growth"));
    if s.is_some() {
        for q in ["TB", "P5", "P10", "P25", "P50", "P75", "P90", "P95"] {
            head.push(growth_mc(if q == "TB" {
                crate::report::msg(l, "mean")
            } else {
                q
            }));
        }
        head.push(crate::report::msg(l, "p_growth_target").into());
        for q in ["P10", "P50", "P90"] {
            head.push(format!(
                "{} {q}",
                crate::report::msg(l, "mc_grdp_per_capita_usd")
            ));
        }
    }
    header_row(ws, &f.header, 0, &head)?;
    ws.set_row_height(0, 60)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 8)?;
    for c in 1..head.len() {
        ws.set_column_width(col(c), 14)?;
    }

    for (t, yr) in p.years.iter().enumerate() {
        let r = row(t + 1);
        ws.write_number_with_format(r, 0, yr.year, &f.bold)?;
        let mut c = 1usize;
        for (_, _, k, get) in YEAR_COLUMNS {
            num(ws, f, r, col(c), get(yr), *k)?;
            c += 1;
        }
        for src in &inv_ids {
            num(
                ws,
                f,
                r,
                col(c),
                yr.investment_by_source.get(&src.id),
                Kind::Money,
            )?;
            c += 1;
        }
        for src in &fin_ids {
            num(
                ws,
                f,
                r,
                col(c),
                yr.financing_realised.get(&src.id),
                Kind::Money,
            )?;
            c += 1;
        }
        for (_, k, v) in &plan_cols {
            num(ws, f, r, col(c), v.get(t).copied(), *k)?;
            c += 1;
        }
        if let Some(y) = s.and_then(|s| s.years.get(t)) {
            let g = &y.growth;
            for v in [g.mean, g.p5, g.p10, g.p25, g.p50, g.p75, g.p90, g.p95] {
                num(ws, f, r, col(c), Some(v), Kind::Pct2)?;
                c += 1;
            }
            num(ws, f, r, col(c), Some(y.prob_hit), Kind::Pct1)?;
            c += 1;
            let pc = &y.grdp_per_capita_usd;
            for v in [pc.p10, pc.p50, pc.p90] {
                num(ws, f, r, col(c), Some(v), Kind::Int)?;
                c += 1;
            }
        }
    }
    // period row, under the matching columns
    let r = row(p.years.len() + 1);
    text(ws, f, r, 0, crate::report::msg(l, "period"))?;
    let at = |en: &str| {
        let i = YEAR_COLUMNS.iter().position(|c| c.1 == en);
        debug_assert!(i.is_some(), "no Years column {en}");
        col(i.unwrap_or(0) + 1)
    };
    num(
        ws,
        f,
        r,
        at("GRDP growth (deterministic)"),
        Some(p.cagr),
        Kind::Pct2,
    )?;
    let inv = Some(p.investment_nominal_total);
    num(
        ws,
        f,
        r,
        at("Investment (k-bn VND, current prices)"),
        inv,
        Kind::Money,
    )?;
    let ratio = Some(p.investment_ratio_period);
    num(ws, f, r, at("Investment/GRDP"), ratio, Kind::Pct1)?;
    num(
        ws,
        f,
        r,
        at("TFP share (log terms)"),
        p.tfp_share,
        Kind::Pct1,
    )?;
    num(ws, f, r, at("ICOR"), p.icor_period, Kind::Ratio)?;
    ws.write_string_with_format(
        r + 2,
        0,
        crate::report::msg(l, "period_cagr_total_investment_period_investment_g"),
        &f.text,
    )?;
    Ok(())
}

/// Funding sheet: one row per source, then the compensation rules.
fn funding_sheet(ws: &mut Worksheet, f: &Fmts, s: &Summary, l: Lang) -> Result<(), XlsxError> {
    let head: Vec<String> = [
        crate::report::msg(l, "funding_source"),
        "id",
        crate::report::msg(l, "role"),
        crate::report::msg(l, "plan_k_bn_vnd"),
        crate::report::msg(l, "realised_mean"),
        crate::report::msg(l, "realised_p10"),
        crate::report::msg(l, "realised_p50"),
        crate::report::msg(l, "realised_p90"),
        crate::report::msg(l, "mean_shortfall"),
        crate::report::msg(l, "mean_shortfall_plan"),
        crate::report::msg(l, "p_short"),
        crate::report::msg(l, "p_hit_short_2"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header_row(ws, &f.header, 0, &head)?;
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 12)?;
    for c in 3..head.len() {
        ws.set_column_width(col(c), 14)?;
    }
    for (i, fs) in s.funding.iter().enumerate() {
        let r = row(i + 1);
        text(ws, f, r, 0, l.pick(&fs.label_vi, &fs.label_en))?;
        text(ws, f, r, 1, &fs.source)?;
        text(
            ws,
            f,
            r,
            2,
            if fs.financing {
                crate::report::msg(l, "finances")
            } else {
                crate::report::msg(l, "invests")
            },
        )?;
        let q = &fs.realised;
        for (c, v, k) in [
            (3, Some(fs.plan), Kind::Money),
            (4, Some(q.mean), Kind::Money),
            (5, Some(q.p10), Kind::Money),
            (6, Some(q.p50), Kind::Money),
            (7, Some(q.p90), Kind::Money),
            (8, Some(fs.shortfall_mean), Kind::Money),
            (
                9,
                (fs.plan != 0.0).then(|| fs.shortfall_mean / fs.plan),
                Kind::Pct1,
            ),
            (10, Some(fs.prob_short), Kind::Pct1),
            (11, fs.prob_hit_given_short, Kind::Pct1),
        ] {
            num(ws, f, r, c, v, k)?;
        }
    }
    let mut r = row(s.funding.len() + 2);
    text(
        ws,
        f,
        r,
        0,
        crate::report::msg(l, "money_k_bn_vnd_over_the_whole_period_current_pri"),
    )?;
    if !s.compensation.is_empty() {
        r += 2;
        header_row(
            ws,
            &f.header,
            r,
            &[
                crate::report::msg(l, "compensation_rule").into(),
                crate::report::msg(l, "status").into(),
                String::new(),
                crate::report::msg(l, "mean_added_k_bn_vnd").into(),
            ],
        )?;
        for c in &s.compensation {
            r += 1;
            text(ws, f, r, 0, &c.id)?;
            text(
                ws,
                f,
                r,
                1,
                if c.enabled {
                    crate::report::msg(l, "on")
                } else {
                    crate::report::msg(l, "off")
                },
            )?;
            num(ws, f, r, 3, Some(c.added_mean), Kind::Money)?;
        }
    }
    Ok(())
}

/// Percentiles sheet: one row per Monte Carlo output.
fn percentiles_sheet(
    ws: &mut Worksheet,
    f: &Fmts,
    sc: &Scenario,
    s: &Summary,
    l: Lang,
) -> Result<(), XlsxError> {
    let head: Vec<String> = [
        crate::report::msg(l, "quantity"),
        crate::report::msg(l, "unit"),
        crate::report::msg(l, "mean_2"),
        "P5",
        "P10",
        "P25",
        crate::report::msg(l, "p50_median"),
        "P75",
        "P90",
        "P95",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header_row(ws, &f.header, 0, &head)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 52)?;
    ws.set_column_width(1, 18)?;
    for c in 2..head.len() {
        ws.set_column_width(col(c), 13)?;
    }
    let end = end_year(sc);
    let kvnd = crate::report::msg(l, "k_bn_vnd");
    let mut rows: Vec<(String, &str, Kind, &Percentiles)> = vec![(
        crate::report::msg(l, "average_growth_cagr").to_string(),
        "%",
        Kind::Pct2,
        &s.cagr,
    )];
    for y in &s.years {
        rows.push((
            format!("{} {}", crate::report::msg(l, "growth_in"), y.year),
            "%",
            Kind::Pct2,
            &y.growth,
        ));
    }
    for y in &s.years {
        rows.push((
            format!("{} {}", crate::report::msg(l, "grdp_per_capita"), y.year),
            "USD",
            Kind::Int,
            &y.grdp_per_capita_usd,
        ));
    }
    rows.push((
        format!("GRDP {end} {}", crate::report::msg(l, "current_prices")),
        kvnd,
        Kind::Money,
        &s.grdp_end,
    ));
    rows.push((
        format!("GRDP {end}"),
        crate::report::msg(l, "bn_usd"),
        Kind::Money,
        &s.grdp_end_usd,
    ));
    rows.push((
        format!("{} {end}", crate::report::msg(l, "grdp_per_capita")),
        "USD",
        Kind::Int,
        &s.grdp_per_capita_usd_end,
    ));
    rows.push((
        crate::report::msg(l, "tfp_share_of_growth_over_the_period_log_terms").to_string(),
        "%",
        Kind::Pct1,
        &s.tfp_share,
    ));
    rows.push((
        format!(
            "{} {}",
            crate::report::msg(l, "total_investment"),
            period(sc)
        ),
        kvnd,
        Kind::Money,
        &s.investment_total,
    ));
    for fs in &s.funding {
        rows.push((
            format!(
                "{}: {}",
                crate::report::msg(l, "realised"),
                l.pick(&fs.label_vi, &fs.label_en)
            ),
            kvnd,
            Kind::Money,
            &fs.realised,
        ));
    }
    for (i, (label, unit, k, q)) in rows.iter().enumerate() {
        let r = row(i + 1);
        text(ws, f, r, 0, label)?;
        text(ws, f, r, 1, unit)?;
        for (c, v) in [q.mean, q.p5, q.p10, q.p25, q.p50, q.p75, q.p90, q.p95]
            .into_iter()
            .enumerate()
        {
            num(ws, f, r, col(c + 2), Some(v), *k)?;
        }
    }
    Ok(())
}

/// Where an input's value comes from, judged from its key and citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputKind {
    /// Printed in a document.
    Document,
    /// From a document, with a part (such as the yearly profile) assumed.
    DocumentAndAssumption,
    /// Derived from document figures by a formula.
    Implied,
    /// Calibrated from document figures and assumptions (K/Y).
    Calibrated,
    /// Not in the documents.
    Assumption,
    /// A default of the format (realisation 1.0: the plan is met).
    Default,
    /// No citation given.
    Unsourced,
}

/// Classifies an input: α and δ are always assumptions and K/Y is calibrated from them
/// (scenarios/README.md, "Assumptions not in the documents"); otherwise the citation's first
/// word decides ("assumption", "calibrated", "implied"), and a citation that mentions an
/// assumption elsewhere is a document figure with an assumed part.
pub(crate) fn input_kind(key: &str, citation: &str) -> InputKind {
    match key {
        "economy.capital_share" | "economy.depreciation" => return InputKind::Assumption,
        "economy.capital_output_ratio" => return InputKind::Calibrated,
        _ => {}
    }
    let c = citation.trim_start().to_lowercase();
    if c.is_empty() {
        InputKind::Unsourced
    } else if c.starts_with("assumption") || c.starts_with("giả định") {
        InputKind::Assumption
    } else if c.starts_with("calibrated") || c.starts_with("hiệu chỉnh") {
        InputKind::Calibrated
    } else if c.starts_with("implied") || c.starts_with("derived") || c.starts_with("suy ra") {
        InputKind::Implied
    } else if c.contains("assumption") || c.contains("giả định") {
        InputKind::DocumentAndAssumption
    } else {
        InputKind::Document
    }
}

/// The label of an [`InputKind`].
pub(crate) fn kind_label(k: InputKind, l: Lang) -> &'static str {
    match k {
        InputKind::Document => crate::report::msg(l, "document"),
        InputKind::DocumentAndAssumption => crate::report::msg(l, "document_assumption"),
        InputKind::Implied => crate::report::msg(l, "derived"),
        InputKind::Calibrated => crate::report::msg(l, "calibrated_rests_on_assumptions"),
        InputKind::Assumption => crate::report::msg(l, "assumption"),
        InputKind::Default => crate::report::msg(l, "default_plan_met"),
        InputKind::Unsourced => crate::report::msg(l, "no_citation"),
    }
}

/// One scenario input as the reports list it.
pub(crate) struct InputRow {
    /// Dotted key (the `[citations]` key where there is one).
    pub key: String,
    /// Description in the report language.
    pub desc: String,
    /// Unit in the report language.
    pub unit: String,
    /// A single value.
    pub value: Option<f64>,
    /// One value per projection year.
    pub years: Option<Vec<f64>>,
    /// Whether a period total makes sense.
    pub total: bool,
    /// Number format.
    kind: Kind,
    /// Citation text.
    pub citation: String,
    /// Classification when the key and citation do not tell it.
    pub kind_override: Option<InputKind>,
}

impl InputRow {
    /// Where the value comes from.
    pub fn input_kind(&self) -> InputKind {
        self.kind_override
            .unwrap_or_else(|| input_kind(&self.key, &self.citation))
    }

    /// The value as text: the single value, or the yearly values joined by " / ".
    pub fn value_text(&self, l: Lang) -> String {
        let one = |v: f64| match self.kind {
            Kind::Pct1 => l.pct(v, 1),
            Kind::Pct2 => l.pct(v, 2),
            Kind::Money => l.num(v, 1),
            Kind::Int => l.num(v, 0),
            Kind::Ratio => l.num(v, 2),
            Kind::Factor => l.num(v, 4),
            Kind::Plain => format!("{v}"),
        };
        match (&self.value, &self.years) {
            (Some(v), _) => one(*v),
            (None, Some(ys)) => {
                if !ys.is_empty() && ys.iter().all(|v| *v == ys[0]) {
                    format!("{} {}", one(ys[0]), crate::report::msg(l, "every_year"))
                } else {
                    let mut t = ys.iter().map(|v| one(*v)).collect::<Vec<_>>().join(" / ");
                    if self.total {
                        t.push_str(&format!(
                            " ({} {})",
                            crate::report::msg(l, "total_3"),
                            one(ys.iter().sum())
                        ));
                    }
                    t
                }
            }
            (None, None) => String::new(),
        }
    }

    fn scalar(key: &str, desc: String, unit: &str, value: f64, kind: Kind) -> Self {
        InputRow {
            key: key.into(),
            desc,
            unit: unit.into(),
            value: Some(value),
            years: None,
            total: false,
            kind,
            citation: String::new(),
            kind_override: None,
        }
    }

    fn yearly(key: &str, desc: String, unit: &str, years: &[f64], kind: Kind) -> Self {
        InputRow {
            key: key.into(),
            desc,
            unit: unit.into(),
            value: None,
            years: Some(years.to_vec()),
            total: false,
            kind,
            citation: String::new(),
            kind_override: None,
        }
    }
}

/// Every scenario input, by section (`meta`, `economy`, `labour`, `productivity`, `sources`,
/// `links`, `targets`, `plan_reference`, `history`), each with its citation.
pub(crate) fn input_sections(sc: &Scenario, l: Lang) -> Vec<(&'static str, Vec<InputRow>)> {
    let n = sc.horizon();
    let x = &sc.central;
    let pct = "%";
    let kvnd = crate::report::msg(l, "k_bn_vnd");
    let thousand = crate::report::msg(l, "thousand_persons");
    let mut sections: Vec<(&'static str, Vec<InputRow>)> = Vec::new();

    let cite = |key: &str| sc.citations.get(key).cloned().unwrap_or_default();
    let with = |mut r: InputRow| {
        r.citation = cite(&r.key);
        r
    };

    // meta
    let meta = vec![
        with(InputRow::scalar(
            "meta.base_year",
            crate::report::msg(l, "base_year").into(),
            "",
            f64::from(sc.meta.base_year),
            Kind::Plain,
        )),
        with(InputRow::scalar(
            "meta.target_growth",
            crate::report::msg(l, "real_grdp_growth_target_per_year").into(),
            pct,
            sc.meta.target_growth,
            Kind::Pct1,
        )),
    ];
    sections.push(("meta", meta));

    // economy
    let mut eco = vec![
        with(InputRow::scalar(
            "economy.grdp_base_nominal",
            format!(
                "{} {}",
                crate::report::msg(l, "nominal_grdp_in"),
                sc.meta.base_year
            ),
            kvnd,
            x.grdp_base_nominal,
            Kind::Money,
        )),
        with(InputRow::scalar(
            "economy.capital_output_ratio",
            format!(
                "K/Y {} {}",
                crate::report::msg(l, "in_2"),
                sc.meta.base_year
            ),
            "",
            x.capital_output_ratio,
            Kind::Ratio,
        )),
        with(InputRow::scalar(
            "economy.capital_share",
            crate::report::msg(l, "capital_share").into(),
            "",
            x.capital_share,
            Kind::Ratio,
        )),
        with(InputRow::scalar(
            "economy.depreciation",
            crate::report::msg(l, "depreciation_rate").into(),
            pct,
            x.depreciation,
            Kind::Pct1,
        )),
        with(InputRow::yearly(
            "economy.deflator_growth",
            crate::report::msg(l, "grdp_deflator_growth").into(),
            pct,
            &x.deflator_growth,
            Kind::Pct2,
        )),
        with(InputRow::scalar(
            "economy.exchange_rate_base",
            format!(
                "{} {}",
                crate::report::msg(l, "exchange_rate_in"),
                sc.meta.base_year
            ),
            crate::report::msg(l, "vnd_per_usd"),
            x.exchange_rate_base,
            Kind::Int,
        )),
        with(InputRow::yearly(
            "economy.exchange_rate",
            crate::report::msg(l, "exchange_rate").into(),
            crate::report::msg(l, "vnd_per_usd"),
            &x.exchange_rate,
            Kind::Int,
        )),
        with(InputRow::yearly(
            "economy.human_capital_growth",
            crate::report::msg(l, "human_capital_growth_per_worker").into(),
            pct,
            &x.human_capital_growth,
            Kind::Pct2,
        )),
    ];
    if sc.meta.engine == Engine::Icor {
        eco.push(with(InputRow::yearly(
            "economy.icor",
            "ICOR".into(),
            "",
            &x.icor,
            Kind::Ratio,
        )));
    }
    sections.push(("economy", eco));

    // labour
    sections.push((
        "labour",
        vec![
            with(InputRow::scalar(
                "labour.population_base",
                format!(
                    "{} {}",
                    crate::report::msg(l, "population_in"),
                    sc.meta.base_year
                ),
                thousand,
                x.population_base,
                Kind::Money,
            )),
            with(InputRow::yearly(
                "labour.population",
                crate::report::msg(l, "population_2").into(),
                thousand,
                &x.population,
                Kind::Money,
            )),
            with(InputRow::scalar(
                "labour.employment_base",
                format!(
                    "{} {}",
                    crate::report::msg(l, "employment_in"),
                    sc.meta.base_year
                ),
                thousand,
                x.employment_base,
                Kind::Money,
            )),
            with(InputRow::yearly(
                "labour.employment",
                crate::report::msg(l, "employment_2").into(),
                thousand,
                &x.employment,
                Kind::Money,
            )),
        ],
    ));

    // productivity
    if sc.meta.engine == Engine::GrowthAccounting {
        sections.push((
            "productivity",
            vec![with(InputRow::yearly(
                "productivity.tfp_growth",
                crate::report::msg(l, "tfp_growth").into(),
                pct,
                &x.tfp_growth,
                Kind::Pct2,
            ))],
        ));
    }

    // sources: plan and central realisation
    let mut src_rows = Vec::new();
    for (si, src) in sc.sources.iter().enumerate() {
        let unit = match src.currency {
            Currency::Vnd => kvnd,
            Currency::Usd => crate::report::msg(l, "bn_usd"),
        };
        let mut plan = InputRow::yearly(
            &format!("sources.{}", src.id),
            format!(
                "{}: {} ({}, {}{})",
                crate::report::msg(l, "plan_2"),
                l.pick(&src.label_vi, &src.label_en),
                group_name(src.group, l),
                if src.financing {
                    crate::report::msg(l, "finances")
                } else {
                    crate::report::msg(l, "invests")
                },
                if src.lag > 0 {
                    format!(", {} {}", crate::report::msg(l, "lag_2"), src.lag)
                } else {
                    String::new()
                }
            ),
            unit,
            &src.plan,
            Kind::Money,
        );
        plan.total = true;
        plan.citation = src.citation.clone();
        src_rows.push(plan);
        let real = &x.realisation[si * n..(si + 1) * n];
        let mut rr = InputRow::yearly(
            &format!("sources.{}.realisation", src.id),
            format!(
                "{}: {}",
                crate::report::msg(l, "realisation_central"),
                l.pick(&src.label_vi, &src.label_en)
            ),
            crate::report::msg(l, "realised_plan"),
            real,
            Kind::Factor,
        );
        rr.citation = cite(&rr.key);
        if rr.citation.is_empty() {
            if real.iter().all(|v| *v == 1.0) {
                rr.kind_override = Some(InputKind::Default);
            } else if !sc.meta.description.trim().is_empty() {
                rr.citation = format!(
                    "{}{}",
                    crate::report::msg(l, "see_the_scenario_description"),
                    sc.meta.description.trim()
                );
            }
        }
        src_rows.push(rr);
    }
    sections.push(("sources", src_rows));

    // links
    let links = sc
        .links
        .iter()
        .map(|k| {
            let from = &sc.sources[k.from];
            let to = &sc.sources[k.to];
            let mut r = InputRow::scalar(
                &format!("links.{}→{}", from.id, to.id),
                format!(
                    "{} {} → {}",
                    crate::report::msg(l, "financing_share"),
                    l.pick(&from.label_vi, &from.label_en),
                    l.pick(&to.label_vi, &to.label_en)
                ),
                pct,
                k.share,
                Kind::Pct1,
            );
            r.citation = k.citation.clone();
            r
        })
        .collect();
    sections.push(("links", links));

    // targets
    let t = &sc.targets;
    let mut targets = Vec::new();
    if let Some(v) = t.tfp_share_period {
        targets.push(with(InputRow::scalar(
            "targets.tfp_share_period",
            crate::report::msg(l, "tfp_share_over_the_period").into(),
            pct,
            v,
            Kind::Pct1,
        )));
    }
    if let Some(v) = &t.tfp_share {
        targets.push(with(InputRow::yearly(
            "targets.tfp_share",
            crate::report::msg(l, "tfp_share").into(),
            pct,
            v,
            Kind::Pct1,
        )));
    }
    if let Some(v) = t.grdp_per_capita_usd {
        targets.push(with(InputRow::scalar(
            "targets.grdp_per_capita_usd",
            format!(
                "{} {}",
                crate::report::msg(l, "grdp_per_capita"),
                end_year(sc)
            ),
            "USD",
            v,
            Kind::Int,
        )));
    }
    if let Some(v) = t.grdp_usd_bn {
        targets.push(with(InputRow::scalar(
            "targets.grdp_usd_bn",
            format!("GRDP {}", end_year(sc)),
            crate::report::msg(l, "bn_usd"),
            v,
            Kind::Money,
        )));
    }
    sections.push(("targets", targets));

    // plan reference
    let pr = &sc.plan_reference;
    let mut plan_ref = Vec::new();
    for (key, desc, unit, kind, v) in [
        (
            "plan_reference.growth",
            crate::report::msg(l, "growth"),
            pct,
            Kind::Pct2,
            &pr.growth,
        ),
        (
            "plan_reference.grdp_nominal",
            crate::report::msg(l, "nominal_grdp"),
            kvnd,
            Kind::Money,
            &pr.grdp_nominal,
        ),
        (
            "plan_reference.investment_ratio",
            crate::report::msg(l, "investment_grdp_2"),
            pct,
            Kind::Pct1,
            &pr.investment_ratio,
        ),
        (
            "plan_reference.grdp_per_capita",
            crate::report::msg(l, "grdp_per_capita"),
            crate::report::msg(l, "m_vnd"),
            Kind::Money,
            &pr.grdp_per_capita,
        ),
        (
            "plan_reference.grdp_per_capita_usd",
            crate::report::msg(l, "grdp_per_capita"),
            "USD",
            Kind::Int,
            &pr.grdp_per_capita_usd,
        ),
        (
            "plan_reference.labour_productivity",
            crate::report::msg(l, "labour_productivity"),
            crate::report::msg(l, "m_vnd_per_worker"),
            Kind::Money,
            &pr.labour_productivity,
        ),
    ] {
        if let Some(v) = v {
            plan_ref.push(with(InputRow::yearly(
                key,
                format!("{}: {desc}", crate::report::msg(l, "plan_2")),
                unit,
                v,
                kind,
            )));
        }
    }
    sections.push(("plan_reference", plan_ref));

    // history: one scalar row per year
    if let Some(h) = &sc.history {
        let c = cite("history.growth");
        let rows = h
            .years
            .iter()
            .zip(&h.growth)
            .map(|(y, g)| {
                let mut r = InputRow::scalar(
                    "history.growth",
                    format!(
                        "{} {y}",
                        if h.estimated.contains(y) {
                            crate::report::msg(l, "estimated_growth_not_an_actual")
                        } else {
                            crate::report::msg(l, "actual_growth")
                        }
                    ),
                    pct,
                    *g,
                    Kind::Pct2,
                );
                r.citation = c.clone();
                r
            })
            .collect();
        sections.push(("history", rows));
    }

    sections
}

/// Inputs sheet: the main table, then the Monte Carlo blocks, then unused citations.
fn inputs_sheet(ws: &mut Worksheet, f: &Fmts, sc: &Scenario, l: Lang) -> Result<(), XlsxError> {
    let n = sc.horizon();
    // columns: A section, B key, C description, D unit, E type, F value, G.. years, total,
    // citation (last, wide)
    let c_val = 5usize;
    let c_year0 = 6usize;
    let c_total = c_year0 + n;
    let c_cit = (c_total + 1).max(11);
    let mut head: Vec<String> = vec![
        crate::report::msg(l, "section").into(),
        crate::report::msg(l, "key").into(),
        crate::report::msg(l, "description").into(),
        crate::report::msg(l, "unit").into(),
        crate::report::msg(l, "type").into(),
        crate::report::msg(l, "value").into(),
    ];
    head.extend(sc.meta.years.iter().map(|y| y.to_string()));
    head.push(crate::report::msg(l, "total_4").into());
    while head.len() < c_cit {
        head.push(String::new());
    }
    head.push(crate::report::msg(l, "source_citation").into());
    header_row(ws, &f.header, 0, &head)?;
    ws.set_freeze_panes(1, 3)?;
    for (c, w) in [(0, 14), (1, 30), (2, 44), (3, 16), (4, 14), (5, 12)] {
        ws.set_column_width(c, w)?;
    }
    for c in c_year0..c_cit {
        ws.set_column_width(col(c), 11)?;
    }
    ws.set_column_width(col(c_cit), 100)?;

    let kvnd = crate::report::msg(l, "k_bn_vnd");
    let sections = input_sections(sc, l);
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut r: u32 = 1;
    for (section, rows) in &sections {
        for ir in rows {
            used.insert(ir.key.clone());
            text(ws, f, r, 0, section)?;
            text(ws, f, r, 1, &ir.key)?;
            text(ws, f, r, 2, &ir.desc)?;
            text(ws, f, r, 3, &ir.unit)?;
            text(ws, f, r, 4, kind_label(ir.input_kind(), l))?;
            if let Some(v) = ir.value {
                num(ws, f, r, col(c_val), Some(v), ir.kind)?;
            }
            if let Some(ys) = &ir.years {
                for (t, v) in ys.iter().enumerate() {
                    num(ws, f, r, col(c_year0 + t), Some(*v), ir.kind)?;
                }
                if ir.total {
                    num(ws, f, r, col(c_total), Some(ys.iter().sum()), ir.kind)?;
                }
            }
            ws.write_string_with_format(
                r,
                col(c_cit),
                super::humanise_citation(&ir.citation, l),
                &f.wrap,
            )?;
            r += 1;
        }
    }

    // Monte Carlo blocks
    let u = &sc.uncertainty;
    if !u.inputs.is_empty() {
        r += 1;
        ws.write_string_with_format(
            r,
            0,
            crate::report::msg(l, "uncertain_inputs_monte_carlo_distribution_of_the"),
            &f.bold,
        )?;
        r += 1;
        let mut h: Vec<String> = vec![
            crate::report::msg(l, "section").into(),
            crate::report::msg(l, "name").into(),
            crate::report::msg(l, "acts_on").into(),
            crate::report::msg(l, "applied_as").into(),
            crate::report::msg(l, "type").into(),
            crate::report::msg(l, "level_mean").into(),
            crate::report::msg(l, "level_sd").into(),
            crate::report::msg(l, "persistence").into(),
            crate::report::msg(l, "yearly_shock").into(),
            crate::report::msg(l, "random_walk").into(),
        ];
        while h.len() < c_cit {
            h.push(String::new());
        }
        h.push(crate::report::msg(l, "source_citation").into());
        header_row(ws, &f.header, r, &h)?;
        r += 1;
        for i in &u.inputs {
            used.insert(format!("uncertainty.{}", i.name));
            text(ws, f, r, 0, "uncertainty")?;
            text(ws, f, r, 1, &i.name)?;
            text(ws, f, r, 2, &target_name(sc, i.target, l))?;
            text(ws, f, r, 3, apply_name(i.apply, l))?;
            text(
                ws,
                f,
                r,
                4,
                kind_label(
                    input_kind(&format!("uncertainty.{}", i.name), &i.citation),
                    l,
                ),
            )?;
            num(ws, f, r, 5, Some(i.level_mean), Kind::Factor)?;
            num(ws, f, r, 6, Some(i.level_sd), Kind::Factor)?;
            num(ws, f, r, 7, Some(i.persistence), Kind::Ratio)?;
            text(ws, f, r, 8, yes_no(i.shock.is_some(), l))?;
            text(ws, f, r, 9, yes_no(i.cumulative, l))?;
            ws.write_string_with_format(
                r,
                col(c_cit),
                super::humanise_citation(&i.citation, l),
                &f.wrap,
            )?;
            r += 1;
        }
    }
    if !u.events.is_empty() {
        r += 1;
        let mut h: Vec<String> = vec![
            crate::report::msg(l, "section").into(),
            crate::report::msg(l, "project").into(),
            crate::report::msg(l, "part_of_source").into(),
            crate::report::msg(l, "unit").into(),
            crate::report::msg(l, "type").into(),
            crate::report::msg(l, "delay_probability").into(),
        ];
        h.extend(sc.meta.years.iter().map(|y| y.to_string()));
        h.push(crate::report::msg(l, "total_4").into());
        while h.len() < c_cit {
            h.push(String::new());
        }
        h.push(crate::report::msg(l, "source_citation").into());
        header_row(ws, &f.header, r, &h)?;
        r += 1;
        for e in &u.events {
            let src = &sc.sources[e.source];
            text(ws, f, r, 0, "uncertainty.events")?;
            text(ws, f, r, 1, &e.id)?;
            text(ws, f, r, 2, l.pick(&src.label_vi, &src.label_en))?;
            text(ws, f, r, 3, kvnd)?;
            text(ws, f, r, 4, kind_label(input_kind("", &e.citation), l))?;
            num(ws, f, r, 5, Some(e.delay_probability), Kind::Pct1)?;
            for (t, v) in e.amounts.iter().enumerate() {
                num(ws, f, r, col(c_year0 + t), Some(*v), Kind::Money)?;
            }
            num(
                ws,
                f,
                r,
                col(c_total),
                Some(e.amounts.iter().sum()),
                Kind::Money,
            )?;
            ws.write_string_with_format(
                r,
                col(c_cit),
                super::humanise_citation(&e.citation, l),
                &f.wrap,
            )?;
            r += 1;
        }
    }
    if let Some(c) = &u.correlation {
        r += 1;
        let names: Vec<&str> = c
            .inputs
            .iter()
            .map(|&i| u.inputs[i].name.as_str())
            .collect();
        let mut h: Vec<String> = vec![crate::report::msg(l, "correlation_2").into(), String::new()];
        h.extend(names.iter().map(|s| s.to_string()));
        header_row(ws, &f.header, r, &h)?;
        r += 1;
        for (i, rowv) in c.matrix.iter().enumerate() {
            text(ws, f, r, 0, "uncertainty.correlation")?;
            text(ws, f, r, 1, names.get(i).copied().unwrap_or(""))?;
            for (j, v) in rowv.iter().enumerate() {
                num(ws, f, r, col(j + 2), Some(*v), Kind::Ratio)?;
            }
            r += 1;
        }
        if let Some(d) = c.repaired_distance {
            text(
                ws,
                f,
                r,
                0,
                &format!(
                    "{} {d:.4}",
                    crate::report::msg(l, "matrix_repaired_frobenius_distance")
                ),
            )?;
            r += 1;
        }
    }
    if !u.compensation.is_empty() {
        r += 1;
        let mut h: Vec<String> = vec![
            crate::report::msg(l, "section").into(),
            crate::report::msg(l, "compensation_rule").into(),
            crate::report::msg(l, "covers_from").into(),
            crate::report::msg(l, "cap").into(),
            crate::report::msg(l, "status").into(),
            crate::report::msg(l, "efficiency").into(),
        ];
        while h.len() < c_cit {
            h.push(String::new());
        }
        h.push(crate::report::msg(l, "source_citation").into());
        header_row(ws, &f.header, r, &h)?;
        r += 1;
        for c in &u.compensation {
            text(ws, f, r, 0, "compensation")?;
            text(ws, f, r, 1, &c.id)?;
            text(
                ws,
                f,
                r,
                2,
                &format!(
                    "{} ← {}",
                    sc.sources[c.covers].id,
                    c.from
                        .iter()
                        .map(|i| sc.sources[*i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )?;
            text(ws, f, r, 3, &cap_text(c.cap, l))?;
            text(
                ws,
                f,
                r,
                4,
                if c.enabled {
                    crate::report::msg(l, "on")
                } else {
                    crate::report::msg(l, "off")
                },
            )?;
            num(ws, f, r, 5, Some(c.efficiency), Kind::Pct1)?;
            ws.write_string_with_format(
                r,
                col(c_cit),
                super::humanise_citation(&c.citation, l),
                &f.wrap,
            )?;
            r += 1;
        }
    }

    // every other citation of the scenario
    let rest: Vec<(&String, &String)> = sc
        .citations
        .iter()
        .filter(|(k, _)| !used.contains(*k))
        .collect();
    if !rest.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, crate::report::msg(l, "other_citations"), &f.bold)?;
        r += 1;
        for (k, v) in rest {
            text(ws, f, r, 0, "citations")?;
            text(ws, f, r, 1, k)?;
            ws.write_string_with_format(r, col(c_cit), v, &f.wrap)?;
            r += 1;
        }
    }
    Ok(())
}

fn yes_no(b: bool, l: Lang) -> &'static str {
    if b {
        crate::report::msg(l, "yes")
    } else {
        crate::report::msg(l, "no")
    }
}

/// What an uncertain input acts on, in words.
pub(crate) fn target_name(sc: &Scenario, t: Target, l: Lang) -> String {
    match t {
        Target::TfpGrowth => crate::report::msg(l, "tfp_growth_2").into(),
        Target::DeflatorGrowth => crate::report::msg(l, "deflator_growth").into(),
        Target::ExchangeRate => crate::report::msg(l, "exchange_rate_2").into(),
        Target::Employment => crate::report::msg(l, "employment").into(),
        Target::Depreciation => crate::report::msg(l, "depreciation").into(),
        Target::CapitalOutputRatio => "K/Y".into(),
        Target::CapitalShare => crate::report::msg(l, "capital_share_2").into(),
        Target::Icor => "ICOR".into(),
        Target::Source(i) => format!(
            "{}: {}",
            crate::report::msg(l, "realisation"),
            sc.sources
                .get(i)
                .map(|s| l.pick(&s.label_vi, &s.label_en))
                .unwrap_or("?")
        ),
    }
}

/// How a draw combines with the central value, in words.
pub(crate) fn apply_name(a: Apply, l: Lang) -> &'static str {
    match a {
        Apply::Add => crate::report::msg(l, "added_to_the_central_value"),
        Apply::Multiply => crate::report::msg(l, "multiplies_the_central_value"),
        Apply::Replace => crate::report::msg(l, "replaces_the_central_value"),
    }
}

fn cap_text(c: Cap, l: Lang) -> String {
    match c {
        Cap::Surplus => crate::report::msg(l, "the_covering_source_s_surplus").into(),
        Cap::Amount(a) => format!(
            "{} {}/{}",
            l.num(a, 1),
            crate::report::msg(l, "k_bn_vnd"),
            crate::report::msg(l, "year_2")
        ),
        Cap::Share(s) => format!(
            "{} {}",
            l.pct(s, 0),
            crate::report::msg(l, "of_the_shortfall")
        ),
    }
}
