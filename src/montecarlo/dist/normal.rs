//! The normal distribution and the fast standard-normal kernels (Φ, Φ⁻¹, φ) every other family uses.
//!
//! * [`std_normal_cdf`]: W. J. Cody's rational Chebyshev approximations (ACM TOMS 715, the
//!   algorithm behind R's `pnorm`), relative error ~1e-15 in both tails down to Φ(−37.5).
//! * [`std_normal_inv`]: M. J. Wichura's AS 241 (`PPND16`), full double precision.

use super::{U_MAX, U_MIN, Z_MAX, check_finite};

/// 1/√(2π).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// Standard normal density φ(z) = exp(−z²/2)/√(2π).
#[inline]
pub fn std_normal_pdf(z: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * z * z).exp()
}

/// Standard normal distribution function Φ(z) = P(Z ≤ z), relative error ~1e-15 for every
/// z > −37.5 (below that it underflows to 0). NaN in, NaN out.
#[inline]
pub fn std_normal_cdf(z: f64) -> f64 {
    std_normal_cdf_pair(z).0
}

/// (Φ(z), Φ(−z)) = (P(Z ≤ z), P(Z > z)), each with small *relative* error, so the upper tail is
/// as accurate as the lower one (1 − Φ(z) would lose it to cancellation).
// The published coefficients are kept digit for digit so they can be checked against the paper.
#[allow(clippy::excessive_precision)]
pub(crate) fn std_normal_cdf_pair(z: f64) -> (f64, f64) {
    // Cody (1993), ACM TOMS 715, ANORM: three ranges of rational approximations.
    const A: [f64; 5] = [
        2.2352520354606839287,
        161.02823106855587881,
        1067.6894854603709582,
        18154.981253343561249,
        0.065682337918207449113,
    ];
    const B: [f64; 4] = [
        47.20258190468824187,
        976.09855173777669322,
        10260.932208618978205,
        45507.789335026729956,
    ];
    const C: [f64; 9] = [
        0.39894151208813466764,
        8.8831497943883759412,
        93.506656132177855979,
        597.27027639480026226,
        2494.5375852903726711,
        6848.1904505362823326,
        11602.651437647350124,
        9842.7148383839780218,
        1.0765576773720192317e-8,
    ];
    const D: [f64; 8] = [
        22.266688044328115691,
        235.38790178262499861,
        1519.377599407554805,
        6485.558298266760755,
        18615.571640885098091,
        34900.952721145977266,
        38912.003286093271411,
        19685.429676859990727,
    ];
    const P: [f64; 6] = [
        0.21589853405795699,
        0.1274011611602473639,
        0.022235277870649807,
        0.001421619193227893466,
        2.9112874951168792e-5,
        0.02307344176494017303,
    ];
    const Q: [f64; 5] = [
        1.28426009614491121,
        0.468238212480865118,
        0.0659881378689285515,
        0.00378239633202758244,
        7.29751555083966205e-5,
    ];

    if z.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    let y = z.abs();
    if y <= 0.674_489_75 {
        // Central range: Φ(z) = 1/2 + z·R(z²).
        let (mut num, mut den) = (0.0, 0.0);
        if y > f64::EPSILON * 0.5 {
            let zsq = z * z;
            num = A[4] * zsq;
            den = zsq;
            for i in 0..3 {
                num = (num + A[i]) * zsq;
                den = (den + B[i]) * zsq;
            }
        }
        let t = z * (num + A[3]) / (den + B[3]);
        return (0.5 + t, 0.5 - t);
    }
    // Tails: small = Φ(−|z|) = exp(−z²/2)·R(|z|).
    let r = if y <= 32f64.sqrt() {
        let mut num = C[8] * y;
        let mut den = y;
        for i in 0..7 {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        (num + C[7]) / (den + D[7])
    } else if y < 37.519_3 {
        let ysq = 1.0 / (y * y);
        let mut num = P[5] * ysq;
        let mut den = ysq;
        for i in 0..4 {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        let t = ysq * (num + P[4]) / (den + Q[4]);
        (FRAC_1_SQRT_2PI - t) / y
    } else {
        0.0
    };
    let small = if r == 0.0 {
        0.0
    } else {
        // exp(−y²/2) without the rounding error of y²: split y = ys + (y − ys) with ys exact
        // to 4 fractional bits, so ys² is exact.
        let ys = (y * 16.0).trunc() / 16.0;
        let del = (y - ys) * (y + ys);
        (-ys * ys * 0.5).exp() * (-del * 0.5).exp() * r
    };
    if z > 0.0 {
        (1.0 - small, small)
    } else {
        (small, 1.0 - small)
    }
}

/// Standard normal quantile Φ⁻¹(p) by Wichura's AS 241 (PPND16), relative error ~1e-16.
///
/// Returns −∞ for p ≤ 0, +∞ for p ≥ 1 and NaN for NaN. For p > 1/2 the result is only as precise
/// as 1 − p is; callers that know the upper tail probability q = 1 − p exactly should use
/// −Φ⁻¹(q) instead.
// The published coefficients are kept digit for digit so they can be checked against the paper.
#[allow(clippy::excessive_precision)]
pub fn std_normal_inv(p: f64) -> f64 {
    if p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    // AS 241 coefficients, highest degree first.
    const A: [f64; 8] = [
        2.5090809287301226727E+3,
        3.3430575583588128105E+4,
        6.7265770927008700853E+4,
        4.5921953931549871457E+4,
        1.3731693765509461125E+4,
        1.9715909503065514427E+3,
        1.3314166789178437745E+2,
        3.3871328727963666080E0,
    ];
    const B: [f64; 8] = [
        5.2264952788528545610E+3,
        2.8729085735721942674E+4,
        3.9307895800092710610E+4,
        2.1213794301586595867E+4,
        5.3941960214247511077E+3,
        6.8718700749205790830E+2,
        4.2313330701600911252E+1,
        1.0,
    ];
    const C: [f64; 8] = [
        7.74545014278341407640E-4,
        2.27238449892691845833E-2,
        2.41780725177450611770E-1,
        1.27045825245236838258E0,
        3.64784832476320460504E0,
        5.76949722146069140550E0,
        4.63033784615654529590E0,
        1.42343711074968357734E0,
    ];
    const D: [f64; 8] = [
        1.05075007164441684324E-9,
        5.47593808499534494600E-4,
        1.51986665636164571966E-2,
        1.48103976427480074590E-1,
        6.89767334985100004550E-1,
        1.67638483018380384940E0,
        2.05319162663775882187E0,
        1.0,
    ];
    const E: [f64; 8] = [
        2.01033439929228813265E-7,
        2.71155556874348757815E-5,
        1.24266094738807843860E-3,
        2.65321895265761230930E-2,
        2.96560571828504891230E-1,
        1.78482653991729133580E0,
        5.46378491116411436990E0,
        6.65790464350110377720E0,
    ];
    const F: [f64; 8] = [
        2.04426310338993978564E-15,
        1.42151175831644588870E-7,
        1.84631831751005468180E-5,
        7.86869131145613259100E-4,
        1.48753612908506148525E-2,
        1.36929880922735805310E-1,
        5.99832206555887937690E-1,
        1.0,
    ];
    #[inline(always)]
    fn horner(c: &[f64; 8], x: f64) -> f64 {
        c.iter().fold(0.0, |acc, &k| acc * x + k)
    }

    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&A, r) / horner(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let v = if r <= 5.0 {
        let r = r - 1.6;
        horner(&C, r) / horner(&D, r)
    } else {
        let r = r - 5.0;
        horner(&E, r) / horner(&F, r)
    };
    if q < 0.0 { -v } else { v }
}

/// Φ⁻¹ of a probability given as the pair (u, 1 − u), each exact: uses whichever is smaller,
/// so the upper tail keeps full precision.
#[inline]
pub(crate) fn std_normal_inv_split(lo: f64, hi: f64) -> f64 {
    if lo <= 0.5 {
        std_normal_inv(lo)
    } else {
        -std_normal_inv(hi)
    }
}

/// Clamps u into [`U_MIN`, `U_MAX`] and returns (u, 1 − u); NaN maps to the median (½, ½).
#[inline]
pub(crate) fn split_u(u: f64) -> (f64, f64) {
    if u.is_nan() {
        return (0.5, 0.5);
    }
    let u = u.clamp(U_MIN, U_MAX);
    (u, 1.0 - u)
}

/// Clamps z into [−[`Z_MAX`], [`Z_MAX`]] (the z-image of the u clamp); NaN maps to 0.
#[inline]
pub(crate) fn clamp_z(z: f64) -> f64 {
    if z.is_nan() {
        0.0
    } else {
        z.clamp(-Z_MAX, Z_MAX)
    }
}

/// Normal distribution N(mean, sd²) on the whole real line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normal {
    mean: f64,
    sd: f64,
}

impl Normal {
    /// N(mean, sd²); needs finite mean and finite sd > 0 (in the units of the input).
    pub fn new(mean: f64, sd: f64) -> Result<Self, String> {
        check_finite("normal", "mean", mean)?;
        check_finite("normal", "sd", sd)?;
        if sd <= 0.0 {
            return Err(format!(
                "normal needs sd > 0 (use dist = \"fixed\" for a certain value), found sd = {sd}"
            ));
        }
        Ok(Self { mean, sd })
    }

    /// Quantile from (u, 1 − u), both exact and inside (0, 1).
    #[inline]
    pub(crate) fn quantile_split(&self, lo: f64, hi: f64) -> f64 {
        self.mean + self.sd * std_normal_inv_split(lo, hi)
    }

    /// mean + sd·z, z already clamped.
    #[inline]
    pub(crate) fn at_z(&self, z: f64) -> f64 {
        self.mean + self.sd * z
    }

    /// Mean (input units).
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Variance sd² (input units squared).
    pub fn variance(&self) -> f64 {
        self.sd * self.sd
    }

    /// Standard deviation (input units).
    pub fn sd(&self) -> f64 {
        self.sd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Continuous, ContinuousCDF, Normal as SNormal};

    fn rel_err(a: f64, b: f64) -> f64 {
        if a == b {
            0.0
        } else {
            (a - b).abs() / b.abs().max(f64::MIN_POSITIVE)
        }
    }

    /// (z, Φ(z), Φ(−z)) computed by mpmath with 40-digit arithmetic, rounded to f64.
    const CDF_REFERENCE: [(f64, f64, f64); 43] = [
        (-37.0, 5.725571222524577e-300, 1.0),
        (-33.3, 1.93050550592784e-243, 1.0),
        (-30.0, 4.906713927148187e-198, 1.0),
        (-27.5, 8.778170556878084e-167, 1.0),
        (-25.0, 3.056696706382561e-138, 1.0),
        (-22.2, 1.717252189809858e-109, 1.0),
        (-20.0, 2.7536241186062337e-89, 1.0),
        (-17.5, 7.163458766235035e-69, 1.0),
        (-15.0, 3.670966199312751e-51, 1.0),
        (-12.5, 3.732564298877713e-36, 1.0),
        (-10.0, 7.619853024160525e-24, 1.0),
        (-9.0, 1.1285884059538405e-19, 1.0),
        (-8.5, 9.479534822203318e-18, 1.0),
        (-8.0, 6.220960574271784e-16, 0.9999999999999993),
        (-7.25, 2.0838581586720695e-13, 0.9999999999997916),
        (-7.0, 1.279812543885835e-12, 0.9999999999987201),
        (-6.0, 9.86587645037698e-10, 0.9999999990134123),
        (-5.5, 1.8989562465887718e-8, 0.9999999810104375),
        (-5.0, 2.866515718791939e-7, 0.9999997133484281),
        (-4.5, 3.3976731247300603e-6, 0.9999966023268753),
        (-4.0, 3.1671241833119924e-5, 0.9999683287581669),
        (-3.5, 0.00023262907903552504, 0.9997673709209645),
        (-3.0, 0.0013498980316300946, 0.9986501019683699),
        (-2.5, 0.006209665325776135, 0.9937903346742238),
        (-2.0, 0.02275013194817921, 0.9772498680518208),
        (-1.5, 0.06680720126885807, 0.9331927987311419),
        (-1.25, 0.10564977366685525, 0.8943502263331448),
        (-1.0, 0.15865525393145705, 0.8413447460685429),
        (-0.9, 0.18406012534675947, 0.8159398746532405),
        (-0.7095, 0.23900712574704897, 0.760992874252951),
        (-0.6744897501960817, 0.25, 0.75),
        (-0.5, 0.3085375387259869, 0.6914624612740131),
        (-0.3, 0.3820885778110474, 0.6179114221889527),
        (-0.1, 0.460172162722971, 0.539827837277029),
        (-1e-5, 0.49999601057719606, 0.500003989422804),
        (0.2, 0.579259709439103, 0.42074029056089696),
        (0.6744897501960817, 0.75, 0.25),
        (0.71, 0.7611479319100133, 0.23885206808998674),
        (1.0, 0.8413447460685429, 0.15865525393145705),
        (2.0, 0.9772498680518208, 0.02275013194817921),
        (3.0, 0.9986501019683699, 0.0013498980316300946),
        (5.0, 0.9999997133484281, 2.866515718791939e-7),
        (8.0, 0.9999999999999993, 6.220960574271784e-16),
    ];

    /// (p, Φ⁻¹(p)) computed by mpmath (60-digit root finding / erfinv), rounded to f64.
    const INV_REFERENCE: [(f64, f64); 19] = [
        (1e-300, -37.0470962993612),
        (1e-200, -30.20559417957964),
        (1e-100, -21.273453560965326),
        (1e-50, -14.933337534788489),
        (1e-20, -9.262340089798407),
        (1e-16, -8.222082216130435),
        (1e-10, -6.361340902404057),
        (1e-6, -4.753424308822899),
        (0.001, -3.0902323061678136),
        (0.01, -2.326347874040841),
        (0.02425, -1.972961051311885),
        (0.1, -1.2815515655446004),
        (0.3, -0.5244005127080408),
        (0.45, -0.12566134685507402),
        (0.5, 0.0),
        (0.6, 0.2533471031357997),
        (0.9, 1.2815515655446006),
        (0.975, 1.9599639845400538),
        (0.99, 2.3263478740408408),
    ];

    #[test]
    fn cdf_matches_high_precision_references() {
        let mut worst = 0.0f64;
        for (z, lo_want, hi_want) in CDF_REFERENCE {
            let (lo, hi) = std_normal_cdf_pair(z);
            worst = worst.max(rel_err(lo, lo_want)).max(rel_err(hi, hi_want));
            assert!(
                rel_err(lo, lo_want) < 1e-15,
                "Φ({z}) = {lo:e}, want {lo_want:e}"
            );
            assert!(
                rel_err(hi, hi_want) < 1e-15,
                "Φ(−{z}) = {hi:e}, want {hi_want:e}"
            );
        }
        println!("Φ vs mpmath: max relative error {worst:.1e}");
    }

    #[test]
    fn inv_matches_high_precision_references() {
        let mut worst = 0.0f64;
        for (p, want) in INV_REFERENCE {
            let got = std_normal_inv(p);
            let err = (got - want).abs() / want.abs().max(1.0);
            worst = worst.max(err);
            assert!(err <= 1e-15, "Φ⁻¹({p}) = {got}, want {want}");
        }
        println!("Φ⁻¹ vs mpmath: max relative error {worst:.1e}");
    }

    #[test]
    fn cdf_matches_statrs() {
        // statrs' erfc-based cdf is itself off by up to ~2.5e-11 absolute in the body (near
        // |z| ≈ 0.71, erfc argument ≈ 0.5) and ~1e-10 relative in the tails, where ours agrees
        // with the mpmath references above to ~1e-16; so this comparison is bounded by statrs.
        let s = SNormal::standard();
        let (mut worst_abs, mut worst_rel) = (0.0f64, 0.0f64);
        for i in 0..=40_000 {
            let z = -30.0 + 60.0 * i as f64 / 40_000.0;
            let (lo, hi) = std_normal_cdf_pair(z);
            if z.abs() <= 3.0 {
                worst_abs = worst_abs.max((lo - s.cdf(z)).abs());
            } else if z < 0.0 {
                worst_rel = worst_rel.max(rel_err(lo, s.cdf(z)));
            } else {
                worst_rel = worst_rel.max(rel_err(hi, s.sf(z)));
            }
        }
        println!("Φ vs statrs: central abs {worst_abs:.1e}, tail rel {worst_rel:.1e}");
        assert!(worst_abs < 5e-11, "central abs error {worst_abs:e}");
        assert!(worst_rel < 1e-9, "tail relative error {worst_rel:e}");
    }

    #[test]
    fn cdf_special_values() {
        assert_eq!(std_normal_cdf(0.0), 0.5);
        assert_eq!(std_normal_cdf(f64::NEG_INFINITY), 0.0);
        assert_eq!(std_normal_cdf(f64::INFINITY), 1.0);
        assert!(std_normal_cdf(f64::NAN).is_nan());
        assert_eq!(std_normal_cdf_pair(40.0), (1.0, 0.0));
        // Symmetry to the last bit in the tails.
        for z in [0.7, 1.5, 3.0, 6.0, 12.0] {
            assert_eq!(std_normal_cdf_pair(z).1, std_normal_cdf(-z));
        }
    }

    #[test]
    fn inv_matches_statrs() {
        let s = SNormal::standard();
        // Central region: absolute error.
        for i in 1..20_000 {
            let p = i as f64 / 20_000.0;
            let (ours, theirs) = (std_normal_inv(p), s.inverse_cdf(p));
            assert!((ours - theirs).abs() < 1e-13, "p = {p}: {ours} vs {theirs}");
        }
        // Tails: relative, log-spaced down to 1e-300.
        for k in 0..=3_000 {
            let p = 10f64.powf(-1.0 - 299.0 * k as f64 / 3_000.0);
            let (ours, theirs) = (std_normal_inv(p), s.inverse_cdf(p));
            assert!(
                rel_err(ours, theirs) < 1e-13,
                "p = {p:e}: {ours} vs {theirs}"
            );
            let up = -std_normal_inv(p);
            assert!(rel_err(up, -theirs) < 1e-13);
        }
    }

    #[test]
    fn inv_round_trips_through_cdf() {
        for k in 0..=2_000 {
            let z = -37.0 + 45.0 * k as f64 / 2_000.0;
            let (lo, hi) = std_normal_cdf_pair(z);
            let back = std_normal_inv_split(lo, hi);
            assert!((back - z).abs() < 1e-13 * (1.0 + z.abs()), "{z} -> {back}");
        }
    }

    #[test]
    fn inv_special_values() {
        assert_eq!(std_normal_inv(0.5), 0.0);
        assert_eq!(std_normal_inv(0.0), f64::NEG_INFINITY);
        assert_eq!(std_normal_inv(1.0), f64::INFINITY);
        assert!(std_normal_inv(f64::NAN).is_nan());
        assert!((std_normal_inv(0.975) - 1.959_963_984_540_054).abs() < 1e-15);
        // Z_MAX is the image of the clamp U_MAX.
        assert!((std_normal_inv_split(U_MAX, 1.0 - U_MAX) - Z_MAX).abs() < 1e-13);
        assert!((std_normal_inv(U_MIN) + Z_MAX).abs() < 1e-13);
    }

    #[test]
    fn pdf_matches_statrs() {
        let s = SNormal::standard();
        for k in 0..=400 {
            let z = -20.0 + 0.1 * k as f64;
            assert!(rel_err(std_normal_pdf(z), s.pdf(z)) < 1e-14);
        }
    }

    #[test]
    fn normal_quantiles_match_statrs() {
        let n = Normal::new(3.0, 0.5).expect("valid");
        let s = SNormal::new(3.0, 0.5).expect("valid");
        for u in super::super::tests::PROBE_U {
            let q = n.quantile_split(u, 1.0 - u);
            assert!((q - s.inverse_cdf(u)).abs() < 1e-13, "u = {u}");
        }
        assert_eq!(n.mean(), 3.0);
        assert_eq!(n.variance(), 0.25);
        assert_eq!(n.at_z(2.0), 4.0);
        use statrs::statistics::Distribution;
        assert_eq!(n.mean(), s.mean().expect("mean"));
        assert!((n.variance() - s.variance().expect("var")).abs() < 1e-15);
    }

    #[test]
    fn normal_rejects_bad_parameters() {
        assert!(Normal::new(0.0, 0.0).unwrap_err().contains("sd > 0"));
        assert!(Normal::new(0.0, -1.0).unwrap_err().contains("sd = -1"));
        assert!(Normal::new(f64::NAN, 1.0).unwrap_err().contains("mean"));
        assert!(Normal::new(0.0, f64::INFINITY).unwrap_err().contains("sd"));
    }
}
