#!/usr/bin/env bash
# Publishes the `waymark` command for use outside the repository (docs/content-analysis.md, "Large corpora";
# docs/adr/0059-coding-compiled-ahead-of-time.md) into OUT:
#   OUT/waymark       `waymark code` compiled ahead of time (Native AOT, src/Waymark.Cli.Native): nothing to start or
#                     compile before the first byte is coded; it hands every other command line to
#   OUT/waymark-full  the whole CLI (src/Waymark.Cli: serve, stats, survey, …), self-contained ReadyToRun, .NET beside it.
# Usage: scripts/publish-cli.sh OUT [RID]   (RID: this machine's by default, as `dotnet --info` prints it)
# The ahead-of-time compiler needs clang (Debian: apt-get install clang). WAYMARK_INSTRUCTION_SET chooses the CPU
# instructions the compiled code may use: by default x86-64-v3 on x64 (AVX2; the vectorised scans need it, and x64 CPUs
# have had it since about 2015), `native` for exactly this machine's, x86-64-v2 for older CPUs (the program refuses to
# start on a CPU that lacks what it was compiled for). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/publish-cli.sh OUT [RID]}
rid=${2:-$(dotnet --info | awk '$1 == "RID:" {print $2; exit}')}
isa=${WAYMARK_INSTRUCTION_SET:-}
case "$rid" in *-x64) isa=${isa:-x86-64-v3} ;; esac
exe=; case "$rid" in win-*) exe=.exe ;; esac
mkdir -p "$out"
# A composite ReadyToRun publish (as docs/content-analysis.md recommended before) leaves every assembly there as a stub
# of its composite image; a later publish without the composite option takes those stubs as they are, and the runtime
# then aborts at start. Precompiling again costs about a minute.
rm -rf "src/Waymark.Cli/obj/Release/net10.0/$rid/R2R"
dotnet publish src/Waymark.Cli -c Release -r "$rid" --self-contained true -p:PublishReadyToRun=true -o "$out" -nologo -v quiet -clp:ErrorsOnly
mv -f "$out/waymark$exe" "$out/waymark-full$exe"
native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT
dotnet publish src/Waymark.Cli.Native -c Release -r "$rid" ${isa:+"-p:IlcInstructionSet=$isa"} -o "$native" -nologo -v quiet -clp:ErrorsOnly
cp "$native/waymark-native$exe" "$out/waymark$exe"
echo "$out/waymark"
