//! "How to read this report": what average growth, the TFP share, the Monte Carlo's draws,
//! percentiles, the assessment scale and the units mean, in the scenario's own numbers.

use super::assumptions::target_name;
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::report::doc::Block;
use crate::report::feasibility::FeasibilityScale;
use crate::scenario::Scenario;
use crate::scenario::uncertainty::Target;

/// The section "how to read this report": each term, then what it means.
pub fn how_to_read(
    sc: &Scenario,
    s: Option<&Summary>,
    scale: &FeasibilityScale,
    l: Lang,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(
        crate::report::msg(l, "how_to_read_this_report").into(),
    )];
    let n = sc.horizon();
    let (y0, y1) = (sc.meta.base_year, sc.end_year());
    let g = l.pct(sc.meta.target_growth, 1);
    let ga = l.pct((1.0 + sc.meta.target_growth).powf(0.6) - 1.0, 2);
    let mut items: Vec<(String, String)> = vec![
        (
            crate::report::msg(l, "average_growth_cagr").into(),
            match l {
                Lang::Vi => format!(
                    "Tăng trưởng kép bình quân năm của GRDP giá so sánh: (GRDP {y1} / GRDP {y0})^(1/{n}) − 1. Mục tiêu {} là mục tiêu về mức bình quân này; một năm thấp có thể được bù bằng năm cao.",
                    l.pct(sc.meta.target_growth, 1)
                ),
                Lang::En => format!(
                    "The compound annual growth of real GRDP: (GRDP {y1} / GRDP {y0})^(1/{n}) − 1. The {} target is a target for this average; a weak year can be made up by a strong one.",
                    l.pct(sc.meta.target_growth, 1)
                ),
            },
        ),
        (
            crate::report::msg(l, "tfp_share_of_growth_log_terms").into(),
            match l {
                Lang::Vi => format!(
                    "Phần tăng trưởng do năng suất các nhân tố tổng hợp, tính theo logarit: Σ ln(1 + g_TFP) / ln(GRDP {y1} / GRDP {y0}). Theo cách này ba phần đóng góp (TFP, vốn, lao động) cộng lại đúng bằng tăng trưởng. Ví dụ: với tăng trưởng {g}, tỷ trọng 60% nghĩa là TFP tăng (1 + {g})^0,6 − 1 = {ga}/năm."
                ),
                Lang::En => format!(
                    "The part of growth due to total factor productivity, in log terms: Σ ln(1 + g_TFP) / ln(GRDP {y1} / GRDP {y0}). In log terms the three contributions (TFP, capital, labour) add up exactly to growth. Example: with {g} growth a 60% share means TFP growth of (1 + {g})^0.6 − 1 = {ga} a year."
                ),
            },
        ),
    ];
    let u = &sc.uncertainty;
    if s.is_some() {
        let drawn = u
            .inputs
            .iter()
            .map(|i| target_name(sc, i.target, l))
            .collect::<Vec<_>>()
            .join("; ");
        let with_shock = u.inputs.iter().filter(|i| i.shock.is_some()).count();
        let shocks = match (with_shock, l) {
            (0, _) => String::new(),
            (k, Lang::Vi) if k == u.inputs.len() => ", cộng một cú sốc hằng năm".to_string(),
            (k, Lang::En) if k == u.inputs.len() => ", plus a yearly shock".to_string(),
            (k, Lang::Vi) => format!(", {k} đầu vào có thêm cú sốc hằng năm"),
            (k, Lang::En) => format!(", and {k} of them add a yearly shock"),
        };
        let correlated = match (&u.correlation, l) {
            (None, _) => String::new(),
            (Some(_), Lang::Vi) => {
                " Các mức có tương quan với nhau theo ma trận ở phần giả định.".to_string()
            }
            (Some(_), Lang::En) => {
                " The levels are correlated as in the matrix under assumptions.".to_string()
            }
        };
        let events = match (u.events.len(), l) {
            (0, _) => String::new(),
            (k, Lang::Vi) => format!(
                " Ngoài ra {k} dự án lớn có thể bị chậm (sự kiện); phần vốn bị đẩy sau {y1} nằm ngoài kỳ."
            ),
            (k, Lang::En) => format!(
                " In addition {k} large projects may be delayed (events); spending pushed past {y1} leaves the period."
            ),
        };
        let drawn_targets: Vec<Target> = u.inputs.iter().map(|i| i.target).collect();
        let mut fixed: Vec<&str> = [
            (Target::CapitalShare, "α"),
            (Target::Depreciation, "δ"),
            (Target::CapitalOutputRatio, "K/Y"),
        ]
        .into_iter()
        .filter(|(t, _)| !drawn_targets.contains(t))
        .map(|(_, name)| name)
        .collect();
        fixed.push(crate::report::msg(l, "population"));
        if !drawn_targets.contains(&Target::Employment) {
            fixed.push(crate::report::msg(l, "employment"));
        }
        let fixed = fixed.join(", ");
        items.push((
            crate::report::msg(l, "what_the_monte_carlo_draws").into(),
            match l {
                Lang::Vi => format!(
                    "Mỗi đường mô phỏng rút một bộ đầu vào bất định: {drawn}. Mỗi đầu vào có một mức rút một lần cho cả đường{shocks}.{correlated}{events} Mô hình tính tăng trưởng từng năm cho mỗi đường. Xác suất đạt là tỷ lệ số đường có tăng trưởng bình quân ≥ mục tiêu; khoảng tin cậy 95% (KTC) chỉ đo sai số do số đường hữu hạn, không đo độ bất định của các giả định. Không rút ngẫu nhiên: {fixed}."
                ),
                Lang::En => format!(
                    "Every simulated path draws one set of uncertain inputs: {drawn}. Each input has a level drawn once per path{shocks}.{correlated}{events} The model then computes growth year by year for each path. The probability of meeting the target is the share of paths whose average growth is ≥ the target; the 95% confidence interval (CI) measures only the error from the finite number of paths, not the uncertainty of the assumptions. Not drawn: {fixed}."
                ),
            },
        ));
        items.push((
            crate::report::msg(l, "percentiles").into(),
            crate::report::msg(l, "p10_p50_median_p90_10_50_90_of_the_simulated_pat").into(),
        ));
        let legend = scale
            .legend(l)
            .into_iter()
            .map(|(r, p)| format!("{r}: {p}"))
            .collect::<Vec<_>>()
            .join("; ");
        items.push((
            crate::report::msg(l, "assessment_scale").into(),
            match l {
                Lang::Vi => format!(
                    "Xác suất đạt được diễn đạt bằng từ ngữ của chính các văn bản kế hoạch (\"khả thi cao\", \"khó khăn\", \"rất thách thức\"): {legend}. Ngưỡng là quy ước của báo cáo này, không phải của văn bản."
                ),
                Lang::En => format!(
                    "The probability is put in the plan documents' own words (\"highly feasible\", \"difficult\", \"very challenging\"): {legend}. The thresholds are this report's convention, not the documents'."
                ),
            },
        ));
    }
    items.push((
        crate::report::msg(l, "units").into(),
        crate::report::msg(l, "money_thousand_billion_vnd_at_current_prices_unl").into(),
    ));
    for (dt, dd) in items {
        blocks.push(Block::Paragraph(format!("{dt}: {dd}")));
    }
    blocks
}
