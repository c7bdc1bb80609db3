#!/usr/bin/env python3
"""Writes src/Waymark.Web/Resources/countries.tsv: every two-letter region's name in each of the site's languages,
from the Unicode CLDR (npm package cldr-localenames-full, Unicode License v3, see countries-LICENSE.txt beside it).

Usage: npm pack cldr-localenames-full@48.2.0 && tar xzf cldr-localenames-full-48.2.0.tgz
       python3 tools/cldr-countries.py package > src/Waymark.Web/Resources/countries.tsv
"""
import json
import sys

# The site's language codes (src/Waymark.Web/Localization/Languages.cs) and the CLDR locale that names regions for each.
LANGUAGES = ["en", "ar", "bs", "de", "el", "es", "fa", "fi", "fr", "hi", "hr", "it", "ja", "ne", "nl", "pl", "pt", "ru",
             "sr", "sv", "ta", "uk", "zh-Hans", "zh-Hant"]
CLDR = {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}


def names(root, language):
    locale = CLDR.get(language, language)
    with open(f"{root}/main/{locale}/territories.json", encoding="utf-8") as f:
        return json.load(f)["main"][locale]["localeDisplayNames"]["territories"]


def main(root):
    tables = {language: names(root, language) for language in LANGUAGES}
    codes = sorted(code for code in tables["en"] if len(code) == 2 and code.isalpha() and code.isupper() and code not in ("EU", "EZ", "UN", "XA", "XB", "ZZ", "QO"))
    print("# Region names from the Unicode CLDR 48.2 (cldr-localenames-full, Unicode License v3: countries-LICENSE.txt); made by tools/cldr-countries.py")
    print("code\t" + "\t".join(LANGUAGES))
    for code in codes:
        row = [tables[language].get(code, "") for language in LANGUAGES]
        if any("\t" in name for name in row):
            sys.exit(f"{code}: a name holds a tab")
        print(code + "\t" + "\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
