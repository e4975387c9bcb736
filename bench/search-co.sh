#!/usr/bin/env bash
# Co-search (network + accelerator + mapping) under Eyeriss resources against MobileNetV2 on the Eyeriss-like design
# and the network search alone on that design (bench/README.md, "Network search and co-search").
# Usage: [SEEDS=3] bench/search-co.sh [extra search-co options]
# Every run's files go to bench/results/search-co-<date>/s<seed>/ (result.json names the commit and the command);
# summary.md compares them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package
out="bench/results/search-co-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
seeds=${SEEDS:-3}
for seed in $(seq 1 "$seeds"); do
  echo "== seed $seed" >&2
  start=$(date +%s)
  java -jar target/mapwright.jar search-co --space-net ofa-mbv3 --space-arch eyeriss_resources \
    --workload-baseline mobilenet_v2 --baseline-accuracy 0.720 --min-accuracy 0.747 --threads 2 --seed "$seed" "$@" \
    --out "$out/s$seed" --json > "$out/s$seed.json"
  echo "$(( $(date +%s) - start ))" > "$out/s$seed.seconds"
done
python3 - "$out" "$COMMIT" "$seeds" "$*" > "$out/summary.md" <<'PY'
import json, sys
out, commit, seeds, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
print(f"# Co-search on eyeriss_resources x ofa-mbv3 against MobileNetV2 on eyeriss_like (row stationary)\n\ncommit "
      f"`{commit}`; command `SEEDS={seeds} bench/search-co.sh {extra}` (each run: `mapwright search-co --space-net ofa-mbv3 "
      "--space-arch eyeriss_resources --workload-baseline mobilenet_v2 --baseline-accuracy 0.720 --min-accuracy 0.747 "
      "--threads 2 --seed S --out DIR --json`)\n")
print("| seed | co-search top-1 | co-search EDP | baseline EDP | network-only top-1 | network-only EDP | baseline / co-search | network only / co-search | designs | wall s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for seed in range(1, seeds + 1):
    d = json.load(open(f"{out}/s{seed}.json"))
    sec = open(f"{out}/s{seed}.seconds").read().strip()
    b, bl, no = d["best"], d["baseline"], d["network_only"]
    print(f"| {seed} | {b['accuracy']:.4f} | {b['edp']:.4g} | {bl['edp']:.4g} | {no['accuracy']:.4f} | {no['edp']:.4g} | "
          f"{bl['edp']/b['edp']:.2f} | {no['edp']/b['edp']:.2f} | {d['search']['designs_scored']} | {sec} |")
PY
cat "$out/summary.md"
