//! P(reaching the growth target) against the share of planned funding realised.

use super::style::{self, Frame, LegendItem, Marker, Symbol};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::{CurvePoint, Summary, wilson};
use crate::report::Lang;
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

struct Curve {
    lang: Lang,
    title: String,
    subtitle: String,
    source: String,
    x_desc: String,
    y_desc: String,
    /// (share, p, lo, hi), sorted by share
    points: Vec<(f64, f64, f64, f64)>,
    /// The plan point (share 1) and its label.
    plan: (f64, f64),
    plan_text: String,
    legend: Vec<LegendItem>,
}

/// P(average growth ≥ target) with its 95% interval against the share of planned funding
/// realised (`curve`, from [`crate::montecarlo::funding_curve`], e.g. 50% to 120%), the plan
/// (share 100%) marked. The plan point is the curve's own point at share 1 when it has one,
/// otherwise the summary's P(hit).
///
/// # Errors
/// A [`ChartError`] when the curve is empty, a value is not finite or drawing fails.
pub fn probability_curve(
    sc: &Scenario,
    s: &Summary,
    curve: &[CurvePoint],
    lang: Lang,
) -> Result<Chart, ChartError> {
    if curve.is_empty() {
        return Err(ChartError("probability curve: no point".into()));
    }
    let mut points: Vec<(f64, f64, f64, f64)> = curve
        .iter()
        .map(|c| {
            (
                c.funding_share,
                c.prob_hit,
                c.prob_hit_ci95[0],
                c.prob_hit_ci95[1],
            )
        })
        .collect();
    for p in &points {
        style::finite("probability curve", &[p.0, p.1, p.2, p.3])?;
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let plan = points
        .iter()
        .find(|p| (p.0 - 1.0).abs() < 1e-9)
        .map_or((1.0, s.prob_hit), |p| (1.0, p.1));
    style::finite("probability curve, plan point", &[plan.1])?;
    let t = lang.pct(s.target, 1);
    let title = super::title(
        lang,
        &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo mức vốn thực hiện"),
        &format!("Probability of average growth ≥ {t} by share of funding realised"),
    );
    let plan_text = match lang {
        Lang::Vi => format!("Đủ vốn kế hoạch (100%): {}", lang.pct(plan.1, 1)),
        Lang::En => format!("Full plan funding (100%): {}", lang.pct(plan.1, 1)),
    };
    let legend = vec![
        LegendItem::new(
            Symbol::Line {
                color: style::BLUE,
                width: 5,
                dashed: false,
                marker: Some(Marker::Dot),
            },
            match lang {
                Lang::Vi => format!("Xác suất tăng trưởng bình quân ≥ {t}"),
                Lang::En => format!("P(average growth ≥ {t})"),
            },
        ),
        LegendItem::new(
            Symbol::Fill {
                color: style::BLUE,
                alpha: 0.25,
                outline: false,
            },
            lang.pick("Khoảng tin cậy 95%", "95% confidence interval"),
        ),
        LegendItem::new(
            Symbol::Mark {
                color: style::VERMILLION,
                marker: Marker::Diamond,
            },
            lang.pick("Kế hoạch (100% vốn)", "Plan (100% of funding)"),
        ),
    ];
    let c = Curve {
        lang,
        title: title.clone(),
        subtitle: style::subtitle(sc, lang),
        source: source_line(lang, s, curve),
        x_desc: lang
            .pick(
                "Vốn thực hiện so với kế hoạch (% kế hoạch, mọi nguồn)",
                "Funding realised (% of plan, every source)",
            )
            .into(),
        y_desc: lang
            .pick(
                "Xác suất đạt mục tiêu (%)",
                "Probability of reaching the target (%)",
            )
            .into(),
        points,
        plan,
        plan_text,
        legend,
    };
    render("probability_curve", title, &c)
}

/// 97.5% standard normal quantile, as the Monte Carlo uses for its Wilson intervals.
const Z95: f64 = 1.959_963_984_540_054;

/// The number of valid paths behind a Wilson 95% interval: the `n` for which
/// `wilson(round(p·n), n)` gives exactly `ci`, if there is one.
fn paths_behind(p: f64, ci: [f64; 2]) -> Option<u64> {
    let target = ci[1] - ci[0];
    if !(target > 0.0 && (0.0..=1.0).contains(&p)) {
        return None;
    }
    let width = |n: f64| {
        let z2 = Z95 * Z95;
        2.0 * Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n)
    };
    // the width falls as n grows
    let (mut lo, mut hi) = (1.0f64, 1e13f64);
    for _ in 0..200 {
        let mid = (lo * hi).sqrt();
        if width(mid) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let guess = lo.round() as u64;
    (guess.saturating_sub(3)..=guess + 3).find(|&n| {
        let k = (p * n as f64).round() as u64;
        let (a, b) = wilson(k, n, Z95);
        (a - ci[0]).abs() < 1e-12 && (b - ci[1]).abs() < 1e-12
    })
}

/// The source line. The curve is often run with fewer paths than the summary (`grdpsim run`
/// uses at most 20,000 per point): when the points' intervals show one number of paths and it
/// is not the summary's, that number is written, "per point".
fn source_line(lang: Lang, s: &Summary, curve: &[CurvePoint]) -> String {
    let behind: Vec<u64> = curve
        .iter()
        .filter_map(|c| paths_behind(c.prob_hit, c.prob_hit_ci95))
        .collect();
    let common = behind
        .first()
        .copied()
        .filter(|n| behind.iter().all(|b| b == n));
    match common {
        Some(n) if n != s.paths.saturating_sub(s.invalid_paths) => {
            let n = lang.num(n as f64, 0);
            match lang {
                Lang::Vi => format!(
                    "Nguồn: grdpsim, kịch bản {}, {n} đường mỗi điểm, seed {}",
                    s.scenario, s.seed
                ),
                Lang::En => format!(
                    "Source: grdpsim, scenario {}, {n} paths per point, seed {}",
                    s.scenario, s.seed
                ),
            }
        }
        _ => style::source_mc(lang, &s.scenario, s.paths, s.seed),
    }
}

impl Draw for Curve {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = style::frame(
            root,
            &Frame {
                title: &self.title,
                subtitle: &self.subtitle,
                source: &self.source,
                legend: &self.legend,
            },
        )?;
        let lo = self.points[0].0.min(self.plan.0);
        let hi = self.points[self.points.len() - 1].0.max(self.plan.0);
        let pad = 0.03 * (hi - lo).max(0.1);
        let (x0, x1) = (lo - pad, hi + pad);
        let top = self.points.iter().map(|p| p.3).fold(self.plan.1, f64::max);
        // probabilities: from 0, up to the next 10% above the curve (at most 100%)
        let y1 = ((top * 10.0).floor() + 1.0).min(10.0) / 10.0 + 0.02;

        let mut chart = ChartBuilder::on(&area)
            .margin_top(10)
            .margin_right(30)
            .x_label_area_size(100)
            .y_label_area_size(150)
            .build_cartesian_2d(x0..x1, 0.0..y1)?;
        let xd = style::tick_decimals(x0..x1, 10, 100.0);
        let yd = style::tick_decimals(0.0..y1, 10, 100.0);
        chart
            .configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(10)
            .y_labels(10)
            .x_label_formatter(&|v| lang.pct(*v, xd))
            .y_label_formatter(&|v| lang.pct(*v, yd))
            .label_style(style::tick_style())
            .draw()?;
        style::axis_descs(
            root,
            chart.plotting_area().get_pixel_range(),
            area.get_base_pixel().0 + 4,
            &self.x_desc,
            &self.y_desc,
        )?;

        // 95% band
        let mut band: Vec<(f64, f64)> = self.points.iter().map(|p| (p.0, p.3)).collect();
        band.extend(self.points.iter().rev().map(|p| (p.0, p.2)));
        chart.draw_series(std::iter::once(Polygon::new(
            band,
            style::BLUE.mix(0.25).filled(),
        )))?;

        // plan share
        style::dashed_px(
            root,
            chart.backend_coord(&(self.plan.0, y1)),
            chart.backend_coord(&(self.plan.0, 0.0)),
            style::GREY_TEXT.stroke_width(2),
        )?;

        // curve
        let line: Vec<(f64, f64)> = self.points.iter().map(|p| (p.0, p.1)).collect();
        chart.draw_series(LineSeries::new(line.clone(), style::BLUE.stroke_width(5)))?;
        for p in &line {
            style::draw_marker(root, chart.backend_coord(p), Marker::Dot, style::BLUE, 7)?;
        }

        // plan point and its label, on the side with more room
        let c = chart.backend_coord(&self.plan);
        style::draw_marker(root, c, Marker::Diamond, style::VERMILLION, 13)?;
        let st = style::text(style::AXIS_PX, true, style::INK, HPos::Right, VPos::Bottom);
        style::put(root, &self.plan_text, &st, (c.0 - 24, c.1 - 22))?;
        Ok(())
    }
}
