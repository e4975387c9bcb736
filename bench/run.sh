#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/src. Usage: bench/run.sh [JMH options], e.g. bench/run.sh EvaluationBench -p layer=conv1
# Results go to stdout and, as JSON, to bench/results/jmh-<date>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
out="bench/results/jmh-$(date +%Y%m%d-%H%M%S).json"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  -rf json -rff "$out" "${@:-EvaluationBench}"
echo "results written to $out" >&2
