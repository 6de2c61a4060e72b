//! Raw scenario files exactly as written: every field optional and located, no checks yet.
//!
//! Each file of an `extends` chain is read into a [`RawFile`]; the chain is merged
//! ([`Merge`]) and then checked by `validate` into a [`super::Scenario`].

use super::loc::Loc;
use super::per_year::PerYear;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Optional located field.
pub type F<T> = Option<Loc<T>>;

/// One scenario file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// Path of a parent scenario, relative to this file.
    pub extends: F<String>,
    /// `[meta]`.
    pub meta: F<RawMeta>,
    /// `[economy]`.
    pub economy: F<RawEconomy>,
    /// `[labour]`.
    pub labour: F<RawLabour>,
    /// `[productivity]`.
    pub productivity: F<RawProductivity>,
    /// `[[sources]]`.
    #[serde(default)]
    pub sources: Vec<Loc<RawSource>>,
    /// `[[links]]`.
    #[serde(default)]
    pub links: Vec<Loc<RawLink>>,
    /// `[citations]`: dotted field path → where the number comes from.
    pub citations: F<BTreeMap<String, String>>,
    /// `[targets]`.
    pub targets: F<RawTargets>,
    /// `[plan_reference]`.
    pub plan_reference: F<RawPlanReference>,
    /// `[history]`.
    pub history: F<RawHistory>,
}

/// `[meta]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Identifier.
    pub name: F<String>,
    /// Vietnamese title.
    pub title_vi: F<String>,
    /// English title.
    pub title_en: F<String>,
    /// Free text.
    pub description: F<String>,
    /// Last year with data.
    pub base_year: F<i64>,
    /// Last projection year.
    pub end_year: F<i64>,
    /// Real growth target per year (fraction).
    pub target_growth: F<f64>,
    /// `growth_accounting` or `icor`.
    pub engine: F<String>,
}

/// `[economy]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEconomy {
    /// Base-year GRDP at current prices, thousand bn VND.
    pub grdp_base_nominal: F<f64>,
    /// Base-year capital-output ratio K/Y.
    pub capital_output_ratio: F<f64>,
    /// Capital share α.
    pub capital_share: F<f64>,
    /// Depreciation rate δ per year.
    pub depreciation: F<f64>,
    /// GRDP deflator growth per year.
    pub deflator_growth: F<PerYear>,
    /// VND per USD, base year.
    pub exchange_rate_base: F<f64>,
    /// VND per USD per projection year.
    pub exchange_rate: F<PerYear>,
    /// Human-capital growth per worker per year.
    pub human_capital_growth: F<PerYear>,
}

/// `[labour]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabour {
    /// Base-year population, thousand persons.
    pub population_base: F<f64>,
    /// Population per year, thousand persons.
    pub population: F<PerYear>,
    /// Base-year employment, thousand persons.
    pub employment_base: F<f64>,
    /// Employment per year, thousand persons.
    pub employment: F<PerYear>,
    /// Employed / population per year.
    pub employment_ratio: F<PerYear>,
    /// Employed / population in the base year.
    pub employment_ratio_base: F<f64>,
}

/// `[productivity]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProductivity {
    /// TFP growth per year (growth-accounting engine).
    pub tfp_growth: F<PerYear>,
    /// ICOR per year (icor engine).
    pub icor: F<PerYear>,
    /// `same_year` or `previous_year`.
    pub icor_timing: F<String>,
}

/// `[[sources]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Identifier.
    pub id: F<String>,
    /// Vietnamese label.
    pub label_vi: F<String>,
    /// English label.
    pub label_en: F<String>,
    /// Group name.
    pub group: F<String>,
    /// Plan per year, thousand bn VND.
    pub amounts: F<PerYear>,
    /// Plan per year, bn USD.
    pub amounts_usd: F<PerYear>,
    /// Realised / plan per year.
    pub realisation: F<PerYear>,
    /// Gestation lag in years.
    pub lag: F<i64>,
    /// Where the numbers come from.
    pub citation: F<String>,
}

/// `[[links]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    /// Financing source id.
    pub from: F<String>,
    /// Financed (investment) source id.
    pub to: F<String>,
    /// Share of the financing source that goes to `to`.
    pub share: F<f64>,
    /// Where the share comes from.
    pub citation: F<String>,
}

/// `[targets]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    /// TFP share of growth over the period.
    pub tfp_share_period: F<f64>,
    /// TFP share of growth per year.
    pub tfp_share: F<PerYear>,
    /// GRDP per capita in the end year, USD.
    pub grdp_per_capita_usd: F<f64>,
    /// GRDP in the end year, bn USD.
    pub grdp_usd_bn: F<f64>,
}

/// `[plan_reference]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlanReference {
    /// Real growth per year.
    pub growth: F<PerYear>,
    /// Nominal GRDP per year, thousand bn VND.
    pub grdp_nominal: F<PerYear>,
    /// Investment / GRDP per year.
    pub investment_ratio: F<PerYear>,
    /// GRDP per capita, million VND.
    pub grdp_per_capita: F<PerYear>,
    /// GRDP per capita, USD.
    pub grdp_per_capita_usd: F<PerYear>,
    /// Labour productivity, million VND per worker.
    pub labour_productivity: F<PerYear>,
}

/// `[history]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    /// Calendar years.
    pub years: F<Vec<i64>>,
    /// Real growth in those years.
    pub growth: F<Vec<f64>>,
}

/// Field-by-field override: `self` is the parent, `child` wins where it sets a field.
pub trait Merge {
    /// Merges `child` into `self`.
    fn merge(&mut self, child: Self);
}

macro_rules! merge_fields {
    ($t:ty; $($f:ident),*) => {
        impl Merge for $t {
            fn merge(&mut self, child: Self) {
                $( if child.$f.is_some() { self.$f = child.$f; } )*
            }
        }
    };
}

merge_fields!(RawMeta; name, title_vi, title_en, description, base_year, end_year, target_growth, engine);
merge_fields!(RawEconomy; grdp_base_nominal, capital_output_ratio, capital_share, depreciation,
    deflator_growth, exchange_rate_base, exchange_rate, human_capital_growth);
merge_fields!(RawLabour; population_base, population, employment_base, employment,
    employment_ratio, employment_ratio_base);
merge_fields!(RawProductivity; tfp_growth, icor, icor_timing);
merge_fields!(RawSource; id, label_vi, label_en, group, amounts, amounts_usd, realisation, lag, citation);
merge_fields!(RawLink; from, to, share, citation);
merge_fields!(RawTargets; tfp_share_period, tfp_share, grdp_per_capita_usd, grdp_usd_bn);
merge_fields!(RawPlanReference; growth, grdp_nominal, investment_ratio, grdp_per_capita,
    grdp_per_capita_usd, labour_productivity);
merge_fields!(RawHistory; years, growth);

fn merge_table<T: Merge>(parent: &mut F<T>, child: F<T>) {
    match (parent.as_mut(), child) {
        (_, None) => {}
        (None, Some(c)) => *parent = Some(c),
        (Some(p), Some(c)) => {
            p.file = c.file;
            p.span = c.span;
            p.value.merge(c.value);
        }
    }
}

fn key_of(value: &F<String>) -> Option<&str> {
    value.as_ref().map(|v| v.value.as_str())
}

impl Merge for RawFile {
    fn merge(&mut self, child: Self) {
        // `extends` belongs to each file, not to the merged result.
        self.extends = child.extends;
        merge_table(&mut self.meta, child.meta);
        merge_table(&mut self.economy, child.economy);
        merge_table(&mut self.labour, child.labour);
        merge_table(&mut self.productivity, child.productivity);
        merge_table(&mut self.targets, child.targets);
        merge_table(&mut self.plan_reference, child.plan_reference);
        merge_table(&mut self.history, child.history);
        match (self.citations.as_mut(), child.citations) {
            (_, None) => {}
            (None, Some(c)) => self.citations = Some(c),
            (Some(p), Some(c)) => p.value.extend(c.value),
        }
        for src in child.sources {
            let id = key_of(&src.value.id).map(str::to_owned);
            match self
                .sources
                .iter_mut()
                .find(|p| id.is_some() && key_of(&p.value.id) == id.as_deref())
            {
                Some(p) => {
                    p.file = src.file;
                    p.span = src.span.clone();
                    p.value.merge(src.value);
                }
                None => self.sources.push(src),
            }
        }
        for link in child.links {
            let from = key_of(&link.value.from).map(str::to_owned);
            let to = key_of(&link.value.to).map(str::to_owned);
            let found = self.links.iter_mut().find(|p| {
                from.is_some()
                    && key_of(&p.value.from) == from.as_deref()
                    && key_of(&p.value.to) == to.as_deref()
            });
            match found {
                Some(p) => {
                    p.file = link.file;
                    p.span = link.span.clone();
                    p.value.merge(link.value);
                }
                None => self.links.push(link),
            }
        }
    }
}
