#!/usr/bin/env python3
"""Writes valid XLSForms of a chosen shape and compressed size, for bench/xlsform-cost.sh.

usage: xlsform-make.py SHAPE TARGET_BYTES OUT.xlsx [SEED]
  rows   many short text questions (labels of a few words), the common large form
  long   few questions whose labels are very long cells (tens of thousands of characters)
  wide   a choices list with labels in many languages (many columns)
  repeat long labels that repeat a phrase (compresses about 80:1: a small file that unpacks big)
Words come from a fixed made-up syllable list and a seeded generator, so a size is reproducible.
"""
import io
import random
import sys
import zipfile
from xml.sax.saxutils import escape

SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "zu", "pe", "dor", "bla", "quin", "fen", "gar", "tov"]


def words(rng, n):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n))


def column(i):
    name = ""
    n = i + 1
    while n > 0:
        name = chr(ord("A") + (n - 1) % 26) + name
        n = (n - 1) // 26
    return name


def sheet_xml(rows):
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    for r, cells in enumerate(rows, 1):
        out.write(f'<row r="{r}">')
        for c, text in enumerate(cells):
            if text:
                out.write(f'<c r="{column(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>')
        out.write("</row>")
    out.write("</sheetData></worksheet>")
    return out.getvalue()


def workbook(sheets):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + overrides + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(sheets, 1))
                   + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + "</Relationships>")
        for i, (_, rows) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows))
    return buffer.getvalue()


LANGUAGES = ["English (en)", "Finnish (fi)", "Swedish (sv)", "German (de)", "French (fr)", "Spanish (es)",
             "Italian (it)", "Dutch (nl)", "Polish (pl)", "Czech (cs)", "Estonian (et)", "Latvian (lv)"]


def form(shape, scale, rng):
    settings = [["form_id", "version", "form_title"], ["bench", "1", "Bench"]]
    if shape == "rows":
        survey = [["type", "name", "label"]] + [["text", f"q{i}", words(rng, 8)] for i in range(scale)]
        return [("survey", survey), ("settings", settings)]
    if shape == "long":
        survey = [["type", "name", "label", "hint"]] + [["note", f"n{i}", words(rng, 6000), words(rng, 6000)] for i in range(scale)]
        return [("survey", survey), ("settings", settings)]
    if shape == "repeat":
        survey = [["type", "name", "label"]] + [["note", f"n{i}", (words(rng, 12) + " ") * 250] for i in range(scale)]
        return [("survey", survey), ("settings", settings)]
    if shape == "wide":
        header = ["list_name", "name"] + [f"label::{lang}" for lang in LANGUAGES]
        choices = [header] + [["big", f"c{i}"] + [words(rng, 5) for _ in LANGUAGES] for i in range(scale)]
        survey = [["type", "name"] + [f"label::{lang}" for lang in LANGUAGES], ["select_one big", "pick"] + ["Pick one"] * len(LANGUAGES)]
        return [("survey", survey), ("choices", choices), ("settings", settings)]
    raise SystemExit(f"unknown shape {shape}")


def main():
    shape, target, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    scale = 8
    while True:
        data = workbook(form(shape, scale, random.Random(seed)))
        if len(data) >= target:
            break
        scale = max(scale + 1, int(scale * min(4.0, target / len(data) * 1.02)))
    with open(out, "wb") as f:
        f.write(data)
    with zipfile.ZipFile(out) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    print(f"{out}: shape {shape}, scale {scale}, {len(data)} bytes, unpacks to {unpacked} bytes")


if __name__ == "__main__":
    main()
