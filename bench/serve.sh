#!/usr/bin/env bash
# Requests per second of the mapping service (bench/README.md, "The mapping service"): starts
# `java -jar target/mapwright.jar serve --port 0` (service threads: every processor), runs ServiceBench against it
# over HTTP, and stops it.
# Usage: bench/serve.sh [CLIENTS=4] [SECONDS per phase=10]
# Writes bench/results/serve-<date>.json, which names the commit and the command.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -B -q -DskipTests package -pl mapwright-core
clients=${1:-4}
seconds=${2:-10}
out="bench/results/serve-$(date +%Y%m%d-%H%M%S).json"
log=$(mktemp)
java -jar target/mapwright.jar serve --port 0 > "$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q listening "$log" && break; sleep 0.1; done
url=$(sed -n 's/^mapwright serve: listening on //p' "$log")
java -Dmapwright.commit="$COMMIT" -Dmapwright.command="bench/serve.sh $clients $seconds" -cp "$CP" \
  org.mapwright.bench.ServiceBench "$url" "$out" "$clients" "$seconds"
echo "results: $out" >&2
