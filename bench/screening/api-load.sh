#!/usr/bin/env bash
# GET /api/screen under load: wrk on loopback, 2 threads, 32 connections, the 10,000-term
# generated placeholder list loaded, one benign and one matching (obfuscated) query.
# Prints a Markdown table of medians over ROUNDS rounds.
# Usage: bench/screening/api-load.sh [seconds-per-round=10] [rounds=3]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}; rounds=${2:-3}
work=$(mktemp -d /tmp/waymark-screen-bench.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pub=$(port); con=$(port)
python3 bench/screening/make-data.py "$work/data" 100 10000 >/dev/null
. bench/built.sh
app=$(waymark_app "$work/app")
(cd "$work" && WAYMARK_SCREENING_TERMS="$work/data/terms.tsv" exec "$app/waymark" serve --public 127.0.0.1:$pub --console 127.0.0.1:$con --data-dir "$work/db" >"$work/waymark.log" 2>&1) &
wm=$!
trap 'kill $wm 2>/dev/null; sleep 1; rm -rf $work' EXIT
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$pub/api/screen?q=x" -o /dev/null && break; sleep 0.2; done
term=$(awk -F'\t' '!/^#/ {print $1; exit}' "$work/data/terms.tsv")
matching=$(python3 -c 'import sys,urllib.parse; t=sys.argv[1]; print(urllib.parse.quote("free " + " ".join(t.upper())))' "$term")
benign=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("weather forecast for the weekend in helsinki"))')
answer=$(curl -fs "http://127.0.0.1:$pub/api/screen?q=$matching&lang=en")
case "$answer" in *'"matched":true'*) ;; *) echo "the matching query did not match: $answer" >&2; exit 1 ;; esac

measure() { wrk -t2 -c32 -d${secs}s --latency "$1" | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f\n", v}'; }
: >"$work/b"; : >"$work/m"
for _ in $(seq 1 "$rounds"); do
  measure "http://127.0.0.1:$pub/api/screen?q=$benign&lang=en" >>"$work/b"
  measure "http://127.0.0.1:$pub/api/screen?q=$matching&lang=fi" >>"$work/m"
done
echo "| query | requests/s (median of $rounds) | p99 ms (median) |"
echo "|---|---|---|"
echo "| benign, 7 words | $(cut -d' ' -f1 "$work/b" | median) | $(cut -d' ' -f2 "$work/b" | to_ms | median) |"
echo "| matching, spaced-out capitals | $(cut -d' ' -f1 "$work/m" | median) | $(cut -d' ' -f2 "$work/m" | to_ms | median) |"
