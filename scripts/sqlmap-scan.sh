#!/usr/bin/env bash
# Scans a local Waymark node with sqlmap (Debian package `sqlmap`) on loopback: every public form handler
# (through scripts/sqlmap-form-proxy.py, which fills in each guarded form's per-rendering field names and token as
# a browser would), the survey resume code, the query strings of the public pages, and the console login (with
# its anti-forgery token), each parameter scanned on its own so that none is cut short. The node runs SQLite,
# so sqlmap is told so (--dbms=SQLite): its generic boolean, error and UNION tests still run, and the payloads of
# other engines, which cannot succeed here, are skipped.
# Records each run and a summary, and exits 1 when sqlmap reports any injectable parameter. The outcome is
# recorded in docs/security.md.
# Usage: scripts/sqlmap-scan.sh [OUTPUT_DIR]   (default artifacts/sqlmap; needs the .NET SDK and sqlmap)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/sqlmap}")
rm -rf "$out"; mkdir -p "$out"
command -v sqlmap >/dev/null || { echo "sqlmap-scan: install sqlmap (apt-get install sqlmap)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pub=$(free_port); con=$(free_port); prx=$(free_port)
data=$(mktemp -d /tmp/waymark-sqlmap.XXXXXX)

dotnet build src/Waymark.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cp -r src/Waymark.Cli/bin/Release/net10.0 "$data/app"  # a copy: a rebuild during a long scan leaves it alone
waymark=(dotnet "$data/app/waymark.dll")
echo 'sqlmap scan password' | "${waymark[@]}" users add scanner --role admin --password-stdin --data-dir "$data" >/dev/null
"${waymark[@]}" serve --public "127.0.0.1:$pub" --console "127.0.0.1:$con" --data-dir "$data" >"$out/server.log" 2>&1 &
server=$!
python3 scripts/sqlmap-form-proxy.py "$prx" "http://127.0.0.1:$pub" &
proxy=$!
trap 'kill "$server" "$proxy" 2>/dev/null; wait "$server" "$proxy" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$pub/css/site.css" && break; sleep 0.2; done

common=(--batch --dbms=SQLite --level=3 --risk=2 --threads=1 --timeout=10 --retries=1 --flush-session --disable-coloring)
run() { # name, sqlmap arguments...   Each run has its own session folder, so two may run at once.
  local name=$1; shift
  local started=$SECONDS
  TERM=dumb sqlmap "${common[@]}" --output-dir="$out/sessions/$name" -t "$out/$name.traffic" "$@" </dev/null >"$out/$name.log" 2>&1 || true
  local requests; requests=$(grep -c '^HTTP request \[#' "$out/$name.traffic" 2>/dev/null || true)
  rm -f "$out/$name.traffic"  # the full traffic is large; its request count is what the record needs
  { echo "== $name: $(( (SECONDS - started) / 60 )) min, ${requests:-0} requests"
    if grep -qiE "is vulnerable|sqlmap identified the following injection point" "$out/$name.log"; then
      echo "INJECTABLE: see $out/$name.log"
    else
      grep -hE "do not appear to be injectable|does not seem to be injectable|no parameter\(s\) found|no usable links|no forms found|CRITICAL|false positive" "$out/$name.log" | sed 's/^.*\[[0-9:]*\] //' | sort -u || true
    fi; } >>"$out/summary.txt"
}

p="http://127.0.0.1:$pub"; c="http://127.0.0.1:$con"; x="http://127.0.0.1:$prx"
token=__RequestVerificationToken
public_scans() {
  # Guarded public forms are scanned through scripts/sqlmap-form-proxy.py: it fetches each form afresh for every
  # post and fills in that rendering's field names and token, so sqlmap reaches the page handlers with the guard on.
  # seed PAGE: the proxy learns which page a form's action belongs to from the last page it served.
  seed() { curl -sf -o /dev/null "$x$1"; }
  # Every public form handler once. A crawl from the home page finds 24 forms, but the 14 programme modules share
  # one handler (Help/Module), so each distinct handler is scanned on one page that carries it; the list below
  # is every form action a crawl of /en/ to depth 3 finds (docs/security.md), with one module standing for all.
  for page in /en/directory /en/s/help-us-help-you /en/s/no-need-for-help /en/help /en/help/why-change \
              /en/help/self-assessment /en/help/check-in /en/help/safety-plan /en/help/delete; do
    run "forms${page//\//-}" -u "$x$page" --forms --ignore-code=422  # 422: a phrase that opens nothing
  done
  # Query strings: a page that ignores them, and the screening API, which reads them.
  run public-query -u "$p/en/privacy?q=1&lang=en"
  run screening-api -u "$p/api/screen?q=zorblat&lang=en" -p "q,lang"
  # Survey: the resume-code form (a lookup by code; its page is not linked, so no crawl finds it).
  seed /en/s/help-us-help-you/resume
  run survey-resume -u "$x/en/s/help-us-help-you" --data "nav=resume&code=x" -p "code,nav"
}
console_scans() {
  # The console login, one parameter per run so that neither is cut short. Every attempt fails
  # (401, and the account locks after five), so error- and time-based tests do the work. Paced to
  # stay under the console's global rate limit (100 requests a second), or sqlmap meets 429s.
  local login=(-u "$c/console/login" --data "name=scanner&password=x&$token=t" --csrf-token=$token --csrf-url="$c/console/login" --ignore-code=401 --delay=0.02)
  run console-login-name "${login[@]}" -p name
  run console-login-password "${login[@]}" -p password
}
console_scans & consoles=$!
public_scans
wait "$consoles"

echo "sqlmap $(sqlmap --version 2>/dev/null | grep -oE '^[0-9][0-9.]*[^ ]*' | head -1); level 3, risk 2; $(date -u +%Y-%m-%d)" | tee -a "$out/summary.txt"
cat "$out/summary.txt"
! grep -q INJECTABLE "$out/summary.txt"
