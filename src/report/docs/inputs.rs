//! Every scenario input as the reports list it: its key, description, unit, value(s) and
//! citation, and whether it comes from a document, is derived, calibrated or assumed.

use crate::report::Lang;
use crate::report::doc::Kind as K;
use crate::report::msg;
use crate::scenario::{Currency, Engine, Group, Scenario};

/// Where an input's value comes from, judged from its key and citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputKind {
    /// Printed in a document.
    Document,
    /// From a document, with a part (such as the yearly profile) assumed.
    DocumentAndAssumption,
    /// Derived from document figures by a formula.
    Implied,
    /// Calibrated from document figures and assumptions (K/Y).
    Calibrated,
    /// Not in the documents.
    Assumption,
    /// A default of the format (realisation 1.0: the plan is met).
    Default,
    /// No citation given.
    Unsourced,
}

/// Classifies an input: α and δ are always assumptions and K/Y is calibrated from them
/// (scenarios/README.md, "Assumptions not in the documents"); otherwise the citation's first
/// word decides ("assumption", "calibrated", "implied"), and a citation that mentions an
/// assumption elsewhere is a document figure with an assumed part.
pub(crate) fn input_kind(key: &str, citation: &str) -> InputKind {
    match key {
        "economy.capital_share" | "economy.depreciation" => return InputKind::Assumption,
        "economy.capital_output_ratio" => return InputKind::Calibrated,
        _ => {}
    }
    let c = citation.trim_start().to_lowercase();
    if c.is_empty() {
        InputKind::Unsourced
    } else if c.starts_with("assumption") || c.starts_with("giả định") {
        InputKind::Assumption
    } else if c.starts_with("calibrated") || c.starts_with("hiệu chỉnh") {
        InputKind::Calibrated
    } else if c.starts_with("implied") || c.starts_with("derived") || c.starts_with("suy ra") {
        InputKind::Implied
    } else if c.contains("assumption") || c.contains("giả định") {
        InputKind::DocumentAndAssumption
    } else {
        InputKind::Document
    }
}

/// The label of an [`InputKind`].
pub(crate) fn kind_label(k: InputKind, l: Lang) -> &'static str {
    match k {
        InputKind::Document => msg(l, "document"),
        InputKind::DocumentAndAssumption => msg(l, "document_assumption"),
        InputKind::Implied => msg(l, "derived"),
        InputKind::Calibrated => msg(l, "calibrated_rests_on_assumptions"),
        InputKind::Assumption => msg(l, "assumption"),
        InputKind::Default => msg(l, "default_plan_met"),
        InputKind::Unsourced => msg(l, "no_citation"),
    }
}

/// One scenario input as the reports list it.
pub(crate) struct InputRow {
    /// Dotted key (the `[citations]` key where there is one).
    pub key: String,
    /// Description in the report language.
    pub desc: String,
    /// Unit in the report language.
    pub unit: String,
    /// A single value.
    pub value: Option<f64>,
    /// One value per projection year.
    pub years: Option<Vec<f64>>,
    /// Whether a period total makes sense.
    pub total: bool,
    /// How its numbers are shown.
    pub kind: K,
    /// Citation text.
    pub citation: String,
    /// Classification when the key and citation do not tell it.
    pub kind_override: Option<InputKind>,
}

impl InputRow {
    /// Where the value comes from.
    pub fn input_kind(&self) -> InputKind {
        self.kind_override
            .unwrap_or_else(|| input_kind(&self.key, &self.citation))
    }

    /// The value as text: the single value, or the yearly values joined by " / ".
    pub fn value_text(&self, l: Lang) -> String {
        let one = |v: f64| crate::report::render::format_number(l, self.kind, v);
        match (&self.value, &self.years) {
            (Some(v), _) => one(*v),
            (None, Some(ys)) => {
                if !ys.is_empty() && ys.iter().all(|v| *v == ys[0]) {
                    format!("{} {}", one(ys[0]), msg(l, "every_year"))
                } else {
                    let mut t = ys.iter().map(|v| one(*v)).collect::<Vec<_>>().join(" / ");
                    if self.total {
                        t.push_str(&format!(
                            " ({} {})",
                            msg(l, "total_3"),
                            one(ys.iter().sum())
                        ));
                    }
                    t
                }
            }
            (None, None) => String::new(),
        }
    }

    fn scalar(key: &str, desc: String, unit: &str, value: f64, kind: K) -> Self {
        InputRow {
            key: key.into(),
            desc,
            unit: unit.into(),
            value: Some(value),
            years: None,
            total: false,
            kind,
            citation: String::new(),
            kind_override: None,
        }
    }

    fn yearly(key: &str, desc: String, unit: &str, years: &[f64], kind: K) -> Self {
        InputRow {
            key: key.into(),
            desc,
            unit: unit.into(),
            value: None,
            years: Some(years.to_vec()),
            total: false,
            kind,
            citation: String::new(),
            kind_override: None,
        }
    }
}

/// Every scenario input, by section (`meta`, `economy`, `labour`, `productivity`, `sources`,
/// `links`, `targets`, `plan_reference`, `history`), each with its citation.
pub(crate) fn input_sections(sc: &Scenario, l: Lang) -> Vec<(&'static str, Vec<InputRow>)> {
    let n = sc.horizon();
    let x = &sc.central;
    let pct = "%";
    let kvnd = msg(l, "k_bn_vnd");
    let thousand = msg(l, "thousand_persons");
    let mut sections: Vec<(&'static str, Vec<InputRow>)> = Vec::new();

    let cite = |key: &str| sc.citations.get(key).cloned().unwrap_or_default();
    let with = |mut r: InputRow| {
        r.citation = cite(&r.key);
        r
    };

    // meta
    let meta = vec![
        with(InputRow::scalar(
            "meta.base_year",
            msg(l, "base_year").into(),
            "",
            f64::from(sc.meta.base_year),
            K::Year,
        )),
        with(InputRow::scalar(
            "meta.target_growth",
            msg(l, "real_grdp_growth_target_per_year").into(),
            pct,
            sc.meta.target_growth,
            K::Rate { decimals: 1 },
        )),
    ];
    sections.push(("meta", meta));

    // economy
    let mut eco = vec![
        with(InputRow::scalar(
            "economy.grdp_base_nominal",
            format!("{} {}", msg(l, "nominal_grdp_in"), sc.meta.base_year),
            kvnd,
            x.grdp_base_nominal,
            K::Number { decimals: 1 },
        )),
        with(InputRow::scalar(
            "economy.capital_output_ratio",
            format!("K/Y {} {}", msg(l, "in_2"), sc.meta.base_year),
            "",
            x.capital_output_ratio,
            K::Number { decimals: 2 },
        )),
        with(InputRow::scalar(
            "economy.capital_share",
            msg(l, "capital_share").into(),
            "",
            x.capital_share,
            K::Number { decimals: 2 },
        )),
        with(InputRow::scalar(
            "economy.depreciation",
            msg(l, "depreciation_rate").into(),
            pct,
            x.depreciation,
            K::Rate { decimals: 1 },
        )),
        with(InputRow::yearly(
            "economy.deflator_growth",
            msg(l, "grdp_deflator_growth").into(),
            pct,
            &x.deflator_growth,
            K::Rate { decimals: 2 },
        )),
        with(InputRow::scalar(
            "economy.exchange_rate_base",
            format!("{} {}", msg(l, "exchange_rate_in"), sc.meta.base_year),
            msg(l, "vnd_per_usd"),
            x.exchange_rate_base,
            K::Number { decimals: 0 },
        )),
        with(InputRow::yearly(
            "economy.exchange_rate",
            msg(l, "exchange_rate").into(),
            msg(l, "vnd_per_usd"),
            &x.exchange_rate,
            K::Number { decimals: 0 },
        )),
        with(InputRow::yearly(
            "economy.human_capital_growth",
            msg(l, "human_capital_growth_per_worker").into(),
            pct,
            &x.human_capital_growth,
            K::Rate { decimals: 2 },
        )),
    ];
    if sc.meta.engine == Engine::Icor {
        eco.push(with(InputRow::yearly(
            "economy.icor",
            "ICOR".into(),
            "",
            &x.icor,
            K::Number { decimals: 2 },
        )));
    }
    sections.push(("economy", eco));

    // labour
    sections.push((
        "labour",
        vec![
            with(InputRow::scalar(
                "labour.population_base",
                format!("{} {}", msg(l, "population_in"), sc.meta.base_year),
                thousand,
                x.population_base,
                K::Number { decimals: 1 },
            )),
            with(InputRow::yearly(
                "labour.population",
                msg(l, "population_2").into(),
                thousand,
                &x.population,
                K::Number { decimals: 1 },
            )),
            with(InputRow::scalar(
                "labour.employment_base",
                format!("{} {}", msg(l, "employment_in"), sc.meta.base_year),
                thousand,
                x.employment_base,
                K::Number { decimals: 1 },
            )),
            with(InputRow::yearly(
                "labour.employment",
                msg(l, "employment_2").into(),
                thousand,
                &x.employment,
                K::Number { decimals: 1 },
            )),
        ],
    ));

    // productivity
    if sc.meta.engine == Engine::GrowthAccounting {
        sections.push((
            "productivity",
            vec![with(InputRow::yearly(
                "productivity.tfp_growth",
                msg(l, "tfp_growth").into(),
                pct,
                &x.tfp_growth,
                K::Rate { decimals: 2 },
            ))],
        ));
    }

    // sources: plan and central realisation
    let mut src_rows = Vec::new();
    for (si, src) in sc.sources.iter().enumerate() {
        let unit = match src.currency {
            Currency::Vnd => kvnd,
            Currency::Usd => msg(l, "bn_usd"),
        };
        let mut plan = InputRow::yearly(
            &format!("sources.{}", src.id),
            format!(
                "{}: {} ({}, {}{})",
                msg(l, "plan_2"),
                l.pick(&src.label_vi, &src.label_en),
                group_name(src.group, l),
                if src.financing {
                    msg(l, "finances")
                } else {
                    msg(l, "invests")
                },
                if src.lag > 0 {
                    format!(", {} {}", msg(l, "lag_2"), src.lag)
                } else {
                    String::new()
                }
            ),
            unit,
            &src.plan,
            K::Number { decimals: 1 },
        );
        plan.total = true;
        plan.citation = src.citation.clone();
        src_rows.push(plan);
        let real = &x.realisation[si * n..(si + 1) * n];
        let mut rr = InputRow::yearly(
            &format!("sources.{}.realisation", src.id),
            format!(
                "{}: {}",
                msg(l, "realisation_central"),
                l.pick(&src.label_vi, &src.label_en)
            ),
            msg(l, "realised_plan"),
            real,
            K::Number { decimals: 4 },
        );
        rr.citation = cite(&rr.key);
        if rr.citation.is_empty() {
            if real.iter().all(|v| *v == 1.0) {
                rr.kind_override = Some(InputKind::Default);
            } else if !sc.meta.description.trim().is_empty() {
                rr.citation = format!(
                    "{}{}",
                    msg(l, "see_the_scenario_description"),
                    sc.meta.description.trim()
                );
            }
        }
        src_rows.push(rr);
    }
    sections.push(("sources", src_rows));

    // links
    let links = sc
        .links
        .iter()
        .map(|k| {
            let from = &sc.sources[k.from];
            let to = &sc.sources[k.to];
            let mut r = InputRow::scalar(
                &format!("links.{}→{}", from.id, to.id),
                format!(
                    "{} {} → {}",
                    msg(l, "financing_share"),
                    l.pick(&from.label_vi, &from.label_en),
                    l.pick(&to.label_vi, &to.label_en)
                ),
                pct,
                k.share,
                K::Rate { decimals: 1 },
            );
            r.citation = k.citation.clone();
            r
        })
        .collect();
    sections.push(("links", links));

    // targets
    let t = &sc.targets;
    let mut targets = Vec::new();
    if let Some(v) = t.tfp_share_period {
        targets.push(with(InputRow::scalar(
            "targets.tfp_share_period",
            msg(l, "tfp_share_over_the_period").into(),
            pct,
            v,
            K::Rate { decimals: 1 },
        )));
    }
    if let Some(v) = &t.tfp_share {
        targets.push(with(InputRow::yearly(
            "targets.tfp_share",
            msg(l, "tfp_share").into(),
            pct,
            v,
            K::Rate { decimals: 1 },
        )));
    }
    if let Some(v) = t.grdp_per_capita_usd {
        targets.push(with(InputRow::scalar(
            "targets.grdp_per_capita_usd",
            format!("{} {}", msg(l, "grdp_per_capita"), sc.end_year()),
            "USD",
            v,
            K::Number { decimals: 0 },
        )));
    }
    if let Some(v) = t.grdp_usd_bn {
        targets.push(with(InputRow::scalar(
            "targets.grdp_usd_bn",
            format!("GRDP {}", sc.end_year()),
            msg(l, "bn_usd"),
            v,
            K::Number { decimals: 1 },
        )));
    }
    sections.push(("targets", targets));

    // plan reference
    let pr = &sc.plan_reference;
    let mut plan_ref = Vec::new();
    for (key, desc, unit, kind, v) in [
        (
            "plan_reference.growth",
            msg(l, "growth"),
            pct,
            K::Rate { decimals: 2 },
            &pr.growth,
        ),
        (
            "plan_reference.grdp_nominal",
            msg(l, "nominal_grdp"),
            kvnd,
            K::Number { decimals: 1 },
            &pr.grdp_nominal,
        ),
        (
            "plan_reference.investment_ratio",
            msg(l, "investment_grdp_2"),
            pct,
            K::Rate { decimals: 1 },
            &pr.investment_ratio,
        ),
        (
            "plan_reference.grdp_per_capita",
            msg(l, "grdp_per_capita"),
            msg(l, "m_vnd"),
            K::Number { decimals: 1 },
            &pr.grdp_per_capita,
        ),
        (
            "plan_reference.grdp_per_capita_usd",
            msg(l, "grdp_per_capita"),
            "USD",
            K::Number { decimals: 0 },
            &pr.grdp_per_capita_usd,
        ),
        (
            "plan_reference.labour_productivity",
            msg(l, "labour_productivity"),
            msg(l, "m_vnd_per_worker"),
            K::Number { decimals: 1 },
            &pr.labour_productivity,
        ),
    ] {
        if let Some(v) = v {
            plan_ref.push(with(InputRow::yearly(
                key,
                format!("{}: {desc}", msg(l, "plan_2")),
                unit,
                v,
                kind,
            )));
        }
    }
    sections.push(("plan_reference", plan_ref));

    // history and actuals: one scalar row per year, estimates marked
    if let Some(h) = &sc.history {
        let rows = growth_rows(
            "history.growth",
            &h.years,
            &h.growth,
            &h.estimated,
            &cite,
            l,
        );
        sections.push(("history", rows));
    }
    if let Some(a) = &sc.actuals {
        let rows = growth_rows(
            "actuals.growth",
            &sc.meta.years,
            &a.growth,
            &a.estimated,
            &cite,
            l,
        );
        sections.push(("actuals", rows));
    }

    sections
}

/// One row per year of realised growth (`history` or `actuals`), estimates marked as such.
fn growth_rows(
    key: &str,
    years: &[i32],
    growth: &[f64],
    estimated: &[i32],
    cite: &dyn Fn(&str) -> String,
    l: Lang,
) -> Vec<InputRow> {
    let c = cite(key);
    years
        .iter()
        .zip(growth)
        .map(|(y, g)| {
            let what = if estimated.contains(y) {
                msg(l, "estimated_growth_not_an_actual")
            } else {
                msg(l, "actual_growth")
            };
            let mut r =
                InputRow::scalar(key, format!("{what} {y}"), "%", *g, K::Rate { decimals: 2 });
            r.citation = c.clone();
            r
        })
        .collect()
}

/// A funding group's name in `l`.
pub(crate) fn group_name(g: Group, l: Lang) -> &'static str {
    match g {
        Group::Public => msg(l, "public"),
        Group::Soe => msg(l, "soe"),
        Group::Private => msg(l, "private"),
        Group::Fdi => "FDI",
        Group::Land => msg(l, "land"),
        Group::Borrowing => msg(l, "borrowing"),
        Group::Other => msg(l, "other"),
    }
}
