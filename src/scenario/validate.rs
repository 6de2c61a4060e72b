//! Checks a merged raw scenario and builds the validated [`Scenario`].

use super::diagnostic::{Diagnostic, SourceMap, closest};
use super::loc::Loc;
use super::per_year::PerYear;
use super::raw::{F, RawFile};
use super::{
    Currency, Engine, Group, History, IcorTiming, Inputs, Link, Meta, PlanReference, Scenario,
    ScenarioError, Source, Targets, fnv1a_hex,
};
use std::collections::BTreeMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Longest projection accepted, years.
pub const MAX_YEARS: usize = 40;
/// Most funding sources accepted.
pub const MAX_SOURCES: usize = 64;

type R<T> = Result<T, ScenarioError>;

/// Where a table was written: file and span of its header (or of the file start).
#[derive(Clone)]
struct Table {
    file: usize,
    span: Range<usize>,
    name: String,
}

struct V<'a> {
    map: &'a SourceMap,
    n: usize,
    first_year: i32,
}

impl<'a> V<'a> {
    fn table<T>(&self, t: &F<T>, name: &str) -> Table {
        match t {
            Some(l) => Table {
                file: l.file,
                span: l.span.clone(),
                name: name.into(),
            },
            None => Table {
                file: 0,
                span: 0..0,
                name: name.into(),
            },
        }
    }

    fn path(table: &Table, field: &str) -> String {
        if table.name.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", table.name)
        }
    }

    fn missing(&self, table: &Table, field: &str, expected: &str) -> ScenarioError {
        let where_ = if table.name.is_empty() {
            "at the top level".to_string()
        } else if table.span.is_empty() {
            format!("(the file has no [{}] table)", table.name)
        } else {
            format!("in [{}]", table.name)
        };
        self.map
            .diag(
                table.file,
                table.span.clone(),
                Self::path(table, field),
                format!("missing field `{field}` {where_}: expected {expected}"),
            )
            .into()
    }

    fn at<T>(&self, loc: &Loc<T>, path: String, msg: String) -> ScenarioError {
        self.map.diag(loc.file, loc.span.clone(), path, msg).into()
    }

    fn req<'b, T>(&self, f: &'b F<T>, table: &Table, field: &str, expected: &str) -> R<&'b Loc<T>> {
        f.as_ref()
            .ok_or_else(|| self.missing(table, field, expected))
    }

    /// A required number that must satisfy `ok`.
    fn num(
        &self,
        f: &F<f64>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<f64> {
        let l = self.req(f, table, field, expected)?;
        self.check_num(l, table, field, expected, ok)
    }

    fn check_num(
        &self,
        l: &Loc<f64>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<f64> {
        if !l.value.is_finite() || !ok(l.value) {
            return Err(self.at(
                l,
                Self::path(table, field),
                format!("expected {expected}, found {}", l.value),
            ));
        }
        Ok(l.value)
    }

    fn opt_num(
        &self,
        f: &F<f64>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<Option<f64>> {
        f.as_ref()
            .map(|l| self.check_num(l, table, field, expected, ok))
            .transpose()
    }

    fn years_label(&self) -> String {
        if self.n == 1 {
            format!("{}", self.first_year)
        } else {
            format!(
                "{}–{}",
                self.first_year,
                self.first_year + self.n as i32 - 1
            )
        }
    }

    fn check_per_year(
        &self,
        l: &Loc<PerYear>,
        path: String,
        expected: &str,
        ok: &dyn Fn(f64) -> bool,
    ) -> R<Vec<f64>> {
        let values = l.value.expand(self.n).map_err(|found| {
            self.at(
                l,
                path.clone(),
                format!(
                    "expected one number or {} values (one per year {}), found {found} values",
                    self.n,
                    self.years_label()
                ),
            )
        })?;
        for (t, v) in values.iter().enumerate() {
            if !v.is_finite() || !ok(*v) {
                let which = match l.value {
                    PerYear::One(_) => String::new(),
                    PerYear::Many(_) => {
                        format!(" (value {} for {})", t + 1, self.first_year + t as i32)
                    }
                };
                return Err(self.at(l, path, format!("expected {expected}, found {v}{which}")));
            }
        }
        Ok(values)
    }

    fn per_year(
        &self,
        f: &F<PerYear>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<Vec<f64>> {
        let l = self.req(f, table, field, expected)?;
        self.check_per_year(l, Self::path(table, field), expected, &ok)
    }

    fn opt_per_year(
        &self,
        f: &F<PerYear>,
        table: &Table,
        field: &str,
        expected: &str,
        ok: impl Fn(f64) -> bool,
    ) -> R<Option<Vec<f64>>> {
        f.as_ref()
            .map(|l| self.check_per_year(l, Self::path(table, field), expected, &ok))
            .transpose()
    }

    /// A label as shown: NFC, without byte-order marks or zero-width characters, trimmed.
    fn text(&self, f: &F<String>) -> Option<String> {
        f.as_ref().map(|l| {
            l.value
                .nfc()
                .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}'))
                .collect::<String>()
                .trim()
                .to_string()
        })
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

const FRACTION_RATE: &str = "a growth rate as a fraction greater than −1 (e.g. 0.035 for 3.5%)";

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
    let deflator_growth = v.per_year(&eco.deflator_growth, &te, "deflator_growth",
        "GRDP deflator growth per year as a fraction greater than −1 (the price level must stay positive)", |x| x > -1.0 && x < 10.0)?;
    let exchange_rate_base = v.num(
        &eco.exchange_rate_base,
        &te,
        "exchange_rate_base",
        "VND per USD in the base year, between 0.01 and 10⁸, such as 24500",
        |x| (0.01..=1e8).contains(&x),
    )?;
    let exchange_rate = v.per_year(
        &eco.exchange_rate,
        &te,
        "exchange_rate",
        "VND per USD, between 0.01 and 10⁸, such as 25500",
        |x| (0.01..=1e8).contains(&x),
    )?;
    let human_capital_growth = v
        .opt_per_year(
            &eco.human_capital_growth,
            &te,
            "human_capital_growth",
            FRACTION_RATE,
            |x| x > -1.0 && x < 10.0,
        )?
        .unwrap_or_else(|| vec![0.0; v.n]);

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
    let population = v.per_year(
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
            let e = v.per_year(
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
            let r = v.per_year(
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
        Engine::GrowthAccounting => v.per_year(&prod.tfp_growth, &tp, "tfp_growth",
            "TFP growth per year as a fraction (e.g. 0.06), required by the growth_accounting engine", |x| x > -1.0 && x < 10.0)?,
        Engine::Icor => v.opt_per_year(&prod.tfp_growth, &tp, "tfp_growth", FRACTION_RATE, |x| x > -1.0 && x < 10.0)?
            .unwrap_or_else(|| vec![0.0; v.n]),
    };
    let icor = match engine {
        Engine::Icor => v.per_year(&prod.icor, &tp, "icor",
            "the incremental capital-output ratio per year, a positive number (e.g. 3.98), required by the icor engine", |x| x > 0.0 && x <= 100.0)?,
        Engine::GrowthAccounting => v.opt_per_year(&prod.icor, &tp, "icor", "a positive number", |x| x > 0.0 && x <= 100.0)?
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
                v.per_year(
                    &s.amounts,
                    &ts,
                    "amounts",
                    "a non-negative amount in thousand bn VND (at most 10⁹)",
                    nonneg,
                )?,
            ),
            (None, Some(_)) => (
                Currency::Usd,
                v.per_year(
                    &s.amounts_usd,
                    &ts,
                    "amounts_usd",
                    "a non-negative amount in bn USD (at most 10⁹)",
                    nonneg,
                )?,
            ),
        };
        let real = v
            .opt_per_year(
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

    // ---- links ------------------------------------------------------------------------
    let ids_owned: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
    let ids: Vec<&str> = ids_owned.iter().map(String::as_str).collect();
    let mut links: Vec<Link> = Vec::new();
    let mut link_locs = Vec::new();
    for (i, ll) in raw.links.iter().enumerate() {
        let l = &ll.value;
        let tk = Table {
            file: ll.file,
            span: ll.span.clone(),
            name: format!("links[{i}]"),
        };
        let endpoint = |field: &str, f: &F<String>| -> R<usize> {
            let e = v.req(f, &tk, field, "the id of a funding source")?;
            ids.iter().position(|id| *id == e.value).ok_or_else(|| {
                let mut d = *v
                    .at(
                        e,
                        V::path(&tk, field),
                        format!(
                            "unknown source id {:?}; the sources are: {}",
                            e.value,
                            ids.join(", ")
                        ),
                    )
                    .0;
                if let Some(c) = closest(&e.value, ids.iter().copied()) {
                    d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                }
                ScenarioError::from(d)
            })
        };
        let from = endpoint("from", &l.from)?;
        let to = endpoint("to", &l.to)?;
        if from == to {
            let e = l.to.as_ref().expect("checked above");
            return Err(v.at(
                e,
                V::path(&tk, "to"),
                "a source cannot finance itself".into(),
            ));
        }
        if links.iter().any(|o: &Link| o.from == from && o.to == to) {
            return Err(v
                .map
                .diag(
                    ll.file,
                    ll.span.clone(),
                    format!("links[{i}]"),
                    format!("duplicate link {} → {}", ids[from], ids[to]),
                )
                .into());
        }
        let share = v.num(&l.share, &tk, "share",
            "the share of the financing source that goes to the financed source, a fraction in (0, 1]", |x| x > 0.0 && x <= 1.0)?;
        links.push(Link {
            from,
            to,
            share,
            citation: v.text(&l.citation).unwrap_or_default(),
        });
        link_locs.push(ll);
    }
    for l in &links {
        sources[l.from].financing = true;
    }
    for (i, l) in links.iter().enumerate() {
        if sources[l.to].financing {
            let e = raw.links[i].value.to.as_ref().expect("checked above");
            return Err(v.at(e, format!("links[{i}].to"), format!(
                "{:?} finances other sources, so it cannot itself be financed (links may not form chains); \
                 link the financing sources directly to the investment source", ids[l.to])));
        }
    }
    for (s, src) in sources.iter().enumerate() {
        let total: f64 = links.iter().filter(|l| l.from == s).map(|l| l.share).sum();
        if total > 1.0 + 1e-9 {
            let i = links.iter().rposition(|l| l.from == s).expect("has links");
            return Err(v.map.diag(link_locs[i].file, link_locs[i].span.clone(), format!("links[{i}].share"),
                format!("the shares of {:?} sum to {total:.4}; a source cannot finance more than all of itself (≤ 1)", src.id)).into());
        }
    }
    if sources.iter().all(|s| s.financing) {
        return Err(v.missing(
            &top,
            "sources",
            "at least one investment source (one that is not only the `from` of a link)",
        ));
    }
    // financed part of each investment source's plan, at central exchange rates; own part ≥ 0
    let plan_vnd = |s: &Source, t: usize| match s.currency {
        Currency::Vnd => s.plan[t],
        Currency::Usd => s.plan[t] * exchange_rate[t] / 1000.0,
    };
    let mut owns = Vec::with_capacity(sources.len());
    for (s, src) in sources.iter().enumerate() {
        if src.financing {
            owns.push(vec![0.0; v.n]);
            continue;
        }
        let mut financed = Vec::with_capacity(v.n);
        for (t, year) in years.iter().enumerate() {
            let inflow: f64 = links
                .iter()
                .filter(|l| l.to == s)
                .map(|l| l.share * plan_vnd(&sources[l.from], t))
                .sum();
            let o = plan_vnd(src, t) - inflow;
            if o < -1e-9 * (1.0 + inflow.abs()) {
                let sl = source_locs[s];
                let at = sl.value.amounts.as_ref().or(sl.value.amounts_usd.as_ref());
                let msg = format!(
                    "the plan of {:?} in {} ({:.2} thousand bn VND) is smaller than what its financing links supply at plan ({inflow:.2}); \
                     `amounts` of a financed source include the financed part",
                    src.id,
                    year,
                    plan_vnd(src, t)
                );
                return Err(match at {
                    Some(a) => v.at(a, format!("sources.{}.amounts", src.id), msg),
                    None => v
                        .map
                        .diag(sl.file, sl.span.clone(), format!("sources.{}", src.id), msg)
                        .into(),
                });
            }
            financed.push(inflow);
        }
        owns.push(financed);
    }
    for (src, financed) in sources.iter_mut().zip(owns) {
        src.financed_plan_vnd = financed;
    }

    // ---- targets, plan reference, history -----------------------------------------------
    let tt = v.table(&raw.targets, "targets");
    let tg = raw
        .targets
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let share_ok = |x: f64| x > -10.0 && x < 10.0;
    let targets = Targets {
        tfp_share_period: v.opt_num(
            &tg.tfp_share_period,
            &tt,
            "tfp_share_period",
            "a fraction such as 0.57",
            share_ok,
        )?,
        tfp_share: v.opt_per_year(
            &tg.tfp_share,
            &tt,
            "tfp_share",
            "a fraction such as 0.60",
            share_ok,
        )?,
        grdp_per_capita_usd: v.opt_num(
            &tg.grdp_per_capita_usd,
            &tt,
            "grdp_per_capita_usd",
            "a positive amount in USD",
            |x| x > 0.0,
        )?,
        grdp_usd_bn: v.opt_num(
            &tg.grdp_usd_bn,
            &tt,
            "grdp_usd_bn",
            "a positive amount in bn USD",
            |x| x > 0.0,
        )?,
    };
    let tr = v.table(&raw.plan_reference, "plan_reference");
    let pr = raw
        .plan_reference
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_default();
    let pos = |x: f64| x > 0.0;
    let plan_reference = PlanReference {
        growth: v.opt_per_year(&pr.growth, &tr, "growth", FRACTION_RATE, |x| x > -1.0)?,
        grdp_nominal: v.opt_per_year(
            &pr.grdp_nominal,
            &tr,
            "grdp_nominal",
            "a positive amount in thousand bn VND",
            pos,
        )?,
        investment_ratio: v.opt_per_year(
            &pr.investment_ratio,
            &tr,
            "investment_ratio",
            "a fraction such as 0.4129",
            |x| x >= 0.0,
        )?,
        grdp_per_capita: v.opt_per_year(
            &pr.grdp_per_capita,
            &tr,
            "grdp_per_capita",
            "a positive amount in million VND",
            pos,
        )?,
        grdp_per_capita_usd: v.opt_per_year(
            &pr.grdp_per_capita_usd,
            &tr,
            "grdp_per_capita_usd",
            "a positive amount in USD",
            pos,
        )?,
        labour_productivity: v.opt_per_year(
            &pr.labour_productivity,
            &tr,
            "labour_productivity",
            "a positive amount in million VND per worker",
            pos,
        )?,
    };
    let history = match &raw.history {
        None => None,
        Some(hl) => {
            let th = v.table(&raw.history, "history");
            let h = &hl.value;
            let yl = v.req(&h.years, &th, "years", "an array of calendar years")?;
            let gl = v.req(
                &h.growth,
                &th,
                "growth",
                "an array of real growth rates (fractions), one per year",
            )?;
            if yl.value.len() != gl.value.len() {
                return Err(v.at(
                    gl,
                    "history.growth".into(),
                    format!(
                        "expected {} values (one per entry of history.years), found {}",
                        yl.value.len(),
                        gl.value.len()
                    ),
                ));
            }
            if let Some(g) = gl.value.iter().find(|g| !g.is_finite() || **g <= -1.0) {
                return Err(v.at(
                    gl,
                    "history.growth".into(),
                    format!("expected {FRACTION_RATE}, found {g}"),
                ));
            }
            if yl.value.iter().any(|y| !(1900..=2200).contains(y))
                || yl.value.windows(2).any(|w| w[1] <= w[0])
            {
                return Err(v.at(
                    yl,
                    "history.years".into(),
                    "expected increasing calendar years between 1900 and 2200".into(),
                ));
            }
            let estimated: Vec<i32> = match &h.estimated {
                None => Vec::new(),
                Some(el) => {
                    if let Some(y) = el.value.iter().find(|y| !yl.value.contains(y)) {
                        return Err(v.at(
                            el,
                            "history.estimated".into(),
                            format!(
                                "expected years listed in history.years, found {y}; list the years whose growth no document prints"
                            ),
                        ));
                    }
                    el.value.iter().map(|y| *y as i32).collect()
                }
            };
            Some(History {
                years: yl.value.iter().map(|y| *y as i32).collect(),
                growth: gl.value.clone(),
                estimated,
            })
        }
    };
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
        },
        &raw.uncertainty,
        &raw.correlation,
        &raw.compensation,
    )?;
    let feasibility_scale = match raw
        .report
        .as_ref()
        .and_then(|r| r.value.feasibility.as_ref())
    {
        None => None,
        Some(l) => {
            let bands = &l.value;
            let ok = !bands.is_empty()
                && bands.iter().all(|b| {
                    (0.0..=1.0).contains(&b.min_prob)
                        && !b.vi.trim().is_empty()
                        && !b.en.trim().is_empty()
                })
                && bands.windows(2).all(|w| w[0].min_prob > w[1].min_prob);
            if !ok {
                return Err(v.at(l, "report.feasibility".into(),
                    "expected bands { min_prob, vi, en } with min_prob in [0, 1], strictly decreasing (highest first), and non-empty phrases".into()));
            }
            Some(
                bands
                    .iter()
                    .map(|b| (b.min_prob, b.vi.nfc().collect(), b.en.clone()))
                    .collect(),
            )
        }
    };
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
            fixed_growth: vec![f64::NAN; v.n],
            fixed_investment: vec![f64::NAN; v.n],
        },
        citations,
        targets,
        plan_reference,
        history,
        uncertainty,
        feasibility_scale,
    };
    Ok(scenario)
}
