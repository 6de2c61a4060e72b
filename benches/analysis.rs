//! Criterion benchmarks of the policy analyses on the shipped Monte Carlo scenario: the cost
//! of one lever edit (parse, edit, merge, validate) and of one sweep point.

use criterion::{Criterion, criterion_group, criterion_main};
use grdpsim::analysis::levers::{Base, Lever};
use grdpsim::analysis::sweep;
use grdpsim::montecarlo::{RunConfig, Sampler};
use std::hint::black_box;

const MC: &str = "scenarios/hanoi-2026-2030-mc.toml";

fn analysis(c: &mut Criterion) {
    let base = Base::load(MC.as_ref()).expect("shipped scenario");
    let land = Lever::parse("sources.land_revenue.amounts.total").expect("lever");
    c.bench_function(
        "lever edit: land amounts.total on hanoi-2026-2030-mc",
        |b| b.iter(|| base.at(&[(land.clone(), black_box(500.0))]).expect("valid")),
    );
    let realised = Lever::parse("sources.land_revenue.realised_total").expect("lever");
    c.bench_function("lever virtual: land realised_total", |b| {
        b.iter(|| {
            base.at(&[(realised.clone(), black_box(500.0))])
                .expect("valid")
        })
    });
    let cfg = RunConfig::new(16_384, 20260101, Sampler::Mc);
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("3 points × 16,384 paths (land realised_total)", |b| {
        b.iter(|| {
            sweep::sweep(
                &base,
                &[(realised.clone(), sweep::grid(200.0, 1000.0, 3))],
                &cfg,
                |_, _| {},
            )
            .expect("runs")
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
