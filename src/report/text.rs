//! Readable terminal reports in Vietnamese or English.

use super::lang::Lang;
use super::table::TextTable;
use crate::model::Projection;
use crate::montecarlo::Summary;
use crate::scenario::{Currency, Engine, Group, Scenario};

fn group_label(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Public => crate::report::msg(lang, "public"),
        Group::Soe => crate::report::msg(lang, "soe"),
        Group::Private => crate::report::msg(lang, "private"),
        Group::Fdi => crate::report::msg(lang, "fdi"),
        Group::Land => crate::report::msg(lang, "land"),
        Group::Borrowing => crate::report::msg(lang, "borrowing"),
        Group::Other => crate::report::msg(lang, "other"),
    }
}

fn title(sc: &Scenario, lang: Lang) -> &str {
    match lang {
        Lang::Vi => &sc.meta.title_vi,
        Lang::En => &sc.meta.title_en,
    }
}

/// The projection as a table with a headline, for stdout.
pub fn projection_report(sc: &Scenario, p: &Projection, lang: Lang) -> String {
    let l = lang;
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} ({}–{}, {} {})\n\n",
        sc.meta.name,
        title(sc, l),
        sc.meta.years[0],
        sc.meta.years[sc.horizon() - 1],
        crate::report::msg(l, "engine"),
        p.engine.as_str_lang(l),
    ));
    let mut t = TextTable::new(
        [
            crate::report::msg(l, "year"),
            crate::report::msg(l, "growth"),
            crate::report::msg(l, "grdp_k_bn_vnd"),
            crate::report::msg(l, "investment_k_bn"),
            crate::report::msg(l, "inv_grdp"),
            crate::report::msg(l, "tfp_contr"),
            crate::report::msg(l, "capital"),
            crate::report::msg(l, "labour"),
            crate::report::msg(l, "tfp_share"),
            "ICOR",
            crate::report::msg(l, "grdp_cap_m_vnd"),
            crate::report::msg(l, "grdp_cap_usd"),
            crate::report::msg(l, "prod_m_vnd_worker"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for r in &p.years {
        t.row(vec![
            r.year.to_string(),
            l.pct(r.growth, 2),
            l.num(r.grdp_nominal, 1),
            l.num(r.investment_nominal, 1),
            l.pct(r.investment_ratio, 2),
            l.pct(r.contrib_tfp, 2),
            l.pct(r.contrib_capital, 2),
            l.pct(r.contrib_labour, 2),
            r.tfp_share
                .map(|s| l.pct(s, 1))
                .unwrap_or_else(|| "–".into()),
            r.icor.map(|s| l.num(s, 2)).unwrap_or_else(|| "–".into()),
            l.num(r.grdp_per_capita_vnd, 1),
            l.num(r.grdp_per_capita_usd, 0),
            l.num(r.labour_productivity, 1),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    let verdict = super::Verdict::of(p.cagr, p.target).loud(l);
    out.push_str(&format!(
        "{}: {} ({} {}: {})\n",
        crate::report::msg(l, "average_growth_cagr"),
        l.pct(p.cagr, 2),
        verdict,
        crate::report::msg(l, "the_target"),
        l.pct(p.target, 1)
    ));
    if let Some(s) = p.tfp_share {
        out.push_str(&format!(
            "{}: {}",
            crate::report::msg(l, "tfp_share_of_growth_over_the_period_2"),
            l.pct(s, 1)
        ));
        if let Some(target) = sc.targets.tfp_share_period {
            out.push_str(&format!(
                " ({} {})",
                crate::report::msg(l, "target_2"),
                l.pct(target, 0)
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{}: {} {} / {} {} = {}; ICOR {}\n",
        crate::report::msg(l, "investment_grdp_over_the_period"),
        l.num(p.investment_nominal_total, 1),
        crate::report::msg(l, "k_bn"),
        l.num(p.grdp_nominal_total, 1),
        crate::report::msg(l, "k_bn"),
        l.pct(p.investment_ratio_period, 2),
        p.icor_period
            .map(|x| l.num(x, 2))
            .unwrap_or_else(|| "–".into()),
    ));
    if let Some(last) = p.years.last() {
        out.push_str(&format!(
            "{} {}: {} USD/{}",
            crate::report::msg(l, "grdp_per_capita"),
            last.year,
            l.num(last.grdp_per_capita_usd, 0),
            crate::report::msg(l, "person")
        ));
        if let Some(target) = sc.targets.grdp_per_capita_usd {
            out.push_str(&format!(
                " ({} {})",
                crate::report::msg(l, "target_2"),
                l.num(target, 0)
            ));
        }
        out.push_str(&format!(
            "; GRDP {} {} USD\n",
            l.num(last.grdp_usd_bn, 1),
            crate::report::msg(l, "bn")
        ));
    }
    if let Some(plan) = &sc.plan_reference.grdp_nominal {
        out.push_str(&format!(
            "{}:",
            crate::report::msg(l, "plan_s_nominal_grdp_k_bn_vnd")
        ));
        for (r, v) in p.years.iter().zip(plan) {
            out.push_str(&format!(
                " {} {} ({:+.1}%)",
                r.year,
                l.num(*v, 0),
                100.0 * (r.grdp_nominal / v - 1.0)
            ));
        }
        out.push('\n');
    }
    out
}

trait EngineLang {
    fn as_str_lang(&self, l: Lang) -> &'static str;
}

impl EngineLang for Engine {
    fn as_str_lang(&self, l: Lang) -> &'static str {
        match self {
            Engine::GrowthAccounting => crate::report::msg(l, "growth_accounting"),
            Engine::Icor => "ICOR",
        }
    }
}

/// What a scenario contains, for `grdpsim validate`.
pub fn scenario_summary(sc: &Scenario, lang: Lang) -> String {
    let l = lang;
    let x = &sc.central;
    let n = sc.horizon();
    let mut out = format!(
        "{}: {}\n  {}\n  {}: {}\n",
        crate::report::msg(l, "valid_scenario"),
        sc.meta.name,
        title(sc, l),
        crate::report::msg(l, "files"),
        sc.files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(" ← "),
    );
    out.push_str(&format!(
        "  {}: {}–{} ({} {}), {} {}; {}: {}\n",
        crate::report::msg(l, "years"),
        sc.meta.years[0],
        sc.meta.years[n - 1],
        n,
        crate::report::msg(l, "years_2"),
        crate::report::msg(l, "target_2"),
        l.pct(sc.meta.target_growth, 1),
        crate::report::msg(l, "engine"),
        sc.meta.engine.as_str(),
    ));
    out.push_str(&format!(
        "  GRDP {} {} = {} {}; K/Y = {}; α = {}; δ = {}\n",
        sc.meta.base_year,
        crate::report::msg(l, "current_prices"),
        l.num(x.grdp_base_nominal, 1),
        crate::report::msg(l, "k_bn_vnd"),
        l.num(x.capital_output_ratio, 2),
        l.num(x.capital_share, 2),
        l.num(x.depreciation, 3),
    ));
    let mut t = TextTable::new(
        [
            crate::report::msg(l, "funding_source"),
            "id",
            crate::report::msg(l, "group"),
            crate::report::msg(l, "role"),
            crate::report::msg(l, "plan_total"),
            crate::report::msg(l, "realised_central"),
            crate::report::msg(l, "realised_total"),
            crate::report::msg(l, "unit"),
            crate::report::msg(l, "lag"),
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
                crate::report::msg(l, "finances")
            } else {
                crate::report::msg(l, "invests")
            }
            .to_string(),
            l.num(total, 1),
            share,
            l.num(realised, 1),
            match s.currency {
                Currency::Vnd => crate::report::msg(l, "k_bn_vnd"),
                Currency::Usd => crate::report::msg(l, "bn_usd"),
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
        out.push_str(&format!(
            "\n{}:\n",
            crate::report::msg(l, "uncertain_inputs_monte_carlo")
        ));
        for i in &u.inputs {
            out.push_str(&format!(
                "  {}: {} {}, {} {} ({} {}){}\n",
                i.name,
                crate::report::msg(l, "apply"),
                format!("{:?}", i.apply).to_lowercase(),
                crate::report::msg(l, "level_mean_2"),
                l.num(i.level_mean, 4),
                crate::report::msg(l, "sd_2"),
                l.num(i.level_sd, 4),
                if i.shock.is_some() {
                    crate::report::msg(l, "with_yearly_shocks")
                } else {
                    ""
                },
            ));
        }
        for e in &u.events {
            out.push_str(&format!(
                "  {} {} ({}): {} {}, P({}) = {}\n",
                crate::report::msg(l, "project_2"),
                e.id,
                sc.sources[e.source].id,
                l.num(e.amounts.iter().sum(), 1),
                crate::report::msg(l, "k_bn_vnd"),
                crate::report::msg(l, "delay"),
                l.pct(e.delay_probability, 0),
            ));
        }
        if let Some(c) = &u.correlation {
            out.push_str(&format!(
                "  {}: {} {}{}\n",
                crate::report::msg(l, "correlation"),
                c.inputs.len(),
                crate::report::msg(l, "inputs"),
                c.repaired_distance
                    .map(|d| format!(" ({} {:.4})", crate::report::msg(l, "repaired_distance"), d))
                    .unwrap_or_default(),
            ));
        }
        for c in &u.compensation {
            out.push_str(&format!(
                "  {} {}: {} ← {} ({})\n",
                crate::report::msg(l, "compensation"),
                c.id,
                sc.sources[c.covers].id,
                c.from
                    .iter()
                    .map(|f| sc.sources[*f].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if c.enabled {
                    crate::report::msg(l, "on")
                } else {
                    crate::report::msg(l, "off")
                },
            ));
        }
    }
    out
}

/// The short readable summary of a run.
pub fn summary_report(sc: &Scenario, s: &Summary, lang: Lang) -> String {
    let l = lang;
    let title = match l {
        Lang::Vi => &sc.meta.title_vi,
        Lang::En => &sc.meta.title_en,
    };
    let mut out = format!(
        "{} — {}\n{} {} {}, seed {}, {}\n\n",
        s.scenario,
        title,
        l.num(s.paths as f64, 0),
        crate::report::msg(l, "paths"),
        match s.sampler {
            crate::montecarlo::Sampler::Mc => "Monte Carlo",
            crate::montecarlo::Sampler::Lhs => "Latin hypercube",
        },
        s.seed,
        crate::report::msg(l, "average_compound_annual_growth_cagr"),
    );
    out.push_str(&format!(
        "{} {}: {} ({} {}–{}; {} {})\n",
        crate::report::msg(l, "probability_of_average_growth_2"),
        l.pct(s.target, 1),
        l.pct(s.prob_hit, 1),
        crate::report::msg(l, "95_ci"),
        l.pct(s.prob_hit_ci95[0], 1),
        l.pct(s.prob_hit_ci95[1], 1),
        crate::report::msg(l, "standard_error"),
        l.pct(s.prob_hit_se, 2),
    ));
    let c = &s.cagr;
    out.push_str(&format!(
        "{}: {} {} ({} P10–P90: {} – {}); {}: {}\n",
        crate::report::msg(l, "average_growth"),
        crate::report::msg(l, "median_2"),
        l.pct(c.p50, 2),
        crate::report::msg(l, "range"),
        l.pct(c.p10, 2),
        l.pct(c.p90, 2),
        crate::report::msg(l, "central_projection"),
        l.pct(s.deterministic.cagr, 2),
    ));
    if let Some(p) = s.prob_per_capita_target {
        out.push_str(&format!(
            "{} {}: {} USD ({} P10–P90: {} – {}); P(≥ {}) = {}\n",
            crate::report::msg(l, "grdp_per_capita_2"),
            sc.meta.years.last().copied().unwrap_or_default(),
            l.num(s.grdp_per_capita_usd_end.p50, 0),
            crate::report::msg(l, "range"),
            l.num(s.grdp_per_capita_usd_end.p10, 0),
            l.num(s.grdp_per_capita_usd_end.p90, 0),
            l.num(sc.targets.grdp_per_capita_usd.unwrap_or(0.0), 0),
            l.pct(p, 1),
        ));
    }
    out.push('\n');
    let mut t = TextTable::new(
        [
            crate::report::msg(l, "year"),
            "P10",
            "P50",
            "P90",
            crate::report::msg(l, "p_target"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for y in &s.years {
        t.row(vec![
            y.year.to_string(),
            l.pct(y.growth.p10, 2),
            l.pct(y.growth.p50, 2),
            l.pct(y.growth.p90, 2),
            l.pct(y.prob_hit, 1),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    let mut t = TextTable::new(
        [
            crate::report::msg(l, "funding_source"),
            crate::report::msg(l, "plan_2"),
            "P10",
            "P50",
            "P90",
            crate::report::msg(l, "mean_shortfall"),
            crate::report::msg(l, "p_short"),
            crate::report::msg(l, "p_hit_short"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for f in &s.funding {
        t.row(vec![
            match l {
                Lang::Vi => f.label_vi.clone(),
                Lang::En => f.label_en.clone(),
            },
            l.num(f.plan, 1),
            l.num(f.realised.p10, 1),
            l.num(f.realised.p50, 1),
            l.num(f.realised.p90, 1),
            l.num(f.shortfall_mean, 1),
            l.pct(f.prob_short, 1),
            f.prob_hit_given_short
                .map(|p| l.pct(p, 1))
                .unwrap_or_else(|| "–".into()),
        ]);
    }
    out.push_str(&t.render());
    for c in &s.compensation {
        out.push_str(&format!(
            "{} {} ({}): {} {} {}\n",
            crate::report::msg(l, "compensation_rule"),
            c.id,
            if c.enabled {
                crate::report::msg(l, "on")
            } else {
                crate::report::msg(l, "off")
            },
            crate::report::msg(l, "adds_on_average"),
            l.num(c.added_mean, 1),
            crate::report::msg(l, "k_bn_vnd"),
        ));
    }
    if let Some(d) = s.rank_correlations.iter().find_map(|r| r.repaired_distance) {
        out.push_str(&format!(
            "{} {}\n",
            crate::report::msg(l, "the_correlation_matrix_was_not_valid_and_was_rep"),
            l.num(d, 4)
        ));
    }
    for r in s
        .rank_correlations
        .iter()
        .filter(|r| r.target != 0.0 || r.requested != 0.0)
    {
        let used = if (r.requested - r.target).abs() > 5e-3 {
            format!(
                "{} {} → {} {}",
                crate::report::msg(l, "requested"),
                l.num(r.requested, 2),
                crate::report::msg(l, "used_after_repair"),
                l.num(r.target, 2)
            )
        } else {
            format!(
                "{} {}",
                crate::report::msg(l, "requested"),
                l.num(r.requested, 2)
            )
        };
        out.push_str(&format!(
            "{} {} ~ {}: {} ({} {}), {} {}\n",
            crate::report::msg(l, "correlation_2"),
            r.a,
            r.b,
            used,
            crate::report::msg(l, "expected_rank_correlation"),
            l.num(r.expected, 3),
            crate::report::msg(l, "achieved"),
            l.num(r.achieved, 3),
        ));
    }
    if s.invalid_paths > 0 {
        out.push_str(&format!(
            "{}: {} ({})\n",
            crate::report::msg(l, "invalid_paths_excluded"),
            s.invalid_paths,
            s.first_invalid.as_deref().unwrap_or("")
        ));
    }
    out
}
