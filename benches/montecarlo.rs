//! Criterion benchmarks of the Monte Carlo: cost per path of each stage, and paths per second
//! for whole runs on 1 and 2 threads. Seeded: the same work every time.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use grdpsim::model::Workspace;
use grdpsim::montecarlo::{
    self, Histogram, PathResult, RunConfig, Sampler, Scratch, stream::PathStream,
};
use grdpsim::scenario::{self, Scenario};
use std::hint::black_box;

const SCENARIO: &str = "scenarios/hanoi-2026-2030-mc.toml";

fn scenario() -> Scenario {
    let path = if std::path::Path::new(SCENARIO).exists() {
        SCENARIO
    } else {
        "tests/data/uncertain.toml"
    };
    scenario::load(path.as_ref()).expect("scenario")
}

fn stages(c: &mut Criterion) {
    let sc = scenario();
    let mut g = c.benchmark_group("per path");
    g.throughput(Throughput::Elements(1));
    let slots: Vec<u64> = sc.uncertainty.inputs.iter().map(|i| i.slot).collect();
    let mut path = 0u64;
    g.bench_function(
        "streams: Philox stream, 6 uniforms in each input's region",
        |b| {
            b.iter(|| {
                path += 1;
                let mut s = PathStream::new(42, path);
                let mut acc = 0.0;
                for &slot in &slots {
                    s.seek(slot);
                    for _ in 0..6 {
                        acc += s.uniform();
                    }
                }
                black_box(acc)
            })
        },
    );
    let marginals: Vec<_> = sc
        .uncertainty
        .inputs
        .iter()
        .map(|i| i.level.clone())
        .collect();
    let mut u = 0.1234_f64;
    g.bench_function("inverse CDFs: one quantile of every input's level", |b| {
        b.iter(|| {
            u = (u + 0.618_033_988_749_895) % 1.0;
            marginals
                .iter()
                .map(|m| m.quantile(black_box(u)))
                .sum::<f64>()
        })
    });
    g.bench_function(
        "copula: normal scores, Cholesky product, back to uniforms",
        |b| {
            let k = sc
                .uncertainty
                .correlation
                .as_ref()
                .map_or(0, |c| c.inputs.len());
            let l = sc
                .uncertainty
                .correlation
                .as_ref()
                .map(|c| c.cholesky.clone());
            let mut z = vec![0.0; k];
            b.iter(|| {
                u = (u + 0.618_033_988_749_895) % 1.0;
                for zi in z.iter_mut() {
                    *zi = montecarlo::dist::std_normal_inv(u);
                }
                let mut acc = 0.0;
                if let Some(l) = &l {
                    for r in 0..k {
                        let mut s = 0.0;
                        for col in 0..=r {
                            s += l[(r, col)] * z[col];
                        }
                        acc += montecarlo::dist::std_normal_cdf(s);
                    }
                }
                black_box(acc)
            })
        },
    );
    let mut x = sc.central.clone();
    let mut scratch = Scratch::default();
    g.bench_function(
        "draw: all inputs of one path (streams + copula + quantiles + shocks)",
        |b| {
            b.iter(|| {
                path += 1;
                montecarlo::draw(&sc, 42, path, Sampler::Mc, &mut x, &mut scratch);
                black_box(x.tfp_growth[0])
            })
        },
    );
    let mut ws = Workspace::new(&sc);
    let mut buffers = montecarlo::Buffers::default();
    let mut out = PathResult::new(&sc);
    montecarlo::draw(&sc, 42, 1, Sampler::Mc, &mut x, &mut scratch);
    g.bench_function(
        "year loop: events, compensation, capital, growth, outputs",
        |b| {
            b.iter(|| {
                montecarlo::evaluate(&sc, &x, &scratch.delays, &mut ws, &mut buffers, &mut out)
                    .expect("valid");
                black_box(out.cagr)
            })
        },
    );
    let mut hists: Vec<Histogram> = (0..10).map(|_| Histogram::rate()).collect();
    let mut amounts: Vec<Histogram> = (0..12).map(|_| Histogram::amount()).collect();
    g.bench_function("aggregation: 10 rate + 12 amount histogram updates", |b| {
        b.iter(|| {
            u = (u + 0.618_033_988_749_895) % 1.0;
            for h in hists.iter_mut() {
                h.add(0.1 + 0.01 * u);
            }
            for h in amounts.iter_mut() {
                h.add(1000.0 + 100.0 * u);
            }
        })
    });
    g.finish();
}

/// Whole runs as `grdpsim run` does them (with the funding curve on the run's own paths) on
/// the shipped Monte Carlo scenario: criterion's throughput is paths per second, so its
/// inverse is the CPU per path on one thread and the wall time per path on two.
fn runs(c: &mut Criterion) {
    let sc = scenario();
    let mut g = c.benchmark_group("run (ns per path = 1 / throughput)");
    g.sample_size(10);
    let paths = 200_000u64;
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        g.throughput(Throughput::Elements(paths));
        g.bench_with_input(
            BenchmarkId::new(format!("{threads} thread(s)"), paths),
            &paths,
            |b, &paths| {
                let cfg = RunConfig::new(paths, 20260101, Sampler::Mc);
                b.iter(|| {
                    pool.install(|| {
                        montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES)
                            .expect("runs")
                            .prob_hit
                    })
                })
            },
        );
    }
    g.finish();
}

/// The run as `grdpsim run` does it: with the funding curve evaluated on the run's own paths
/// (10 scales), against the run alone, 100,000 paths on 2 threads.
fn curve(c: &mut Criterion) {
    let sc =
        grdpsim::scenario::load("scenarios/hanoi-2026-2030-mc.toml".as_ref()).expect("scenario");
    let mut g = c.benchmark_group("run with funding curve");
    g.sample_size(10);
    let cfg = RunConfig::new(100_000, 20260101, Sampler::Mc);
    g.throughput(Throughput::Elements(cfg.paths));
    g.bench_function("run only", |b| {
        b.iter(|| montecarlo::run(&sc, &cfg).expect("runs").prob_hit)
    });
    g.bench_function("run + curve (10 scales)", |b| {
        b.iter(|| {
            montecarlo::run_with_curve(&sc, &cfg, &montecarlo::CURVE_SCALES)
                .expect("runs")
                .prob_hit
        })
    });
    g.finish();
}

criterion_group!(benches, stages, runs, curve);
criterion_main!(benches);
