#!/usr/bin/env python3
"""Records what pyxform itself decides about every XLSForm under tests/fixtures/xlsform, for the differential test.

Usage (run when the fixtures change):

    python3 tools/pyxform_verdicts.py PYXFORM_CHECKOUT tests/fixtures/xlsform > tests/fixtures/xlsform/verdicts.json
    python3 tools/pyxform_verdicts.py PYXFORM_CHECKOUT --form FORM.xlsx      # one form's verdict

PYXFORM_CHECKOUT may be tests/fixtures/pyxform (pyxform 4.5.0's package, kept for the tests, which run it:
PyxformLiveTests checks that it still writes verdicts.json and compares forms built in the tests with it).

PYXFORM_CHECKOUT is a checkout of https://github.com/XLSForm/pyxform (the fixtures came from its
tests/example_xls and tests/bug_example_xls at v4.5.0); it runs from that folder with Debian's
python3-openpyxl, python3-xlrd, python3-defusedxml and python3-lark. The script:

1. writes converted/NAME.xlsx beside each legacy .xls form (cell values read with xlrd, written with
   openpyxl), because Waymark reads .xlsx only and the test compares the questions of every form; it
   stops if pyxform reads a copy differently from its original;
2. converts every form with pyxform (no ODK Validate) and writes verdicts.json: for each form whether
   pyxform accepts it (else its error), and for an accepted one every bound node of the main instance
   with its XForm type, control, relevant, constraint, required, calculate, readonly, jr:preload (set for
   device metadata) and choice names, and every repeat with its nodeset and jr:count.
   References are written back as ${name} (pyxform turns ${name} into /data/name or ../name), so they
   compare with the XLSForm text.
"""
import datetime
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
BIND_FIELDS = ["relevant", "constraint", "required", "calculate", "readonly"]


def convert_xls(path, out_path):
    import openpyxl
    import xlrd

    book = xlrd.open_workbook(path)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets():
        ws = wb.create_sheet(sheet.name)
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    parts = xlrd.xldate_as_tuple(value, book.datemode)
                    value = datetime.time(*parts[3:]) if parts[:3] == (0, 0, 0) else datetime.datetime(*parts)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    continue
                ws.cell(row=r + 1, column=c + 1, value=value)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    wb.save(out_path)


def references(expression, names):
    """/data/group/name, ../name, current()/../name → ${name} for the form's node names."""
    if expression is None:
        return None

    def absolute(match):
        last = match.group(0).rsplit("/", 1)[1]
        return "${" + last + "}" if last in names else match.group(0)

    text = re.sub(r"(?:current\(\)/)?(?:\.\./)+([A-Za-z_][\w.\-]*)", lambda m: "${" + m.group(1) + "}" if m.group(1) in names else m.group(0), expression)
    return re.sub(r"(?<![\w)\]'])/[A-Za-z_][\w.\-]*(?:/[A-Za-z_][\w.\-]*)+", absolute, text)


def describe(xform):
    root = ET.fromstring(xform)
    model = root.find(f"{H}head/{XF}model")
    instances = model.findall(f"{XF}instance")
    main = instances[0][0]
    secondary = {}
    for instance in instances[1:]:
        items = instance.findall(f".//{XF}item")
        secondary[instance.get("id")] = [i.findtext(f"{XF}name") for i in items]
    controls = {}
    for element in root.find(f"{H}body").iter():
        ref = element.get("ref") or element.get("nodeset")
        if ref is None or not element.tag.startswith(XF):
            continue
        tag = element.tag[len(XF):]
        if tag in ("itemset", "value", "label", "hint"):
            continue
        choices = [i.findtext(f"{XF}value") for i in element.findall(f"{XF}item")]
        itemset = element.find(f"{XF}itemset")
        if itemset is not None:
            match = re.match(r"instance\('([^']+)'\)", itemset.get("nodeset", ""))
            choices = secondary.get(match.group(1), []) if match else []
        controls[ref] = {"control": tag, "choices": choices if tag in ("select1", "select", "odk:rank") else None}
    names = {e.tag.split("}")[-1] for e in main.iter()}
    nodes = []
    for bind in model.findall(f"{XF}bind"):
        path = bind.get("nodeset")
        if "/meta/" in path:
            continue
        node = {"name": path.rsplit("/", 1)[1], "path": path, "type": bind.get("type")}
        node["preload"] = bind.get("{http://openrosa.org/javarosa}preload")
        node.update(controls.get(path, {"control": None, "choices": None}))
        for field in BIND_FIELDS:
            node[field] = references(bind.get(field), names)
        nodes.append(node)
    return nodes


def repeats(xform):
    """Each repeat of the body: its nodeset and jr:count (a reference written back as ${name}), in form order."""
    root = ET.fromstring(xform)
    main = root.find(f"{H}head/{XF}model").findall(f"{XF}instance")[0][0]
    names = {e.tag.split("}")[-1] for e in main.iter()}
    found = []
    for element in root.find(f"{H}body").iter(f"{XF}repeat"):
        count = element.get("{http://openrosa.org/javarosa}count")
        found.append({"path": element.get("nodeset"), "count": references(count.strip(), names) if count else None})
    return found


def verdict(convert, path):
    try:
        result = convert(xlsform=path, validate=False)
        return {"accepted": True, "nodes": describe(result.xform), "repeats": repeats(result.xform)}
    except Exception as e:  # pyxform's refusal is the verdict
        return {"accepted": False, "error": str(e).strip().splitlines()[0]}


def main():
    checkout, folder = sys.argv[1], sys.argv[2]
    sys.path.insert(0, checkout)
    from pyxform import __version__ as version
    from pyxform.xls2xform import convert

    if folder == "--form":
        # One form (the tests build forms and ask pyxform about each): its verdict alone.
        json.dump(verdict(convert, sys.argv[3]), sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
        return

    forms = sorted(
        os.path.relpath(p, folder)
        for p in glob.glob(os.path.join(folder, "*", "*.xls*"))
        if not os.path.relpath(p, folder).startswith("converted" + os.sep)
    )
    verdicts = {}
    for form in forms:
        path = os.path.join(folder, form)
        if form.endswith(".xls"):
            convert_xls(path, os.path.join(folder, "converted", form[:-4] + ".xlsx"))
        verdicts[form] = verdict(convert, path)
        if form.endswith(".xls"):
            # The copy must mean to pyxform what the original means.
            copy = verdict(convert, os.path.join(folder, "converted", form[:-4] + ".xlsx"))
            if copy != verdicts[form]:
                sys.exit(f"{form}: pyxform reads the converted copy differently:\n{copy}\n{verdicts[form]}")
    json.dump({"pyxform": version, "forms": verdicts}, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
