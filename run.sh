#!/usr/bin/env bash
# Runs Waymark on this machine: embedded SQLite under ./data, the public site on
# http://127.0.0.1:5080 and the researcher console on http://127.0.0.1:5081.
# Extra arguments go to `waymark serve` (see `./run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project src/Waymark.Cli -c Release -- serve "$@"
