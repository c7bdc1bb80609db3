#!/usr/bin/env bash
# Survey load on loopback with wrk (2 threads, 32 connections), SQLite: GETs of a survey page (the
# consent page of no-need-for-help, with its encrypted state field) and completing POST submissions
# (each a different respondent's last page: validate, build the response, commit with
# synchronous=FULL, then the thank-you page). Durable submissions/s are counted from the rows in the
# database after the run, not from wrk. Prints a Markdown table of medians over ROUNDS rounds.
# Usage: bench/survey-load.sh [seconds=10] [rounds=3] [tokens-per-round=15000]  (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; rounds=${2:-3}; per_round=${3:-15000}
work=$(mktemp -d /tmp/waymark-survey-bench.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pub=$(port); con=$(port)

. bench/built.sh
app=$(waymark_app "$work/app")
(cd "$work" && exec "$app/waymark" serve --public 127.0.0.1:$pub --console 127.0.0.1:$con --data-dir "$work/data" >"$work/waymark.log" 2>&1) &
wm=$!
trap 'kill $wm 2>/dev/null; sleep 1; rm -rf $work' EXIT
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$pub/en/s/no-need-for-help" -o /dev/null && break; sleep 0.2; done

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f\n", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stored() { "$app/waymark" responses export --data-dir "$work/data" --instrument no-need-for-help --out "$work/export.jsonl" | awk '{print $1}'; }
run_wrk() { # extra wrk args... -> "rps p99 errors"
  wrk -t2 -c32 -d${secs}s --latency "$@" | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} /Non-2xx|Socket errors/ {e=e $0 ";"} END {print r, p, (e == "" ? "none" : "see-log")}'
}

: >"$work/get"; : >"$work/post"
for round in $(seq 1 "$rounds"); do
  run_wrk "http://127.0.0.1:$pub/en/s/no-need-for-help" >>"$work/get"
  python3 bench/survey-tokens.py "http://127.0.0.1:$pub" "$per_round" 8 >"$work/tokens"
  before=$(stored)
  line=$(TOKENS="$work/tokens" WRK_THREADS=2 run_wrk -s bench/survey-submit.lua "http://127.0.0.1:$pub")
  after=$(stored)
  echo "$line $(( (after - before) / secs ))" >>"$work/post"
done

gr=$(cut -d' ' -f1 "$work/get" | median); gp=$(cut -d' ' -f2 "$work/get" | to_ms | median)
pr=$(cut -d' ' -f1 "$work/post" | median); pp=$(cut -d' ' -f2 "$work/post" | to_ms | median); pd=$(cut -d' ' -f4 "$work/post" | median)
echo "| target | requests/s (median of $rounds) | durable submissions/s | p99 ms | errors |"
echo "|---|---|---|---|---|"
echo "| GET /en/s/no-need-for-help (consent page) | $gr | – | $gp | $(cut -d' ' -f3 "$work/get" | sort -u | tr '\n' ' ') |"
echo "| POST completing submission (SQLite, synchronous=FULL) | $pr | $pd | $pp | $(cut -d' ' -f3 "$work/post" | sort -u | tr '\n' ' ') |"
