#!/usr/bin/env bash
# Reading a large CSV: the one CSV reader (Waymark.Csv on Sep, strict UTF-8) of this checkout against the statistics
# reader it replaced (default revision c902970, the last with the old reader) and against R's read.csv, in one session
# on the same file. Builds `waymark` from `git archive REV` and from here (bench/built.sh: WAYMARK_BUILT=1 uses this
# checkout's Release build), generates the ROWS-row CSV of bench/stats-vs-r.sh (R's write.csv: 14 columns, every text
# quoted), then each round runs `waymark stats freq DATA --var r --json --timing` of the new and the old build
# (alternating which goes first) and `read.csv` in Rscript, and takes the read time each process reports (Waymark: file
# to Dataset, i.e. decoding, parsing, cell storage; R: read.csv, which also converts the columns' types). Prints every
# round, the medians and the medians of the per-round ratios (docs/performance.md, "CSV reading").
# REV=self measures this build against itself, with no second build (the smoke run, bench/built.sh).
# Usage: bench/csv-read-vs.sh [rev=c902970] [rows=1000000] [rounds=5]   (needs Rscript: apt-get install r-base-core)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-c902970}; rows=${2:-1000000}; rounds=${3:-5}
work=$(mktemp -d /tmp/waymark-csv-vs.XXXXXX)
trap 'rm -rf "$work"' EXIT
. bench/built.sh
new_app=$(waymark_app "$work/new-app")
if self_peer "$rev"; then
  old_app=$new_app  # REV=self (the smoke run): this build against itself
else
  mkdir "$work/old"
  git archive "$rev" | tar -x -C "$work/old"
  quietly dotnet publish "$work/old/src/Waymark.Cli" -c Release -o "$work/old-app" -nologo -v quiet
  old_app=$work/old-app
fi
Rscript --vanilla bench/stats-vs-r.R generate "$work/data.csv" "$rows"
echo "data: $rows rows, $(du -m "$work/data.csv" | cut -f1) MB; old = $rev, new = $(git rev-parse --short HEAD), R $(Rscript -e 'cat(as.character(getRversion()))')"
read_seconds() { dotnet "$1/waymark.dll" stats freq "$work/data.csv" --var r --json --timing 2>&1 >/dev/null | sed -n 's/^read=\([0-9.]*\) .*/\1/p'; }
r_seconds() { Rscript --vanilla bench/stats-vs-r.R read "$work/data.csv" | sed -n 's/^read=\([0-9.]*\) .*/\1/p'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
for round in $(seq 1 "$rounds"); do
  if ((round % 2)); then old=$(read_seconds "$old_app"); new=$(read_seconds "$new_app")
  else new=$(read_seconds "$new_app"); old=$(read_seconds "$old_app"); fi
  r=$(r_seconds)
  echo "$new $old $r" >>"$work/rounds"
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)): new $new s, old $old s, R read.csv $r s; new/old $(ratio "$new" "$old"), new/R $(ratio "$new" "$r")"
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$1" "$work/rounds" | median; }
echo "median read s: new $(col 1), old $(col 2), R read.csv $(col 3); median ratios new/old" \
  "$(awk '{printf "%.4f\n", $1 / $2}' "$work/rounds" | median), new/R $(awk '{printf "%.4f\n", $1 / $3}' "$work/rounds" | median)"
