#!/usr/bin/env bash
# Re-run every command whose output the README quotes, into OUT (default /tmp/grdpsim-readme),
# print the figures the README cites, and copy the charts to docs/images/.
# Run after any change that moves a number (a scenario, the engine, the calibration), then
# update README.md from OUT/*.txt and the printed table.
#
# Usage: scripts/readme-figures.sh [OUT] [GRDPSIM]   (release binary by default)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/grdpsim-readme}
G=${2:-target/release/grdpsim}
[ -x "$G" ] || cargo build --release --locked -q
rm -rf "$OUT"; mkdir -p "$OUT"
S=scenarios
"$G" project $S/hanoi-2026-2030.toml --lang en --out "$OUT/project" > "$OUT/project.txt"
"$G" required $S/hanoi-2026-2030.toml --lang en --out "$OUT/required" > "$OUT/required.txt"
"$G" run $S/hanoi-2026-2030-mc.toml --paths 1000000 --lang en --out "$OUT/run" > "$OUT/run.txt"
"$G" calibrate $S/hanoi-2021-2025-actual.toml --tfp-share 0.53 --lang en --out "$OUT/calibrate" > "$OUT/calibrate.txt"
# the shortfall table: 10^6 paths each, with and without compensation
for s in mc mc-fdi-hist mc-central-short mc-land-268 mc-soe-short mc-megaprojects-delayed; do
  for v in "" -nocomp; do
    "$G" run "$S/hanoi-2026-2030-$s$v.toml" --paths 1000000 --formats json -q --out "$OUT/table/$s$v"
  done
done
python3 - "$OUT/table" <<'PY'
import json, sys, os
d = sys.argv[1]
for s in ["mc", "mc-fdi-hist", "mc-central-short", "mc-land-268", "mc-soe-short", "mc-megaprojects-delayed"]:
    a = json.load(open(os.path.join(d, s, "summary.json")))
    b = json.load(open(os.path.join(d, s + "-nocomp", "summary.json")))
    c = a["cagr"]
    f = lambda j: "%.2f%% (%.2f–%.2f)" % (100 * j["prob_hit"], 100 * j["prob_hit_ci95"][0], 100 * j["prob_hit_ci95"][1])
    print("%-26s | %s | %s | %.2f / %.2f / %.2f%% | %.1f%%" % (s, f(a), f(b), 100 * c["p10"], 100 * c["p50"], 100 * c["p90"], 100 * a["prob_per_capita_target"]))
PY
"$G" compare $S/hanoi-2026-2030-mc.toml $S/hanoi-2026-2030-mc-land-268.toml $S/hanoi-2026-2030-mc-soe-short.toml --lang en --out "$OUT/compare" > "$OUT/compare.txt"
"$G" sensitivity $S/hanoi-2026-2030-mc.toml --lang en --out "$OUT/sensitivity" > "$OUT/sensitivity.txt"
"$G" solve $S/hanoi-2026-2030-mc.toml --for funding.scale --lang en --out "$OUT/solve" > "$OUT/solve.txt"
"$G" solve $S/hanoi-2026-2030-mc.toml --for productivity.tfp_growth.mean --range 0.03:0.12 --lang en --formats json --out "$OUT/solve-tfp" > "$OUT/solve-tfp.txt"
"$G" solve $S/hanoi-2026-2030-mc.toml --for sources.soe.realised_total --lang en --formats json --out "$OUT/solve-soe" > "$OUT/solve-soe.txt"
"$G" sweep $S/hanoi-2026-2030-mc.toml --set sources.land_revenue.realised_total=200:1000:5 --lang en --out "$OUT/sweep-land" > "$OUT/sweep-land.txt"
"$G" sweep $S/hanoi-2026-2030-mc.toml --set funding.scale=0.8:1.6:9 --set productivity.tfp_growth.mean=0.05:0.08:7 --lang en --out "$OUT/sweep" > "$OUT/sweep.txt"
"$G" remaining $S/hanoi-2021-2025-review.toml --actual 2021=0.0297 --actual 2022=0.0895 --actual 2023=0.0627 --actual 2024=0.065 --lang en --out "$OUT/remaining-review" > "$OUT/remaining-review.txt"
"$G" remaining $S/hanoi-2026-2030-mc.toml --actual 2026=0.082 --lang en --out "$OUT/remaining" > "$OUT/remaining.txt"
"$G" run $S/hanoi-2026-2045.toml --paths 1000000 --lang en --out "$OUT/run-2045" > "$OUT/run-2045.txt"
"$G" sectors $S/hanoi-2026-2030-sectors.toml --lang en --out "$OUT/sectors" > "$OUT/sectors.txt"
"$G" indicators $S/hanoi-2026-2030-indicators.toml --lang en --out "$OUT/indicators" > "$OUT/indicators.txt"
# charts shown in the README
for c in cagr_distribution convergence fan_growth funding per_capita_fan probability_curve s_curve; do
  cp "$OUT/run/$c.png" docs/images/
done
cp "$OUT/run-2045/fan_growth.png" docs/images/fan_growth_2045.png
cp "$OUT/run-2045/per_capita_fan.png" docs/images/per_capita_fan_2045.png
cp "$OUT/project/decomposition.png" docs/images/
cp "$OUT/compare/compare.png" docs/images/ 2>/dev/null || cp "$OUT"/compare/*.png docs/images/compare.png
cp "$OUT/sensitivity/tornado.png" docs/images/
cp "$OUT/solve/solve.png" docs/images/ 2>/dev/null || true
cp "$OUT/sweep/sweep.png" docs/images/ 2>/dev/null || true
cp "$OUT/remaining/remaining.png" docs/images/
echo "outputs in $OUT; charts copied to docs/images/"
