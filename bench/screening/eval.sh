#!/usr/bin/env bash
# The precision/recall harness at full scale: the placeholder list, 100 mutations per term and
# class, all of wamerican's words and all 100,000 nlp-corpus sentences, with Ahmia's filter as the baseline.
# Usage: bench/screening/eval.sh [mutations=100] [seed=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/built.sh
build_release src/Waymark.Cli
dotnet src/Waymark.Cli/bin/Release/net10.0/waymark.dll screen eval --terms bench/screening/placeholder-terms.tsv \
  --benign /usr/share/dict/words tools/node_modules/nlp-corpus/builds/doc-*.json --mutations "${1:-100}" --seed "${2:-1}" --baseline ahmia --json \
  | python3 bench/screening/eval-table.py
