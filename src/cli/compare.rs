//! `grdpsim compare A.toml B.toml …`: scenarios side by side on common random numbers.

use super::args::CompareArgs;
use super::{EXIT_BAD_INPUT, EXIT_INTERRUPTED, Failure, Verbosity};
use crate::analysis::compare::{self, CompareConfig, CompareError, MAX_SCENARIOS};
use crate::montecarlo::RunError;
use crate::report::{self, Lang};
use crate::scenario::{self, Scenario};
use std::path::{Path, PathBuf};

/// Longest default folder name built from the scenario names.
const MAX_DIR_NAME: usize = 120;

/// `output/compare-<A>-vs-<B>[-vs-<C>…]`, or `output/compare-<A>-vs-<k−1>-scenarios` when that
/// is too long for a file name.
fn default_dir(scenarios: &[Scenario]) -> PathBuf {
    let names: Vec<&str> = scenarios.iter().map(|s| s.meta.name.as_str()).collect();
    let full = format!("compare-{}", names.join("-vs-"));
    let name = if full.len() <= MAX_DIR_NAME {
        full
    } else {
        format!("compare-{}-vs-{}-scenarios", names[0], names.len() - 1)
    };
    Path::new("output").join(name)
}

/// A scenario standing for the whole comparison in the manifest: the reference with every
/// file read, the names joined, and a hash of all the scenarios' hashes.
fn manifest_scenario(scenarios: &[Scenario]) -> Scenario {
    let mut m = scenarios[0].clone();
    m.meta.name = scenarios
        .iter()
        .map(|s| s.meta.name.as_str())
        .collect::<Vec<_>>()
        .join(" vs ");
    let mut files = Vec::new();
    for f in scenarios.iter().flat_map(|s| &s.files) {
        if !files.contains(f) {
            files.push(f.clone());
        }
    }
    m.files = files;
    let hashes: Vec<&[u8]> = scenarios
        .iter()
        .map(|s| s.content_hash.as_bytes())
        .collect();
    m.content_hash = scenario::fnv1a_hex(&hashes);
    m
}

pub(super) fn compare(a: CompareArgs, v: Verbosity) -> Result<(), Failure> {
    let bad = |m: String| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {m}"),
    };
    if a.scenarios.len() < 2 || a.scenarios.len() > MAX_SCENARIOS {
        return Err(bad(format!(
            "compare needs between 2 and {MAX_SCENARIOS} scenario files (the first is the reference), found {}",
            a.scenarios.len()
        )));
    }
    if a.paths == 0 || a.paths > super::MAX_PATHS {
        return Err(bad(format!(
            "--paths must be between 1 and {}, found {}",
            super::MAX_PATHS,
            a.paths
        )));
    }
    let mut scenarios = Vec::with_capacity(a.scenarios.len());
    for p in &a.scenarios {
        scenarios.push(scenario::load(p)?);
    }
    let warnings = compare::check(&scenarios).map_err(|e| bad(e.to_string()))?;
    let cfg = CompareConfig {
        paths: a.paths,
        seed: a.draws.seed,
        sampler: a.draws.sampler.into(),
        progress: !v.quiet,
    };
    if v.verbose {
        eprintln!(
            "{} scenarios × {} paths on {} threads (plus one paired pass over all of them), seed {}, sampler {:?}",
            scenarios.len(),
            a.paths,
            rayon::current_num_threads(),
            a.draws.seed,
            cfg.sampler
        );
    }
    if !v.quiet && !warnings.is_empty() {
        // said before the long run; repeated in the report
        for w in &warnings {
            eprintln!("{}", warning_line(w, a.o.lang));
        }
    }
    let dir = a.o.out.clone().unwrap_or_else(|| default_dir(&scenarios));
    let (result, simulate) = super::progress::timed(
        a.o.lang,
        "comparing_scenarios",
        Some(2 * scenarios.len() as u64 * a.paths),
        v.quiet,
        || compare::compare(&scenarios, &cfg),
    );
    let result = result.map_err(|e| match e {
        CompareError::Run {
            error: RunError::Interrupted { .. },
            ..
        } => Failure {
            code: EXIT_INTERRUPTED,
            message: format!(
                "error: {e}; nothing was written, earlier outputs in {} are untouched",
                dir.display()
            ),
        },
        CompareError::Run { error, scenario } => {
            let mut f = Failure::from(error);
            f.message = format!(
                "error: scenario {scenario}: {}",
                f.message.trim_start_matches("error: ")
            );
            f
        }
        other => bad(other.to_string()),
    })?;
    let stand_in = manifest_scenario(&scenarios);
    let run = Some((
        a.draws.seed,
        a.paths,
        format!("{:?}", cfg.sampler).to_lowercase(),
    ));
    super::deliver(
        super::Delivery {
            dir: &dir,
            sc: &stand_in,
            command: "compare",
            run,
            lang: a.o.lang,
            simulate,
        },
        || report::compare_outputs(&result, a.o.formats, a.o.lang),
        || report::render::text(&report::docs::compare(&result, None, a.o.lang), a.o.lang),
        v,
    )
}

/// A warning before the run (names only; the report's version uses letters).
fn warning_line(w: &compare::Warning, lang: Lang) -> String {
    use compare::Warning as W;
    let list = |v: &[String]| {
        if v.is_empty() {
            "–".to_string()
        } else {
            v.join(", ")
        }
    };
    let prefix = crate::report::msg(lang, "warning");
    match w {
        W::InputSets {
            a,
            b,
            only_a,
            only_b,
        } => format!(
            "{prefix}: {a} / {b}: {} ({a}: {}; {b}: {})",
            crate::report::msg(lang, "different_uncertain_inputs_common_random_numbers"),
            list(only_a),
            list(only_b)
        ),
        W::Correlation { a, b } => format!(
            "{prefix}: {a} / {b}: {}",
            crate::report::msg(lang, "different_correlation_matrices_weaker_pairing")
        ),
        W::Targets { a, b } => format!(
            "{prefix}: {} ({} {}, {} {}); {}",
            crate::report::msg(lang, "different_targets"),
            a.0,
            lang.pct(a.1, 1),
            b.0,
            lang.pct(b.1, 1),
            crate::report::msg(lang, "each_probability_is_against_its_own_target")
        ),
        W::InvalidPaths { scenario, paths } => {
            format!("{prefix}: {scenario}: {paths} invalid paths")
        }
    }
}
