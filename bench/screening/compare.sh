#!/usr/bin/env bash
# One run, one data set, three contenders (single thread): Waymark's screener and a .NET Regex
# alternation (BenchmarkDotNet, short job), and Ahmia's exact token equality in Python.
# Also prints how many queries each contender flags (the data holds 10% term queries, a third obfuscated).
# Usage: bench/screening/compare.sh [queries=2000]   (BDN_ARGS overrides BenchmarkDotNet's "--job short"; the smoke test
# passes "--job dry --inProcess": one iteration, no generated project)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d /tmp/waymark-screen-compare.XXXXXX)
trap 'rm -rf $work' EXIT
python3 bench/screening/make-data.py "$work" "${1:-2000}" 10000
. bench/built.sh
build_release bench/Waymark.Screening.Bench
export WAYMARK_SCREEN_BENCH_DIR=$work
dll=$root/bench/Waymark.Screening.Bench/bin/Release/net10.0/Waymark.Screening.Bench.dll
dotnet "$dll" matches
(cd bench/Waymark.Screening.Bench && dotnet "$dll" --filter '*' ${BDN_ARGS:---job short} --artifacts "$work/bdn" >"$work/bdn.log" 2>&1) || true
sed -n '/^| Method/,/^$/p' "$work/bdn.log"
grep -q "executed benchmarks: 2" "$work/bdn.log" || { echo "BenchmarkDotNet did not run both benchmarks:" >&2; grep -iE "error|exception|fail" "$work/bdn.log" | head -20 >&2; }
read -r rate found < <(python3 bench/screening/ahmia_baseline.py "$work/terms.tsv" "$work/queries.txt" 1)
echo "Ahmia algorithm (Python $(python3 -c 'import platform; print(platform.python_version())')): $rate queries/s, $found flagged"
