#!/usr/bin/env python3
"""Builds the multilingual content-analysis benchmark corpora from the Debian Administrator's Handbook.

Usage: make-languages.py HTML_DIR OUT_DIR [MEGABYTES=84] [WORDLIST_ROOT]
HTML_DIR is the handbook's html/ folder as Debian's `debian-handbook` package installs it (GPL-2+ or CC-BY-SA-3.0,
Raphaël Hertzog and Roland Mas; its translators): one book in English, German, Russian and Arabic (ar-MA), so the
four corpora hold the same content. For each language LANG in en, de, ru, ar it writes, into OUT_DIR:
paragraphs-LANG.txt (every paragraph, <div class="para">, of the book one paragraph, blank-line separated, shuffled with a fixed seed and
repeated to MEGABYTES), lines-LANG.txt (the same paragraphs one per line, for ripgrep), keywords44-LANG.txt and
keywords5000-LANG.txt with the codebooks codebook44-LANG.yaml and codebook5000-LANG.yaml.
Keywords are lower-case words of the language's own script drawn with a fixed seed from the book's vocabulary by
frequency (the 44 from ranks 20 to 2,000, so that they occur, the 5,000 from the whole vocabulary); German's 44 hold
at least ten words with ä, ö, ü or ß.
With WORDLIST_ROOT (a folder into which Debian's word-list packages wamerican, wngerman, hunspell-ru and hunspell-ar
are unpacked, as languages.sh does), also keywords5000w-LANG.txt and codebook5000w-LANG.yaml: 5,000 words drawn with a
fixed seed from the language's word list (lower-case, its own script, three letters or more): a large codebook of
which only some words occur in the book, as a real one would be, where the book's own vocabulary (a third to two thirds
of it in 5,000 keywords) makes nearly every word a match.
"""
import collections, html.parser, os, random, re, sys

html_dir, out = sys.argv[1], sys.argv[2]
megabytes = int(sys.argv[3]) if len(sys.argv) > 3 else 84
wordlist_root = sys.argv[4] if len(sys.argv) > 4 else None
# Debian word lists (GPL or LGPL; see each package's copyright file), one word a line; hunspell adds /FLAGS.
wordlists = {"en": "usr/share/dict/american-english", "de": "usr/share/dict/ngerman",
             "ru": "usr/share/hunspell/ru_RU.dic", "ar": "usr/share/hunspell/ar.dic"}
os.makedirs(out, exist_ok=True)
folders = {"en": "en-US", "de": "de-DE", "ru": "ru-RU", "ar": "ar-MA"}
scripts = {"en": r"[a-z]", "de": r"[a-zäöüß]", "ru": r"[а-яё]", "ar": r"[\u0621-\u064A]"}


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.found = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.depth or ("class", "para") in attrs):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
            if not self.depth:
                text = " ".join("".join(self.text).split())
                if text:
                    self.found.append(text)
                self.text = []

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


for lang, folder in folders.items():
    parser = Paragraphs()
    for name in sorted(os.listdir(os.path.join(html_dir, folder))):
        if name.endswith(".html"):
            with open(os.path.join(html_dir, folder, name), encoding="utf-8") as f:
                parser.feed(f.read())
    paragraphs = parser.found
    rng = random.Random(84)
    target = megabytes * 1_000_000
    written = 0
    with open(os.path.join(out, f"paragraphs-{lang}.txt"), "w", encoding="utf-8") as para, \
         open(os.path.join(out, f"lines-{lang}.txt"), "w", encoding="utf-8") as lines:
        while written < target:
            rng.shuffle(paragraphs)
            for p in paragraphs:
                para.write(p + "\n\n")
                lines.write(p + "\n")
                written += len(p.encode("utf-8")) + 1
                if written >= target:
                    break

    word = re.compile(rf"(?<!\w){scripts[lang]}+(?!\w)")
    counts = collections.Counter(w for p in paragraphs for w in word.findall(p.lower()) if len(w) >= 3)
    vocabulary = [w for w, _ in counts.most_common()]
    pick = random.Random(44)
    keywords44 = pick.sample(vocabulary[20:2000], 44)
    if lang == "de":
        umlauts = [w for w in vocabulary[20:2000] if re.search("[äöüß]", w) and w not in keywords44]
        keywords44 = [w for w in keywords44 if re.search("[äöüß]", w)] + pick.sample(umlauts, 10)
        keywords44 += pick.sample([w for w in vocabulary[20:2000] if w not in keywords44], 44 - len(keywords44))
    keywords5000 = sorted(random.Random(5000).sample(vocabulary, min(5000, len(vocabulary))))
    sets = [("44", sorted(keywords44)), ("5000", keywords5000)]
    if wordlist_root:
        whole = re.compile(rf"{scripts[lang]}{{3,}}")
        with open(os.path.join(wordlist_root, wordlists[lang]), encoding="utf-8") as f:
            listed = sorted({w for w in (line.split("/")[0].strip().lower() for line in f) if whole.fullmatch(w)})
        sets.append(("5000w", sorted(random.Random(5000).sample(listed, 5000))))
    for name, keywords in sets:
        with open(os.path.join(out, f"keywords{name}-{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(keywords) + "\n")
        with open(os.path.join(out, f"codebook{name}-{lang}.yaml"), "w", encoding="utf-8") as f:
            f.write(f"name: bench-{name}-{lang}\nthemes:\n  - name: all\n    codes:\n")
            for k in keywords:
                f.write(f"      - {{name: \"{k}\", patterns: [\"{k}\"]}}\n")
    book = set(vocabulary)
    listed_note = f", word list: {len(listed)} words, {sum(w in book for w in sets[2][1])} of its 5,000 in the book" if wordlist_root else ""
    print(f"{lang}: {len(paragraphs)} paragraphs, {written / 1e6:.0f} MB, vocabulary {len(vocabulary)}{listed_note}, 44: {' '.join(sorted(keywords44))}")
