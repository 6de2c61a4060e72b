//! The command line's arguments: every command and option, with the help text users see.

use crate::report::{self, Lang};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// With --match-plan: the plan's own table (Phụ lục 01) against the model with TFP from
    /// the inverse mode, and the deviations.
    Project(ProjectArgs),
    /// Inverse modes: the TFP growth (and TFP share) the plan's funding needs to reach the
    /// target, and the investment the target needs given the scenario's TFP — the financing gap.
    Required(ScenarioArgs),
    /// Check a scenario file and print what it contains (exit code 2 with the file, line and
    /// field of the first problem if it is not valid).
    Validate(ValidateArgs),
    /// Monte Carlo: draws the uncertain inputs (funding sources, TFP, prices, exchange rate…)
    /// and reports the probability of reaching the growth target, the distribution of growth
    /// per year and the funding shortfall by source: summary.json, years.csv, funding.csv.
    Run(RunArgs),
    /// Combine the partial results of `run --shard I/N` (folders or partial.json files) into
    /// the summary one run would give, byte for byte.
    Merge(MergeArgs),
    /// Sweep one or two levers over a grid (e.g. land revenue 200→1,000): P(hit) and the
    /// median CAGR at every point on common random numbers; a line chart or a heat map with
    /// the 50% contour. `--list` shows every lever path.
    Sweep(SweepArgs),
    /// Goal-seek: the value of a lever (funding.scale, a source's amounts, mean TFP growth…)
    /// at which P(hit) reaches --prob (default 0.5), or the mean CAGR reaches the target
    /// (--mean), by bisection on common random numbers; with the financing gap by year.
    Solve(SolveArgs),
    /// Sensitivity: a tornado of P(hit) and median CAGR with each uncertain input held at its
    /// P10 and P90, and Sobol indices (first-order and total, bootstrap intervals) of the
    /// 5-year CAGR: sensitivity.json, tornado.csv, sobol.csv, charts, workbook, HTML page.
    Sensitivity(SensitivityArgs),
    /// Compare scenarios on common random numbers (the first is the reference): P(hit) with
    /// intervals, the paired difference from the reference with its own interval (Tango) and
    /// McNemar's p, median CAGR, GRDP, investment and shortfall by source; compare.json,
    /// compare.csv, compare.xlsx, compare.html and a chart.
    Compare(CompareArgs),
    /// Given realised growth (and investment) for the first years: the growth and investment
    /// the remaining years need to reach the target (the plan review's "2025 must grow more
    /// than 13.07%"), and P(hit) conditioned on the actuals against the unconditional one.
    Remaining(RemainingArgs),
    /// Calibrate on a past period: the base-year capital-output ratio (or the capital share)
    /// at which the engine's own decomposition gives the documents' TFP share, by bisection;
    /// with the end-of-period K/Y the next period starts from: calibration.json.
    Calibrate(CalibrateArgs),
    /// The sector bridge: GRDP growth from the [[sectors]] of a scenario (share-weighted,
    /// chain-linked), what the part without a sector target must grow for the target, each
    /// sector's contribution and the end-year structure; for sectors with realised years, what
    /// the rest of the period needs: sectors.json.
    Sectors(ScenarioArgs),
    /// The plan's indicator table ([[indicators]]): every document row beside the model's value
    /// (growth on target every year, or --as-projected), with the rows whose own numbers
    /// disagree flagged: indicators.json.
    Indicators(IndicatorArgs),
    /// Write a commented starter scenario NAME.toml in the current folder (or --dir).
    Init(InitArgs),
    /// A live what-if page for policy staff: one slider per funding source and lever, P(11%)
    /// recomputed as you move them, on common random numbers, with the report's charts.
    /// Serves only the scenarios given, on the loopback address unless --host says otherwise.
    Serve(ServeArgs),
}

impl Command {
    /// The output options of a command that writes files.
    pub fn outputs(&self) -> Option<&Outputs> {
        match self {
            Command::Project(a) => Some(&a.o),
            Command::Required(a) | Command::Sectors(a) => Some(&a.o),
            Command::Indicators(a) => Some(&a.o),
            Command::Run(a) => Some(&a.o),
            Command::Merge(a) => Some(&a.o),
            Command::Sweep(a) => Some(&a.o),
            Command::Solve(a) => Some(&a.o),
            Command::Sensitivity(a) => Some(&a.o),
            Command::Compare(a) => Some(&a.o),
            Command::Remaining(a) => Some(&a.o),
            Command::Calibrate(a) => Some(&a.o),
            Command::Validate(_) | Command::Init(_) | Command::Serve(_) => None,
        }
    }

    /// The language the command was asked to speak (Vietnamese when it has no `--lang`).
    pub fn lang(&self) -> Lang {
        match self {
            Command::Validate(a) => a.lang,
            Command::Serve(a) => a.lang,
            _ => self.outputs().map_or(Lang::Vi, |o| o.lang),
        }
    }
}

/// Where and how a command writes its files (every command that writes has these).
#[derive(Debug, Clone, clap::Args)]
pub struct Outputs {
    /// Output folder [default: output/<scenario name>, or its sub-folder named after the
    /// command: required, sweep, solve, sensitivity, remaining]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Language of the report: vi (Vietnamese) or en (English)
    #[arg(long, default_value = "vi")]
    pub lang: Lang,
    /// Outputs to write: any of png, svg, xlsx, html, csv, json (or all)
    #[arg(long, default_value = "all")]
    pub formats: report::Formats,
}

/// How paths are drawn: the seed of the random streams and the sampler.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Draws {
    /// Seed of the random streams: same scenario + seed = identical results; an analysis
    /// uses it for every run, point or scenario (common random numbers)
    #[arg(long, default_value_t = 20260101)]
    pub seed: u64,
    /// Sampler: mc (plain Monte Carlo) or lhs (Latin hypercube over per-path levels)
    #[arg(long, default_value = "mc")]
    pub sampler: SamplerArg,
}

/// A scenario and where to write (`project`, `required`).
#[derive(Debug, clap::Args)]
pub struct ScenarioArgs {
    /// Scenario file (TOML), e.g. scenarios/hanoi-2026-2030.toml
    pub scenario: PathBuf,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `project`.
#[derive(Debug, clap::Args)]
pub struct ProjectArgs {
    /// Scenario file (TOML), e.g. scenarios/hanoi-2026-2030.toml
    pub scenario: PathBuf,
    /// The plan's own table: TFP from the inverse mode (growth on target every year), the
    /// plan's published rows beside the model's, deviations (folder output/<name>/match-plan)
    #[arg(long)]
    pub match_plan: bool,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `indicators`.
#[derive(Debug, clap::Args)]
pub struct IndicatorArgs {
    /// Scenario file (TOML) with [[indicators]], e.g. scenarios/hanoi-2026-2030-indicators.toml
    pub scenario: PathBuf,
    /// Compare with the scenario's own projection instead of the one whose TFP hits the
    /// target every year
    #[arg(long)]
    pub as_projected: bool,
    /// Paths for the probability that each row is met under the scenario's [uncertainty]
    /// (the same paths as `run` with this seed); 0 for the table alone
    #[arg(long, default_value_t = 20_000)]
    pub paths: u64,
    /// Seed and sampler.
    #[command(flatten)]
    pub draws: Draws,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario file (TOML)
    pub scenario: PathBuf,
    /// Language of the summary: vi or en
    #[arg(long, default_value = "vi")]
    pub lang: Lang,
}

/// `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Scenario files, or folders whose *.toml files are all served [default: scenarios]
    pub scenarios: Vec<PathBuf>,
    /// Port to listen on (0: any free port)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on; anything but loopback lets other machines in (a warning says so)
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Language of the page: vi or en
    #[arg(long, default_value = "vi")]
    pub lang: Lang,
    /// Time one answer aims at when the page does not fix the paths, milliseconds
    #[arg(long, default_value_t = 250)]
    pub budget_ms: u64,
}

/// `run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file (TOML) with an [uncertainty] section
    pub scenario: PathBuf,
    /// Number of paths (the maximum when --precision is given)
    #[arg(long, default_value_t = 100_000)]
    pub paths: u64,
    /// Keep adding paths until the 95% interval of P(hit) is at most this wide (e.g. 0.005)
    #[arg(long)]
    pub precision: Option<f64>,
    /// Seed and sampler.
    #[command(flatten)]
    pub draws: Draws,
    /// Compute only shard I of N (e.g. 3/7) and write a mergeable partial.json to --out
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    /// Summarise the valid paths even when more than 1% of the paths are invalid
    #[arg(long)]
    pub allow_invalid: bool,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Shard outputs: folders holding partial.json, or the files themselves
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Summarise the valid paths even when more than 1% of the paths are invalid
    #[arg(long)]
    pub allow_invalid: bool,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// Scenario file (TOML), usually one with an [uncertainty] section
    pub scenario: PathBuf,
    /// PATH=FROM:TO:STEPS, once or twice, e.g. sources.land_revenue.amounts.total=200:1000:9,
    /// sources.soe.realisation=0.4:1.2:9, productivity.tfp_growth.mean=0.03:0.07:9,
    /// funding.scale=0.8:1.5:8
    #[arg(long = "set", value_name = "PATH=FROM:TO:STEPS")]
    pub set: Vec<String>,
    /// Print the lever paths of the scenario (with their values) and exit
    #[arg(long)]
    pub list: bool,
    /// Paths per grid point
    #[arg(long, default_value_t = 20_000)]
    pub paths: u64,
    /// Seed and sampler.
    #[command(flatten)]
    pub draws: Draws,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `solve`.
#[derive(Debug, clap::Args)]
pub struct SolveArgs {
    /// Scenario file (TOML) with an [uncertainty] section
    pub scenario: PathBuf,
    /// Lever path, e.g. funding.scale, sources.soe.amounts.total,
    /// productivity.tfp_growth.mean (`grdpsim sweep SCENARIO --list` lists them)
    #[arg(long = "for", value_name = "PATH")]
    pub lever: String,
    /// Target probability of reaching the growth target
    #[arg(long)]
    pub prob: Option<f64>,
    /// Solve for a mean (expected) CAGR equal to the target instead
    #[arg(long, conflicts_with = "median")]
    pub mean: bool,
    /// Solve for a median CAGR equal to the target (the same as --prob 0.5: the median
    /// reaches the target exactly when half the paths do)
    #[arg(long, conflicts_with = "prob")]
    pub median: bool,
    /// Search range LO:HI [default: 0.5:3 for scale factors, 0 to 3× the value as written]
    #[arg(long, value_name = "LO:HI")]
    pub range: Option<String>,
    /// Stop when the bracket is this narrow, lever units [default: range/4000]
    #[arg(long)]
    pub tolerance: Option<f64>,
    /// Paths per run
    #[arg(long, default_value_t = 50_000)]
    pub paths: u64,
    /// Seed and sampler.
    #[command(flatten)]
    pub draws: Draws,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `sensitivity`.
#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// Scenario file (TOML) with an [uncertainty] section
    pub scenario: PathBuf,
    /// Paths of each tornado run (baseline and each input at P10 and P90)
    #[arg(long, default_value_t = 50_000)]
    pub paths: u64,
    /// Rows of the Sobol design (each costs groups + 2 simulations)
    #[arg(long, default_value_t = 8192)]
    pub rows: usize,
    /// Bootstrap resamples for the Sobol intervals
    #[arg(long, default_value_t = 500)]
    pub bootstrap: usize,
    /// Seed (the same for every run: common random numbers)
    #[arg(long, default_value_t = 20260101)]
    pub seed: u64,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `compare` (its default folder is output/compare-NAME_A-vs-NAME_B…).
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Scenario files (TOML), 2 to 8; the first is the reference (A)
    pub scenarios: Vec<PathBuf>,
    /// Paths per scenario (the same paths for every scenario)
    #[arg(long, default_value_t = crate::analysis::compare::DEFAULT_PATHS)]
    pub paths: u64,
    /// Seed and sampler.
    #[command(flatten)]
    pub draws: Draws,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `remaining`.
#[derive(Debug, clap::Args)]
pub struct RemainingArgs {
    /// Scenario file (TOML); with an [uncertainty] section for the probabilities
    pub scenario: PathBuf,
    /// Realised growth YEAR=GROWTH as a fraction (or YEAR=8.2%), once per year from the
    /// first year of the horizon, e.g. --actual 2026=0.082
    #[arg(
        long = "actual",
        value_name = "YEAR=GROWTH",
        required_unless_present = "actuals_file",
        conflicts_with = "actuals_file"
    )]
    pub actual: Vec<String>,
    /// Actuals from a CSV or XLSX file: annual, quarterly or monthly rows of growth,
    /// investment (total or by source), employment and the deflator (columns year, period,
    /// indicator, value; `grdpsim init --actuals` writes a template)
    #[arg(long = "actuals", value_name = "FILE", conflicts_with = "investment")]
    pub actuals_file: Option<PathBuf>,
    /// Realised total investment YEAR=AMOUNT, thousand bn VND at current prices, for a
    /// realised year (default: the plan's amount), e.g. --investment 2026=780
    #[arg(long = "investment", value_name = "YEAR=AMOUNT")]
    pub investment: Vec<String>,
    /// Monte Carlo paths (0 = no Monte Carlo)
    #[arg(long, default_value_t = 100_000)]
    pub paths: u64,
    /// Seed of the random streams (the same paths as `run` with this seed)
    #[arg(long, default_value_t = 20260101)]
    pub seed: u64,
    /// Nowcast: measurement error (standard deviation) of a realised year's growth, as a
    /// fraction; paths are weighted by how well they reproduce the actuals
    #[arg(long, default_value_t = crate::analysis::remaining::nowcast::DEFAULT_SIGMA_GROWTH)]
    pub growth_error: f64,
    /// Nowcast: relative measurement error of a realised year's investment (0.05 = 5%)
    #[arg(long, default_value_t = crate::analysis::remaining::nowcast::DEFAULT_SIGMA_INVESTMENT)]
    pub investment_error: f64,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// `calibrate`.
#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// Scenario file (TOML) of a past period, usually with its growth in [actuals], e.g.
    /// scenarios/hanoi-2021-2025-actual.toml
    pub scenario: PathBuf,
    /// TFP share of growth over the period to match, a fraction (e.g. 0.53) [default: the
    /// scenario's targets.tfp_share_period]
    #[arg(long)]
    pub tfp_share: Option<f64>,
    /// What to solve for
    #[arg(long, default_value = "capital_output_ratio")]
    pub solve: SolveFor,
    /// Output options.
    #[command(flatten)]
    pub o: Outputs,
}

/// What `calibrate` solves for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum SolveFor {
    /// The base-year capital-output ratio K_0/Y_0 (economy.capital_output_ratio)
    CapitalOutputRatio,
    /// The capital share α (economy.capital_share)
    CapitalShare,
}

/// `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Scenario name (letters, digits, '-', '_'); with --actuals, the file name (NAME.csv)
    pub name: String,
    /// Write an actuals template (NAME.csv, for `remaining --actuals`) instead of a scenario
    #[arg(long)]
    pub actuals: bool,
    /// Folder to write into
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
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

impl From<SamplerArg> for crate::montecarlo::Sampler {
    fn from(s: SamplerArg) -> Self {
        match s {
            SamplerArg::Mc => crate::montecarlo::Sampler::Mc,
            SamplerArg::Lhs => crate::montecarlo::Sampler::Lhs,
        }
    }
}
