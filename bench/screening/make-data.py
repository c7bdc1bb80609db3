#!/usr/bin/env python3
"""Writes the screening benchmark's data, the same for every contender, from a fixed seed:
terms.tsv  - 10,000 generated placeholder terms (made-up syllable words: 8,000 tokens,
             1,500 two-word phrases, 500 prefixes), never real search terms;
queries.txt - search-like queries: 90% benign (the first 2-6 words of nlp-corpus sentences),
             10% holding a term, a third of those obfuscated (case, leetspeak, spaced letters).
Usage: make-data.py OUT_DIR [queries=5000] [terms=10000]"""
import glob, json, os, random, sys

out = sys.argv[1]
n_queries = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
n_terms = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
rng = random.Random(20261127)
onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gl", "kr", "pl", "qu", "sk", "st", "tr", "vr", "zh"]
vowels = ["a", "e", "i", "o", "u", "ai", "ou", "y"]
codas = ["", "", "n", "r", "x", "sh", "lt", "mp", "nd", "q"]


def word(syllables):
    return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables)) + "zq"[rng.randrange(2)]


terms, seen = [], set()
while len(terms) < n_terms:
    kind = "token" if len(terms) < n_terms * 0.8 else ("phrase" if len(terms) < n_terms * 0.95 else "prefix")
    term = word(rng.randint(2, 3)) if kind != "phrase" else word(2) + " " + word(2)
    if term not in seen:
        seen.add(term)
        terms.append((term, kind))

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "node_modules", "nlp-corpus", "builds")
sentences = []
for path in sorted(glob.glob(os.path.join(root, "doc-*.json")))[:10]:
    sentences.extend(json.load(open(path, encoding="utf-8")))
leet = str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1", "s": "5", "t": "7"})
queries = []
for _ in range(n_queries):
    words = rng.choice(sentences).split()
    query = " ".join(words[: rng.randint(2, 6)])
    if rng.random() < 0.10:
        term = rng.choice(terms)[0]
        style = rng.randrange(6)
        if style == 0:
            term = term.upper()
        elif style == 1:
            term = term.translate(leet)
        elif style == 2:
            term = " ".join(term.replace(" ", ""))
        query = " ".join(words[: rng.randint(0, 2)] + [term])
    queries.append(query.replace("\t", " "))

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "terms.tsv"), "w", encoding="utf-8") as f:
    f.write("# generated placeholder terms\n")
    for term, kind in terms:
        f.write(f"{term}\t*\t{kind}\tbench\tgenerated\n")
with open(os.path.join(out, "queries.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(queries) + "\n")
print(f"{len(terms)} terms, {len(queries)} queries in {out}")
