//! Correlation matrices for the Gaussian copula: validation that names the offending entries,
//! Cholesky factors (semidefinite allowed), Higham's nearest correlation matrix, Spearman's
//! rank correlation, and the allocation-free z ↦ L·z used once per path.
//!
//! Indices in messages and in [`CorrelationError`] are 0-based (row, col) positions in the
//! matrix as given; callers that know the variable names can map them.

use nalgebra::{DMatrix, SymmetricEigen};
use std::fmt;

/// Largest |m(i, j) − m(j, i)| accepted as symmetric.
pub const SYMMETRY_TOL: f64 = 1e-12;
/// Largest |m(i, i) − 1| accepted as a unit diagonal.
pub const DIAGONAL_TOL: f64 = 1e-12;
/// Smallest eigenvalue accepted as positive semi-definite is −PSD_TOL.
pub const PSD_TOL: f64 = 1e-10;
/// A Cholesky pivot at or below this is treated as zero (a dependent variable), see
/// [`cholesky_lower`].
pub const PIVOT_TOL: f64 = 1e-12;

/// How the nearest correlation matrix moves one off-diagonal entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntryMove {
    /// Row index (0-based).
    pub row: usize,
    /// Column index (0-based), > row.
    pub col: usize,
    /// Value in the given matrix.
    pub from: f64,
    /// Value in the nearest valid correlation matrix.
    pub to: f64,
}

/// Why a matrix is not a valid correlation matrix; every variant names the entries at fault.
#[derive(Debug, Clone, PartialEq)]
pub enum CorrelationError {
    /// Not square.
    NotSquare {
        /// Number of rows.
        rows: usize,
        /// Number of columns.
        cols: usize,
    },
    /// An entry is NaN or infinite.
    NotFinite {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value.
        value: f64,
    },
    /// A diagonal entry is not 1.
    Diagonal {
        /// Row = column index.
        index: usize,
        /// The value.
        value: f64,
    },
    /// m(row, col) ≠ m(col, row) (beyond [`SYMMETRY_TOL`]).
    Asymmetric {
        /// Row index (< col).
        row: usize,
        /// Column index.
        col: usize,
        /// m(row, col).
        value: f64,
        /// m(col, row).
        mirror: f64,
    },
    /// An off-diagonal entry outside [−1, 1].
    OutOfRange {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value.
        value: f64,
    },
    /// Not positive semi-definite: the correlations contradict each other.
    NotPsd {
        /// Smallest eigenvalue (< −[`PSD_TOL`]).
        min_eigenvalue: f64,
        /// The (up to 3) off-diagonal entries Higham's nearest correlation matrix moves the most,
        /// largest move first.
        moves: Vec<EntryMove>,
    },
}

impl fmt::Display for CorrelationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorrelationError::NotSquare { rows, cols } => {
                write!(f, "correlation matrix must be square, found {rows}×{cols}")
            }
            CorrelationError::NotFinite { row, col, value } => {
                write!(f, "entry ({row},{col}) = {value} is not a finite number")
            }
            CorrelationError::Diagonal { index, value } => write!(
                f,
                "diagonal entry ({index},{index}) = {value}; a correlation matrix has 1 on the diagonal"
            ),
            CorrelationError::Asymmetric {
                row,
                col,
                value,
                mirror,
            } => write!(
                f,
                "entry ({row},{col}) = {value} differs from ({col},{row}) = {mirror}; \
                 a correlation matrix must be symmetric"
            ),
            CorrelationError::OutOfRange { row, col, value } => {
                write!(f, "entry ({row},{col}) = {value} is outside [-1, 1]")
            }
            CorrelationError::NotPsd {
                min_eigenvalue,
                moves,
            } => {
                write!(
                    f,
                    "correlation matrix is not positive semi-definite (smallest eigenvalue \
                     {min_eigenvalue:.3e}): the correlations contradict each other"
                )?;
                if !moves.is_empty() {
                    write!(f, "; the nearest valid matrix changes most")?;
                    for (k, m) in moves.iter().enumerate() {
                        let sep = if k == 0 { " " } else { ", " };
                        write!(f, "{sep}({},{}) {} → {:.4}", m.row, m.col, m.from, m.to)?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CorrelationError {}

/// Checks the cheap structural conditions: square, finite, unit diagonal, symmetric, entries in
/// [−1, 1]. The first violation found (row-major order) is reported.
fn check_structure(m: &DMatrix<f64>) -> Result<(), CorrelationError> {
    let (rows, cols) = m.shape();
    if rows != cols {
        return Err(CorrelationError::NotSquare { rows, cols });
    }
    let n = rows;
    for row in 0..n {
        for col in 0..n {
            let value = m[(row, col)];
            if !value.is_finite() {
                return Err(CorrelationError::NotFinite { row, col, value });
            }
        }
    }
    for index in 0..n {
        let value = m[(index, index)];
        if (value - 1.0).abs() > DIAGONAL_TOL {
            return Err(CorrelationError::Diagonal { index, value });
        }
    }
    for row in 0..n {
        for col in row + 1..n {
            let (value, mirror) = (m[(row, col)], m[(col, row)]);
            if (value - mirror).abs() > SYMMETRY_TOL {
                return Err(CorrelationError::Asymmetric {
                    row,
                    col,
                    value,
                    mirror,
                });
            }
            if value.abs() > 1.0 {
                return Err(CorrelationError::OutOfRange { row, col, value });
            }
        }
    }
    Ok(())
}

/// Smallest eigenvalue of a symmetric matrix (+∞ for 0×0, which nalgebra cannot decompose).
fn min_eigenvalue(m: &DMatrix<f64>) -> f64 {
    if m.is_empty() {
        return f64::INFINITY;
    }
    m.clone()
        .symmetric_eigenvalues()
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
}

/// Checks that `m` is a valid correlation matrix: square, finite, symmetric (to
/// [`SYMMETRY_TOL`]), unit diagonal (to [`DIAGONAL_TOL`]), off-diagonals in [−1, 1], and positive
/// semi-definite (smallest eigenvalue ≥ −[`PSD_TOL`]). A 0×0 matrix is valid.
///
/// The error names the offending entries, e.g. "entry (0,2) = 0.9 differs from (2,0) = 0.8";
/// for a matrix that is not PSD it gives the smallest eigenvalue and the three entries that the
/// nearest correlation matrix moves the most (old → new).
pub fn check_correlation(m: &DMatrix<f64>) -> Result<(), CorrelationError> {
    check_structure(m)?;
    let min_eigenvalue = min_eigenvalue(m);
    if min_eigenvalue >= -PSD_TOL {
        return Ok(());
    }
    let nearest = higham(m, 1e-10, 10_000);
    let n = m.nrows();
    let mut moves: Vec<EntryMove> = (0..n)
        .flat_map(|row| (row + 1..n).map(move |col| (row, col)))
        .map(|(row, col)| EntryMove {
            row,
            col,
            from: m[(row, col)],
            to: nearest.matrix[(row, col)],
        })
        .collect();
    moves.sort_by(|a, b| (b.to - b.from).abs().total_cmp(&(a.to - a.from).abs()));
    moves.truncate(3);
    Err(CorrelationError::NotPsd {
        min_eigenvalue,
        moves,
    })
}

/// Lower-triangular L with L·Lᵀ = m, for a valid (checked) correlation matrix; singular
/// (semidefinite) matrices are allowed.
///
/// Semidefinite handling: a Cholesky pivot ≤ [`PIVOT_TOL`] means that variable is (numerically)
/// a linear combination of the earlier ones; its diagonal entry and the rest of its column are
/// set to 0 instead of dividing by ~0 (the standard semidefinite Cholesky; no jitter is added,
/// so exact ±1 correlations stay exact). Finally each row of L is scaled to unit length, so every
/// correlated normal L·z has variance exactly 1 and the marginals stay exact; this moves
/// correlations by at most ~PSD_TOL for matrices with slightly negative eigenvalues.
pub fn cholesky_lower(m: &DMatrix<f64>) -> Result<DMatrix<f64>, CorrelationError> {
    check_correlation(m)?;
    let n = m.nrows();
    let mut l = DMatrix::<f64>::zeros(n, n);
    for j in 0..n {
        let mut d = m[(j, j)];
        for k in 0..j {
            d -= l[(j, k)] * l[(j, k)];
        }
        if d <= PIVOT_TOL {
            continue; // dependent variable: column j of L stays 0
        }
        let ljj = d.sqrt();
        l[(j, j)] = ljj;
        for i in j + 1..n {
            let mut s = m[(i, j)];
            for k in 0..j {
                s -= l[(i, k)] * l[(j, k)];
            }
            l[(i, j)] = s / ljj;
        }
    }
    for i in 0..n {
        let norm = (0..=i).map(|k| l[(i, k)] * l[(i, k)]).sum::<f64>().sqrt();
        if norm > 0.0 {
            for k in 0..=i {
                l[(i, k)] /= norm;
            }
        }
    }
    Ok(l)
}

/// Result of [`nearest_correlation`].
#[derive(Debug, Clone, PartialEq)]
pub struct NearestCorrelation {
    /// The nearest correlation matrix: symmetric, unit diagonal, positive semi-definite.
    pub matrix: DMatrix<f64>,
    /// Frobenius norm ‖input − matrix‖.
    pub frobenius_distance: f64,
    /// Alternating-projection iterations used (0 if the input was already valid).
    pub iterations: usize,
    /// Whether the relative changes fell below `tol` within `max_iter` iterations.
    pub converged: bool,
}

/// The correlation matrix nearest to `m` in the Frobenius norm, by Higham's (2002) alternating
/// projections with Dykstra's correction: alternately project onto the positive semi-definite
/// cone (symmetric eigen-decomposition, negative eigenvalues set to 0, Dykstra-corrected) and
/// onto the unit-diagonal matrices, until the relative changes in both iterates and their
/// relative gap are ≤ `tol` (1e-10 to 1e-12 is a good choice) or `max_iter` iterations have run.
///
/// An asymmetric `m` is first replaced by (m + mᵀ)/2 (the nearest symmetric matrix); the
/// distance is measured from `m` itself. A valid correlation matrix (see [`check_correlation`])
/// is returned unchanged. The final PSD iterate is rescaled to an exact unit diagonal, so the
/// result is PSD (up to rounding) and passes [`check_correlation`] even when `converged` is
/// false. A matrix with a NaN or infinite entry is returned unchanged with
/// `converged = false` and a NaN distance (check it with [`check_correlation`] first).
///
/// # Panics
/// If `m` is not square (a programming error: check the shape first).
pub fn nearest_correlation(m: &DMatrix<f64>, tol: f64, max_iter: usize) -> NearestCorrelation {
    assert!(
        m.is_square(),
        "nearest_correlation needs a square matrix, found {}×{}",
        m.nrows(),
        m.ncols()
    );
    if m.iter().any(|v| !v.is_finite()) {
        return NearestCorrelation {
            matrix: m.clone(),
            frobenius_distance: f64::NAN,
            iterations: 0,
            converged: false,
        };
    }
    if check_correlation(m).is_ok() {
        return NearestCorrelation {
            matrix: m.clone(),
            frobenius_distance: 0.0,
            iterations: 0,
            converged: true,
        };
    }
    higham(m, tol, max_iter)
}

/// Projection of a symmetric matrix onto the PSD cone.
fn project_psd(r: &DMatrix<f64>) -> DMatrix<f64> {
    if r.is_empty() {
        return r.clone();
    }
    let eig = SymmetricEigen::new(r.clone());
    let lambda = eig.eigenvalues.map(|v| v.max(0.0));
    let q = &eig.eigenvectors;
    let x = q * DMatrix::from_diagonal(&lambda) * q.transpose();
    (&x + x.transpose()) * 0.5
}

/// Higham's algorithm proper (square, finite input assumed).
fn higham(m: &DMatrix<f64>, tol: f64, max_iter: usize) -> NearestCorrelation {
    let n = m.nrows();
    let a = (m + m.transpose()) * 0.5;
    let mut y = a.clone();
    let mut ds = DMatrix::<f64>::zeros(n, n);
    let mut x_prev = a.clone();
    let mut x = a.clone();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        iterations += 1;
        let r = &y - &ds;
        x = project_psd(&r);
        ds = &x - &r;
        let mut y_next = x.clone();
        for i in 0..n {
            y_next[(i, i)] = 1.0;
        }
        let ny = y_next.norm().max(f64::MIN_POSITIVE);
        let dx = (&x - &x_prev).norm() / x.norm().max(f64::MIN_POSITIVE);
        let dy = (&y_next - &y).norm() / ny;
        let gap = (&y_next - &x).norm() / ny;
        y = y_next;
        x_prev.copy_from(&x);
        if dx.max(dy).max(gap) <= tol {
            converged = true;
            break;
        }
    }
    // Rescale the PSD iterate to an exact unit diagonal (a congruence keeps it PSD).
    let d: Vec<f64> = (0..n).map(|i| x[(i, i)]).collect();
    let mut out = if d.iter().all(|&v| v > 0.0) {
        DMatrix::from_fn(n, n, |i, j| {
            if i == j {
                1.0
            } else {
                (x[(i, j)] / (d[i] * d[j]).sqrt()).clamp(-1.0, 1.0)
            }
        })
    } else {
        y
    };
    out = (&out + out.transpose()) * 0.5;
    NearestCorrelation {
        frobenius_distance: (m - &out).norm(),
        matrix: out,
        iterations,
        converged,
    }
}

/// Ranks 1..=n of `v`, ties sharing their average rank.
fn average_ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut ranks = vec![0.0; v.len()];
    let mut start = 0;
    while start < idx.len() {
        let mut end = start + 1;
        while end < idx.len() && v[idx[end]] == v[idx[start]] {
            end += 1;
        }
        // Positions start..end (0-based) share ranks start+1..=end, average (start + end + 1)/2.
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &idx[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson correlation of two equally long slices (NaN if either is constant).
fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return f64::NAN;
    }
    (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
}

/// Spearman's rank correlation ρ of paired samples: the Pearson correlation of their ranks, tied
/// values sharing their average rank. NaN when the lengths differ, there are fewer than 2 pairs,
/// either sample is constant, or any value is NaN.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    if x.len() != y.len() || x.len() < 2 || x.iter().chain(y).any(|v| v.is_nan()) {
        return f64::NAN;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// out = L·z for a lower-triangular L (only the lower triangle is read), without allocating:
/// turns independent standard normals into correlated ones, once per path. Deterministic: each
/// out(i) sums L(i, j)·z(j) over j = 0..=i in order.
///
/// # Panics
/// If L is not n×n with n = z.len() = out.len() (a programming error, not a data error).
#[inline]
pub fn correlate(l: &DMatrix<f64>, z_independent: &[f64], out: &mut [f64]) {
    let n = z_independent.len();
    assert!(
        l.nrows() == n && l.ncols() == n && out.len() == n,
        "correlate: L is {}×{}, z has {n} entries, out has {}",
        l.nrows(),
        l.ncols(),
        out.len()
    );
    out.fill(0.0);
    // Column-major storage: column j of L is contiguous, rows j..n of it are the lower part.
    let data = l.as_slice();
    for (j, &zj) in z_independent.iter().enumerate() {
        let col = &data[j * n + j..(j + 1) * n];
        for (o, &lij) in out[j..].iter_mut().zip(col) {
            *o += lij * zj;
        }
    }
}

#[cfg(test)]
mod tests {
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
                2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0, 2.0, -1.0, 0.0, 0.0, -1.0,
                2.0,
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
            println!(
                "n = {n:2}: cholesky_lower (with check) {chol_us:.1} µs, correlate {ns:.1} ns"
            );
        }
    }
}
