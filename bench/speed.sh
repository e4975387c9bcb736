#!/usr/bin/env bash
# Like-for-like evaluation speed against Timeloop v3.0.3's mapper (see SpeedComparison's Javadoc).
# Usage: bench/speed.sh [SHARED_DIR] [evaluations per pair]. Table to stdout, JSON to bench/results/speed-<date>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench/src || echo '-dirty')"
java -Dmapwright.commit="$commit" -Dmapwright.command="bench/speed.sh $*" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.mapwright.bench.SpeedComparison \
  "$shared" "bench/results/speed-$(date +%Y%m%d-%H%M%S).json" "${2:-200000}"
