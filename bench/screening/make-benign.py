#!/usr/bin/env python3
"""Writes the benign screening corpora in six languages (tests/Waymark.Screening.Tests/Benign/{lang}.txt)
from translation catalogs that Debian packages install: GTK 3 (libgtk-3-common), GLib (libglib2.0-data)
and iso-codes (country and language names), all under the LGPL 2.1 or later. English is the catalogs'
source text (msgid), the other languages their translations (msgstr). One line per message line,
mnemonic underscores and format directives removed, duplicates dropped, at most N lines drawn with a
fixed seed. Usage: make-benign.py OUT_DIR [lines=3000]"""
import gettext
import os
import random
import re
import sys

out = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
catalogs = ["gtk30", "glib20", "iso_3166-1", "iso_639-3"]
directive = re.compile(r"%(\d+\$)?[-+ #0]*\d*(\.\d+)?(l|ll|h|z|j|t|L)?[diouxXeEfFgGsScCp%]|\{[0-9a-z_]*\}")


def lines_of(text):
    for line in directive.sub(" ", text).replace("_", "").splitlines():
        line = " ".join(line.split())
        if any(c.isalpha() for c in line):
            yield line


for lang in ["en", "de", "fr", "ru", "el", "ar"]:
    seen = []
    for name in catalogs:
        path = f"/usr/share/locale/{'ru' if lang == 'en' else lang}/LC_MESSAGES/{name}.mo"
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        for key, value in sorted(catalog.items(), key=lambda kv: str(kv[0])):
            msgid = key[0] if isinstance(key, tuple) else key
            if not msgid:
                continue
            seen.extend(lines_of(msgid if lang == "en" else value))
    unique = sorted(set(seen))
    chosen = sorted(random.Random(20261206).sample(unique, min(limit, len(unique))))
    with open(os.path.join(out, f"{lang}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(chosen) + "\n")
    print(lang, len(unique), "unique lines,", len(chosen), "written")
