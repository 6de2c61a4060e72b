//! Unit tests of `correlation`.

use super::*;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

fn mat(n: usize, rows: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(n, n, rows)
}

/// Indefinite: det = 0.91 − 0.621 − 0.301 = −0.012.
fn indefinite() -> DMatrix<f64> {
    mat(3, &[1.0, 0.9, 0.7, 0.9, 1.0, 0.3, 0.7, 0.3, 1.0])
}

/// Higham (2002), §4: the 4×4 tridiagonal (−1, 2, −1).
fn higham_example() -> DMatrix<f64> {
    mat(
        4,
        &[
            2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0, 2.0,
        ],
    )
}

/// KKT conditions of min ½‖A − X‖²_F s.t. X ⪰ 0, diag X = 1: there is θ with
/// Λ = X − A − diag(θ) ⪰ 0 and Λ·X = 0. Returns (min eigenvalue of Λ, ‖Λ·X‖_F).
fn kkt_residuals(a: &DMatrix<f64>, x: &DMatrix<f64>) -> (f64, f64) {
    let n = a.nrows();
    let xa = x - a;
    // From (X − A)·X = diag(θ)·X on the diagonal, with X_ii = 1: θ_i = [(X − A)X]_ii.
    let prod = &xa * x;
    let mut lambda = xa.clone();
    for i in 0..n {
        lambda[(i, i)] -= prod[(i, i)];
    }
    (min_eigenvalue(&lambda), (&lambda * x).norm())
}

#[test]
fn accepts_valid_matrices() {
    assert_eq!(check_correlation(&DMatrix::<f64>::zeros(0, 0)), Ok(()));
    assert_eq!(check_correlation(&DMatrix::<f64>::identity(4, 4)), Ok(()));
    let m = mat(3, &[1.0, 0.5, -0.2, 0.5, 1.0, 0.1, -0.2, 0.1, 1.0]);
    assert_eq!(check_correlation(&m), Ok(()));
    // Singular but PSD: perfect correlation.
    assert_eq!(check_correlation(&mat(2, &[1.0, 1.0, 1.0, 1.0])), Ok(()));
}

#[test]
fn errors_name_the_entries() {
    let e = check_correlation(&DMatrix::<f64>::zeros(2, 3)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "correlation matrix must be square, found 2×3"
    );

    let mut m = DMatrix::<f64>::identity(3, 3);
    m[(0, 2)] = 0.9;
    m[(2, 0)] = 0.8;
    let e = check_correlation(&m).unwrap_err();
    assert_eq!(
        e,
        CorrelationError::Asymmetric {
            row: 0,
            col: 2,
            value: 0.9,
            mirror: 0.8
        }
    );
    assert!(
        e.to_string()
            .starts_with("entry (0,2) = 0.9 differs from (2,0) = 0.8"),
        "{e}"
    );

    let mut m = DMatrix::<f64>::identity(3, 3);
    m[(1, 1)] = 0.9;
    assert!(
        check_correlation(&m)
            .unwrap_err()
            .to_string()
            .contains("(1,1) = 0.9")
    );

    let mut m = DMatrix::<f64>::identity(2, 2);
    m[(0, 1)] = 1.2;
    m[(1, 0)] = 1.2;
    assert_eq!(
        check_correlation(&m).unwrap_err().to_string(),
        "entry (0,1) = 1.2 is outside [-1, 1]"
    );

    let mut m = DMatrix::<f64>::identity(2, 2);
    m[(1, 0)] = f64::NAN;
    assert!(
        check_correlation(&m)
            .unwrap_err()
            .to_string()
            .contains("(1,0) = NaN")
    );
}

#[test]
fn not_psd_reports_eigenvalue_and_biggest_moves() {
    let e = check_correlation(&indefinite()).unwrap_err();
    let CorrelationError::NotPsd {
        min_eigenvalue,
        moves,
    } = &e
    else {
        panic!("expected NotPsd, got {e:?}");
    };
    assert!(*min_eigenvalue < -1e-3, "{min_eigenvalue}");
    let exact = min_eigenvalue_of_indefinite();
    assert!((min_eigenvalue - exact).abs() < 1e-12);
    assert_eq!(moves.len(), 3);
    // Sorted by size of the move, each a real entry of the matrix.
    for w in moves.windows(2) {
        assert!((w[0].to - w[0].from).abs() >= (w[1].to - w[1].from).abs());
    }
    for mv in moves {
        assert_eq!(mv.from, indefinite()[(mv.row, mv.col)]);
        assert!(mv.row < mv.col);
    }
    let text = e.to_string();
    assert!(text.contains("not positive semi-definite"), "{text}");
    assert!(text.contains(&format!(
        "({},{}) {} → ",
        moves[0].row, moves[0].col, moves[0].from
    )));
    println!("{text}");
}

/// Smallest eigenvalue of [`indefinite`] via the characteristic polynomial (bisection),
/// independent of nalgebra.
fn min_eigenvalue_of_indefinite() -> f64 {
    let m = indefinite();
    let det = |t: f64| {
        let a = |i: usize, j: usize| m[(i, j)] - if i == j { t } else { 0.0 };
        a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1))
            - a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0))
            + a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0))
    };
    // det(M − t·I) > 0 for t below the smallest eigenvalue (odd size: sign of −t³ → +).
    let (mut lo, mut hi) = (-1.0, 0.0);
    assert!(det(lo) > 0.0 && det(hi) < 0.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if det(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn nearest_fixes_an_indefinite_matrix_optimally() {
    let a = indefinite();
    let r = nearest_correlation(&a, 1e-12, 100_000);
    assert!(r.converged, "{} iterations", r.iterations);
    assert_eq!(check_correlation(&r.matrix), Ok(()));
    for i in 0..3 {
        assert_eq!(r.matrix[(i, i)], 1.0);
    }
    assert!(min_eigenvalue(&r.matrix) > -1e-14);
    let (lambda_min, complementarity) = kkt_residuals(&a, &r.matrix);
    assert!(lambda_min > -1e-8, "dual not PSD: {lambda_min}");
    assert!(complementarity < 1e-8, "ΛX = {complementarity}");
    assert!((r.frobenius_distance - (&a - &r.matrix).norm()).abs() < 1e-15);
    // No other valid correlation matrix nearby does better.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..200 {
        let mut c = r.matrix.clone();
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            let step: f64 = StandardNormal.sample(&mut rng);
            c[(i, j)] += 0.01 * step;
            c[(j, i)] = c[(i, j)];
        }
        if check_correlation(&c).is_ok() {
            assert!((&a - &c).norm() >= r.frobenius_distance - 1e-12);
        }
    }
    println!(
        "nearest to the indefinite 3×3: {:.6} after {} iterations, distance {:.6}",
        r.matrix, r.iterations, r.frobenius_distance
    );
}

#[test]
fn nearest_matches_highams_published_example() {
    // Higham (2002), IMA J. Numer. Anal. 22:329–343, §4: nearest correlation matrix to
    // tridiag(−1, 2, −1) of order 4, printed there to 4 decimals.
    let a = higham_example();
    let r = nearest_correlation(&a, 1e-12, 100_000);
    assert!(r.converged);
    let published = mat(
        4,
        &[
            1.0, -0.8084, 0.1916, 0.1068, -0.8084, 1.0, -0.6562, 0.1916, 0.1916, -0.6562, 1.0,
            -0.8084, 0.1068, 0.1916, -0.8084, 1.0,
        ],
    );
    let worst = (&r.matrix - &published).amax();
    assert!(
        worst < 6e-5,
        "max deviation {worst:e} from the published matrix:\n{:.5}",
        r.matrix
    );
    let (lambda_min, complementarity) = kkt_residuals(&a, &r.matrix);
    assert!(lambda_min > -1e-8 && complementarity < 1e-8);
    assert_eq!(check_correlation(&r.matrix), Ok(()));
    println!(
        "Higham example: {} iterations, ‖A − X‖ = {:.6}\n{:.6}",
        r.iterations, r.frobenius_distance, r.matrix
    );
}

#[test]
fn nearest_leaves_a_valid_matrix_alone() {
    let m = mat(3, &[1.0, 0.5, -0.2, 0.5, 1.0, 0.1, -0.2, 0.1, 1.0]);
    let r = nearest_correlation(&m, 1e-10, 1000);
    assert!(r.frobenius_distance < 1e-12);
    assert_eq!(r.matrix, m);
    assert_eq!(r.iterations, 0);
    // But the algorithm itself also keeps it (up to rounding) when run.
    let h = higham(&m, 1e-12, 1000);
    assert!((&h.matrix - &m).amax() < 1e-12, "{}", h.frobenius_distance);
    // Non-finite input comes back untouched and flagged.
    let mut bad = m.clone();
    bad[(0, 1)] = f64::NAN;
    let r = nearest_correlation(&bad, 1e-10, 10);
    assert!(!r.converged && r.frobenius_distance.is_nan());
    assert!(r.matrix[(0, 1)].is_nan());
}

#[test]
#[should_panic(expected = "square")]
fn nearest_panics_on_a_non_square_matrix() {
    let _ = nearest_correlation(&DMatrix::<f64>::zeros(2, 3), 1e-10, 10);
}

#[test]
fn nearest_is_valid_even_when_stopped_early() {
    // One iteration is far from converged, but the result is still a usable correlation
    // matrix (the caller may cap iterations).
    let r = nearest_correlation(&higham_example(), 1e-12, 1);
    assert!(!r.converged);
    assert_eq!(r.iterations, 1);
    assert_eq!(check_correlation(&r.matrix), Ok(()));
    assert!(cholesky_lower(&r.matrix).is_ok());
}

#[test]
fn nearest_handles_asymmetric_and_out_of_range_input() {
    let m = mat(3, &[1.0, 1.3, 0.2, 0.9, 1.0, -0.4, 0.2, -0.4, 1.0]);
    let r = nearest_correlation(&m, 1e-12, 100_000);
    assert_eq!(check_correlation(&r.matrix), Ok(()));
    let sym = (&m + m.transpose()) * 0.5;
    let (lambda_min, complementarity) = kkt_residuals(&sym, &r.matrix);
    assert!(lambda_min > -1e-8 && complementarity < 1e-8);
}

#[test]
fn cholesky_reproduces_positive_definite_matrices() {
    let m = mat(3, &[1.0, 0.5, -0.2, 0.5, 1.0, 0.1, -0.2, 0.1, 1.0]);
    let l = cholesky_lower(&m).expect("valid");
    for i in 0..3 {
        for j in i + 1..3 {
            assert_eq!(l[(i, j)], 0.0);
        }
    }
    assert!((&l * l.transpose() - &m).amax() < 1e-15);
    // Agrees with nalgebra's Cholesky.
    let nl = m.clone().cholesky().expect("PD").l();
    assert!((&l - &nl).amax() < 1e-15);
    assert_eq!(
        cholesky_lower(&DMatrix::<f64>::zeros(0, 0)),
        Ok(DMatrix::zeros(0, 0))
    );
}

#[test]
fn cholesky_handles_semidefinite_matrices() {
    // Perfectly correlated pair.
    let l = cholesky_lower(&mat(2, &[1.0, 1.0, 1.0, 1.0])).expect("valid");
    assert_eq!(l, mat(2, &[1.0, 0.0, 1.0, 0.0]));
    let l = cholesky_lower(&mat(2, &[1.0, -1.0, -1.0, 1.0])).expect("valid");
    assert_eq!(l, mat(2, &[1.0, 0.0, -1.0, 0.0]));
    // Rank 2 in 4 dimensions: C = V·Vᵀ with unit rows.
    let v = DMatrix::from_row_slice(4, 2, &[1.0, 0.0, 0.6, 0.8, 0.0, 1.0, -0.8, 0.6]);
    let c = &v * v.transpose();
    assert!(nalgebra::Cholesky::new(c.clone()).is_none() || min_eigenvalue(&c) < 1e-14);
    let l = cholesky_lower(&c).expect("valid PSD");
    assert!(
        (&l * l.transpose() - &c).amax() < 1e-12,
        "{}",
        &l * l.transpose() - &c
    );
    for i in 0..4 {
        assert!((l.row(i).norm() - 1.0).abs() < 1e-15);
    }
    // Not PSD → error, not a factor.
    assert!(matches!(
        cholesky_lower(&indefinite()),
        Err(CorrelationError::NotPsd { .. })
    ));
}

#[test]
fn spearman_known_values() {
    // Wikipedia's worked example (IQ vs hours of TV per week): ρ = −29/165.
    let iq = [
        106.0, 86.0, 100.0, 101.0, 99.0, 103.0, 97.0, 113.0, 112.0, 110.0,
    ];
    let tv = [7.0, 0.0, 27.0, 50.0, 28.0, 29.0, 20.0, 12.0, 6.0, 17.0];
    assert!((spearman(&iq, &tv) + 29.0 / 165.0).abs() < 1e-15);
    // Ties: y ranks [1, 2, 3.5, 5, 3.5] → ρ = 8/√95.
    let x = [1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [5.0, 6.0, 7.0, 8.0, 7.0];
    assert!((spearman(&x, &y) - 8.0 / 95f64.sqrt()).abs() < 1e-15);
    // Any monotone transform gives ±1.
    let cube: Vec<f64> = x.iter().map(|v| v * v * v).collect();
    assert_eq!(spearman(&x, &cube), 1.0);
    let neg: Vec<f64> = x.iter().map(|v| (-v).exp()).collect();
    assert_eq!(spearman(&x, &neg), -1.0);
    assert_eq!(
        average_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0]),
        vec![4.0, 1.0, 4.0, 2.0, 4.0]
    );
    // Undefined cases.
    assert!(spearman(&x, &[1.0, 2.0]).is_nan());
    assert!(spearman(&[1.0], &[2.0]).is_nan());
    assert!(spearman(&x, &[2.0; 5]).is_nan());
    assert!(spearman(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]).is_nan());
}

#[test]
fn correlate_is_l_times_z() {
    let m = mat(3, &[1.0, 0.5, -0.2, 0.5, 1.0, 0.1, -0.2, 0.1, 1.0]);
    let l = cholesky_lower(&m).expect("valid");
    let z = [0.3, -1.2, 2.0];
    let mut out = [f64::NAN; 3];
    correlate(&l, &z, &mut out);
    let want = &l * DMatrix::from_column_slice(3, 1, &z);
    for i in 0..3 {
        assert!((out[i] - want[(i, 0)]).abs() < 1e-15);
    }
    // Only the lower triangle is read.
    let mut junk = l.clone();
    junk[(0, 2)] = 99.0;
    let mut out2 = [0.0; 3];
    correlate(&junk, &z, &mut out2);
    assert_eq!(out, out2);
}

#[test]
fn correlated_draws_reproduce_the_target() {
    let target = mat(
        4,
        &[
            1.0, 0.6, -0.3, 0.2, 0.6, 1.0, 0.0, 0.4, -0.3, 0.0, 1.0, -0.5, 0.2, 0.4, -0.5, 1.0,
        ],
    );
    let l = cholesky_lower(&target).expect("valid");
    let mut rng = ChaCha8Rng::seed_from_u64(20_260_101);
    let n = 200_000;
    let (mut z, mut x) = ([0.0; 4], [0.0; 4]);
    let mut sum = [0.0; 4];
    let mut cross = [[0.0; 4]; 4];
    let mut cols: Vec<Vec<f64>> = (0..4).map(|_| Vec::with_capacity(n)).collect();
    for _ in 0..n {
        for v in z.iter_mut() {
            *v = StandardNormal.sample(&mut rng);
        }
        correlate(&l, &z, &mut x);
        for i in 0..4 {
            sum[i] += x[i];
            for j in 0..4 {
                cross[i][j] += x[i] * x[j];
            }
            cols[i].push(x[i]);
        }
    }
    let nf = n as f64;
    for i in 0..4 {
        // Unit variance, zero mean: 5 standard errors.
        assert!((sum[i] / nf).abs() < 5.0 / nf.sqrt());
        assert!((cross[i][i] / nf - 1.0).abs() < 5.0 * (2.0 / nf).sqrt());
        for j in 0..i {
            let r = cross[i][j] / (cross[i][i] * cross[j][j]).sqrt();
            let rho = target[(i, j)];
            let se = (1.0 - rho * rho) / nf.sqrt();
            assert!((r - rho).abs() < 5.0 * se, "({i},{j}): {r} vs {rho}");
            // Spearman of a bivariate normal: (6/π)·asin(ρ/2).
            let rs = spearman(&cols[i], &cols[j]);
            let want = 6.0 / std::f64::consts::PI * (rho / 2.0).asin();
            assert!(
                (rs - want).abs() < 0.01,
                "spearman ({i},{j}): {rs} vs {want}"
            );
        }
    }
}

#[test]
#[ignore = "timing: run with `cargo test --release -- --ignored --nocapture timing`"]
fn timing_correlate() {
    use std::hint::black_box;
    for n in [4usize, 10, 30] {
        // AR(1)-style correlation ρ^|i−j| (always PD).
        let m = DMatrix::from_fn(n, n, |i, j| 0.7f64.powi((i as i32 - j as i32).abs()));
        let t0 = std::time::Instant::now();
        let l = cholesky_lower(&m).expect("valid");
        let chol_us = t0.elapsed().as_secs_f64() * 1e6;
        let z: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
        let mut out = vec![0.0; n];
        let reps = 1_000_000;
        let t0 = std::time::Instant::now();
        for _ in 0..reps {
            correlate(black_box(&l), black_box(&z), &mut out);
            black_box(&out);
        }
        let ns = t0.elapsed().as_secs_f64() * 1e9 / reps as f64;
        println!("n = {n:2}: cholesky_lower (with check) {chol_us:.1} µs, correlate {ns:.1} ns");
    }
}
