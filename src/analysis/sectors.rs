//! The sector bridge (`grdpsim sectors`): GRDP growth as the share-weighted sum of sector
//! value-added growth, chain-linked at previous-year prices,
//!
//!   g_t = Σ_i s_{i,t−1}·g_{i,t},   s_{i,t} = s_{i,t−1}·(1+g_{i,t}) / (1+g_t),
//!
//! with the part of GRDP no sector target covers (sectors without a growth target and the
//! share no sector claims, taxes on products included) as one explicit **remainder**. It says
//! what the remainder must grow for the target, what each sector contributes, the end-year
//! structure, and for sectors with realised years what the rest of the period needs (the
//! review's "2025 needs construction > 29.0%"). Method: docs/model.md, "Sector bridge".

use crate::analysis::remaining::required_growth;
use crate::model::{self, ModelError};
use crate::scenario::Scenario;

/// Key of the remainder row.
pub const REMAINDER: &str = "remainder";

/// One sector (or the remainder) in the bridge.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SectorRow {
    /// Identifier (`remainder` for the uncovered part).
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Share of GRDP in the base year.
    pub share_base: f64,
    /// Share of GRDP in the end year.
    pub share_end: f64,
    /// Compound average value-added growth over the horizon (realised years included).
    pub growth: f64,
    /// Average contribution to GRDP growth a year, fraction of GRDP (Σ_t s_{t−1}·g_t / T).
    pub contribution: f64,
    /// Growth per year.
    pub growth_by_year: Vec<f64>,
    /// Contribution to growth per year.
    pub contribution_by_year: Vec<f64>,
    /// Whether its growth is the scenario's target (false for the remainder, whose growth is
    /// what the target needs).
    pub given: bool,
}

/// A sector's own plan against its realised years: what the rest of the horizon needs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Requirement {
    /// Sector id.
    pub id: String,
    /// The sector's planned average growth over the horizon.
    pub plan: f64,
    /// Realised growth of the first years.
    pub actual: Vec<f64>,
    /// Average growth the remaining years need: ((1+plan)^N / Π(1+a_t))^(1/m) − 1.
    pub required_growth: f64,
}

/// The sector bridge (`sectors.json`). Rates as fractions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SectorBridge {
    /// Scenario name.
    pub scenario: String,
    /// Growth target (compound average over the horizon).
    pub target: f64,
    /// The sectors in the bridge, then the remainder (when any).
    pub sectors: Vec<SectorRow>,
    /// Constant growth a year the remainder needs for the target over the horizon; `None`
    /// when nothing is uncovered.
    pub remainder_required_growth: Option<f64>,
    /// Growth the remainder needs each year for the target to hold every year.
    pub remainder_required_by_year: Vec<f64>,
    /// Compound average growth of the bridge (the target when a remainder absorbs the rest).
    pub growth_total: f64,
    /// Growth per year of the bridge.
    pub growth_by_year: Vec<f64>,
    /// The macro model's central growth path, for comparison.
    pub macro_growth: Vec<f64>,
    /// Growth the remainder needs each year for the bridge to follow the macro path.
    pub remainder_for_macro: Vec<f64>,
    /// Sectors with realised years: what the rest of the horizon needs.
    pub requirements: Vec<Requirement>,
    /// Sectors reported alone (no base-year share): their ids.
    pub outside: Vec<String>,
}

/// A bridge sector: share and growth path (realised years first, then the target).
struct Part {
    share: f64,
    growth: Option<Vec<f64>>,
}

fn path_of(actual: &[f64], plan: &[f64]) -> Vec<f64> {
    plan.iter()
        .enumerate()
        .map(|(t, g)| actual.get(t).copied().unwrap_or(*g))
        .collect()
}

/// Runs the bridge with the remainder at `r[t]`: (shares at the end, growth per year,
/// per-part growth and contributions per year).
#[allow(clippy::type_complexity)]
fn run(parts: &[Part], rem: f64, r: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let n = r.len();
    let mut shares: Vec<f64> = parts.iter().map(|p| p.share).chain([rem]).collect();
    let k = shares.len();
    let mut g = vec![0.0; n];
    let mut gi = vec![vec![0.0; n]; k];
    let mut ci = vec![vec![0.0; n]; k];
    for t in 0..n {
        for (i, p) in parts.iter().enumerate() {
            gi[i][t] = p.growth.as_ref().map_or(r[t], |v| v[t]);
        }
        gi[k - 1][t] = r[t];
        let total: f64 = (0..k).map(|i| shares[i] * gi[i][t]).sum();
        for i in 0..k {
            ci[i][t] = shares[i] * gi[i][t];
            shares[i] *= (1.0 + gi[i][t]) / (1.0 + total);
        }
        g[t] = total;
    }
    (shares, g, gi, ci)
}

/// Growth the uncovered part needs each year for total growth `goal[t]`, shares evolving.
fn per_year(parts: &[Part], rem: f64, goal: &[f64]) -> Vec<f64> {
    let n = goal.len();
    let mut shares: Vec<f64> = parts.iter().map(|p| p.share).collect();
    let mut s_rem = rem
        + parts
            .iter()
            .filter(|p| p.growth.is_none())
            .map(|p| p.share)
            .sum::<f64>();
    let mut out = Vec::with_capacity(n);
    for t in 0..n {
        let known: f64 = parts
            .iter()
            .zip(&shares)
            .filter_map(|(p, s)| p.growth.as_ref().map(|v| s * v[t]))
            .sum();
        let r = (goal[t] - known) / s_rem;
        out.push(r);
        for (p, s) in parts.iter().zip(shares.iter_mut()) {
            let gi = p.growth.as_ref().map_or(r, |v| v[t]);
            *s *= (1.0 + gi) / (1.0 + goal[t]);
        }
        s_rem *= (1.0 + r) / (1.0 + goal[t]);
    }
    out
}

fn cagr(g: &[f64]) -> f64 {
    (g.iter().map(|x| x.ln_1p()).sum::<f64>() / g.len() as f64).exp_m1()
}

/// The bridge for `sc`'s sectors.
///
/// # Errors
/// A [`ModelError`] when the macro projection fails, or when the scenario has no sector with
/// a base-year share.
pub fn bridge(sc: &Scenario) -> Result<SectorBridge, ModelError> {
    let n = sc.horizon();
    let target = sc.meta.target_growth;
    let inside: Vec<_> = sc
        .sectors
        .iter()
        .filter(|s| s.share_base.is_some())
        .collect();
    if inside.is_empty() {
        return Err(ModelError {
            year: sc.meta.base_year,
            what: "the scenario has no [[sectors]] with a share_base: nothing to bridge".into(),
        });
    }
    let parts: Vec<Part> = inside
        .iter()
        .map(|s| Part {
            share: s.share_base.unwrap_or(0.0),
            growth: s.growth.as_ref().map(|g| path_of(&s.actual, g)),
        })
        .collect();
    let claimed: f64 = parts.iter().map(|p| p.share).sum();
    let rem = (1.0 - claimed).max(0.0);
    let uncovered = rem
        + parts
            .iter()
            .filter(|p| p.growth.is_none())
            .map(|p| p.share)
            .sum::<f64>();
    let has_rem = uncovered > 1e-12;
    // constant remainder growth for the period target, by bisection (CAGR rises with r)
    let remainder_required_growth = has_rem.then(|| {
        let (mut lo, mut hi) = (-0.9_f64, 5.0_f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if cagr(&run(&parts, rem, &vec![mid; n]).1) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    });
    let r = vec![remainder_required_growth.unwrap_or(0.0); n];
    let (end, g, gi, ci) = run(&parts, rem, &r);
    let mut sectors: Vec<SectorRow> = inside
        .iter()
        .enumerate()
        .map(|(i, s)| SectorRow {
            id: s.id.clone(),
            label_vi: s.label_vi.clone(),
            label_en: s.label_en.clone(),
            share_base: parts[i].share,
            share_end: end[i],
            growth: cagr(&gi[i]),
            contribution: ci[i].iter().sum::<f64>() / n as f64,
            growth_by_year: gi[i].clone(),
            contribution_by_year: ci[i].clone(),
            given: parts[i].growth.is_some(),
        })
        .collect();
    let k = parts.len();
    if rem > 1e-12 {
        sectors.push(SectorRow {
            id: REMAINDER.into(),
            label_vi: "Phần còn lại (không có chỉ tiêu ngành)".into(),
            label_en: "Remainder (no sector target)".into(),
            share_base: rem,
            share_end: end[k],
            growth: cagr(&gi[k]),
            contribution: ci[k].iter().sum::<f64>() / n as f64,
            growth_by_year: gi[k].clone(),
            contribution_by_year: ci[k].clone(),
            given: false,
        });
    }
    let macro_growth: Vec<f64> = model::project(sc, &sc.central)?
        .years
        .iter()
        .map(|y| y.growth)
        .collect();
    let requirements = sc
        .sectors
        .iter()
        .filter(|s| !s.actual.is_empty())
        .filter_map(|s| {
            let plan = cagr(s.growth.as_ref()?);
            Some(Requirement {
                id: s.id.clone(),
                plan,
                actual: s.actual.clone(),
                required_growth: required_growth(plan, n, &s.actual),
            })
        })
        .collect();
    Ok(SectorBridge {
        scenario: sc.meta.name.clone(),
        target,
        remainder_required_growth,
        remainder_required_by_year: if has_rem {
            per_year(&parts, rem, &vec![target; n])
        } else {
            Vec::new()
        },
        remainder_for_macro: if has_rem {
            per_year(&parts, rem, &macro_growth)
        } else {
            Vec::new()
        },
        growth_total: cagr(&g),
        growth_by_year: g,
        macro_growth,
        requirements,
        outside: sc
            .sectors
            .iter()
            .filter(|s| s.share_base.is_none())
            .map(|s| s.id.clone())
            .collect(),
        sectors,
    })
}
