//! Criterion benchmarks of the deterministic engine on the shipped Hanoi scenario.

use criterion::{Criterion, criterion_group, criterion_main};
use grdpsim::model::{self, Workspace};
use grdpsim::scenario;
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let sc = scenario::load("scenarios/hanoi-2026-2030.toml".as_ref()).expect("shipped scenario");
    let mut ws = Workspace::new(&sc);
    c.bench_function(
        "simulate hanoi-2026-2030 (one path, 5 years, 7 sources)",
        |b| {
            b.iter(|| {
                model::simulate(black_box(&sc), black_box(&sc.central), &mut ws).expect("valid");
                black_box(model::cagr(&ws))
            })
        },
    );
    c.bench_function("project hanoi-2026-2030 (full rows)", |b| {
        b.iter(|| model::project(black_box(&sc), black_box(&sc.central)).expect("valid"))
    });
    c.bench_function("required hanoi-2026-2030 (inverse modes)", |b| {
        b.iter(|| model::required(black_box(&sc), black_box(&sc.central)).expect("valid"))
    });
    c.bench_function("load + validate hanoi-2026-2030.toml", |b| {
        b.iter(|| {
            scenario::load(black_box("scenarios/hanoi-2026-2030.toml".as_ref())).expect("valid")
        })
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
