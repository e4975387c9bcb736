#!/usr/bin/env bash
# Accelerator search against the baselines and the ablations (bench/README.md, "Accelerator search").
# Usage: [SEEDS=3] bench/search-arch.sh [NETWORK...] (default: resnet50 vgg16 mobilenet_v2)
# For each network and seed 1..SEEDS, on the eyeriss_resources space with the default budget: the search (CMA-ES,
# sizing + connectivity), the sizing-only ablation (connectivity fixed to row stationary), and random search at the
# same budget. Every run's files go to bench/results/search-arch-<date>/<network>-<run>-s<seed>/ (result.json names
# the commit and the command); summary.md compares them (medians over seeds).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package
out="bench/results/search-arch-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
nets=("$@")
[ ${#nets[@]} -eq 0 ] && nets=(resnet50 vgg16 mobilenet_v2)
seeds=${SEEDS:-3}
for net in "${nets[@]}"; do
 for seed in $(seq 1 "$seeds"); do
  for run in full sizing random; do
    extra=()
    [ "$run" = sizing ] && extra=(--sizing-only)
    [ "$run" = random ] && extra=(--strategy random)
    echo "== $net $run seed $seed" >&2
    start=$(date +%s)
    java -jar target/mapwright.jar search-arch --space eyeriss_resources --workload "$net" --threads 2 --seed "$seed" \
      "${extra[@]}" --out "$out/$net-$run-s$seed" --json > "$out/$net-$run-s$seed.json"
    echo "$(( $(date +%s) - start ))" > "$out/$net-$run-s$seed.seconds"
  done
 done
done
python3 - "$out" "$COMMIT" "$seeds" "${nets[@]}" > "$out/summary.md" <<'PY'
import json, statistics, sys
out, commit, seeds, nets = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
print(f"# Accelerator search on eyeriss_resources\n\ncommit `{commit}`; command `SEEDS={seeds} bench/search-arch.sh {' '.join(nets)}` "
      "(each run: `mapwright search-arch --space eyeriss_resources --workload NET --threads 2 --seed S [--sizing-only | "
      "--strategy random] --out DIR --json`, default budgets)\n")
print("| network | run | seed | best EDP | x floor | eyeriss_like / best | unconstrained / best | area mm2 | designs | wall s |")
print("|---|---|---|---|---|---|---|---|---|---|")
summary = []
for n in nets:
    med = {}
    for run in ["full", "sizing", "random"]:
        edps = []
        for seed in range(1, seeds + 1):
            d = json.load(open(f"{out}/{n}-{run}-s{seed}.json"))
            sec = open(f"{out}/{n}-{run}-s{seed}.seconds").read().strip()
            b = d["best"]; bl = d["baselines"]
            edps.append(b["edp"])
            print(f"| {n} | {run} | {seed} | {b['edp']:.4g} | {b['over_floor']:.2f} | {bl['eyeriss_like']['edp']/b['edp']:.2f} | "
                  f"{bl['eyeriss_like_unconstrained']['edp']/b['edp']:.2f} | {b['area_mm2']:.2f} | {d['evaluated_archs']} | {sec} |")
        med[run] = statistics.median(edps)
    d = json.load(open(f"{out}/{n}-full-s1.json"))
    bl = d["baselines"]
    print(f"| {n} | eyeriss_like (row stationary) | | {bl['eyeriss_like']['edp']:.4g} | {bl['eyeriss_like']['over_floor']:.2f} | | | {bl['eyeriss_like']['area_mm2']:.2f} | | |")
    print(f"| {n} | eyeriss_like unconstrained | | {bl['eyeriss_like_unconstrained']['edp']:.4g} | {bl['eyeriss_like_unconstrained']['over_floor']:.2f} | | | | | |")
    print(f"| {n} | floor | | {d['floor_edp']:.4g} | 1.00 | | | | | |")
    summary.append(f"| {n} | {bl['eyeriss_like']['edp']/med['full']:.2f} | {bl['eyeriss_like_unconstrained']['edp']/med['full']:.2f} | "
                   f"{med['full']/d['floor_edp']:.2f} | {bl['eyeriss_like']['over_floor']:.2f} | {med['sizing']/med['full']:.2f} | {med['random']/med['full']:.2f} |")
print(f"\nMedians over {seeds} seeds:\n")
print("| network | eyeriss_like / searched | unconstrained / searched | searched x floor | eyeriss_like x floor | sizing only / sizing + connectivity | random / CMA-ES |")
print("|---|---|---|---|---|---|---|")
print("\n".join(summary))
PY
cat "$out/summary.md"
