//! Levers: the scenario fields a sweep or goal-seek moves, by dotted path, plus the virtual
//! lever `funding.scale` (every funding source's central realisation multiplied by a factor).

use crate::scenario::Scenario;
use crate::scenario::edit::{self, Edit, FieldPath, NumericField, Selector};
use std::path::{Path, PathBuf};

/// Name of the virtual lever scaling every source's central realisation.
pub const FUNDING_SCALE: &str = "funding.scale";

/// What a lever changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Lever {
    /// A numeric field of the scenario file (see [`crate::scenario::edit`]).
    Field(FieldPath),
    /// Every funding source's central realisation × the value (1 = the plan as written).
    FundingScale,
    /// `sources.<id>.realised_total`: the amount the source actually delivers over the
    /// horizon, thousand bn VND at central exchange rates (its central realisation is set to
    /// value / plan, the same every year; its plan is unchanged).
    RealisedTotal(String),
}

impl Lever {
    /// Parses a dotted path or `funding.scale`.
    ///
    /// # Errors
    /// A message when the path is malformed.
    pub fn parse(text: &str) -> Result<Lever, String> {
        let t = text.trim();
        if t == FUNDING_SCALE {
            return Ok(Lever::FundingScale);
        }
        if let Some(id) = t
            .strip_prefix("sources.")
            .and_then(|r| r.strip_suffix(".realised_total"))
            .filter(|id| !id.is_empty() && !id.contains('.'))
        {
            return Ok(Lever::RealisedTotal(id.to_string()));
        }
        FieldPath::parse(text).map(Lever::Field)
    }

    /// The lever as written.
    pub fn name(&self) -> String {
        match self {
            Lever::Field(p) => p.text.clone(),
            Lever::FundingScale => FUNDING_SCALE.into(),
            Lever::RealisedTotal(id) => format!("sources.{id}.realised_total"),
        }
    }

    /// Whether the lever is money (thousand bn VND) rather than a rate or factor, judged from
    /// its path: amounts of sources and events.
    pub fn is_money(&self) -> bool {
        match self {
            Lever::Field(p) => {
                let last = p.segments.last().map(String::as_str);
                matches!(last, Some("amounts")) && p.selector != Selector::Scale
            }
            Lever::FundingScale => false,
            Lever::RealisedTotal(_) => true,
        }
    }
}

/// One lever of a scenario as `sweep --list` and the live page list it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LeverInfo {
    /// Its path: `funding.scale`, `sources.<id>.realised_total` or a numeric field.
    pub path: String,
    /// The value as written: one number, or one per year.
    pub values: Vec<f64>,
    /// Whether the field holds one value per year (also `[year]`, `.total`, `.mean`, `.scale`).
    pub per_year: bool,
}

/// A base scenario file and the fields its levers may address.
#[derive(Debug, Clone)]
pub struct Base {
    /// Scenario file.
    pub path: PathBuf,
    /// The scenario as written.
    pub scenario: Scenario,
    /// Numeric fields addressable by path.
    pub fields: Vec<NumericField>,
}

impl Base {
    /// Loads the scenario at `path`.
    ///
    /// # Errors
    /// The scenario diagnostic, as text.
    pub fn load(path: &Path) -> Result<Base, String> {
        let scenario = crate::scenario::load(path).map_err(|e| e.to_string())?;
        let fields = edit::numeric_fields(path).map_err(|e| e.to_string())?;
        Ok(Base {
            path: path.to_path_buf(),
            scenario,
            fields,
        })
    }

    /// Checks that `lever` names a field of this scenario (by loading it at its current
    /// value).
    ///
    /// # Errors
    /// A message listing the valid paths when it does not.
    pub fn check(&self, lever: &Lever) -> Result<(), String> {
        let v = self.current(lever)?;
        self.at(&[(lever.clone(), v)]).map(|_| ())
    }

    /// The lever's value in the scenario as written: the field's value (its sum for `.total`,
    /// mean for `.mean`, the year's value for `[year]`; the mean of the years when a per-year
    /// field is set whole), 1 for `.scale` and `funding.scale`.
    ///
    /// # Errors
    /// A message listing the valid paths when the field does not exist.
    pub fn current(&self, lever: &Lever) -> Result<f64, String> {
        let p = match lever {
            Lever::FundingScale => return Ok(1.0),
            Lever::RealisedTotal(id) => {
                let sc = &self.scenario;
                let s = self.source(id)?;
                let n = sc.horizon();
                return Ok((0..n)
                    .map(|t| {
                        sc.plan_vnd(s, t, sc.central.exchange_rate[t])
                            * sc.central.realisation[s * n + t]
                    })
                    .sum());
            }
            Lever::Field(p) => p,
        };
        let field = p.field();
        let Some(f) = self.fields.iter().find(|f| f.path == field) else {
            // let the edit machinery produce the message with the valid paths
            return Err(edit::load_edited(
                &self.path,
                &[Edit {
                    path: p.clone(),
                    value: 0.0,
                }],
            )
            .err()
            .unwrap_or_else(|| format!("{} is not a numeric field", p.text)));
        };
        let n = self.scenario.horizon();
        let years: Vec<f64> = if f.value.len() == 1 {
            vec![f.value[0]; n]
        } else {
            f.value.clone()
        };
        let mean = years.iter().sum::<f64>() / years.len().max(1) as f64;
        Ok(match p.selector {
            Selector::Set => {
                if f.value.len() == 1 {
                    f.value[0]
                } else {
                    mean
                }
            }
            Selector::Year(y) => {
                let t = self.scenario.meta.years.iter().position(|&x| x == y);
                t.and_then(|t| years.get(t).copied())
                    .ok_or_else(|| format!("{}: {y} is not a projection year", p.text))?
            }
            Selector::Total => years.iter().sum(),
            Selector::Mean => mean,
            Selector::Scale => 1.0,
        })
    }

    /// Every lever of the scenario, in order: `funding.scale`, each source's realised total,
    /// then the numeric fields of the file.
    pub fn list(&self) -> Vec<LeverInfo> {
        let one = |path: String, v: f64| LeverInfo {
            path,
            values: vec![v],
            per_year: false,
        };
        let mut out = vec![one(FUNDING_SCALE.into(), 1.0)];
        for src in &self.scenario.sources {
            let lever = Lever::RealisedTotal(src.id.clone());
            out.push(one(lever.name(), self.current(&lever).unwrap_or(f64::NAN)));
        }
        out.extend(self.fields.iter().map(|f| LeverInfo {
            path: f.path.clone(),
            values: f.value.clone(),
            per_year: f.per_year,
        }));
        out
    }

    /// Index of source `id`.
    ///
    /// # Errors
    /// A message listing the sources when there is none with that id.
    pub fn source(&self, id: &str) -> Result<usize, String> {
        self.scenario.source_index(id).ok_or_else(|| {
            let ids: Vec<&str> = self
                .scenario
                .sources
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            let hint = crate::scenario::closest(id, ids.iter().copied())
                .map(|c| format!(" did you mean {c}?"))
                .unwrap_or_default();
            format!(
                "sources.{id}.realised_total: no source {id:?}; the sources are {}.{hint}",
                ids.join(", ")
            )
        })
    }

    /// The scenario with every lever set to its value.
    ///
    /// # Errors
    /// A message when a path is not a field, or the edited scenario is not valid (e.g. a
    /// value out of the field's range).
    pub fn at(&self, settings: &[(Lever, f64)]) -> Result<Scenario, String> {
        let edits: Vec<Edit> = settings
            .iter()
            .filter_map(|(l, v)| match l {
                Lever::Field(p) => Some(Edit {
                    path: p.clone(),
                    value: *v,
                }),
                Lever::FundingScale | Lever::RealisedTotal(_) => None,
            })
            .collect();
        let mut sc = if edits.is_empty() {
            self.scenario.clone()
        } else {
            edit::load_edited(&self.path, &edits)?
        };
        let n = sc.horizon();
        for (l, v) in settings {
            match l {
                Lever::Field(_) => continue,
                Lever::FundingScale => {
                    if !(v.is_finite() && *v >= 0.0) {
                        return Err(format!("{FUNDING_SCALE} must be a factor ≥ 0, found {v}"));
                    }
                    sc.central.realisation.iter_mut().for_each(|r| *r *= v);
                }
                Lever::RealisedTotal(id) => {
                    let s = self.source(id)?;
                    let plan: f64 = (0..n)
                        .map(|t| sc.plan_vnd(s, t, sc.central.exchange_rate[t]))
                        .sum();
                    if !(v.is_finite() && *v >= 0.0 && plan > 0.0) {
                        return Err(format!(
                            "{}: expected an amount ≥ 0 for a source with a plan, found {v} (plan {plan})",
                            l.name()
                        ));
                    }
                    for t in 0..n {
                        sc.central.realisation[s * n + t] = v / plan;
                    }
                }
            }
            // edits change the hash through the file text; virtual levers must too
            sc.content_hash = crate::scenario::fnv1a_hex(&[
                sc.content_hash.as_bytes(),
                l.name().as_bytes(),
                &v.to_le_bytes(),
            ]);
        }
        Ok(sc)
    }
}
