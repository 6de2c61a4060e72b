//! Fan charts: real GRDP growth per year (this file) and GRDP per capita
//! (`per_capita_fan.rs`, same drawing code): median, 50% and 90% bands, the target, the plan's
//! own path and, for growth, the 2021–2025 actuals to the left.

use super::milestone_marks::{self, FanMark};
use super::placement::{Placer, Spot};
use super::plane::{self, Margins};
use super::style::{self, Frame, LegendItem, Marker};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::{Percentiles, Summary};
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use crate::scenario::indicators::MilestoneQuantity;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// How the y values are written.
#[derive(Debug, Clone, Copy)]
pub(super) enum YFormat {
    /// Fractions as percentages.
    Pct,
    /// Plain numbers (USD).
    Num,
}

/// A fan chart's content, in the language already.
pub(super) struct Fan {
    pub lang: Lang,
    /// Title, subtitle and source (the legend is made from the content).
    pub head: style::Head,
    pub y_desc: String,
    pub y_format: YFormat,
    /// Start the y axis at zero.
    pub y_from_zero: bool,
    /// Projection years and their percentiles.
    pub years: Vec<i32>,
    pub bands: Vec<Percentiles>,
    /// Values before the projection (the fan starts from the last of them).
    pub history: Vec<(i32, f64)>,
    /// Years of `history` that are estimates, not printed actuals: drawn dashed and grey.
    pub estimated: Vec<i32>,
    /// The plan's own path.
    pub plan: Vec<(i32, f64)>,
    /// A horizontal target line.
    pub target: Option<f64>,
    /// Labels: history, median, 50% band, 90% band, target, plan.
    pub labels: FanLabels,
    /// A note in the top-left corner of the plot.
    pub note: Option<String>,
    /// The run's milestones of this quantity, with their probabilities.
    pub marks: Vec<FanMark>,
}

/// Legend and region labels of a fan chart.
pub(super) struct FanLabels {
    pub history: String,
    pub estimated: String,
    pub median: String,
    pub band50: String,
    pub band90: String,
    pub target: String,
    pub plan: String,
    pub actual_region: String,
    pub forecast_region: String,
}

impl FanLabels {
    fn new(lang: Lang, history: String, estimated: String, target: String) -> Self {
        FanLabels {
            history,
            median: msg(lang, "median_forecast").into(),
            band50: msg(lang, "50_range_p25_p75").into(),
            band90: msg(lang, "90_range_p5_p95").into(),
            target,
            plan: msg(lang, "plan_path").into(),
            actual_region: if estimated.is_empty() {
                msg(lang, "actual").into()
            } else {
                msg(lang, "actual_and_estimate").into()
            },
            forecast_region: msg(lang, "forecast").into(),
            estimated,
        }
    }
}

/// Real GRDP growth per year: median, 50% (P25–P75) and 90% (P5–P95) bands, the growth
/// target, the plan's path (`plan_reference.growth`) and the actual growth before the
/// projection (`history`) to the left.
///
/// # Errors
/// A [`ChartError`] when a value is not finite or drawing fails.
pub fn fan_growth(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    let years: Vec<i32> = s.years.iter().map(|y| y.year).collect();
    let history: Vec<(i32, f64)> = sc
        .history
        .as_ref()
        .map(|h| {
            h.years
                .iter()
                .copied()
                .zip(h.growth.iter().copied())
                .collect()
        })
        .unwrap_or_default();
    let first = history
        .first()
        .map_or(years.first().copied(), |h| Some(h.0));
    let span = match (first, years.last()) {
        (Some(a), Some(b)) => format!(", {a}–{b}"),
        _ => String::new(),
    };
    let title = super::title(
        lang,
        &format!("Tăng trưởng GRDP thực theo năm{span}"),
        &format!("Real GRDP growth per year{span}"),
    );
    let target = sc.meta.target_growth;
    let estimated: Vec<i32> = sc
        .history
        .as_ref()
        .map(|h| h.estimated.clone())
        .unwrap_or_default();
    let span_of = |ys: Vec<i32>| match (ys.first(), ys.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let actual_years: Vec<i32> = history
        .iter()
        .map(|h| h.0)
        .filter(|y| !estimated.contains(y))
        .collect();
    let history_label = if actual_years.is_empty() {
        String::new()
    } else {
        format!("{} {}", msg(lang, "actual"), span_of(actual_years))
    };
    let estimated_label = msgf(
        lang,
        "estimate_no_document_prints_it_see_the_scenario",
        &[("v1", &span_of(estimated.clone()))],
    );
    let target_label = msgf(lang, "target_a_year", &[("v1", &lang.pct(target, 1))]);
    let plan = style::by_year(sc, sc.plan_reference.growth.as_deref());
    let fan = Fan {
        lang,
        head: style::Head::run(sc, s, lang, &title, Vec::new()),
        y_desc: msg(lang, "real_grdp_growth_a_year").into(),
        y_format: YFormat::Pct,
        y_from_zero: true,
        years,
        bands: s.years.iter().map(|y| y.growth).collect(),
        history,
        estimated,
        plan,
        target: Some(target),
        labels: FanLabels::new(lang, history_label, estimated_label, target_label),
        note: None,
        marks: milestone_marks::marks(sc, s, lang, MilestoneQuantity::GrowthAverage),
    };
    fan.check()?;
    render("fan_growth", title, &fan)
}

/// Builds the labels of a fan without history (GRDP per capita).
pub(super) fn labels_without_history(lang: Lang, target: String) -> FanLabels {
    FanLabels::new(lang, String::new(), String::new(), target)
}

impl Fan {
    pub(super) fn check(&self) -> Result<(), ChartError> {
        if self.years.is_empty() || self.years.len() != self.bands.len() {
            return Err(ChartError("fan chart: no projection years".into()));
        }
        for (y, b) in self.years.iter().zip(&self.bands) {
            style::finite(
                &format!("fan chart, year {y}"),
                &[b.p5, b.p25, b.p50, b.p75, b.p95],
            )?;
        }
        let extra: Vec<f64> = self
            .history
            .iter()
            .chain(&self.plan)
            .map(|p| p.1)
            .chain(self.target)
            .chain(self.marks.iter().map(|m| m.value))
            .collect();
        style::finite("fan chart, history, plan or target", &extra)
    }

    fn fmt_y(&self, v: f64, decimals: usize) -> String {
        match self.y_format {
            YFormat::Pct => self.lang.pct(v, decimals),
            YFormat::Num => self.lang.num(v, decimals),
        }
    }

    fn y_scale(&self) -> f64 {
        match self.y_format {
            YFormat::Pct => 100.0,
            YFormat::Num => 1.0,
        }
    }

    fn fmt_value(&self, v: f64) -> String {
        match self.y_format {
            YFormat::Pct => self.lang.pct(v, 1),
            YFormat::Num => self.lang.num(v, 0),
        }
    }

    fn legend(&self) -> Vec<LegendItem> {
        let l = &self.labels;
        let mut items = Vec::new();
        if self.history.iter().any(|h| !self.estimated.contains(&h.0)) {
            items.push(LegendItem::marked(
                style::INK,
                4,
                false,
                Marker::Dot,
                l.history.clone(),
            ));
        }
        if self.history.iter().any(|h| self.estimated.contains(&h.0)) {
            items.push(LegendItem::marked(
                style::GREY_TEXT,
                4,
                true,
                Marker::Dot,
                l.estimated.clone(),
            ));
        }
        items.push(LegendItem::estimate(l.median.clone()));
        items.extend(LegendItem::fan(l.band50.clone(), l.band90.clone()));
        if self.target.is_some() {
            items.push(LegendItem::line(
                style::VERMILLION,
                4,
                true,
                l.target.clone(),
            ));
        }
        if !self.plan.is_empty() {
            items.push(LegendItem::mark(
                style::INK,
                Marker::HollowDiamond,
                l.plan.clone(),
            ));
        }
        if !self.marks.is_empty() {
            items.push(LegendItem::mark(
                style::VERMILLION,
                Marker::Diamond,
                msg(self.lang, "milestone_probability"),
            ));
        }
        items
    }

    /// y range: every value drawn, with head room for the region labels and the note.
    fn y_range(&self) -> (f64, f64) {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let values = self
            .bands
            .iter()
            .flat_map(|b| [b.p5, b.p95])
            .chain(self.history.iter().map(|h| h.1))
            .chain(self.plan.iter().map(|p| p.1))
            .chain(self.target)
            .chain(self.marks.iter().map(|m| m.value));
        for v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let pad = (hi - lo).max(hi.abs() * 0.01).max(1e-9);
        let lo = if self.y_from_zero && lo >= 0.0 {
            0.0
        } else {
            lo - 0.08 * pad
        };
        (lo, hi + 0.22 * pad)
    }
}

impl Draw for Fan {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let legend = self.legend();
        let area = style::frame(
            root,
            &Frame {
                title: &self.head.title,
                subtitle: &self.head.subtitle,
                source: &self.head.source,
                legend: &legend,
            },
        )?;
        let first = self.history.first().map_or(self.years[0], |h| h.0);
        let last = self.years[self.years.len() - 1];
        let (x0, x1) = (f64::from(first) - 0.5, f64::from(last) + 0.5);
        let (y0, y1) = self.y_range();
        let n_years = (last - first + 1) as usize;

        let mut chart = plane::plane(&area, Margins::PLOT, x0..x1, y0..y1)?;

        // history background first, grid over it
        let split = self.history.last().map(|h| f64::from(h.0) + 0.5);
        if let Some(split) = split {
            plane::shade(&mut chart, x0..split, y0..y1, style::HISTORY_BG)?;
        }
        let yd = style::tick_decimals(y0..y1, 8, self.y_scale());
        let y_fmt = |v: &f64| self.fmt_y(*v, yd);
        style::mesh(
            &mut chart,
            style::Grid::Horizontal,
            // at most ~13 year labels: a 20-year fan labels every other year
            Some((n_years.min(13), &|v| style::year_tick(*v))),
            Some((8, &y_fmt)),
        )?;
        let x_desc = msg(self.lang, "year");
        style::descs(root, &chart, &area, x_desc, &self.y_desc)?;

        // bands start from the last actual value, so the fan opens from what is known
        let anchor = self.history.last().map(|&(y, v)| (f64::from(y), v));
        let years: Vec<(f64, Percentiles)> = self
            .years
            .iter()
            .zip(&self.bands)
            .map(|(y, b)| (f64::from(*y), *b))
            .collect();
        let median = plane::fan(&mut chart, anchor, &years)?;
        if let Some(t) = self.target {
            plane::hguide(root, &chart, t, x0..x1, style::VERMILLION.stroke_width(4))?;
        }

        plane::line(&mut chart, &median, style::BLUE, 5)?;
        // history: actual years solid and black; estimated years dashed and grey
        let h: Vec<(f64, f64)> = self
            .history
            .iter()
            .map(|&(y, v)| (f64::from(y), v))
            .collect();
        let est = |y: f64| self.estimated.iter().any(|e| f64::from(*e) == y);
        let ink = |y: f64| if est(y) { style::GREY_TEXT } else { style::INK };
        let px = |p: &(f64, f64)| chart.backend_coord(p);
        for w in h.windows(2) {
            let (a, b) = (px(&w[0]), px(&w[1]));
            if est(w[0].0) || est(w[1].0) {
                style::dashed_px(root, a, b, style::GREY_TEXT.stroke_width(4))?;
            } else {
                root.draw(&PathElement::new(vec![a, b], style::INK.stroke_width(4)))?;
            }
        }
        for p in &h {
            style::draw_marker(root, px(p), Marker::Dot, ink(p.0), 8)?;
        }

        let skip = usize::from(anchor.is_some());
        plane::marks(root, &chart, &median[skip..], Marker::Dot, style::BLUE, 8)?;
        let plan: Vec<(f64, f64)> = self.plan.iter().map(|&(y, v)| (f64::from(y), v)).collect();
        plane::marks(root, &chart, &plan, Marker::HollowDiamond, style::INK, 10)?;

        // region labels and note, in the head room at the top
        let (l, t) = chart.backend_coord(&(x0, y1));
        let top = match split {
            Some(split) => {
                let labels = (&self.labels.actual_region, &self.labels.forecast_region);
                plane::regions(root, &chart, (x0, split, y1), labels.0, labels.1)?.1
            }
            None => t + 14,
        };
        let mut room = Placer::new(chart.plotting_area().get_pixel_range());
        let mut head_end = if split.is_some() {
            top + style::LABEL_PX as i32
        } else {
            t
        };
        if let Some(note) = &self.note {
            style::note(root, note, style::LABEL_PX, false, (l + 14, top))?;
            head_end = top + style::LABEL_PX as i32;
        }
        let (xs, _) = chart.plotting_area().get_pixel_range();
        room.block(xs, t..head_end + 4);

        // what labels must not touch: lines, markers, the target
        let pixels = |pts: &[(f64, f64)]| pts.iter().map(px).collect::<Vec<_>>();
        room.line(&pixels(&median));
        room.line(&pixels(&h));
        if let Some(t) = self.target {
            room.line(&[px(&(x0, t)), px(&(x1, t))]);
        }
        for p in h.iter().chain(&median[skip..]) {
            room.mark(px(p), 8);
        }
        for p in &plan {
            room.mark(px(p), 11);
        }
        milestone_marks::draw(root, &chart, &self.marks, last, &mut room)?;

        // each history value above or below its point, where there is room (the table has
        // them all); the last one ends at the point, as the fan opens to its right
        for (k, p) in h.iter().enumerate() {
            let (c, text) = (px(p), self.fmt_value(p.1));
            let above = (c.1 - 16, VPos::Bottom);
            let below = (c.1 + 16, VPos::Top);
            let mut across = vec![(HPos::Center, c.0), (HPos::Left, c.0 + 10)];
            across.insert(usize::from(k + 1 < h.len()), (HPos::Right, c.0 + 12));
            let spots: Vec<Spot> = [above, below]
                .iter()
                .flat_map(|&(y, v)| across.iter().map(move |&(hp, x)| Spot::new((x, y), hp, v)))
                .collect();
            if let Some(s) = room.place(&text, style::LABEL_PX, false, &spots)? {
                let st = style::text(style::LABEL_PX, false, ink(p.0), s.h, s.v);
                style::put(root, &text, &st, s.at)?;
            }
        }
        Ok(())
    }
}
