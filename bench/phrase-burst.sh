#!/usr/bin/env bash
# Load on recovery-phrase derivations: 200 concurrent self-help resume posts (Argon2id, 12 MiB each)
# against one node on loopback, with GET /en/privacy probed throughout; prints the node's peak
# resident memory and the probe's p50/p99 (goal: under 500 MB, p99 under 1 s; docs/performance.md).
# Bounded: COUNT posts (default 200, at most 1000), LIMIT seconds (default 120); loopback only.
# Usage: bench/phrase-burst.sh [COUNT] [LIMIT_SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-200}
limit=${2:-120}
dll="$root/src/Waymark.Cli/bin/Release/net10.0/waymark.dll"
[ -f "$dll" ] || dotnet build "$root/src/Waymark.Cli" -c Release --nologo -v q >/dev/null
data=$(mktemp -d /tmp/waymark-phrase-burst.XXXXXX)
port=$((20000 + RANDOM % 20000))
dotnet "$dll" serve --public "127.0.0.1:$port" --console "127.0.0.1:$((port + 1))" --data-dir "$data/data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/css/site.css" && break; sleep 0.1; done
# Warm-up: JIT, Razor, one derivation, the privacy page.
curl -s -o /dev/null "http://127.0.0.1:$port/en/privacy"
timeout "$((limit + 30))" python3 "$root/bench/phrase-burst.py" "http://127.0.0.1:$port" "$server" 2 30 >/dev/null
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout "$((limit + 30))" python3 "$root/bench/phrase-burst.py" "http://127.0.0.1:$port" "$server" "$count" "$limit"
