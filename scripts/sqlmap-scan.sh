#!/usr/bin/env bash
# Scans a local Waymark node with sqlmap (Debian package `sqlmap`) on loopback: every public form
# that sqlmap's crawler finds from the home page, the query strings of the public pages, and the
# console login (with its anti-forgery token). Records each run and a summary, and exits 1 when
# sqlmap reports any injectable parameter. The outcome is recorded in docs/security.md.
# Usage: scripts/sqlmap-scan.sh [OUTPUT_DIR]   (default artifacts/sqlmap; needs the .NET SDK and sqlmap)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/sqlmap}")
rm -rf "$out"; mkdir -p "$out"
command -v sqlmap >/dev/null || { echo "sqlmap-scan: install sqlmap (apt-get install sqlmap)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pub=$(free_port); con=$(free_port)
data=$(mktemp -d /tmp/waymark-sqlmap.XXXXXX)

dotnet build src/Waymark.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
waymark=(dotnet src/Waymark.Cli/bin/Release/net10.0/waymark.dll)
echo 'sqlmap scan password' | "${waymark[@]}" users add scanner --role admin --password-stdin --data-dir "$data" >/dev/null
"${waymark[@]}" serve --public "127.0.0.1:$pub" --console "127.0.0.1:$con" --data-dir "$data" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$pub/css/site.css" && break; sleep 0.2; done

common=(--batch --level=3 --risk=2 --threads=1 --timeout=10 --retries=1 --flush-session --disable-coloring --output-dir="$out/sessions")
run() { # name, sqlmap arguments...
  local name=$1; shift
  echo "== $name" | tee -a "$out/summary.txt"
  TERM=dumb sqlmap "${common[@]}" "$@" </dev/null >"$out/$name.log" 2>&1 || true
  if grep -qiE "is vulnerable|sqlmap identified the following injection point" "$out/$name.log"; then
    echo "INJECTABLE: see $out/$name.log" | tee -a "$out/summary.txt"
  else
    grep -hE "do not appear to be injectable|no parameter\(s\) found|not injectable|no usable links|no forms found|skipping|CRITICAL" "$out/$name.log" | sed 's/^.*\[[0-9:]*\] //' | sort -u | tee -a "$out/summary.txt" || true
  fi
}

# Public forms, found by sqlmap's own crawler from the home page and the language list.
run public-forms -u "http://127.0.0.1:$pub/en/" --crawl=3 --forms
# Public query strings (pages ignore them; a parameter here must be inert).
run public-query -u "http://127.0.0.1:$pub/en/privacy?q=1&lang=en"
# The console login: name and password, with a fresh anti-forgery token for every request. Every
# attempt fails (401, and the account locks after five), so error- and time-based tests do the work.
run console-login -u "http://127.0.0.1:$con/console/login" --data "name=scanner&password=x&__RequestVerificationToken=t" \
  --csrf-token=__RequestVerificationToken --csrf-url="http://127.0.0.1:$con/console/login" -p "name,password" --ignore-code=401 \
  --delay=0.02  # stay under the console's global rate limit (100 requests a second), or sqlmap meets 429s

echo "sqlmap $(sqlmap --version 2>/dev/null | grep -oE '^[0-9][0-9.]*[^ ]*' | head -1); level 3, risk 2; $(date -u +%Y-%m-%d)" | tee -a "$out/summary.txt"
! grep -q INJECTABLE "$out/summary.txt"
