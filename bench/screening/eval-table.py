#!/usr/bin/env python3
"""Turns the JSON of `waymark screen eval` (standard input) into the Markdown of docs/performance.md."""
import json
import sys

r = json.load(sys.stdin)
print("| class | generated | detected | recall |\n|---|---|---|---|")
for c in r["recall"]:
    print(f"| {c['class']} | {c['generated']} | {c['detected']} | {c['recall']:.4%} |")
words = [b for b in r["benign"] if b["file"] == "words"]
sentences = [b for b in r["benign"] if b["file"] != "words"]
q = sum(b["queries"] for b in sentences)
f = sum(b["flagged"] for b in sentences)
if words:
    print(f"\nwamerican words: {words[0]['flagged']} of {words[0]['queries']} flagged")
if q:
    print(f"nlp-corpus sentences: {f} of {q} flagged ({f / q:.4%})")
print(f"meets goals: {r['meets_goals']}")
for b in r["benign"]:
    for e in b["examples"]:
        print("  false positive:", e)
for c in r["recall"]:
    for m in c["misses"]:
        print(f"  missed ({c['class']}): {m}")
