//! Draws one path's inputs: levels (plain or Latin hypercube), copula, yearly AR(1) shocks,
//! project delays. Deterministic in (seed, path) only.

use super::dist::std_normal_inv;
use super::stream::{LHS_BLOCK, PathStream, Region, lhs_permutation, unit_pair};
use crate::scenario::uncertainty::{Apply, Target};
use crate::scenario::{Inputs, Scenario};

/// How per-path levels are sampled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampler {
    /// Plain Monte Carlo.
    Mc,
    /// Latin hypercube over the per-path levels, in blocks of 4,096 paths.
    Lhs,
}

/// The independent random numbers of one path, before any transformation: what the Sobol
/// analysis mixes between two paths (so its indices are over these independent variates, the
/// underlying normals of the copula).
#[derive(Debug, Clone, Default)]
pub struct Variates {
    /// Per uncertain input (in input order): the uniform of its level, after Latin hypercube
    /// stratification. Correlated inputs turn it into an independent normal, then Cholesky.
    pub level: Vec<f64>,
    /// Per input × year (input-major): the standard normal score of the yearly shock.
    pub shock: Vec<f64>,
    /// Per project event: the uniform deciding whether it is delayed, and the uniform of the
    /// delay's length.
    pub event: Vec<[f64; 2]>,
}

/// Values held fixed while the rest is drawn (the tornado): a quantile of an input's level
/// (of its own marginal, after the copula), or a project's delay in years.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hold {
    /// Per input: `Some(q)` holds the level at its marginal quantile q.
    pub level: Vec<Option<f64>>,
    /// Per event: `Some(d)` holds the delay at d years.
    pub delay: Vec<Option<usize>>,
}

/// Reusable buffers for drawing paths.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The path's independent variates (filled by [`variates`], used by [`apply`]).
    pub v: Variates,
    /// Score of each input's level (in input order): its uniform, or for correlated inputs
    /// the correlated normal score z' (either ranks the paths as the level does).
    pub u: Vec<f64>,
    correlated: Vec<bool>,
    z: Vec<f64>,
    zc: Vec<f64>,
    /// Delay in years drawn for each event (0 = on time).
    pub delays: Vec<usize>,
    /// One input's yearly series (level plus shocks) before it is combined with the central.
    series: Vec<f64>,
    /// LHS permutations of the current block, one per input.
    perms: Vec<Vec<u32>>,
    perm_block: Option<u64>,
    /// The regions (slot, has shocks) of the inputs then the events, and the horizon, that
    /// `counters` were made for.
    layout: (Vec<(u64, bool)>, usize),
    /// Counter words 0 and 1 of the blocks every path reads (the same for every path).
    counters: [Vec<u32>; 2],
    /// The path's words of those blocks.
    blocks: Vec<[u64; 2]>,
}

/// Copies `src` into `dst` without reallocating.
fn copy_inputs(dst: &mut Inputs, src: &Inputs) {
    dst.grdp_base_nominal = src.grdp_base_nominal;
    dst.capital_output_ratio = src.capital_output_ratio;
    dst.capital_share = src.capital_share;
    dst.depreciation = src.depreciation;
    dst.exchange_rate_base = src.exchange_rate_base;
    dst.population_base = src.population_base;
    dst.employment_base = src.employment_base;
    dst.deflator_growth.clone_from(&src.deflator_growth);
    dst.exchange_rate.clone_from(&src.exchange_rate);
    dst.human_capital_growth
        .clone_from(&src.human_capital_growth);
    dst.population.clone_from(&src.population);
    dst.employment.clone_from(&src.employment);
    dst.tfp_growth.clone_from(&src.tfp_growth);
    dst.icor.clone_from(&src.icor);
    dst.realisation.clone_from(&src.realisation);
    dst.fixed_growth.clone_from(&src.fixed_growth);
    dst.fixed_investment.clone_from(&src.fixed_investment);
}

#[inline]
fn combine(apply: Apply, central: f64, x: f64) -> f64 {
    match apply {
        Apply::Add => central + x,
        Apply::Multiply => central * x,
        Apply::Replace => x,
    }
}

/// Fills `x` with the inputs of path `path` (and `scratch.delays` with project delays).
pub fn draw(
    sc: &Scenario,
    seed: u64,
    path: u64,
    sampler: Sampler,
    x: &mut Inputs,
    scratch: &mut Scratch,
) {
    variates(sc, seed, path, sampler, scratch);
    apply(sc, x, scratch, None);
}

/// Fills `scratch.v` with the independent variates of path `path`: per input the level's
/// uniform then the yearly shocks' normal scores, each input from its own region of the
/// path's stream (so common random numbers hold by input name), then two uniforms per event.
pub fn variates(sc: &Scenario, seed: u64, path: u64, sampler: Sampler, scratch: &mut Scratch) {
    let unc = &sc.uncertainty;
    let n = sc.horizon();
    let k = unc.inputs.len();
    scratch.v.level.resize(k, 0.5);
    scratch.v.shock.resize(k * n, 0.0);
    if sampler == Sampler::Lhs {
        let block = path / LHS_BLOCK;
        if scratch.perm_block != Some(block) {
            scratch.perms.resize(k, Vec::new());
            for (i, inp) in unc.inputs.iter().enumerate() {
                lhs_permutation(seed, block, inp.slot, &mut scratch.perms[i]);
            }
            scratch.perm_block = Some(block);
        }
    }
    // the blocks every path reads: per input the level's word and one word per year of
    // shocks (the ziggurat takes a second word about once in a hundred normals: read from
    // the stream), per event one block; generated several at a time
    let per_input = |shock: bool| if shock { (n + 1).div_ceil(2) } else { 1 };
    let regions = || {
        let inputs = unc.inputs.iter().map(|inp| (inp.slot, inp.shock.is_some()));
        inputs.chain(unc.events.iter().map(|ev| (ev.slot, false)))
    };
    if scratch.layout.1 != n || !regions().eq(scratch.layout.0.iter().copied()) {
        scratch.layout = (regions().collect(), n);
        let wanted: Vec<(u64, u32)> = regions()
            .flat_map(|(slot, shock)| (0..per_input(shock) as u32).map(move |b| (slot, b)))
            .collect();
        scratch.counters = PathStream::counters(&wanted);
    }
    let mut stream = PathStream::new(seed, path);
    let [c0, c1] = &scratch.counters;
    stream.fill(c0, c1, &mut scratch.blocks);
    let mut at = 0;
    for (i, inp) in unc.inputs.iter().enumerate() {
        let nb = per_input(inp.shock.is_some());
        let mut region = Region::new(&mut stream, inp.slot, &scratch.blocks[at..at + nb]);
        at += nb;
        // the level's uniform first; the yearly shocks' standard normal scores (z, mapped
        // through the shock's own distribution) follow it in the input's region
        let u = region.uniform();
        if inp.shock.is_some() {
            for t in 0..n {
                scratch.v.shock[i * n + t] = region.normal();
            }
        }
        scratch.v.level[i] = match sampler {
            Sampler::Mc => u,
            Sampler::Lhs => {
                let stratum = scratch.perms[i][(path % LHS_BLOCK) as usize];
                (f64::from(stratum) + u) / LHS_BLOCK as f64
            }
        };
    }
    scratch.v.event.clear();
    scratch
        .v
        .event
        .extend(scratch.blocks[at..].iter().map(|&b| unit_pair(b)));
}

/// Turns the variates in `scratch.v` into the path's inputs `x` and delays `scratch.delays`:
/// copula, marginal quantiles, yearly AR(1) shocks, project delays; `hold` fixes some levels
/// or delays (the tornado).
pub fn apply(sc: &Scenario, x: &mut Inputs, scratch: &mut Scratch, hold: Option<&Hold>) {
    let unc = &sc.uncertainty;
    let n = sc.horizon();
    copy_inputs(x, &sc.central);
    let k = unc.inputs.len();
    scratch.u.clear();
    scratch.u.extend_from_slice(&scratch.v.level);
    scratch.u.resize(k, 0.5);
    if let Some(c) = &unc.correlation {
        let m = c.inputs.len();
        scratch.z.resize(m, 0.0);
        scratch.zc.resize(m, 0.0);
        for (j, &i) in c.inputs.iter().enumerate() {
            scratch.z[j] = std_normal_inv(scratch.u[i]);
        }
        for r in 0..m {
            let mut acc = 0.0;
            for col in 0..=r {
                acc += c.cholesky[(r, col)] * scratch.z[col];
            }
            scratch.zc[r] = acc;
        }
        scratch.correlated.clear();
        scratch.correlated.resize(k, false);
        for (j, &i) in c.inputs.iter().enumerate() {
            // keep the normal score: the level comes straight from it (no Φ round trip), and
            // it ranks paths exactly as the uniform would
            scratch.u[i] = scratch.zc[j];
            scratch.correlated[i] = true;
        }
    } else {
        scratch.correlated.clear();
        scratch.correlated.resize(k, false);
    }
    for (i, inp) in unc.inputs.iter().enumerate() {
        let held = hold.and_then(|h| h.level.get(i).copied().flatten());
        let level = if let Some(q) = held {
            inp.level.quantile(q)
        } else if scratch.correlated[i] {
            inp.level.from_std_normal(scratch.u[i])
        } else {
            inp.level.quantile(scratch.u[i])
        };
        if !inp.target.per_year() {
            let v = combine(inp.apply, scalar_central(sc, inp.target), level);
            match inp.target {
                Target::Depreciation => x.depreciation = v,
                Target::CapitalOutputRatio => x.capital_output_ratio = v,
                Target::CapitalShare => x.capital_share = v,
                _ => {}
            }
            continue;
        }
        // yearly path X_t = L + e_t (or L + Σ e), e_t = φ e_{t-1} + η_t; the shocks' uniforms
        // follow the level's in the input's own region of the stream
        let series = &mut scratch.series;
        series.resize(n, 0.0);
        match &inp.shock {
            None => series.fill(level),
            Some(shock) => {
                // η_t first, then the recursion over them in place
                shock.map_std_normal(&scratch.v.shock[i * n..(i + 1) * n], series);
                let (mut e, mut cum) = (0.0, 0.0);
                for s in series.iter_mut() {
                    e = inp.persistence * e + *s;
                    cum += e;
                    *s = level + if inp.cumulative { cum } else { e };
                }
            }
        }
        let (dst, central) = match inp.target {
            Target::TfpGrowth => (&mut x.tfp_growth, &sc.central.tfp_growth),
            Target::DeflatorGrowth => (&mut x.deflator_growth, &sc.central.deflator_growth),
            Target::ExchangeRate => (&mut x.exchange_rate, &sc.central.exchange_rate),
            Target::Employment => (&mut x.employment, &sc.central.employment),
            Target::Icor => (&mut x.icor, &sc.central.icor),
            Target::Source(_) => (&mut x.realisation, &sc.central.realisation),
            Target::Depreciation | Target::CapitalOutputRatio | Target::CapitalShare => continue,
        };
        let at = match inp.target {
            Target::Source(s) => s * n,
            _ => 0,
        };
        let (dst, central) = (&mut dst[at..at + n], &central[at..at + n]);
        // a realisation below zero means nothing is realised (clamped in the same pass: a
        // second pass would reload values just stored one at a time as pairs, a stall)
        let clamp = matches!(inp.target, Target::Source(_));
        for ((d, &c), &xt) in dst.iter_mut().zip(central).zip(series.iter()) {
            let v = combine(inp.apply, c, xt);
            *d = if clamp { v.max(0.0) } else { v };
        }
    }
    scratch.delays.resize(unc.events.len(), 0);
    for (j, ev) in unc.events.iter().enumerate() {
        if let Some(d) = hold.and_then(|h| h.delay.get(j).copied().flatten()) {
            scratch.delays[j] = d.min(n);
            continue;
        }
        let [u_event, u_length] = scratch.v.event.get(j).copied().unwrap_or([1.0, 0.5]);
        scratch.delays[j] = if u_event < ev.delay_probability {
            // any delay of n years or more moves the spending out of the horizon
            ev.delay_years
                .quantile(u_length)
                .round()
                .clamp(0.0, n as f64) as usize
        } else {
            0
        };
    }
}

fn scalar_central(sc: &Scenario, t: Target) -> f64 {
    match t {
        Target::Depreciation => sc.central.depreciation,
        Target::CapitalOutputRatio => sc.central.capital_output_ratio,
        Target::CapitalShare => sc.central.capital_share,
        _ => 0.0,
    }
}

/// Largest yearly growth rate (TFP, deflator) a drawn path may have: 1000% a year. Beyond it
/// no economy is described, and compounding would overflow.
const MAX_RATE: f64 = 10.0;
/// Largest realisation factor of a source (1000 × its plan).
const MAX_REALISATION: f64 = 1e3;
/// Largest drawn exchange rate (VND per USD) and employment (thousands).
const MAX_LEVEL: f64 = 1e12;

/// A drawn value for a message: plain when moderate, in scientific notation when huge or tiny.
fn show(v: f64) -> String {
    if v == 0.0 || (1e-4..1e6).contains(&v.abs()) || !v.is_finite() {
        format!("{v}")
    } else {
        format!("{v:.4e}")
    }
}

/// Whether [`invalid_reason`] finds nothing: the same conditions, without branches (every
/// path passes through here; the message is built only for the rare invalid one).
fn is_valid(sc: &Scenario, x: &Inputs) -> bool {
    let mut ok = (x.capital_share > 0.0)
        & (x.capital_share < 1.0)
        & (0.0..1.0).contains(&x.depreciation)
        & (x.capital_output_ratio > 0.0)
        & (x.capital_output_ratio < MAX_LEVEL);
    let n = sc.horizon();
    let rate = |g: f64| (g > -1.0) & (g < MAX_RATE);
    let level = |v: f64| (v > 0.0) & (v < MAX_LEVEL);
    for t in 0..n {
        ok &= rate(x.tfp_growth[t])
            & rate(x.deflator_growth[t])
            & level(x.exchange_rate[t])
            & level(x.employment[t]);
    }
    if sc.meta.engine == crate::scenario::Engine::Icor {
        ok &= x.icor[..n].iter().all(|&v| level(v));
    }
    // NaN fails `r <= MAX_REALISATION`, as `r.is_nan() || r > MAX_REALISATION` flags it
    let r = &x.realisation[..sc.sources.len() * n];
    ok & r.iter().fold(true, |ok, &r| ok & (r <= MAX_REALISATION))
}

/// Why a drawn path is not a valid economy (checked before it is simulated), naming the
/// uncertain input that drew the value when there is one.
pub fn invalid_reason(sc: &Scenario, x: &Inputs) -> Option<String> {
    if is_valid(sc, x) { None } else { reason(sc, x) }
}

/// The checks of [`invalid_reason`] one by one, naming the first that fails.
fn reason(sc: &Scenario, x: &Inputs) -> Option<String> {
    let why = |what: String, target: Target| {
        let named = sc.uncertainty.inputs.iter().find(|i| i.target == target);
        Some(match named {
            Some(i) => format!("{what} (drawn by uncertainty.{})", i.name),
            None => what,
        })
    };
    if !(x.capital_share > 0.0 && x.capital_share < 1.0) {
        return why(
            format!("capital share {} outside (0, 1)", show(x.capital_share)),
            Target::CapitalShare,
        );
    }
    if !(0.0..1.0).contains(&x.depreciation) {
        return why(
            format!("depreciation {} outside [0, 1)", show(x.depreciation)),
            Target::Depreciation,
        );
    }
    if !(x.capital_output_ratio > 0.0 && x.capital_output_ratio < MAX_LEVEL) {
        return why(
            format!(
                "K/Y {} not positive and finite",
                show(x.capital_output_ratio)
            ),
            Target::CapitalOutputRatio,
        );
    }
    let n = sc.horizon();
    for t in 0..n {
        let year = sc.meta.years[t];
        if !(x.tfp_growth[t] > -1.0 && x.tfp_growth[t] < MAX_RATE) {
            return why(
                format!(
                    "TFP growth {} in {year} (expected above −1 and below {MAX_RATE})",
                    show(x.tfp_growth[t])
                ),
                Target::TfpGrowth,
            );
        }
        if !(x.deflator_growth[t] > -1.0 && x.deflator_growth[t] < MAX_RATE) {
            return why(
                format!(
                    "deflator growth {} in {year} (expected above −1 and below {MAX_RATE})",
                    show(x.deflator_growth[t])
                ),
                Target::DeflatorGrowth,
            );
        }
        if !(x.exchange_rate[t] > 0.0 && x.exchange_rate[t] < MAX_LEVEL) {
            return why(
                format!("exchange rate {} in {year}", show(x.exchange_rate[t])),
                Target::ExchangeRate,
            );
        }
        if !(x.employment[t] > 0.0 && x.employment[t] < MAX_LEVEL) {
            return why(
                format!("employment {} in {year}", show(x.employment[t])),
                Target::Employment,
            );
        }
        if sc.meta.engine == crate::scenario::Engine::Icor
            && !(x.icor[t] > 0.0 && x.icor[t] < MAX_LEVEL)
        {
            return why(format!("ICOR {} in {year}", show(x.icor[t])), Target::Icor);
        }
        for (s, src) in sc.sources.iter().enumerate() {
            let r = x.realisation[s * n + t];
            if r.is_nan() || r > MAX_REALISATION {
                return why(
                    format!(
                        "realisation {} of source `{}` in {year} (expected at most {MAX_REALISATION} × its plan)",
                        show(r),
                        src.id
                    ),
                    Target::Source(s),
                );
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The branch-free check and the message builder must agree on every input, or an
    /// invalid path would slip through the fast check: each bound, just inside and outside.
    #[test]
    fn the_fast_check_agrees_with_the_named_checks_at_every_bound() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/hanoi-2026-2030-mc.toml"
        );
        let sc = crate::scenario::load(path.as_ref()).expect("shipped scenario");
        let edges = [
            f64::NAN,
            f64::NEG_INFINITY,
            -1.0 - 1e-12,
            -1.0,
            -1.0 + 1e-12,
            -0.5,
            0.0,
            1e-300,
            0.3,
            1.0 - 1e-12,
            1.0,
            MAX_RATE - 1e-9,
            MAX_RATE,
            MAX_REALISATION,
            MAX_REALISATION * (1.0 + 1e-12),
            MAX_LEVEL * (1.0 - 1e-12),
            MAX_LEVEL,
            f64::INFINITY,
        ];
        type Set = fn(&mut Inputs, f64);
        let fields: [(&str, Set); 9] = [
            ("capital share", |x, v| x.capital_share = v),
            ("depreciation", |x, v| x.depreciation = v),
            ("K/Y", |x, v| x.capital_output_ratio = v),
            ("tfp", |x, v| x.tfp_growth[2] = v),
            ("deflator", |x, v| x.deflator_growth[4] = v),
            ("exchange rate", |x, v| x.exchange_rate[0] = v),
            ("employment", |x, v| x.employment[3] = v),
            ("realisation", |x, v| x.realisation[7] = v),
            ("icor (unused by this engine)", |x, v| x.icor[1] = v),
        ];
        let mut invalid = 0;
        for (name, set) in fields {
            for &v in &edges {
                let mut x = sc.central.clone();
                set(&mut x, v);
                let named = reason(&sc, &x);
                assert_eq!(
                    is_valid(&sc, &x),
                    named.is_none(),
                    "{name} = {v}: {named:?}"
                );
                invalid += usize::from(named.is_some());
            }
        }
        assert!(invalid > 40, "{invalid}");
    }
}
