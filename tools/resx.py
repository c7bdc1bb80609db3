#!/usr/bin/env python3
"""Writes a .resx file from a simple 'Key = value' text file (one entry a line, '#' comments).

Used to keep the translation sources reviewable: `python3 tools/resx.py strings/en.txt > Resources/SharedResource.resx`.
"""
import sys
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def main(path):
    out = [HEADER]
    seen = {}
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, _, value = line.partition(" = ")
            key = key.strip()
            if key in seen:
                # A merge that keeps both sides leaves a key twice; the later one would win unseen.
                sys.exit(f"{path}:{number}: '{key}' is already given on line {seen[key]}")
            seen[key] = number
            out.append(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(value.strip())}</value></data>\n')
    out.append("</root>\n")
    sys.stdout.write("".join(out))

if __name__ == "__main__":
    main(sys.argv[1])
