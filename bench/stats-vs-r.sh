#!/usr/bin/env bash
# Waymark's statistics next to R on the same generated CSV (docs/performance.md): a cross-tabulation with
# chi-square and a logistic regression with 10 predictors (8 numeric, 2 categorical: 14 coefficients),
# ROWS rows each. Both are timed as whole processes (Waymark: `waymark stats ... --json`, Release publish;
# R: Rscript, read.csv then the analysis), and each one's own clock splits reading the CSV from the
# analysis (Waymark: --timing; R: proc.time around table + chisq.test, glm + summary). Prints a Markdown
# table of medians and ratios, and peak memory (max RSS).
# Usage: bench/stats-vs-r.sh [rows=1000000] [rounds=3]   (needs Rscript: apt-get install r-base-core)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; rounds=${2:-3}
work=$(mktemp -d /tmp/waymark-stats-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

. bench/built.sh
app=$(waymark_app "$work/app")
Rscript --vanilla bench/stats-vs-r.R generate "$work/data.csv" "$rows"
echo "data: $rows rows, $(du -m "$work/data.csv" | cut -f1) MB" >&2

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # command... -> "seconds maxrss_kb"; the command's stdout in $work/out, stderr in $work/err
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err"
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
    w=$(wall dotnet "$app/waymark.dll" ${waymark[$task]} --timing)
    split=$(cat "$work/err")
    echo "$w ${split//[a-z=]/}" >>"$work/$task.w"   # wall rss read analysis
    r=$(wall Rscript --vanilla bench/stats-vs-r.R "$task" "$work/data.csv")
    split=$(cat "$work/out")
    echo "$r ${split//[a-z=]/}" >>"$work/$task.r"   # wall rss read compute
  done
done

echo "| task ($rows rows, median of $rounds) | Waymark whole process s | R whole process s | ratio whole | Waymark read s | R read.csv s | Waymark analysis s | R analysis s | ratio analysis | max RSS MB Waymark / R |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for task in crosstab logit; do
  col() { cut -d' ' -f"$2" "$work/$task.$1" | median; }
  awk -v t="$task" -v w="$(col w 1)" -v r="$(col r 1)" -v wr="$(col w 3)" -v rr="$(col r 3)" -v wa="$(col w 4)" -v ra="$(col r 4)" \
      -v wm="$(col w 2)" -v rm="$(col r 2)" 'BEGIN {
    printf "| %s | %.2f | %.2f | **%.2f** | %.2f | %.2f | %.2f | %.2f | **%.2f** | %d / %d |\n", t, w, r, w / r, wr, rr, wa, ra, wa / ra, wm / 1024, rm / 1024 }'
done
