#!/usr/bin/env bash
# Accelerator search against the baselines and the ablations (bench/README.md, "Accelerator search").
# Usage: bench/search-arch.sh [NETWORK...] (default: resnet50 vgg16 mobilenet_v2)
# For each network, on the eyeriss_resources space with the default budget and seed: the search (CMA-ES, sizing +
# connectivity), the sizing-only ablation (connectivity fixed to row stationary), and random search at the same
# budget. Every run's files go to bench/results/search-arch-<date>/<network>-<run>/ (result.json names the commit and
# the command); summary.md compares them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package
out="bench/results/search-arch-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
nets=("$@")
[ ${#nets[@]} -eq 0 ] && nets=(resnet50 vgg16 mobilenet_v2)
for net in "${nets[@]}"; do
  for run in full sizing random; do
    extra=()
    [ "$run" = sizing ] && extra=(--sizing-only)
    [ "$run" = random ] && extra=(--strategy random)
    echo "== $net $run" >&2
    start=$(date +%s)
    java -jar target/mapwright.jar search-arch --space eyeriss_resources --workload "$net" --threads 2 \
      "${extra[@]}" --out "$out/$net-$run" --json > "$out/$net-$run.json"
    echo "$(( $(date +%s) - start ))" > "$out/$net-$run.seconds"
  done
done
python3 - "$out" "$COMMIT" "${nets[@]}" > "$out/summary.md" <<'PY'
import json, sys
out, commit, nets = sys.argv[1], sys.argv[2], sys.argv[3:]
print(f"# Accelerator search on eyeriss_resources\n\ncommit `{commit}`; command `bench/search-arch.sh {' '.join(nets)}` "
      "(each run: `mapwright search-arch --space eyeriss_resources --workload NET --threads 2 [--sizing-only | "
      "--strategy random] --out DIR --json`, default budgets and seed)\n")
print("| network | run | best EDP | x floor | eyeriss_like / best | unconstrained / best | area mm2 | designs | wall s |")
print("|---|---|---|---|---|---|---|---|---|")
for n in nets:
    best = {}
    for run in ["full", "sizing", "random"]:
        d = json.load(open(f"{out}/{n}-{run}.json"))
        sec = open(f"{out}/{n}-{run}.seconds").read().strip()
        b = d["best"]; bl = d["baselines"]
        best[run] = b["edp"]
        print(f"| {n} | {run} | {b['edp']:.4g} | {b['over_floor']:.2f} | {bl['eyeriss_like']['edp']/b['edp']:.2f} | "
              f"{bl['eyeriss_like_unconstrained']['edp']/b['edp']:.2f} | {b['area_mm2']:.2f} | {d['evaluated_archs']} | {sec} |")
    d = json.load(open(f"{out}/{n}-full.json"))
    bl = d["baselines"]
    print(f"| {n} | floor | {d['floor_edp']:.4g} | 1.00 | | | | | |")
    print(f"| {n} | eyeriss_like (row stationary) | {bl['eyeriss_like']['edp']:.4g} | {bl['eyeriss_like']['over_floor']:.2f} | | | {bl['eyeriss_like']['area_mm2']:.2f} | | |")
    print(f"| {n} | eyeriss_like unconstrained | {bl['eyeriss_like_unconstrained']['edp']:.4g} | {bl['eyeriss_like_unconstrained']['over_floor']:.2f} | | | | | |")
    print(f"\n{n}: sizing + connectivity vs sizing only: {best['sizing']/best['full']:.2f}x; CMA-ES vs random: {best['random']/best['full']:.2f}x\n")
PY
cat "$out/summary.md"
