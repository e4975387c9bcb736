#!/usr/bin/env bash
# Compares the mappers with `mapwright bench mappers` (bench/README.md, "MapperBench: the mappers against each other").
# Usage: bench/mappers.sh [options of bench mappers, without --out]
#   default: --arch eyeriss_like --workload resnet50 --budget-evals 1000 --seeds 3
# The table goes to stdout, progress to stderr, and every file to bench/results/mappers-<date>/: results.csv,
# results.json, summary.md and the convergence plots; summary.md and results.json name the commit and the command.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
out="bench/results/mappers-$(date +%Y%m%d-%H%M%S)"
if [ $# -eq 0 ]; then
  set -- --arch eyeriss_like --workload resnet50 --budget-evals 1000 --seeds 3
fi
java -Djava.awt.headless=true -Dmapwright.commit="$COMMIT" -cp "$CP" org.mapwright.cli.Main bench mappers "$@" --out "$out"
