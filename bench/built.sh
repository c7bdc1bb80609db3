# Sourced by the bench scripts (from the repository root): where the programs they measure come from.
# By default a script builds or publishes what it needs in Release, as a person running it by hand wants.
# WAYMARK_BUILT=1 says the solution is already built in Release (./test.sh builds it before the tests, and
# the bench smoke tests run every script this way with tiny parameters): nothing is built again and the
# build output is used, so a smoke run checks the script, not the compiler.

# quietly COMMAND...: runs COMMAND with its output kept back, and shows the output (on stderr) only if it fails.
quietly() {
  local log
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then rm -f "$log"; else cat "$log" >&2; rm -f "$log"; return 1; fi
}

# waymark_app DIR: prints the folder holding the CLI (`waymark`, `waymark.dll`): published into DIR, or the build output.
waymark_app() {
  if [ "${WAYMARK_BUILT:-0}" = 1 ]; then
    echo "$PWD/src/Waymark.Cli/bin/Release/net10.0"
  else
    quietly dotnet publish src/Waymark.Cli -c Release -o "$1" -nologo -v quiet || return 1
    echo "$1"
  fi
}

# build_release PROJECT...: `dotnet build -c Release` of each project, unless the solution is built already.
build_release() {
  [ "${WAYMARK_BUILT:-0}" = 1 ] && return 0
  local project
  for project in "$@"; do quietly dotnet build "$project" -c Release -nologo -v quiet || return 1; done
}

# published_cli: sets `waymark` to the CLI the content benchmarks time: $WAYMARK when given, else this checkout
# published as a person runs it on big corpora (scripts/publish-cli.sh: `waymark code` compiled ahead of time, every
# other command the full CLI beside it; docs/content-analysis.md, "Large corpora"; ADR 0059) into a temporary folder
# removed at exit.
published_cli() {
  if [ -n "${WAYMARK:-}" ]; then
    waymark=$WAYMARK
    return 0
  fi
  publish=$(mktemp -d)
  trap 'rm -rf "$publish"' EXIT
  quietly scripts/publish-cli.sh "$publish" || return 1
  waymark=$publish/waymark
}

# self_peer REV: true when REV is `self`: the peer is this checkout's own build, measured against itself. The smoke runs
# use it, so that a script with a peer revision runs every step but the second build (building a revision from
# `git archive` took minutes and checked the compiler, not the script).
self_peer() {
  [ "$1" = self ]
}
