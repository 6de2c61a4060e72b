//! Precomputed inverse-CDF tables for distributions on [0, 1] whose exact quantile is slow.
//!
//! Knots sit on a uniform grid in the *normal score* z = Φ⁻¹(u) over [−Z_MAX, Z_MAX] (u from
//! 1.1e-16 to 1 − 1.1e-16), so the tails get as many knots as the body and the interval index
//! is ⌊(z − z₀)/h⌋ with no search. Between knots the quantile x(z) is the quintic Hermite
//! polynomial matching the *exact* x, dx/dz = φ(z)/f(x) and d²x/dz² = −z·x′ − x′²·f′(x)/f(x) at
//! both ends (error O(h⁶)). A piece whose quintic is not monotone (checked on a fine grid at
//! build time) is replaced by a Fritsch–Carlson-limited monotone cubic, so the table is
//! monotone. Each knot is solved to ~1e-14 relative by safeguarded Newton on ln F in ln x,
//! warm-started from its neighbour; the upper half is solved on the mirrored distribution
//! (1 − X), so values near 1 keep full precision. A Gaussian-copula draw z is mapped with no Φ
//! evaluation at all.

use super::Z_MAX;
use super::normal::{std_normal_cdf, std_normal_pdf};

/// Intervals on each side of the median a table starts with (256 in all, 12 KiB).
pub(crate) const START_HALF: usize = 128;
/// Most intervals on each side of the median a table may grow to (8,192 in all, 384 KiB).
pub(crate) const MAX_HALF: usize = 4096;
/// Largest interpolation error (on the [0, 1] scale, i.e. relative to max − min) a table is
/// built to, as measured at every interval midpoint.
pub(crate) const TARGET_ERROR: f64 = 1e-11;

/// The lower tail of a continuous distribution on [0, 1]: what the table builder needs.
pub(crate) trait UnitTail {
    /// P(X ≤ d) for d in [0, 1], accurate *relative* to its value when small.
    fn cdf(&self, d: f64) -> f64;
    /// Density f(d).
    fn pdf(&self, d: f64) -> f64;
    /// Logarithmic derivative of the density, f′(d)/f(d).
    fn dlog_pdf(&self, d: f64) -> f64;
}

/// Monotone piecewise-polynomial quantile function of a distribution on [0, 1], indexed by the
/// normal score z = Φ⁻¹(u). Values are in [0, 1]; callers scale them to their support.
#[derive(Clone, PartialEq)]
pub struct QuantileTable {
    /// z of the first knot (= −Z_MAX).
    z0: f64,
    /// Knot spacing in z.
    h: f64,
    /// 1 / h.
    inv_h: f64,
    /// Per interval, x(t) = c₀ + c₁t + … + c₅t⁵ in the local t = (z − zᵢ)/h ∈ [0, 1].
    coef: Vec<[f64; 6]>,
    /// Number of pieces that fell back to a monotone cubic.
    cubic_pieces: usize,
    /// Largest |table − exact| at the interval midpoints, measured at build time (NaN if not
    /// measured).
    midpoint_error: f64,
}

impl std::fmt::Debug for QuantileTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuantileTable")
            .field("z0", &self.z0)
            .field("h", &self.h)
            .field("intervals", &self.coef.len())
            .field("cubic_pieces", &self.cubic_pieces)
            .field("midpoint_error", &self.midpoint_error)
            .finish()
    }
}

/// Solve F(d) = p for d in (0, e^w_hi] by Newton in w = ln d on g(w) = ln F(eʷ) − ln p, kept
/// inside a bracket (bisection whenever Newton leaves it). Returns ln d.
fn solve_ln<T: UnitTail>(tail: &T, ln_p: f64, guess: f64, mut w_hi: f64) -> f64 {
    // ln of the smallest positive subnormal: below this d is 0.
    let mut w_lo = -745.0_f64;
    let mut w = if guess.is_finite() && guess < w_hi && guess > w_lo {
        guess
    } else {
        0.5 * (w_lo + w_hi)
    };
    for _ in 0..200 {
        let d = w.exp();
        let cdf = tail.cdf(d);
        let g = cdf.ln() - ln_p;
        if g == 0.0 {
            return w;
        }
        if g > 0.0 {
            w_hi = w;
        } else {
            w_lo = w;
        }
        // dg/dw = d·f(d)/F(d).
        let slope = d * tail.pdf(d) / cdf;
        let newton = w - g / slope;
        let next = if newton.is_finite() && newton > w_lo && newton < w_hi {
            newton
        } else {
            0.5 * (w_lo + w_hi)
        };
        let step = (next - w).abs();
        w = next;
        if step < 1e-14 || w_hi - w_lo < 1e-14 {
            break;
        }
    }
    w
}

/// A knot of one half: d, dd/dz, d²d/dz² (non-finite derivatives left for the caller to fix).
type Knot = (f64, f64, f64);

/// Solves F(d) = Φ(z) at each z of `zs` (z ≤ 0, non-increasing, so each solution brackets
/// and warm-starts the next) and returns (d, dd/dz, d²d/dz²) per z.
fn solve_points<T: UnitTail>(tail: &T, zs: impl Iterator<Item = f64>) -> Vec<Knot> {
    let mut out = Vec::new();
    let mut w_prev = 0.0; // ln 1: the bracket top for the first point
    let mut z_prev = f64::NAN;
    let mut dw_dz = f64::NAN;
    for z in zs {
        let ln_p = std_normal_cdf(z).ln();
        let guess = w_prev + dw_dz * (z - z_prev);
        let w = solve_ln(tail, ln_p, guess, w_prev);
        let d = w.exp();
        let d1 = std_normal_pdf(z) / tail.pdf(d);
        let d2 = -z * d1 - d1 * d1 * tail.dlog_pdf(d);
        out.push((d, d1, d2));
        (w_prev, z_prev, dw_dz) = (w, z, d1 / d);
    }
    out
}

/// Coefficients of the quintic Hermite piece on t ∈ [0, 1] from end values, first derivatives
/// (×h) and second derivatives (×h²).
fn quintic(x0: f64, x1: f64, v0: f64, v1: f64, a0: f64, a1: f64) -> [f64; 6] {
    let dx = x1 - x0;
    [
        x0,
        v0,
        0.5 * a0,
        10.0 * dx - 6.0 * v0 - 4.0 * v1 - 0.5 * (3.0 * a0 - a1),
        -15.0 * dx + 8.0 * v0 + 7.0 * v1 + 0.5 * (3.0 * a0 - 2.0 * a1),
        6.0 * dx - 3.0 * v0 - 3.0 * v1 - 0.5 * (a0 - a1),
    ]
}

/// The monotone cubic Hermite piece through (x0, x1) with end slopes (×h) v0, v1 limited by
/// Fritsch–Carlson (α² + β² ≤ 9 relative to the secant).
fn monotone_cubic(x0: f64, x1: f64, v0: f64, v1: f64) -> [f64; 6] {
    let dx = x1 - x0;
    let (mut v0, mut v1) = (v0.max(0.0), v1.max(0.0));
    if dx <= 0.0 || !(v0.is_finite() && v1.is_finite()) {
        (v0, v1) = (dx.max(0.0), dx.max(0.0));
    }
    if dx > 0.0 {
        let (a, b) = (v0 / dx, v1 / dx);
        let r = a * a + b * b;
        if r > 9.0 {
            let tau = 3.0 / r.sqrt();
            v0 *= tau;
            v1 *= tau;
        }
    } else {
        (v0, v1) = (0.0, 0.0);
    }
    [
        x0,
        v0,
        3.0 * dx - 2.0 * v0 - v1,
        -2.0 * dx + v0 + v1,
        0.0,
        0.0,
    ]
}

/// True if the piece's derivative is ≥ 0 on a fine grid of [0, 1].
fn is_monotone(c: &[f64; 6]) -> bool {
    const STEPS: usize = 64;
    (0..=STEPS).all(|k| {
        let t = k as f64 / STEPS as f64;
        c[1] + t * (2.0 * c[2] + t * (3.0 * c[3] + t * (4.0 * c[4] + t * 5.0 * c[5]))) >= 0.0
    })
}

impl QuantileTable {
    /// Builds a table from the lower tail of X (`lower`) and the lower tail of 1 − X (`upper`),
    /// and certifies it: the exact quantile is solved at every interval midpoint (where the
    /// interpolation error peaks) and the knot count doubles, from [`START_HALF`] up to
    /// [`MAX_HALF`] per side, until the largest midpoint error is ≤ [`TARGET_ERROR`].
    pub(crate) fn build<L: UnitTail, U: UnitTail>(lower: &L, upper: &U) -> Self {
        let mut half = START_HALF;
        loop {
            let mut table = Self::with_half(lower, upper, half);
            table.midpoint_error = table.measure_midpoints(lower, upper);
            if table.midpoint_error <= TARGET_ERROR || half >= MAX_HALF {
                return table;
            }
            half *= 2;
        }
    }

    /// Largest |table − exact| over [0, 1]-scaled values at the midpoints of all intervals.
    fn measure_midpoints<L: UnitTail, U: UnitTail>(&self, lower: &L, upper: &U) -> f64 {
        let half = self.coef.len() / 2;
        let h = self.h;
        let mids = || (0..half).map(move |k| -(k as f64 + 0.5) * h);
        let lo = solve_points(lower, mids());
        let hi = solve_points(upper, mids());
        let mut worst = 0.0f64;
        for (k, (&(dl, ..), &(du, ..))) in lo.iter().zip(&hi).enumerate() {
            let z = (k as f64 + 0.5) * h;
            worst = worst.max((self.at_z(-z) - dl).abs());
            worst = worst.max((self.at_z(z) - (1.0 - du)).abs());
        }
        worst
    }

    /// The table with `half` intervals on each side of the median (uncertified).
    pub(crate) fn with_half<L: UnitTail, U: UnitTail>(lower: &L, upper: &U, half: usize) -> Self {
        let half = half.max(1);
        let h = Z_MAX / half as f64;
        let zs = || (0..=half).map(move |k| -(k as f64) * h);
        let lo = solve_points(lower, zs());
        let hi = solve_points(upper, zs());
        // Knot i sits at z = −Z_MAX + i·h, i = 0..=2·half. Upper half: x(z) = 1 − d(−z), so
        // x′(z) = d′(−z) and x″(z) = −d″(−z).
        let knots: Vec<Knot> = lo
            .iter()
            .rev()
            .copied()
            .chain(hi.iter().skip(1).map(|&(d, d1, d2)| (1.0 - d, d1, -d2)))
            .collect();
        let mut x: Vec<f64> = knots.iter().map(|k| k.0).collect();
        // Knot values must be non-decreasing (they are, up to rounding at the median).
        for i in 1..x.len() {
            if x[i] < x[i - 1] {
                x[i] = x[i - 1];
            }
        }
        let mut cubic_pieces = 0;
        let coef = (0..x.len() - 1)
            .map(|i| {
                let (x0, x1) = (x[i], x[i + 1]);
                let (v0, v1) = (h * knots[i].1, h * knots[i + 1].1);
                let (a0, a1) = (h * h * knots[i].2, h * h * knots[i + 1].2);
                let q = quintic(x0, x1, v0, v1, a0, a1);
                if q.iter().all(|c| c.is_finite()) && is_monotone(&q) {
                    q
                } else {
                    cubic_pieces += 1;
                    monotone_cubic(x0, x1, v0, v1)
                }
            })
            .collect();
        Self {
            z0: -Z_MAX,
            h,
            inv_h: 1.0 / h,
            coef,
            cubic_pieces,
            midpoint_error: f64::NAN,
        }
    }

    /// The quantile (in [0, 1]) at normal score z; z is clamped to ±[`Z_MAX`].
    /// z must not be NaN (callers map NaN to 0 first).
    #[inline]
    pub fn at_z(&self, z: f64) -> f64 {
        let n = self.coef.len();
        let s = (z.clamp(self.z0, -self.z0) - self.z0) * self.inv_h;
        // s ≥ 0, so the cast truncates toward zero = floor; the last knot belongs to the last
        // interval.
        let i = (s as usize).min(n - 1);
        let t = s - i as f64;
        let c = &self.coef[i];
        c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))))
    }

    /// Number of polynomial pieces in the table.
    pub fn intervals(&self) -> usize {
        self.coef.len()
    }

    /// Number of pieces where the quintic was not monotone and a monotone cubic is used.
    pub fn cubic_pieces(&self) -> usize {
        self.cubic_pieces
    }

    /// Knot spacing in z (normal-score units).
    pub fn spacing(&self) -> f64 {
        self.h
    }

    /// Largest |table − exact quantile| at the interval midpoints, measured when the table was
    /// built, on the [0, 1] scale (multiply by max − min for input units).
    pub fn midpoint_error(&self) -> f64 {
        self.midpoint_error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// X = U² on [0, 1]: F(d) = √d, quantile u².
    struct Square;
    impl UnitTail for Square {
        fn cdf(&self, d: f64) -> f64 {
            d.sqrt()
        }
        fn pdf(&self, d: f64) -> f64 {
            0.5 / d.sqrt()
        }
        fn dlog_pdf(&self, d: f64) -> f64 {
            -0.5 / d
        }
    }
    /// 1 − X for X = U²: P(1 − X ≤ d) = 1 − √(1 − d).
    struct SquareMirror;
    impl UnitTail for SquareMirror {
        fn cdf(&self, d: f64) -> f64 {
            // 1 − √(1 − d) without cancellation.
            d / (1.0 + (1.0 - d).sqrt())
        }
        fn pdf(&self, d: f64) -> f64 {
            0.5 / (1.0 - d).sqrt()
        }
        fn dlog_pdf(&self, d: f64) -> f64 {
            0.5 / (1.0 - d)
        }
    }

    #[test]
    fn reproduces_a_closed_form_quantile() {
        let t = QuantileTable::build(&Square, &SquareMirror);
        assert!(t.midpoint_error() <= TARGET_ERROR);
        let mut worst = 0.0f64;
        for k in 0..=100_000 {
            let z = -Z_MAX + 2.0 * Z_MAX * k as f64 / 100_000.0;
            let u = std_normal_cdf(z);
            worst = worst.max((t.at_z(z) - u * u).abs());
        }
        assert!(worst < 1e-12, "max error {worst:e}");
        // Clamped outside the grid, monotone across it.
        assert_eq!(t.at_z(-100.0), t.at_z(-Z_MAX));
        assert_eq!(t.at_z(100.0), t.at_z(Z_MAX));
        let mut prev = f64::NEG_INFINITY;
        for k in 0..=200_000 {
            let x = t.at_z(-8.5 + 17.0 * k as f64 / 200_000.0);
            assert!(x >= prev, "not monotone at k = {k}");
            prev = x;
        }
    }

    #[test]
    fn quintic_reproduces_a_quintic() {
        let c = [0.3, -1.2, 0.7, 2.5, -0.4, 1.1];
        let p = |t: f64| c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))));
        let dp =
            |t: f64| c[1] + t * (2.0 * c[2] + t * (3.0 * c[3] + t * (4.0 * c[4] + t * 5.0 * c[5])));
        let ddp = |t: f64| 2.0 * c[2] + t * (6.0 * c[3] + t * (12.0 * c[4] + t * 20.0 * c[5]));
        let q = quintic(p(0.0), p(1.0), dp(0.0), dp(1.0), ddp(0.0), ddp(1.0));
        for (a, b) in q.iter().zip(c) {
            assert!((a - b).abs() < 1e-13, "{q:?} vs {c:?}");
        }
        let m = monotone_cubic(0.0, 1.0, 5.0, 5.0);
        assert!(is_monotone(&m));
        // x′(t) = 1 − 6t + 6t² dips below 0 around t = ½.
        assert!(!is_monotone(&[0.0, 1.0, -3.0, 2.0, 0.0, 0.0]));
    }

    #[test]
    fn debug_is_short() {
        let t = QuantileTable::with_half(&Square, &SquareMirror, 8);
        let s = format!("{t:?}");
        assert!(s.contains("intervals: 16"), "{s}");
        assert!(s.len() < 200);
    }
}
