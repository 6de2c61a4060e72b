//! Charts of `sweep` (a line with bands for one lever, a heat map with the 50% contour for
//! two) and `solve` (the bisection's runs and the financing gap by year).

use super::style::{self, Frame, LegendItem, Marker, Symbol};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::solve::{Goal, Solution, Status};
use crate::analysis::sweep::Sweep;
use crate::report::Lang;
use crate::report::levers::lever_value;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Colour of a probability on a diverging scale: vermillion (0) → white (50%) → blue (100%).
fn prob_color(p: f64) -> RGBColor {
    let mix = |a: RGBColor, t: f64| {
        let f = |c: u8| {
            (255.0 + (f64::from(c) - 255.0) * t)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        RGBColor(f(a.0), f(a.1), f(a.2))
    };
    let p = p.clamp(0.0, 1.0);
    if p < 0.5 {
        mix(style::VERMILLION, (0.5 - p) * 2.0)
    } else {
        mix(style::BLUE, (p - 0.5) * 2.0)
    }
}

fn axis_text(lever: &str, money: bool, lang: Lang) -> String {
    if money {
        format!(
            "{lever} ({})",
            lang.pick("nghìn tỷ đồng", "thousand bn VND")
        )
    } else {
        lever.to_string()
    }
}

fn source_line(lang: Lang, scenario: &str, paths: u64, seed: u64, per: &str) -> String {
    let n = lang.num(paths as f64, 0);
    match lang {
        Lang::Vi => format!(
            "Nguồn: grdpsim, kịch bản {scenario}, {n} đường mỗi {per}, seed {seed}, cùng số ngẫu nhiên"
        ),
        Lang::En => format!(
            "Source: grdpsim, scenario {scenario}, {n} paths per {per}, seed {seed}, common random numbers"
        ),
    }
}

struct SweepLine<'a> {
    s: &'a Sweep,
    lang: Lang,
    title: String,
    subtitle: String,
    source: String,
    legend: Vec<LegendItem>,
}

struct SweepMap<'a> {
    s: &'a Sweep,
    lang: Lang,
    title: String,
    subtitle: String,
    source: String,
    legend: Vec<LegendItem>,
}

/// The sweep chart (`sweep.png/svg`): for one lever P(hit) with its 95% band (left) and the
/// median CAGR with its P10–P90 band against the target (right); for two levers a heat map of
/// P(hit) with the 50% contour. The lever's value as written is marked.
///
/// # Errors
/// A [`ChartError`] when the sweep has no axis or no point could be run, or drawing fails.
pub fn sweep(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    if s.axes.is_empty() || s.axes.len() > 2 {
        return Err(ChartError("sweep chart: one or two levers".into()));
    }
    if s.points.iter().all(|p| p.prob_hit.is_none()) {
        return Err(ChartError("sweep chart: no point could be run".into()));
    }
    let t = lang.pct(s.target, 1);
    let source = source_line(
        lang,
        &s.scenario,
        s.paths,
        s.seed,
        lang.pick("điểm", "point"),
    );
    let names: Vec<&str> = s.axes.iter().map(|a| a.lever.as_str()).collect();
    let subtitle = style::nfc(&format!("{} — {}", s.scenario, names.join(" × ")));
    if s.axes.len() == 1 {
        let title = super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo đòn bẩy"),
            &format!("Probability of average growth ≥ {t} along a lever"),
        );
        let legend = vec![
            LegendItem::new(
                Symbol::Line {
                    color: style::BLUE,
                    width: 5,
                    dashed: false,
                    marker: Some(Marker::Dot),
                },
                lang.pick("Xác suất đạt mục tiêu", "P(hit)"),
            ),
            LegendItem::new(
                Symbol::Fill {
                    color: style::BLUE,
                    alpha: 0.25,
                    outline: false,
                },
                lang.pick("KTC 95%", "95% interval"),
            ),
            LegendItem::new(
                Symbol::Line {
                    color: style::VERMILLION,
                    width: 5,
                    dashed: false,
                    marker: Some(Marker::Dot),
                },
                lang.pick("TTBQ trung vị", "Median CAGR"),
            ),
            LegendItem::new(
                Symbol::Fill {
                    color: style::VERMILLION,
                    alpha: 0.2,
                    outline: false,
                },
                "P10–P90",
            ),
            LegendItem::new(
                Symbol::Mark {
                    color: style::INK,
                    marker: Marker::Diamond,
                },
                lang.pick("Như kịch bản", "As written"),
            ),
        ];
        render(
            "sweep",
            title.clone(),
            &SweepLine {
                s,
                lang,
                title,
                subtitle: subtitle.clone(),
                source,
                legend,
            },
        )
    } else {
        let title = super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t}: bản đồ nhiệt"),
            &format!("Probability of average growth ≥ {t}: heat map"),
        );
        let mut legend: Vec<LegendItem> = [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|&p| {
                let c = prob_color(p);
                LegendItem::new(
                    Symbol::Fill {
                        color: c,
                        alpha: 1.0,
                        outline: true,
                    },
                    lang.pct(p, 0),
                )
            })
            .collect();
        legend.push(LegendItem::new(
            Symbol::Line {
                color: style::INK,
                width: 6,
                dashed: false,
                marker: None,
            },
            lang.pick("Đường 50%", "50% contour"),
        ));
        legend.push(LegendItem::new(
            Symbol::Mark {
                color: style::INK,
                marker: Marker::HollowDiamond,
            },
            lang.pick("Như kịch bản", "As written"),
        ));
        render(
            "sweep",
            title.clone(),
            &SweepMap {
                s,
                lang,
                title,
                subtitle: subtitle.clone(),
                source,
                legend,
            },
        )
    }
}

fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let pad = 0.03 * (hi - lo).abs().max(1e-9);
    (lo - pad, hi + pad)
}

impl Draw for SweepLine<'_> {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (s, lang) = (self.s, self.lang);
        let a = &s.axes[0];
        let area = style::frame(
            root,
            &Frame {
                title: &self.title,
                subtitle: &self.subtitle,
                source: &self.source,
                legend: &self.legend,
            },
        )?;
        let panels = area.split_evenly((1, 2));
        let xs: Vec<f64> = a.values.clone();
        let (x0, x1) = padded(
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        let fmt_x = |v: &f64| lever_value(&a.lever, a.money, *v, lang);
        let ok: Vec<_> = s
            .points
            .iter()
            .filter(|p| p.prob_hit.is_some() && p.cagr_p50.is_some())
            .collect();
        // left: probability
        let mut c = ChartBuilder::on(&panels[0])
            .margin(10)
            .x_label_area_size(110)
            .y_label_area_size(110)
            .build_cartesian_2d(x0..x1, 0.0..1.0)?;
        c.configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&|v| lang.pct(*v, 0))
            .label_style(style::tick_style())
            .draw()?;
        let (xd_, yd_) = (
            axis_text(&a.lever, a.money, lang),
            lang.pick("Xác suất đạt mục tiêu", "P(hit)"),
        );
        style::axis_descs(
            root,
            c.plotting_area().get_pixel_range(),
            panels[0].get_base_pixel().0 + 4,
            &xd_,
            yd_,
        )?;
        let mut band: Vec<(f64, f64)> = ok
            .iter()
            .filter_map(|p| p.prob_hit_ci95.map(|ci| (p.values[0], ci[1])))
            .collect();
        band.extend(
            ok.iter()
                .rev()
                .filter_map(|p| p.prob_hit_ci95.map(|ci| (p.values[0], ci[0]))),
        );
        c.draw_series(std::iter::once(Polygon::new(
            band,
            style::BLUE.mix(0.25).filled(),
        )))?;
        style::dashed_px(
            root,
            c.backend_coord(&(x0, 0.5)),
            c.backend_coord(&(x1, 0.5)),
            style::GREY_TEXT.stroke_width(2),
        )?;
        let line: Vec<(f64, f64)> = ok
            .iter()
            .filter_map(|p| p.prob_hit.map(|v| (p.values[0], v)))
            .collect();
        c.draw_series(LineSeries::new(line.clone(), style::BLUE.stroke_width(5)))?;
        for p in &line {
            style::draw_marker(root, c.backend_coord(p), Marker::Dot, style::BLUE, 7)?;
        }
        if a.current.is_finite() && a.current >= x0 && a.current <= x1 {
            style::dashed_px(
                root,
                c.backend_coord(&(a.current, 1.0)),
                c.backend_coord(&(a.current, 0.0)),
                style::INK.stroke_width(2),
            )?;
        }
        // right: median CAGR with P10–P90
        let lo = ok
            .iter()
            .filter_map(|p| p.cagr_p10)
            .fold(s.target, f64::min);
        let hi = ok
            .iter()
            .filter_map(|p| p.cagr_p90)
            .fold(s.target, f64::max);
        let (y0, y1) = padded(lo, hi);
        let mut c = ChartBuilder::on(&panels[1])
            .margin(10)
            .x_label_area_size(110)
            .y_label_area_size(120)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let yd = style::tick_decimals(y0..y1, 6, 100.0);
        c.configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&|v| lang.pct(*v, yd))
            .label_style(style::tick_style())
            .draw()?;
        let (xd_, yd_) = (
            axis_text(&a.lever, a.money, lang),
            lang.pick("Tăng trưởng bình quân", "Average growth (CAGR)"),
        );
        style::axis_descs(
            root,
            c.plotting_area().get_pixel_range(),
            panels[1].get_base_pixel().0 + 4,
            &xd_,
            yd_,
        )?;
        let mut band: Vec<(f64, f64)> = ok
            .iter()
            .filter_map(|p| p.cagr_p90.map(|v| (p.values[0], v)))
            .collect();
        band.extend(
            ok.iter()
                .rev()
                .filter_map(|p| p.cagr_p10.map(|v| (p.values[0], v))),
        );
        c.draw_series(std::iter::once(Polygon::new(
            band,
            style::VERMILLION.mix(0.2).filled(),
        )))?;
        style::dashed_px(
            root,
            c.backend_coord(&(x0, s.target)),
            c.backend_coord(&(x1, s.target)),
            style::INK.stroke_width(3),
        )?;
        let line: Vec<(f64, f64)> = ok
            .iter()
            .filter_map(|p| p.cagr_p50.map(|v| (p.values[0], v)))
            .collect();
        c.draw_series(LineSeries::new(
            line.clone(),
            style::VERMILLION.stroke_width(5),
        ))?;
        for p in &line {
            style::draw_marker(root, c.backend_coord(p), Marker::Dot, style::VERMILLION, 7)?;
        }
        let tc = c.backend_coord(&(x0, s.target));
        let st = style::text(style::LABEL_PX, false, style::INK, HPos::Left, VPos::Bottom);
        style::put(
            root,
            &format!(
                "{} {}",
                lang.pick("Mục tiêu", "Target"),
                lang.pct(s.target, 1)
            ),
            &st,
            (tc.0 + 10, tc.1 - 6),
        )?;
        if a.current.is_finite() && a.current >= x0 && a.current <= x1 {
            let p = c.backend_coord(&(a.current, y0));
            style::draw_marker(root, (p.0, p.1 - 12), Marker::Diamond, style::INK, 10)?;
        }
        Ok(())
    }
}

impl Draw for SweepMap<'_> {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (s, lang) = (self.s, self.lang);
        let (a, b) = (&s.axes[0], &s.axes[1]);
        let area = style::frame(
            root,
            &Frame {
                title: &self.title,
                subtitle: &self.subtitle,
                source: &self.source,
                legend: &self.legend,
            },
        )?;
        // cell edges half-way between grid values
        let edges = |v: &[f64]| -> Vec<f64> {
            let n = v.len();
            let mut e = Vec::with_capacity(n + 1);
            let step0 = if n > 1 { v[1] - v[0] } else { 1.0 };
            e.push(v[0] - step0 / 2.0);
            for i in 1..n {
                e.push(0.5 * (v[i - 1] + v[i]));
            }
            let step1 = if n > 1 { v[n - 1] - v[n - 2] } else { 1.0 };
            e.push(v[n - 1] + step1 / 2.0);
            e
        };
        let (ex, ey) = (edges(&a.values), edges(&b.values));
        let (x0, x1) = (ex[0].min(ex[ex.len() - 1]), ex[0].max(ex[ex.len() - 1]));
        let (y0, y1) = (ey[0].min(ey[ey.len() - 1]), ey[0].max(ey[ey.len() - 1]));
        let mut c = ChartBuilder::on(&area)
            .margin(10)
            .x_label_area_size(110)
            .y_label_area_size(170)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let fx = |v: &f64| lever_value(&a.lever, a.money, *v, lang);
        let fy = |v: &f64| lever_value(&b.lever, b.money, *v, lang);
        c.configure_mesh()
            .disable_mesh()
            .axis_style(style::INK.stroke_width(2))
            .x_labels(8)
            .y_labels(8)
            .x_label_formatter(&fx)
            .y_label_formatter(&fy)
            .label_style(style::tick_style())
            .draw()?;
        let (xd_, yd_) = (
            axis_text(&a.lever, a.money, lang),
            axis_text(&b.lever, b.money, lang),
        );
        style::axis_descs(
            root,
            c.plotting_area().get_pixel_range(),
            area.get_base_pixel().0 + 4,
            &xd_,
            &yd_,
        )?;
        let ny = b.values.len();
        let show_values = a.values.len() <= 12 && ny <= 12;
        for (i, _) in a.values.iter().enumerate() {
            for j in 0..ny {
                let p = &s.points[i * ny + j];
                let rect = [(ex[i], ey[j]), (ex[i + 1], ey[j + 1])];
                match p.prob_hit {
                    Some(v) => {
                        c.draw_series(std::iter::once(Rectangle::new(
                            rect,
                            prob_color(v).filled(),
                        )))?;
                        if show_values {
                            let centre = c.backend_coord(&(a.values[i], b.values[j]));
                            let ink = if (v - 0.5).abs() > 0.35 {
                                WHITE
                            } else {
                                style::INK
                            };
                            let st = style::text(
                                style::LABEL_PX,
                                false,
                                ink,
                                HPos::Center,
                                VPos::Center,
                            );
                            style::put(root, &lang.pct(v, 0), &st, centre)?;
                        }
                    }
                    None => {
                        c.draw_series(std::iter::once(Rectangle::new(
                            rect,
                            style::HISTORY_BG.filled(),
                        )))?;
                    }
                }
            }
        }
        for seg in &s.contour50 {
            let pts: Vec<(f64, f64)> = seg.iter().map(|p| (p[0], p[1])).collect();
            c.draw_series(std::iter::once(PathElement::new(
                pts,
                style::INK.stroke_width(6),
            )))?;
        }
        if a.current.is_finite()
            && b.current.is_finite()
            && (x0..=x1).contains(&a.current)
            && (y0..=y1).contains(&b.current)
        {
            let p = c.backend_coord(&(a.current, b.current));
            style::draw_marker(root, p, Marker::HollowDiamond, style::INK, 12)?;
        }
        Ok(())
    }
}

struct SolvePlot<'a> {
    s: &'a Solution,
    lang: Lang,
    title: String,
    source: String,
    legend: Vec<LegendItem>,
}

/// The goal-seek chart (`solve.png/svg`): every run of the search (metric against lever
/// value), the requested level and the solution with its 95% Monte Carlo interval; with a
/// financing gap, planned against required investment by year on the right.
///
/// # Errors
/// A [`ChartError`] when the search has no run or drawing fails.
pub fn solve(s: &Solution, lang: Lang) -> Result<Chart, ChartError> {
    if s.evaluations.is_empty() {
        return Err(ChartError("solve chart: no run".into()));
    }
    let title = match (s.status, s.value) {
        (Status::Solved, Some(v)) => super::title(
            lang,
            &format!(
                "Tìm mục tiêu: {} = {}",
                s.lever,
                lever_value(&s.lever, s.money, v, lang)
            ),
            &format!(
                "Goal-seek: {} = {}",
                s.lever,
                lever_value(&s.lever, s.money, v, lang)
            ),
        ),
        _ => super::title(
            lang,
            &format!("Tìm mục tiêu: không đạt được trong khoảng của {}", s.lever),
            &format!("Goal-seek: not reachable within the range of {}", s.lever),
        ),
    };
    let mut legend = vec![
        LegendItem::new(
            Symbol::Line {
                color: style::BLUE,
                width: 4,
                dashed: false,
                marker: Some(Marker::Dot),
            },
            match s.goal {
                Goal::Probability(_) => {
                    lang.pick("P(đạt mục tiêu) mỗi lần chạy", "P(hit), each run")
                }
                Goal::MeanCagr => lang.pick("TTBQ kỳ vọng mỗi lần chạy", "Mean CAGR, each run"),
            },
        ),
        LegendItem::new(
            Symbol::Whisker {
                color: style::VERMILLION,
            },
            lang.pick("Kết quả, KTC 95%", "Solution, 95% interval"),
        ),
    ];
    if s.financing.is_some() {
        legend.push(LegendItem::new(
            Symbol::Fill {
                color: style::SKY,
                alpha: 1.0,
                outline: true,
            },
            lang.pick("Vốn kế hoạch", "Planned investment"),
        ));
        legend.push(LegendItem::new(
            Symbol::Fill {
                color: style::BLUE,
                alpha: 1.0,
                outline: true,
            },
            lang.pick("Vốn cần có", "Required investment"),
        ));
    }
    let source = source_line(
        lang,
        &s.scenario,
        s.paths,
        s.seed,
        lang.pick("lần chạy", "run"),
    );
    render(
        "solve",
        title.clone(),
        &SolvePlot {
            s,
            lang,
            title,
            source,
            legend,
        },
    )
}

impl Draw for SolvePlot<'_> {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (s, lang) = (self.s, self.lang);
        let area = style::frame(
            root,
            &Frame {
                title: &self.title,
                subtitle: "",
                source: &self.source,
                legend: &self.legend,
            },
        )?;
        let panels: Vec<DrawingArea<DB, Shift>> = if s.financing.is_some() {
            area.split_evenly((1, 2))
        } else {
            vec![area]
        };
        let metric = |e: &crate::analysis::solve::Evaluation| match s.goal {
            Goal::Probability(_) => e.prob_hit,
            Goal::MeanCagr => e.cagr_mean,
        };
        let mut pts: Vec<(f64, f64)> = s
            .evaluations
            .iter()
            .map(|e| (e.value, metric(e)))
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        pts.dedup_by(|a, b| a.0 == b.0);
        if pts.is_empty() {
            return Err(ChartError("solve chart: no finite run".into()));
        }
        let (x0, x1) = padded(
            pts[0].0.min(s.range[0]),
            pts[pts.len() - 1].0.max(s.range[1]),
        );
        let (ylo, yhi) = pts.iter().fold((s.requested, s.requested), |(l, h), p| {
            (l.min(p.1), h.max(p.1))
        });
        let (y0, y1) = match s.goal {
            Goal::Probability(_) => (0.0, 1.0),
            Goal::MeanCagr => padded(ylo, yhi),
        };
        let fx = |v: &f64| lever_value(&s.lever, s.money, *v, lang);
        let yd = style::tick_decimals(y0..y1, 6, 100.0);
        let mut c = ChartBuilder::on(&panels[0])
            .margin(10)
            .x_label_area_size(110)
            .y_label_area_size(120)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        c.configure_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::INK.stroke_width(2))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&fx)
            .y_label_formatter(&|v| lang.pct(*v, yd))
            .label_style(style::tick_style())
            .draw()?;
        let (xd_, yd_) = (
            axis_text(&s.lever, s.money, lang),
            match s.goal {
                Goal::Probability(_) => lang.pick("Xác suất đạt mục tiêu", "P(hit)"),
                Goal::MeanCagr => lang.pick("TTBQ kỳ vọng", "Mean CAGR"),
            },
        );
        style::axis_descs(
            root,
            c.plotting_area().get_pixel_range(),
            panels[0].get_base_pixel().0 + 4,
            &xd_,
            yd_,
        )?;
        style::dashed_px(
            root,
            c.backend_coord(&(x0, s.requested)),
            c.backend_coord(&(x1, s.requested)),
            style::GREY_TEXT.stroke_width(2),
        )?;
        c.draw_series(LineSeries::new(pts.clone(), style::BLUE.stroke_width(4)))?;
        for p in &pts {
            style::draw_marker(root, c.backend_coord(p), Marker::Dot, style::BLUE, 6)?;
        }
        match (s.status, s.value, s.achieved) {
            (Status::Solved, Some(v), Some(m)) => {
                let (lo, hi) = s.value_ci95.map_or((v, v), |ci| (ci[0], ci[1]));
                let (a, b) = (c.backend_coord(&(lo, m)), c.backend_coord(&(hi, m)));
                let st = style::VERMILLION.stroke_width(4);
                root.draw(&PathElement::new(vec![a, b], st))?;
                for x in [a.0, b.0] {
                    root.draw(&PathElement::new(vec![(x, a.1 - 10), (x, a.1 + 10)], st))?;
                }
                let p = c.backend_coord(&(v, m));
                style::draw_marker(root, p, Marker::Diamond, style::VERMILLION, 11)?;
                let t = style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Bottom);
                style::put(root, &fx(&v), &t, (p.0 + 16, p.1 - 14))?;
            }
            _ => {
                let t = style::text(
                    style::AXIS_PX,
                    true,
                    style::VERMILLION,
                    HPos::Center,
                    VPos::Top,
                );
                let p = c.backend_coord(&(0.5 * (x0 + x1), y1));
                style::put(
                    root,
                    lang.pick(
                        "Không đạt được trong khoảng này",
                        "Not reachable within this range",
                    ),
                    &t,
                    (p.0, p.1 + 20),
                )?;
            }
        }
        if let (Some(f), Some(panel)) = (&s.financing, panels.get(1)) {
            let n = f.years.len();
            let top = f
                .plan
                .iter()
                .chain(&f.required)
                .fold(0.0_f64, |m, v| m.max(*v))
                * 1.15;
            let mut c = ChartBuilder::on(panel)
                .margin(10)
                .x_label_area_size(110)
                .y_label_area_size(140)
                .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..top.max(1.0))?;
            c.configure_mesh()
                .bold_line_style(style::GRID.stroke_width(1))
                .light_line_style(TRANSPARENT)
                .axis_style(style::INK.stroke_width(2))
                .disable_x_mesh()
                .x_labels(n)
                .y_labels(6)
                .x_label_formatter(&|v| {
                    let i = v.round();
                    if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                        f.years[i as usize].to_string()
                    } else {
                        String::new()
                    }
                })
                .y_label_formatter(&|v| lang.num(*v, 0))
                .label_style(style::tick_style())
                .draw()?;
            style::axis_descs(
                root,
                c.plotting_area().get_pixel_range(),
                panel.get_base_pixel().0 + 4,
                "",
                lang.pick("Nghìn tỷ đồng", "Thousand bn VND"),
            )?;
            for t in 0..n {
                let x = t as f64;
                c.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.38, 0.0), (x, f.plan[t])],
                    style::SKY.filled(),
                )))?;
                c.draw_series(std::iter::once(Rectangle::new(
                    [(x, 0.0), (x + 0.38, f.required[t])],
                    style::BLUE.filled(),
                )))?;
                let p = c.backend_coord(&(x, f.plan[t].max(f.required[t])));
                let st = style::text(
                    style::LABEL_PX,
                    false,
                    style::INK,
                    HPos::Center,
                    VPos::Bottom,
                );
                let sign = if f.gap[t] >= 0.0 { "+" } else { "" };
                style::put(
                    root,
                    &format!("{sign}{}", lang.num(f.gap[t], 0)),
                    &st,
                    (p.0, p.1 - 8),
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::solve::{Evaluation, FinancingGap};
    use crate::analysis::sweep::{Axis, Point};

    fn point(values: Vec<f64>, p: Option<f64>) -> Point {
        Point {
            values,
            prob_hit: p,
            prob_hit_ci95: p.map(|p| [p - 0.01, p + 0.01]),
            cagr_p10: p.map(|p| 0.08 + 0.01 * p),
            cagr_p50: p.map(|p| 0.10 + 0.01 * p),
            cagr_p90: p.map(|p| 0.12 + 0.01 * p),
            investment_mean: p.map(|_| 4000.0),
            central_cagr: p.map(|_| 0.114),
            error: p.is_none().then(|| "invalid".to_string()),
        }
    }

    fn png_size(png: &[u8]) -> (u32, u32) {
        let d = png::Decoder::new(std::io::Cursor::new(png));
        let r = d.read_info().expect("png");
        (r.info().width, r.info().height)
    }

    #[test]
    fn sweep_line_and_heat_map_render_in_both_languages() {
        let line = Sweep {
            scenario: "t".into(),
            scenario_hash: "h".into(),
            target: 0.11,
            seed: 1,
            paths: 1000,
            axes: vec![Axis {
                lever: "sources.land_revenue.realised_total".into(),
                money: true,
                current: 800.0,
                values: vec![200.0, 500.0, 800.0, 1000.0],
            }],
            points: vec![
                point(vec![200.0], Some(0.1)),
                point(vec![500.0], None),
                point(vec![800.0], Some(0.3)),
                point(vec![1000.0], Some(0.6)),
            ],
            contour50: vec![],
        };
        let xs = [0.8, 1.0, 1.2];
        let ys = [0.03, 0.05];
        let mut pts = Vec::new();
        let mut z = Vec::new();
        for &x in &xs {
            for &y in &ys {
                let p: f64 = ((x - 0.8) * 1.5 + (y - 0.03) * 10.0_f64).min(1.0);
                z.push(p);
                pts.push(point(vec![x, y], Some(p)));
            }
        }
        let map = Sweep {
            axes: vec![
                Axis {
                    lever: "funding.scale".into(),
                    money: false,
                    current: 1.0,
                    values: xs.to_vec(),
                },
                Axis {
                    lever: "productivity.tfp_growth.mean".into(),
                    money: false,
                    current: 0.05,
                    values: ys.to_vec(),
                },
            ],
            points: pts,
            contour50: crate::analysis::sweep::contour(&xs, &ys, &z, 0.5),
            ..line.clone()
        };
        assert!(!map.contour50.is_empty());
        for lang in [Lang::Vi, Lang::En] {
            for s in [&line, &map] {
                let c = sweep(s, lang).expect("draws");
                assert_eq!(
                    png_size(&c.png),
                    (super::super::WIDTH, super::super::HEIGHT)
                );
                assert!(
                    c.svg.contains(&c.title.replace('&', "&amp;")) || c.svg.contains("grdpsim")
                );
            }
        }
        let none = Sweep {
            points: vec![point(vec![1.0], None)],
            ..line.clone()
        };
        assert!(sweep(&none, Lang::En).is_err());
    }

    #[test]
    fn solve_renders_solved_and_unreachable() {
        let e = |v: f64, p: f64| Evaluation {
            value: v,
            prob_hit: p,
            cagr_mean: 0.1,
            cagr_p50: 0.1,
            investment_mean: 4000.0,
            paths: 1000,
        };
        let solved = Solution {
            scenario: "t".into(),
            scenario_hash: "h".into(),
            lever: "funding.scale".into(),
            money: false,
            goal: Goal::Probability(0.5),
            requested: 0.5,
            target: 0.11,
            seed: 1,
            paths: 1000,
            range: [0.5, 3.0],
            tolerance: 0.001,
            current: 1.0,
            metric_as_written: 0.2,
            status: Status::Solved,
            value: Some(1.2),
            value_se: Some(0.01),
            value_ci95: Some([1.18, 1.22]),
            achieved: Some(0.5),
            achieved_se: Some(0.01),
            metric_at_range: [0.0, 1.0],
            evaluations: vec![e(1.0, 0.2), e(0.5, 0.0), e(3.0, 1.0), e(1.2, 0.5)],
            financing: Some(FinancingGap {
                years: vec![2026, 2027],
                plan: vec![730.0, 870.0],
                required: vec![870.0, 1037.0],
                gap: vec![140.0, 167.0],
                plan_total: 1600.0,
                required_total: 1907.0,
                gap_total: 307.0,
                realised_mean_as_written: 1300.0,
                realised_mean_required: 1550.0,
                deterministic_required_total: 1500.0,
            }),
        };
        let unreachable = Solution {
            status: Status::Unreachable,
            value: None,
            value_se: None,
            value_ci95: None,
            achieved: None,
            achieved_se: None,
            financing: None,
            ..solved.clone()
        };
        for lang in [Lang::Vi, Lang::En] {
            let c = solve(&solved, lang).expect("draws");
            assert_eq!(
                png_size(&c.png),
                (super::super::WIDTH, super::super::HEIGHT)
            );
            assert!(
                c.title.contains("1,200") || c.title.contains("1,2") || c.title.contains("1.2")
            );
            let c = solve(&unreachable, lang).expect("draws");
            assert!(c.svg.contains(lang.pick("Không đạt", "Not reachable")));
        }
    }
}
