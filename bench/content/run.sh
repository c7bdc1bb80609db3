#!/usr/bin/env bash
# Waymark vs ripgrep on the same corpus (docs/performance.md): per-code paragraph counts with 44 keywords against
# `rg -c -i -w -F -f keywords44.txt` over the same sentences one per line; Waymark alone with 5,000 keywords.
# Usage: bench/content/run.sh [MEGABYTES=200] [ROUNDS=3] [WORK_DIR=/tmp/waymark-bench-content]
# Prints wall, user and user+sys CPU seconds per round, medians, MB/s and peak memory (GNU time).
# Set NICE=1 to run every measured program under `nice` (a shared machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-200}; rounds=${2:-3}; work=${3:-/tmp/waymark-bench-content}
command -v rg >/dev/null || { echo "ripgrep (rg) is needed" >&2; exit 1; }
[ -d tools/corpus/node_modules/nlp-corpus ] || (cd tools/corpus && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
[ -f "$work/paragraphs.txt" ] && [ "$(cat "$work/mb" 2>/dev/null)" = "$mb" ] || { python3 bench/content/make-corpus.py "$work" "$mb"; echo "$mb" > "$work/mb"; }
# The CLI as a user runs it on big corpora: published by scripts/publish-cli.sh (`waymark code` compiled ahead of
# time), which starts faster than the `dotnet build` output (docs/content-analysis.md, "Large corpora"); into a
# temporary folder, removed at exit.
# WAYMARK=path runs a given CLI instead (the bench smoke tests pass the build output).
. bench/built.sh
published_cli
bytes=$(stat -c %s "$work/paragraphs.txt")

nice=(); [ "${NICE:-0}" = 1 ] && nice=(nice)
. bench/content/measure.sh

echo "corpus: $((bytes / 1000000)) MB, $(grep -c . "$work/lines.txt") sentences; load: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/results.txt"
for round in $(seq "$rounds"); do
  measure waymark44 "$waymark" code "$work/paragraphs.txt" --codebook "$work/codebook44.yaml" --json | tee -a "$work/results.txt"
  measure rg44 rg -c -i -w -F -f "$work/keywords44.txt" "$work/lines.txt" | tee -a "$work/results.txt"
  measure waymark5000 "$waymark" code "$work/paragraphs.txt" --codebook "$work/codebook5000.yaml" --json | tee -a "$work/results.txt"
done

for name in waymark44 rg44 waymark5000; do
  wall=$(awk -v n=$name '$1==n {print $2}' "$work/results.txt" | median)
  user=$(awk -v n=$name '$1==n {print $3}' "$work/results.txt" | median)
  cpu=$(awk -v n=$name '$1==n {print $3+$5}' "$work/results.txt" | median)
  kb=$(awk -v n=$name '$1==n {print $4}' "$work/results.txt" | median)
  echo "median $name: wall ${wall}s user ${user}s user+sys ${cpu}s peak ${kb}KB; CPU MB/s $(awk -v b=$bytes -v u=$cpu 'BEGIN {printf "%.0f", b/1e6/u}')"
  eval "wall_$name=$wall user_$name=$user cpu_$name=$cpu"
done
echo "ratio waymark44/rg44: wall $(awk -v a=$wall_waymark44 -v b=$wall_rg44 'BEGIN {printf "%.2f", a/b}') user $(awk -v a=$user_waymark44 -v b=$user_rg44 'BEGIN {printf "%.2f", a/b}') user+sys $(awk -v a=$cpu_waymark44 -v b=$cpu_rg44 'BEGIN {printf "%.2f", a/b}')"
# The same ratio per round (both programs measured back to back), then its median.
awk '$1=="waymark44" {w[++i]=$3+$5} $1=="rg44" {r[++j]=$3+$5} END {for (k=1; k<=i; k++) print w[k]/r[k]}' "$work/results.txt" | median | xargs printf "median of per-round user+sys ratios: %.2f\n"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The counts must agree: rg's total matching lines is the number of paragraphs with any keyword, which Waymark
# cannot exceed per code and must reach with its union; check the per-keyword counts for one keyword too.
"$waymark" code "$work/paragraphs.txt" --codebook "$work/codebook44.yaml" --json > "$work/waymark44.json"
echo "check: rg lines with 'feel': $(rg -c -i -w -F feel "$work/lines.txt"); Waymark paragraphs with Feel: $(python3 -c "import json,sys; print(next(c['units'] for c in json.load(open(sys.argv[1]))['codes'] if c['code']=='feel'))" "$work/waymark44.json")"
