#!/usr/bin/env bash
# The same accelerator search in process, on Spark local[2], and on a Spark standalone cluster on this machine (a
# master and WORKERS workers of one core, separate JVMs; org.mapwright.spark.LocalClusterMain), with one seed: wall
# time, search time and whether the answers are identical (bench/README.md, "Searches on Apache Spark").
# Usage: [WORKERS=2] [DESIGNS=120] [NET=resnet50] bench/spark.sh [extra search-arch options]
# Files go to bench/results/spark-<date>/ (summary.md names the commit and every command).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
COMMIT="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src mapwright-spark/src || echo '-dirty')"
out="bench/results/spark-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
workers=${WORKERS:-2}
designs=${DESIGNS:-120}
net=${NET:-resnet50}
search=(search-arch --space eyeriss_resources --workload "$net" --budget-archs "$designs" --final-top 1 --seed 1 --json "$@")

run() { # name, jar, extra options...
  local name=$1 jar=$2; shift 2
  echo "== $name" >&2
  local start end
  start=$(date +%s.%N)
  java -jar "$jar" "${search[@]}" "$@" > "$out/$name.json" 2> "$out/$name.err"
  end=$(date +%s.%N)
  echo "java -jar $jar ${search[*]} $*" > "$out/$name.command"
  python3 -c "print(round($end - $start, 1))" > "$out/$name.wall"
}

run in-process target/mapwright.jar --threads 2
run spark-local mapwright-spark/target/mapwright-spark.jar --engine spark --master 'local[2]'

# the standalone cluster: its master URL is the first line it prints; closing its input stops it
fifo="$out/cluster.stdin"
mkfifo "$fifo"
java -cp mapwright-spark/target/mapwright-spark.jar org.mapwright.spark.LocalClusterMain "$workers" 1 2g \
  < "$fifo" > "$out/cluster.out" 2> "$out/cluster.err" &
cluster=$!
exec 3> "$fifo"
for _ in $(seq 1 120); do [ -s "$out/cluster.out" ] && break; sleep 0.5; done
master=$(head -1 "$out/cluster.out")
[ -n "$master" ] || { echo "the local cluster did not start; see $out/cluster.err" >&2; exec 3>&-; exit 1; }
run standalone mapwright-spark/target/mapwright-spark.jar --engine spark --master "$master" \
  --engine-conf spark.executor.memory=1g
exec 3>&-
wait "$cluster" || true
rm -f "$fifo"

python3 - "$out" "$COMMIT" "$workers" "$designs" "$net" "$*" > "$out/summary.md" <<'PY'
import json, sys
out, commit, workers, designs, net, extra = sys.argv[1:7]
def strip(j):
    if isinstance(j, dict):
        return {k: strip(v) for k, v in j.items() if k not in ("seconds", "command")}
    if isinstance(j, list):
        return [strip(v) for v in j]
    return j
names = ["in-process", "spark-local", "standalone"]
runs = {n: json.load(open(f"{out}/{n}.json")) for n in names}
wall = {n: float(open(f"{out}/{n}.wall").read()) for n in names}
print(f"# search-arch eyeriss_resources x {net}, {designs} designs, seed 1: in process, Spark local[2], Spark standalone\n")
print(f"commit `{commit}`; command `WORKERS={workers} DESIGNS={designs} NET={net} bench/spark.sh {extra}`; each run:\n")
for n in names:
    print(f"- {n}: `{open(f'{out}/{n}.command').read().strip()}`")
print(f"\nThe standalone cluster: a master and {workers} workers of 1 core each, separate JVMs on this machine "
      "(`org.mapwright.spark.LocalClusterMain`), started before its run (not timed).\n")
print("| run | wall s (JVM and Spark start included) | search s (as reported) | best EDP | designs | same answer as in process |")
print("|---|---|---|---|---|---|")
base = strip(runs["in-process"])
for n in names:
    r = runs[n]
    print(f"| {n} | {wall[n]:.1f} | {r['seconds']:.1f} | {r['best']['edp']:.6g} | {r['evaluated_archs']} | "
          f"{'yes' if strip(r) == base else 'NO'} |")
print(f"\nSpeed-up of the standalone cluster over in process (wall): {wall['in-process'] / wall['standalone']:.2f}x; "
      f"of Spark local[2]: {wall['in-process'] / wall['spark-local']:.2f}x.")
PY
cat "$out/summary.md"
