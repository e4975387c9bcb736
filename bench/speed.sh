#!/usr/bin/env bash
# Like-for-like evaluation speed against Timeloop v3.0.3's mapper (see SpeedComparison's Javadoc).
# Usage: bench/speed.sh [SHARED_DIR] [evaluations per pair]. Table to stdout, JSON to bench/results/speed-<date>.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
shared="${1:-../shared}"
java -Dmapwright.commit="$COMMIT" -Dmapwright.command="bench/speed.sh $*" \
  -cp "$CP" org.mapwright.bench.SpeedComparison \
  "$shared" "bench/results/speed-$(date +%Y%m%d-%H%M%S).json" "${2:-200000}"
