//! Checks a merged raw scenario and builds the validated [`Scenario`].

use super::diagnostic::{Diagnostic, SourceMap, closest};
use super::raw::RawFile;
use super::{
    Currency, Engine, Group, IcorTiming, Inputs, Meta, Scenario, ScenarioError, Source, fnv1a_hex,
};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Longest projection accepted, years.
pub const MAX_YEARS: usize = 40;
/// Most funding sources accepted.
pub const MAX_SOURCES: usize = 64;

type R<T> = Result<T, ScenarioError>;

mod checker;
mod indicators;
mod links;
mod reference;
mod sectors;

use checker::{FRACTION_RATE, Table, V, is_identifier};

/// Checks the merged raw scenario and builds a [`Scenario`].
pub(crate) fn validate(map: &SourceMap, raw: RawFile) -> R<Scenario> {
    let top = Table {
        file: 0,
        span: 0..0,
        name: String::new(),
    };
    let mut v = V {
        map,
        n: 0,
        first_year: 0,
    };

    // ---- meta -------------------------------------------------------------------------
    let tm = v.table(&raw.meta, "meta");
    let Some(meta) = raw.meta.as_ref().map(|l| &l.value) else {
        return Err(v.missing(
            &top,
            "meta",
            "a [meta] table with name, base_year, end_year, target_growth",
        ));
    };
    let name_l = v.req(
        &meta.name,
        &tm,
        "name",
        "an identifier such as \"hanoi-2026-2030\"",
    )?;
    if !is_identifier(&name_l.value) {
        return Err(v.at(
            name_l,
            "meta.name".into(),
            format!(
                "expected an identifier of letters, digits, '-' or '_' (at most 64), found {:?}",
                name_l.value
            ),
        ));
    }
    let base_l = v.req(&meta.base_year, &tm, "base_year", "a year such as 2025")?;
    if !(1900..=2200).contains(&base_l.value) {
        return Err(v.at(
            base_l,
            "meta.base_year".into(),
            format!(
                "expected a year between 1900 and 2200, found {}",
                base_l.value
            ),
        ));
    }
    let end_l = v.req(
        &meta.end_year,
        &tm,
        "end_year",
        "a year after base_year, such as 2030",
    )?;
    let n = end_l.value - base_l.value;
    if n < 1 || n > MAX_YEARS as i64 {
        return Err(v.at(
            end_l,
            "meta.end_year".into(),
            format!(
                "expected a year 1 to {MAX_YEARS} years after base_year {}, found {} ({n} years)",
                base_l.value, end_l.value
            ),
        ));
    }
    v.n = n as usize;
    v.first_year = base_l.value as i32 + 1;
    let years: Vec<i32> = (0..v.n).map(|t| v.first_year + t as i32).collect();
    let target_growth = v.num(
        &meta.target_growth,
        &tm,
        "target_growth",
        "the real growth target per year as a fraction between −0.5 and 1 (0.11 for 11%)",
        |x| x > -0.5 && x < 1.0,
    )?;
    let engine = match &meta.engine {
        None => Engine::GrowthAccounting,
        Some(l) => match l.value.as_str() {
            "growth_accounting" => Engine::GrowthAccounting,
            "icor" => Engine::Icor,
            other => {
                let mut d: Diagnostic = *v
                    .at(
                        l,
                        "meta.engine".into(),
                        format!("expected \"growth_accounting\" or \"icor\", found {other:?}"),
                    )
                    .0;
                if let Some(c) = closest(other, ["growth_accounting", "icor"]) {
                    d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                }
                return Err(d.into());
            }
        },
    };

    // ---- economy ----------------------------------------------------------------------
    let te = v.table(&raw.economy, "economy");
    let eco = raw
        .economy
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let grdp_base_nominal = v.num(
        &eco.grdp_base_nominal,
        &te,
        "grdp_base_nominal",
        "base-year GRDP at current prices in thousand billion VND, a positive number up to 10⁹",
        |x| x > 1e-6 && x <= 1e9,
    )?;
    let capital_output_ratio = v.num(
        &eco.capital_output_ratio,
        &te,
        "capital_output_ratio",
        "the base-year capital-output ratio K/Y, a number between 0 and 20 (typically 2–4)",
        |x| x > 0.0 && x <= 20.0,
    )?;
    let capital_share = v.num(
        &eco.capital_share,
        &te,
        "capital_share",
        "capital's share of income α, a fraction strictly between 0 and 1 (e.g. 0.4)",
        |x| x > 0.0 && x < 1.0,
    )?;
    let depreciation = v.num(
        &eco.depreciation,
        &te,
        "depreciation",
        "the depreciation rate δ per year, a fraction from 0 to below 1 (e.g. 0.05)",
        |x| (0.0..1.0).contains(&x),
    )?;
    let deflator_growth = v.num(&eco.deflator_growth, &te, "deflator_growth",
        "GRDP deflator growth per year as a fraction greater than −1 (the price level must stay positive)", |x| x > -1.0 && x < 10.0)?;
    let exchange_rate_base = v.num(
        &eco.exchange_rate_base,
        &te,
        "exchange_rate_base",
        "VND per USD in the base year, between 0.01 and 10⁸, such as 24500",
        |x| (0.01..=1e8).contains(&x),
    )?;
    let exchange_rate = v.num(
        &eco.exchange_rate,
        &te,
        "exchange_rate",
        "VND per USD, between 0.01 and 10⁸, such as 25500",
        |x| (0.01..=1e8).contains(&x),
    )?;
    let human_capital_growth = match reference::trained_labour(&v, &raw)? {
        Some(g) => g,
        None => v
            .opt_num(
                &eco.human_capital_growth,
                &te,
                "human_capital_growth",
                FRACTION_RATE,
                |x| x > -1.0 && x < 10.0,
            )?
            .unwrap_or_else(|| vec![0.0; v.n]),
    };

    // ---- labour -----------------------------------------------------------------------
    let tl = v.table(&raw.labour, "labour");
    let lab = raw
        .labour
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let population_base = v.num(
        &lab.population_base,
        &tl,
        "population_base",
        "base-year population in thousand persons, positive and at most 10⁷",
        |x| x > 1e-6 && x <= 1e7,
    )?;
    let population = v.num(
        &lab.population,
        &tl,
        "population",
        "population in thousand persons, positive and at most 10⁷",
        |x| x > 1e-6 && x <= 1e7,
    )?;
    let ratio_ok = |x: f64| x > 0.0 && x <= 1.0;
    let (employment_base, employment) = match (&lab.employment, &lab.employment_ratio) {
        (Some(_), Some(r)) => {
            return Err(v.at(
                r,
                "labour.employment_ratio".into(),
                "give either `employment` or `employment_ratio`, not both".into(),
            ));
        }
        (None, None) => {
            return Err(v.missing(&tl, "employment",
                "employment per year in thousand persons (or `employment_ratio`, employed / population)"));
        }
        (Some(_), None) => {
            let e = v.num(
                &lab.employment,
                &tl,
                "employment",
                "employment in thousand persons, positive and at most 10⁷",
                |x| x > 1e-6 && x <= 1e7,
            )?;
            let e0 = v.num(
                &lab.employment_base,
                &tl,
                "employment_base",
                "base-year employment in thousand persons, positive and at most 10⁷",
                |x| x > 1e-6 && x <= 1e7,
            )?;
            (e0, e)
        }
        (None, Some(_)) => {
            let r = v.num(
                &lab.employment_ratio,
                &tl,
                "employment_ratio",
                "employed / population as a fraction in (0, 1]",
                ratio_ok,
            )?;
            let e0 = match (&lab.employment_base, &lab.employment_ratio_base) {
                (Some(_), _) => v.num(
                    &lab.employment_base,
                    &tl,
                    "employment_base",
                    "base-year employment in thousand persons, positive and at most 10⁷",
                    |x| x > 1e-6 && x <= 1e7,
                )?,
                (None, Some(_)) => {
                    population_base
                        * v.num(
                            &lab.employment_ratio_base,
                            &tl,
                            "employment_ratio_base",
                            "base-year employed / population, a fraction in (0, 1]",
                            ratio_ok,
                        )?
                }
                (None, None) => {
                    return Err(v.missing(
                        &tl,
                        "employment_base",
                        "base-year employment in thousand persons (or `employment_ratio_base`)",
                    ));
                }
            };
            (e0, r.iter().zip(&population).map(|(r, p)| r * p).collect())
        }
    };
    if employment_base > population_base {
        let l = lab
            .employment_base
            .as_ref()
            .or(lab.population_base.as_ref());
        if let Some(l) = l {
            return Err(v.at(l, "labour.employment_base".into(), format!(
                "base-year employment ({employment_base}) exceeds base-year population ({population_base}); both are in thousand persons")));
        }
    }
    for t in 0..v.n {
        if employment[t] > population[t] * (1.0 + 1e-12) {
            let l = lab
                .employment
                .as_ref()
                .or(lab.employment_ratio.as_ref())
                .or(lab.population.as_ref());
            if let Some(l) = l {
                return Err(v.at(l, "labour.employment".into(), format!(
                    "employment in {} ({:.1}) exceeds population ({:.1}); both are in thousand persons",
                    years[t], employment[t], population[t])));
            }
        }
    }

    // ---- productivity -----------------------------------------------------------------
    let tp = v.table(&raw.productivity, "productivity");
    let prod = raw
        .productivity
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let tfp_growth = match engine {
        Engine::GrowthAccounting => v.num(&prod.tfp_growth, &tp, "tfp_growth",
            "TFP growth per year as a fraction (e.g. 0.06), required by the growth_accounting engine", |x| x > -1.0 && x < 10.0)?,
        Engine::Icor => v.opt_num(&prod.tfp_growth, &tp, "tfp_growth", FRACTION_RATE, |x| x > -1.0 && x < 10.0)?
            .unwrap_or_else(|| vec![0.0; v.n]),
    };
    let icor = match engine {
        Engine::Icor => v.num(&prod.icor, &tp, "icor",
            "the incremental capital-output ratio per year, a positive number (e.g. 3.98), required by the icor engine", |x| x > 0.0 && x <= 100.0)?,
        Engine::GrowthAccounting => v.opt_num(&prod.icor, &tp, "icor", "a positive number", |x| x > 0.0 && x <= 100.0)?
            .unwrap_or_else(|| vec![0.0; v.n]),
    };
    let icor_timing = match &prod.icor_timing {
        None => IcorTiming::SameYear,
        Some(l) => match l.value.as_str() {
            "same_year" => IcorTiming::SameYear,
            "previous_year" => IcorTiming::PreviousYear,
            other => {
                let mut d = *v
                    .at(
                        l,
                        "productivity.icor_timing".into(),
                        format!("expected \"same_year\" or \"previous_year\", found {other:?}"),
                    )
                    .0;
                if let Some(c) = closest(other, ["same_year", "previous_year"]) {
                    d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                }
                return Err(d.into());
            }
        },
    };

    // ---- sources ----------------------------------------------------------------------
    if raw.sources.is_empty() {
        return Err(v.missing(
            &top,
            "sources",
            "at least one [[sources]] table (a funding source with its planned amounts)",
        ));
    }
    if raw.sources.len() > MAX_SOURCES {
        let l = &raw.sources[MAX_SOURCES];
        return Err(v.at(
            l,
            format!("sources[{MAX_SOURCES}]"),
            format!(
                "at most {MAX_SOURCES} funding sources are supported, found {}",
                raw.sources.len()
            ),
        ));
    }
    let mut sources: Vec<Source> = Vec::with_capacity(raw.sources.len());
    let mut realisation: Vec<f64> = Vec::with_capacity(raw.sources.len() * v.n);
    let mut source_locs = Vec::new();
    for (i, sl) in raw.sources.iter().enumerate() {
        let s = &sl.value;
        let ts = Table {
            file: sl.file,
            span: sl.span.clone(),
            name: format!("sources[{i}]"),
        };
        let id_l = v.req(
            &s.id,
            &ts,
            "id",
            "an identifier such as \"public_investment\"",
        )?;
        if !is_identifier(&id_l.value) {
            return Err(v.at(
                id_l,
                format!("sources[{i}].id"),
                format!(
                    "expected an identifier of letters, digits, '-' or '_', found {:?}",
                    id_l.value
                ),
            ));
        }
        if sources.iter().any(|o| o.id == id_l.value) {
            return Err(v.at(
                id_l,
                format!("sources[{i}].id"),
                format!("duplicate source id {:?}; ids must be unique", id_l.value),
            ));
        }
        let ts = Table {
            name: format!("sources.{}", id_l.value),
            ..ts
        };
        let group_l = v.req(
            &s.group,
            &ts,
            "group",
            "one of public, soe, private, fdi, land, borrowing, other",
        )?;
        let group = Group::parse(&group_l.value).ok_or_else(|| {
            let mut d = *v.at(group_l, V::path(&ts, "group"), format!(
                "expected one of public, soe, private, fdi, land, borrowing, other; found {:?}", group_l.value)).0;
            if let Some(c) = closest(&group_l.value, Group::ALL.iter().map(|g| g.as_str())) {
                d = d.with_suggestion(format!("did you mean \"{c}\"?"));
            }
            ScenarioError::from(d)
        })?;
        let nonneg = |x: f64| (0.0..=1e9).contains(&x);
        let (currency, plan) = match (&s.amounts, &s.amounts_usd) {
            (Some(_), Some(u)) => {
                return Err(v.at(
                    u,
                    V::path(&ts, "amounts_usd"),
                    "give either `amounts` (thousand bn VND) or `amounts_usd` (bn USD), not both"
                        .into(),
                ));
            }
            (None, None) => {
                return Err(v.missing(
                    &ts,
                    "amounts",
                    "planned amounts per year in thousand bn VND (or `amounts_usd` in bn USD)",
                ));
            }
            (Some(_), None) => (
                Currency::Vnd,
                v.num(
                    &s.amounts,
                    &ts,
                    "amounts",
                    "a non-negative amount in thousand bn VND (at most 10⁹)",
                    nonneg,
                )?,
            ),
            (None, Some(_)) => (
                Currency::Usd,
                v.num(
                    &s.amounts_usd,
                    &ts,
                    "amounts_usd",
                    "a non-negative amount in bn USD (at most 10⁹)",
                    nonneg,
                )?,
            ),
        };
        let real = v
            .opt_num(
                &s.realisation,
                &ts,
                "realisation",
                "realised / planned as a non-negative factor (1 = plan met, 0.8 = 80%)",
                |x| (0.0..=100.0).contains(&x),
            )?
            .unwrap_or_else(|| vec![1.0; v.n]);
        realisation.extend(&real);
        let lag = match &s.lag {
            None => 0,
            Some(l) if (0..=MAX_YEARS as i64).contains(&l.value) => l.value as usize,
            Some(l) => {
                return Err(v.at(
                    l,
                    V::path(&ts, "lag"),
                    format!(
                        "expected a gestation lag of 0 to {MAX_YEARS} years, found {}",
                        l.value
                    ),
                ));
            }
        };
        let id = id_l.value.clone();
        sources.push(Source {
            label_vi: v
                .text(&s.label_vi)
                .or_else(|| v.text(&s.label_en))
                .unwrap_or_else(|| id.clone()),
            label_en: v.text(&s.label_en).unwrap_or_else(|| id.clone()),
            id,
            group,
            currency,
            plan,
            lag,
            citation: v.text(&s.citation).unwrap_or_default(),
            financing: false,
            financed_plan_vnd: Vec::new(),
        });
        source_locs.push(sl);
    }

    let links = links::links(
        &v,
        &raw,
        &top,
        &mut sources,
        &source_locs,
        &years,
        &exchange_rate,
    )?;
    let (targets, plan_reference, history, actuals) = reference::reference(&v, &raw)?;
    let citations: BTreeMap<String, String> = raw
        .citations
        .as_ref()
        .map(|c| {
            c.value
                .iter()
                .map(|(k, v)| (k.clone(), v.nfc().collect()))
                .collect()
        })
        .unwrap_or_default();

    let uncertainty = super::uncertainty::uncertainty(
        &super::uncertainty::Ctx {
            map,
            n: v.n,
            sources: &sources,
            years: &years,
            exchange_rate: &exchange_rate,
        },
        &raw.uncertainty,
        &raw.correlation,
        &raw.compensation,
    )?;
    let feasibility_scale = reference::feasibility(&v, &raw)?;
    let plausibility = reference::plausibility(&v, &raw)?;
    let sectors = sectors::sectors(&v, &raw)?;
    let indicators = indicators::indicators(&v, &raw)?;
    let milestones = indicators::milestones(&v, &raw)?;
    let texts: Vec<&[u8]> = map.files.iter().map(|f| f.text.as_bytes()).collect();
    let scenario = Scenario {
        files: map.files.iter().map(|f| f.path.clone()).collect(),
        content_hash: fnv1a_hex(&texts),
        meta: Meta {
            name: name_l.value.clone(),
            title_vi: v
                .text(&meta.title_vi)
                .or_else(|| v.text(&meta.title_en))
                .unwrap_or_else(|| name_l.value.clone()),
            title_en: v
                .text(&meta.title_en)
                .unwrap_or_else(|| name_l.value.clone()),
            description: v.text(&meta.description).unwrap_or_default(),
            base_year: base_l.value as i32,
            years,
            target_growth,
            engine,
            icor_timing,
        },
        sources,
        links,
        central: Inputs {
            grdp_base_nominal,
            capital_output_ratio,
            capital_share,
            depreciation,
            deflator_growth,
            exchange_rate_base,
            exchange_rate,
            human_capital_growth,
            population_base,
            population,
            employment_base,
            employment,
            tfp_growth,
            icor,
            realisation,
            fixed_growth: actuals
                .as_ref()
                .map_or_else(|| vec![f64::NAN; v.n], |a| a.growth.clone()),
            fixed_investment: vec![f64::NAN; v.n],
        },
        citations,
        targets,
        plan_reference,
        history,
        actuals,
        uncertainty,
        feasibility_scale,
        plausibility,
        sectors,
        indicators,
        milestones,
    };
    Ok(scenario)
}
