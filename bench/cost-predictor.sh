#!/usr/bin/env bash
# Learned network-cost predictor against the lookup-table baseline on held-out accelerators, and the GPU setting on
# HELP's data (bench/README.md, "Network search and co-search").
# Usage: [SAVE_MODEL=1] bench/cost-predictor.sh [extra bench cost-predictor options]
# Writes bench/results/cost-predictor-<date>/ (result.json and summary.txt name the commit and the command). With
# SAVE_MODEL=1 the trained predictor replaces the shipped one in models/cost_eyeriss_resources.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package
out="bench/results/cost-predictor-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
save=()
[ "${SAVE_MODEL:-0}" = 1 ] && save=(--save-model models/cost_eyeriss_resources)
start=$(date +%s)
java -jar target/mapwright.jar bench cost-predictor --threads 2 "${save[@]}" --out "$out" "$@" 2> "$out/stderr.txt"
echo "$(( $(date +%s) - start ))" > "$out/seconds"
echo "results in $out" >&2
