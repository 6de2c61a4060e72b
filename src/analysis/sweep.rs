//! Sweeps: P(hit) and the CAGR distribution over a grid of one or two levers, every point on
//! the same random numbers (same seed and paths), plus the 50% contour of a two-lever grid.

use super::levers::{Base, Lever};
use crate::montecarlo::{self, RunConfig, RunError};
use serde::Serialize;

/// One swept lever.
#[derive(Debug, Clone, Serialize)]
pub struct Axis {
    /// Lever path as written.
    pub lever: String,
    /// The lever's name in Vietnamese (for reports).
    pub lever_label_vi: String,
    /// The lever's name in English (for reports).
    pub lever_label_en: String,
    /// Whether the lever is money (thousand bn VND).
    pub money: bool,
    /// The lever's value in the scenario as written.
    pub current: f64,
    /// Grid values, in order.
    pub values: Vec<f64>,
}

/// One grid point.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// Lever values (one per axis).
    pub values: Vec<f64>,
    /// P(CAGR ≥ target); null when the point could not be run.
    pub prob_hit: Option<f64>,
    /// Wilson 95% interval of `prob_hit`.
    pub prob_hit_ci95: Option<[f64; 2]>,
    /// CAGR percentiles 10, 50, 90.
    pub cagr_p10: Option<f64>,
    /// Median CAGR.
    pub cagr_p50: Option<f64>,
    /// 90th percentile of the CAGR.
    pub cagr_p90: Option<f64>,
    /// Mean total investment realised, thousand bn VND.
    pub investment_mean: Option<f64>,
    /// Growth of the central (deterministic) projection.
    pub central_cagr: Option<f64>,
    /// Why the point could not be run (an invalid scenario at this value, every path invalid).
    pub error: Option<String>,
}

/// The result of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct Sweep {
    /// Scenario name.
    pub scenario: String,
    /// Scenario hash (as written, before the levers).
    pub scenario_hash: String,
    /// Growth target.
    pub target: f64,
    /// Seed.
    pub seed: u64,
    /// Paths per point.
    pub paths: u64,
    /// The one or two axes.
    pub axes: Vec<Axis>,
    /// Points, the last axis varying fastest.
    pub points: Vec<Point>,
    /// For two axes: segments of the P(hit) = 50% contour, in lever units
    /// (`[[x0, y0], [x1, y1]]`).
    pub contour50: Vec<[[f64; 2]; 2]>,
}

/// `steps` values evenly from `from` to `to` inclusive.
pub fn grid(from: f64, to: f64, steps: usize) -> Vec<f64> {
    if steps <= 1 {
        return vec![from];
    }
    (0..steps)
        .map(|i| from + (to - from) * i as f64 / (steps - 1) as f64)
        .collect()
}

/// Runs the Monte Carlo at every point of the grid spanned by `axes` (lever, values).
///
/// Points run in parallel (each run is itself deterministic, so the result does not depend on
/// the number of threads); `progress(done, total)` is called as points finish.
///
/// # Errors
/// [`RunError::Interrupted`] when stopped by a signal; a point whose scenario is invalid or
/// whose every path is invalid is recorded with its error instead.
pub fn sweep(
    base: &Base,
    axes: &[(Lever, Vec<f64>)],
    cfg: &RunConfig,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<Sweep, RunError> {
    use rayon::prelude::*;
    let dims: Vec<usize> = axes.iter().map(|(_, v)| v.len()).collect();
    let total: usize = dims.iter().product();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Point, RunError>> = (0..total)
        .into_par_iter()
        .map(|k| {
            let p = point(base, axes, &dims, k, cfg);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total);
            p
        })
        .collect();
    let points = results
        .into_iter()
        .collect::<Result<Vec<Point>, RunError>>()?;
    let sc = &base.scenario;
    let axes_out: Vec<Axis> = axes
        .iter()
        .map(|(l, v)| Axis {
            lever: l.name(),
            lever_label_vi: super::lever_names::lever_names(l, sc).0,
            lever_label_en: super::lever_names::lever_names(l, sc).1,
            money: l.is_money(),
            current: base.current(l).unwrap_or(f64::NAN),
            values: v.clone(),
        })
        .collect();
    let contour50 = if axes.len() == 2 {
        let grid: Vec<f64> = points
            .iter()
            .map(|p| p.prob_hit.unwrap_or(f64::NAN))
            .collect();
        contour(&axes[0].1, &axes[1].1, &grid, 0.5)
    } else {
        Vec::new()
    };
    Ok(Sweep {
        scenario: sc.meta.name.clone(),
        scenario_hash: sc.content_hash.clone(),
        target: sc.meta.target_growth,
        seed: cfg.seed,
        paths: cfg.paths,
        axes: axes_out,
        points,
        contour50,
    })
}

/// Grid point `k` (row-major, the last axis fastest).
fn point(
    base: &Base,
    axes: &[(Lever, Vec<f64>)],
    dims: &[usize],
    k: usize,
    cfg: &RunConfig,
) -> Result<Point, RunError> {
    let mut rest = k;
    let mut idx = vec![0; axes.len()];
    for a in (0..axes.len()).rev() {
        idx[a] = rest % dims[a];
        rest /= dims[a];
    }
    let values: Vec<f64> = idx.iter().zip(axes).map(|(&i, (_, v))| v[i]).collect();
    let settings: Vec<(Lever, f64)> = axes
        .iter()
        .zip(&values)
        .map(|((l, _), &v)| (l.clone(), v))
        .collect();
    let mut point = Point {
        values,
        prob_hit: None,
        prob_hit_ci95: None,
        cagr_p10: None,
        cagr_p50: None,
        cagr_p90: None,
        investment_mean: None,
        central_cagr: None,
        error: None,
    };
    match base.at(&settings) {
        Err(e) => point.error = Some(e),
        // the lean run: the figures a point shows, equal to the full run's
        Ok(sc) => match montecarlo::run_light(&sc, cfg) {
            Ok(s) => {
                point.prob_hit = Some(s.prob_hit);
                point.prob_hit_ci95 = Some(s.prob_hit_ci95);
                point.cagr_p10 = Some(s.cagr_p10);
                point.cagr_p50 = Some(s.cagr_p50);
                point.cagr_p90 = Some(s.cagr_p90);
                point.investment_mean = Some(s.investment_mean);
                point.central_cagr = crate::model::project(&sc, &sc.central).ok().map(|p| p.cagr);
            }
            Err(e @ RunError::Interrupted { .. }) => return Err(e),
            Err(e) => point.error = Some(e.to_string()),
        },
    }
    Ok(point)
}

/// Marching squares: segments where the bilinear interpolation of `z` (row-major, `xs` outer,
/// `ys` inner) crosses `level`. Cells with a missing value are skipped.
pub fn contour(xs: &[f64], ys: &[f64], z: &[f64], level: f64) -> Vec<[[f64; 2]; 2]> {
    let (nx, ny) = (xs.len(), ys.len());
    let mut out = Vec::new();
    if nx < 2 || ny < 2 || z.len() != nx * ny {
        return out;
    }
    let at = |i: usize, j: usize| z[i * ny + j];
    for i in 0..nx - 1 {
        for j in 0..ny - 1 {
            // corners counter-clockwise: (i,j) (i+1,j) (i+1,j+1) (i,j+1)
            let c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let v: Vec<f64> = c.iter().map(|&(a, b)| at(a, b)).collect();
            if v.iter().any(|x| !x.is_finite()) {
                continue;
            }
            let mut cross = Vec::new();
            for e in 0..4 {
                let (a, b) = (e, (e + 1) % 4);
                let (va, vb) = (v[a] - level, v[b] - level);
                if (va < 0.0) != (vb < 0.0) {
                    let f = va / (va - vb);
                    let (pa, pb) = (c[a], c[b]);
                    let x = xs[pa.0] + f * (xs[pb.0] - xs[pa.0]);
                    let y = ys[pa.1] + f * (ys[pb.1] - ys[pa.1]);
                    cross.push([x, y]);
                }
            }
            match cross.len() {
                2 => out.push([cross[0], cross[1]]),
                4 => {
                    // saddle: decide by the cell centre's average
                    let centre = v.iter().sum::<f64>() / 4.0 - level;
                    if (centre < 0.0) == (v[0] - level < 0.0) {
                        out.push([cross[0], cross[3]]);
                        out.push([cross[1], cross[2]]);
                    } else {
                        out.push([cross[0], cross[1]]);
                        out.push([cross[2], cross[3]]);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_includes_both_ends() {
        assert_eq!(grid(200.0, 1000.0, 5), [200.0, 400.0, 600.0, 800.0, 1000.0]);
        assert_eq!(grid(1.0, 2.0, 1), [1.0]);
    }

    #[test]
    fn contour_of_a_plane_is_its_level_line() {
        // z = (x + y)/4 on [0,2]², the 0.5 line is x + y = 2
        let xs = grid(0.0, 2.0, 5);
        let ys = grid(0.0, 2.0, 5);
        let z: Vec<f64> = xs
            .iter()
            .flat_map(|x| ys.iter().map(move |y| (x + y) / 4.0))
            .collect();
        let segs = contour(&xs, &ys, &z, 0.5);
        assert!(!segs.is_empty());
        for s in &segs {
            for p in s {
                assert!((p[0] + p[1] - 2.0).abs() < 1e-12, "{p:?}");
            }
        }
    }
}
