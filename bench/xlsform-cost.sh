#!/usr/bin/env bash
# What importing one XLSForm costs (wall time, bytes allocated, peak resident memory of a fresh
# process), for generated forms of several shapes: many short questions, very long cells, a wide
# choice list in twelve languages, and long repetitive labels that unpack 140:1. Each file is
# imported in its own process by bench/Waymark.Surveys.Bench ("load" mode). Figures: docs/performance.md.
# Usage: bench/xlsform-cost.sh [OUT_DIR]   (default artifacts/xlsform-cost)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/xlsform-cost}")
mkdir -p "$out"
. bench/built.sh
build_release bench/Waymark.Surveys.Bench
bench=(dotnet bench/Waymark.Surveys.Bench/bin/Release/net10.0/Waymark.Surveys.Bench.dll load)
for spec in rows:1250000 long:1250000 wide:1250000 repeat:330000 rows:300000; do
  shape=${spec%%:*}; size=${spec##*:}
  python3 bench/xlsform-make.py "$shape" "$size" "$out/$shape-$size.xlsx" >/dev/null
  "${bench[@]}" "$out/$shape-$size.xlsx"
done
