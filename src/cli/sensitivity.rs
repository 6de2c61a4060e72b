//! `grdpsim sensitivity`: the tornado and the Sobol indices of a scenario.

use super::args::SensitivityArgs;
use super::{EXIT_BAD_INPUT, EXIT_NUMERICAL, Failure, Verbosity};
use crate::analysis::sensitivity::{self, SensitivityConfig, SensitivityError};
use crate::analysis::sobol::SobolError;
use crate::report;
use crate::scenario;
use std::path::Path;

/// Most rows of the Sobol design (each holds k + 2 outputs in memory).
pub const MAX_ROWS: usize = 1 << 21;
/// Fewest rows of the Sobol design.
pub const MIN_ROWS: usize = 64;
/// Most bootstrap resamples.
pub const MAX_BOOTSTRAP: usize = 10_000;
/// Fewest bootstrap resamples (percentile intervals need a few dozen).
pub const MIN_BOOTSTRAP: usize = 50;
/// Most paths per tornado run.
pub const MAX_PATHS: u64 = 1 << 32;

fn bad(m: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {}", m.into()),
    }
}

fn failure(e: SensitivityError, dir: &Path) -> Failure {
    match e {
        SensitivityError::Run(r) => {
            let mut f = Failure::from(r);
            if f.code == super::EXIT_INTERRUPTED {
                f.message = format!(
                    "{}; nothing was written, earlier outputs in {} are untouched",
                    f.message,
                    dir.display()
                );
            }
            f
        }
        SensitivityError::NoUncertainty => bad(e.to_string()),
        SensitivityError::Sobol(SobolError::ZeroVariance) => bad(format!(
            "{e}: the scenario's uncertain inputs do not change the average growth"
        )),
        SensitivityError::Sobol(_) => Failure {
            code: EXIT_NUMERICAL,
            message: format!(
                "error: {e} (rows whose simulation is invalid are dropped; see `grdpsim run` for the first invalid path)"
            ),
        },
    }
}

/// Runs `grdpsim sensitivity`.
pub(super) fn sensitivity(a: SensitivityArgs, v: Verbosity) -> Result<(), Failure> {
    if a.paths == 0 || a.paths > MAX_PATHS {
        return Err(bad(format!(
            "--paths must be between 1 and {MAX_PATHS}, found {}",
            a.paths
        )));
    }
    if !(MIN_ROWS..=MAX_ROWS).contains(&a.rows) {
        return Err(bad(format!(
            "--rows must be between {MIN_ROWS} and {MAX_ROWS}, found {}",
            a.rows
        )));
    }
    if !(MIN_BOOTSTRAP..=MAX_BOOTSTRAP).contains(&a.bootstrap) {
        return Err(bad(format!(
            "--bootstrap must be between {MIN_BOOTSTRAP} and {MAX_BOOTSTRAP}, found {}",
            a.bootstrap
        )));
    }
    let sc = scenario::load(&a.scenario)?;
    let dir =
        a.o.out
            .clone()
            .unwrap_or_else(|| Path::new("output").join(&sc.meta.name).join("sensitivity"));
    let cfg = SensitivityConfig {
        seed: a.seed,
        paths: a.paths,
        rows: a.rows,
        bootstrap: a.bootstrap,
        progress: !v.quiet,
    };
    if v.verbose {
        let k = sensitivity::groups(&sc).len();
        eprintln!(
            "{} groups on {} threads: tornado {} runs × {} paths, Sobol {} rows × {} simulations, {} bootstrap resamples, seed {}",
            k,
            rayon::current_num_threads(),
            1 + 2 * k,
            a.paths,
            a.rows,
            k + 2,
            a.bootstrap,
            a.seed
        );
    }
    let groups = sensitivity::groups(&sc).len() as u64;
    let (s, simulate) = super::progress::timed(
        a.o.lang,
        "sensitivity",
        Some((1 + 2 * groups) * a.paths + a.rows as u64 * (groups + 2)),
        v.quiet,
        || sensitivity::analyse(&sc, &cfg),
    );
    let s = s.map_err(|e| failure(e, &dir))?;
    let run = Some((a.seed, a.paths, "mc".to_string()));
    super::deliver(
        super::Delivery {
            dir: &dir,
            sc: &sc,
            command: "sensitivity",
            run,
            lang: a.o.lang,
            simulate,
        },
        || report::sensitivity_outputs(&sc, &s, a.o.formats, a.o.lang),
        || {
            report::render::text(
                &report::docs::sensitivity(&sc, &s, Vec::new(), a.o.lang),
                a.o.lang,
            )
        },
        v,
    )
}
