#!/usr/bin/env bash
# Whole-process throughput on one core (taskset -c 0), in one run: `waymark screen batch --summary` against
# the project's Regex alternation and an exact-token check (bench/Waymark.Screening.Bench batch-regex and
# batch-exact), all reading the same generated queries with the 10,000-term placeholder list. Each round
# times each process with /usr/bin/time (wall and user+sys CPU); prints the medians and the ratios.
# The Regex alternation is ~1,000x slower, so it screens only the first REGEX_QUERIES queries.
# Usage: bench/screening/batch.sh [queries=2000000] [rounds=3] [regex-queries=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-2000000}; rounds=${2:-3}; rq=${3:-2000}
work=$(mktemp -d /tmp/waymark-screen-batch.XXXXXX)
trap 'rm -rf $work' EXIT
python3 bench/screening/make-data.py "$work" "$n" 10000 >/dev/null
. bench/built.sh
build_release src/Waymark.Cli bench/Waymark.Screening.Bench
cli=src/Waymark.Cli/bin/Release/net10.0/waymark.dll
bench=bench/Waymark.Screening.Bench/bin/Release/net10.0/Waymark.Screening.Bench.dll
run() { # name queries command...: appends "wall cpu" to $work/name
  local name=$1 count=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$work/t" taskset -c 0 "$@" >"$work/out"
  awk -v c="$count" '{printf "%s %.3f %d\n", $1, $2 + $3, c}' "$work/t" >>"$work/$name"
  echo "$name: $(cat "$work/out") $(tail -1 "$work/$name")" >&2
}
for _ in $(seq 1 "$rounds"); do
  run waymark "$n" dotnet "$cli" screen batch --summary --terms "$work/terms.tsv" --input "$work/queries.txt"
  run exact "$n" dotnet "$bench" batch-exact "$work/terms.tsv" "$work/queries.txt"
  run regex "$rq" dotnet "$bench" batch-regex "$work/terms.tsv" "$work/queries.txt" "$rq"
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| contender (whole process, one core) | queries | wall s (median of $rounds) | CPU s (median) | queries/s by wall | queries/s by CPU |"
echo "|---|---|---|---|---|---|"
for name in waymark exact regex; do
  w=$(cut -d' ' -f1 "$work/$name" | median); c=$(cut -d' ' -f2 "$work/$name" | median); q=$(head -1 "$work/$name" | cut -d' ' -f3)
  awk -v n="$name" -v q="$q" -v w="$w" -v c="$c" 'BEGIN {printf "| %s | %d | %.2f | %.2f | %.0f | %.0f |\n", n, q, w, c, q / w, q / c}'
done
