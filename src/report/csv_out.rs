//! CSV exporter: UTF-8 with a byte-order mark so Excel shows Vietnamese, one row per year,
//! rates as fractions, money in thousand bn VND unless the column says `usd`.

use crate::model::Projection;
use crate::montecarlo::Summary;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn fmt(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(fmt).unwrap_or_default()
}

/// `projection.csv`: one row per year with every derived quantity; per-source columns are
/// `investment_<id>` (investment sources, current prices) and `financing_<id>` (financing
/// sources' realised amounts).
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn projection_csv(p: &Projection) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let mut header: Vec<String> = [
        "year",
        "growth",
        "grdp_real",
        "grdp_nominal",
        "grdp_usd_bn",
        "investment_nominal",
        "investment_real",
        "investment_ratio",
        "capital",
        "capital_growth",
        "labour",
        "labour_growth",
        "tfp_growth",
        "contrib_tfp",
        "contrib_capital",
        "contrib_labour",
        "tfp_share",
        "icor",
        "labour_productivity",
        "grdp_per_capita_vnd",
        "grdp_per_capita_usd",
        "population",
        "deflator",
        "exchange_rate",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(first) = p.years.first() {
        header.extend(
            first
                .investment_by_source
                .0
                .iter()
                .map(|(k, _)| format!("investment_{k}")),
        );
        header.extend(
            first
                .investment_by_group
                .0
                .iter()
                .map(|(k, _)| format!("investment_group_{k}")),
        );
        header.extend(
            first
                .financing_realised
                .0
                .iter()
                .map(|(k, _)| format!("financing_{k}")),
        );
    }
    w.write_record(&header)?;
    for r in &p.years {
        let mut rec = vec![
            r.year.to_string(),
            fmt(r.growth),
            fmt(r.grdp_real),
            fmt(r.grdp_nominal),
            fmt(r.grdp_usd_bn),
            fmt(r.investment_nominal),
            fmt(r.investment_real),
            fmt(r.investment_ratio),
            fmt(r.capital),
            fmt(r.capital_growth),
            fmt(r.labour),
            fmt(r.labour_growth),
            fmt(r.tfp_growth),
            fmt(r.contrib_tfp),
            fmt(r.contrib_capital),
            fmt(r.contrib_labour),
            opt(r.tfp_share),
            opt(r.icor),
            fmt(r.labour_productivity),
            fmt(r.grdp_per_capita_vnd),
            fmt(r.grdp_per_capita_usd),
            fmt(r.population),
            fmt(r.deflator),
            fmt(r.exchange_rate),
        ];
        rec.extend(r.investment_by_source.0.iter().map(|(_, v)| fmt(*v)));
        rec.extend(r.investment_by_group.0.iter().map(|(_, v)| fmt(*v)));
        rec.extend(r.financing_realised.0.iter().map(|(_, v)| fmt(*v)));
        w.write_record(&rec)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// `years.csv`: per year, P(growth ≥ target) and growth percentiles (fractions).
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn years_csv(s: &Summary) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "year",
        "prob_hit",
        "mean",
        "p5",
        "p10",
        "p25",
        "p50",
        "p75",
        "p90",
        "p95",
        "deterministic",
    ])?;
    for (y, d) in s.years.iter().zip(&s.deterministic.years) {
        let g = &y.growth;
        w.write_record([
            y.year.to_string(),
            fmt(y.prob_hit),
            fmt(g.mean),
            fmt(g.p5),
            fmt(g.p10),
            fmt(g.p25),
            fmt(g.p50),
            fmt(g.p75),
            fmt(g.p90),
            fmt(g.p95),
            fmt(d.growth),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// `funding.csv`: per source, plan, realised percentiles, mean shortfall, P(short) and
/// P(hit | short). Money in thousand bn VND over the horizon.
///
/// # Errors
/// Only on an internal CSV writer error.
pub fn funding_csv(s: &Summary) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record([
        "source",
        "label_vi",
        "label_en",
        "financing",
        "plan",
        "realised_mean",
        "realised_p10",
        "realised_p50",
        "realised_p90",
        "shortfall_mean",
        "prob_short",
        "prob_hit_given_short",
    ])?;
    for f in &s.funding {
        w.write_record([
            f.source.clone(),
            f.label_vi.clone(),
            f.label_en.clone(),
            f.financing.to_string(),
            fmt(f.plan),
            fmt(f.realised.mean),
            fmt(f.realised.p10),
            fmt(f.realised.p50),
            fmt(f.realised.p90),
            fmt(f.shortfall_mean),
            fmt(f.prob_short),
            f.prob_hit_given_short.map(fmt).unwrap_or_default(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
