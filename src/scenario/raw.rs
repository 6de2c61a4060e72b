//! Raw scenario files exactly as written: every field optional and located, no checks yet.
//!
//! Each file of an `extends` chain is read into a [`RawFile`]; the chain is merged
//! ([`Merge`]) and then checked by `validate` into a [`super::Scenario`].

use super::loc::Loc;
use super::per_year::PerYear;
pub use super::plausibility::RawPlausibility;
use crate::montecarlo::dist::DistSpec;
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
    /// `[actuals]`.
    pub actuals: F<RawActuals>,
    /// `[uncertainty]`: distributions for the Monte Carlo.
    pub uncertainty: F<RawUncertainty>,
    /// `[correlation]` between uncertain inputs (Gaussian copula).
    pub correlation: F<RawCorrelation>,
    /// `[[compensation]]` rules.
    #[serde(default)]
    pub compensation: Vec<Loc<RawCompensation>>,
    /// `[report]`: report settings.
    pub report: F<RawReport>,
    /// `[plausibility]`: thresholds of the plausibility warnings.
    pub plausibility: F<RawPlausibility>,
    /// `[[sectors]]`: the sector bridge.
    #[serde(default)]
    pub sectors: Vec<Loc<RawSector>>,
    /// `[[indicators]]`: the plan's indicator table.
    #[serde(default)]
    pub indicators: Vec<Loc<RawIndicator>>,
    /// `[[milestones]]`: targets in given years, for P(each) and P(all) in `run`.
    #[serde(default)]
    pub milestones: Vec<Loc<RawMilestone>>,
}

/// `[[milestones]]`: a threshold on a quantity in a year.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    /// Identifier.
    pub id: F<String>,
    /// Vietnamese label.
    pub label_vi: F<String>,
    /// English label.
    pub label_en: F<String>,
    /// Calendar year.
    pub year: F<i64>,
    /// `growth_average`, `grdp_usd_bn` or `grdp_per_capita_usd`.
    pub quantity: F<String>,
    /// First year of the span (`growth_average`).
    pub from: F<i64>,
    /// The threshold (reached when the quantity is at least this).
    pub threshold: F<f64>,
    /// Where it comes from.
    pub citation: F<String>,
}

/// `[[indicators]]`: one row of the plan's indicator table (docs/analysis.md, "Indicators").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Identifier.
    pub id: F<String>,
    /// Vietnamese label.
    pub label_vi: F<String>,
    /// English label.
    pub label_en: F<String>,
    /// Unit as printed.
    pub unit: F<String>,
    /// The document's value per projection year.
    pub target: F<PerYear>,
    /// The document's value for the period.
    pub period: F<f64>,
    /// How the period value relates to the yearly ones: average, sum, end, none.
    pub period_is: F<String>,
    /// The model's quantity to compare with (see the docs), if any.
    pub model: F<String>,
    /// Amount per year for `model = "share_of_grdp"`, k-bn VND.
    pub amount: F<PerYear>,
    /// Where the numbers come from.
    pub citation: F<String>,
}

/// `[[sectors]]`: one sector of the bridge (docs/model.md, "Sector bridge").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSector {
    /// Identifier.
    pub id: F<String>,
    /// Vietnamese label.
    pub label_vi: F<String>,
    /// English label.
    pub label_en: F<String>,
    /// Share of GRDP in the base year (optional: a sector without one is reported alone).
    pub share_base: F<f64>,
    /// Value-added growth target per year (absent: part of the remainder).
    pub growth: F<PerYear>,
    /// Realised growth of the first years, in order.
    pub actual: F<Vec<f64>>,
    /// Where the numbers come from.
    pub citation: F<String>,
}

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// Feasibility scale: phrases by minimum probability of hitting the target, highest first.
    pub feasibility: F<Vec<RawBand>>,
}

/// One band of the feasibility scale.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    /// Lowest P(hit) for this phrase.
    pub min_prob: f64,
    /// Vietnamese phrase.
    pub vi: String,
    /// English phrase.
    pub en: String,
}

/// `[uncertainty]`: which inputs are uncertain and how.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    /// TFP growth per year.
    pub tfp_growth: F<RawUncertain>,
    /// GRDP deflator growth per year.
    pub deflator_growth: F<RawUncertain>,
    /// Exchange rate per year.
    pub exchange_rate: F<RawUncertain>,
    /// Employment per year.
    pub employment: F<RawUncertain>,
    /// Depreciation rate.
    pub depreciation: F<RawUncertain>,
    /// Base-year K/Y.
    pub capital_output_ratio: F<RawUncertain>,
    /// Capital share α.
    pub capital_share: F<RawUncertain>,
    /// ICOR per year (icor engine).
    pub icor: F<RawUncertain>,
    /// Realisation factor of each funding source, by source id.
    pub sources: F<BTreeMap<String, Loc<RawUncertain>>>,
    /// Lumpy projects that may be delayed.
    #[serde(default)]
    pub events: Vec<Loc<RawEvent>>,
}

/// One uncertain input: a level drawn once per path and optional yearly shocks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUncertain {
    /// `add`, `multiply` or `replace`.
    pub apply: F<String>,
    /// Distribution of the per-path level.
    pub level: F<DistSpec>,
    /// Distribution of the yearly shock.
    pub shock: F<DistSpec>,
    /// AR(1) coefficient of the yearly shock.
    pub persistence: F<f64>,
    /// Shocks accumulate (random walk of the factor) instead of acting year by year.
    pub cumulative: F<bool>,
    /// Why this distribution.
    pub citation: F<String>,
}

/// A lumpy project whose spending may be delayed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Identifier.
    pub id: F<String>,
    /// Funding source whose plan contains the project's spending.
    pub source: F<String>,
    /// Planned spending per year, thousand bn VND.
    pub amounts: F<PerYear>,
    /// Probability that the project is delayed.
    pub delay_probability: F<f64>,
    /// Delay in whole years when delayed: a number or a distribution.
    pub delay_years: F<toml::Value>,
    /// Where the numbers come from.
    pub citation: F<String>,
}

/// `[correlation]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    /// Names of the correlated inputs (e.g. `sources.soe`, `tfp_growth`).
    pub inputs: F<Vec<String>>,
    /// Correlation matrix of their levels, row by row.
    pub matrix: F<Vec<Vec<f64>>>,
    /// Replace an invalid matrix by the nearest valid one instead of failing.
    pub repair: F<bool>,
}

/// `[[compensation]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompensation {
    /// Identifier.
    pub id: F<String>,
    /// Investment source whose shortfall is covered.
    pub covers: F<String>,
    /// Covering sources, tried in order.
    pub from: F<Vec<String>>,
    /// `"surplus"`, `{ amount = x }` (k-bn VND per year) or `{ share = x }` (of the shortfall).
    pub cap: F<toml::Value>,
    /// Share of the covering money that becomes investment (0–1).
    pub efficiency: F<f64>,
    /// Whether the rule is active.
    pub enabled: F<bool>,
    /// Where the rule comes from.
    pub citation: F<String>,
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
    /// Share of trained workers in the base year (the human-capital proxy).
    pub trained_share_base: F<f64>,
    /// Share of trained workers per year.
    pub trained_share: F<PerYear>,
    /// Productivity premium of a trained worker over an untrained one (0.4 = 40% more).
    pub trained_premium: F<f64>,
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
    /// Years whose growth no document prints (derived or assumed): shown as estimates.
    pub estimated: F<Vec<i64>>,
}

/// `[actuals]`: realised growth in the projection years themselves (a review of a past
/// period, or a calibration over it).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActuals {
    /// Real growth per projection year, fractions (one value per year).
    pub growth: F<PerYear>,
    /// Years whose growth no document prints (derived or assumed): shown as estimates.
    pub estimated: F<Vec<i64>>,
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
    employment_ratio, employment_ratio_base, trained_share_base, trained_share, trained_premium);
merge_fields!(RawProductivity; tfp_growth, icor, icor_timing);
merge_fields!(RawSource; id, label_vi, label_en, group, amounts, amounts_usd, realisation, lag, citation);
merge_fields!(RawLink; from, to, share, citation);
merge_fields!(RawTargets; tfp_share_period, tfp_share, grdp_per_capita_usd, grdp_usd_bn);
merge_fields!(RawPlanReference; growth, grdp_nominal, investment_ratio, grdp_per_capita,
    grdp_per_capita_usd, labour_productivity);
merge_fields!(RawHistory; years, growth, estimated);
merge_fields!(RawActuals; growth, estimated);
merge_fields!(RawUncertain; apply, level, shock, persistence, cumulative, citation);
merge_fields!(RawEvent; id, source, amounts, delay_probability, delay_years, citation);
merge_fields!(RawCorrelation; inputs, matrix, repair);
merge_fields!(RawReport; feasibility);
merge_fields!(RawIndicator; id, label_vi, label_en, unit, target, period, period_is, model, amount, citation);
merge_fields!(RawMilestone; id, label_vi, label_en, year, quantity, from, threshold, citation);
merge_fields!(RawSector; id, label_vi, label_en, share_base, growth, actual, citation);
merge_fields!(RawPlausibility; record_growth, record_tfp_growth, record_tfp_share, record_icor, record_investment_ratio, record_employment_growth, record_deflator_growth, tfp_growth_max, tfp_share_max, icor_min, icor_max, icor_fall_max, investment_ratio_max, investment_ratio_rise_max, employment_growth_max, deflator_growth_min, deflator_growth_max, deflator_change_max);
merge_fields!(RawCompensation; id, covers, from, cap, efficiency, enabled, citation);

impl Merge for RawUncertainty {
    fn merge(&mut self, child: Self) {
        merge_table(&mut self.tfp_growth, child.tfp_growth);
        merge_table(&mut self.deflator_growth, child.deflator_growth);
        merge_table(&mut self.exchange_rate, child.exchange_rate);
        merge_table(&mut self.employment, child.employment);
        merge_table(&mut self.depreciation, child.depreciation);
        merge_table(&mut self.capital_output_ratio, child.capital_output_ratio);
        merge_table(&mut self.capital_share, child.capital_share);
        merge_table(&mut self.icor, child.icor);
        match (self.sources.as_mut(), child.sources) {
            (_, None) => {}
            (None, Some(c)) => self.sources = Some(c),
            (Some(p), Some(c)) => {
                for (k, v) in c.value {
                    match p.value.get_mut(&k) {
                        Some(existing) => {
                            existing.file = v.file;
                            existing.span = v.span.clone();
                            existing.value.merge(v.value);
                        }
                        None => {
                            p.value.insert(k, v);
                        }
                    }
                }
            }
        }
        merge_by_id(&mut self.events, child.events, |e| &e.id);
    }
}

/// Merges `child` items into `parent` by their `id` field; new ids are appended.
fn merge_by_id<T: Merge>(
    parent: &mut Vec<Loc<T>>,
    child: Vec<Loc<T>>,
    id: impl Fn(&T) -> &F<String>,
) {
    for item in child {
        let key = key_of(id(&item.value)).map(str::to_owned);
        match parent
            .iter_mut()
            .find(|p| key.is_some() && key_of(id(&p.value)) == key.as_deref())
        {
            Some(p) => {
                p.file = item.file;
                p.span = item.span.clone();
                p.value.merge(item.value);
            }
            None => parent.push(item),
        }
    }
}

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
        merge_table(&mut self.actuals, child.actuals);
        merge_table(&mut self.uncertainty, child.uncertainty);
        merge_table(&mut self.correlation, child.correlation);
        merge_by_id(&mut self.compensation, child.compensation, |c| &c.id);
        merge_by_id(&mut self.sectors, child.sectors, |c| &c.id);
        merge_by_id(&mut self.indicators, child.indicators, |c| &c.id);
        merge_by_id(&mut self.milestones, child.milestones, |c| &c.id);
        merge_table(&mut self.report, child.report);
        merge_table(&mut self.plausibility, child.plausibility);
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
