//! A per-year input: one number for every year, or one number per projection year.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// A quantity given per projection year: `x = 0.05` (every year) or `x = [0.05, 0.04, …]`.
#[derive(Debug, Clone, PartialEq)]
pub enum PerYear {
    /// The same value in every year.
    One(f64),
    /// One value per projection year, in order.
    Many(Vec<f64>),
}

impl PerYear {
    /// Expands to exactly `n` values, or returns the count that was given when it differs.
    pub fn expand(&self, n: usize) -> Result<Vec<f64>, usize> {
        match self {
            PerYear::One(v) => Ok(vec![*v; n]),
            PerYear::Many(v) if v.len() == n => Ok(v.clone()),
            PerYear::Many(v) => Err(v.len()),
        }
    }
}

struct PerYearVisitor;

impl<'de> Visitor<'de> for PerYearVisitor {
    type Value = PerYear;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, or an array of numbers with one value per projection year")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<PerYear, E> {
        Ok(PerYear::One(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PerYear, E> {
        Ok(PerYear::One(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PerYear, E> {
        Ok(PerYear::One(v as f64))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PerYear, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<f64>()? {
            out.push(v);
        }
        Ok(PerYear::Many(out))
    }
}

impl<'de> Deserialize<'de> for PerYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PerYearVisitor)
    }
}
