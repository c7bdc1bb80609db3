#!/usr/bin/env python3
"""Turns the JSON of `waymark screen eval` (standard input) into the Markdown of docs/screening.md and
docs/performance.md; with --baseline ahmia, Ahmia's detections and the queries it flags that Waymark misses."""
import json
import sys

r = json.load(sys.stdin)
base = r.get("baseline")
if base:
    print(f"| class | generated | Waymark detected | Waymark recall | {base} detected | {base} recall | {base} flags, Waymark misses |")
    print("|---|---|---|---|---|---|---|")
else:
    print("| class | generated | detected | recall |\n|---|---|---|---|")
for c in r["recall"]:
    row = f"| {c['class']} | {c['generated']:,} | {c['detected']:,} | {c['recall']:.2%} |"
    if base:
        g = c["generated"] or 1
        row += f" {c['baseline_flagged']:,} | {c['baseline_flagged'] / g:.2%} | {c['baseline_flagged_waymark_missed']} |"
    print(row)
print()
print("| benign text | lines | Waymark flagged | rate |" + (f" {base} flagged | {base} flags, Waymark misses |" if base else ""))
print("|---|---|---|---|" + ("---|---|" if base else ""))
# npm nlp-corpus ships its sentences as doc-0.json ... doc-99.json: one row for all of them.
rows, corpus = [], None
for b in r["benign"]:
    if b["file"].startswith("doc-") and b["file"].endswith(".json"):
        if corpus is None:
            corpus = dict(b, file="nlp-corpus (doc-*.json)", examples=[])
            rows.append(corpus)
        else:
            for k in ("queries", "flagged", "baseline_flagged", "baseline_flagged_waymark_missed"):
                if k in b:
                    corpus[k] += b[k]
        corpus["examples"] += b["examples"]
        corpus["false_positive_rate"] = corpus["flagged"] / corpus["queries"]
    else:
        rows.append(b)
for b in rows:
    row = f"| {b['file']} | {b['queries']:,} | {b['flagged']} | {b['false_positive_rate']:.4%} |"
    if base:
        row += f" {b['baseline_flagged']} | {b['baseline_flagged_waymark_missed']} |"
    print(row)
print(f"\nall benign text: {r['false_positive_rate']:.4%}; meets goals: {r['meets_goals']}")
rep = r.get("report_intent_false_positives")
if rep:
    print(f"seeking queries (every class but report-intent) sent to the reporting page: {rep['routed_to_reporting']:,} of {rep['seeking_queries']:,} ({rep['rate']:.4%})")
    for e in rep["examples"]:
        print("  sent to reporting:", e)
for b in rows:
    for e in b["examples"]:
        print(f"  false positive ({b['file']}):", e)
for c in r["recall"]:
    for m in c["misses"]:
        print(f"  missed ({c['class']}): {m}")
    for m in c.get("baseline_only_examples", []):
        print(f"  {base} only ({c['class']}): {m}")
