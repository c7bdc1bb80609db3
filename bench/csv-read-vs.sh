#!/usr/bin/env bash
# Reading a large CSV: the one CSV reader (Sep, strict UTF-8) of this checkout against the statistics reader it replaced
# (default revision c902970, the last with the old reader), in one session on the same file. Builds `waymark` from
# `git archive REV` and from here, generates the 1,000,000-row CSV of bench/stats-vs-r.sh (R's write.csv: 14 columns,
# every text quoted), then runs `waymark stats freq DATA --var r --json --timing` of each alternately ROUNDS times and
# takes the read time each process reports (file to Dataset: decoding, parsing, cell storage). Prints every round,
# the medians and the median of the per-round ratios new / old (docs/performance.md, "CSV reading").
# Usage: bench/csv-read-vs.sh [rev=c902970] [rows=1000000] [rounds=5]   (needs Rscript: apt-get install r-base-core)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-c902970}; rows=${2:-1000000}; rounds=${3:-5}
work=$(mktemp -d /tmp/waymark-csv-vs.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/old"
git archive "$rev" | tar -x -C "$work/old"
dotnet publish "$work/old/src/Waymark.Cli" -c Release -o "$work/old-app" -nologo -v quiet >/dev/null
dotnet publish src/Waymark.Cli -c Release -o "$work/new-app" -nologo -v quiet >/dev/null
Rscript --vanilla bench/stats-vs-r.R generate "$work/data.csv" "$rows"
echo "data: $rows rows, $(du -m "$work/data.csv" | cut -f1) MB; old = $rev, new = $(git rev-parse --short HEAD)"
read_seconds() { dotnet "$1/waymark.dll" stats freq "$work/data.csv" --var r --json --timing 2>&1 >/dev/null | sed -n 's/^read=\([0-9.]*\) .*/\1/p'; }
for round in $(seq 1 "$rounds"); do
  if ((round % 2)); then old=$(read_seconds "$work/old-app"); new=$(read_seconds "$work/new-app")
  else new=$(read_seconds "$work/new-app"); old=$(read_seconds "$work/old-app"); fi
  echo "$new $old" >>"$work/rounds"
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)): new $new s, old $old s, ratio $(awk -v a="$new" -v b="$old" 'BEGIN {printf "%.2f", a / b}')"
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
new=$(cut -d' ' -f1 "$work/rounds" | median); old=$(cut -d' ' -f2 "$work/rounds" | median)
ratio=$(awk '{printf "%.4f\n", $1 / $2}' "$work/rounds" | median)
echo "median read s: new $new, old $old; median ratio new/old $ratio"
