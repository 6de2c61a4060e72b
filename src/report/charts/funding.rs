//! Funding sources: realised against planned (dot and whisker, as a share of plan) and the
//! shortfall plan − median per source and in total (bars, thousand bn VND).

use super::plane::{self, Margins};
use super::style::{self, LegendItem};
use super::{Chart, ChartError, Draw, render};
use crate::montecarlo::{Percentiles, Summary};
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Investment,
    Total,
    Financing,
}

impl Kind {
    fn color(self) -> RGBColor {
        match self {
            Kind::Investment => style::BLUE,
            Kind::Total => style::INK,
            Kind::Financing => style::ORANGE,
        }
    }
}

enum Row {
    Amount {
        kind: Kind,
        label: String,
        plan: f64,
        realised: Percentiles,
    },
    Header(String),
}

struct Funding {
    head: style::Head,
    lang: Lang,
    rows: Vec<Row>,
    /// Heads of the label column, the whisker panel and the shortfall panel.
    heads: [String; 3],
    plan_word: String,
    median_word: String,
}

/// Funding per source over the projection: realised P10–P50–P90 against the plan (as a share
/// of plan, so small and large sources read alike, with the amounts written beside each
/// source), and the shortfall plan − median in thousand bn VND per source and for total
/// investment. Financing sources (land revenue, borrowing…), which pay for part of the
/// investment sources, come in a separate group and are not added to the total.
///
/// # Errors
/// A [`ChartError`] when the summary has no funding source, a plan is not positive, a value is
/// not finite or drawing fails.
pub fn funding(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    if s.funding.is_empty() {
        return Err(ChartError("funding chart: no funding source".into()));
    }
    let mut rows = Vec::new();
    let mut plan_total = 0.0;
    for f in s.funding.iter().filter(|f| !f.financing) {
        plan_total += f.plan;
        rows.push(Row::Amount {
            kind: Kind::Investment,
            label: lang.pick(&f.label_vi, &f.label_en).to_string(),
            plan: f.plan,
            realised: f.realised,
        });
    }
    if rows.len() > 1 {
        rows.push(Row::Amount {
            kind: Kind::Total,
            label: msg(lang, "total_investment").into(),
            plan: plan_total,
            realised: s.investment_total,
        });
    }
    let financing: Vec<_> = s.funding.iter().filter(|f| f.financing).collect();
    if !financing.is_empty() {
        rows.push(Row::Header(
            msg(lang, "financing_already_inside_the_sources_above").into(),
        ));
    }
    for f in financing {
        rows.push(Row::Amount {
            kind: Kind::Financing,
            label: lang.pick(&f.label_vi, &f.label_en).to_string(),
            plan: f.plan,
            realised: f.realised,
        });
    }
    for r in &rows {
        if let Row::Amount {
            label,
            plan,
            realised: p,
            ..
        } = r
        {
            style::finite(
                &format!("funding chart, {label}"),
                &[*plan, p.p10, p.p50, p.p90],
            )?;
            if *plan <= 0.0 {
                return Err(ChartError(format!(
                    "funding chart, {label}: plan is not positive"
                )));
            }
        }
    }
    let years = &sc.meta.years;
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let title = super::title(
        lang,
        &format!("Vốn đầu tư thực hiện so với kế hoạch, {span}"),
        &format!("Investment realised against plan, {span}"),
    );
    let legend = vec![
        LegendItem::whisker(style::BLUE, msg(lang, "investment_source")),
        LegendItem::whisker(style::ORANGE, msg(lang, "financing")),
        LegendItem::line(style::VERMILLION, 4, true, msg(lang, "plan_100")),
        LegendItem::whisker(style::GREY_TEXT, msg(lang, "p10_p90_dot_median")),
    ];
    let f = Funding {
        head: style::Head::run(sc, s, lang, &title, legend),
        lang,
        rows,
        heads: [
            msgf(lang, "source_thousand_bn_vnd", &[("span", &span)]),
            msg(lang, "realised_of_plan").into(),
            msg(lang, "shortfall_plan_median_of_plan").into(),
        ],
        plan_word: msg(lang, "plan").into(),
        median_word: msg(lang, "median_2").into(),
    };
    render("funding", title, &f)
}

/// Width of the label column, pixels.
const LABEL_W: i32 = 600;
/// Width of the dot-and-whisker panel, pixels.
const MID_W: i32 = 470;

impl Draw for Funding {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (labels, rest) = area.split_horizontally(LABEL_W);
        let (mid, right) = rest.split_horizontally(MID_W);
        // column heads, wrapped to their column
        let right_w = right.dim_in_pixel().0 as i32;
        let mut heads = Vec::with_capacity(3);
        for (text, w) in self
            .heads
            .iter()
            .zip([LABEL_W - 20, MID_W - 40, right_w - 40])
        {
            heads.push(style::wrap(text, style::LABEL_PX, true, w as u32)?);
        }
        let head_lines = heads.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let head_line_h = style::LABEL_PX as i32 + 6;
        let head = head_lines * head_line_h + 16;
        let n = self.rows.len() as f64;
        let amounts = || {
            self.rows.iter().filter_map(|r| match r {
                Row::Amount {
                    kind,
                    plan,
                    realised,
                    ..
                } => Some((*kind, *plan, *realised)),
                Row::Header(_) => None,
            })
        };

        // middle: realised as a share of plan
        let (mut r0, mut r1) = (1.0f64, 1.0f64);
        for (_, plan, p) in amounts() {
            r0 = r0.min(p.p10 / plan);
            r1 = r1.max(p.p90 / plan);
        }
        let pad = 0.06 * (r1 - r0);
        let (r0, r1) = (r0 - pad, r1 + pad);
        let mut mc = plane::plane(
            &mid,
            Margins {
                top: head,
                left: 10,
                right: 30,
                x_labels: 50,
                y_labels: 0,
            },
            r0..r1,
            0.0..n,
        )?;
        let md = style::tick_decimals(r0..r1, 6, 100.0);
        style::mesh(
            &mut mc,
            style::Grid::Vertical,
            Some((6, &|v| lang.pct(*v, md))),
            None,
        )?;

        // right: shortfall bars
        let (mut s0, mut s1) = (0.0f64, 0.0f64);
        for (_, plan, p) in amounts() {
            s0 = s0.min(plan - p.p50);
            s1 = s1.max(plan - p.p50);
        }
        let span = (s1 - s0).max(1e-9);
        // room on the right for the value labels
        let (s0, s1) = (s0 - 0.02 * span, s1 + 0.7 * span);
        let mut rc = plane::plane(
            &right,
            Margins {
                top: head,
                left: 30,
                right: 28,
                x_labels: 50,
                y_labels: 0,
            },
            s0..s1,
            0.0..n,
        )?;
        let rd = style::tick_decimals(s0..s1, 5, 1.0);
        style::mesh(
            &mut rc,
            style::Grid::Vertical,
            Some((5, &|v| lang.num(*v, rd))),
            None,
        )?;

        // plan line
        plane::vguide(root, &mc, 1.0, 0.0..n, style::VERMILLION.stroke_width(4))?;
        // zero line of the shortfall
        root.draw(&PathElement::new(
            vec![rc.backend_coord(&(0.0, n)), rc.backend_coord(&(0.0, 0.0))],
            style::INK.stroke_width(2),
        ))?;

        // column heads
        let head_y = mc.backend_coord(&(r0, n)).1 - head + 4;
        let head_style = style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Top);
        let label_x = labels.get_base_pixel().0 + 4;
        let xs = [
            label_x,
            mc.backend_coord(&(r0, n)).0,
            rc.backend_coord(&(s0, n)).0,
        ];
        for (lines, x) in heads.iter().zip(xs) {
            for (k, line) in lines.iter().enumerate() {
                let y = head_y + k as i32 * head_line_h;
                style::put(root, line, &head_style, (x, y))?;
            }
        }

        let name_w = (LABEL_W - 20) as u32;
        for (i, row) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            let cy = mc.backend_coord(&(r0, y)).1;
            let (kind, label, plan, p) = match row {
                Row::Header(text) => {
                    let top = mc.backend_coord(&(r0, y + 0.5)).1;
                    root.draw(&PathElement::new(
                        vec![(label_x, top), (rc.backend_coord(&(s1, 0.0)).0, top)],
                        style::GRID.stroke_width(2),
                    ))?;
                    style::put(
                        root,
                        text,
                        &style::text(
                            style::LABEL_PX,
                            true,
                            style::GREY_TEXT,
                            HPos::Left,
                            VPos::Center,
                        ),
                        (label_x, cy),
                    )?;
                    continue;
                }
                Row::Amount {
                    kind,
                    label,
                    plan,
                    realised,
                } => (*kind, label, *plan, *realised),
            };
            let color = kind.color();
            let bold = kind == Kind::Total;
            if bold {
                // a rule over the panels (the bold label marks the row in the label column)
                let top = mc.backend_coord(&(r0, y + 0.5)).1;
                root.draw(&PathElement::new(
                    vec![
                        (mid.get_base_pixel().0, top),
                        (rc.backend_coord(&(s1, 0.0)).0, top),
                    ],
                    style::INK.stroke_width(1),
                ))?;
            }

            // label: name (wrapped) over the amounts
            let lines = style::wrap(label, style::LABEL_PX, bold, name_w)?;
            let detail = format!(
                "{} {} · {} {}",
                self.plan_word,
                lang.num(plan, 1),
                self.median_word,
                lang.num(p.p50, 1)
            );
            let line_h = style::LABEL_PX as i32 + 4;
            let block = lines.len() as i32 * line_h + 26;
            let mut ty = cy - block / 2;
            for line in &lines {
                style::put(
                    root,
                    line,
                    &style::text(style::LABEL_PX, bold, style::INK, HPos::Left, VPos::Top),
                    (label_x, ty),
                )?;
                ty += line_h;
            }
            style::put(
                root,
                &detail,
                &style::text(22.0, false, style::GREY_TEXT, HPos::Left, VPos::Top),
                (label_x, ty),
            )?;

            // whisker
            let a = mc.backend_coord(&(p.p10 / plan, y));
            let b = mc.backend_coord(&(p.p90 / plan, y));
            let m = mc.backend_coord(&(p.p50 / plan, y));
            let st = color.stroke_width(5);
            super::primitives::whisker(root, a, b, st, 12)?;
            style::draw_marker(root, m, style::Marker::Dot, color, 11)?;

            // shortfall bar
            let short = plan - p.p50;
            let half = 0.28;
            rc.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - half), (short, y + half)],
                color.mix(if bold { 0.85 } else { 0.75 }).filled(),
            )))?;
            let end = rc.backend_coord(&(short.max(0.0), y));
            style::put(
                root,
                &format!("{} ({})", lang.num(short, 1), lang.pct(short / plan, 0)),
                &style::text(style::LABEL_PX, bold, style::INK, HPos::Left, VPos::Center),
                (end.0 + 10, end.1),
            )?;
        }
        Ok(())
    }
}
