# Sourced by the bench scripts (from the repository root): where the programs they measure come from.
# By default a script builds or publishes what it needs in Release, as a person running it by hand wants.
# WAYMARK_BUILT=1 says the solution is already built in Release (./test.sh builds it before the tests, and
# the bench smoke tests run every script this way with tiny parameters): nothing is built again and the
# build output is used, so a smoke run checks the script, not the compiler.

# waymark_app DIR: prints the folder holding the CLI (`waymark`, `waymark.dll`): published into DIR, or the build output.
waymark_app() {
  if [ "${WAYMARK_BUILT:-0}" = 1 ]; then
    echo "$PWD/src/Waymark.Cli/bin/Release/net10.0"
  else
    dotnet publish src/Waymark.Cli -c Release -o "$1" -nologo -v quiet >/dev/null
    echo "$1"
  fi
}

# build_release PROJECT...: `dotnet build -c Release` of each project, unless the solution is built already.
build_release() {
  [ "${WAYMARK_BUILT:-0}" = 1 ] && return 0
  local project
  for project in "$@"; do dotnet build "$project" -c Release -nologo -v quiet >/dev/null; done
}
