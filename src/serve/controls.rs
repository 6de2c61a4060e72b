//! The controls the page shows, picked from the scenario's levers (the list `sweep --list`
//! prints, [`Base::list`]): all funding scaled, each source's realisation, land revenue as an
//! amount, mean TFP growth, the projects' delay probability, each compensation rule on or off,
//! the deflator and the target. A control exists only when its lever does.

use crate::analysis::levers::{Base, FUNDING_SCALE, LeverInfo};
use crate::report::{Lang, msg, msgf};
use crate::scenario::Group;
use serde::Serialize;

/// One control of the page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Control {
    /// Stable id (`funding`, `source_soe`, `land`, `tfp`, `delays`, `comp_<rule>`, …).
    pub id: String,
    /// Section of the page: `funding`, `economy`, `risks` or `target`.
    pub group: &'static str,
    /// Name shown.
    pub label: String,
    /// One line on what it does.
    pub help: String,
    /// `slider` or `toggle` (a toggle sets its levers to 0 when off).
    pub kind: &'static str,
    /// Lever paths set to the control's value.
    pub levers: Vec<String>,
    /// The value as written in the scenario.
    pub written: f64,
    /// Range and step of a slider.
    pub min: f64,
    /// Upper end.
    pub max: f64,
    /// Step.
    pub step: f64,
    /// How the value reads: `share` (of plan, in percent), `money` (thousand bn VND),
    /// `rate` (percent a year), `probability` (percent) or `factor` (× plan).
    pub unit: &'static str,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn slider(id: String, group: &'static str, levers: Vec<String>, written: f64) -> Control {
    Control {
        id,
        group,
        label: String::new(),
        help: String::new(),
        kind: "slider",
        levers,
        written,
        min: 0.0,
        max: 1.0,
        step: 0.01,
        unit: "rate",
    }
}

/// The controls of `base`, labelled in `l`.
pub(super) fn controls(base: &Base, list: &[LeverInfo], l: Lang) -> Vec<Control> {
    let find = |p: &str| list.iter().find(|f| f.path == p);
    let sc = &base.scenario;
    let mut out = Vec::new();
    let mut c = slider("funding".into(), "funding", vec![FUNDING_SCALE.into()], 1.0);
    (c.min, c.max, c.step, c.unit) = (0.5, 1.5, 0.05, "factor");
    c.label = msg(l, "serve_ctl_funding").into();
    c.help = msg(l, "serve_ctl_funding_help").into();
    out.push(c);
    for src in &sc.sources {
        let name = l.pick(&src.label_vi, &src.label_en);
        if src.group == Group::Land {
            let path = format!("sources.{}.realised_total", src.id);
            if let Some(f) = find(&path).filter(|f| f.values[0].is_finite()) {
                let w = f.values[0];
                let mut c = slider("land".into(), "funding", vec![path], w);
                (c.min, c.max, c.step, c.unit) = (0.0, (1.25 * w).max(1.0).ceil(), 1.0, "money");
                c.label = msgf(l, "serve_ctl_land", &[("name", &name)]);
                c.help = msg(l, "serve_ctl_land_help").into();
                out.push(c);
                continue;
            }
        }
        if let Some(f) = find(&format!("sources.{}.realisation", src.id)) {
            let mut c = slider(
                format!("source_{}", src.id),
                "funding",
                vec![f.path.clone()],
                mean(&f.values),
            );
            (c.max, c.step, c.unit) = (1.5, 0.05, "share");
            c.label = msgf(l, "serve_ctl_source", &[("name", &name)]);
            c.help = msg(l, "serve_ctl_source_help").into();
            out.push(c);
        }
    }
    if let Some(f) = find("productivity.tfp_growth") {
        let w = mean(&f.values);
        let mut c = slider("tfp".into(), "economy", vec![mean_path(f)], w);
        (c.min, c.max, c.step) = (w - 0.04, w + 0.03, 0.001);
        c.label = msg(l, "serve_ctl_tfp").into();
        c.help = msg(l, "serve_ctl_tfp_help").into();
        out.push(c);
    }
    if let Some(f) = find("economy.deflator_growth") {
        let w = mean(&f.values);
        let mut c = slider("deflator".into(), "economy", vec![mean_path(f)], w);
        (c.min, c.max, c.step) = (w - 0.03, w + 0.05, 0.0025);
        c.label = msg(l, "serve_ctl_deflator").into();
        c.help = msg(l, "serve_ctl_deflator_help").into();
        out.push(c);
    }
    let delays: Vec<&LeverInfo> = list
        .iter()
        .filter(|f| {
            f.path.starts_with("uncertainty.events.") && f.path.ends_with(".delay_probability")
        })
        .collect();
    if !delays.is_empty() {
        let w = mean(&delays.iter().map(|f| f.values[0]).collect::<Vec<_>>());
        let paths = delays.iter().map(|f| f.path.clone()).collect();
        let mut c = slider("delays".into(), "risks", paths, w);
        (c.step, c.unit) = (0.05, "probability");
        c.label = msgf(l, "serve_ctl_delays", &[("n", &delays.len())]);
        c.help = msg(l, "serve_ctl_delays_help").into();
        out.push(c);
    }
    for f in list
        .iter()
        .filter(|f| f.path.starts_with("compensation.") && f.path.ends_with(".efficiency"))
    {
        let rule = f.path["compensation.".len()..f.path.len() - ".efficiency".len()].to_string();
        let mut c = slider(
            format!("comp_{rule}"),
            "risks",
            vec![f.path.clone()],
            f.values[0],
        );
        c.kind = "toggle";
        c.unit = "factor";
        let name = crate::analysis::lever_names::compensation_name(sc, &rule, l);
        c.label = msgf(l, "serve_ctl_comp", &[("name", &name)]);
        c.help = msg(l, "serve_ctl_comp_help").into();
        out.push(c);
    }
    if let Some(f) = find("meta.target_growth") {
        let mut c = slider("target".into(), "target", vec![f.path.clone()], f.values[0]);
        (c.min, c.max, c.step) = (0.05, 0.14, 0.0025);
        c.label = msg(l, "serve_ctl_target").into();
        c.help = msg(l, "serve_ctl_target_help").into();
        out.push(c);
    }
    out
}

/// The lever setting a field's mean: `.mean` of a per-year field, the field itself otherwise.
fn mean_path(f: &LeverInfo) -> String {
    if f.per_year {
        format!("{}.mean", f.path)
    } else {
        f.path.clone()
    }
}
