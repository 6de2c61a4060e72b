//! Unit tests of `solve`.

use super::super::sweep::testing::{check, polylines};
use super::*;
use crate::analysis::solve::FinancingGap;

fn e(value: f64, prob_hit: f64) -> Evaluation {
    Evaluation {
        value,
        prob_hit,
        cagr_mean: 0.08 + 0.03 * prob_hit,
        cagr_p50: 0.08 + 0.03 * prob_hit,
        investment_mean: 4000.0 * value,
        paths: 2000,
    }
}

/// funding.scale for P(hit) = 50%: solved at 1.2 (95% CI 1.18–1.22), runs in search
/// order (as written, both ends, bisection), with the financing gap of two years.
fn solved() -> Solution {
    Solution {
        scenario: "hanoi-2026-2030-mc".into(),
        scenario_hash: "0".into(),
        lever: "funding.scale".into(),
        lever_label_vi: "Hệ số vốn kế hoạch".into(),
        lever_label_en: "Planned funding scale".into(),
        money: false,
        goal: Goal::Probability(0.5),
        requested: 0.5,
        target: 0.11,
        seed: 20260101,
        paths: 2000,
        range: [0.5, 3.0],
        tolerance: 0.01,
        current: 1.0,
        metric_as_written: 0.2,
        status: Status::Solved,
        value: Some(1.2),
        value_se: Some(0.0102),
        value_ci95: Some([1.18, 1.22]),
        achieved: Some(0.5),
        achieved_se: Some(0.011),
        metric_at_range: [0.0, 1.0],
        evaluations: vec![
            e(1.0, 0.2),
            e(0.5, 0.0),
            e(3.0, 1.0),
            e(1.75, 0.8),
            e(1.125, 0.4),
            e(1.2, 0.5),
            e(1.25, 0.56),
            e(1.15, 0.44),
        ],
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
    }
}

fn unreachable() -> Solution {
    let mut s = solved();
    s.status = Status::Unreachable;
    s.value = None;
    s.value_se = None;
    s.value_ci95 = None;
    s.achieved = None;
    s.achieved_se = None;
    s.financing = None;
    s.metric_at_range = [0.0, 0.35];
    s.evaluations = vec![e(1.0, 0.2), e(0.5, 0.0), e(3.0, 0.35)];
    s
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

#[test]
fn a_solution_shows_the_search_its_interval_and_the_financing_gap() {
    let s = solved();
    for lang in [Lang::Vi, Lang::En] {
        let c = solve(&s, lang).expect("chart");
        assert_eq!(c.name, "solve");
        let texts = check(&c);
        let (title, ci, totals, requested, current) = match lang {
            Lang::Vi => (
                "Hệ số vốn kế hoạch để xác suất đạt ≥ 11,0% là 50%: 1,2",
                "1,2 (KTC 95%: 1,18 – 1,22)",
                "Tổng 2026–2027: kế hoạch 1.600,0 · cần có 1.907,0 · chênh lệch +307,0 nghìn tỷ đồng",
                "Mức yêu cầu 50%",
                "Kế hoạch: 1",
            ),
            Lang::En => (
                "Planned funding scale for a 50% probability of growth ≥ 11.0%: 1.2",
                "1.2 (95% CI 1.18 – 1.22)",
                "Total 2026–2027: plan 1,600.0 · required 1,907.0 · gap +307.0 thousand bn VND",
                "Requested level 50%",
                "As written: 1",
            ),
        };
        assert_eq!(c.title, title);
        for needle in [ci, totals, requested, current, "2026", "2027", "100%"] {
            assert!(has(&texts, needle), "{needle:?} in {texts:?}");
        }
        for gap in ["+140,0", "+167,0"] {
            let gap = if lang == Lang::En {
                gap.replace(',', ".")
            } else {
                gap.into()
            };
            assert!(texts.contains(&gap), "{gap}");
        }
        // the search path: one line through the 8 runs, sorted by lever value
        let lines = polylines(&c.svg);
        let path: Vec<_> = lines
            .iter()
            .filter(|(s, w, p)| s == "#0072B2" && w == "4" && p.len() == 8)
            .collect();
        assert_eq!(path.len(), 1, "{lines:?}");
        assert!(path[0].2.windows(2).all(|w| w[0].0 < w[1].0));
        // P rises with the lever here, so the line climbs (pixel y falls)
        assert!(path[0].2.windows(2).all(|w| w[0].1 >= w[1].1));
        // the error bar: a horizontal vermillion segment, centred on the solution
        let bars: Vec<_> = lines
            .iter()
            .filter(|(s, w, p)| {
                s == "#D55E00"
                    && w == "4"
                    && p.len() == 2
                    && p[0].1 == p[1].1
                    && p[1].0 - p[0].0 > 10
            })
            .collect();
        assert!(!bars.is_empty(), "{lines:?}");
    }
}

#[test]
fn an_unreachable_goal_says_so_with_the_range() {
    let s = unreachable();
    for lang in [Lang::Vi, Lang::En] {
        let c = solve(&s, lang).expect("chart");
        let texts = check(&c);
        let (title, range, ends) = match lang {
            Lang::Vi => (
                "Hệ số vốn kế hoạch để xác suất đạt ≥ 11,0% là 50%: không đạt được",
                "Không đạt trong khoảng [0,5; 3]",
                "Xác suất đạt ≥ 11,0% ở hai đầu: 0,0% và 35,0%; yêu cầu 50%",
            ),
            Lang::En => (
                "Lever value for a 50% probability of growth ≥ 11.0%: not reachable",
                "Unreachable within [0.5; 3]",
                "P(growth ≥ 11.0%) at the ends: 0.0% and 35.0%; requested 50%",
            ),
        };
        assert_eq!(c.title, title);
        assert!(has(&texts, range), "{texts:?}");
        assert!(has(&texts, ends), "{texts:?}");
        assert!(!has(&texts, msg(lang, "95_ci")));
    }
}

#[test]
fn mean_growth_goals_and_bad_numbers_still_draw() {
    let mut s = solved();
    s.goal = Goal::MeanCagr;
    s.requested = 0.11;
    s.lever = "sources.land_revenue.amounts.total".into();
    s.lever_label_vi = "Thu tiền sử dụng đất: kế hoạch (tổng cả kỳ)".into();
    s.money = true;
    s.range = [200.0, 1500.0];
    s.current = 800.0;
    s.value = Some(1234.5);
    s.value_ci95 = Some([1200.0, 1270.0]);
    s.achieved = Some(0.11);
    s.evaluations = vec![e(800.0, 0.2), e(200.0, 0.1), e(1500.0, 0.9), e(1234.5, 0.5)];
    let c = solve(&s, Lang::Vi).expect("chart");
    let texts = check(&c);
    // the lever's path is too long for the title: the generic form, path on the axis
    assert_eq!(
        c.title,
        "Giá trị đòn bẩy để tăng trưởng bình quân kỳ vọng đạt 11%: 1.234,5"
    );
    assert!(has(
        &texts,
        "Thu tiền sử dụng đất: kế hoạch (tổng cả kỳ) (nghìn tỷ đồng)"
    ));
    assert!(has(&texts, "Tăng trưởng bình quân kỳ vọng (%/năm)"));

    // not-a-number values and empty runs: no panic
    let mut s = solved();
    s.evaluations.push(e(f64::NAN, 0.3));
    s.evaluations.push(e(2.0, f64::NAN));
    s.value_ci95 = Some([f64::NAN, 1.3]);
    s.current = f64::INFINITY;
    if let Some(f) = s.financing.as_mut() {
        f.required[1] = f64::NAN;
        f.gap.clear();
    }
    check(&solve(&s, Lang::En).expect("chart"));
    let mut s = unreachable();
    s.evaluations.clear();
    s.range = [f64::NAN, f64::NAN];
    s.requested = f64::NAN;
    let c = solve(&s, Lang::En).expect("chart");
    assert!(has(&check(&c), "No run"));
}
