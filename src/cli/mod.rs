//! Command-line interface: argument definitions and the commands they run.

use crate::model;
use crate::montecarlo;
use crate::report::{self, Lang};
use crate::scenario;
use std::path::{Path, PathBuf};

mod args;
pub use args::{Cli, Command, SamplerArg};
mod compare;
mod failure;
pub use failure::Failure;
use failure::{lang_of, localise};
mod levers;
mod progress;
mod remaining;
mod sensitivity;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an output could not be written, or another failure outside the inputs.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: bad input (scenario file or arguments).
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code: the inputs make the model impossible (e.g. capital stock below zero).
pub const EXIT_NUMERICAL: i32 = 3;
/// Exit code: stopped by Ctrl-C (SIGINT) or SIGTERM; earlier outputs are untouched.
pub const EXIT_INTERRUPTED: i32 = 130;

fn io_failure(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure {
        code: EXIT_FAILURE,
        message: format!("error: cannot write {}: {e}", path.display()),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    report::write_atomic(path, bytes).map_err(|e| io_failure(path, e))
}

fn out_dir(out: Option<PathBuf>, name: &str) -> PathBuf {
    out.unwrap_or_else(|| Path::new("output").join(name))
}

/// Refuses an `--out` that cannot be a folder before anything is computed.
fn check_out(cmd: &Command) -> Result<(), Failure> {
    let out = match cmd {
        Command::Project { out, .. }
        | Command::Required { out, .. }
        | Command::Run { out, .. }
        | Command::Merge { out, .. }
        | Command::Sweep { out, .. }
        | Command::Solve { out, .. }
        | Command::Sensitivity { out, .. }
        | Command::Compare { out, .. }
        | Command::Remaining { out, .. } => out.as_deref(),
        Command::Validate { .. } | Command::Init { .. } => None,
    };
    match out {
        Some(dir) => report::folder::check_target(dir).map_err(|m| Failure {
            code: EXIT_BAD_INPUT,
            message: format!("error: --out: {m}"),
        }),
        None => Ok(()),
    }
}

/// Runs a parsed command line, printing results to stdout; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    // Ctrl-C / SIGTERM: stop at the next round boundary, keep earlier outputs
    let _ =
        ctrlc::set_handler(|| montecarlo::STOP.store(true, std::sync::atomic::Ordering::SeqCst));
    let lang = lang_of(&cli.command);
    match dispatch(cli) {
        Ok(()) => EXIT_OK,
        Err(f) => {
            eprintln!("{}", localise(&f.message, lang));
            f.code
        }
    }
}

/// How much to print.
#[derive(Debug, Clone, Copy)]
struct Verbosity {
    quiet: bool,
    verbose: bool,
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    let v = Verbosity {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    check_out(&cli.command)?;
    let _ = report::outputs::CSV_LOCALE.set(cli.csv_locale);
    match cli.command {
        Command::Project {
            scenario,
            out,
            lang,
            formats,
        } => project(&scenario, out, lang, formats, v),
        Command::Required {
            scenario,
            out,
            lang,
            formats,
        } => required(&scenario, out, lang, formats, v),
        Command::Validate { scenario, lang } => {
            let sc = scenario::load(&scenario)?;
            if !v.quiet {
                print!("{}", report::scenario_summary(&sc, lang));
            }
            Ok(())
        }
        Command::Sweep {
            scenario,
            set,
            list,
            paths,
            seed,
            sampler,
            out,
            lang,
            formats,
        } => levers::sweep(
            levers::SweepArgs {
                scenario,
                set,
                list,
                paths,
                seed,
                sampler,
                out,
                lang,
                formats,
            },
            v,
        ),
        Command::Solve {
            scenario,
            lever,
            prob,
            mean,
            median,
            range,
            tolerance,
            paths,
            seed,
            sampler,
            out,
            lang,
            formats,
        } => levers::solve(
            levers::SolveArgs {
                scenario,
                lever,
                prob: if median { Some(0.5) } else { prob },
                mean,
                range,
                tolerance,
                paths,
                seed,
                sampler,
                out,
                lang,
                formats,
            },
            v,
        ),
        Command::Sensitivity {
            scenario,
            paths,
            rows,
            bootstrap,
            seed,
            out,
            lang,
            formats,
        } => sensitivity::sensitivity(
            sensitivity::SensitivityArgs {
                scenario,
                paths,
                rows,
                bootstrap,
                seed,
                out,
                lang,
                formats,
            },
            v,
        ),
        Command::Compare {
            scenarios,
            paths,
            seed,
            sampler,
            out,
            lang,
            formats,
        } => compare::compare(
            compare::CompareArgs {
                scenarios,
                paths,
                seed,
                sampler,
                out,
                lang,
                formats,
            },
            v,
        ),
        Command::Init { name, dir, force } => init(&name, &dir, force),
        Command::Remaining {
            scenario,
            actual,
            investment,
            paths,
            seed,
            out,
            lang,
            formats,
        } => remaining::remaining(
            remaining::RemainingArgs {
                scenario,
                actual,
                investment,
                paths,
                seed,
                out,
                lang,
                formats,
            },
            v,
        ),
        Command::Run {
            scenario,
            paths,
            seed,
            precision,
            sampler,
            out,
            lang,
            shard,
            formats,
        } => monte_carlo(
            &scenario,
            RunArgs {
                paths,
                seed,
                precision,
                sampler,
                shard,
                formats,
            },
            out,
            lang,
            v,
        ),
        Command::Merge {
            parts,
            out,
            lang,
            formats,
        } => merge(&parts, out, lang, formats, v),
    }
}

/// What a command delivers: where, for which scenario and command, the run's seed, paths and
/// sampler (Monte Carlo only), the seconds spent simulating, and the report for stdout.
struct Delivery<'a> {
    dir: &'a Path,
    sc: &'a scenario::Scenario,
    command: &'a str,
    run: Option<(u64, u64, String)>,
    lang: Lang,
    simulate: f64,
}

/// Writes the outputs `build` makes into the folder as a unit (with the manifest), then
/// prints `text` and where the files went (nothing under `--quiet`; timings under
/// `--verbose`).
fn deliver(
    d: Delivery<'_>,
    build: impl FnOnce() -> Result<report::OutputSet, String>,
    text: impl FnOnce() -> String,
    v: Verbosity,
) -> Result<(), Failure> {
    let outputs = report::finish(d.dir, d.sc, d.command, d.run, d.lang, d.simulate, build)
        .map_err(|m| Failure {
            code: EXIT_FAILURE,
            message: format!("error: {m}"),
        })?;
    if v.verbose {
        eprintln!("simulation {:.2} s, outputs {outputs:.2} s", d.simulate);
    }
    if !v.quiet {
        print!("{}", text());
        println!("\n{}: {}", report::msg(d.lang, "wrote_to"), d.dir.display());
    }
    Ok(())
}

fn project(
    path: &Path,
    out: Option<PathBuf>,
    lang: Lang,
    formats: report::Formats,
    v: Verbosity,
) -> Result<(), Failure> {
    let sc = scenario::load(path)?;
    let start = std::time::Instant::now();
    let p = model::project(&sc, &sc.central)?;
    let simulate = start.elapsed().as_secs_f64();
    let dir = out_dir(out, &sc.meta.name);
    deliver(
        Delivery {
            dir: &dir,
            sc: &sc,
            command: "project",
            run: None,
            lang,
            simulate,
        },
        || report::projection_outputs(&sc, &p, formats, lang),
        || report::render::text(&report::docs::projection_brief(&sc, &p, lang), lang),
        v,
    )
}

/// Most paths one run accepts (the aggregation itself needs only a few MB whatever the count).
pub const MAX_PATHS: u64 = 1 << 40;

/// Arguments of `run` that shape the computation.
struct RunArgs {
    paths: u64,
    seed: u64,
    precision: Option<f64>,
    sampler: SamplerArg,
    shard: Option<(u64, u64)>,
    formats: report::Formats,
}

/// Rough peak memory of a run, bytes: per rayon accumulator, histograms over the spread of
/// values (about 10⁴ bins of 8 bytes each for ~(T + 10 + S) quantities), plus per-chunk sums.
fn memory_estimate(sc: &scenario::Scenario, paths: u64) -> u64 {
    let quantities = (sc.horizon() + 10 + sc.sources.len()) as u64;
    let threads = rayon::current_num_threads() as u64;
    let per_acc = quantities * 20_000 * 8;
    let chunks = paths.div_ceil(montecarlo::CHUNK);
    40_000_000 + 4 * threads.max(1) * per_acc + chunks * (quantities + 8) * 8 * 2
}

#[allow(clippy::too_many_arguments)]
fn write_summary(
    sc: &scenario::Scenario,
    summary: &montecarlo::Summary,
    dir: &Path,
    command: &str,
    simulate: f64,
    formats: report::Formats,
    lang: Lang,
    v: Verbosity,
) -> Result<(), Failure> {
    let run = Some((
        summary.seed,
        summary.paths,
        format!("{:?}", summary.sampler).to_lowercase(),
    ));
    deliver(
        Delivery {
            dir,
            sc,
            command,
            run,
            lang,
            simulate,
        },
        || report::summary_outputs(sc, summary, formats, lang),
        || {
            let scale = report::outputs::scale_of(sc).unwrap_or_default();
            report::render::text(&report::docs::run_brief(sc, summary, &scale, lang), lang)
        },
        v,
    )
}

fn monte_carlo(
    path: &Path,
    a: RunArgs,
    out: Option<PathBuf>,
    lang: Lang,
    v: Verbosity,
) -> Result<(), Failure> {
    let bad = |m: String| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {m}"),
    };
    if a.paths == 0 || a.paths > MAX_PATHS {
        return Err(bad(report::msg(lang, "paths_must_be_between")
            .replace("{max}", &MAX_PATHS.to_string())
            .replace("{found}", &a.paths.to_string())));
    }
    if let Some(p) = a.precision
        && !(p > 0.0 && p < 1.0)
    {
        return Err(bad(
            report::msg(lang, "precision_must_be_a_width").replace("{found}", &p.to_string())
        ));
    }
    if a.shard.is_some() && a.precision.is_some() {
        return Err(bad(report::msg(lang, "shard_and_precision").into()));
    }
    let sc = scenario::load(path)?;
    let cfg = montecarlo::RunConfig {
        paths: a.paths,
        seed: a.seed,
        sampler: match a.sampler {
            SamplerArg::Mc => montecarlo::Sampler::Mc,
            SamplerArg::Lhs => montecarlo::Sampler::Lhs,
        },
        precision: a.precision,
        progress: !v.quiet,
        shard: a.shard,
    };
    if v.verbose {
        eprintln!(
            "{} paths on {} threads, seed {}, sampler {:?}{}; estimated peak memory {} MB",
            a.paths,
            rayon::current_num_threads(),
            a.seed,
            cfg.sampler,
            a.shard
                .map(|(i, n)| format!(", shard {i}/{n}"))
                .unwrap_or_default(),
            memory_estimate(&sc, a.paths) / 1_000_000
        );
    }
    if sc.uncertainty.inputs.is_empty() && sc.uncertainty.events.is_empty() && !v.quiet {
        eprintln!(
            "{}",
            crate::report::msg(lang, "note_the_scenario_has_no_uncertainty_section_eve")
        );
    }
    let dir = out_dir(out, &sc.meta.name);
    let interrupted = |e: montecarlo::RunError| -> Failure {
        let mut f = Failure::from(e);
        if f.code == EXIT_INTERRUPTED {
            f.message = format!(
                "{}; nothing was written, earlier outputs in {} are untouched",
                f.message,
                dir.display()
            );
        }
        f
    };
    if a.shard.is_some() {
        let partial = montecarlo::run_partial(
            &sc,
            &cfg,
            &path.display().to_string(),
            &montecarlo::CURVE_SCALES,
        )
        .map_err(interrupted)?;
        let json = serde_json::to_vec(&partial).map_err(|e| io_failure(&dir, e))?;
        write(&dir.join("partial.json"), &json)?;
        if !v.quiet {
            println!("{}", dir.join("partial.json").display());
        }
        return Ok(());
    }
    let start = std::time::Instant::now();
    // the funding curve on the run's own paths: its point at scale 1 is the headline
    let shown = progress::Progress::start(
        lang,
        crate::report::msg(lang, "monte_carlo"),
        Some(a.paths),
        v.quiet,
    );
    let summary = montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES);
    drop(shown);
    let summary = summary.map_err(interrupted)?;
    let simulate = start.elapsed().as_secs_f64();
    write_summary(&sc, &summary, &dir, "run", simulate, a.formats, lang, v)
}

fn merge(
    parts: &[PathBuf],
    out: Option<PathBuf>,
    lang: Lang,
    formats: report::Formats,
    v: Verbosity,
) -> Result<(), Failure> {
    let bad = |m: String| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {m}"),
    };
    let mut partials = Vec::with_capacity(parts.len());
    for p in parts {
        let file = if p.is_dir() {
            p.join("partial.json")
        } else {
            p.clone()
        };
        let bytes = std::fs::read(&file)
            .map_err(|e| bad(format!("cannot read {}: {e}", file.display())))?;
        let partial: montecarlo::Partial = serde_json::from_slice(&bytes).map_err(|e| {
            bad(format!(
                "{} is not a grdpsim partial result: {e}",
                file.display()
            ))
        })?;
        partials.push(partial);
    }
    let scenario_path = PathBuf::from(&partials[0].scenario_path);
    let sc = scenario::load(&scenario_path)?;
    let start = std::time::Instant::now();
    let summary = montecarlo::merge(&sc, partials)?;
    let simulate = start.elapsed().as_secs_f64();
    let dir = out_dir(out, &sc.meta.name);
    write_summary(&sc, &summary, &dir, "merge", simulate, formats, lang, v)
}

fn required(
    path: &Path,
    out: Option<PathBuf>,
    lang: Lang,
    formats: report::Formats,
    v: Verbosity,
) -> Result<(), Failure> {
    let sc = scenario::load(path)?;
    let start = std::time::Instant::now();
    let r = model::required(&sc, &sc.central)?;
    let simulate = start.elapsed().as_secs_f64();
    let dir = out_dir(out, &format!("{}/required", sc.meta.name));
    let doc = report::docs::required(&sc, &r, None, lang);
    deliver(
        Delivery {
            dir: &dir,
            sc: &sc,
            command: "required",
            run: None,
            lang,
            simulate,
        },
        || {
            let json = report::to_json(&r).map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "required", formats, lang)
        },
        || report::render::text(&doc, lang),
        v,
    )
}

fn init(name: &str, dir: &Path, force: bool) -> Result<(), Failure> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: format!(
                "error: scenario name {name:?} must be letters, digits, '-' or '_' (at most 64)"
            ),
        });
    }
    let path = dir.join(format!("{name}.toml"));
    if path.exists() && !force {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: format!(
                "error: {} already exists; use --force to overwrite it",
                path.display()
            ),
        });
    }
    write(&path, scenario::starter_scenario(name).as_bytes())?;
    println!("{}", path.display());
    Ok(())
}
