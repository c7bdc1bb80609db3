#!/usr/bin/env bash
# Whole-program cost of opening self-help progress from a recovery phrase: one POST that parses the
# phrase, runs Argon2id (12 MiB, 3 passes, 1 lane, libsodium) and HKDF, and looks the vault up. Peer: a GET of
# the same page (/en/help) on the same server, which does no key derivation.
# Usage: bench/selfhelp-resume.sh [requests per target, default 30]. Prints medians in milliseconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-30}
dll="$root/src/Waymark.Cli/bin/Release/net10.0/waymark.dll"
[ -f "$dll" ] || dotnet build "$root/src/Waymark.Cli" -c Release --nologo -v q >/dev/null
data=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
dotnet "$dll" serve --public "127.0.0.1:$port" --console "127.0.0.1:$((port + 1))" --data-dir "$data" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/css/site.css" && break; sleep 0.1; done

jar="$data/cookies"
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/en/help" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
resume() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" \
    --data-urlencode "phrase=acorn bagel cedar daisy eagle fable gecko" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/en/help?handler=Resume"
}
page() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/en/help"; }
median_ms() { awk '{print $2}' | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] * 1000}'; }

for _ in 1 2 3; do resume >/dev/null; page >/dev/null; done   # warm-up: JIT, connection pools
resumes=$(for _ in $(seq "$count"); do resume; done)
pages=$(for _ in $(seq "$count"); do page; done)
# 422 is the expected answer: nothing is saved under this phrase, but every step of opening ran.
if echo "$resumes" | grep -qv '^422 '; then echo "unexpected status on resume:"; echo "$resumes" | sort | uniq -c; exit 1; fi
r=$(echo "$resumes" | median_ms)
p=$(echo "$pages" | median_ms)
echo "resume POST (Argon2id + lookup): median ${r} ms over $count"
echo "GET /en/help (peer):             median ${p} ms over $count"
awk -v r="$r" -v p="$p" 'BEGIN {printf "ratio resume / page: %.1f\n", r / p}'
