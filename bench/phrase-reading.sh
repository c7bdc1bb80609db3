#!/usr/bin/env bash
# What reading a typed recovery phrase against every word list costs, beside the Argon2id key derivation that follows
# it on every resume (BenchmarkDotNet, bench/Waymark.SelfHelp.Bench): per phrase, and the ratio to the derivation.
# Usage: bench/phrase-reading.sh   (BDN_ARGS overrides BenchmarkDotNet's "--job short"; the smoke test passes
# "--job dry --inProcess": one iteration, no generated project)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/waymark-phrase-reading.XXXXXX)
trap 'rm -rf $work' EXIT
. bench/built.sh
build_release bench/Waymark.SelfHelp.Bench
dll=$root/bench/Waymark.SelfHelp.Bench/bin/Release/net10.0/Waymark.SelfHelp.Bench.dll
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
(cd bench/Waymark.SelfHelp.Bench && dotnet "$dll" --filter '*' ${BDN_ARGS:---job short} --artifacts "$work/bdn" >"$work/bdn.log" 2>&1) || true
sed -n '/^| Method/,/^$/p' "$work/bdn.log"
grep -q "executed benchmarks: 2" "$work/bdn.log" || { echo "BenchmarkDotNet did not run both benchmarks:" >&2; grep -iE "error|exception|fail" "$work/bdn.log" | head -20 >&2; exit 1; }
