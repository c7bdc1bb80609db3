#!/usr/bin/env bash
# The precision/recall harness at full scale: the placeholder list, 100 mutations per term and
# class, all of wamerican's words and all 100,000 nlp-corpus sentences.
# Usage: bench/screening/eval.sh [mutations=100] [seed=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/Waymark.Cli -c Release -nologo -v quiet >/dev/null
dotnet src/Waymark.Cli/bin/Release/net10.0/waymark.dll screen eval --terms bench/screening/placeholder-terms.tsv \
  --benign /usr/share/dict/words tools/node_modules/nlp-corpus/builds/doc-*.json --mutations "${1:-100}" --seed "${2:-1}" --json \
  | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("| class | generated | detected | recall |\n|---|---|---|---|")
for c in r["recall"]: print(f"| {c[\"class\"]} | {c[\"generated\"]} | {c[\"detected\"]} | {c[\"recall\"]:.4%} |")
q = sum(b["queries"] for b in r["benign"] if b["file"] != "words"); f = sum(b["flagged"] for b in r["benign"] if b["file"] != "words")
w = [b for b in r["benign"] if b["file"] == "words"][0]
print(f"\nbenign: wamerican words {w[\"flagged\"]}/{w[\"queries\"]} flagged; nlp-corpus sentences {f}/{q} flagged ({f/q:.4%}); meets goals: {r[\"meets_goals\"]}")
for b in r["benign"]:
    for e in b["examples"]: print("  false positive:", e)
for c in r["recall"]:
    for m in c["misses"]: print("  missed (" + c["class"] + "):", m)
'
