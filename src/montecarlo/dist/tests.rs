//! Unit tests of `dist`.

use super::*;

/// The probabilities every family's quantile is checked at against statrs.
pub(crate) const PROBE_U: [f64; 7] = [1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0 - 1e-6];

#[derive(Debug, Deserialize)]
struct Holder {
    x: DistSpec,
}

fn parse(s: &str) -> Result<DistSpec, String> {
    toml::from_str::<Holder>(s)
        .map(|h| h.x)
        .map_err(|e| e.to_string())
}

fn build(s: &str) -> Result<Marginal, String> {
    Marginal::from_spec(&parse(s)?)
}

/// One spec of every family (and both lognormal forms).
fn zoo() -> Vec<(&'static str, Marginal)> {
    zoo_specs()
        .into_iter()
        .map(|(n, s)| (n, build(s).unwrap_or_else(|e| panic!("{n}: {e}"))))
        .collect()
}

fn zoo_specs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("fixed", r#"x = { dist = "fixed", value = 2.5 }"#),
        (
            "normal",
            r#"x = { dist = "normal", mean = 0.065, sd = 0.01 }"#,
        ),
        (
            "truncated_normal",
            r#"x = { dist = "truncated_normal", mean = 0.3, sd = 0.2, min = 0.0, max = 0.6 }"#,
        ),
        (
            "truncated_normal_one_sided",
            r#"x = { dist = "truncated_normal", mean = 1.0, sd = 1.0, min = 0.5 }"#,
        ),
        (
            "lognormal_mean_cv",
            r#"x = { dist = "lognormal", mean = 100, cv = 0.3 }"#,
        ),
        (
            "lognormal_mu_sigma",
            r#"x = { dist = "lognormal", mu = 1.0, sigma = 0.4 }"#,
        ),
        ("uniform", r#"x = { dist = "uniform", min = -1, max = 3 }"#),
        (
            "triangular",
            r#"x = { dist = "triangular", min = 0, mode = 0.2, max = 1 }"#,
        ),
        (
            "pert",
            r#"x = { dist = "pert", min = 0.4, mode = 1.0, max = 1.2 }"#,
        ),
        ("beta", r#"x = { dist = "beta", alpha = 2, beta = 8 }"#),
        (
            "beta_u",
            r#"x = { dist = "beta", alpha = 0.5, beta = 0.5, min = 10, max = 20 }"#,
        ),
        (
            "discrete",
            r#"x = { dist = "discrete", values = [1, 2, 4], weights = [0.2, 0.5, 0.3] }"#,
        ),
    ]
}

#[test]
fn parses_every_family_with_defaults() {
    assert_eq!(
        parse(r#"x = { dist = "pert", min = 1, mode = 2, max = 3 }"#),
        Ok(DistSpec::Pert {
            min: 1.0,
            mode: 2.0,
            max: 3.0,
            lambda: 4.0
        })
    );
    assert_eq!(
        parse(r#"x = { dist = "beta", alpha = 2, beta = 3 }"#),
        Ok(DistSpec::Beta {
            alpha: 2.0,
            beta: 3.0,
            min: 0.0,
            max: 1.0
        })
    );
    assert_eq!(
        parse(r#"x = { dist = "discrete", values = [1, 2] }"#),
        Ok(DistSpec::Discrete {
            values: vec![1.0, 2.0],
            weights: None
        })
    );
    // Table syntax works too.
    let spec = parse("[x]\ndist = \"truncated_normal\"\nmean = 0.1\nsd = 0.05\nmin = 0.0\n");
    assert_eq!(
        spec,
        Ok(DistSpec::TruncatedNormal {
            mean: 0.1,
            sd: 0.05,
            min: Some(0.0),
            max: None
        })
    );
    assert_eq!(zoo().len(), 12);
}

#[test]
fn rejects_unknown_fields_and_families() {
    let e = parse(r#"x = { dist = "normal", mean = 1, sdd = 0.2 }"#).unwrap_err();
    assert!(e.contains("unknown field `sdd`"), "{e}");
    let e = parse(r#"x = { dist = "pert", min = 1, mode = 2, max = 3, lamda = 2 }"#).unwrap_err();
    assert!(e.contains("unknown field `lamda`"), "{e}");
    let e = parse(r#"x = { dist = "lognormal", mean = 1, cvv = 0.2 }"#).unwrap_err();
    assert!(e.contains("unknown field `cvv`"), "{e}");
    let e = parse(r#"x = { dist = "gaussian", mean = 1, sd = 0.2 }"#).unwrap_err();
    assert!(e.contains("unknown variant `gaussian`"), "{e}");
    let e = parse(r#"x = { mean = 1, sd = 0.2 }"#).unwrap_err();
    assert!(e.contains("missing field `dist`"), "{e}");
    let e = parse(r#"x = { dist = "normal", mean = 1 }"#).unwrap_err();
    assert!(e.contains("missing field `sd`"), "{e}");
    let e = parse(r#"x = { dist = "normal", mean = "high", sd = 1 }"#).unwrap_err();
    assert!(e.contains("invalid type"), "{e}");
}

#[test]
fn spec_round_trips_through_toml() {
    for s in [
        r#"x = { dist = "lognormal", mean = 100.0, cv = 0.3 }"#,
        r#"x = { dist = "truncated_normal", mean = 0.3, sd = 0.2, max = 0.6 }"#,
        r#"x = { dist = "discrete", values = [1.0, 2.0], weights = [1.0, 3.0] }"#,
    ] {
        let spec = parse(s).expect("parses");
        #[derive(Serialize)]
        struct Out<'a> {
            x: &'a DistSpec,
        }
        let text = toml::to_string(&Out { x: &spec }).expect("serializes");
        assert_eq!(parse(&text), Ok(spec), "{text}");
    }
}

#[test]
fn from_spec_errors_say_what_is_wrong() {
    let cases = [
        (
            r#"x = { dist = "normal", mean = 1, sd = 0 }"#,
            "normal needs sd > 0",
        ),
        (
            r#"x = { dist = "normal", mean = nan, sd = 1 }"#,
            "finite mean",
        ),
        (r#"x = { dist = "fixed", value = inf }"#, "finite value"),
        (r#"x = { dist = "uniform", min = 2, max = 1 }"#, "min < max"),
        (
            r#"x = { dist = "pert", min = 0.9, mode = 1.3, max = 1.2 }"#,
            "pert needs min < max and min ≤ mode ≤ max, found min 0.9, mode 1.3, max 1.2",
        ),
        (
            r#"x = { dist = "triangular", min = 0, mode = -1, max = 1 }"#,
            "min ≤ mode ≤ max",
        ),
        (r#"x = { dist = "lognormal", mean = 1, cv = 0 }"#, "cv > 0"),
        (
            r#"x = { dist = "lognormal", mean = 1, sigma = 0.2 }"#,
            "found {mean, sigma}",
        ),
        (
            r#"x = { dist = "lognormal", mean = 1, cv = 0.1, mu = 0 }"#,
            "exactly one pair",
        ),
        (r#"x = { dist = "lognormal" }"#, "found {}"),
        (
            r#"x = { dist = "truncated_normal", mean = 0, sd = 1 }"#,
            "min, max or both",
        ),
        (
            r#"x = { dist = "beta", alpha = -1, beta = 2 }"#,
            "alpha = -1",
        ),
        (
            r#"x = { dist = "discrete", values = [1, 2], weights = [1] }"#,
            "as many weights",
        ),
        (
            r#"x = { dist = "discrete", values = [1, 2], weights = [0, 0] }"#,
            "all zero",
        ),
        (
            r#"x = { dist = "discrete", values = [1, 2], weights = [1, -2] }"#,
            "≥ 0",
        ),
    ];
    for (spec, want) in cases {
        let e = build(spec).expect_err(spec);
        assert!(e.contains(want), "{spec}: got {e:?}, want {want:?}");
    }
}

#[test]
fn quantile_is_monotone_and_never_nan() {
    // Monotone up to rounding: consecutive u a few ulps apart may give results that differ
    // by an ulp the wrong way (Φ⁻¹ itself is only monotone to rounding).
    for (name, m) in zoo() {
        let slack = 8.0 * f64::EPSILON * (m.mean().abs() + m.sd());
        let mut prev = f64::NEG_INFINITY;
        let n = 100_000;
        for i in 0..=n {
            // Dense in the middle, reaching the extreme tails at both ends.
            let t = i as f64 / n as f64;
            let u = if t < 0.1 {
                10f64.powf(-16.0 + 150.0 * t) / 10.0
            } else if t > 0.9 {
                1.0 - 10f64.powf(-16.0 + 150.0 * (1.0 - t)) / 10.0
            } else {
                t
            };
            let q = m.quantile(u);
            assert!(q.is_finite(), "{name}: quantile({u}) = {q}");
            assert!(
                q >= prev - slack,
                "{name}: quantile not monotone at u = {u}: {q} < {prev}"
            );
            prev = q;
        }
        for u in [
            0.0,
            1.0,
            -3.0,
            7.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let q = m.quantile(u);
            assert!(q.is_finite(), "{name}: quantile({u}) = {q}");
            let (lo, hi) = m.support();
            assert!(q >= lo && q <= hi, "{name}: {q} outside support");
        }
        assert_eq!(m.quantile(f64::NAN), m.quantile(0.5), "{name}");
        assert_eq!(m.quantile(0.0), m.quantile(U_MIN), "{name}");
        assert_eq!(m.quantile(1.0), m.quantile(U_MAX), "{name}");
    }
}

#[test]
fn from_std_normal_agrees_with_quantile_of_phi() {
    for (name, m) in zoo() {
        let scale = m.sd().max(1e-300);
        for k in 0..=1600 {
            let z = -8.0 + 0.01 * k as f64;
            let (lo, _) = normal::std_normal_cdf_pair(z);
            let via_u = if z <= 0.0 {
                m.quantile(lo)
            } else {
                // quantile(1 − Φ(−z)) loses the upper tail; compare only where u is exact
                // enough to tell values apart.
                if z > 5.0 {
                    continue;
                }
                m.quantile(lo)
            };
            let direct = m.from_std_normal(z);
            if let Marginal::Discrete(_) = m {
                // Step function: equal except where Φ(z) sits on a step boundary.
                assert_eq!(direct, via_u, "{name} at z = {z}");
            } else {
                assert!(
                    (direct - via_u).abs() <= 1e-9 * scale,
                    "{name} at z = {z}: {direct} vs {via_u}"
                );
            }
        }
        assert!(m.from_std_normal(f64::NAN).is_finite());
        assert_eq!(m.from_std_normal(100.0), m.from_std_normal(Z_MAX), "{name}");
        assert_eq!(
            m.from_std_normal(-100.0),
            m.from_std_normal(-Z_MAX),
            "{name}"
        );
    }
}

#[test]
fn stratified_moments_match_analytic() {
    // Midpoints of n equal strata of u: the mean and variance of the quantiles converge to
    // the distribution's (the tail strata carry the error, ~1e-4 relative for n = 200,000).
    let n = 200_000;
    for (name, m) in zoo() {
        let mut sum = 0.0;
        let mut sum2 = 0.0;
        let c = m.mean();
        for i in 0..n {
            let u = (i as f64 + 0.5) / n as f64;
            let x = m.quantile(u) - c;
            sum += x;
            sum2 += x * x;
        }
        let mean = c + sum / n as f64;
        let var = sum2 / n as f64 - (sum / n as f64).powi(2);
        let scale = m.mean().abs().max(m.sd()).max(1e-300);
        assert!(
            (mean - m.mean()).abs() <= 1e-3 * scale,
            "{name}: stratified mean {mean} vs {}",
            m.mean()
        );
        if m.is_degenerate() {
            assert_eq!(var, 0.0, "{name}");
        } else {
            assert!(
                (var - m.variance()).abs() <= 1e-3 * m.variance(),
                "{name}: stratified variance {var} vs {}",
                m.variance()
            );
        }
    }
}

#[test]
fn summaries() {
    for (name, m) in zoo() {
        let (p10, p90) = m.p10_p90();
        let med = m.median();
        assert!(p10 <= med && med <= p90, "{name}");
        let (lo, hi) = m.support();
        assert!(lo <= p10 && p90 <= hi, "{name}");
        assert_eq!(m.is_degenerate(), name == "fixed", "{name}");
    }
    let single = build(r#"x = { dist = "discrete", values = [3.0] }"#).expect("valid");
    assert!(single.is_degenerate());
    assert_eq!(single.quantile(0.99), 3.0);
    // Normal p10/p90 = mean ∓ 1.2816·sd.
    let n = build(r#"x = { dist = "normal", mean = 10, sd = 2 }"#).expect("valid");
    let (p10, p90) = n.p10_p90();
    assert!((p10 - (10.0 - 2.0 * 1.281_551_565_544_600_5)).abs() < 1e-13);
    assert!((p90 - (10.0 + 2.0 * 1.281_551_565_544_600_5)).abs() < 1e-13);
    assert_eq!(n.median(), 10.0);
}

#[test]
#[ignore = "timing: run with `cargo test --release -- --ignored --nocapture timing`"]
fn timing() {
    use std::hint::black_box;
    use std::time::Instant;
    // Pseudo-random u and z (a xorshift; no rand dependency in the loop).
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let n = 2_000_000;
    let us: Vec<f64> = (0..n).map(|_| next()).collect();
    let zs: Vec<f64> = us.iter().map(|&u| std_normal_inv(u.max(U_MIN))).collect();
    let t0 = Instant::now();
    let mut acc = 0.0;
    for &u in &us {
        acc += std_normal_inv(black_box(u));
    }
    let inv_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
    let t0 = Instant::now();
    for &z in &zs {
        acc += std_normal_cdf(black_box(z));
    }
    let cdf_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
    let t0 = Instant::now();
    let s = statrs::distribution::Beta::new(4.0, 2.0).expect("valid");
    for &u in us.iter().take(n / 20) {
        acc += statrs::distribution::ContinuousCDF::inverse_cdf(&s, black_box(u.max(U_MIN)));
    }
    let statrs_ns = t0.elapsed().as_secs_f64() * 1e9 / (n / 20) as f64;
    println!(
        "std_normal_inv {inv_ns:.1} ns, std_normal_cdf {cdf_ns:.1} ns, \
         statrs Beta(4,2).inverse_cdf {statrs_ns:.0} ns"
    );
    for (name, text) in zoo_specs() {
        let spec = parse(text).expect("valid");
        let reps = 20;
        let t0 = Instant::now();
        let mut m = Marginal::from_spec(&spec).expect("valid");
        for _ in 1..reps {
            m = Marginal::from_spec(black_box(&spec)).expect("valid");
        }
        let build_us = t0.elapsed().as_secs_f64() * 1e6 / reps as f64;
        let t0 = Instant::now();
        for &u in &us {
            acc += m.quantile(black_box(u));
        }
        let q_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
        let t0 = Instant::now();
        for &z in &zs {
            acc += m.from_std_normal(black_box(z));
        }
        let z_ns = t0.elapsed().as_secs_f64() * 1e9 / n as f64;
        let table = match &m {
            Marginal::Beta(b) => format!(", table {} intervals", b.table().intervals()),
            Marginal::Pert(p) => {
                format!(", table {} intervals", p.as_beta().table().intervals())
            }
            _ => String::new(),
        };
        println!(
            "{name:28} build {build_us:8.1} µs  quantile {q_ns:5.1} ns  from_std_normal {z_ns:5.1} ns{table}"
        );
    }
    assert!(acc.is_finite());
}

/// Draws as the Monte Carlo makes them (Philox uniforms of a named input's region, mapped
/// through the quantile; and the stream's ziggurat normals, mapped through `from_std_normal`
/// as yearly shocks are): every family's sample mean and variance are within 4 standard
/// errors of the analytic values (the variance's standard error from the sample's fourth
/// moment).
#[test]
fn drawn_moments_are_within_four_standard_errors() {
    use crate::montecarlo::stream::{PathStream, slot};
    let n = 200_000u64;
    let check = |name: &str, how: &str, m: &Marginal, xs: &[f64]| {
        let len = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / len;
        let d2 = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / len;
        let d4 = xs.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / len;
        if m.is_degenerate() {
            assert_eq!(d2, 0.0, "{name}");
            return;
        }
        let se_mean = (m.variance() / len).sqrt();
        assert!(
            (mean - m.mean()).abs() < 4.0 * se_mean,
            "{name} ({how}): mean {mean} vs {} (se {se_mean})",
            m.mean()
        );
        let se_var = ((d4 - d2 * d2) / len).sqrt();
        assert!(
            (d2 - m.variance()).abs() < 4.0 * se_var,
            "{name} ({how}): variance {d2} vs {} (se {se_var})",
            m.variance()
        );
    };
    for (name, m) in zoo() {
        let s = slot(&format!("test.{name}"));
        let by_uniform: Vec<f64> = (0..n)
            .map(|p| {
                let mut st = PathStream::new(2026, p);
                st.seek(s);
                m.quantile(st.uniform())
            })
            .collect();
        check(name, "uniform", &m, &by_uniform);
        let mut st = PathStream::new(2027, 0);
        st.seek(s);
        let by_normal: Vec<f64> = (0..n).map(|_| m.from_std_normal(st.normal())).collect();
        check(name, "normal score", &m, &by_normal);
    }
}
