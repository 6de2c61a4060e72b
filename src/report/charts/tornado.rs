//! Tornado: P(reaching the target) and the median CAGR with each uncertain input held at its
//! P10 and at its P90, as bars from the baseline (nothing held), largest P(hit) swing on top.

use super::plane::{self, Margins};
use super::style::{self, LegendItem};
use super::{Chart, ChartError, Draw, render};
use crate::analysis::sensitivity::Sensitivity;
use crate::report::Lang;
use crate::report::docs::{end_text, group_label};
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Most bars drawn (the largest swings).
const MAX_ROWS: usize = 16;
/// Width of the label column, pixels.
pub(super) const LABEL_W: i32 = 560;
/// Text size of an input's name and of its P10/P90 values.
const NAME_PX: f64 = 24.0;
const DETAIL_PX: f64 = 20.0;
/// Text size of the values at the bar ends.
const VALUE_PX: f64 = 20.0;

struct Row {
    name: String,
    detail: String,
    /// (P(hit), median CAGR) with the input at P10 and at P90.
    low: (f64, f64),
    high: (f64, f64),
}

struct Tornado {
    head: style::Head,
    lang: Lang,
    heads: [String; 3],
    base: (f64, f64),
    rows: Vec<Row>,
}

/// The tornado chart of a sensitivity analysis: two panels sharing the rows, P(average growth
/// ≥ target) on the left and the median average growth on the right; each input's bar runs
/// from the baseline to its value with the input held at P10 (blue) and at P90 (orange); the
/// held values are written under each input's name.
///
/// # Errors
/// A [`ChartError`] when there is no bar, a value is not finite or drawing fails.
pub fn tornado(sc: &Scenario, s: &Sensitivity, lang: Lang) -> Result<Chart, ChartError> {
    let t = &s.tornado;
    if t.bars.is_empty() {
        return Err(ChartError("tornado: no input to show".into()));
    }
    let base = (t.baseline.prob_hit, t.baseline.cagr_p50);
    style::finite("tornado, baseline", &[base.0, base.1])?;
    let mut rows = Vec::new();
    for b in t.bars.iter().take(MAX_ROWS) {
        let g = &s.groups[b.group];
        let name = group_label(g, lang).to_string();
        style::finite(
            &format!("tornado, {name}"),
            &[
                b.low.run.prob_hit,
                b.low.run.cagr_p50,
                b.high.run.prob_hit,
                b.high.run.cagr_p50,
            ],
        )?;
        let detail = if g.fixed_level {
            msg(lang, "level_fixed_yearly_shocks_only").to_string()
        } else {
            format!(
                "P10: {} · P90: {}",
                end_text(g, &b.low, lang),
                end_text(g, &b.high, lang)
            )
        };
        rows.push(Row {
            name,
            detail,
            low: (b.low.run.prob_hit, b.low.run.cagr_p50),
            high: (b.high.run.prob_hit, b.high.run.cagr_p50),
        });
    }
    let target = lang.pct(s.target, 1);
    let title = super::title(
        lang,
        "Độ nhạy: giữ từng đầu vào ở P10 và P90",
        "Sensitivity: each input held at its P10 and P90",
    );
    let legend = vec![
        LegendItem::fill(style::BLUE, 0.85, false, msg(lang, "input_at_its_p10")),
        LegendItem::fill(style::ORANGE, 0.9, false, msg(lang, "input_at_its_p90")),
        LegendItem::line(
            style::INK,
            3,
            true,
            format!(
                "{}: {} · {}",
                msg(lang, "baseline_nothing_held"),
                lang.pct(base.0, 1),
                lang.pct(base.1, 2)
            ),
        ),
    ];
    let n = lang.num(t.paths as f64, 0);
    let source = msgf(
        lang,
        "source_grdpsim_scenario_paths_per_run_common_ran",
        &[("v1", &s.scenario), ("n", &n), ("v2", &s.seed)],
    );
    let c = Tornado {
        head: style::Head::of(sc, lang, &title, source, legend),
        lang,
        heads: [
            msg(lang, "input_held_values").into(),
            msgf(lang, "p_average_growth", &[("target", &target)]),
            msg(lang, "median_average_growth_cagr").into(),
        ],
        base,
        rows,
    };
    render("tornado", title, &c)
}

/// A row's label left of a bar chart: its name (shrunk to fit the label column) just above
/// the row's centre `cy`, its detail in grey under it, from `x`.
pub(super) fn row_label<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    (name, detail): (&str, &str),
    x: i32,
    cy: i32,
) -> Result<(), ChartError> {
    let (name, px) = fit_label(name, NAME_PX, (LABEL_W - 20) as u32)?;
    let st = style::text(px, false, style::INK, HPos::Left, VPos::Bottom);
    style::put(root, &name, &st, (x, cy + 1))?;
    let st = style::text(DETAIL_PX, false, style::GREY_TEXT, HPos::Left, VPos::Top);
    style::put(root, detail, &st, (x, cy + 3))
}

/// `s` at the largest size from `px` down to 18 px that fits in `max_w` pixels (cut with an
/// ellipsis if even 18 px is too wide): (text, size).
pub(super) fn fit_label(s: &str, px: f64, max_w: u32) -> Result<(String, f64), ChartError> {
    let mut size = px;
    while size > 18.0 && style::text_size(s, size, false)?.0 > max_w {
        size -= 1.0;
    }
    if style::text_size(s, size, false)?.0 <= max_w {
        return Ok((s.to_string(), size));
    }
    let mut cut: Vec<char> = s.chars().collect();
    while !cut.is_empty() {
        cut.pop();
        let t = format!("{}…", cut.iter().collect::<String>().trim_end());
        if style::text_size(&t, size, false)?.0 <= max_w {
            return Ok((t, size));
        }
    }
    Ok((String::new(), size))
}

/// Value range of a panel with room for the end labels: (lo, hi).
fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let span = (hi - lo).max(1e-4);
    (lo - 0.22 * span, hi + 0.22 * span)
}

impl Draw for Tornado {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (labels, rest) = area.split_horizontally(LABEL_W);
        let half = rest.dim_in_pixel().0 as i32 / 2;
        let (left, right) = rest.split_horizontally(half);
        let mut heads = Vec::with_capacity(3);
        for (text, w) in self.heads.iter().zip([LABEL_W - 20, half - 40, half - 40]) {
            heads.push(style::wrap(text, style::LABEL_PX, true, w.max(100) as u32)?);
        }
        let head_line_h = style::LABEL_PX as i32 + 6;
        let head = heads.iter().map(Vec::len).max().unwrap_or(1) as i32 * head_line_h + 16;
        let n = self.rows.len() as f64;

        let mut charts = Vec::with_capacity(2);
        let mut centres = Vec::with_capacity(self.rows.len());
        for (panel, pick, decimals) in [(&left, 0usize, 1usize), (&right, 1usize, 2usize)] {
            let get = |p: (f64, f64)| if pick == 0 { p.0 } else { p.1 };
            let (x0, x1) = range(
                self.rows
                    .iter()
                    .flat_map(|r| [get(r.low), get(r.high)])
                    .chain([get(self.base)]),
            );
            let mut ch = plane::plane(
                panel,
                Margins {
                    top: head,
                    left: 20,
                    right: 24,
                    x_labels: 50,
                    y_labels: 0,
                },
                x0..x1,
                0.0..n,
            )?;
            let ticks = if pick == 0 { 5 } else { 4 };
            let d = style::tick_decimals(x0..x1, ticks, 100.0);
            style::mesh(
                &mut ch,
                style::Grid::Vertical,
                Some((ticks, &|v| {
                    // probabilities outside [0, 1] are only padding for the labels
                    if pick == 0 && !(-1e-9..=1.0 + 1e-9).contains(v) {
                        String::new()
                    } else {
                        lang.pct(*v, d)
                    }
                })),
                None,
            )?;
            for (i, r) in self.rows.iter().enumerate() {
                let y = n - i as f64 - 0.5;
                if pick == 0 {
                    centres.push(ch.backend_coord(&(x0, y)).1);
                }
                let b = get(self.base);
                let mut ends = [
                    (get(r.low), style::BLUE, 0.85),
                    (get(r.high), style::ORANGE, 0.9),
                ];
                // the longer bar first, so the shorter one stays visible on top of it
                if (ends[0].0 - b).abs() < (ends[1].0 - b).abs() {
                    ends.swap(0, 1);
                }
                for (v, color, alpha) in ends {
                    ch.draw_series(std::iter::once(Rectangle::new(
                        [(b.min(v), y - 0.32), (b.max(v), y + 0.32)],
                        color.mix(alpha).filled(),
                    )))?;
                }
                for (v, _, _) in ends {
                    if (v - b).abs() < 1e-12 {
                        continue;
                    }
                    let p = ch.backend_coord(&(v, y));
                    let (h, x) = if v < b {
                        (HPos::Right, p.0 - 6)
                    } else {
                        (HPos::Left, p.0 + 6)
                    };
                    style::put(
                        root,
                        &lang.pct(v, decimals),
                        &style::text(VALUE_PX, false, style::INK, h, VPos::Center),
                        (x, p.1),
                    )?;
                }
            }
            // baseline
            plane::vguide(
                root,
                &ch,
                get(self.base),
                0.0..n,
                style::INK.stroke_width(3),
            )?;
            charts.push((ch.backend_coord(&(x0, n)), x0));
        }

        // column heads
        let head_style = style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Top);
        let label_x = labels.get_base_pixel().0 + 4;
        let top = charts[0].0.1;
        let xs = [label_x, charts[0].0.0, charts[1].0.0];
        for (lines, x) in heads.iter().zip(xs) {
            for (k, line) in lines.iter().enumerate() {
                style::put(
                    root,
                    line,
                    &head_style,
                    (x, top - head + 4 + k as i32 * head_line_h),
                )?;
            }
        }

        // labels: name over the held values, centred on the row
        for (r, &cy) in self.rows.iter().zip(&centres) {
            row_label(root, (&r.name, &r.detail), label_x, cy)?;
        }
        Ok(())
    }
}
