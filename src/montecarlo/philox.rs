//! The Philox4x32-10 bijection (J. K. Salmon et al., "Parallel random numbers: as easy as
//! 1, 2, 3", SC 2011, the Random123 library): one 128-bit block at a time, or four blocks at
//! once with 256-bit vector instructions where the processor has them (AVX2, detected at run
//! time). Both give the same bits; the four-block form only overlaps the multiply chains of
//! independent blocks.

const M0: u64 = 0xD251_1F53;
const M1: u64 = 0xCD9E_8D57;
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;

/// The Philox4x32 bijection with 10 rounds: `ctr` under `key`.
#[inline]
pub fn philox4x32_10(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let [mut c0, mut c1, mut c2, mut c3] = ctr;
    let [mut k0, mut k1] = key;
    for r in 0..10 {
        if r > 0 {
            k0 = k0.wrapping_add(W0);
            k1 = k1.wrapping_add(W1);
        }
        let p0 = M0 * u64::from(c0);
        let p1 = M1 * u64::from(c2);
        let (hi0, lo0) = ((p0 >> 32) as u32, p0 as u32);
        let (hi1, lo1) = ((p1 >> 32) as u32, p1 as u32);
        (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0);
    }
    [c0, c1, c2, c3]
}

/// A block's four 32-bit words as two 64-bit words (words 0 | 1 << 32 and 2 | 3 << 32).
#[inline]
pub fn words(w: [u32; 4]) -> [u64; 2] {
    [
        u64::from(w[0]) | u64::from(w[1]) << 32,
        u64::from(w[2]) | u64::from(w[3]) << 32,
    ]
}

/// Blocks generated together at most (three interleaved groups of four: the multiply, shift
/// and XOR chain of one group's round runs while the others' wait).
const BATCH: usize = 12;

/// [`philox4x32_10`] of the counters (`c0[b]`, `c1[b]`, low and high half of `path`) under
/// `key`, appended to `out` as 64-bit word pairs (words 0 | 1 << 32 and 2 | 3 << 32 of each
/// block), up to [`BATCH`] blocks at a time.
pub fn philox4x32_10_many(
    c0: &[u32],
    c1: &[u32],
    path: u64,
    key: [u32; 2],
    out: &mut Vec<[u64; 2]>,
) {
    for (c0, c1) in c0.chunks(BATCH).zip(c1.chunks(BATCH)) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above)
            unsafe {
                match c0.len().div_ceil(4) {
                    1 => avx2::groups::<1, 4>(c0, c1, path, key, out),
                    2 => avx2::groups::<2, 8>(c0, c1, path, key, out),
                    _ => avx2::groups::<3, 12>(c0, c1, path, key, out),
                }
            }
            continue;
        }
        out.extend(c0.iter().zip(c1).map(|(&c0, &c1)| {
            words(philox4x32_10(
                [c0, c1, path as u32, (path >> 32) as u32],
                key,
            ))
        }));
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{M0, M1, W0, W1};
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_mul_epu32, _mm256_or_si256, _mm256_permute2x128_si256,
        _mm256_set_epi64x, _mm256_set1_epi64x, _mm256_slli_epi64, _mm256_srli_epi64,
        _mm256_storeu_si256, _mm256_unpackhi_epi64, _mm256_unpacklo_epi64, _mm256_xor_si256,
    };

    /// G interleaved groups of four blocks (B = 4G), each block in a 64-bit lane of its
    /// group's register per counter word (several groups so that one group's multiplies run while
    /// the others' wait: a round is a chain of multiply, shift and XOR). Only the low 32 bits
    /// of a lane are meaningful: `_mm256_mul_epu32` reads only those, and XOR does not carry
    /// between bits, so the high halves are cleared only at the end.
    #[target_feature(enable = "avx2")]
    pub fn groups<const G: usize, const B: usize>(
        c0: &[u32],
        c1: &[u32],
        path: u64,
        key: [u32; 2],
        out: &mut Vec<[u64; 2]>,
    ) {
        // unused lanes of the last group compute counter 0 and are dropped
        let word = |c: &[u32], i: usize| i64::from(c.get(i).copied().unwrap_or(0));
        let lanes = |c: &[u32], g: usize| {
            _mm256_set_epi64x(
                word(c, 4 * g + 3),
                word(c, 4 * g + 2),
                word(c, 4 * g + 1),
                word(c, 4 * g),
            )
        };
        let mut x0: [__m256i; G] = std::array::from_fn(|g| lanes(c0, g));
        let mut x1: [__m256i; G] = std::array::from_fn(|g| lanes(c1, g));
        let mut x2 = [_mm256_set1_epi64x(i64::from(path as u32)); G];
        let mut x3 = [_mm256_set1_epi64x(i64::from((path >> 32) as u32)); G];
        let (m0, m1) = (_mm256_set1_epi64x(M0 as i64), _mm256_set1_epi64x(M1 as i64));
        let [mut k0, mut k1] = key;
        for r in 0..10 {
            if r > 0 {
                k0 = k0.wrapping_add(W0);
                k1 = k1.wrapping_add(W1);
            }
            let (vk0, vk1) = (
                _mm256_set1_epi64x(i64::from(k0)),
                _mm256_set1_epi64x(i64::from(k1)),
            );
            for g in 0..G {
                let p0 = _mm256_mul_epu32(x0[g], m0);
                let p1 = _mm256_mul_epu32(x2[g], m1);
                let hi0 = _mm256_srli_epi64::<32>(p0);
                let hi1 = _mm256_srli_epi64::<32>(p1);
                x0[g] = _mm256_xor_si256(_mm256_xor_si256(hi1, x1[g]), vk0);
                x1[g] = p1;
                x2[g] = _mm256_xor_si256(_mm256_xor_si256(hi0, x3[g]), vk1);
                x3[g] = p0;
            }
        }
        let mut blocks = [[0u64; 2]; B];
        let dst = blocks.as_mut_ptr().cast::<__m256i>();
        let low = _mm256_set1_epi64x(0xFFFF_FFFF);
        for g in 0..G {
            // per lane: first word = x0 | x1 << 32, second = x2 | x3 << 32
            let first =
                _mm256_or_si256(_mm256_and_si256(x0[g], low), _mm256_slli_epi64::<32>(x1[g]));
            let second =
                _mm256_or_si256(_mm256_and_si256(x2[g], low), _mm256_slli_epi64::<32>(x3[g]));
            // interleave to blocks 0, 1 | 2, 3 as (first, second) pairs
            let (lo, hi) = (
                _mm256_unpacklo_epi64(first, second), // f0 s0 | f2 s2
                _mm256_unpackhi_epi64(first, second), // f1 s1 | f3 s3
            );
            // SAFETY: `blocks` is 64·G writable bytes, group g writes bytes 64g..64g + 64;
            // the stores are unaligned
            unsafe {
                _mm256_storeu_si256(dst.add(2 * g), _mm256_permute2x128_si256::<0x20>(lo, hi));
                _mm256_storeu_si256(
                    dst.add(2 * g + 1),
                    _mm256_permute2x128_si256::<0x31>(lo, hi),
                );
            }
        }
        out.extend_from_slice(&blocks[..c0.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn philox_matches_the_random123_known_answers() {
        // Random123 kat_vectors, philox4x32 with 10 rounds
        assert_eq!(
            philox4x32_10([0; 4], [0; 2]),
            [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]
        );
        assert_eq!(
            philox4x32_10([u32::MAX; 4], [u32::MAX; 2]),
            [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]
        );
        assert_eq!(
            philox4x32_10(
                [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344],
                [0xa409_3822, 0x299f_31d0]
            ),
            [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]
        );
    }

    #[test]
    fn batches_equal_single_blocks() {
        let mut x: u32 = 0x1234_5678;
        let mut next = || {
            // xorshift32: arbitrary counters and keys
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        // every batch length, and all-ones words
        for case in 0..2_000usize {
            let len = case % 40;
            let ones = case == 13;
            let mut word = || if ones { u32::MAX } else { next() };
            let c0: Vec<u32> = (0..len).map(|_| word()).collect();
            let c1: Vec<u32> = (0..len).map(|_| word()).collect();
            let key = [word(), word()];
            let path = u64::from(word()) | u64::from(word()) << 32;
            let single: Vec<[u64; 2]> = (0..len)
                .map(|b| {
                    words(philox4x32_10(
                        [c0[b], c1[b], path as u32, (path >> 32) as u32],
                        key,
                    ))
                })
                .collect();
            let mut many = vec![[7, 7]];
            philox4x32_10_many(&c0, &c1, path, key, &mut many);
            assert_eq!(many[0], [7, 7], "appends");
            assert_eq!(many[1..], single[..], "case {case}");
        }
    }
}
