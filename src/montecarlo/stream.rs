//! Deterministic random streams: one ChaCha8 stream per path, one region per named input.
//!
//! Path `p` uses `ChaCha8Rng::seed_from_u64(seed)` with `set_stream(p)`, so its draws do not
//! depend on which thread runs it or how paths are batched. Inside a path, each uncertain
//! input reads from its own region of the stream, found from a hash of the input's *name*
//! (`set_word_pos(slot(name) << 24)`): two scenarios run with the same seed therefore give the
//! same draws to inputs of the same name (common random numbers), whatever other inputs they
//! have.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};

/// Words (32-bit) reserved for one input in one path: 2²⁴, far more than any horizon needs.
const REGION_BITS: u32 = 24;

/// Region index of an input name: FNV-1a 64 of the name, 40 bits (the stream has 68 bits of
/// word position, 24 of which address words inside a region).
pub fn slot(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 40) - 1)
}

/// The random source of one path.
#[derive(Debug)]
pub struct PathStream {
    rng: ChaCha8Rng,
}

impl PathStream {
    /// The stream of path `path` for run seed `seed`.
    pub fn new(seed: u64, path: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(path);
        PathStream { rng }
    }

    /// Moves to the region of the input whose slot is `slot` (see [`slot`]).
    #[inline]
    pub fn seek(&mut self, slot: u64) {
        self.rng.set_word_pos(u128::from(slot) << REGION_BITS);
    }

    /// A standard normal number (ziggurat; consumes a varying number of words, which is fine
    /// inside an input's own region).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        use rand_distr::Distribution;
        rand_distr::StandardNormal.sample(&mut self.rng)
    }

    /// A uniform number strictly inside (0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        let x = self.rng.next_u64() >> 11;
        (x as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Paths per Latin-hypercube block: strata are permuted within each block of this many paths.
pub const LHS_BLOCK: u64 = 4096;

/// The permutation of strata for LHS block `block` and input `slot`: element `j` is the
/// stratum of path `block·LHS_BLOCK + j`. Generated from its own stream (seed, stream
/// `u64::MAX − block`, region of the input), so it is the same for any thread count.
pub fn lhs_permutation(seed: u64, block: u64, slot: u64, out: &mut Vec<u32>) {
    out.clear();
    out.extend(0..LHS_BLOCK as u32);
    let mut s = PathStream::new(seed, u64::MAX - block);
    s.seek(slot);
    for i in (1..out.len()).rev() {
        let j = (s.rng.next_u64() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_depend_on_seed_path_and_name_only() {
        let mut a = PathStream::new(42, 7);
        a.seek(slot("sources.soe"));
        let x = a.uniform();
        // reading another input first does not change what "sources.soe" gets
        let mut b = PathStream::new(42, 7);
        b.seek(slot("tfp_growth"));
        let _ = b.uniform();
        b.seek(slot("sources.soe"));
        assert_eq!(b.uniform(), x);
        // another path or seed differs
        let mut c = PathStream::new(42, 8);
        c.seek(slot("sources.soe"));
        assert_ne!(c.uniform(), x);
        let mut d = PathStream::new(43, 7);
        d.seek(slot("sources.soe"));
        assert_ne!(d.uniform(), x);
    }

    #[test]
    fn uniforms_are_inside_the_unit_interval_with_the_right_mean() {
        let mut s = PathStream::new(1, 0);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = s.uniform();
            assert!(u > 0.0 && u < 1.0);
            sum += u;
        }
        // mean 0.5, sd of the mean 1/sqrt(12 n) ≈ 0.0009
        assert!((sum / n as f64 - 0.5).abs() < 0.004);
    }

    #[test]
    fn lhs_permutation_is_a_permutation() {
        let mut p = Vec::new();
        lhs_permutation(5, 3, slot("x"), &mut p);
        let mut sorted = p.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..LHS_BLOCK as u32).collect::<Vec<_>>());
        let mut q = Vec::new();
        lhs_permutation(5, 4, slot("x"), &mut q);
        assert_ne!(p, q);
    }
}
