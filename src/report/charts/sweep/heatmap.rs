//! The two-lever sweep chart: a heat map of P(hit) with the 50% contour, cells labelled
//! where they fit, missing cells hatched.

use super::*;
use crate::report::{msg, msgf};

// ---------------------------------------------------------------------------------------------
// Two levers: heat map
// ---------------------------------------------------------------------------------------------

/// ColorBrewer RdBu (11 classes), from P = 0 (dark red) through near-white at 50% to dark blue
/// at 100%: diverging at 50%, lightness rising and falling evenly, readable with the common
/// colour-vision deficiencies.
const RDBU: [(u8, u8, u8); 11] = [
    (0x67, 0x00, 0x1f),
    (0xb2, 0x18, 0x2b),
    (0xd6, 0x60, 0x4d),
    (0xf4, 0xa5, 0x82),
    (0xfd, 0xdb, 0xc7),
    (0xf7, 0xf7, 0xf7),
    (0xd1, 0xe5, 0xf0),
    (0x92, 0xc5, 0xde),
    (0x43, 0x93, 0xc3),
    (0x21, 0x66, 0xac),
    (0x05, 0x30, 0x61),
];

/// Colour of a probability (clamped to 0–1; not a number → the 50% colour).
pub(super) fn prob_colour(p: f64) -> RGBColor {
    let p = if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let t = p * 10.0;
    let k = (t.floor() as usize).min(9);
    let f = t - k as f64;
    let (a, b) = (RDBU[k], RDBU[k + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// White or black text, whichever reads on `c`.
pub(super) fn text_on(c: RGBColor) -> RGBColor {
    let luma = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if luma < 128.0 { WHITE } else { style::INK }
}

/// Fill of cells that could not be run (hatched over).
const MISSING: RGBColor = RGBColor(0xBD, 0xBD, 0xBD);

/// Cell edges half-way between grid values (monotonic either way), the outer ones half a step
/// out; a single value gets a cell ±10% of itself (±0.01 at zero).
pub(super) fn edges(v: &[f64]) -> Vec<f64> {
    let n = v.len();
    if n == 1 {
        let (lo, hi) = padded(v[0], v[0], 0.0, (v[0] - 0.5, v[0] + 0.5));
        return vec![lo, hi];
    }
    let mut e = Vec::with_capacity(n + 1);
    e.push(v[0] - 0.5 * (v[1] - v[0]));
    for w in v.windows(2) {
        e.push(0.5 * (w[0] + w[1]));
    }
    e.push(v[n - 1] + 0.5 * (v[n - 1] - v[n - 2]));
    e
}

/// Joins contour segments that share end points (within `tol` per axis) into polylines.
/// Segments of zero length (a level met exactly at a grid point) and segments met twice (an
/// edge shared by two cells) are dropped.
pub(super) fn chains(segs: &[[[f64; 2]; 2]], tol: [f64; 2]) -> Vec<Vec<[f64; 2]>> {
    let close =
        |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() <= tol[0] && (a[1] - b[1]).abs() <= tol[1];
    let same = |a: &[[f64; 2]; 2], b: &[[f64; 2]; 2]| {
        (close(a[0], b[0]) && close(a[1], b[1])) || (close(a[0], b[1]) && close(a[1], b[0]))
    };
    let mut kept: Vec<[[f64; 2]; 2]> = Vec::new();
    for s in segs {
        if s.iter().flatten().all(|v| v.is_finite())
            && !close(s[0], s[1])
            && !kept.iter().any(|k| same(k, s))
        {
            kept.push(*s);
        }
    }
    let segs = kept;
    let mut used = vec![false; segs.len()];
    let mut out = Vec::new();
    for start in 0..segs.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut chain = std::collections::VecDeque::from(vec![segs[start][0], segs[start][1]]);
        loop {
            let mut grew = false;
            for (k, s) in segs.iter().enumerate() {
                if used[k] {
                    continue;
                }
                let (front, back) = (chain[0], chain[chain.len() - 1]);
                let next = if close(s[0], back) {
                    Some((false, s[1]))
                } else if close(s[1], back) {
                    Some((false, s[0]))
                } else if close(s[0], front) {
                    Some((true, s[1]))
                } else if close(s[1], front) {
                    Some((true, s[0]))
                } else {
                    None
                };
                if let Some((at_front, p)) = next {
                    used[k] = true;
                    grew = true;
                    if at_front {
                        chain.push_front(p);
                    } else {
                        chain.push_back(p);
                    }
                }
            }
            if !grew {
                break;
            }
        }
        out.push(chain.into_iter().collect());
    }
    out
}

struct TwoLevers {
    head: style::Head,
    lang: Lang,
    units: [Unit; 2],
    descs: [String; 2],
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// P(hit) per cell, `xs` outer, `ys` inner.
    z: Vec<Option<f64>>,
    contour: Vec<Vec<[f64; 2]>>,
    current: Option<(f64, f64)>,
    bar_head: String,
    nothing: Option<String>,
}

pub(super) fn two_levers(s: &Sweep, lang: Lang) -> Result<Chart, ChartError> {
    let (a, b) = (&s.axes[0], &s.axes[1]);
    let units = [Unit::of(&a.lever, a.money), Unit::of(&b.lever, b.money)];
    let z: Vec<Option<f64>> = s.points.iter().map(prob).collect();
    let ny = b.values.len();
    let missing: Vec<String> = z
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(k, _)| {
            format!(
                "({}, {})",
                units[0].value(lang, a.values[k / ny]),
                units[1].value(lang, b.values[k % ny])
            )
        })
        .collect();
    let (ex, ey) = (edges(&a.values), edges(&b.values));
    let (xa, xb) = extent(ex.iter().copied());
    let (ya, yb) = extent(ey.iter().copied());
    let tol = [1e-9 * (xb - xa).abs(), 1e-9 * (yb - ya).abs()];
    let contour = chains(&s.contour50, tol);
    let inside = |v: f64, lo: f64, hi: f64| v.is_finite() && v >= lo && v <= hi;
    let current =
        (inside(a.current, xa, xb) && inside(b.current, ya, yb)).then_some((a.current, b.current));
    let t = target_text(lang, s.target);
    let title = fit_title(vec![
        super::super::title(
            lang,
            &format!(
                "Xác suất đạt tăng trưởng bình quân ≥ {t} theo {} và {}",
                a.lever_label_vi, b.lever_label_vi
            ),
            &format!(
                "Probability of average growth ≥ {t} by {} and {}",
                a.lever_label_en, b.lever_label_en
            ),
        ),
        super::super::title(
            lang,
            &format!(
                "Xác suất đạt ≥ {t} theo {} và {}",
                a.lever_label_vi, b.lever_label_vi
            ),
            &format!(
                "P(growth ≥ {t}) by {} and {}",
                a.lever_label_en, b.lever_label_en
            ),
        ),
        super::super::title(
            lang,
            &format!("Xác suất đạt tăng trưởng bình quân ≥ {t} theo hai đòn bẩy"),
            &format!("Probability of average growth ≥ {t} by two levers"),
        ),
    ])?;
    let fmt_cur = |u: Unit, v: f64| {
        if v.is_finite() {
            u.value(lang, v)
        } else {
            "–".into()
        }
    };
    let mut current_label = format!(
        "{}: x = {}; y = {}",
        as_written_word(lang),
        fmt_cur(units[0], a.current),
        fmt_cur(units[1], b.current)
    );
    if current.is_none() {
        current_label.push_str(msg(lang, "outside_the_grid"));
    }
    let mut legend = vec![
        LegendItem::line(style::INK, 6, false, msg(lang, "50_probability_contour")),
        LegendItem::mark(style::INK, Marker::Diamond, current_label),
    ];
    if !missing.is_empty() {
        legend.push(LegendItem::fill(
            MISSING,
            1.0,
            true,
            msg(lang, "could_not_be_run"),
        ));
    }
    let c = TwoLevers {
        head: style::Head::new(
            title.clone(),
            style::nfc(&gap_caption(lang, &missing, z.len(), true)?),
            source_per(lang, &s.scenario, s.paths, s.seed, "per_point"),
            legend,
        ),
        lang,
        units,
        descs: [
            units[0].desc(lang, lang.pick(&a.lever_label_vi, &a.lever_label_en)),
            units[1].desc(lang, lang.pick(&b.lever_label_vi, &b.lever_label_en)),
        ],
        xs: a.values.clone(),
        ys: b.values.clone(),
        nothing: z
            .iter()
            .all(Option::is_none)
            .then(|| msg(lang, "no_point_could_be_run").into()),
        z,
        contour,
        current,
        bar_head: msgf(lang, "p", &[("t", &t)]),
    };
    render("sweep", title, &c)
}

/// Indices of the grid values that get a tick label: all of them when the labels fit the
/// cells, otherwise every k-th.
pub(super) fn labelled(n: usize, label_px: i32, cell_px: f64) -> Vec<usize> {
    let mut step = 1usize;
    while step < n && f64::from(label_px + 16) > cell_px * step as f64 {
        step += 1;
    }
    (0..n).step_by(step.max(1)).collect()
}

/// Radius of the "as written" marker on the heat map (white outline), pixels.
const MARK_R: i32 = 17;

/// Width of the colour bar column, pixels.
const BAR_COL: u32 = 250;

impl Draw for TwoLevers {
    fn draw<DB: style::Backend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let lang = self.lang;
        let area = self.head.frame(root)?;
        let (xs, ys) = (&self.xs, &self.ys);
        let (nx, ny) = (xs.len(), ys.len());
        let (ex, ey) = (edges(xs), edges(ys));
        let (x0, x1) = extent(ex.iter().copied());
        let (y0, y1) = extent(ey.iter().copied());
        let [ux, uy] = self.units;
        let (dx, dy) = (ux.decimals(xs), uy.decimals(ys));
        let xl: Vec<String> = xs.iter().map(|v| ux.fmt(lang, *v, dx)).collect();
        let yl: Vec<String> = ys.iter().map(|v| uy.fmt(lang, *v, dy)).collect();
        let mut yl_w = 0;
        for l in &yl {
            yl_w = yl_w.max(style::text_size(l, style::LABEL_PX, false)?.0 as i32);
        }
        let mut xl_w = 0;
        for l in &xl {
            xl_w = xl_w.max(style::text_size(l, style::LABEL_PX, false)?.0 as i32);
        }

        let w = area.dim_in_pixel().0;
        let (heat, bar) = area.split_horizontally(w.saturating_sub(BAR_COL));
        let chart = plane::plane(
            &heat,
            Margins {
                top: 20,
                left: 0,
                right: 20,
                x_labels: 100,
                y_labels: yl_w + 20 + 56,
            },
            x0..x1,
            y0..y1,
        )?;
        let (px, py) = chart.plotting_area().get_pixel_range();
        let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let rect = |i: usize, j: usize| {
            let (a, b) = (at(ex[i], ey[j]), at(ex[i + 1], ey[j + 1]));
            ((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1)))
        };

        // cells; the value of the cell under the "as written" marker moves up out of its way
        let show_values = nx <= 12 && ny <= 12;
        let marked = self.current.map(|(cx, cy)| at(cx, cy));
        // (value, cell colour, size, centre), written after the contour
        let mut values: Vec<(String, RGBColor, f64, (i32, i32))> = Vec::new();
        for i in 0..nx {
            for j in 0..ny {
                let (a, b) = rect(i, j);
                match self.z[i * ny + j] {
                    Some(p) => {
                        let c = prob_colour(p);
                        root.draw(&Rectangle::new([a, b], c.filled()))?;
                        if show_values {
                            let (cw, ch) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
                            let px_size = style::LABEL_PX.min(0.6 * ch).min(cw / 2.8).floor();
                            let mut centre = Some(((a.0 + b.0) / 2, (a.1 + b.1) / 2));
                            if let Some(m) = marked
                                .filter(|m| m.0 >= a.0 && m.0 <= b.0 && m.1 >= a.1 && m.1 <= b.1)
                            {
                                // the value above or below the marker, where there is more
                                // room, or left out (a diamond reaches r + 2 from its centre)
                                let r = MARK_R + 2;
                                let above = m.1 - r - a.1;
                                let below = b.1 - (m.1 + r);
                                let room = above.max(below);
                                centre = (f64::from(room) >= px_size + 2.0).then(|| {
                                    let y = if above >= below {
                                        a.1 + above / 2
                                    } else {
                                        m.1 + r + below / 2
                                    };
                                    (centre.map_or(m.0, |c| c.0), y)
                                });
                            }
                            if px_size >= 12.0
                                && let Some(centre) = centre
                            {
                                values.push((lang.pct(p, 0), c, px_size, centre));
                            }
                        }
                    }
                    None => {
                        root.draw(&Rectangle::new([a, b], MISSING.filled()))?;
                        hatch(root, a, b)?;
                    }
                }
            }
        }
        root.draw(&Rectangle::new(
            [(px.start, py.start), (px.end, py.end)],
            style::INK.stroke_width(2),
        ))?;

        // ticks at the grid values
        let tick_style = |h, v| style::text(style::LABEL_PX, false, style::INK, h, v);
        let cell_w = f64::from(px.end - px.start) / nx as f64;
        for i in labelled(nx, xl_w, cell_w) {
            let x = at(xs[i], y0).0;
            root.draw(&PathElement::new(
                vec![(x, py.end), (x, py.end + 8)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &xl[i],
                &tick_style(HPos::Center, VPos::Top),
                (x, py.end + 12),
            )?;
        }
        let cell_h = f64::from(py.end - py.start) / ny as f64;
        for j in labelled(ny, style::LABEL_PX as i32, cell_h) {
            let y = at(x0, ys[j]).1;
            root.draw(&PathElement::new(
                vec![(px.start - 8, y), (px.start, y)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &yl[j],
                &tick_style(HPos::Right, VPos::Center),
                (px.start - 12, y),
            )?;
        }
        style::axis_descs(
            root,
            (px.clone(), py.clone()),
            heat.get_base_pixel().0 + 4,
            &self.descs[0],
            &self.descs[1],
        )?;

        // 50% contour: black over a white casing so it reads on every colour
        for chain in &self.contour {
            let pts: Vec<(i32, i32)> = chain.iter().map(|p| at(p[0], p[1])).collect();
            root.draw(&PathElement::new(pts.clone(), WHITE.stroke_width(12)))?;
            root.draw(&PathElement::new(pts, style::INK.stroke_width(6)))?;
        }
        // each value on a patch of its cell's colour, so the contour stops short of it
        for (v, c, size, centre) in &values {
            let (w, h) = style::text_size(v, *size, false)?;
            let (w, h) = (w as i32 / 2 + 5, h as i32 / 2 + 3);
            root.draw(&Rectangle::new(
                [(centre.0 - w, centre.1 - h), (centre.0 + w, centre.1 + h)],
                c.filled(),
            ))?;
            let st = style::text(*size, false, text_on(*c), HPos::Center, VPos::Center);
            style::put(root, v, &st, *centre)?;
        }
        if let Some((cx, cy)) = self.current {
            let p = at(cx, cy);
            style::draw_marker(root, p, Marker::Diamond, WHITE, MARK_R)?;
            style::draw_marker(root, p, Marker::Diamond, style::INK, 12)?;
        }
        if let Some(note) = &self.nothing {
            centre_note(root, (px.clone(), py.clone()), note)?;
        }

        // colour bar
        let bx = bar.get_base_pixel().0 + 30;
        let (top, bottom) = (py.start + 40, py.end);
        let bw = 40;
        // the heading starts over the bar, moved left if it would leave the canvas
        let head_w = style::text_size(&self.bar_head, style::LABEL_PX, true)?.0 as i32;
        let head_x = bx.min(super::super::WIDTH as i32 - style::MARGIN / 2 - head_w);
        style::put(
            root,
            &self.bar_head,
            &style::text(style::LABEL_PX, true, style::INK, HPos::Left, VPos::Bottom),
            (head_x, top - 12),
        )?;
        let h = f64::from(bottom - top);
        let slices = 100;
        for k in 0..slices {
            let (fa, fb) = (k as f64 / slices as f64, (k + 1) as f64 / slices as f64);
            let ya = bottom - (fa * h).round() as i32;
            let yb = bottom - (fb * h).round() as i32;
            root.draw(&Rectangle::new(
                [(bx, yb), (bx + bw, ya)],
                prob_colour(0.5 * (fa + fb)).filled(),
            ))?;
        }
        root.draw(&Rectangle::new(
            [(bx, top), (bx + bw, bottom)],
            style::INK.stroke_width(1),
        ))?;
        for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let y = bottom - (q * h).round() as i32;
            root.draw(&PathElement::new(
                vec![(bx + bw, y), (bx + bw + 8, y)],
                style::INK.stroke_width(2),
            ))?;
            style::put(
                root,
                &lang.pct(q, 0),
                &tick_style(HPos::Left, VPos::Center),
                (bx + bw + 12, y),
            )?;
        }
        let y50 = bottom - (0.5 * h).round() as i32;
        root.draw(&PathElement::new(
            vec![(bx - 6, y50), (bx + bw + 6, y50)],
            style::INK.stroke_width(6),
        ))?;
        Ok(())
    }
}

/// Diagonal hatching inside the pixel rectangle `a`–`b`.
fn hatch<DB: style::Backend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
) -> Result<(), ChartError> {
    let (w, h) = (b.0 - a.0, b.1 - a.1);
    if w <= 0 || h <= 0 {
        return Ok(());
    }
    let st = style::GREY_TEXT.stroke_width(2);
    // lines x − y = c, from the top-left corner down to the right
    let mut c = -h;
    while c < w {
        let t0 = 0.max(-c);
        let t1 = h.min(w - c);
        if t0 < t1 {
            root.draw(&PathElement::new(
                vec![(a.0 + c + t0, a.1 + t0), (a.0 + c + t1, a.1 + t1)],
                st,
            ))?;
        }
        c += 14;
    }
    Ok(())
}
