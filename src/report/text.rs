//! What a scenario contains, for `grdpsim validate` (vi/en): its files, years, target, base
//! economy, funding sources with their realisations, links and uncertain inputs. Every
//! command's results are printed from its document ([`super::render::text`]).

use super::table::TextTable;
use crate::i18n::Lang;
use crate::report::msg;
use crate::scenario::{Currency, Group, Scenario};

fn group_label(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Public => msg(lang, "public"),
        Group::Soe => msg(lang, "soe"),
        Group::Private => msg(lang, "private"),
        Group::Fdi => msg(lang, "fdi"),
        Group::Land => msg(lang, "land"),
        Group::Borrowing => msg(lang, "borrowing"),
        Group::Other => msg(lang, "other"),
    }
}

fn title(sc: &Scenario, lang: Lang) -> &str {
    match lang {
        Lang::Vi => &sc.meta.title_vi,
        Lang::En => &sc.meta.title_en,
    }
}

/// What a scenario contains, for `grdpsim validate`.
pub fn scenario_summary(sc: &Scenario, lang: Lang) -> String {
    let l = lang;
    let x = &sc.central;
    let n = sc.horizon();
    let mut out = format!(
        "{}: {}\n  {}\n  {}: {}\n",
        msg(l, "valid_scenario"),
        sc.meta.name,
        title(sc, l),
        msg(l, "files"),
        sc.files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(" ← "),
    );
    out.push_str(&format!(
        "  {}: {}–{} ({} {}), {} {}; {}: {}\n",
        msg(l, "years"),
        sc.meta.years[0],
        sc.meta.years[n - 1],
        n,
        msg(l, "years_2"),
        msg(l, "target_2"),
        l.pct(sc.meta.target_growth, 1),
        msg(l, "engine"),
        sc.meta.engine.as_str(),
    ));
    out.push_str(&format!(
        "  GRDP {} {} = {} {}; K/Y = {}; α = {}; δ = {}\n",
        sc.meta.base_year,
        msg(l, "current_prices"),
        l.num(x.grdp_base_nominal, 1),
        msg(l, "k_bn_vnd"),
        l.num(x.capital_output_ratio, 2),
        l.num(x.capital_share, 2),
        l.num(x.depreciation, 3),
    ));
    let mut t = TextTable::new(
        [
            msg(l, "funding_source"),
            "id",
            msg(l, "group"),
            msg(l, "role"),
            msg(l, "plan_total"),
            msg(l, "realised_central"),
            msg(l, "realised_total"),
            msg(l, "unit"),
            msg(l, "lag"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    let n = sc.horizon();
    for (si, s) in sc.sources.iter().enumerate() {
        let total: f64 = s.plan.iter().sum();
        let real = &sc.central.realisation[si * n..(si + 1) * n];
        let realised: f64 = s.plan.iter().zip(real).map(|(p, r)| p * r).sum();
        let (lo, hi) = real
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), r| {
                (a.min(*r), b.max(*r))
            });
        let share = if (hi - lo).abs() < 1e-12 {
            l.pct(lo, 1)
        } else {
            format!("{}–{}", l.num(100.0 * lo, 1), l.pct(hi, 1))
        };
        t.row(vec![
            match l {
                Lang::Vi => s.label_vi.clone(),
                Lang::En => s.label_en.clone(),
            },
            s.id.clone(),
            group_label(s.group, l).to_string(),
            if s.financing {
                msg(l, "finances")
            } else {
                msg(l, "invests")
            }
            .to_string(),
            l.num(total, 1),
            share,
            l.num(realised, 1),
            match s.currency {
                Currency::Vnd => msg(l, "k_bn_vnd"),
                Currency::Usd => msg(l, "bn_usd"),
            }
            .to_string(),
            s.lag.to_string(),
        ]);
    }
    out.push('\n');
    out.push_str(&t.render());
    for link in &sc.links {
        out.push_str(&format!(
            "  {} → {}: {}\n",
            sc.sources[link.from].id,
            sc.sources[link.to].id,
            l.pct(link.share, 1)
        ));
    }
    let u = &sc.uncertainty;
    if !u.inputs.is_empty() || !u.events.is_empty() {
        out.push_str(&format!("\n{}:\n", msg(l, "uncertain_inputs_monte_carlo")));
        for i in &u.inputs {
            out.push_str(&format!(
                "  {}: {} {}, {} {} ({} {}){}\n",
                i.name,
                msg(l, "apply"),
                format!("{:?}", i.apply).to_lowercase(),
                msg(l, "level_mean_2"),
                l.num(i.level_mean, 4),
                msg(l, "sd_2"),
                l.num(i.level_sd, 4),
                if i.shock.is_some() {
                    msg(l, "with_yearly_shocks")
                } else {
                    ""
                },
            ));
        }
        for e in &u.events {
            out.push_str(&format!(
                "  {} {} ({}): {} {}, P({}) = {}\n",
                msg(l, "project_2"),
                e.id,
                sc.sources[e.source].id,
                l.num(e.amounts.iter().sum(), 1),
                msg(l, "k_bn_vnd"),
                msg(l, "delay"),
                l.pct(e.delay_probability, 0),
            ));
        }
        if let Some(c) = &u.correlation {
            out.push_str(&format!(
                "  {}: {} {}{}\n",
                msg(l, "correlation"),
                c.inputs.len(),
                msg(l, "inputs"),
                c.repaired_distance
                    .map(|d| format!(" ({} {:.4})", msg(l, "repaired_distance"), d))
                    .unwrap_or_default(),
            ));
        }
        for c in &u.compensation {
            out.push_str(&format!(
                "  {} {}: {} ← {} ({})\n",
                msg(l, "compensation"),
                c.id,
                sc.sources[c.covers].id,
                c.from
                    .iter()
                    .map(|f| sc.sources[*f].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if c.enabled {
                    msg(l, "on")
                } else {
                    msg(l, "off")
                },
            ));
        }
    }
    out
}
