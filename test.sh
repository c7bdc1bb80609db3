#!/usr/bin/env bash
# Runs every Waymark test on a fresh Debian machine: installs what the tests need when it is
# missing, starts a throwaway PostgreSQL cluster, checks formatting, builds with warnings as
# errors and runs all test projects. Usage: ./test.sh [unit] [extra dotnet test arguments]
# `./test.sh unit` runs the fast tests alone: no browser, no server process, no PostgreSQL and no format
# check (the categories are in tests/Waymark.Testing/TestCategory.cs; figures in docs/development.md).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
mode=all
if [ "${1:-}" = unit ]; then mode=unit; shift; fi
if [ "${1:-}" = ahmia ]; then mode=ahmia; shift; fi
started=$(date +%s)
# Every .NET process of the run (compiler, test hosts, the servers and CLIs they start) without dynamic PGO: its
# instrumented tier compiles the hot methods of a process once more, for a speed that a build or a test never lasts
# long enough to use. Measured: the build 208 -> 127 core-s with the compiler server below, servers and test hosts a
# third less CPU (docs/development.md, "A faster build, precompiled servers").
export DOTNET_TieredPGO=0

# Every phase line carries the clock and the seconds since the start, so a run's log gives its own figures.
log() { printf '\n== [%s +%d s] %s\n' "$(date -u +%H:%M:%S)" "$(( $(date +%s) - started ))" "$*"; }

# 1. Debian packages the tests drive for real (Chromium's headless shell, PostgreSQL, Tor, xmllint, a JRE for the Nu HTML Checker).
need=()
command -v chromium-headless-shell >/dev/null || need+=(chromium-headless-shell)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v tor >/dev/null || need+=(tor)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v w3m >/dev/null || need+=(w3m)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
/usr/bin/python3 -c 'import nacl' 2>/dev/null || need+=(python3-nacl)  # sealed-box interop truth (surveys)
# pyxform's own dependencies: pyxform (tests/fixtures/pyxform) is the XLSForm reading truth (surveys).
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need+=(python3-openpyxl)
/usr/bin/python3 -c 'import xlrd' 2>/dev/null || need+=(python3-xlrd)
/usr/bin/python3 -c 'import defusedxml' 2>/dev/null || need+=(python3-defusedxml)
/usr/bin/python3 -c 'import lark' 2>/dev/null || need+=(python3-lark)
/usr/bin/python3 -c 'import django' 2>/dev/null || need+=(python3-django)  # the Ahmia drop-in's tests run Ahmia's view (integrations/ahmia)
command -v Rscript >/dev/null || need+=(r-base-core)
[ -f /usr/lib/R/site-library/haven/DESCRIPTION ] || need+=(r-cran-haven)  # reads the Stata .dta exports back (surveys)
[ -f /usr/lib/R/site-library/SnowballC/DESCRIPTION ] || need+=(r-cran-snowballc)    # Snowball stems truth (content analysis)
[ -f /usr/lib/R/site-library/stringdist/DESCRIPTION ] || need+=(r-cran-stringdist)  # edit distance truth (content analysis)
# MASS: R before 4.4 takes confint() for a glm (profile likelihood) from it; it also has the birthwt and Pima data.
[ -f /usr/lib/R/library/MASS/DESCRIPTION ] || [ -f /usr/lib/R/site-library/MASS/DESCRIPTION ] || need+=(r-cran-mass)
command -v rg >/dev/null || need+=(ripgrep)
[ -f /usr/share/dict/words ] || need+=(wamerican)
command -v pspp >/dev/null || need+=(pspp)
command -v strace >/dev/null || need+=(strace)  # which assemblies a command opens (waymark users never loads the web host)
# The bench scripts' peers, for their smoke runs (BenchSmokeTests): wrk drives the load scripts, nginx is page-load.sh's floor.
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing Debian packages: ${need[*]}"
  if [ "$(id -u)" != 0 ]; then echo "test.sh: installing packages needs root (or install them: ${need[*]})" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. Checkers from npm (pinned in tools/package-lock.json): the Nu HTML Checker and axe-core.
if [ ! -f tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tools/node_modules/axe-core/axe.min.js ] \
  || [ ! -f tools/node_modules/nlp-corpus/builds/doc-0.json ]; then
  log "Installing the page checkers (npm ci in tools/)"
  (cd tools && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi

# 2b. A real English corpus from npm (nlp-corpus, MIT, pinned in tools/corpus/package-lock.json) for the content-analysis tests.
if [ ! -d tools/corpus/node_modules/nlp-corpus/builds ]; then
  log "Installing the test corpus (npm ci in tools/corpus)"
  (cd tools/corpus && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi

# What the run leaves running is stopped at its end, however it ends: the compiler server (4) and PostgreSQL (3).
cleanup() {
  dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
  if [ -n "${WAYMARK_PG_DIR:-}" ]; then scripts/postgres-throwaway.sh stop "$WAYMARK_PG_DIR"; fi
}
trap cleanup EXIT

# 3. A throwaway PostgreSQL cluster for the storage tests on PostgreSQL.
if [ "$mode" = all ]; then
  log "Starting a throwaway PostgreSQL cluster"
  eval "$(scripts/postgres-throwaway.sh start)"
  export WAYMARK_TEST_POSTGRES
fi

# 4. Formatting and build (warnings are errors: Directory.Build.props). The build checks the code style (analyzers,
# IDE rules with EnforceCodeStyleInBuild, naming as IDE1006, `string` for `String` as SA1121, the order of usings as
# SA1208-SA1217: .editorconfig), so the format check is the whitespace alone: layout, trailing spaces, final newlines
# (seconds, no compile; docs/development.md, "The format check").
if [ "$mode" = all ]; then
  log "Checking formatting (dotnet format whitespace --verify-no-changes)"
  dotnet format whitespace . --folder --verify-no-changes
fi

# The compiler server (Roslyn's VBCSCompiler) compiles every project in one warm process, even where the environment
# says UseSharedCompilation=false (this project's VM does): 120 -> 43 s for the whole build with PGO off (above).
# It is stopped once the build and the publish are done (cleanup), so nothing outlives the run.
log "Building (Release, warnings as errors)"
dotnet build Waymark.slnx -c Release -warnaserror -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true

# 4b. The `waymark` the tests start (about 60 servers, the Ahmia drop-in's too), published from the same build
# precompiled (ReadyToRun): a plain build JIT-compiles ASP.NET Core, Razor and Waymark at every start, about twice
# the CPU of a precompiled start (docs/development.md, "A faster build, precompiled servers"). The unit run starts no server.
if [ "$mode" != unit ]; then
  log "Publishing the tests' waymark precompiled (ReadyToRun)"
  rid=$(dotnet --info | awk '$1 == "RID:" {print $2; exit}')
  # An earlier composite ReadyToRun publish (the benchmarks once made one) leaves stubs there that a plain publish
  # would take as they are, and the runtime then aborts at start: scripts/publish-cli.sh removes them the same way.
  rm -rf artifacts/waymark "src/Waymark.Cli/obj/Release/net10.0/$rid/R2R"
  dotnet publish src/Waymark.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -o artifacts/waymark -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true
  export WAYMARK_TEST_CLI="$root/artifacts/waymark/waymark.dll"
fi
dotnet build-server shutdown --vbcscompiler >/dev/null

# 5. Every test project (the unit run: the tests of no category in TestCategory).
status=0
if [ "$mode" != ahmia ]; then
filter=()
if [ "$mode" = unit ]; then filter=(--filter "Category!=Browser&Category!=Server&Category!=PostgreSQL"); fi
log "Running the tests ($mode)"
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test Waymark.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" "${filter[@]}" "$@" || status=$?

# One plain summary line, counted from the TRX files, and each project's wall time (its first test's start to its
# last test's end) with its slowest classes (summed test time), so that a run says where its minutes went.
python3 - "$results" <<'PY'
import collections, datetime, glob, os, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
lines = []
def when(text): return datetime.datetime.fromisoformat(text[:26] + text[-6:] if len(text) > 32 else text)
def secs(duration):
    h, m, s = duration.split(":"); return int(h) * 3600 + int(m) * 60 + float(s)
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout"))
    skipped += int(c.get("notExecuted"))
    classes = {d.get("id"): d.find("t:TestMethod", ns).get("className") for d in root.iterfind("t:TestDefinitions/t:UnitTest", ns)}
    results = list(root.iterfind("t:Results/t:UnitTestResult", ns))
    if not results: continue
    starts = [when(r.get("startTime")) for r in results if r.get("startTime")]
    ends = [when(r.get("endTime")) for r in results if r.get("endTime")]
    per_class = collections.Counter()
    for r in results:
        if r.get("duration"):
            per_class[classes.get(r.get("testId"), "?").rsplit(".", 1)[-1]] += secs(r.get("duration"))
    name = os.path.splitext(os.path.basename(root.find("t:TestDefinitions/t:UnitTest", ns).get("storage")))[0]
    top = ", ".join(f"{k} {v:.0f}" for k, v in per_class.most_common(3))
    span = f"{min(starts).astimezone(datetime.timezone.utc):%H:%M:%S}-{max(ends).astimezone(datetime.timezone.utc):%H:%M:%S}"
    lines.append(f"  {span} {name}: {len(results)} tests, {(max(ends) - min(starts)).total_seconds():.0f} s wall, {sum(per_class.values()):.0f} s summed ({top})")
print("\n".join(sorted(lines)))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
fi

# 6. The Ahmia drop-in inside Ahmia's own view, with Django's test runner (Debian's python3-django), against a
# real waymark serve it starts from the build above, and stand-ins for a slow and a refusing Waymark.
if [ "$mode" != unit ]; then
  log "Running the Ahmia drop-in's tests (Django)"
  (cd integrations/ahmia && WAYMARK_DLL="$WAYMARK_TEST_CLI" \
    /usr/bin/python3 -m django test --settings=tests.settings) || status=$?
fi
echo "$mode run: $(( $(date +%s) - started )) s"
exit $status
