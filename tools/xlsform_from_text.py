#!/usr/bin/env python3
"""Builds an XLSForm .xlsx from a reviewable text source, byte for byte the same on every run.

Usage: python3 tools/xlsform_from_text.py content/surveys/NAME.xlsform.txt content/surveys/NAME.xlsx

Source format (UTF-8): sections "[survey]", "[choices]", "[settings]"; inside a section, records separated
by blank lines, one "column: value" per line (the first ": " splits); "#" starts a comment line. Columns
appear in the sheet in order of first use. The workbook is minimal SpreadsheetML with inline strings,
fixed zip timestamps and a fixed compression level, so the output depends only on the source.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

SHEETS = ["survey", "choices", "settings"]


def parse(text):
    sheets = {name: [] for name in SHEETS}
    section, record = None, None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            if section not in sheets:
                sys.exit(f"line {number}: unknown section [{section}]")
            record = None
            continue
        if not line.strip():
            record = None
            continue
        if section is None:
            sys.exit(f"line {number}: text before the first [section]")
        if ": " not in line and not line.endswith(":"):
            sys.exit(f"line {number}: expected 'column: value'")
        key, _, value = line.partition(": ") if ": " in line else (line[:-1], ":", "")
        key, value = key.strip(), value.strip()
        if record is None:
            record = {}
            sheets[section].append(record)
        if key in record:
            sys.exit(f"line {number}: column '{key}' twice in one record")
        record[key] = value
    return sheets


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(records):
    columns = []
    for record in records:
        for key in record:
            if key not in columns:
                columns.append(key)
    rows = [columns] + [[record.get(c, "") for c in columns] for record in records]
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            if value != "":
                out.append(f'<c r="{column_letter(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def build(sheets, target):
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(1, len(SHEETS) + 1))
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(SHEETS, 1))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                  for i in range(1, len(SHEETS) + 1))
        + "</Relationships>",
    }
    for i, name in enumerate(SHEETS, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(sheets[name])
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, content.encode("utf-8"), compresslevel=9)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as source:
        build(parse(source.read()), sys.argv[2])
