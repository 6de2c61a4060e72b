//! The deterministic projection: one row per year with every derived quantity.

use super::accounting::{contributions, icor_ratio, tfp_share};
use super::engine::{ModelError, Workspace, cagr, simulate};
use crate::scenario::{Engine, Group, Inputs, Scenario};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// An ordered map of names to numbers (keeps the scenario's source order in JSON).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amounts(pub Vec<(String, f64)>);

impl Amounts {
    /// Value for `key`.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

impl Serialize for Amounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One projection year. Money in thousand bn VND unless named otherwise; rates as fractions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YearRow {
    /// Calendar year.
    pub year: i32,
    /// Real GRDP growth.
    pub growth: f64,
    /// Real GRDP at base-year prices.
    pub grdp_real: f64,
    /// GRDP at current prices.
    pub grdp_nominal: f64,
    /// GRDP at current prices, bn USD.
    pub grdp_usd_bn: f64,
    /// Total investment spent, current prices.
    pub investment_nominal: f64,
    /// Total investment spent, base-year prices.
    pub investment_real: f64,
    /// Investment / GRDP, both at current prices.
    pub investment_ratio: f64,
    /// Capital stock at the end of the year, base-year prices.
    pub capital: f64,
    /// Capital-stock growth.
    pub capital_growth: f64,
    /// Employment, thousand persons.
    pub labour: f64,
    /// Employment growth.
    pub labour_growth: f64,
    /// TFP growth (input for growth_accounting, residual for icor).
    pub tfp_growth: f64,
    /// Contribution of TFP to growth (growth-rate units; the three sum to `growth`).
    pub contrib_tfp: f64,
    /// Contribution of capital to growth.
    pub contrib_capital: f64,
    /// Contribution of labour (and human capital) to growth.
    pub contrib_labour: f64,
    /// Contribution of human capital per worker, (1−α)·ln(1+g_h) of growth (0 when the
    /// scenario has none); with TFP, capital and labour it adds up to growth.
    pub contrib_human_capital: f64,
    /// TFP share of growth, ln(1+g_A)/ln(1+g); null when growth is zero.
    pub tfp_share: Option<f64>,
    /// ICOR, investment ratio / growth; null when growth is zero.
    pub icor: Option<f64>,
    /// GRDP per worker, million VND (current prices).
    pub labour_productivity: f64,
    /// GRDP per capita, million VND (current prices).
    pub grdp_per_capita_vnd: f64,
    /// GRDP per capita, USD.
    pub grdp_per_capita_usd: f64,
    /// Population, thousand persons.
    pub population: f64,
    /// GRDP deflator level, base year = 1.
    pub deflator: f64,
    /// VND per USD.
    pub exchange_rate: f64,
    /// Realised investment by investment source, current prices.
    pub investment_by_source: Amounts,
    /// Realised investment by investment source, base-year prices.
    pub investment_real_by_source: Amounts,
    /// Realised investment by group, current prices (financed amounts count in the group of
    /// the source they finance).
    pub investment_by_group: Amounts,
    /// Realised investment by group, base-year prices.
    pub investment_real_by_group: Amounts,
    /// Financing sources: amount realised (collected/drawn), current prices.
    pub financing_realised: Amounts,
    /// Financing sources: part that financed investment, current prices.
    pub financing_to_investment: Amounts,
}

/// The deterministic projection of a scenario.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Projection {
    /// Scenario name.
    pub scenario: String,
    /// Engine used.
    pub engine: Engine,
    /// Growth target per year.
    pub target: f64,
    /// Compound annual real growth over the projection.
    pub cagr: f64,
    /// TFP share of growth over the period, Σ ln(1+g_A) / ln(Y_T/Y_0).
    pub tfp_share: Option<f64>,
    /// Period ICOR in the plan's convention: (Σ investment / Σ GRDP, current prices) / CAGR.
    pub icor_period: Option<f64>,
    /// Σ investment / Σ GRDP over the period, current prices.
    pub investment_ratio_period: f64,
    /// Base year.
    pub base_year: i32,
    /// Base-year GRDP at current prices.
    pub grdp_base_nominal: f64,
    /// Σ nominal GRDP over the projection years.
    pub grdp_nominal_total: f64,
    /// Σ nominal investment over the projection years.
    pub investment_nominal_total: f64,
    /// Whether the CAGR reaches the target.
    pub meets_target: bool,
    /// One row per projection year.
    pub years: Vec<YearRow>,
}

/// Projects `sc` with inputs `x` (use `&sc.central` for the deterministic projection).
///
/// # Errors
/// A [`ModelError`] when an input makes a quantity impossible (non-positive capital or prices).
///
/// # Examples
/// ```no_run
/// use grdpsim::{model, scenario};
/// let sc = scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).unwrap();
/// let p = model::project(&sc, &sc.central).unwrap();
/// println!("CAGR {:.2}%", 100.0 * p.cagr);
/// ```
pub fn project(sc: &Scenario, x: &Inputs) -> Result<Projection, ModelError> {
    let mut ws = Workspace::new(sc);
    simulate(sc, x, &mut ws)?;
    let p = build(sc, x, &ws);
    check_finite(&p)?;
    Ok(p)
}

/// Checks that every number of the projection is finite, so no NaN or infinity reaches an
/// output file.
///
/// # Errors
/// A [`ModelError`] naming the year and the first quantity that overflowed.
pub fn check_finite(p: &Projection) -> Result<(), ModelError> {
    for r in &p.years {
        let named = [
            ("growth", r.growth),
            ("real GRDP", r.grdp_real),
            ("nominal GRDP", r.grdp_nominal),
            ("GRDP in USD", r.grdp_usd_bn),
            ("investment", r.investment_nominal),
            ("real investment", r.investment_real),
            ("investment ratio", r.investment_ratio),
            ("capital", r.capital),
            ("capital growth", r.capital_growth),
            ("TFP growth", r.tfp_growth),
            ("TFP contribution", r.contrib_tfp),
            ("capital contribution", r.contrib_capital),
            ("labour contribution", r.contrib_labour),
            ("human-capital contribution", r.contrib_human_capital),
            ("labour productivity", r.labour_productivity),
            ("GRDP per capita", r.grdp_per_capita_vnd),
            ("GRDP per capita in USD", r.grdp_per_capita_usd),
            ("deflator", r.deflator),
        ];
        let amounts = r
            .investment_by_source
            .0
            .iter()
            .chain(&r.investment_real_by_source.0)
            .chain(&r.investment_by_group.0)
            .chain(&r.investment_real_by_group.0)
            .chain(&r.financing_realised.0)
            .chain(&r.financing_to_investment.0)
            .map(|(k, v)| (k.as_str(), *v));
        let optional = [("TFP share", r.tfp_share), ("ICOR", r.icor)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)));
        if let Some((what, v)) = named
            .into_iter()
            .chain(amounts)
            .chain(optional)
            .find(|(_, v)| !v.is_finite())
        {
            return Err(ModelError {
                year: r.year,
                what: format!("{what} is {v} (an input is too extreme)"),
            });
        }
    }
    if !(p.cagr.is_finite()
        && p.grdp_nominal_total.is_finite()
        && p.investment_nominal_total.is_finite())
    {
        return Err(ModelError {
            year: p.base_year,
            what: "period totals are not finite (an input is too extreme)".into(),
        });
    }
    Ok(())
}

/// Builds the projection rows from a simulated workspace.
pub fn build(sc: &Scenario, x: &Inputs, ws: &Workspace) -> Projection {
    let n = sc.horizon();
    let mut years = Vec::with_capacity(n);
    let groups: Vec<Group> = Group::ALL
        .into_iter()
        .filter(|g| sc.sources.iter().any(|s| !s.financing && s.group == *g))
        .collect();
    for t in 0..n {
        let g = ws.growth[t];
        let terms = [ws.log_tfp[t], ws.log_capital[t], ws.log_labour[t]];
        // the labour term is (1−α)·[ln(L_t/L_{t−1}) + ln(1+g_h)]: split off human capital
        let gh = x.human_capital_growth.get(t).copied().unwrap_or(0.0);
        let human = if gh == 0.0 {
            0.0
        } else {
            (1.0 - x.capital_share) * gh.ln_1p()
        };
        let c = contributions(g, [terms[0], terms[1], terms[2] - human, human]);
        let p = ws.price[t + 1];
        let nominal = ws.grdp_real[t + 1] * p;
        let prev_l = if t == 0 {
            x.employment_base
        } else {
            x.employment[t - 1]
        };
        let mut by_source = Vec::new();
        let mut real_by_source = Vec::new();
        let mut fin_realised = Vec::new();
        let mut fin_invest = Vec::new();
        let mut by_group = vec![0.0; groups.len()];
        for (s, src) in sc.sources.iter().enumerate() {
            let v = ws.source_nominal[s * n + t];
            if src.financing {
                fin_realised.push((src.id.clone(), v));
                fin_invest.push((src.id.clone(), ws.financed_nominal[s * n + t]));
            } else {
                by_source.push((src.id.clone(), v));
                real_by_source.push((src.id.clone(), v / p));
                if let Some(gi) = groups.iter().position(|g| *g == src.group) {
                    by_group[gi] += v;
                }
            }
        }
        let investment_ratio = ws.investment_nominal[t] / nominal;
        years.push(YearRow {
            year: sc.meta.years[t],
            growth: g,
            grdp_real: ws.grdp_real[t + 1],
            grdp_nominal: nominal,
            grdp_usd_bn: nominal * 1000.0 / x.exchange_rate[t],
            investment_nominal: ws.investment_nominal[t],
            investment_real: ws.investment_real[t],
            investment_ratio,
            capital: ws.capital[t + 1],
            capital_growth: ws.capital[t + 1] / ws.capital[t] - 1.0,
            labour: x.employment[t],
            labour_growth: x.employment[t] / prev_l - 1.0,
            tfp_growth: super::math::exp_m1(ws.log_tfp[t]),
            contrib_tfp: c[0],
            contrib_capital: c[1],
            contrib_labour: c[2],
            contrib_human_capital: c[3],
            tfp_share: tfp_share(terms[0], terms.iter().sum()),
            icor: icor_ratio(investment_ratio, g),
            labour_productivity: nominal / x.employment[t] * 1000.0,
            grdp_per_capita_vnd: nominal / x.population[t] * 1000.0,
            grdp_per_capita_usd: nominal / x.population[t] * 1e9 / x.exchange_rate[t],
            population: x.population[t],
            deflator: p,
            exchange_rate: x.exchange_rate[t],
            investment_by_group: Amounts(
                groups
                    .iter()
                    .map(|g| g.as_str().to_string())
                    .zip(by_group.iter().copied())
                    .collect(),
            ),
            investment_real_by_group: Amounts(
                groups
                    .iter()
                    .map(|g| g.as_str().to_string())
                    .zip(by_group.iter().map(|v| v / p))
                    .collect(),
            ),
            investment_by_source: Amounts(by_source),
            investment_real_by_source: Amounts(real_by_source),
            financing_realised: Amounts(fin_realised),
            financing_to_investment: Amounts(fin_invest),
        });
    }
    let c = cagr(ws);
    let log_total: f64 = (0..n)
        .map(|t| ws.log_tfp[t] + ws.log_capital[t] + ws.log_labour[t])
        .sum();
    let log_tfp: f64 = ws.log_tfp.iter().sum();
    let grdp_total: f64 = years.iter().map(|r| r.grdp_nominal).sum();
    let inv_total: f64 = ws.investment_nominal.iter().sum();
    let ratio = inv_total / grdp_total;
    Projection {
        scenario: sc.meta.name.clone(),
        engine: sc.meta.engine,
        target: sc.meta.target_growth,
        cagr: c,
        tfp_share: tfp_share(log_tfp, log_total),
        icor_period: icor_ratio(ratio, c),
        investment_ratio_period: ratio,
        base_year: sc.meta.base_year,
        grdp_base_nominal: x.grdp_base_nominal,
        grdp_nominal_total: grdp_total,
        investment_nominal_total: inv_total,
        meets_target: c >= sc.meta.target_growth - 1e-12,
        years,
    }
}
