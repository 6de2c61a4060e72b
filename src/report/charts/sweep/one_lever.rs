//! The one-lever sweep chart: P(hit) and the median CAGR against the lever, with their
//! intervals, the target and the plan's value marked.

use super::*;
use crate::report::{msg, msgf};

// ---------------------------------------------------------------------------------------------
// One lever
// ---------------------------------------------------------------------------------------------

/// (x, a, b, c): P(hit) with its interval, or the CAGR P10, P50, P90.
type Run = Vec<[f64; 4]>;

struct OneLever {
    head: style::Head,
    lang: Lang,
    unit: Unit,
    x_desc: String,
    p_desc: String,
    g_desc: String,
    x: (f64, f64),
    /// The value as written, when it is within reach of the grid, and its label.
    current: Option<f64>,
    current_label: String,
    target: Option<f64>,
    target_label: String,
    prob: Vec<Run>,
    cagr: Vec<Run>,
    nothing: String,
}

/// Splits points (sorted by x) into runs of consecutive points that have a value.
pub(super) fn runs(points: impl Iterator<Item = Option<[f64; 4]>>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut cur: Run = Vec::new();
    for p in points {
        match p {
            Some(v) => cur.push(v),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(super) fn one_lever(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    let a = &s.axes[0];
    let unit = Unit::of(&a.lever, a.money);
    let mut order: Vec<usize> = (0..a.values.len()).collect();
    order.sort_by(|&i, &j| a.values[i].total_cmp(&a.values[j]));
    let prob_runs = runs(order.iter().map(|&i| {
        let p = &s.points[i];
        prob(p).map(|v| {
            let ci = p
                .prob_hit_ci95
                .filter(|c| c[0].is_finite() && c[1].is_finite())
                .unwrap_or([v, v]);
            [a.values[i], v, ci[0].clamp(0.0, 1.0), ci[1].clamp(0.0, 1.0)]
        })
    }));
    let cagr_runs = runs(order.iter().map(|&i| {
        let p = &s.points[i];
        match (p.cagr_p10, p.cagr_p50, p.cagr_p90) {
            (Some(lo), Some(m), Some(hi)) if lo.is_finite() && m.is_finite() && hi.is_finite() => {
                Some([a.values[i], lo, m, hi])
            }
            _ => None,
        }
    }));
    let missing: Vec<String> = order
        .iter()
        .filter(|&&i| prob(&s.points[i]).is_none())
        .map(|&i| unit.value(lang, a.values[i]))
        .collect();

    let (g0, g1) = extent(a.values.iter().copied());
    let span = (g1 - g0).abs();
    // the value as written widens the axis by at most half the grid's span
    let current =
        Some(a.current).filter(|c| c.is_finite() && *c >= g0 - 0.5 * span && *c <= g1 + 0.5 * span);
    let (lo, hi) = match current {
        Some(c) => (g0.min(c), g1.max(c)),
        None => (g0, g1),
    };
    let x = padded(lo, hi, 0.03, (0.0, 1.0));
    let target = Some(s.target).filter(|t| t.is_finite());
    let t = target_text(lang, s.target);

    let current_value = if a.current.is_finite() {
        unit.value(lang, a.current)
    } else {
        "–".into()
    };
    let current_label = format!("{}: {current_value}", as_written_word(lang));
    let mut current_legend = current_label.clone();
    if current.is_none() {
        current_legend.push_str(msg(lang, "outside_the_sweep"));
    }
    let title = fit_title(vec![
        super::super::title(
            lang,
            &format!(
                "Xác suất đạt tăng trưởng bình quân ≥ {t} theo {}",
                a.lever_label_vi
            ),
            &format!(
                "Probability of average growth ≥ {t} by {}",
                a.lever_label_en
            ),
        ),
        super::super::title(
            lang,
            &format!("Xác suất đạt ≥ {t} theo {}", a.lever_label_vi),
            &format!("P(growth ≥ {t}) by {}", a.lever_label_en),
        ),
        super::super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo đòn bẩy"),
            &format!("Probability of average growth ≥ {t} along a lever"),
        ),
    ])?;
    let legend = vec![
        LegendItem::estimate(msgf(lang, "p_average_growth_2", &[("t", &t)])),
        LegendItem::interval(msg(lang, "95_ci_wilson")),
        LegendItem::marked(
            style::INK,
            5,
            false,
            Marker::Diamond,
            msg(lang, "average_growth_median"),
        ),
        LegendItem::fill(style::INK, 0.15, false, msg(lang, "p10_p90")),
        LegendItem::line(
            style::VERMILLION,
            4,
            true,
            msgf(lang, "target_a_year_2", &[("t", &t)]),
        ),
        LegendItem::line(style::GREY_TEXT, 3, true, current_legend),
    ];
    let c = OneLever {
        head: style::Head::new(
            title.clone(),
            style::nfc(&gap_caption(lang, &missing, a.values.len(), false)?),
            source_per(lang, &s.scenario, s.paths, s.seed, "per_point"),
            legend,
        ),
        lang,
        unit,
        x_desc: unit.desc(lang, lang.pick(&a.lever_label_vi, &a.lever_label_en)),
        p_desc: msg(lang, "probability_of_reaching_the_target").into(),
        g_desc: msg(lang, "average_grdp_growth_a_year").into(),
        x,
        current,
        current_label,
        target,
        target_label: msgf(lang, "target_3", &[("t", &t)]),
        prob: prob_runs,
        cagr: cagr_runs,
        nothing: msg(lang, "no_point_could_be_run").into(),
    };
    render("sweep", title, &c)
}

/// Draws runs as bands (polygons, or whiskers for single points) and lines with markers.
fn draw_runs<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut Plane<'_, DB>,
    runs: &[Run],
    (mid, lo, hi): (usize, usize, usize),
    (color, band_alpha, marker): (RGBColor, f64, Marker),
) -> Result<(), ChartError> {
    for run in runs {
        if run.len() > 1 {
            let band: Vec<(f64, f64, f64)> = run.iter().map(|p| (p[0], p[lo], p[hi])).collect();
            plane::band(chart, &band, color, band_alpha)?;
            let line: Vec<(f64, f64)> = run.iter().map(|p| (p[0], p[mid])).collect();
            plane::line(chart, &line, color, 5)?;
        } else {
            let p = run[0];
            let (a, b) = (
                chart.backend_coord(&(p[0], p[lo])),
                chart.backend_coord(&(p[0], p[hi])),
            );
            primitives::whisker(root, a, b, color.mix(0.6).stroke_width(4), 10)?;
        }
        let pts: Vec<(f64, f64)> = run.iter().map(|p| (p[0], p[mid])).collect();
        plane::marks(root, chart, &pts, marker, color, 7)?;
    }
    Ok(())
}

impl Draw for OneLever {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let w = area.dim_in_pixel().0;
        let (left, right) = area.split_horizontally(w / 2);
        let (x0, x1) = self.x;
        let xd = self.unit.tick_decimals(x0..x1, 6);
        let unit = self.unit;
        let fx = |v: &f64| unit.fmt(lang, *v, xd);

        // left: P(hit), 0–100%
        let mut pc = plane::plane(&left, Margins::PANEL, x0..x1, 0.0..1.0)?;
        style::mesh(
            &mut pc,
            style::Grid::Both,
            Some((6, &fx)),
            Some((11, &|v| lang.pct(*v, 0))),
        )?;
        plane::hguide(root, &pc, 0.5, x0..x1, style::GREY_TEXT.stroke_width(2))?;

        // right: median CAGR and P10–P90, with the target
        let (lo, hi) = extent(
            self.cagr
                .iter()
                .flatten()
                .flat_map(|p| [p[1], p[3]])
                .chain(self.target),
        );
        let (y0, y1) = padded(lo, hi, 0.08, (0.0, 0.2));
        let yd = style::tick_decimals(y0..y1, 6, 100.0);
        let mut gc = plane::plane(&right, Margins::PANEL, x0..x1, y0..y1)?;
        style::mesh(
            &mut gc,
            style::Grid::Both,
            Some((6, &fx)),
            Some((6, &|v| lang.pct(*v, yd))),
        )?;

        // axis descriptions: the lever once under both panels
        let (px, py) = pc.plotting_area().get_pixel_range();
        let (gx, gy) = gc.plotting_area().get_pixel_range();
        style::axis_descs(
            root,
            (px.start..gx.end, py.clone()),
            left.get_base_pixel().0 + 4,
            &self.x_desc,
            &self.p_desc,
        )?;
        style::axis_descs(
            root,
            (gx.clone(), gy.clone()),
            right.get_base_pixel().0 + 4,
            "",
            &self.g_desc,
        )?;

        if let Some(t) = self.target {
            let a = gc.backend_coord(&(x0, t));
            style::dashed_px(
                root,
                a,
                gc.backend_coord(&(x1, t)),
                style::VERMILLION.stroke_width(4),
            )?;
            let st = style::text(
                style::LABEL_PX,
                false,
                style::VERMILLION,
                HPos::Left,
                VPos::Bottom,
            );
            style::put(root, &self.target_label, &st, (a.0 + 10, a.1 - 8))?;
        }
        if let Some(c) = self.current {
            plane::as_written(root, &pc, c, 0.0..1.0, &self.current_label)?;
            plane::as_written(root, &gc, c, y0..y1, &self.current_label)?;
        }
        draw_runs(
            root,
            &mut pc,
            &self.prob,
            (1, 2, 3),
            (style::BLUE, 0.25, Marker::Dot),
        )?;
        draw_runs(
            root,
            &mut gc,
            &self.cagr,
            (2, 1, 3),
            (style::INK, 0.15, Marker::Diamond),
        )?;
        if self.prob.is_empty() {
            centre_note(root, (px, py), &self.nothing)?;
        }
        if self.cagr.is_empty() {
            centre_note(root, (gx, gy), &self.nothing)?;
        }
        Ok(())
    }
}
