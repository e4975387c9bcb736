# Sourced by the bench scripts: builds the test classes, writes the test classpath, and sets
#   CP      the classpath of the project's classes, tests and their dependencies
#   COMMIT  the commit the results come from, marked -dirty when src/ or bench/src/ has uncommitted changes
# so that every result file can name its commit.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests test-compile -pl mapwright-core
mvn -B -q dependency:build-classpath -pl mapwright-core -Dmdep.outputFile="$PWD/target/bench-classpath.txt" \
  -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
COMMIT="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench/src || echo '-dirty')"
