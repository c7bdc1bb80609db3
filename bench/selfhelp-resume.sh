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

python3 "$root/bench/selfhelp-resume.py" "http://127.0.0.1:$port" "$count"
