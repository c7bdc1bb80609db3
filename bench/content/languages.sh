#!/usr/bin/env bash
# Waymark vs ripgrep on English, German, Russian and Arabic text (docs/performance.md): whole-process wall and CPU
# time of `waymark code` with 44 keywords against `rg -c -i -w -F -f keywords44-LANG.txt` over the same paragraphs
# one per line, in alternating rounds, and Waymark alone with 5,000 keywords (MB/s per core): 5,000 of the book's own
# words (nearly every word of the book is then a match) and 5,000 drawn from the language's word list ("5,000w": a
# large codebook of which only some words occur, as in real use).
# Corpus: the Debian Administrator's Handbook (Debian package `debian-handbook`, GPL-2+ or CC-BY-SA-3.0); word lists:
# Debian's wamerican, wngerman, hunspell-ru and hunspell-ar; all fetched with `apt-get download` into WORK_DIR and
# turned into corpora and codebooks by make-languages.py (never committed).
# Usage: bench/content/languages.sh [MEGABYTES=84] [ROUNDS=5] [WORK_DIR=/tmp/waymark-bench-languages] [LANGS="en de ru ar"]
# WAYMARK=path runs a given CLI instead of publishing this checkout (scripts/publish-cli.sh); NICE=1 runs everything under nice.
# BEFORE=path also runs another CLI (e.g. main's, published the same way) in the same rounds, just before this one, and
# prints its rows ("before") next to this one's ("after"), with its own ratios to the same ripgrep runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-84}; rounds=${2:-5}; work=${3:-/tmp/waymark-bench-languages}; langs=${4:-en de ru ar}
command -v rg >/dev/null || { echo "ripgrep (rg) is needed" >&2; exit 1; }
mkdir -p "$work"
if [ ! -d "$work/handbook" ]; then
  (cd "$work" && apt-get download debian-handbook >/dev/null 2>&1) || { echo "apt-get download debian-handbook failed" >&2; exit 1; }
  dpkg -x "$work"/debian-handbook_*.deb "$work/handbook"
fi
if [ ! -d "$work/wordlists" ]; then
  (cd "$work" && apt-get download wamerican wngerman hunspell-ru hunspell-ar >/dev/null 2>&1) || { echo "apt-get download of the word lists failed" >&2; exit 1; }
  for deb in "$work"/wamerican_*.deb "$work"/wngerman_*.deb "$work"/hunspell-ru_*.deb "$work"/hunspell-ar_*.deb; do dpkg -x "$deb" "$work/wordlists"; done
fi
if [ "$(cat "$work/mb" 2>/dev/null)" != "$mb-w" ]; then
  python3 bench/content/make-languages.py "$work/handbook/usr/share/doc/debian-handbook/html" "$work" "$mb" "$work/wordlists"
  echo "$mb-w" > "$work/mb"
fi
. bench/built.sh
published_cli
WAYMARK=$waymark

nice=(); [ "${NICE:-0}" = 1 ] && nice=(nice)
. bench/content/measure.sh

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rg --version | head -1), $("$WAYMARK" --version 2>/dev/null | head -c 60)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
results=$work/results.txt; : > "$results"
for round in $(seq "$rounds"); do
  for lang in $langs; do
    if [ -n "${BEFORE:-}" ]; then
      measure "before44-$lang" "$BEFORE" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook44-$lang.yaml" --json >> "$results"
    fi
    measure "waymark44-$lang" "$WAYMARK" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook44-$lang.yaml" --json >> "$results"
    measure "rg44-$lang" rg -c -i -w -F -f "$work/keywords44-$lang.txt" "$work/lines-$lang.txt" >> "$results"
    measure "waymark5000-$lang" "$WAYMARK" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook5000-$lang.yaml" --json >> "$results"
    if [ -n "${BEFORE:-}" ]; then
      measure "before5000-$lang" "$BEFORE" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook5000-$lang.yaml" --json >> "$results"
      measure "before5000w-$lang" "$BEFORE" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook5000w-$lang.yaml" --json >> "$results"
    fi
    measure "waymark5000w-$lang" "$WAYMARK" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook5000w-$lang.yaml" --json >> "$results"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '%-12s %-28s %-28s %-14s %-14s %-42s %s\n' lang "waymark 44 wall/CPU s" "rg 44 wall/CPU s" "wall ratio" "CPU ratio" "waymark 5,000 wall/CPU s, MB/s per core" "5,000w wall/CPU s, MB/s per core"
# row LABEL PREFIX: one language's figures for the CLI whose results are named PREFIX44-, PREFIX5000-, PREFIX5000w-.
row() {
  local label=$1 prefix=$2 name wall cpu
  for name in 44 5000 5000w; do
    eval "wall_$name=$(awk -v n="$prefix$name-$lang" '$1==n {print $2}' "$results" | median)"
    eval "cpu_$name=$(awk -v n="$prefix$name-$lang" '$1==n {print $3+$5}' "$results" | median)"
  done
  # Ratios per round (both programs back to back), then their median.
  wr=$(awk -v w="${prefix}44-$lang" -v r="rg44-$lang" '$1==w {a[++i]=$2} $1==r {b[++j]=$2} END {for (k=1; k<=i; k++) print a[k]/b[k]}' "$results" | median)
  cr=$(awk -v w="${prefix}44-$lang" -v r="rg44-$lang" '$1==w {a[++i]=$3+$5} $1==r {b[++j]=$3+$5} END {for (k=1; k<=i; k++) print a[k]/b[k]}' "$results" | median)
  printf '%-12s %-28s %-28s %-14.2f %-14.2f %-42s %s\n' "$label" "$wall_44 / $cpu_44" "$wall_rg / $cpu_rg" "$wr" "$cr" \
    "$wall_5000 / $cpu_5000, $(awk -v b="$bytes" -v c="$cpu_5000" 'BEGIN {printf "%.0f", b/1e6/c}')" \
    "$wall_5000w / $cpu_5000w, $(awk -v b="$bytes" -v c="$cpu_5000w" 'BEGIN {printf "%.0f", b/1e6/c}')"
}
for lang in $langs; do
  bytes=$(stat -L -c %s "$work/paragraphs-$lang.txt")
  wall_rg=$(awk -v n="rg44-$lang" '$1==n {print $2}' "$results" | median)
  cpu_rg=$(awk -v n="rg44-$lang" '$1==n {print $3+$5}' "$results" | median)
  if [ -n "${BEFORE:-}" ]; then
    row "$lang before" before
    row "$lang after" waymark
  else
    row "$lang" waymark
  fi
done

# The counts must agree: a keyword's paragraphs in Waymark's JSON = the lines rg counts for it (three per language).
for lang in $langs; do
  "$WAYMARK" code "$work/paragraphs-$lang.txt" --codebook "$work/codebook44-$lang.yaml" --json > "$work/waymark44-$lang.json"
  for keyword in $(head -3 "$work/keywords44-$lang.txt"); do
    expected=$(rg -c -i -w -F "$keyword" "$work/lines-$lang.txt" || echo 0)
    got=$(python3 -c "import json,sys; print(next(c['units'] for c in json.load(open(sys.argv[1]))['codes'] if c['code']==sys.argv[2]))" "$work/waymark44-$lang.json" "$keyword")
    echo "check $lang '$keyword': rg $expected, Waymark $got$([ "$expected" = "$got" ] || echo '  DIFFERENT')"
  done
done
