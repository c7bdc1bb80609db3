#!/usr/bin/env bash
# What stem: and fuzzy: patterns cost (docs/performance.md): `waymark code` on the content benchmark corpus with the
# 44 keywords written three ways, exact (`feel`), stem (`stem:feel`) and fuzzy (`fuzzy:feel`), run alternately.
# Usage: bench/content/word-patterns.sh [MEGABYTES=200] [ROUNDS=5] [WORK_DIR=/tmp/waymark-bench-content]
# Prints wall and user+sys CPU seconds per run, medians, MB/s per core, peak memory and the ratios to exact.
# WAYMARK=path/to/waymark runs that CLI instead of publishing this checkout (scripts/publish-cli.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-200}; rounds=${2:-5}; work=${3:-/tmp/waymark-bench-content}
[ -d tools/corpus/node_modules/nlp-corpus ] || (cd tools/corpus && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
[ -f "$work/paragraphs.txt" ] && [ "$(cat "$work/mb" 2>/dev/null)" = "$mb" ] || { python3 bench/content/make-corpus.py "$work" "$mb"; echo "$mb" > "$work/mb"; }
for kind in exact stem fuzzy; do
  {
    printf 'name: bench-44-%s\nlanguage: en\nthemes:\n  - name: all\n    codes:\n' "$kind"
    while read -r k; do
      case $kind in exact) p=$k ;; *) p=$kind:$k ;; esac
      printf '      - {name: "%s", patterns: ["%s"]}\n' "$k" "$p"
    done < "$work/keywords44.txt"
  } > "$work/codebook44-$kind.yaml"
done
. bench/built.sh
published_cli
bytes=$(stat -c %s "$work/paragraphs.txt")
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "corpus: $((bytes / 1000000)) MB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/word-results.txt"
for round in $(seq "$rounds"); do
  for kind in exact stem fuzzy; do
    /usr/bin/time -f "$kind %e %U %M %S" "$waymark" code "$work/paragraphs.txt" --codebook "$work/codebook44-$kind.yaml" --json \
      > "$work/word-$kind.json" 2>"$work/time.txt"
    tail -1 "$work/time.txt" | tee -a "$work/word-results.txt"
  done
done
for kind in exact stem fuzzy; do
  wall=$(awk -v n=$kind '$1==n {print $2}' "$work/word-results.txt" | median)
  cpu=$(awk -v n=$kind '$1==n {print $3+$5}' "$work/word-results.txt" | median)
  kb=$(awk -v n=$kind '$1==n {print $4}' "$work/word-results.txt" | median)
  units=$(python3 -c "import json,sys; print(sum(c['units'] for c in json.load(open(sys.argv[1]))['codes']))" "$work/word-$kind.json")
  echo "median $kind: wall ${wall}s user+sys ${cpu}s peak ${kb}KB; CPU MB/s $(awk -v b=$bytes -v u=$cpu 'BEGIN {printf "%.0f", b/1e6/u}'); coded paragraphs (sum over codes) $units"
  eval "wall_$kind=$wall cpu_$kind=$cpu"
done
for kind in stem fuzzy; do
  eval "w=\$wall_$kind c=\$cpu_$kind"
  echo "ratio $kind/exact: wall $(awk -v a=$w -v b=$wall_exact 'BEGIN {printf "%.2f", a/b}') user+sys $(awk -v a=$c -v b=$cpu_exact 'BEGIN {printf "%.2f", a/b}')"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
