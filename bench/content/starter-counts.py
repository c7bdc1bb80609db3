#!/usr/bin/env python3
"""How the English starter codebooks' counts change between exact, stem: and fuzzy: patterns (docs/content-analysis.md).

Usage: starter-counts.py WAYMARK OUT_DIR [SENTENCES]
WAYMARK is the CLI to run (e.g. a `dotnet publish` of src/Waymark.Cli). The corpus is nlp-corpus (tools/corpus,
MIT), every sentence one paragraph. Each codebook in codebooks/ is run three ways: as shipped; with every one-word
pattern (no `*`, no `re:`) written `stem:WORD`; and written `fuzzy:WORD` (phrases, prefixes and regular expressions
stay as they are; `language: en` is set where a codebook lacks it). Prints a Markdown table of paragraphs per code and, for stem and fuzzy,
the commonest forms found that the exact codebook does not count (from `waymark code kwic --json`). Needs PyYAML.
"""
import collections, glob, json, os, re, subprocess, sys
import yaml

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
waymark, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

sentences = []
for path in sorted(glob.glob(os.path.join(root, "tools", "corpus", "node_modules", "nlp-corpus", "builds", "doc-*.json"))):
    with open(path, encoding="utf-8") as f:
        for s in json.load(f):
            s = re.sub(r"[\r\n\u0085\u2028\u2029\v\f]", " ", s)
            if s.strip():
                sentences.append(s)
if len(sys.argv) > 3:  # the first SENTENCES only (the bench smoke test)
    sentences = sentences[:int(sys.argv[3])]
corpus = os.path.join(out, "nlp-corpus.txt")
with open(corpus, "w", encoding="utf-8") as f:
    f.write("\n\n".join(sentences) + "\n")

def variant(book, kind):
    book = json.loads(json.dumps(book))
    book["language"] = "en"
    book.pop("reference", None)
    for theme in book["themes"]:
        for code in theme["codes"]:
            if kind != "exact":
                code["patterns"] = [f"{kind}:{p}" if re.fullmatch(r"\w+", p) else p for p in code["patterns"]]
    return book

def run(*args):
    return json.loads(subprocess.run([waymark, *args], check=True, capture_output=True, text=True).stdout)

print(f"nlp-corpus: {len(sentences)} sentences, one paragraph each\n")
for path in sorted(glob.glob(os.path.join(root, "codebooks", "*.yaml"))):
    with open(path, encoding="utf-8") as f:
        book = yaml.safe_load(f)
    units, forms = {}, {}
    for kind in ("exact", "stem", "fuzzy"):
        cb = os.path.join(out, f"{os.path.basename(path)[:-5]}-{kind}.yaml")
        with open(cb, "w", encoding="utf-8") as f:
            yaml.safe_dump(variant(book, kind), f, allow_unicode=True, sort_keys=False)
        units[kind] = {c["code"]: c["units"] for c in run("code", corpus, "--codebook", cb, "--json")["codes"]}
        for theme in book["themes"]:
            for code in theme["codes"]:
                lines = run("code", "kwic", corpus, "--codebook", cb, "--code", code["name"], "--width", "0", "--json")
                forms[(kind, code["name"])] = collections.Counter(l["match"].lower() for l in lines)
    print(f"### {book['name']}\n")
    print("| theme | code | exact | stem | fuzzy | new forms with stem | new forms with fuzzy |")
    print("|---|---|---|---|---|---|---|")
    for theme in book["themes"]:
        for code in theme["codes"]:
            name = code["name"]
            exact = forms[("exact", name)]
            def new(kind):
                extra = [(w, n) for w, n in forms[(kind, name)].most_common() if w not in exact]
                return ", ".join(f"{w} {n}" for w, n in extra[:5]) or "–"
            print(f"| {theme['name']} | {name} | {units['exact'][name]} | {units['stem'][name]} | {units['fuzzy'][name]} | {new('stem')} | {new('fuzzy')} |")
    print()
