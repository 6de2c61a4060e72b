//! "How to read this report": what average growth, the TFP share, the Monte Carlo's draws,
//! percentiles, the assessment scale and the units mean, in the scenario's own numbers.

use super::assumptions::target_name;
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::report::doc::Block;
use crate::report::feasibility::FeasibilityScale;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;
use crate::scenario::uncertainty::Target;

/// The section "how to read this report": each term, then what it means.
pub fn how_to_read(
    sc: &Scenario,
    s: Option<&Summary>,
    scale: &FeasibilityScale,
    l: Lang,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(msg(l, "how_to_read_this_report").into())];
    let n = sc.horizon();
    let (y0, y1) = (sc.meta.base_year, sc.end_year());
    let g = l.pct(sc.meta.target_growth, 1);
    let ga = l.pct((1.0 + sc.meta.target_growth).powf(0.6) - 1.0, 2);
    let mut items: Vec<(String, String)> = vec![
        (
            msg(l, "average_growth_cagr").into(),
            msgf(
                l,
                "the_compound_annual_growth_of_real_grdp_grdp_grd",
                &[
                    ("y1", &y1),
                    ("y0", &y0),
                    ("n", &n),
                    ("v1", &l.pct(sc.meta.target_growth, 1)),
                ],
            ),
        ),
        (
            msg(l, "tfp_share_of_growth_log_terms").into(),
            msgf(
                l,
                "the_part_of_growth_due_to_total_factor_productiv",
                &[("y1", &y1), ("y0", &y0), ("g", &g), ("ga", &ga)],
            ),
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
        fixed.push(msg(l, "population"));
        if !drawn_targets.contains(&Target::Employment) {
            fixed.push(msg(l, "employment"));
        }
        let fixed = fixed.join(", ");
        items.push((
            msg(l, "what_the_monte_carlo_draws").into(),
            msgf(
                l,
                "every_simulated_path_draws_one_set_of_uncertain",
                &[
                    ("drawn", &drawn),
                    ("shocks", &shocks),
                    ("correlated", &correlated),
                    ("events", &events),
                    ("fixed", &fixed),
                ],
            ),
        ));
        items.push((
            msg(l, "percentiles").into(),
            msg(l, "p10_p50_median_p90_10_50_90_of_the_simulated_pat").into(),
        ));
        let legend = scale
            .legend(l)
            .into_iter()
            .map(|(r, p)| format!("{r}: {p}"))
            .collect::<Vec<_>>()
            .join("; ");
        items.push((
            msg(l, "assessment_scale").into(),
            msgf(
                l,
                "the_probability_is_put_in_the_plan_documents_own",
                &[("legend", &legend)],
            ),
        ));
    }
    items.push((
        msg(l, "units").into(),
        msg(l, "money_thousand_billion_vnd_at_current_prices_unl").into(),
    ));
    for (dt, dd) in items {
        blocks.push(Block::Paragraph(format!("{dt}: {dd}")));
    }
    blocks
}
