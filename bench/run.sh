#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/src. Usage: bench/run.sh [JMH options], e.g. bench/run.sh EvaluationBench -p layer=conv1
# Results go to stdout and, as JSON, to bench/results/jmh-<date>.json: {"commit", "command", "date", "jmh": [JMH's own JSON]}.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stamp="$(date +%Y%m%d-%H%M%S)"
out="bench/results/jmh-$stamp.json"
raw="target/jmh-$stamp.raw.json"
java -cp "$CP" org.openjdk.jmh.Main \
  -rf json -rff "$raw" "${@:-EvaluationBench}"
{
  printf '{\n"commit": "%s",\n"command": "bench/run.sh %s",\n"date": "%s",\n"jmh": ' "$COMMIT" "$*" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cat "$raw"
  printf '}\n'
} > "$out.tmp" && mv "$out.tmp" "$out"
echo "results written to $out" >&2
