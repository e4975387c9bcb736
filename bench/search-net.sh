#!/usr/bin/env bash
# Network search on the Eyeriss-like design under half the EDP of OFA's largest subnet (bench/README.md, "Network
# search and co-search").
# Usage: [SEEDS=3] bench/search-net.sh [extra search-net options]
# For seed 1..SEEDS: the hard constraint and the HW-EvRSNAS penalty. Every run's files go to
# bench/results/search-net-<date>/<run>-s<seed>/ (result.json names the commit and the command); summary.md compares them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package
out="bench/results/search-net-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
seeds=${SEEDS:-3}
for seed in $(seq 1 "$seeds"); do
  for run in hard penalty; do
    extra=()
    [ "$run" = penalty ] && extra=(--penalty)
    echo "== $run seed $seed" >&2
    start=$(date +%s)
    java -jar target/mapwright.jar search-net --space ofa-mbv3 --arch eyeriss_like --max-edp 0.5x --threads 2 \
      --seed "$seed" "${extra[@]}" "$@" --out "$out/$run-s$seed" --json > "$out/$run-s$seed.json"
    echo "$(( $(date +%s) - start ))" > "$out/$run-s$seed.seconds"
  done
done
python3 - "$out" "$COMMIT" "$seeds" "$*" > "$out/summary.md" <<'PY'
import json, sys
out, commit, seeds, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
print(f"# Network search on eyeriss_like, EDP <= 0.5 x the largest OFA subnet's\n\ncommit `{commit}`; command "
      f"`SEEDS={seeds} bench/search-net.sh {extra}` (each run: `mapwright search-net --space ofa-mbv3 --arch eyeriss_like "
      "--max-edp 0.5x --threads 2 --seed S [--penalty] --out DIR --json`)\n")
print("| run | seed | best top-1 | largest top-1 | points below largest | best EDP / largest EDP (exact) | networks | wall s |")
print("|---|---|---|---|---|---|---|---|")
for seed in range(1, seeds + 1):
    for run in ["hard", "penalty"]:
        d = json.load(open(f"{out}/{run}-s{seed}.json"))
        sec = open(f"{out}/{run}-s{seed}.seconds").read().strip()
        l = d["largest"]; b = d["best"]
        if b is None:
            print(f"| {run} | {seed} | none | {l['accuracy']:.4f} | | | {d['scored']} | {sec} |")
            continue
        print(f"| {run} | {seed} | {b['accuracy']:.4f} | {l['accuracy']:.4f} | {100*(l['accuracy']-b['accuracy']):.2f} | "
              f"{b['exact']['edp']/l['exact']['edp']:.3f} | {d['scored']} | {sec} |")
PY
cat "$out/summary.md"
