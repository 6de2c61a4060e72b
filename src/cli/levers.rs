//! `grdpsim sweep` and `grdpsim solve`: levers moved over a grid or solved for a goal.

use super::args::{Outputs, SolveArgs, SweepArgs};
use super::{EXIT_BAD_INPUT, EXIT_FAILURE, Failure, SamplerArg, Verbosity, out_dir};
use crate::analysis::levers::{Base, FUNDING_SCALE, Lever};
use crate::analysis::solve::{self, Goal, SolveError, SolveOptions};
use crate::analysis::sweep;
use crate::montecarlo::RunConfig;
use crate::report::{self, Lang, OutputSet};

fn bad(m: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_BAD_INPUT,
        message: format!("error: {}", m.into()),
    }
}

/// Most grid points a sweep accepts.
pub const MAX_POINTS: usize = 2_500;

/// Parses `PATH=FROM:TO:STEPS`.
fn parse_set(s: &str) -> Result<(Lever, f64, f64, usize), String> {
    let err = || {
        format!(
            "--set {s:?}: expected PATH=FROM:TO:STEPS, e.g. sources.land_revenue.amounts.total=200:1000:9"
        )
    };
    let (path, range) = s.split_once('=').ok_or_else(err)?;
    let parts: Vec<&str> = range.split(':').map(str::trim).collect();
    if parts.len() != 3 {
        return Err(err());
    }
    let from: f64 = parts[0].parse().map_err(|_| err())?;
    let to: f64 = parts[1].parse().map_err(|_| err())?;
    let steps: usize = parts[2].parse().map_err(|_| err())?;
    if !from.is_finite() || !to.is_finite() {
        return Err(err());
    }
    if !(2..=200).contains(&steps) {
        return Err(format!(
            "--set {s:?}: STEPS must be between 2 and 200, found {steps}"
        ));
    }
    let lever = Lever::parse(path).map_err(|e| format!("--set: {e}"))?;
    Ok((lever, from, to, steps))
}

fn run_config(paths: u64, seed: u64, sampler: SamplerArg) -> Result<RunConfig, Failure> {
    if paths == 0 || paths > super::MAX_PATHS {
        return Err(bad(format!(
            "--paths must be between 1 and {}, found {paths}",
            super::MAX_PATHS
        )));
    }
    Ok(RunConfig {
        paths,
        seed,
        sampler: sampler.into(),
        precision: None,
        progress: false,
        shard: None,
        allow_invalid: false,
        cancel: None,
    })
}

fn print_fields(base: &Base) {
    for l in base.list() {
        let v: Vec<String> = l.values.iter().map(|x| format!("{x}")).collect();
        let note = if l.path == FUNDING_SCALE {
            "\t(every source's central realisation × factor)"
        } else if l.path.ends_with(".realised_total") {
            "\t(thousand bn VND actually delivered over the horizon; plan unchanged)"
        } else if l.per_year {
            "\t(per year: also [year], .total, .mean, .scale)"
        } else {
            ""
        };
        println!("{}\t{}{note}", l.path, v.join(", "));
    }
}

/// What a lever command writes and prints: its JSON, its chart and its document (built with
/// the chart for the files, without it for the terminal).
struct Publish<'a, T: serde::Serialize> {
    command: &'static str,
    o: Outputs,
    json: &'a T,
    chart: fn(&T, Lang) -> Result<report::charts::Chart, report::charts::ChartError>,
    doc: fn(&T, Option<report::charts::Chart>, Lang) -> report::doc::Document,
}

/// Writes `<command>.json` and everything the document renders to (CSV tables, chart, workbook
/// with native charts, HTML page), as `formats` says, with the manifest into `--out` (default
/// `output/<scenario>/<command>`), then prints the report.
fn publish<T: serde::Serialize>(
    base: &Base,
    cfg: &RunConfig,
    simulate: f64,
    p: Publish<'_, T>,
    v: Verbosity,
) -> Result<(), Failure> {
    let Outputs { out, lang, formats } = p.o;
    let dir = out_dir(out, &format!("{}/{}", base.scenario.meta.name, p.command));
    let run = Some((
        cfg.seed,
        cfg.paths,
        format!("{:?}", cfg.sampler).to_lowercase(),
    ));
    let chart = (p.chart)(p.json, lang).map_err(|e| Failure {
        code: EXIT_FAILURE,
        message: format!("error: {e}"),
    })?;
    let doc = (p.doc)(p.json, Some(chart), lang);
    let build = || -> Result<OutputSet, String> {
        let json = report::to_json(p.json).map_err(|e| e.to_string())?;
        report::document_outputs(&doc, Some(json), p.command, formats, lang)
    };
    super::deliver(
        super::Delivery {
            run,
            ..super::Delivery::new(&dir, &base.scenario, p.command, lang, simulate)
        },
        build,
        || report::render::text(&(p.doc)(p.json, None, lang), lang),
        v,
    )
}

/// `grdpsim sweep`.
pub(super) fn sweep(a: SweepArgs, v: Verbosity) -> Result<(), Failure> {
    let base = Base::load(&a.scenario).map_err(|m| bad(m.trim_start_matches("error: ")))?;
    if a.list {
        print_fields(&base);
        return Ok(());
    }
    if a.set.is_empty() || a.set.len() > 2 {
        return Err(bad(format!(
            "sweep takes one or two --set PATH=FROM:TO:STEPS, found {} (list the paths with --list)",
            a.set.len()
        )));
    }
    let cfg = run_config(a.paths, a.draws.seed, a.draws.sampler)?;
    let mut axes = Vec::new();
    for s in &a.set {
        let (lever, from, to, steps) = parse_set(s).map_err(bad)?;
        base.check(&lever).map_err(|m| bad(format!("--set {m}")))?;
        axes.push((lever, sweep::grid(from, to, steps)));
    }
    if axes.len() == 2 && axes[0].0 == axes[1].0 {
        return Err(bad("the two --set name the same lever"));
    }
    let points: usize = axes.iter().map(|(_, v)| v.len()).product();
    if points > MAX_POINTS {
        return Err(bad(format!(
            "{points} grid points; a sweep takes at most {MAX_POINTS}"
        )));
    }
    let (result, simulate) = super::progress::timed(
        a.o.lang,
        "sweep",
        Some(points as u64 * a.paths),
        v.quiet,
        || sweep::sweep(&base, &axes, &cfg, |_, _| {}),
    );
    let result = result?;
    let p = Publish {
        command: "sweep",
        o: a.o,
        json: &result,
        chart: report::charts::sweep,
        doc: report::docs::sweep,
    };
    publish(&base, &cfg, simulate, p, v)
}

/// The default search range of a lever: 0.5–3 for scale factors, otherwise 0 to three times
/// the value as written (or −1…1 around zero).
pub fn default_range(lever: &Lever, current: f64) -> (f64, f64) {
    match lever {
        Lever::FundingScale => (0.5, 3.0),
        Lever::Field(p) if p.selector == crate::scenario::edit::Selector::Scale => (0.0, 3.0),
        _ if current > 0.0 => (0.0, 3.0 * current),
        _ if current < 0.0 => (3.0 * current, 0.0),
        _ => (-1.0, 1.0),
    }
}

/// `grdpsim solve`.
pub(super) fn solve(a: SolveArgs, v: Verbosity) -> Result<(), Failure> {
    let prob = if a.median { Some(0.5) } else { a.prob };
    let goal = match (prob, a.mean) {
        (Some(_), true) => return Err(bad("--prob and --mean cannot be combined")),
        (_, true) => Goal::MeanCagr,
        (p, false) => {
            let p = p.unwrap_or(0.5);
            if !(p > 0.0 && p < 1.0) {
                return Err(bad(format!(
                    "--prob must be a probability strictly between 0 and 1 (e.g. 0.5), found {p}"
                )));
            }
            Goal::Probability(p)
        }
    };
    let cfg = run_config(a.paths, a.draws.seed, a.draws.sampler)?;
    let base = Base::load(&a.scenario).map_err(|m| bad(m.trim_start_matches("error: ")))?;
    let lever = Lever::parse(&a.lever).map_err(|m| bad(format!("--for: {m}")))?;
    base.check(&lever).map_err(|m| bad(format!("--for {m}")))?;
    let current = base
        .current(&lever)
        .map_err(|m| bad(format!("--for {m}")))?;
    let (lo, hi) = match &a.range {
        None => default_range(&lever, current),
        Some(r) => {
            let err = || {
                bad(format!(
                    "--range {r:?}: expected LO:HI with LO < HI, e.g. 0.5:3"
                ))
            };
            let (l, h) = r.split_once(':').ok_or_else(err)?;
            let l: f64 = l.trim().parse().map_err(|_| err())?;
            let h: f64 = h.trim().parse().map_err(|_| err())?;
            if !(l.is_finite() && h.is_finite() && l < h) {
                return Err(err());
            }
            (l, h)
        }
    };
    let tolerance = a.tolerance.unwrap_or((hi - lo) / 4000.0);
    if !(tolerance > 0.0 && tolerance.is_finite()) {
        return Err(bad(format!(
            "--tolerance must be a positive number, found {tolerance}"
        )));
    }
    let opts = SolveOptions {
        lo,
        hi,
        tolerance,
        max_steps: 60,
    };
    let (result, simulate) =
        super::progress::timed(a.o.lang, "goal_seek_bisection", None, v.quiet, || {
            solve::solve(&base, &lever, goal, opts, &cfg, |_| {})
        });
    let result = result.map_err(|e| match e {
        SolveError::Lever(m) => bad(m),
        SolveError::Run(r) => Failure::from(r),
    })?;
    let p = Publish {
        command: "solve",
        o: a.o,
        json: &result,
        chart: report::charts::solve,
        doc: report::docs::solve,
    };
    publish(&base, &cfg, simulate, p, v)
}
