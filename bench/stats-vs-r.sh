#!/usr/bin/env bash
# Waymark's statistics next to R on the same generated CSV (issue 4's benchmark): a cross-tabulation with
# chi-square and a logistic regression with 10 predictors (8 numeric, 2 categorical: 14 coefficients),
# ROWS rows each. Waymark is timed as a whole process (`waymark stats ... --json`, Release publish, reading
# the CSV included); R is timed as a whole process too, and its own clock splits CSV reading (read.csv)
# from the analysis (table + chisq.test, glm + summary). Prints a Markdown table of medians and ratios.
# Usage: bench/stats-vs-r.sh [rows=1000000] [rounds=3]   (needs Rscript: apt-get install r-base-core)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; rounds=${2:-3}
work=$(mktemp -d /tmp/waymark-stats-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet publish src/Waymark.Cli -c Release -o "$work/app" -nologo -v quiet >/dev/null
Rscript --vanilla bench/stats-vs-r.R generate "$work/data.csv" "$rows"
echo "data: $rows rows, $(du -m "$work/data.csv" | cut -f1) MB" >&2

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # command... -> "seconds maxrss_kb" on stderr's last line via /usr/bin/time
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out"
  cat "$work/time"
}
declare -A waymark=(
  [crosstab]="stats crosstab $work/data.csv --row r --col c --json"
  [logit]="stats logit $work/data.csv --outcome y --predictors x1,x2,x3,x4,x5,x6,x7,x8,g1,g2 --json"
)
for task in crosstab logit; do
  : >"$work/$task.w"; : >"$work/$task.r"
  for _ in $(seq 1 "$rounds"); do
    # shellcheck disable=SC2086
    wall dotnet "$work/app/waymark.dll" ${waymark[$task]} >>"$work/$task.w"
    r=$(wall Rscript --vanilla bench/stats-vs-r.R "$task" "$work/data.csv")
    split=$(cat "$work/out")
    echo "$r ${split//[a-z=]/}" >>"$work/$task.r"   # wall rss read compute
  done
done

echo "| task ($rows rows, median of $rounds) | Waymark s (whole process) | R s (whole process) | R s (analysis only, CSV read excluded) | ratio Waymark/R whole | ratio Waymark/R analysis only | max RSS Waymark / R (MB) |"
echo "|---|---|---|---|---|---|---|"
for task in crosstab logit; do
  w=$(cut -d' ' -f1 "$work/$task.w" | median); wm=$(cut -d' ' -f2 "$work/$task.w" | median)
  r=$(cut -d' ' -f1 "$work/$task.r" | median); rm_=$(cut -d' ' -f2 "$work/$task.r" | median)
  rc=$(cut -d' ' -f4 "$work/$task.r" | median)
  awk -v t="$task" -v w="$w" -v r="$r" -v rc="$rc" -v wm="$wm" -v rm="$rm_" 'BEGIN {
    printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d / %d |\n", t, w, r, rc, w / r, w / rc, wm / 1024, rm / 1024 }'
done
