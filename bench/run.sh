#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/src. Usage: bench/run.sh [JMH options], e.g. bench/run.sh EvaluationBench -p layer=conv1
# Results go to stdout and, as JSON, to bench/results/jmh-<date>.json: {"commit", "command", "date", "jmh": [JMH's own JSON]}.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
stamp="$(date +%Y%m%d-%H%M%S)"
out="bench/results/jmh-$stamp.json"
raw="target/jmh-$stamp.raw.json"
commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench/src || echo '-dirty')"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  -rf json -rff "$raw" "${@:-EvaluationBench}"
{
  printf '{\n"commit": "%s",\n"command": "bench/run.sh %s",\n"date": "%s",\n"jmh": ' "$commit" "$*" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cat "$raw"
  printf '}\n'
} > "$out.tmp" && mv "$out.tmp" "$out"
echo "results written to $out" >&2
