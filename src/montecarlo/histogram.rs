//! Streaming percentiles with bounded memory: integer-count histograms that merge exactly.
//!
//! Memory grows with the spread of the values (bins between the smallest and largest value
//! seen), never with the number of paths. Counts are integers, so merging partial histograms
//! in any order gives the same result: percentiles are bit-identical for any thread count.
//!
//! Resolution is chosen for the hot loop: bins of 10⁻⁴ (0.01 percentage point) for rates and
//! 2⁻¹¹ ≈ 0.05% relative for money, so one histogram of a run's growth or GRDP spans a few
//! thousand bins (tens of KB) and a worker's whole accumulator stays in its core's cache.
//! Quantiles interpolate inside the bin, so a reported percentile is within one bin of the
//! exact sample percentile. The bin array grows geometrically (with headroom on both sides),
//! so values outside the current range cost an amortised O(1).

use serde::{Deserialize, Serialize};

/// How values are mapped to bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scale {
    /// Bins of equal width in the value itself (growth rates, shares).
    Linear,
    /// Bins of constant relative width (money amounts): the bin of a positive value is the
    /// top bits of its IEEE-754 representation (exponent and the first 11 mantissa bits), which
    /// is monotone in the value, exact integer arithmetic, and 2⁻¹¹ ≈ 0.05% wide relative to
    /// the value. Values ≤ 0 are counted in `below`. `width` is ignored.
    Log,
}

/// A histogram of f64 values with fixed bin width and an exact min, max and count.
///
/// Two histograms are equal when they hold the same counts in the same bins, whatever
/// headroom their arrays carry; [`Histogram::trim`] drops the headroom (partial results are
/// written trimmed, so their bytes do not depend on the order values were added in).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Histogram {
    scale: Scale,
    /// Bin width in transformed units (value for Linear, ln(value) for Log).
    width: f64,
    /// 1 / width: bins per unit of value (Linear; 0 for Log), so binning multiplies instead of
    /// divides.
    per_unit: f64,
    /// Bin index of `counts[0]`.
    offset: i64,
    counts: Vec<u64>,
    /// Values ≤ 0 on a log scale.
    below: u64,
    /// Number of values added (including `below`).
    n: u64,
    #[serde(serialize_with = "finite_or_null", deserialize_with = "or_pos_inf")]
    min: f64,
    #[serde(serialize_with = "finite_or_null", deserialize_with = "or_neg_inf")]
    max: f64,
}

// An empty histogram has min = +∞ and max = −∞, which JSON cannot hold: write null.
fn finite_or_null<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_some(x)
    } else {
        s.serialize_none()
    }
}

fn or_pos_inf<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
}

fn or_neg_inf<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NEG_INFINITY))
}

/// Mantissa bits dropped for log-scale bins (52 − 11).
const LOG_SHIFT: u32 = 41;

/// Most bins one histogram may hold (guards memory against wild values: 8 MB of counts).
const MAX_BINS: i64 = 1 << 20;

impl PartialEq for Histogram {
    fn eq(&self, o: &Self) -> bool {
        self.scale == o.scale
            && self.width == o.width
            && self.below == o.below
            && self.n == o.n
            && self.min.to_bits() == o.min.to_bits()
            && self.max.to_bits() == o.max.to_bits()
            && self.used() == o.used()
    }
}

impl Histogram {
    /// (first bin, counts) of the non-zero range.
    fn used(&self) -> (i64, &[u64]) {
        let Some(first) = self.counts.iter().position(|&c| c > 0) else {
            return (0, &[]);
        };
        let last = self.counts.iter().rposition(|&c| c > 0).unwrap_or(first);
        (self.offset + first as i64, &self.counts[first..=last])
    }

    /// Drops the empty bins at both ends (the canonical form, for writing).
    pub fn trim(&mut self) {
        let (lo, used) = self.used();
        if used.len() != self.counts.len() {
            self.counts = used.to_vec();
            self.offset = lo;
        }
    }

    /// A histogram with bins `width` wide (in value units for Linear, in ln-units for Log:
    /// `1e-4` ≈ 0.01% relative precision).
    pub fn new(scale: Scale, width: f64) -> Self {
        Histogram {
            scale,
            width,
            // finite for every scale, so partial results can be written as JSON
            per_unit: if width > 0.0 { 1.0 / width } else { 0.0 },
            offset: 0,
            counts: Vec::new(),
            below: 0,
            n: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Growth rates and shares: linear bins of 1e-4 (0.01 percentage points).
    pub fn rate() -> Self {
        Histogram::new(Scale::Linear, 1e-4)
    }

    /// Money and other positive amounts: relative bins of 2⁻¹¹ (0.05%).
    pub fn amount() -> Self {
        Histogram::new(Scale::Log, 0.0)
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Smallest value added (+∞ when empty).
    pub fn min(&self) -> f64 {
        self.min
    }

    /// Largest value added (−∞ when empty).
    pub fn max(&self) -> f64 {
        self.max
    }

    #[inline]
    fn bin_of(&self, x: f64) -> Option<i64> {
        match self.scale {
            Scale::Linear => {
                // floor without a libm call (x86-64's baseline has no rounding instruction)
                let y = x * self.per_unit;
                let i = y as i64;
                Some(i - i64::from((i as f64) > y))
            }
            Scale::Log => (x > 0.0).then(|| (x.to_bits() >> LOG_SHIFT) as i64),
        }
    }

    /// Value at fractional bin position `bin + frac` (linear inside the bin).
    fn value_at(&self, bin: i64, frac: f64) -> f64 {
        match self.scale {
            Scale::Linear => (bin as f64 + frac) * self.width,
            Scale::Log => {
                let lo = f64::from_bits((bin as u64) << LOG_SHIFT);
                let hi = f64::from_bits(((bin + 1) as u64) << LOG_SHIFT);
                lo + (hi - lo) * frac
            }
        }
    }

    /// Adds one value. Non-finite values are ignored (callers count them as invalid paths).
    #[inline]
    pub fn add(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        self.n += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let Some(b) = self.bin_of(x) else {
            self.below += 1;
            return;
        };
        self.add_bin(b, 1);
    }

    #[inline]
    fn add_bin(&mut self, b: i64, c: u64) {
        let i = b.wrapping_sub(self.offset);
        if i >= 0 && i < self.counts.len() as i64 {
            self.counts[i as usize] += c;
        } else {
            self.grow_and_add(b, c);
        }
    }

    /// The cold path of [`Histogram::add_bin`]: makes room for bin `b` with headroom (the
    /// array at least doubles), or clamps beyond `MAX_BINS` of spread.
    #[cold]
    fn grow_and_add(&mut self, b: i64, c: u64) {
        if self.counts.is_empty() {
            // start with a small window centred on the first value
            self.offset = b - 32;
            self.counts = vec![0; 64];
        } else {
            let (lo, hi) = (self.offset, self.offset + self.counts.len() as i64);
            let len = hi - lo;
            let (new_lo, new_hi) = if b < lo {
                ((b - len / 2).max(hi - MAX_BINS), hi)
            } else {
                (lo, (b + 1 + len / 2).min(lo + MAX_BINS))
            };
            if b < new_lo || b >= new_hi {
                // beyond MAX_BINS of spread: grow to the limit, then clamp
                self.resize(new_lo, new_hi);
                self.clamp_add(b, c);
                return;
            }
            self.resize(new_lo, new_hi);
        }
        self.counts[(b - self.offset) as usize] += c;
    }

    /// Re-homes the counts on bins `lo..hi` (which contain the current range).
    fn resize(&mut self, lo: i64, hi: i64) {
        if lo == self.offset && hi == self.offset + self.counts.len() as i64 {
            return;
        }
        let mut v = vec![0; (hi - lo) as usize];
        let at = (self.offset - lo) as usize;
        v[at..at + self.counts.len()].copy_from_slice(&self.counts);
        self.counts = v;
        self.offset = lo;
    }

    /// Beyond MAX_BINS of spread, extreme values go to the edge bin (min/max stay exact).
    fn clamp_add(&mut self, b: i64, c: u64) {
        let i = if b < self.offset {
            0
        } else {
            self.counts.len() - 1
        };
        self.counts[i] += c;
    }

    /// Adds every count of `other` (same scale and width) to `self`.
    pub fn merge(&mut self, other: &Histogram) {
        debug_assert!(self.scale == other.scale && self.width == other.width);
        self.n += other.n;
        self.below += other.below;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        for (i, c) in other.counts.iter().enumerate() {
            if *c > 0 {
                self.add_bin(other.offset + i as i64, *c);
            }
        }
    }

    /// The p-quantile (0 ≤ p ≤ 1), interpolated inside the bin and clamped to [min, max];
    /// `None` when empty. Exact when all values are equal.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        if self.min == self.max {
            return Some(self.min);
        }
        if p <= 0.0 {
            return Some(self.min);
        }
        if p >= 1.0 {
            return Some(self.max);
        }
        // 0-based rank of the order statistic, type-7 style position
        let rank = p * (self.n - 1) as f64;
        let mut before = self.below as f64;
        if rank < before {
            return Some(self.min);
        }
        for (i, c) in self.counts.iter().enumerate() {
            let c = *c as f64;
            if c > 0.0 && rank < before + c {
                let within = (rank - before + 0.5) / c;
                let v = self.value_at(self.offset + i as i64, within);
                return Some(v.clamp(self.min, self.max));
            }
            before += c;
        }
        Some(self.max)
    }
}

impl Histogram {
    /// Counts re-binned onto `bins` equal bins over [lo, hi] (values outside are clamped into
    /// the end bins), for plotting a distribution. Each original bin's count goes to the bin
    /// holding its midpoint.
    pub fn rebin(&self, lo: f64, hi: f64, bins: usize) -> Vec<u64> {
        let mut out = vec![0u64; bins.max(1)];
        if hi.is_nan() || lo.is_nan() || hi <= lo {
            out[0] = self.n;
            return out;
        }
        let w = (hi - lo) / bins as f64;
        let mut put = |x: f64, c: u64| {
            let i = (((x - lo) / w).floor().max(0.0) as usize).min(bins - 1);
            out[i] += c;
        };
        if self.below > 0 {
            put(self.min, self.below);
        }
        for (i, c) in self.counts.iter().enumerate() {
            if *c > 0 {
                put(self.value_at(self.offset + i as i64, 0.5), *c);
            }
        }
        out
    }
}

/// 97.5% standard normal quantile: the z of every 95% interval the Monte Carlo reports.
pub(crate) const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for a binomial proportion k/n at normal quantile `z` (1.96 for 95%).
///
/// # Examples
/// ```
/// let (lo, hi) = grdpsim::montecarlo::wilson(50, 100, 1.959963984540054);
/// assert!((lo - 0.4038).abs() < 1e-4 && (hi - 0.5962).abs() < 1e-4);
/// ```
pub fn wilson(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_a_uniform_grid_are_accurate() {
        let mut h = Histogram::rate();
        let n = 100_001;
        for i in 0..n {
            h.add(0.05 + 0.1 * i as f64 / (n - 1) as f64);
        }
        for p in [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] {
            let q = h.quantile(p).unwrap();
            assert!((q - (0.05 + 0.1 * p)).abs() < 2e-5, "p={p}: {q}");
        }
        assert_eq!(h.quantile(0.0), Some(0.05));
        assert_eq!(h.quantile(1.0), Some(0.15000000000000002));
    }

    #[test]
    fn merge_in_any_order_is_identical() {
        let xs: Vec<f64> = (0..10_000)
            .map(|i| ((i * 7919) % 10_007) as f64 * 1e-3 + 1.0)
            .collect();
        let mut whole = Histogram::amount();
        xs.iter().for_each(|x| whole.add(*x));
        let mut a = Histogram::amount();
        let mut b = Histogram::amount();
        xs[..3000].iter().for_each(|x| a.add(*x));
        xs[3000..].iter().for_each(|x| b.add(*x));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, whole);
        assert_eq!(ba, whole);
        let q = whole.quantile(0.5).unwrap();
        assert!((q / 6.0 - 1.0).abs() < 1e-3, "{q}");
    }

    #[test]
    fn constant_values_give_exact_quantiles() {
        let mut h = Histogram::rate();
        for _ in 0..1000 {
            h.add(0.1234567891234);
        }
        assert_eq!(h.quantile(0.37), Some(0.1234567891234));
    }

    #[test]
    fn wilson_matches_known_values() {
        let (lo, hi) = wilson(0, 10, 1.959963984540054);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.2775).abs() < 1e-4);
    }

    #[test]
    fn both_scales_round_trip_through_json() {
        for mut h in [Histogram::rate(), Histogram::amount()] {
            for x in [0.05, 0.1, 0.1234, 2.5] {
                h.add(x);
            }
            let text = serde_json::to_string(&h).expect("writes");
            let mut back: Histogram = serde_json::from_str(&text).expect("reads");
            assert_eq!(back, h);
            // and it keeps binning the same way
            back.add(0.11);
            h.add(0.11);
            assert_eq!(back, h);
        }
    }

    #[test]
    fn wild_values_are_clamped_into_a_bounded_array() {
        let mut h = Histogram::rate();
        for x in [0.1, 1e3, -1e3, 0.2] {
            h.add(x);
        }
        assert!(h.counts.len() as i64 <= MAX_BINS, "{}", h.counts.len());
        assert_eq!((h.count(), h.min(), h.max()), (4, -1e3, 1e3));
        assert_eq!(h.counts.iter().sum::<u64>(), 4);
    }

    #[test]
    fn memory_is_bounded_by_spread_not_count() {
        let mut h = Histogram::rate();
        for i in 0..1_000_000u64 {
            h.add(0.11 + ((i % 1000) as f64) * 1e-6);
        }
        assert!(h.counts.len() <= 102, "{}", h.counts.len());
        assert_eq!(h.count(), 1_000_000);
    }
}
