#!/usr/bin/env python3
"""Writes lookalikes.tsv, the supplementary look-alike table, from the npm package `confusables`
(MIT, https://github.com/gc/confusables), file dist/characters.js: its map from Latin letters to
characters that render like them. Kept: single ASCII letters as targets (lower-cased), and as sources
non-ASCII letters (Unicode category L*), one line per source with every target it is listed under.
Usage: make-lookalikes.py package/dist/characters.js > lookalikes.tsv"""
import re
import sys
import unicodedata

text = open(sys.argv[1], encoding="utf-8").read()
pairs = re.findall(r"\['((?:[^'\\]|\\.)*)', '((?:[^'\\]|\\.)*)'\]", text)
targets = {}
for latin, shapes in pairs:
    if len(latin) != 1 or not latin.isascii() or not latin.isalpha():
        continue
    for c in shapes:
        if c.isascii() or not unicodedata.category(c).startswith("L"):
            continue
        targets.setdefault(c, set()).add(latin.lower())
print("# source code point\tsource\ttargets (ASCII letters it renders like)\tUnicode name")
for c in sorted(targets, key=ord):
    print(f"{ord(c):04X}\t{c}\t{''.join(sorted(targets[c]))}\t{unicodedata.name(c, '')}")
