//! Sobol indices of the CAGR: first-order and total index of each input group with their 95%
//! bootstrap intervals (dot and whisker), largest total index on top.

use super::plane::{self, Margins};
use super::style::{self, LegendItem, Marker};
use super::tornado::LABEL_W;
use super::{Chart, ChartError, Draw, render};
use crate::analysis::sensitivity::Sensitivity;
use crate::analysis::sobol::Index;
use crate::report::Lang;
use crate::report::docs::group_label;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Most groups drawn (the largest total indices).
const MAX_ROWS: usize = 16;

struct Row {
    name: String,
    detail: String,
    first: Index,
    total: Index,
}

struct Sobol {
    head: style::Head,
    column_head: String,
    x_desc: String,
    lang: Lang,
    rows: Vec<Row>,
}

/// The Sobol chart: for each input group (largest total index first) its first-order index
/// (blue dot) and total index (vermillion diamond) with 95% bootstrap whiskers, on the share
/// of the variance of the CAGR.
///
/// # Errors
/// A [`ChartError`] when there is no group, a value is not finite or drawing fails.
pub fn sobol(sc: &Scenario, s: &Sensitivity, lang: Lang) -> Result<Chart, ChartError> {
    let sb = &s.sobol;
    if sb.groups.is_empty() {
        return Err(ChartError("Sobol chart: no input group".into()));
    }
    let mut rows = Vec::new();
    for &i in sb.order_by_total.iter().take(MAX_ROWS) {
        let g = &sb.groups[i];
        let name = group_label(&s.groups[g.group], lang).to_string();
        style::finite(
            &format!("Sobol chart, {name}"),
            &[
                g.first.estimate,
                g.first.ci95[0],
                g.first.ci95[1],
                g.total.estimate,
                g.total.ci95[0],
                g.total.ci95[1],
            ],
        )?;
        rows.push(Row {
            name,
            detail: format!(
                "S {} · ST {}",
                lang.num(g.first.estimate, 3),
                lang.num(g.total.estimate, 3)
            ),
            first: g.first,
            total: g.total,
        });
    }
    let title = super::title(
        lang,
        "Chỉ số Sobol của tăng trưởng bình quân 5 năm",
        "Sobol indices of the 5-year average growth",
    );
    let legend = vec![
        LegendItem::mark(
            style::BLUE,
            Marker::Dot,
            msg(lang, "first_order_s_the_group_alone"),
        ),
        LegendItem::mark(
            style::VERMILLION,
            Marker::Diamond,
            msg(lang, "total_st_with_interactions"),
        ),
        LegendItem::whisker(style::GREY_TEXT, msg(lang, "95_interval_bootstrap")),
    ];
    let rows_n = lang.num(sb.rows_used as f64, 0);
    let source = msgf(
        lang,
        "source_grdpsim_scenario_saltelli_rows_simulation",
        &[
            ("v1", &s.scenario),
            ("rows_n", &rows_n),
            ("v2", &(s.groups.len() + 2)),
            ("v3", &lang.num(sb.bootstrap as f64, 0)),
            ("v4", &s.seed),
        ],
    );
    let x_desc = if s.copula_order.is_empty() {
        msg(lang, "share_of_the_variance_of_the_cagr").to_string()
    } else {
        msg(lang, "share_of_the_variance_of_the_cagr_over_the_copul").to_string()
    };
    let c = Sobol {
        head: style::Head::of(sc, lang, &title, source, legend),
        column_head: msg(lang, "input_group").into(),
        x_desc,
        lang,
        rows,
    };
    render("sobol", title, &c)
}

impl Draw for Sobol {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (labels, panel) = area.split_horizontally(LABEL_W);
        let head = style::LABEL_PX as i32 + 22;
        let n = self.rows.len() as f64;
        let lo = self
            .rows
            .iter()
            .flat_map(|r| [r.first.ci95[0], r.total.ci95[0]])
            .fold(0.0f64, f64::min);
        let hi = self
            .rows
            .iter()
            .flat_map(|r| [r.first.ci95[1], r.total.ci95[1]])
            .fold(0.05f64, f64::max);
        let span = hi - lo;
        let (x0, x1) = (lo - 0.03 * span, hi + 0.05 * span);
        let mut ch = plane::plane(
            &panel,
            Margins {
                top: head,
                left: 20,
                right: 30,
                x_labels: 100,
                y_labels: 0,
            },
            x0..x1,
            0.0..n,
        )?;
        let d = style::tick_decimals(x0..x1, 8, 1.0).max(1);
        style::mesh(
            &mut ch,
            style::Grid::Vertical,
            Some((8, &|v| lang.num(*v, d))),
            None,
        )?;
        let (xr, yr) = ch.plotting_area().get_pixel_range();
        style::axis_descs(root, (xr, yr.clone()), 0, &self.x_desc, "")?;
        // zero line
        root.draw(&PathElement::new(
            vec![ch.backend_coord(&(0.0, n)), ch.backend_coord(&(0.0, 0.0))],
            style::INK.stroke_width(2),
        ))?;
        let top = yr.start;
        let label_x = labels.get_base_pixel().0 + 4;
        style::put(
            root,
            &self.column_head,
            &style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Top),
            (label_x, top - head + 4),
        )?;
        for (i, r) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            for (ind, dy, color, marker) in [
                (&r.first, 0.16, style::BLUE, Marker::Dot),
                (&r.total, -0.16, style::VERMILLION, Marker::Diamond),
            ] {
                let a = ch.backend_coord(&(ind.ci95[0], y + dy));
                let b = ch.backend_coord(&(ind.ci95[1], y + dy));
                let st = color.stroke_width(4);
                super::primitives::whisker(root, a, b, st, 8)?;
                style::draw_marker(
                    root,
                    ch.backend_coord(&(ind.estimate, y + dy)),
                    marker,
                    color,
                    9,
                )?;
            }
            let cy = ch.backend_coord(&(0.0, y)).1;
            super::tornado::row_label(root, (&r.name, &r.detail), label_x, cy)?;
        }
        Ok(())
    }
}
