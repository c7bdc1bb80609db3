#!/usr/bin/env python3
"""Builds the content-analysis benchmark corpus from nlp-corpus (tools/corpus) with a fixed seed.

Usage: make-corpus.py OUT_DIR [MEGABYTES]
Writes OUT_DIR/paragraphs.txt (one sentence per paragraph, blank-line separated, for Waymark),
OUT_DIR/lines.txt (the same sentences one per line, for ripgrep), OUT_DIR/keywords44.txt,
OUT_DIR/keywords5000.txt and the matching codebooks codebook44.yaml and codebook5000.yaml.
"""
import glob, json, os, random, re, sys
from collections import Counter

root = os.path.dirname(os.path.abspath(__file__))
builds = os.path.join(root, "..", "..", "tools", "corpus", "node_modules", "nlp-corpus", "builds")
out = sys.argv[1]
megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
os.makedirs(out, exist_ok=True)

sentences = []
for path in sorted(glob.glob(os.path.join(builds, "doc-*.json"))):
    with open(path, encoding="utf-8") as f:
        for s in json.load(f):
            s = re.sub(r"[\r\n\u0085\u2028\u2029\v\f]", " ", s)
            if s.strip():
                sentences.append(s)

rng = random.Random(5)
target = megabytes * 1_000_000
with open(os.path.join(out, "paragraphs.txt"), "w", encoding="utf-8") as para, \
     open(os.path.join(out, "lines.txt"), "w", encoding="utf-8") as lines:
    written = 0
    while written < target:
        rng.shuffle(sentences)
        for s in sentences:
            para.write(s + "\n\n")
            lines.write(s + "\n")
            written += len(s.encode("utf-8")) + 1
            if written >= target:
                break

huikuri = ["feel", "love", "child", "alone", "feeling", "help", "real", "understand", "guilt", "support", "share", "care", "close"]
extra = ["people", "time", "good", "need", "think", "world", "life", "work", "know", "want", "trust", "hope", "friend",
         "family", "talk", "night", "hard", "day", "home", "change", "read", "story", "question", "answer", "sorry",
         "angry", "afraid", "happy", "sad", "lonely", "safe"]
keywords44 = (huikuri + extra)[:44]
counts = Counter(w.lower() for s in sentences for w in re.findall(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])", s))
vocabulary = [w for w, _ in counts.most_common()]
keywords5000 = sorted(random.Random(5000).sample(vocabulary[:40000], 5000))

def write(name, keywords):
    with open(os.path.join(out, f"keywords{name}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(keywords) + "\n")
    with open(os.path.join(out, f"codebook{name}.yaml"), "w", encoding="utf-8") as f:
        f.write(f"name: bench-{name}\nthemes:\n  - name: all\n    codes:\n")
        for k in keywords:
            f.write(f"      - {{name: \"{k}\", patterns: [\"{k}\"]}}\n")

write("44", keywords44)
write("5000", keywords5000)
print(f"{out}: {os.path.getsize(os.path.join(out, 'paragraphs.txt')) / 1e6:.0f} MB paragraphs, {len(keywords44)} and {len(keywords5000)} keywords")
