#!/usr/bin/env bash
# Public page GET throughput: Waymark's /en/privacy next to nginx serving the same HTML as a
# static file, on loopback, in one run. Prints a Markdown table of medians over ROUNDS rounds.
# Usage: bench/page-load.sh [seconds-per-round=10] [rounds=3]   (needs wrk and nginx: apt-get install wrk nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; rounds=${2:-3}
work=$(mktemp -d /tmp/waymark-bench.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pub=$(port); con=$(port); ngx=$(port)

. bench/built.sh
app=$(waymark_app "$work/app")
(cd "$work" && exec "$app/waymark" serve --public 127.0.0.1:$pub --console 127.0.0.1:$con --data-dir "$work/data" >"$work/waymark.log" 2>&1) &
wm=$!
mkdir -p "$work/www/en"
cat >"$work/nginx.conf" <<NGX
worker_processes 1; daemon off; pid $work/nginx.pid; error_log $work/nginx.err;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$ngx; root $work/www; default_type text/html;
  add_header Content-Security-Policy "default-src 'none'; style-src 'self'" always; add_header Cache-Control no-store always; } }
NGX
trap 'kill $wm 2>/dev/null; [ -f $work/nginx.pid ] && kill $(cat $work/nginx.pid) 2>/dev/null; sleep 1; rm -rf $work' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$pub/en/privacy" -o "$work/www/en/privacy" && break; sleep 0.2; done
nginx -c "$work/nginx.conf" -p "$work" & sleep 1

measure() { # url -> "rps p99ms"
  wrk -t2 -c32 -d${secs}s --latency "$1" | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}'
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f\n", v}'; }
: >"$work/w"; : >"$work/n"
for _ in $(seq 1 "$rounds"); do
  measure "http://127.0.0.1:$pub/en/privacy" >>"$work/w"
  measure "http://127.0.0.1:$ngx/en/privacy" >>"$work/n"
done
wr=$(cut -d' ' -f1 "$work/w" | median); wp=$(cut -d' ' -f2 "$work/w" | to_ms | median)
nr=$(cut -d' ' -f1 "$work/n" | median); np=$(cut -d' ' -f2 "$work/n" | to_ms | median)
echo "| target | requests/s (median of $rounds) | p99 ms (median) |"
echo "|---|---|---|"
echo "| Waymark /en/privacy (Razor Page, localised, headers) | $wr | $wp |"
echo "| nginx, same HTML as a static file | $nr | $np |"
awk -v a="$wr" -v b="$nr" 'BEGIN { printf "\nRatio Waymark / nginx throughput: %.2f\n", a/b }'
