//! Human names of levers in Vietnamese and English ("sources.land_revenue.realised_total" →
//! "Thu tiền sử dụng đất: thực hiện cả kỳ" / "Land revenue: realised total"), from the
//! scenario's own source labels. Unknown fields fall back to the path.

use super::levers::Lever;
use crate::scenario::Scenario;
use crate::scenario::edit::Selector;

/// (Vietnamese, English) name of a field's last segments.
fn field_name(segments: &[&str]) -> Option<(&'static str, &'static str)> {
    Some(match segments {
        ["economy", "capital_share"] => ("Tỷ phần vốn α", "Capital share α"),
        ["economy", "depreciation"] => ("Tỷ lệ khấu hao δ", "Depreciation rate δ"),
        ["economy", "deflator_growth"] => ("Tăng chỉ số giảm phát GRDP", "GRDP deflator growth"),
        ["economy", "capital_output_ratio"] => {
            ("Hệ số vốn/sản lượng K/Y", "Capital-output ratio K/Y")
        }
        ["economy", "exchange_rate"] => ("Tỷ giá VND/USD", "Exchange rate VND/USD"),
        ["productivity", "tfp_growth"] => ("Tăng trưởng TFP", "TFP growth"),
        ["productivity", "icor"] => ("ICOR", "ICOR"),
        ["labour", "employment"] => ("Lao động có việc làm", "Employment"),
        ["labour", "population"] => ("Dân số", "Population"),
        ["meta", "target_growth"] => ("Mục tiêu tăng trưởng", "Growth target"),
        _ => return None,
    })
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
    match sel {
        Selector::Set => (String::new(), String::new()),
        Selector::Year(y) => (format!(", năm {y}"), format!(", {y}")),
        Selector::Total => (" (tổng cả kỳ)".into(), " (total over the period)".into()),
        Selector::Mean => (" (bình quân)".into(), " (mean)".into()),
        Selector::Scale => (" (hệ số)".into(), " (factor)".into()),
    }
}

/// The (Vietnamese, English) name of `lever` in `sc`.
pub fn lever_names(lever: &Lever, sc: &Scenario) -> (String, String) {
    let p = match lever {
        Lever::FundingScale => {
            return ("Hệ số vốn kế hoạch".into(), "Planned funding scale".into());
        }
        Lever::RealisedTotal(id) => {
            let (vi, en) = source_label(sc, id);
            return (
                format!("{vi}: thực hiện cả kỳ"),
                format!("{en}: realised over the period"),
            );
        }
        Lever::Field(p) => p,
    };
    let seg: Vec<&str> = p.segments.iter().map(String::as_str).collect();
    let (sv, se) = selector_suffix(&p.selector);
    let (vi, en) = match seg.as_slice() {
        ["sources", id, field] => {
            let (lv, le) = source_label(sc, id);
            let (fv, fe) = match *field {
                "amounts" => ("kế hoạch", "plan"),
                "amounts_usd" => ("kế hoạch (tỷ USD)", "plan (bn USD)"),
                "realisation" => ("tỷ lệ thực hiện", "realisation rate"),
                other => (other, other),
            };
            (format!("{lv}: {fv}"), format!("{le}: {fe}"))
        }
        ["uncertainty", "sources", id, rest @ ..] => {
            let (lv, le) = source_label(sc, id);
            let r = rest.join(".");
            (
                format!("{lv}: bất định ({r})"),
                format!("{le}: uncertainty ({r})"),
            )
        }
        ["uncertainty", "events", id, "delay_probability"] => (
            format!("Xác suất chậm dự án {id}"),
            format!("Probability that {id} is delayed"),
        ),
        ["links", from, to, "share"] => {
            let ((fv, fe), (tv, te)) = (source_label(sc, from), source_label(sc, to));
            (
                format!("Tỷ lệ {fv} tài trợ {tv}"),
                format!("Share of {fe} financing {te}"),
            )
        }
        ["uncertainty", input, rest @ ..] if field_name(&["productivity", input]).is_some() => {
            let (v, e) = field_name(&["productivity", input]).unwrap_or_default();
            let r = rest.join(".");
            (
                format!("{v}: bất định ({r})"),
                format!("{e}: uncertainty ({r})"),
            )
        }
        other => match field_name(other) {
            Some((v, e)) => (v.to_string(), e.to_string()),
            None => (p.text.clone(), p.text.clone()),
        },
    };
    (format!("{vi}{sv}"), format!("{en}{se}"))
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
}
