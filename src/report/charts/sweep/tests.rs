//! Unit tests of `sweep`.

use super::*;

use super::testing::{check, polygons, polylines, rect_fills};
use crate::analysis::sweep::{Axis, contour};

fn point(values: Vec<f64>, p: Option<f64>) -> Point {
    Point {
        values,
        prob_hit: p,
        prob_hit_ci95: p.map(|p| [(p - 0.05).max(0.0), (p + 0.05).min(1.0)]),
        cagr_p10: p.map(|p| 0.07 + 0.04 * p),
        cagr_p50: p.map(|p| 0.09 + 0.04 * p),
        cagr_p90: p.map(|p| 0.11 + 0.04 * p),
        investment_mean: p.map(|_| 4000.0),
        central_cagr: p.map(|p| 0.1 + 0.02 * p),
        error: p.is_none().then(|| "every path invalid".to_string()),
    }
}

fn axis(lever: &str, money: bool, current: f64, values: &[f64]) -> Axis {
    Axis {
        lever: lever.into(),
        lever_label_vi: lever.into(),
        lever_label_en: lever.into(),
        money,
        current,
        values: values.to_vec(),
    }
}

fn base(axes: Vec<Axis>, points: Vec<Point>) -> Sweep {
    Sweep {
        scenario: "hanoi-2026-2030-mc".into(),
        scenario_hash: "0".into(),
        target: 0.11,
        seed: 20260101,
        paths: 2000,
        axes,
        points,
        contour50: Vec::new(),
    }
}

/// Land revenue 200–1,000 with the point at 600 not run.
fn one_lever() -> Sweep {
    let xs = [200.0, 400.0, 600.0, 800.0, 1000.0];
    let points = xs
        .iter()
        .map(|&x| point(vec![x], (x != 600.0).then(|| (x - 100.0) / 1000.0)))
        .collect();
    base(
        vec![axis("sources.land_revenue.amounts.total", true, 800.0, &xs)],
        points,
    )
}

/// funding.scale 0.8–1.2 × TFP growth 4–7%, P = plane with its 50% line on the grid, the
/// (1.2, 7%) cell not run when `hole`.
fn two_levers(nx: usize, ny: usize, hole: bool) -> Sweep {
    let xs = crate::analysis::sweep::grid(0.8, 1.2, nx);
    let ys = crate::analysis::sweep::grid(0.04, 0.07, ny);
    let p = |x: f64, y: f64| (x - 0.8) + (y - 0.04) * 10.0 + 0.2;
    let z: Vec<f64> = xs
        .iter()
        .flat_map(|&x| ys.iter().map(move |&y| p(x, y)))
        .collect();
    let last = xs.len() * ys.len() - 1;
    let points = z
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            let (x, y) = (xs[k / ny], ys[k % ny]);
            point(vec![x, y], (!(hole && k == last)).then_some(v))
        })
        .collect();
    let mut s = base(
        vec![
            axis("funding.scale", false, 1.0, &xs),
            axis("productivity.tfp_growth", false, 0.05, &ys),
        ],
        points,
    );
    s.contour50 = contour(&xs, &ys, &z, 0.5);
    s
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

#[test]
fn one_lever_draws_probability_and_growth_with_gaps() {
    let s = one_lever();
    for lang in [Lang::Vi, Lang::En] {
        let c = sweep(&s, lang).expect("chart");
        assert_eq!(c.name, "sweep");
        let texts = check(&c);
        let (title, caption, current, unit, target, source) = match lang {
            Lang::Vi => (
                "Xác suất đạt ≥ 11,0% theo sources.land_revenue.amounts.total",
                "1 trong 5 điểm không chạy được (bỏ trống trên đồ thị): 600",
                "Kế hoạch: 800",
                "sources.land_revenue.amounts.total (nghìn tỷ đồng)",
                "Mục tiêu 11,0%",
                "Nguồn: grdpsim, kịch bản hanoi-2026-2030-mc, 2.000 đường mỗi điểm, seed 20260101",
            ),
            Lang::En => (
                "P(growth ≥ 11.0%) by sources.land_revenue.amounts.total",
                "1 of 5 points could not be run (gaps in the lines): 600",
                "As written: 800",
                "sources.land_revenue.amounts.total (thousand bn VND)",
                "Target 11.0%",
                "Source: grdpsim, scenario hanoi-2026-2030-mc, 2,000 paths per point, seed 20260101",
            ),
        };
        assert_eq!(c.title, title);
        for needle in [caption, current, unit, target, source, "100%", "50%"] {
            assert!(has(&texts, needle), "{needle:?} in {texts:?}");
        }
        // the vertical marker is labelled on both panels (and in the legend)
        assert_eq!(texts.iter().filter(|t| *t == current).count(), 3);
        // the P(hit) line is broken at 600: two runs (200–400, 800–1,000) plus the
        // legend's sample, and one Wilson band per run
        let blue: Vec<_> = polylines(&c.svg)
            .into_iter()
            .filter(|(s, w, _)| s == "#0072B2" && w == "5")
            .collect();
        assert_eq!(blue.len(), 3, "{blue:?}");
        let runs: Vec<_> = blue.iter().filter(|(_, _, p)| p.len() == 2).collect();
        assert_eq!(runs.len(), 3, "two 2-point runs and the legend");
        let bands = polygons(&c.svg)
            .into_iter()
            .filter(|(f, o)| f == "#0072B2" && o == "0.25")
            .count();
        assert_eq!(bands, 2);
    }
}

#[test]
fn one_lever_without_gaps_says_the_points_are_paired() {
    let mut s = one_lever();
    s.points[2] = point(vec![600.0], Some(0.5));
    s.axes[0].lever = "sources.fdi.amounts".into();
    s.axes[0].lever_label_en = "Realised FDI: plan".into();
    let c = sweep(&s, Lang::En).expect("chart");
    // the title names the lever by its human name, not its path
    assert_eq!(
        c.title,
        "Probability of average growth ≥ 11.0% by Realised FDI: plan"
    );
    let texts = check(&c);
    assert!(has(&texts, "Every point on the same random numbers"));
    let blue = polylines(&c.svg)
        .into_iter()
        .filter(|(s, w, p)| s == "#0072B2" && w == "5" && p.len() == 5)
        .count();
    assert_eq!(blue, 1, "one unbroken line through the five points");
}

#[test]
fn heat_map_draws_cells_contour_and_the_plan() {
    let s = two_levers(5, 4, true);
    for lang in [Lang::Vi, Lang::En] {
        let c = sweep(&s, lang).expect("chart");
        let texts = check(&c);
        let (xd, yd, current, caption, bar) = match lang {
            Lang::Vi => (
                "funding.scale (hệ số, 1 = như kịch bản)",
                "productivity.tfp_growth (%)",
                "Kế hoạch: x = 1; y = 5%",
                "1 trong 20 ô không chạy được (ô xám gạch chéo): (1,2, 7%)",
                "Xác suất ≥ 11,0%",
            ),
            Lang::En => (
                "funding.scale (factor, 1 = as written)",
                "productivity.tfp_growth (%)",
                "As written: x = 1; y = 5%",
                "1 of 20 cells could not be run (grey, hatched): (1.2, 7%)",
                "P(≥ 11.0%)",
            ),
        };
        for needle in [xd, yd, current, caption, bar] {
            assert!(has(&texts, needle), "{needle:?} in {texts:?}");
        }
        // every cell that ran has its value printed
        for p in s.points.iter().filter_map(|p| p.prob_hit) {
            assert!(texts.contains(&lang.pct(p, 0)), "{}", lang.pct(p, 0));
        }
        // tick labels at the grid values
        for v in ["0.8", "0.9", "1.1", "4%", "7%"] {
            let v = if lang == Lang::Vi {
                v.replace('.', ",")
            } else {
                v.into()
            };
            assert!(texts.contains(&v), "tick {v}");
        }
        // the missing cell is grey (hatched over)
        assert_eq!(
            rect_fills(&c.svg)
                .iter()
                .filter(|f| *f == "#BDBDBD")
                .count(),
            2,
            "the cell and its legend swatch"
        );
        // the contour: black over a white casing, the same points, along a straight
        // line (P is a plane over a uniform grid)
        let lines = polylines(&c.svg);
        let contour: Vec<_> = lines
            .iter()
            .filter(|(s, w, p)| {
                s == "#000000"
                    && w == "6"
                    && lines
                        .iter()
                        .any(|(s2, w2, p2)| s2 == "#FFFFFF" && w2 == "12" && p2 == p)
            })
            .collect();
        assert_eq!(contour.len(), 1, "one joined contour line");
        let pts = &contour[0].2;
        assert!(pts.len() >= 3, "{pts:?}");
        let (a, b) = (pts[0], pts[pts.len() - 1]);
        for p in pts {
            let cross =
                (b.0 - a.0) as f64 * (p.1 - a.1) as f64 - (b.1 - a.1) as f64 * (p.0 - a.0) as f64;
            let len = (((b.0 - a.0).pow(2) + (b.1 - a.1).pow(2)) as f64).sqrt();
            assert!(cross.abs() / len < 2.0, "{p:?} off the line {a:?}–{b:?}");
        }
    }
}

#[test]
fn large_grids_leave_the_cell_values_out() {
    let mut s = two_levers(13, 13, false);
    s.contour50.clear();
    s.axes[1].lever = "investment.icor".into();
    s.axes[1].values = crate::analysis::sweep::grid(4.0, 8.0, 13);
    let c = sweep(&s, Lang::Vi).expect("chart");
    let texts = check(&c);
    let percents = texts
        .iter()
        .filter(|t| t.ends_with('%') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit()))
        .count();
    assert_eq!(percents, 5, "only the colour bar's 0–100%: {texts:?}");
    // 12 × 12 prints them
    let c = sweep(&two_levers(12, 12, false), Lang::Vi).expect("chart");
    let texts = check(&c);
    let printed = texts.iter().filter(|t| t.ends_with('%')).count();
    assert!(printed >= 144, "{printed}");
}

#[test]
fn sweeps_that_could_not_run_are_drawn_not_refused() {
    let mut one = one_lever();
    one.points
        .iter_mut()
        .for_each(|p| *p = point(p.values.clone(), None));
    let mut two = two_levers(3, 3, false);
    two.points
        .iter_mut()
        .for_each(|p| *p = point(p.values.clone(), None));
    two.contour50.clear();
    for (s, lang) in [(&one, Lang::Vi), (&two, Lang::En)] {
        let c = sweep(s, lang).expect("chart");
        let texts = check(&c);
        assert!(has(&texts, msg(lang, "no_point_could_be_run")));
    }
    // not-a-number values anywhere but the grid are left out
    let mut s = one_lever();
    s.target = f64::NAN;
    s.axes[0].current = f64::NAN;
    s.points[0].prob_hit = Some(f64::NAN);
    s.points[1].cagr_p50 = Some(f64::INFINITY);
    s.points[3].prob_hit_ci95 = Some([f64::NAN, 0.4]);
    check(&sweep(&s, Lang::En).expect("chart"));
    let mut s = two_levers(3, 3, false);
    s.points[4].prob_hit = Some(f64::NAN);
    s.contour50.push([[f64::NAN, 0.0], [1.0, f64::INFINITY]]);
    s.axes[0].current = f64::NAN;
    check(&sweep(&s, Lang::Vi).expect("chart"));
    // a single value per axis
    let s = base(
        vec![
            axis("funding.scale", false, 1.0, &[1.0]),
            axis("productivity.tfp_growth", false, 0.05, &[0.05]),
        ],
        vec![point(vec![1.0, 0.05], Some(0.4))],
    );
    check(&sweep(&s, Lang::Vi).expect("chart"));
}

#[test]
fn malformed_sweeps_are_errors() {
    let err = |s: &Sweep| sweep(s, Lang::En).expect_err("an error").to_string();
    let mut s = one_lever();
    s.axes.clear();
    assert!(err(&s).contains("one or two levers, found 0"));
    let mut s = two_levers(2, 2, false);
    s.axes.push(s.axes[0].clone());
    assert!(err(&s).contains("found 3"));
    let mut s = one_lever();
    s.points.pop();
    assert!(err(&s).contains("4 points for a grid of 5"));
    let mut s = one_lever();
    s.axes[0].values[1] = f64::NAN;
    assert!(err(&s).contains("not a finite number"));
    let mut s = two_levers(3, 2, false);
    s.axes[0].values.swap(0, 1);
    assert!(err(&s).contains("strictly increasing or decreasing"));
    let mut s = two_levers(2, 2, false);
    s.axes[1].values.clear();
    assert!(err(&s).contains("no value"));
}

#[test]
fn units_follow_the_field_name() {
    assert_eq!(
        Unit::of("sources.land_revenue.amounts.total", true),
        Unit::Money
    );
    assert_eq!(Unit::of("productivity.tfp_growth", false), Unit::Percent);
    assert_eq!(
        Unit::of("productivity.tfp_growth[2027]", false),
        Unit::Percent
    );
    assert_eq!(
        Unit::of("productivity.tfp_growth.mean", false),
        Unit::Percent
    );
    assert_eq!(Unit::of("economy.capital_share", false), Unit::Percent);
    assert_eq!(Unit::of("meta.target_growth", false), Unit::Percent);
    assert_eq!(
        Unit::of("uncertainty.events.ring_road_4.delay_probability", false),
        Unit::Percent
    );
    assert_eq!(
        Unit::of("uncertainty.tfp_growth.level.min", false),
        Unit::Percent
    );
    assert_eq!(
        Unit::of("uncertainty.sources.soe.level.mode", false),
        Unit::Plain
    );
    assert_eq!(Unit::of("economy.exchange_rate", false), Unit::Plain);
    assert_eq!(Unit::of("investment.icor", false), Unit::Plain);
    assert_eq!(Unit::of("funding.scale", false), Unit::Factor);
    assert_eq!(Unit::of("sources.fdi.amounts.scale", false), Unit::Factor);
}

#[test]
fn values_use_the_fewest_exact_decimals_and_the_language() {
    assert_eq!(Unit::Money.value(Lang::Vi, 5000.0), "5.000");
    assert_eq!(Unit::Money.value(Lang::En, 512.5), "512.5");
    assert_eq!(Unit::Money.value(Lang::En, 512.34), "512.3");
    assert_eq!(Unit::Percent.value(Lang::Vi, 0.065), "6,5%");
    assert_eq!(Unit::Percent.value(Lang::En, 0.11), "11%");
    assert_eq!(Unit::Factor.value(Lang::Vi, 0.85), "0,85");
    assert_eq!(Unit::Percent.decimals(&[0.05, 0.055, 0.06]), 1);
    assert_eq!(
        Unit::Money.desc(Lang::Vi, "a.amounts"),
        "a.amounts (nghìn tỷ đồng)"
    );
    assert_eq!(
        Unit::Percent.desc(Lang::En, "p.tfp_growth"),
        "p.tfp_growth (%)"
    );
}

#[test]
fn the_palette_diverges_at_one_half() {
    let white = prob_colour(0.5);
    assert_eq!((white.0, white.1, white.2), (0xf7, 0xf7, 0xf7));
    let (lo, hi) = (prob_colour(0.0), prob_colour(1.0));
    assert!(lo.0 > lo.2, "low is red");
    assert!(hi.2 > hi.0, "high is blue");
    // lightness falls monotonically away from 50% on both sides
    let luma = |p: f64| {
        let c = prob_colour(p);
        0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)
    };
    for k in 0..50 {
        let (a, b) = (k as f64 / 100.0, (k + 1) as f64 / 100.0);
        assert!(luma(a) <= luma(b) + 1.0, "{a}");
        assert!(luma(1.0 - a) <= luma(1.0 - b) + 1.0, "{a}");
    }
    let nan = prob_colour(f64::NAN);
    assert_eq!((nan.0, nan.1, nan.2), (white.0, white.1, white.2));
    assert_eq!(text_on(prob_colour(1.0)), WHITE);
    assert_eq!(text_on(white), style::INK);
}

#[test]
fn cell_edges_are_half_way_either_direction() {
    assert_eq!(edges(&[1.0, 2.0, 4.0]), [0.5, 1.5, 3.0, 5.0]);
    assert_eq!(edges(&[4.0, 2.0]), [5.0, 3.0, 1.0]);
    let one = edges(&[0.05]);
    assert!((one[0] - 0.045).abs() < 1e-12 && (one[1] - 0.055).abs() < 1e-12);
}

#[test]
fn contour_segments_join_into_one_line() {
    use crate::analysis::sweep::{contour, grid};
    let xs = grid(0.0, 2.0, 9);
    let ys = grid(0.0, 2.0, 9);
    let z: Vec<f64> = xs
        .iter()
        .flat_map(|x| ys.iter().map(move |y| (x + y) / 4.0))
        .collect();
    let segs = contour(&xs, &ys, &z, 0.5);
    assert!(segs.len() > 5);
    // the level is met exactly at the grid points of the diagonal, so marching squares
    // gives zero-length and repeated segments: one line of 9 distinct points remains
    let c = chains(&segs, [1e-9, 1e-9]);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].len(), 9, "{c:?}");
    assert!(c[0].windows(2).all(|w| (w[0][0] - w[1][0]).abs() > 0.2));
    // from one corner of the grid to the other, along x + y = 2
    let (a, b) = (c[0][0], c[0][c[0].len() - 1]);
    assert!((a[0] - b[0]).abs() > 1.99);
    assert!(c[0].iter().all(|p| (p[0] + p[1] - 2.0).abs() < 1e-12));
    // off the grid points: every segment is kept and joined in order
    let z2: Vec<f64> = z.iter().map(|v| v + 0.01).collect();
    let segs = contour(&xs, &ys, &z2, 0.5);
    let c = chains(&segs, [1e-9, 1e-9]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].len(), segs.len() + 1);
    assert!(c[0].iter().all(|p| (p[0] + p[1] - 1.96).abs() < 1e-9));
    // two separate pieces stay two; non-finite segments are dropped
    let two = [
        [[0.0, 0.0], [1.0, 1.0]],
        [[5.0, 5.0], [6.0, 6.0]],
        [[f64::NAN, 0.0], [1.0, 1.0]],
    ];
    assert_eq!(chains(&two, [1e-9, 1e-9]).len(), 2);
}

#[test]
fn the_gap_caption_lists_what_fits() {
    style::ensure_fonts().expect("fonts");
    let few: Vec<String> = ["600", "1.200"].iter().map(|s| s.to_string()).collect();
    assert_eq!(
        gap_caption(Lang::Vi, &few, 7, false).expect("caption"),
        "2 trong 7 điểm không chạy được (bỏ trống trên đồ thị): 600; 1.200"
    );
    let many: Vec<String> = (0..30).map(|k| format!("(1.{k:02}, 7.{k:02}%)")).collect();
    let c = gap_caption(Lang::En, &many, 100, true).expect("caption");
    assert!(c.starts_with("30 of 100 cells could not be run (grey, hatched): (1.00, 7.00%)"));
    assert!(c.ends_with("; …"), "{c}");
    assert!(
        style::text_size(&c, style::SUBTITLE_PX, false)
            .expect("size")
            .0
            <= TITLE_ROOM
    );
}

#[test]
fn gaps_split_runs() {
    let p = |x: f64| Some([x, 0.5, 0.4, 0.6]);
    let r = runs([p(1.0), p(2.0), None, None, p(5.0), None].into_iter());
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].len(), r[1].len()), (2, 1));
    assert!(runs([None, None].into_iter()).is_empty());
}

#[test]
fn tick_labels_thin_out_when_cells_are_narrow() {
    assert_eq!(labelled(5, 60, 200.0), [0, 1, 2, 3, 4]);
    assert_eq!(
        labelled(40, 60, 30.0),
        (0..40).step_by(3).collect::<Vec<_>>()
    );
    assert_eq!(labelled(1, 60, 1.0), [0]);
}
