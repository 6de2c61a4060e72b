//! Command-line interface: argument definitions and the commands they run.

use crate::model;
use crate::montecarlo;
use crate::report::{self, Lang};
use crate::scenario;
use std::path::{Path, PathBuf};

mod args;
pub use args::{Cli, Command, Outputs, SamplerArg};
use args::{IndicatorArgs, MergeArgs, ProjectArgs, RunArgs, ScenarioArgs};
mod calibrate;
mod compare;
mod failure;
pub use failure::Failure;
use failure::localise;
mod levers;
mod progress;
mod remaining;
mod sensitivity;
mod serve;

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
    match cmd.outputs().and_then(|o| o.out.as_deref()) {
        Some(dir) => report::folder::check_target(dir).map_err(|m| Failure {
            code: EXIT_BAD_INPUT,
            message: format!("error: --out: {m}"),
        }),
        None => Ok(()),
    }
}

/// Runs a parsed command line, printing results to stdout; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    // Output piped into `head` and closed early: end quietly, as Unix tools do, instead of
    // panicking on the failed write
    #[cfg(unix)]
    // SAFETY: resetting a signal's disposition to the default before any thread starts
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Ctrl-C / SIGTERM: stop at the next round boundary, keep earlier outputs
    let _ =
        ctrlc::set_handler(|| montecarlo::STOP.store(true, std::sync::atomic::Ordering::SeqCst));
    let lang = cli.command.lang();
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
        Command::Project(a) => project(a, v),
        Command::Required(a) => required(a, v),
        Command::Sectors(a) => sectors(a, v),
        Command::Indicators(a) => indicators(a, v),
        Command::Validate(a) => {
            let sc = scenario::load(&a.scenario)?;
            if !v.quiet {
                print!("{}", report::scenario_summary(&sc, a.lang));
                // the central projection's plausibility, when it can be computed
                if let Ok(p) = model::project(&sc, &sc.central) {
                    for w in crate::analysis::plausibility::check_projection(&sc, &p) {
                        println!(
                            "{}: {}",
                            report::msg(a.lang, "warning"),
                            report::docs::plausibility_text(&w, a.lang)
                        );
                    }
                }
            }
            Ok(())
        }
        Command::Sweep(a) => levers::sweep(a, v),
        Command::Solve(a) => levers::solve(a, v),
        Command::Sensitivity(a) => sensitivity::sensitivity(a, v),
        Command::Compare(a) => compare::compare(a, v),
        Command::Init(a) => init(&a.name, &a.dir, a.force, a.actuals),
        Command::Remaining(a) => remaining::remaining(a, v),
        Command::Calibrate(a) => calibrate::calibrate(a, v),
        Command::Run(a) => monte_carlo(a, v),
        Command::Merge(a) => merge(a, v),
        Command::Serve(a) => serve::serve(a, v),
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

impl<'a> Delivery<'a> {
    /// A deterministic command's delivery (no seed, paths or sampler).
    fn new(
        dir: &'a Path,
        sc: &'a scenario::Scenario,
        command: &'a str,
        lang: Lang,
        simulate: f64,
    ) -> Self {
        Delivery {
            dir,
            sc,
            command,
            run: None,
            lang,
            simulate,
        }
    }
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

/// Loads a scenario and runs a deterministic computation on it, timed (seconds).
fn timed<T>(
    path: &Path,
    compute: impl FnOnce(&scenario::Scenario) -> Result<T, model::ModelError>,
) -> Result<(scenario::Scenario, T, f64), Failure> {
    let sc = scenario::load(path)?;
    let (result, seconds) = timed_on(&sc, compute)?;
    Ok((sc, result, seconds))
}

/// Runs a deterministic computation on a loaded scenario, timed (seconds).
fn timed_on<T>(
    sc: &scenario::Scenario,
    compute: impl FnOnce(&scenario::Scenario) -> Result<T, model::ModelError>,
) -> Result<(T, f64), Failure> {
    let start = std::time::Instant::now();
    let result = compute(sc)?;
    Ok((result, start.elapsed().as_secs_f64()))
}

fn project(a: ProjectArgs, v: Verbosity) -> Result<(), Failure> {
    if a.match_plan {
        let (sc, (m, p), simulate) = timed(&a.scenario, crate::analysis::plan_match::plan_match)?;
        let Outputs { out, lang, formats } = a.o;
        let dir = out_dir(out, &format!("{}/match-plan", sc.meta.name));
        let doc = report::docs::plan_match(&sc, &m, &p, lang);
        return deliver(
            Delivery::new(&dir, &sc, "project --match-plan", lang, simulate),
            || {
                let json = report::to_json(&m).map_err(|e| e.to_string())?;
                report::document_outputs(&doc, Some(json), "plan_match", formats, lang)
            },
            || report::render::text(&doc, lang),
            v,
        );
    }
    let (sc, p, simulate) = timed(&a.scenario, |sc| model::project(sc, &sc.central))?;
    let Outputs { out, lang, formats } = a.o;
    let dir = out_dir(out, &sc.meta.name);
    deliver(
        Delivery::new(&dir, &sc, "project", lang, simulate),
        || report::projection_outputs(&sc, &p, formats, lang),
        || report::render::text(&report::docs::projection_brief(&sc, &p, lang), lang),
        v,
    )
}

fn required(a: ScenarioArgs, v: Verbosity) -> Result<(), Failure> {
    let (sc, r, simulate) = timed(&a.scenario, |sc| model::required(sc, &sc.central))?;
    let Outputs { out, lang, formats } = a.o;
    let dir = out_dir(out, &format!("{}/required", sc.meta.name));
    let doc = report::docs::required(&sc, &r, None, lang);
    deliver(
        Delivery::new(&dir, &sc, "required", lang, simulate),
        || {
            let warnings = crate::analysis::plausibility::check_required(&sc, &r);
            let json = report::to_json(&report::WithWarnings {
                inner: &r,
                warnings: &warnings,
            })
            .map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "required", formats, lang)
        },
        || report::render::text(&doc, lang),
        v,
    )
}

/// Refuses a command that needs a section the scenario does not have (exit 2).
fn needs(has: bool, path: &Path, section: &str, example: &str) -> Result<(), Failure> {
    if has {
        return Ok(());
    }
    Err(Failure {
        code: EXIT_BAD_INPUT,
        message: format!(
            "error: {} has no {section}; see docs/scenario-format.md, \"Sectors, indicators and milestones\" (e.g. {example})",
            path.display()
        ),
    })
}

fn indicators(a: IndicatorArgs, v: Verbosity) -> Result<(), Failure> {
    let on_target = !a.as_projected;
    let sc = scenario::load(&a.scenario)?;
    needs(
        !sc.indicators.is_empty(),
        &a.scenario,
        "[[indicators]]",
        "scenarios/hanoi-2026-2030-indicators.toml",
    )?;
    let (mut ind, simulate) = timed_on(&sc, |sc| {
        crate::analysis::indicators::indicators(sc, on_target)
    })?;
    let uncertain = !sc.uncertainty.inputs.is_empty() || !sc.uncertainty.events.is_empty();
    if uncertain && a.paths > 0 {
        let paths = a.paths.min(MAX_PATHS);
        crate::analysis::indicator_odds::attach(
            &sc,
            &mut ind,
            paths,
            a.draws.seed,
            a.draws.sampler.into(),
        )?;
    }
    let Outputs { out, lang, formats } = a.o;
    let dir = out_dir(out, &format!("{}/indicators", sc.meta.name));
    let doc = report::docs::indicators(&sc, &ind, lang);
    deliver(
        Delivery::new(&dir, &sc, "indicators", lang, simulate),
        || {
            let json = report::to_json(&ind).map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "indicators", formats, lang)
        },
        || report::render::text(&doc, lang),
        v,
    )
}

fn sectors(a: ScenarioArgs, v: Verbosity) -> Result<(), Failure> {
    let sc = scenario::load(&a.scenario)?;
    needs(
        sc.sectors.iter().any(|s| s.share_base.is_some()),
        &a.scenario,
        "[[sectors]] with a share_base",
        "scenarios/hanoi-2026-2030-sectors.toml",
    )?;
    let (b, simulate) = timed_on(&sc, crate::analysis::sectors::bridge)?;
    let Outputs { out, lang, formats } = a.o;
    let dir = out_dir(out, &format!("{}/sectors", sc.meta.name));
    let doc = report::docs::sectors(&sc, &b, lang);
    deliver(
        Delivery::new(&dir, &sc, "sectors", lang, simulate),
        || {
            let json = report::to_json(&b).map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "sectors", formats, lang)
        },
        || report::render::text(&doc, lang),
        v,
    )
}

/// Most paths one run accepts (the aggregation itself needs only a few MB whatever the count).
pub const MAX_PATHS: u64 = 1 << 40;

/// Rough peak memory of a run, bytes: per rayon accumulator, histograms over the spread of
/// values (about 10⁴ bins of 8 bytes each for ~(T + 10 + S) quantities), plus per-chunk sums.
fn memory_estimate(sc: &scenario::Scenario, paths: u64) -> u64 {
    let quantities = (sc.horizon() + 10 + sc.sources.len()) as u64;
    let threads = rayon::current_num_threads() as u64;
    let per_acc = quantities * 20_000 * 8;
    let chunks = paths.div_ceil(montecarlo::CHUNK);
    40_000_000 + 4 * threads.max(1) * per_acc + chunks * (quantities + 8) * 8 * 2
}

/// Delivers a Monte Carlo summary (of `run` or `merge`) with the run's document.
fn write_summary(
    d: Delivery<'_>,
    summary: &montecarlo::Summary,
    formats: report::Formats,
    v: Verbosity,
) -> Result<(), Failure> {
    let (sc, lang) = (d.sc, d.lang);
    let run = Some((
        summary.seed,
        summary.paths,
        format!("{:?}", summary.sampler).to_lowercase(),
    ));
    deliver(
        Delivery { run, ..d },
        || report::summary_outputs(sc, summary, formats, lang),
        || {
            let scale = report::outputs::scale_of(sc).unwrap_or_default();
            report::render::text(&report::docs::run_brief(sc, summary, &scale, lang), lang)
        },
        v,
    )
}

fn monte_carlo(a: RunArgs, v: Verbosity) -> Result<(), Failure> {
    let (path, lang) = (a.scenario.as_path(), a.o.lang);
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
        seed: a.draws.seed,
        sampler: a.draws.sampler.into(),
        precision: a.precision,
        progress: !v.quiet,
        shard: a.shard,
        allow_invalid: a.allow_invalid,
        cancel: None,
    };
    if v.verbose {
        eprintln!(
            "{} paths on {} threads, seed {}, sampler {:?}{}; estimated peak memory {} MB",
            a.paths,
            rayon::current_num_threads(),
            a.draws.seed,
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
    let dir = out_dir(a.o.out.clone(), &sc.meta.name);
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
    // the funding curve on the run's own paths: its point at scale 1 is the headline
    let (summary, simulate) = progress::timed(lang, "monte_carlo", Some(a.paths), v.quiet, || {
        montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES)
    });
    let summary = summary.map_err(interrupted)?;
    let d = Delivery::new(&dir, &sc, "run", lang, simulate);
    write_summary(d, &summary, a.o.formats, v)
}

fn merge(a: MergeArgs, v: Verbosity) -> Result<(), Failure> {
    let Outputs { out, lang, formats } = a.o;
    let bad = |m: String| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {m}"),
    };
    let mut partials = Vec::with_capacity(a.parts.len());
    for p in &a.parts {
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
    let summary = montecarlo::merge(&sc, partials, a.allow_invalid)?;
    let simulate = start.elapsed().as_secs_f64();
    let dir = out_dir(out, &sc.meta.name);
    let d = Delivery::new(&dir, &sc, "merge", lang, simulate);
    write_summary(d, &summary, formats, v)
}

fn init(name: &str, dir: &Path, force: bool, actuals: bool) -> Result<(), Failure> {
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
    let path = dir.join(format!("{name}.{}", if actuals { "csv" } else { "toml" }));
    if path.exists() && !force {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: format!(
                "error: {} already exists; use --force to overwrite it",
                path.display()
            ),
        });
    }
    let text = if actuals {
        crate::analysis::remaining::file::TEMPLATE.to_string()
    } else {
        scenario::starter_scenario(name)
    };
    write(&path, text.as_bytes())?;
    println!("{}", path.display());
    if actuals {
        let xlsx = dir.join(format!("{name}.xlsx"));
        let bytes =
            crate::analysis::remaining::file::template_xlsx().map_err(|e| io_failure(&xlsx, e))?;
        write(&xlsx, &bytes)?;
        println!("{}", xlsx.display());
    }
    Ok(())
}
