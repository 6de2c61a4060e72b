//! Deterministic random streams without seeks: Philox4x32-10, a counter-based generator.
//!
//! Every random word is a pure function of (run seed, path, input, index): the 128-bit counter
//! is (index of the 128-bit block, the input's slot, the path) and the 64-bit key is the seed.
//! A path's draws therefore do not depend on which thread runs it or how paths are batched,
//! and an input's draws depend only on its *name* (the slot is a hash of the name): two
//! scenarios run with the same seed give the same draws to inputs of the same name (common
//! random numbers), whatever other inputs they have. Moving to an input costs nothing (no
//! buffer to regenerate): a path generates only the words it uses.
//!
//! Philox4x32-10 is J. K. Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"
//! (SC 2011, the Random123 library); it passes TestU01's BigCrush for any key and counter
//! pattern and is the generator behind cuRAND's and NumPy's `Philox`. Its output is checked
//! in `philox.rs` against the Random123 known-answer vectors.

/// Bits of block index inside one input's region (2²⁴ blocks of 128 bits per input and path).
const BLOCK_BITS: u32 = 24;

/// Region index of an input name: FNV-1a 64 of the name, 40 bits (the counter holds 40 bits
/// of slot next to 24 bits of block index and 64 bits of path).
pub fn slot(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 40) - 1)
}

use super::philox::{philox4x32_10, philox4x32_10_many, words};

/// The random source of one path: a position (input slot, block index) in the path's counter
/// space and the second word of the last block. The blocks a path is known to need can be
/// generated four at a time first ([`PathStream::fill`], vector instructions where the
/// processor has them) and read through a [`Region`]; whatever a region reads beyond them
/// comes from the stream one block at a time, so the words are the same either way.
#[derive(Debug, Clone)]
pub struct PathStream {
    key: [u32; 2],
    path: u64,
    slot: u64,
    /// Next block index inside the slot's region.
    block: u32,
    /// The unused second word of the last block.
    spare: Option<u64>,
}

impl PathStream {
    /// The stream of path `path` for run seed `seed` (positioned at slot 0).
    pub fn new(seed: u64, path: u64) -> Self {
        PathStream {
            key: [seed as u32, (seed >> 32) as u32],
            path,
            slot: 0,
            block: 0,
            spare: None,
        }
    }

    /// Moves to the start of the region of the input whose slot is `slot` (see [`slot`]);
    /// generates nothing.
    #[inline]
    pub fn seek(&mut self, slot: u64) {
        self.slot = slot;
        self.block = 0;
        self.spare = None;
    }

    /// Moves to block `block` of the region of slot `slot`.
    #[inline]
    pub fn seek_block(&mut self, slot: u64, block: u32) {
        self.slot = slot;
        self.block = block;
        self.spare = None;
    }

    /// Counter words 0 and 1 of block `block` of slot `slot` (words 2 and 3 are the path).
    #[inline]
    fn counter(slot: u64, block: u32) -> (u32, u32) {
        (
            ((slot >> 32) as u32) << BLOCK_BITS | (block & ((1 << BLOCK_BITS) - 1)),
            slot as u32,
        )
    }

    /// The next block of the region as two words.
    #[inline]
    fn block(&mut self) -> [u64; 2] {
        let (c0, c1) = Self::counter(self.slot, self.block);
        self.block = self.block.wrapping_add(1);
        let ctr = [c0, c1, self.path as u32, (self.path >> 32) as u32];
        words(philox4x32_10(ctr, self.key))
    }

    /// Counter words 0 and 1 of the blocks `wanted` (slot, block index), the same on every
    /// path: what [`PathStream::fill`] takes.
    pub fn counters(wanted: &[(u64, u32)]) -> [Vec<u32>; 2] {
        let (c0, c1) = wanted.iter().map(|&(s, b)| Self::counter(s, b)).unzip();
        [c0, c1]
    }

    /// Generates this path's blocks of the counters `c0`, `c1` ([`PathStream::counters`])
    /// into `out`, in order, several at a time; the stream's position does not change.
    pub fn fill(&self, c0: &[u32], c1: &[u32], out: &mut Vec<[u64; 2]>) {
        out.clear();
        philox4x32_10_many(c0, c1, self.path, self.key, out);
    }

    /// The next 64 random bits of the current region.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        if let Some(w) = self.spare.take() {
            return w;
        }
        let [a, b] = self.block();
        self.spare = Some(b);
        a
    }

    /// A standard normal number (ziggurat; consumes a varying number of words, which is fine
    /// inside an input's own region).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        use rand_distr::Distribution;
        rand_distr::StandardNormal.sample(self)
    }

    /// A uniform number strictly inside (0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        to_unit(self.next_u64())
    }
}

/// One input's region of a path read from blocks generated in advance ([`PathStream::fill`]:
/// its first blocks, in order), then from the stream, which [`Region::new`] positions after
/// them.
pub struct Region<'a> {
    pre: &'a [[u64; 2]],
    word: usize,
    stream: &'a mut PathStream,
}

impl<'a> Region<'a> {
    /// The region of `slot` whose blocks 0, 1, … begin with `pre`.
    #[inline]
    pub fn new(stream: &'a mut PathStream, slot: u64, pre: &'a [[u64; 2]]) -> Self {
        stream.seek_block(slot, pre.len() as u32);
        Region {
            pre,
            word: 0,
            stream,
        }
    }

    /// The next 64 random bits of the region.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        match self.pre.get(self.word >> 1) {
            Some(b) => {
                let w = b[self.word & 1];
                self.word += 1;
                w
            }
            None => self.stream.next_u64(),
        }
    }

    /// A uniform number strictly inside (0, 1), as [`PathStream::uniform`].
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        to_unit(self.next_u64())
    }

    /// A standard normal number, as [`PathStream::normal`].
    #[inline]
    pub fn normal(&mut self) -> f64 {
        use rand_distr::Distribution;
        rand_distr::StandardNormal.sample(self)
    }
}

/// Two uniforms strictly inside (0, 1) from one block's words.
#[inline]
pub fn unit_pair(b: [u64; 2]) -> [f64; 2] {
    b.map(to_unit)
}

/// The top 53 bits of `w` as a number strictly inside (0, 1).
#[inline]
fn to_unit(w: u64) -> f64 {
    ((w >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
}

/// `rand`'s generator interface over a type's `next_u64` (what the ziggurat reads).
macro_rules! words_rng {
    ($t:ty) => {
        impl rand::TryRng for $t {
            type Error = std::convert::Infallible;

            #[inline]
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                Ok((self.next_u64() >> 32) as u32)
            }

            #[inline]
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                Ok(self.next_u64())
            }

            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
                for chunk in dst.chunks_mut(8) {
                    let w = self.next_u64().to_le_bytes();
                    chunk.copy_from_slice(&w[..chunk.len()]);
                }
                Ok(())
            }
        }
    };
}

words_rng!(PathStream);
words_rng!(Region<'_>);

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
        let j = (s.next_u64() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streams_words_are_its_blocks_in_order() {
        // the first block generated in advance ([`PathStream::fill`]) is the stream's first
        let s = PathStream::new(3, 11);
        let [c0, c1] = PathStream::counters(&[(slot("x"), 0)]);
        let mut pre = Vec::new();
        s.fill(&c0, &c1, &mut pre);
        let mut t = PathStream::new(3, 11);
        t.seek(slot("x"));
        assert_eq!([t.uniform(), t.uniform()], unit_pair(pre[0]));
        let key = [3, 0];
        let c0 = ((slot("x") >> 32) as u32) << BLOCK_BITS | 1;
        let w = words(philox4x32_10([c0, slot("x") as u32, 11, 0], key));
        assert_eq!(t.next_u64(), w[0]);
        assert_eq!(t.next_u64(), w[1]);
        // and a region reads the blocks given, then the stream after them
        let mut u = PathStream::new(3, 11);
        let mut region = Region::new(&mut u, slot("x"), &pre);
        assert_eq!(region.next_u64(), pre[0][0]);
        assert_eq!(region.next_u64(), pre[0][1]);
        assert_eq!(region.next_u64(), w[0]);
    }

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
