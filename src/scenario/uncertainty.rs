//! Checked uncertainty: distributions of inputs, project events, correlation, compensation.

use super::diagnostic::{SourceMap, closest};
use super::loc::Loc;
use super::raw::{F, RawCompensation, RawCorrelation, RawEvent, RawUncertain, RawUncertainty};
use super::{Currency, ScenarioError, Source};
use crate::montecarlo::correlation::{check_correlation, cholesky_lower, nearest_correlation};
use crate::montecarlo::dist::{DistSpec, Marginal};
use crate::montecarlo::stream::slot;
use nalgebra::DMatrix;

mod types;
pub use types::{
    Apply, Cap, Compensation, Correlation, Event, Target, UncertainInput, Uncertainty,
};

type R<T> = Result<T, ScenarioError>;

pub(crate) struct Ctx<'a> {
    pub map: &'a SourceMap,
    pub n: usize,
    pub sources: &'a [Source],
    /// The horizon's years.
    pub years: &'a [i32],
    /// Central VND per USD per year (USD plans are compared in VND).
    pub exchange_rate: &'a [f64],
}

impl Ctx<'_> {
    fn at<T>(&self, l: &Loc<T>, field: String, msg: String) -> ScenarioError {
        self.map.diag(l.file, l.span.clone(), field, msg).into()
    }

    fn marginal(&self, l: &Loc<DistSpec>, field: String) -> R<Marginal> {
        Marginal::from_spec(&l.value).map_err(|m| self.at(l, field, m))
    }

    fn source(&self, l: &Loc<String>, field: String) -> R<usize> {
        self.sources
            .iter()
            .position(|s| s.id == l.value)
            .ok_or_else(|| {
                let ids: Vec<&str> = self.sources.iter().map(|s| s.id.as_str()).collect();
                let mut d = *self
                    .at(
                        l,
                        field,
                        format!(
                            "unknown source id {:?}; the sources are: {}",
                            l.value,
                            ids.join(", ")
                        ),
                    )
                    .0;
                if let Some(c) = closest(&l.value, ids.iter().copied()) {
                    d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                }
                ScenarioError::from(d)
            })
    }
}

fn input(ctx: &Ctx, name: String, target: Target, raw: &Loc<RawUncertain>) -> R<UncertainInput> {
    let field = |f: &str| format!("uncertainty.{name}.{f}");
    let r = &raw.value;
    let default_apply = match target {
        Target::TfpGrowth | Target::DeflatorGrowth => Apply::Add,
        Target::ExchangeRate | Target::Employment | Target::Source(_) | Target::Icor => {
            Apply::Multiply
        }
        Target::Depreciation | Target::CapitalOutputRatio | Target::CapitalShare => Apply::Replace,
    };
    let apply = match &r.apply {
        None => default_apply,
        Some(a) => match a.value.as_str() {
            "add" => Apply::Add,
            "multiply" => Apply::Multiply,
            "replace" => Apply::Replace,
            other => {
                return Err(ctx.at(
                    a,
                    field("apply"),
                    format!("expected \"add\", \"multiply\" or \"replace\", found {other:?}"),
                ));
            }
        },
    };
    let Some(level_l) = &r.level else {
        return Err(ctx.at(raw, field("level"), format!(
            "missing field `level`: the distribution of {name} drawn once per path, e.g. level = {{ dist = \"normal\", mean = 0.0, sd = 0.01 }}")));
    };
    let level = ctx.marginal(level_l, field("level"))?;
    let shock = r
        .shock
        .as_ref()
        .map(|s| ctx.marginal(s, field("shock")))
        .transpose()?;
    if shock.is_some() && !target.per_year() {
        let s = r.shock.as_ref().expect("checked");
        return Err(ctx.at(
            s,
            field("shock"),
            format!("{name} is a single number, not a per-year path: it takes a `level` only"),
        ));
    }
    let persistence = match &r.persistence {
        None => 0.0,
        Some(p) if p.value.is_finite() && p.value > -1.0 && p.value < 1.0 => p.value,
        Some(p) => {
            return Err(ctx.at(
                p,
                field("persistence"),
                format!(
                    "expected an AR(1) coefficient strictly between −1 and 1, found {}",
                    p.value
                ),
            ));
        }
    };
    if let (Some(p), None) = (&r.persistence, &shock) {
        return Err(ctx.at(
            p,
            field("persistence"),
            "persistence needs a `shock` distribution to act on".into(),
        ));
    }
    let level_mean = level.mean();
    let level_sd = level.variance().max(0.0).sqrt();
    Ok(UncertainInput {
        slot: slot(&name),
        name,
        target,
        apply,
        level,
        shock,
        persistence,
        cumulative: r.cumulative.as_ref().is_some_and(|c| c.value),
        citation: r
            .citation
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_default(),
        level_mean,
        level_sd,
    })
}

fn event(ctx: &Ctx, i: usize, raw: &Loc<RawEvent>) -> R<Event> {
    let e = &raw.value;
    let base = format!("uncertainty.events[{i}]");
    let id = e.id.as_ref().ok_or_else(|| {
        ctx.at(
            raw,
            format!("{base}.id"),
            "missing field `id`: an identifier for the project".into(),
        )
    })?;
    let base = format!("uncertainty.events.{}", id.value);
    let src_l = e.source.as_ref().ok_or_else(|| {
        ctx.at(
            raw,
            format!("{base}.source"),
            "missing field `source`: the funding source whose plan contains this project".into(),
        )
    })?;
    let source = ctx.source(src_l, format!("{base}.source"))?;
    let amounts_l = e.amounts.as_ref().ok_or_else(|| {
        ctx.at(
            raw,
            format!("{base}.amounts"),
            "missing field `amounts`: the project's planned spending per year, thousand bn VND"
                .into(),
        )
    })?;
    let amounts = amounts_l.value.expand(ctx.n).map_err(|found| {
        ctx.at(
            amounts_l,
            format!("{base}.amounts"),
            format!("expected one number or {} values, found {found}", ctx.n),
        )
    })?;
    if amounts.iter().any(|a| !a.is_finite() || *a < 0.0) {
        return Err(ctx.at(
            amounts_l,
            format!("{base}.amounts"),
            "expected non-negative amounts in thousand bn VND".into(),
        ));
    }
    // an event is part of its source's plan: it cannot spend more than the source plans
    let src = &ctx.sources[source];
    for (t, &a) in amounts.iter().enumerate() {
        let plan = match src.currency {
            Currency::Vnd => src.plan[t],
            Currency::Usd => src.plan[t] * ctx.exchange_rate[t] / 1000.0,
        };
        if a > plan * (1.0 + 1e-9) {
            return Err(ctx.at(
                amounts_l,
                format!("{base}.amounts"),
                format!(
                    "the project spends {a} in {} but its source `{}` plans only {plan:.2} \
                     (thousand bn VND) that year; a project is part of its source's plan: \
                     lower the project's amounts or raise sources.{}.plan",
                    ctx.years[t], src.id, src.id
                ),
            ));
        }
    }
    let p_l = e.delay_probability.as_ref().ok_or_else(|| {
        ctx.at(
            raw,
            format!("{base}.delay_probability"),
            "missing field `delay_probability`: a probability between 0 and 1".into(),
        )
    })?;
    if !(0.0..=1.0).contains(&p_l.value) {
        return Err(ctx.at(
            p_l,
            format!("{base}.delay_probability"),
            format!(
                "expected a probability between 0 and 1, found {}",
                p_l.value
            ),
        ));
    }
    let d_l = e.delay_years.as_ref().ok_or_else(|| {
        ctx.at(
            raw,
            format!("{base}.delay_years"),
            "missing field `delay_years`: whole years, or a distribution".into(),
        )
    })?;
    let spec: DistSpec = match &d_l.value {
        toml::Value::Integer(y) => DistSpec::Fixed { value: *y as f64 },
        toml::Value::Float(y) => DistSpec::Fixed { value: *y },
        other => other.clone().try_into().map_err(|e: toml::de::Error| {
            ctx.at(
                d_l,
                format!("{base}.delay_years"),
                format!(
                    "expected whole years or a distribution table: {}",
                    e.message()
                ),
            )
        })?,
    };
    let delay_years =
        Marginal::from_spec(&spec).map_err(|m| ctx.at(d_l, format!("{base}.delay_years"), m))?;
    let (lo, _) = delay_years.support();
    if lo < 0.0 {
        return Err(ctx.at(
            d_l,
            format!("{base}.delay_years"),
            "a delay cannot be negative".into(),
        ));
    }
    whole_years(&delay_years).map_err(|m| ctx.at(d_l, format!("{base}.delay_years"), m))?;
    Ok(Event {
        slot: slot(&format!("events.{}", id.value)),
        id: id.value.clone(),
        source,
        amounts,
        delay_probability: p_l.value,
        delay_years,
        citation: e
            .citation
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_default(),
    })
}

/// Delays move spending by whole years: a fixed number or a discrete distribution of whole
/// numbers. Anything else would be rounded silently, so it is refused.
fn whole_years(d: &Marginal) -> Result<(), String> {
    let values: &[f64] = match d {
        Marginal::Fixed(v) => std::slice::from_ref(v),
        Marginal::Discrete(d) => d.values(),
        _ => {
            return Err("expected whole years: a number such as 2, or \
                 { dist = \"discrete\", values = [1, 2, 3], weights = [0.5, 0.3, 0.2] }; \
                 a continuous distribution would give fractions of a year"
                .into());
        }
    };
    match values.iter().find(|v| v.fract() != 0.0) {
        Some(v) => Err(format!(
            "expected whole years, found {v}; spending moves by whole years (write {} or {})",
            v.floor(),
            v.ceil()
        )),
        None => Ok(()),
    }
}

pub(crate) fn uncertainty(
    ctx: &Ctx,
    raw: &F<RawUncertainty>,
    corr: &F<RawCorrelation>,
    comp: &[Loc<RawCompensation>],
) -> R<Uncertainty> {
    let mut inputs = Vec::new();
    if let Some(u) = raw {
        let u = &u.value;
        let fixed: [(&str, Target, &F<RawUncertain>); 8] = [
            ("tfp_growth", Target::TfpGrowth, &u.tfp_growth),
            (
                "deflator_growth",
                Target::DeflatorGrowth,
                &u.deflator_growth,
            ),
            ("exchange_rate", Target::ExchangeRate, &u.exchange_rate),
            ("employment", Target::Employment, &u.employment),
            ("depreciation", Target::Depreciation, &u.depreciation),
            (
                "capital_output_ratio",
                Target::CapitalOutputRatio,
                &u.capital_output_ratio,
            ),
            ("capital_share", Target::CapitalShare, &u.capital_share),
            ("icor", Target::Icor, &u.icor),
        ];
        for (name, target, r) in fixed {
            if let Some(r) = r {
                inputs.push(input(ctx, name.to_string(), target, r)?);
            }
        }
        if let Some(sources) = &u.sources {
            for (id, r) in &sources.value {
                let s = ctx
                    .sources
                    .iter()
                    .position(|s| &s.id == id)
                    .ok_or_else(|| {
                        let ids: Vec<&str> = ctx.sources.iter().map(|s| s.id.as_str()).collect();
                        let mut d = *ctx
                            .at(
                                r,
                                format!("uncertainty.sources.{id}"),
                                format!(
                                    "unknown source id {id:?}; the sources are: {}",
                                    ids.join(", ")
                                ),
                            )
                            .0;
                        if let Some(c) = closest(id, ids.iter().copied()) {
                            d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                        }
                        ScenarioError::from(d)
                    })?;
                inputs.push(input(ctx, format!("sources.{id}"), Target::Source(s), r)?);
            }
        }
    }
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut events = Vec::new();
    if let Some(u) = raw {
        for (i, e) in u.value.events.iter().enumerate() {
            let ev = event(ctx, i, e)?;
            if events.iter().any(|o: &Event| o.id == ev.id) {
                return Err(ctx.at(
                    e,
                    format!("uncertainty.events[{i}].id"),
                    format!("duplicate event id {:?}", ev.id),
                ));
            }
            events.push(ev);
        }
    }
    // correlation
    let correlation = match corr {
        None => None,
        Some(c) => {
            let cv = &c.value;
            let names_l = cv.inputs.as_ref().ok_or_else(|| ctx.at(c, "correlation.inputs".into(), "missing field `inputs`: the names of the correlated inputs, e.g. [\"sources.soe\", \"sources.land_revenue\"]".into()))?;
            let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
            let mut idx = Vec::new();
            for n in &names_l.value {
                let i = names.iter().position(|x| x == n).ok_or_else(|| {
                    let mut d = *ctx
                        .at(
                            names_l,
                            "correlation.inputs".into(),
                            format!(
                                "{n:?} is not an uncertain input; the uncertain inputs are: {}",
                                names.join(", ")
                            ),
                        )
                        .0;
                    if let Some(c) = closest(n, names.iter().copied()) {
                        d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                    }
                    ScenarioError::from(d)
                })?;
                if idx.contains(&i) {
                    return Err(ctx.at(
                        names_l,
                        "correlation.inputs".into(),
                        format!("{n:?} is listed twice"),
                    ));
                }
                idx.push(i);
            }
            let m_l = cv.matrix.as_ref().ok_or_else(|| {
                ctx.at(
                    c,
                    "correlation.matrix".into(),
                    "missing field `matrix`: a square array of arrays, one row per input".into(),
                )
            })?;
            let k = idx.len();
            if k > 64 {
                return Err(ctx.at(
                    names_l,
                    "correlation.inputs".into(),
                    format!("at most 64 correlated inputs are supported, found {k}"),
                ));
            }
            if m_l.value.len() != k || m_l.value.iter().any(|r| r.len() != k) {
                return Err(ctx.at(
                    m_l,
                    "correlation.matrix".into(),
                    format!("expected a {k}×{k} matrix (one row and column per entry of `inputs`)"),
                ));
            }
            let m = DMatrix::from_fn(k, k, |i, j| m_l.value[i][j]);
            let repair = cv.repair.as_ref().is_some_and(|r| r.value);
            let (matrix, repaired_distance) = match check_correlation(&m) {
                Ok(()) => (m, None),
                Err(e) if repair => {
                    let near = nearest_correlation(&m, 1e-12, 1000);
                    let _ = e;
                    (near.matrix, Some(near.frobenius_distance))
                }
                Err(e) => {
                    let mut d = *ctx
                        .at(
                            m_l,
                            "correlation.matrix".into(),
                            format!("not a valid correlation matrix: {e}"),
                        )
                        .0;
                    d = d.with_suggestion("fix the entries named above, or set `repair = true` to use the nearest valid correlation matrix (Higham 2002)");
                    return Err(d.into());
                }
            };
            let cholesky = cholesky_lower(&matrix)
                .map_err(|e| ctx.at(m_l, "correlation.matrix".into(), e.to_string()))?;
            Some(Correlation {
                inputs: idx,
                matrix: (0..k)
                    .map(|i| (0..k).map(|j| matrix[(i, j)]).collect())
                    .collect(),
                requested: m_l.value.clone(),
                cholesky,
                repaired_distance,
            })
        }
    };
    // compensation
    let mut compensation = Vec::new();
    for (i, cl) in comp.iter().enumerate() {
        let c = &cl.value;
        let id = c.id.as_ref().ok_or_else(|| {
            ctx.at(
                cl,
                format!("compensation[{i}].id"),
                "missing field `id`".into(),
            )
        })?;
        let base = format!("compensation.{}", id.value);
        let cov_l = c.covers.as_ref().ok_or_else(|| {
            ctx.at(
                cl,
                format!("{base}.covers"),
                "missing field `covers`: the source whose shortfall is covered".into(),
            )
        })?;
        let covers = ctx.source(cov_l, format!("{base}.covers"))?;
        if ctx.sources[covers].financing {
            return Err(ctx.at(cov_l, format!("{base}.covers"), format!("{:?} is a financing source; a rule covers the shortfall of an investment source", cov_l.value)));
        }
        let from_l = c.from.as_ref().ok_or_else(|| {
            ctx.at(
                cl,
                format!("{base}.from"),
                "missing field `from`: the covering sources, in order".into(),
            )
        })?;
        let mut from = Vec::new();
        for f in &from_l.value {
            let fl = Loc::new(f.clone(), from_l.file, from_l.span.clone());
            let fi = ctx.source(&fl, format!("{base}.from"))?;
            if fi == covers {
                return Err(ctx.at(
                    from_l,
                    format!("{base}.from"),
                    "a source cannot cover its own shortfall".into(),
                ));
            }
            from.push(fi);
        }
        if from.is_empty() {
            return Err(ctx.at(
                from_l,
                format!("{base}.from"),
                "expected at least one covering source".into(),
            ));
        }
        let cap = match &c.cap {
            None => Cap::Surplus,
            Some(l) => match &l.value {
                toml::Value::String(s) if s == "surplus" => Cap::Surplus,
                toml::Value::Table(t) if t.len() == 1 => {
                    let (k, v) = t.iter().next().expect("one entry");
                    let x = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                    match (k.as_str(), x) {
                        ("amount", Some(a)) if a.is_finite() && a >= 0.0 => Cap::Amount(a),
                        ("share", Some(s)) if (0.0..=1.0).contains(&s) => Cap::Share(s),
                        _ => return Err(ctx.at(l, format!("{base}.cap"), "expected `{ amount = x }` (x ≥ 0, thousand bn VND per year) or `{ share = s }` (0 ≤ s ≤ 1)".into())),
                    }
                }
                _ => {
                    return Err(ctx.at(
                        l,
                        format!("{base}.cap"),
                        "expected \"surplus\", `{ amount = x }` or `{ share = s }`".into(),
                    ));
                }
            },
        };
        let efficiency = match &c.efficiency {
            None => 1.0,
            Some(e) if (0.0..=1.0).contains(&e.value) => e.value,
            Some(e) => {
                return Err(ctx.at(
                    e,
                    format!("{base}.efficiency"),
                    format!("expected a fraction between 0 and 1, found {}", e.value),
                ));
            }
        };
        compensation.push(Compensation {
            id: id.value.clone(),
            covers,
            from,
            cap,
            efficiency,
            enabled: c.enabled.as_ref().is_none_or(|e| e.value),
            citation: c
                .citation
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_default(),
        });
    }
    // slots must not collide (they address stream regions)
    let mut slots: Vec<(u64, &str)> = inputs
        .iter()
        .map(|i| (i.slot, i.name.as_str()))
        .chain(events.iter().map(|e| (e.slot, e.id.as_str())))
        .collect();
    slots.sort_unstable();
    if let Some(w) = slots.windows(2).find(|w| w[0].0 == w[1].0)
        && let Some(u) = raw
    {
        return Err(ctx.at(
            u,
            "uncertainty".into(),
            format!(
                "inputs {:?} and {:?} hash to the same random stream region; rename one",
                w[0].1, w[1].1
            ),
        ));
    }
    Ok(Uncertainty {
        inputs,
        events,
        correlation,
        compensation,
    })
}
