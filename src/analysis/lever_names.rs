//! Human names of levers in Vietnamese and English ("sources.land_revenue.realised_total" →
//! "Thu tiền sử dụng đất: thực hiện cả kỳ" / "Land revenue: realised over the period"), from the
//! message catalogue (`lever_*` keys) and the scenario's own source labels. Unknown fields fall
//! back to the path.

use super::levers::Lever;
use crate::i18n::{Lang, msg, msgf};
use crate::scenario::Scenario;
use crate::scenario::edit::Selector;

/// A catalogue message in both languages.
fn both(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> (String, String) {
    (msgf(Lang::Vi, key, args), msgf(Lang::En, key, args))
}

/// (Vietnamese, English) name of a field by its first two segments, when the catalogue has one
/// (`lever_field_economy_capital_share`, …).
fn field_name(segments: &[&str]) -> Option<(String, String)> {
    let [a, b, ..] = segments else {
        return None;
    };
    let key = format!("lever_field_{a}_{b}");
    (!msg(Lang::Vi, &key).is_empty()).then(|| both(&key, &[]))
}

fn source_label(sc: &Scenario, id: &str) -> (String, String) {
    sc.source_index(id).map_or_else(
        || (id.to_string(), id.to_string()),
        |s| {
            (
                sc.sources[s].label_vi.clone(),
                sc.sources[s].label_en.clone(),
            )
        },
    )
}

fn selector_suffix(sel: &Selector) -> (String, String) {
    let (vi, en) = match sel {
        Selector::Set => return (String::new(), String::new()),
        Selector::Year(y) => {
            let (vi, en) = both("lever_year", &[("year", y)]);
            return (format!(", {vi}"), format!(", {en}"));
        }
        Selector::Total => both("lever_total", &[]),
        Selector::Mean => both("lever_mean", &[]),
        Selector::Scale => both("lever_factor", &[]),
    };
    (format!(" ({vi})"), format!(" ({en})"))
}

/// The (Vietnamese, English) name of `lever` in `sc`.
pub fn lever_names(lever: &Lever, sc: &Scenario) -> (String, String) {
    let p = match lever {
        Lever::FundingScale => return both("lever_funding_scale", &[]),
        Lever::RealisedTotal(id) => {
            let (vi, en) = source_label(sc, id);
            return (
                msgf(Lang::Vi, "lever_realised_total", &[("source", &vi)]),
                msgf(Lang::En, "lever_realised_total", &[("source", &en)]),
            );
        }
        Lever::Field(p) => p,
    };
    let pair = |key: &str, (v, e): (String, String), rest: &str| {
        (
            msgf(Lang::Vi, key, &[("name", &v), ("rest", &rest)]),
            msgf(Lang::En, key, &[("name", &e), ("rest", &rest)]),
        )
    };
    let seg: Vec<&str> = p.segments.iter().map(String::as_str).collect();
    let (vi, en) = match seg.as_slice() {
        ["sources", id, field] => {
            let key = match *field {
                "amounts" => "lever_plan",
                "amounts_usd" => "lever_plan_usd",
                "realisation" => "lever_realisation",
                _ => "",
            };
            let (fv, fe) = if key.is_empty() {
                (field.to_string(), field.to_string())
            } else {
                both(key, &[])
            };
            let (lv, le) = source_label(sc, id);
            (format!("{lv}: {fv}"), format!("{le}: {fe}"))
        }
        ["uncertainty", "sources", id, rest @ ..] => {
            pair("lever_uncertainty", source_label(sc, id), &rest.join("."))
        }
        ["uncertainty", "events", id, "delay_probability"] => both("lever_delay", &[("id", id)]),
        ["links", from, to, "share"] => {
            let ((fv, fe), (tv, te)) = (source_label(sc, from), source_label(sc, to));
            (
                msgf(Lang::Vi, "lever_link_share", &[("from", &fv), ("to", &tv)]),
                msgf(Lang::En, "lever_link_share", &[("from", &fe), ("to", &te)]),
            )
        }
        ["uncertainty", input, rest @ ..] if field_name(&["productivity", input]).is_some() => {
            let names = field_name(&["productivity", input]).unwrap_or_default();
            pair("lever_uncertainty", names, &rest.join("."))
        }
        other => field_name(other)
            .filter(|_| other.len() == 2)
            .unwrap_or_else(|| (p.text.clone(), p.text.clone())),
    };
    let (sv, se) = selector_suffix(&p.selector);
    (format!("{vi}{sv}"), format!("{en}{se}"))
}

/// A compensation rule's name in `lang` by its sources, "covered ← covering, …"
/// ("Đầu tư DNNN ← Thu tiền sử dụng đất, Vốn vay"); its id when the scenario has no such rule.
pub fn compensation_name(sc: &Scenario, rule: &str, lang: Lang) -> String {
    let label = |s: usize| {
        sc.sources
            .get(s)
            .map_or("?", |s| lang.pick(&s.label_vi, &s.label_en))
    };
    sc.uncertainty
        .compensation
        .iter()
        .find(|r| r.id == rule)
        .map_or_else(
            || rule.to_string(),
            |r| {
                let from: Vec<&str> = r.from.iter().map(|&s| label(s)).collect();
                format!("{} ← {}", label(r.covers), from.join(", "))
            },
        )
}

/// An uncertain input's name in `lang` by what it draws ("sources.soe" → "Thực hiện: Đầu tư
/// của doanh nghiệp nhà nước (DNNN)"); its own name when the scenario has no such input.
pub fn input_name(sc: &Scenario, name: &str, lang: Lang) -> String {
    sc.uncertainty
        .inputs
        .iter()
        .find(|i| i.name == name)
        .map_or_else(
            || name.to_string(),
            |i| {
                let (vi, en) = super::sensitivity::input_label(sc, i.target);
                lang.pick(&vi, &en).to_string()
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str) -> (String, String) {
        let sc = crate::scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).unwrap();
        lever_names(&Lever::parse(path).unwrap(), &sc)
    }

    #[test]
    fn levers_have_human_names_in_both_languages() {
        assert_eq!(names("funding.scale").1, "Planned funding scale");
        let (vi, en) = names("sources.land_revenue.realised_total");
        assert!(vi.starts_with("Thu tiền sử dụng đất"), "{vi}");
        assert!(en.ends_with(": realised over the period"), "{en}");
        assert!(!en.contains("land_revenue"), "{en}");
        assert_eq!(
            names("productivity.tfp_growth.mean"),
            (
                "Tăng trưởng TFP (bình quân)".into(),
                "TFP growth (mean)".into()
            )
        );
        let (_, en) = names("sources.soe.amounts.total");
        assert!(en.ends_with(": plan (total over the period)"), "{en}");
        assert!(!en.contains("soe"), "{en}");
        assert!(names("sources.private.amounts[2027]").1.ends_with(", 2027"));
    }

    #[test]
    fn rules_and_uncertain_inputs_are_named_by_their_sources() {
        let sc = crate::scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).unwrap();
        assert_eq!(
            compensation_name(&sc, "soe_offset", Lang::En),
            "State-owned enterprise investment ← Land-use fees and land rent, Borrowing"
        );
        assert_eq!(
            compensation_name(&sc, "no_such_rule", Lang::En),
            "no_such_rule"
        );
        assert_eq!(
            input_name(&sc, "sources.soe", Lang::Vi),
            "Thực hiện: Đầu tư của doanh nghiệp nhà nước (DNNN)"
        );
        assert_eq!(input_name(&sc, "tfp_growth", Lang::En), "TFP growth");
        assert_eq!(input_name(&sc, "sources.nope", Lang::En), "sources.nope");
    }
}
