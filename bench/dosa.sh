#!/usr/bin/env bash
# DOSA's Gemmini rows through timeloop-model v3.0.3 and Mapwright's model; see bench/README.md ("DosaFidelity").
# Usage: bench/dosa.sh [SHARED [ROWS [THREADS [EXACT_TIMEOUT_S]]]]   (defaults: ../shared 1000 2 30)
# ROWS may be lines=L1,L2,... to run given CSV lines (header = line 1).
# Writes bench/results/dosa-<date>.md naming the commit and this command.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
shared="${1:-../shared}"
rows="${2:-1000}"
threads="${3:-2}"
timeout="${4:-30}"
out="bench/results/dosa-$(date +%Y%m%d-%H%M%S).md"
GIT_COMMIT="$COMMIT" java -cp "$CP" \
  org.mapwright.bench.DosaFidelity "$shared" "$rows" "$threads" "$out" "$timeout" \
  bench/dosa.sh "$shared" "$rows" "$threads" "$timeout"
echo "results written to $out" >&2
