//! `grdpsim remaining`: what the remaining years need given the realised ones.

use super::args::RemainingArgs;
use super::{EXIT_BAD_INPUT, Failure, Verbosity, out_dir};
use crate::analysis::remaining::{self, Actuals, RemainingConfig, parse_year_value};
use crate::report;
use crate::scenario;

fn bad(m: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {}", m.into()),
    }
}

/// Runs `remaining`.
pub(super) fn remaining(a: RemainingArgs, v: Verbosity) -> Result<(), Failure> {
    if a.paths > super::MAX_PATHS {
        return Err(bad(format!(
            "--paths must be between 0 (no Monte Carlo) and {}, found {}",
            super::MAX_PATHS,
            a.paths
        )));
    }
    let growth = a
        .actual
        .iter()
        .map(|s| parse_year_value("--actual", s, true))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    let investment = a
        .investment
        .iter()
        .map(|s| parse_year_value("--investment", s, false))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    let sc = scenario::load(&a.scenario)?;
    let actuals = match &a.actuals_file {
        Some(f) => {
            let estimates = remaining::file::read(f).map_err(bad)?;
            Actuals::from_estimates(&sc, &estimates, &f.display().to_string()).map_err(bad)?
        }
        None => Actuals::new(&sc, &growth, &investment).map_err(bad)?,
    };
    if !(a.growth_error > 0.0 && a.growth_error < 1.0) {
        return Err(bad(format!(
            "--growth-error must be a fraction between 0 and 1 (e.g. 0.005 for half a point), found {}",
            a.growth_error
        )));
    }
    if !(a.investment_error > 0.0 && a.investment_error < 10.0) {
        return Err(bad(format!(
            "--investment-error must be a positive fraction (e.g. 0.05 for 5%), found {}",
            a.investment_error
        )));
    }
    let cfg = RemainingConfig {
        paths: a.paths,
        seed: a.seed,
        likelihood: remaining::nowcast::Likelihood {
            sigma_growth: a.growth_error,
            sigma_investment: a.investment_error,
        },
    };
    let uncertain = !sc.uncertainty.inputs.is_empty() || !sc.uncertainty.events.is_empty();
    if v.verbose && uncertain && a.paths > 0 {
        eprintln!(
            "{} paths × 2 (as drawn and with the actuals) on {} threads, seed {}",
            a.paths,
            rayon::current_num_threads(),
            a.seed
        );
    }
    let (r, simulate) = super::progress::timed(
        a.o.lang,
        "conditional_monte_carlo",
        Some(2 * a.paths),
        v.quiet,
        || remaining::remaining(&sc, &actuals, &cfg),
    );
    let r = r.map_err(Failure::from)?;
    let dir = out_dir(a.o.out, &format!("{}/remaining", sc.meta.name));
    let run = r
        .monte_carlo
        .as_ref()
        .map(|m| (m.seed, m.paths, "mc".to_string()));
    let lang = a.o.lang;
    let formats = a.o.formats;
    super::deliver(
        super::Delivery {
            dir: &dir,
            sc: &sc,
            command: "remaining",
            run,
            lang,
            simulate,
        },
        || {
            // with only a partial first year nothing is realised yet: no chart of it
            let chart = if r.actual.is_empty() {
                None
            } else {
                Some(report::charts::remaining(&sc, &r, lang).map_err(|e| e.to_string())?)
            };
            let doc = report::docs::remaining(&sc, &r, chart, lang);
            let json = report::to_json(&r).map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "remaining", formats, lang)
        },
        || report::render::text(&report::docs::remaining(&sc, &r, None, lang), lang),
        v,
    )
}
