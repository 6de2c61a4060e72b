//! GRDP per capita in USD per year: median, 50% and 90% bands, the end-year target and the
//! plan's own path (drawn by the fan code of `fan_growth.rs`).

use super::fan_growth::{Fan, YFormat, labels_without_history};
use super::style;
use super::{Chart, ChartError, render};
use crate::montecarlo::Summary;
use crate::report::Lang;
use crate::report::{msg, msgf};
use crate::scenario::Scenario;

/// GRDP per capita in USD per year: median, 50% (P25–P75) and 90% (P5–P95) bands, the
/// scenario's end-year target (`targets.grdp_per_capita_usd`, e.g. 12,000 USD) as a line, and
/// the plan's path (`plan_reference.grdp_per_capita_usd`) when the scenario has one.
///
/// # Errors
/// A [`ChartError`] when a value is not finite or drawing fails.
pub fn per_capita_fan(sc: &Scenario, s: &Summary, lang: Lang) -> Result<Chart, ChartError> {
    let years: Vec<i32> = s.years.iter().map(|y| y.year).collect();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!(", {a}–{b}"),
        _ => String::new(),
    };
    let title = super::title(
        lang,
        &format!("GRDP bình quân đầu người (USD){span}"),
        &format!("GRDP per capita (USD){span}"),
    );
    let target = sc.targets.grdp_per_capita_usd;
    let end = years.last().copied().unwrap_or_default();
    let target_label = target
        .map(|t| {
            msgf(
                lang,
                "target_usd",
                &[("end", &end), ("v1", &lang.num(t, 0))],
            )
        })
        .unwrap_or_default();
    let note = match (target, s.prob_per_capita_target) {
        (Some(t), Some(p)) => Some(msgf(
            lang,
            "p_usd",
            &[
                ("end", &end),
                ("v1", &lang.num(t, 0)),
                ("v2", &lang.pct(p, 1)),
            ],
        )),
        _ => None,
    };
    let plan = style::by_year(sc, sc.plan_reference.grdp_per_capita_usd.as_deref());
    let fan = Fan {
        lang,
        head: style::Head::run(sc, s, lang, &title, Vec::new()),
        y_desc: msg(lang, "usd_per_person_current_prices").into(),
        y_format: YFormat::Num,
        y_from_zero: false,
        years,
        bands: s.years.iter().map(|y| y.grdp_per_capita_usd).collect(),
        history: Vec::new(),
        estimated: Vec::new(),
        plan,
        target,
        labels: labels_without_history(lang, target_label),
        note,
        marks: super::milestone_marks::marks(
            sc,
            s,
            lang,
            crate::scenario::indicators::MilestoneQuantity::GrdpPerCapitaUsd,
        ),
    };
    fan.check()?;
    render("per_capita_fan", title, &fan)
}
