#!/usr/bin/env bash
# Screener throughput of this checkout against another revision (default main), in one session: builds
# Waymark.Screening.Bench from `git archive REV` in a temporary folder and here, then runs the two `cpu ROUNDS`
# modes alternately RUNS times on the same generated data (make-data.py: 2,000 queries, 10,000 terms), with
# the peers of docs/performance.md in every run: the .NET Regex alternation (`cpu-regex`, same units) and
# Ahmia's algorithm in Python (ahmia_baseline.py, queries/s of wall time, over the first 500 queries: it does
# about 30 a second). Prints every run, the load average,
# the medians and the median of the per-run ratios.
# REV=self measures this build against itself, with no second build (the smoke run, bench/built.sh).
# Usage: bench/screening/cpu-vs.sh [rev=main] [runs=3] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=${1:-main}; runs=${2:-3}; rounds=${3:-5}
work=$(mktemp -d /tmp/waymark-screen-vs.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 bench/screening/make-data.py "$work/data" 2000 10000 >/dev/null
head -n 500 "$work/data/queries.txt" >"$work/ahmia-queries.txt"
. bench/built.sh
build_release bench/Waymark.Screening.Bench
export WAYMARK_SCREEN_BENCH_DIR=$work/data
dll=bench/Waymark.Screening.Bench/bin/Release/net10.0/Waymark.Screening.Bench.dll
if self_peer "$rev"; then
  other_dll=$dll  # REV=self (the smoke run): this build against itself
else
  mkdir "$work/other"
  git archive "$rev" | tar -x -C "$work/other"
  dotnet build "$work/other/bench/Waymark.Screening.Bench" -c Release -nologo -v quiet >/dev/null
  other_dll=$work/other/$dll
fi
median_of() { dotnet "$@" 2>/dev/null | sed -n 's/^median \([0-9]*\) queries\/CPU-s.*flagged \([0-9]*\)$/\1 \2/p'; }
for run in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ((run % 2)); then
    read -r other otherflagged < <(median_of "$other_dll" cpu "$rounds")
    read -r this thisflagged < <(median_of "$dll" cpu "$rounds")
  else
    read -r this thisflagged < <(median_of "$dll" cpu "$rounds")
    read -r other otherflagged < <(median_of "$other_dll" cpu "$rounds")
  fi
  read -r regex regexflagged < <(median_of "$dll" cpu-regex "$rounds")
  read -r ahmia ahmiaflagged < <(python3 bench/screening/ahmia_baseline.py "$work/data/terms.tsv" "$work/ahmia-queries.txt" 1)
  echo "$this $other $regex $ahmia" >>"$work/runs"
  echo "run $run (load $load-$(cut -d' ' -f1 /proc/loadavg)): this $this ($thisflagged flagged), $rev $other ($otherflagged)," \
    "ratio $(awk -v a="$this" -v b="$other" 'BEGIN {printf "%.2f", a / b}'); regex $regex ($regexflagged); ahmia-python $ahmia ($ahmiaflagged)"
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$1" "$work/runs" | median; }
echo "medians (queries/CPU-s; Ahmia queries/s): this $(col 1), $rev $(col 2), regex $(col 3), ahmia-python $(col 4)"
echo "median of per-run ratios: this/$rev $(awk '{printf "%.3f\n", $1 / $2}' "$work/runs" | median)," \
  "this/regex $(awk '{printf "%.0f\n", $1 / $3}' "$work/runs" | median), this/ahmia $(awk '{printf "%.0f\n", $1 / $4}' "$work/runs" | median)"
