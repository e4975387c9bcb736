#!/usr/bin/env bash
# Compares Mapwright's mappers with Timeloop v3.0.3's mapper on the reference pairs in ../shared/reference/timeloop.
# Usage: bench/compare.sh [SHARED_DIR] [mappers, or "none" for the default-settings column only] [pair filter]
# The markdown table goes to stdout, per-pair progress to stderr, JSON to bench/results/reference-<date>.json.
# With ../shared/tools/timeloop present, each pair's best mapping is also run through timeloop-model and its EDP compared.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
shared="${1:-../shared}"
java -Dmapwright.commit="$COMMIT" -Dmapwright.command="bench/compare.sh $*" -cp "$CP" org.mapwright.bench.ReferenceComparison \
  "$shared" "bench/results/reference-$(date +%Y%m%d-%H%M%S).json" "${2:-random,anneal,genetic,default}" "${3:-}"
