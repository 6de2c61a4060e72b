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
mod tests;
