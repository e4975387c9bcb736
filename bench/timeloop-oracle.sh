#!/usr/bin/env bash
# The gradient mapper with Timeloop itself as the cost oracle, against Timeloop's own mapper on the reference pairs
# (../shared/reference/timeloop/mapper/<arch>/<problem>/: the same problem, architecture, ERT and constraints files
# Timeloop's mapper was given). Each pair gets one search with `bench mappers --oracle timeloop`, limited to a tenth
# of the wall time Timeloop's mapper took on that pair (mapper_results.json), with 2 threads like Timeloop's run.
# Usage: bench/timeloop-oracle.sh [SHARED_DIR] [ARCH filter] [mappers, default gradient]
# Writes bench/results/timeloop-oracle-<date>.md (commit and command inside) and each run's files beside it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
shared="$(cd "${1:-../shared}" && pwd)"
filter="${2:-}"
mappers="${3:-gradient}"
ref="$shared/reference/timeloop"
stamp="$(date +%Y%m%d-%H%M%S)"
dir="bench/results/timeloop-oracle-$stamp"
md="$dir.md"
mkdir -p "$dir"
{
  echo "# Gradient mapper with Timeloop as the oracle vs Timeloop's mapper"
  echo
  echo "commit $COMMIT; command: bench/timeloop-oracle.sh $*"
  echo
  echo "| arch | problem | Timeloop mapper EDP | its wall (s) | mapper | budget (s) | best EDP | ratio to Timeloop | true evaluations |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$md"
jq -c '.[] | select(.returncode == 0) | {arch, workload, wall: .wall_time_s, edp: .best.edp_J_cycle}' "$ref/mapper_results.json" |
while read -r row; do
  arch=$(jq -r .arch <<<"$row"); wl=$(jq -r .workload <<<"$row")
  [[ -n "$filter" && "$arch" != *"$filter"* ]] && continue
  wall=$(jq -r .wall <<<"$row"); edp=$(jq -r .edp <<<"$row")
  secs=$(awk -v w="$wall" 'BEGIN { printf "%.2f", w / 10 }')
  out="$dir/$arch-$wl"
  echo "== $arch $wl: Timeloop EDP $edp in $wall s; budget $secs s" >&2
  java -Djava.awt.headless=true -Dmapwright.commit="$COMMIT" -cp "$CP" org.mapwright.cli.Main bench mappers \
    "$ref/inputs/problems/$wl.yaml" "$ref/inputs/arch/$arch.yaml" "$ref/inputs/ert/$arch.yaml" \
    "$ref/mapper/$arch/$wl/constraints.yaml" --oracle timeloop --timeloop "$shared/tools/timeloop/run-model" \
    --mappers "$mappers" --budget-evals 1000000 --budget-seconds "$secs" --seeds 1 --threads 2 --out "$out" \
    --json > "$out.json" || { echo "| $arch | $wl | $edp | $wall | $mappers | $secs | failed | - | - |" >> "$md"; continue; }
  jq -r --arg arch "$arch" --arg wl "$wl" --arg edp "$edp" --arg wall "$wall" --arg secs "$secs" '
    .layers[0] as $l | .mappers | to_entries[] |
    "| \($arch) | \($wl) | \($edp) | \($wall) | \(.key) | \($secs) | \(.value.geomean_edp // "none") | " +
    (if .value.geomean_edp then ((.value.geomean_edp / ($edp | tonumber)) * 1000 | round / 1000 | tostring) else "-" end) +
    " | \($l.mappers[.key].runs[0].true_evals - $l.mappers[.key].runs[0].cache_hits) |"' "$out.json" >> "$md"
done
cat "$md"
