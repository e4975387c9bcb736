#!/usr/bin/env bash
# Compares Mapwright's mappers with Timeloop v3.0.3's mapper on the reference pairs in ../shared/reference/timeloop.
# Usage: bench/compare.sh [SHARED_DIR] [mappers, or "none" for the default-settings column only] [pair filter]
# The markdown table goes to stdout, per-pair progress to stderr, JSON to bench/results/reference-<date>.json.
# With ../shared/tools/timeloop present, each pair's best mapping is also run through timeloop-model and its EDP compared.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench/src || echo '-dirty')"
java -Dmapwright.commit="$commit" -Dmapwright.command="bench/compare.sh $*" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.mapwright.bench.ReferenceComparison \
  "$shared" "bench/results/reference-$(date +%Y%m%d-%H%M%S).json" "${2:-random,anneal,genetic,default}" "${3:-}"
