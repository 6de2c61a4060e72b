//! Command-line interface: argument definitions and the commands they run.

use crate::model::{self, ModelError};
use crate::montecarlo;
use crate::report::{self, Lang};
use crate::scenario::{self, ScenarioError};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

mod compare;
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

/// Projects Hanoi's economy year by year from a scenario file: real GRDP growth, investment by
/// funding source, capital, TFP and its contribution, labour productivity and GRDP per capita.
#[derive(Debug, Parser)]
#[command(name = "grdpsim", version, about, long_about = None)]
#[command(
    after_help = "Units: money in thousand billion VND (nghìn tỷ đồng) unless a field says USD; \
rates as fractions in files, percent in reports.\nExit codes: 0 success, 2 bad input, 3 numerical failure.\n\
Docs: README.md, docs/model.md (equations), docs/scenario-format.md, scenarios/README.md."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors (no tables, no progress)
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print what the run will cost (paths, threads, memory estimate) on stderr
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// CSV files: machine (`,` and `.`, the default) or vi (`;` and decimal commas, for Excel
    /// with Vietnamese regional settings)
    #[arg(long, global = true, default_value = "machine")]
    pub csv_locale: report::render::CsvLocale,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Deterministic projection: a table on screen, projection.json and projection.csv on disk.
    Project {
        /// Scenario file (TOML), e.g. scenarios/hanoi-2026-2030.toml
        scenario: PathBuf,
        /// Output folder [default: output/<scenario name>]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi (Vietnamese) or en (English)
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Inverse modes: the TFP growth (and TFP share) the plan's funding needs to reach the
    /// target, and the investment the target needs given the scenario's TFP — the financing gap.
    Required {
        /// Scenario file (TOML)
        scenario: PathBuf,
        /// Output folder [default: output/<scenario name>/required]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Check a scenario file and print what it contains (exit code 2 with the file, line and
    /// field of the first problem if it is not valid).
    Validate {
        /// Scenario file (TOML)
        scenario: PathBuf,
        /// Language of the summary: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
    },
    /// Monte Carlo: draws the uncertain inputs (funding sources, TFP, prices, exchange rate…)
    /// and reports the probability of reaching the growth target, the distribution of growth
    /// per year and the funding shortfall by source: summary.json, years.csv, funding.csv.
    Run {
        /// Scenario file (TOML) with an [uncertainty] section
        scenario: PathBuf,
        /// Number of paths (the maximum when --precision is given)
        #[arg(long, default_value_t = 100_000)]
        paths: u64,
        /// Seed of the random streams: same scenario + seed = identical results
        #[arg(long, default_value_t = 20260101)]
        seed: u64,
        /// Keep adding paths until the 95% interval of P(hit) is at most this wide (e.g. 0.005)
        #[arg(long)]
        precision: Option<f64>,
        /// Sampler: mc (plain Monte Carlo) or lhs (Latin hypercube over per-path levels)
        #[arg(long, default_value = "mc")]
        sampler: SamplerArg,
        /// Output folder [default: output/<scenario name>]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
        /// Compute only shard I of N (e.g. 3/7) and write a mergeable partial.json to --out
        #[arg(long, value_parser = parse_shard)]
        shard: Option<(u64, u64)>,
    },
    /// Combine the partial results of `run --shard I/N` (folders or partial.json files) into
    /// the summary one run would give, byte for byte.
    Merge {
        /// Shard outputs: folders holding partial.json, or the files themselves
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output folder [default: output/<scenario name>]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Sweep one or two levers over a grid (e.g. land revenue 200→1,000): P(hit) and the
    /// median CAGR at every point on common random numbers; a line chart or a heat map with
    /// the 50% contour. `--list` shows every lever path.
    Sweep {
        /// Scenario file (TOML), usually one with an [uncertainty] section
        scenario: PathBuf,
        /// PATH=FROM:TO:STEPS, once or twice, e.g. sources.land_revenue.amounts.total=200:1000:9,
        /// sources.soe.realisation=0.4:1.2:9, productivity.tfp_growth.mean=0.03:0.07:9,
        /// funding.scale=0.8:1.5:8
        #[arg(long = "set", value_name = "PATH=FROM:TO:STEPS")]
        set: Vec<String>,
        /// Print the lever paths of the scenario (with their values) and exit
        #[arg(long)]
        list: bool,
        /// Paths per grid point
        #[arg(long, default_value_t = 20_000)]
        paths: u64,
        /// Seed (the same at every point: common random numbers)
        #[arg(long, default_value_t = 20260101)]
        seed: u64,
        /// Sampler: mc or lhs
        #[arg(long, default_value = "mc")]
        sampler: SamplerArg,
        /// Output folder [default: output/<scenario name>/sweep]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Goal-seek: the value of a lever (funding.scale, a source's amounts, mean TFP growth…)
    /// at which P(hit) reaches --prob (default 0.5), or the mean CAGR reaches the target
    /// (--mean), by bisection on common random numbers; with the financing gap by year.
    Solve {
        /// Scenario file (TOML) with an [uncertainty] section
        scenario: PathBuf,
        /// Lever path, e.g. funding.scale, sources.soe.amounts.total,
        /// productivity.tfp_growth.mean (`grdpsim sweep SCENARIO --list` lists them)
        #[arg(long = "for", value_name = "PATH")]
        lever: String,
        /// Target probability of reaching the growth target
        #[arg(long)]
        prob: Option<f64>,
        /// Solve for a mean (expected) CAGR equal to the target instead
        #[arg(long, conflicts_with = "median")]
        mean: bool,
        /// Solve for a median CAGR equal to the target (the same as --prob 0.5: the median
        /// reaches the target exactly when half the paths do)
        #[arg(long, conflicts_with = "prob")]
        median: bool,
        /// Search range LO:HI [default: 0.5:3 for scale factors, 0 to 3× the value as written]
        #[arg(long, value_name = "LO:HI")]
        range: Option<String>,
        /// Stop when the bracket is this narrow, lever units [default: range/4000]
        #[arg(long)]
        tolerance: Option<f64>,
        /// Paths per run
        #[arg(long, default_value_t = 50_000)]
        paths: u64,
        /// Seed (the same for every run: common random numbers)
        #[arg(long, default_value_t = 20260101)]
        seed: u64,
        /// Sampler: mc or lhs
        #[arg(long, default_value = "mc")]
        sampler: SamplerArg,
        /// Output folder [default: output/<scenario name>/solve]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Sensitivity: a tornado of P(hit) and median CAGR with each uncertain input held at its
    /// P10 and P90, and Sobol indices (first-order and total, bootstrap intervals) of the
    /// 5-year CAGR: sensitivity.json, tornado.csv, sobol.csv, charts, workbook, HTML page.
    Sensitivity {
        /// Scenario file (TOML) with an [uncertainty] section
        scenario: PathBuf,
        /// Paths of each tornado run (baseline and each input at P10 and P90)
        #[arg(long, default_value_t = 50_000)]
        paths: u64,
        /// Rows of the Sobol design (each costs groups + 2 simulations)
        #[arg(long, default_value_t = 8192)]
        rows: usize,
        /// Bootstrap resamples for the Sobol intervals
        #[arg(long, default_value_t = 500)]
        bootstrap: usize,
        /// Seed (the same for every run: common random numbers)
        #[arg(long, default_value_t = 20260101)]
        seed: u64,
        /// Output folder [default: output/<scenario name>/sensitivity]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Compare scenarios on common random numbers (the first is the reference): P(hit) with
    /// intervals, the paired difference from the reference with its own interval (Tango) and
    /// McNemar's p, median CAGR, GRDP, investment and shortfall by source; compare.json,
    /// compare.csv, compare.xlsx, compare.html and a chart.
    Compare {
        /// Scenario files (TOML), 2 to 8; the first is the reference (A)
        scenarios: Vec<PathBuf>,
        /// Paths per scenario (the same paths for every scenario)
        #[arg(long, default_value_t = crate::analysis::compare::DEFAULT_PATHS)]
        paths: u64,
        /// Seed (the same for every scenario: common random numbers)
        #[arg(long, default_value_t = crate::analysis::compare::DEFAULT_SEED)]
        seed: u64,
        /// Sampler: mc or lhs
        #[arg(long, default_value = "mc")]
        sampler: SamplerArg,
        /// Output folder [default: output/compare-NAME_A-vs-NAME_B…]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Given realised growth (and investment) for the first years: the growth and investment
    /// the remaining years need to reach the target (the plan review's "2025 must grow more
    /// than 13.07%"), and P(hit) conditioned on the actuals against the unconditional one.
    Remaining {
        /// Scenario file (TOML); with an [uncertainty] section for the probabilities
        scenario: PathBuf,
        /// Realised growth YEAR=GROWTH as a fraction (or YEAR=8.2%), once per year from the
        /// first year of the horizon, e.g. --actual 2026=0.082
        #[arg(long = "actual", value_name = "YEAR=GROWTH", required = true)]
        actual: Vec<String>,
        /// Realised total investment YEAR=AMOUNT, thousand bn VND at current prices, for a
        /// realised year (default: the plan's amount), e.g. --investment 2026=780
        #[arg(long = "investment", value_name = "YEAR=AMOUNT")]
        investment: Vec<String>,
        /// Monte Carlo paths (0 = no Monte Carlo)
        #[arg(long, default_value_t = 100_000)]
        paths: u64,
        /// Seed of the random streams (the same paths as `run` with this seed)
        #[arg(long, default_value_t = 20260101)]
        seed: u64,
        /// Output folder [default: output/<scenario name>/remaining]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report: vi or en
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Outputs to write: any of png, svg, csv, json (or all)
        #[arg(long, default_value = "all")]
        formats: report::Formats,
    },
    /// Write a commented starter scenario NAME.toml in the current folder (or --dir).
    Init {
        /// Scenario name (letters, digits, '-', '_')
        name: String,
        /// Folder to write into
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let err = || format!("expected I/N with 1 ≤ I ≤ N (e.g. 3/7), found {s:?}");
    let (i, n) = s.split_once('/').ok_or_else(err)?;
    let (i, n): (u64, u64) = (
        i.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if i == 0 || n == 0 || i > n || n > 100_000 {
        return Err(err());
    }
    Ok((i, n))
}

/// Sampler choice on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SamplerArg {
    /// Plain Monte Carlo.
    Mc,
    /// Latin hypercube.
    Lhs,
}

/// A command's failure: what to tell the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// Message for stderr.
    pub message: String,
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure {
            code: EXIT_BAD_INPUT,
            message: format!("error: {e}"),
        }
    }
}

impl From<montecarlo::RunError> for Failure {
    fn from(e: montecarlo::RunError) -> Self {
        let code = match &e {
            montecarlo::RunError::Model(_) | montecarlo::RunError::AllInvalid(_) => EXIT_NUMERICAL,
            montecarlo::RunError::Interrupted { .. } => EXIT_INTERRUPTED,
            montecarlo::RunError::Merge(_) => EXIT_BAD_INPUT,
        };
        Failure {
            code,
            message: format!("error: {e}"),
        }
    }
}

impl From<ModelError> for Failure {
    fn from(e: ModelError) -> Self {
        Failure {
            code: EXIT_NUMERICAL,
            message: format!("error: the inputs make the model impossible in {e}"),
        }
    }
}

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
    match dispatch(cli) {
        Ok(()) => EXIT_OK,
        Err(f) => {
            eprintln!("{}", f.message);
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
    report::finish(&dir, &sc, "project", None, lang, simulate, || {
        report::projection_outputs(&sc, &p, formats, lang)
    })
    .map_err(|m| Failure {
        code: EXIT_FAILURE,
        message: format!("error: {m}"),
    })?;
    if v.quiet {
        return Ok(());
    }
    print!("{}", report::projection_report(&sc, &p, lang));
    println!(
        "\n{}: {}",
        crate::report::msg(lang, "wrote_to"),
        dir.display()
    );
    Ok(())
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
    let outputs = report::finish(dir, sc, command, run, lang, simulate, || {
        report::summary_outputs(sc, summary, formats, lang)
    })
    .map_err(|m| Failure {
        code: EXIT_FAILURE,
        message: format!("error: {m}"),
    })?;
    if v.verbose {
        eprintln!("simulation {simulate:.2} s, outputs {outputs:.2} s");
    }
    if !v.quiet {
        print!("{}", report::summary_report(sc, summary, lang));
        println!(
            "\n{}: {}",
            crate::report::msg(lang, "wrote_to"),
            dir.display()
        );
    }
    Ok(())
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
        return Err(bad(format!(
            "--paths must be between 1 and {MAX_PATHS}, found {}",
            a.paths
        )));
    }
    if let Some(p) = a.precision
        && !(p > 0.0 && p < 1.0)
    {
        return Err(bad(format!(
            "--precision must be a width between 0 and 1 (e.g. 0.005), found {p}"
        )));
    }
    if a.shard.is_some() && a.precision.is_some() {
        return Err(bad(
            "--shard and --precision cannot be combined: shards need a fixed number of paths"
                .into(),
        ));
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
    report::finish(&dir, &sc, "required", None, lang, simulate, || {
        let json = report::to_json(&r).map_err(|e| e.to_string())?;
        report::document_outputs(&doc, Some(json), "required", formats, lang)
    })
    .map_err(|m| Failure {
        code: EXIT_FAILURE,
        message: format!("error: {m}"),
    })?;
    if !v.quiet {
        print!("{}", report::render::text(&doc, lang));
        println!(
            "\n{}: {}",
            crate::report::msg(lang, "wrote_to"),
            dir.display()
        );
    }
    Ok(())
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
