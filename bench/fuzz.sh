#!/usr/bin/env bash
# Fuzzes one target for a given time with Jazzer's command-line driver (libFuzzer flags pass through), e.g.
#   bench/fuzz.sh dsl 600
# Targets: dsl, problem, ert, architecture, mapping, constraints, evaluate. New corpus entries go to
# target/fuzz/<target>/corpus (not committed); a crash writes target/fuzz/<target>/crash-* and exits non-zero.
# The committed seed corpus of the target is read too. Prints libFuzzer's final statistics (executions, exec/s).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: bench/fuzz.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: bench/fuzz.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
res=src/test/resources/org/mapwright
case "$target" in
  dsl)      seeds=$res/dsl/FrontendFuzzTestInputs/parseAndCheck ;;
  problem|ert|architecture|mapping|constraints)
            seeds=$res/timeloop/ReadersFuzzTestInputs/$target ;;
  evaluate) seeds=$res/search/EvaluateAndMapFuzzTestInputs/evaluateAndMap ;;
  *) echo "unknown target $target; the targets are dsl, problem, ert, architecture, mapping, constraints, evaluate" >&2; exit 2 ;;
esac
work=target/fuzz/$target
mkdir -p "$work/corpus"
if [ ! -f target/fuzz/classpath.txt ] || [ mapwright-core/pom.xml -nt target/fuzz/classpath.txt ]; then
  mvn -B -q dependency:build-classpath -pl mapwright-core -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/fuzz/classpath.txt" >/dev/null
fi
mvn -B -q test-compile -pl mapwright-core
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/fuzz/classpath.txt)"
cd "$work"
exec java -Xss8m -Dmapwright.fuzz.target="$target" -cp "$cp" com.code_intelligence.jazzer.Jazzer \
  --target_class=org.mapwright.testing.FuzzTargets \
  --instrumentation_includes='org.mapwright.**' \
  -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=./ \
  "$@" corpus "$OLDPWD/$seeds"
