#!/usr/bin/env python3
"""Adds one language to a survey's reviewable text source, from a two-column file a translator fills in.

  python3 tools/xlsform_language.py extract content/surveys/NAME.xlsform.txt > NAME.en.tsv
  python3 tools/xlsform_language.py extract --language "German (de)" content/surveys/NAME.xlsform.txt
  python3 tools/xlsform_language.py merge content/surveys/NAME.xlsform.txt "Finnish (fi)" NAME.fi.tsv

extract writes every English text of the form (label, hint, constraint_message, required_message, ...) as
"key<TAB>text", one a line; the key names the sheet, the row (its name, or list_name/name for a choice) and
the column, so a translator never touches the form itself. merge takes the same keys with the translated
text, puts each beside its English line (replacing an earlier translation in that language), adds
"translation::Language (code): machine-draft" to [settings] (or the status given with --status), and
refuses a file that misses a key, has a key the form does not, or has an empty text, naming the line.
Afterwards regenerate the .xlsx with tools/xlsform_from_text.py.
"""
import argparse
import re
import sys

ENGLISH = "English (en)"
TEXT_LINE = re.compile(r"^(?P<column>[a-z_]+)::(?P<language>[^:]+?): (?P<text>.*)$")


def records(lines):
    """Yields (section, first line index, last line index) of every record, in file order."""
    section, start = None, None
    for index, raw in enumerate(lines + [""]):
        line = raw.rstrip("\n")
        if line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if not line.strip():
            if start is not None:
                yield section, start, index - 1
                start = None
            continue
        if start is None:
            start = index


def record_key(section, lines, first, last):
    values = {}
    for line in lines[first:last + 1]:
        if line.startswith("#") or ": " not in line:
            continue
        key, _, value = line.rstrip("\n").partition(": ")
        values.setdefault(key.strip(), value.strip())
    if section == "choices":
        return f"choices/{values.get('list_name', '?')}/{values.get('name', '?')}"
    return f"{section}/{values.get('name', '?')}"


def english_texts(lines, language=ENGLISH):
    """(key, line index, column, text) of every text line in a language (English unless told), keys unique in the form."""
    found = []
    for section, first, last in records(lines):
        if section not in ("survey", "choices"):
            continue
        base = record_key(section, lines, first, last)
        for index in range(first, last + 1):
            match = TEXT_LINE.match(lines[index].rstrip("\n"))
            if match and match["language"] == language:
                found.append((f"{base}/{match['column']}", index, match["column"], match["text"]))
    keys = [key for key, *_ in found]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        sys.exit(f"the form has rows that share a name, so their texts cannot be told apart: {', '.join(duplicates)}")
    return found


def extract(form, language):
    with open(form, encoding="utf-8") as handle:
        lines = handle.readlines()
    for key, _, _, text in english_texts(lines, language):
        print(f"{key}\t{text}")


def read_translations(path):
    translations = {}
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                sys.exit(f"{path}:{number}: expected 'key<TAB>text'")
            key, _, text = line.partition("\t")
            text = text.strip()
            if not text:
                sys.exit(f"{path}:{number}: {key} has no text")
            if "\t" in text:
                sys.exit(f"{path}:{number}: {key} has a second tab in its text")
            if key in translations:
                sys.exit(f"{path}:{number}: {key} is given twice")
            translations[key] = text
    return translations


def merge(form, language, path, status):
    if not re.fullmatch(r"[^():]+ \([A-Za-z]{2,3}(-[A-Za-z0-9]+)*\)", language):
        sys.exit(f"the language must read 'Name (code)', like 'Finnish (fi)', not '{language}'")
    with open(form, encoding="utf-8") as handle:
        lines = handle.readlines()
    texts = english_texts(lines)
    translations = read_translations(path)
    missing = [key for key, *_ in texts if key not in translations]
    unknown = sorted(set(translations) - {key for key, *_ in texts})
    if missing or unknown:
        sys.exit("\n".join(
            [f"{path}: no text for {key}" for key in missing] + [f"{path}: the form has no {key}" for key in unknown]))

    insert_after = {}
    remove = set()
    for key, index, column, _ in texts:
        # The new line goes after the last line of the same column in this record; an old one in this language goes.
        last = index
        probe = index + 1
        while probe < len(lines) and lines[probe].strip() and (match := TEXT_LINE.match(lines[probe].rstrip("\n"))) and match["column"] == column:
            if match["language"] == language:
                remove.add(probe)
            else:
                last = probe
            probe += 1
        insert_after[last] = f"{column}::{language}: {translations[key]}\n"

    settings_line = f"translation::{language}: {status}\n"
    in_settings, settings_last, had_status = False, None, False
    for index, line in enumerate(lines):
        if line.startswith("["):
            in_settings = line.strip() == "[settings]"
            continue
        if in_settings and line.strip() and not line.startswith("#"):
            if line.startswith(f"translation::{language}:"):
                remove.add(index)
                had_status = True
            settings_last = index
    if settings_last is None:
        sys.exit(f"{form} has no [settings] section to record the translation's status in")

    output = []
    for index, line in enumerate(lines):
        if index not in remove:
            output.append(line)
        if index in insert_after:
            output.append(insert_after[index])
        if index == settings_last:
            output.append(settings_line)
    with open(form, "w", encoding="utf-8") as handle:
        handle.writelines(output)
    print(f"{form}: {len(texts)} texts in {language} ({'replaced' if had_status else 'added'}, {status})", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    extract_command = commands.add_parser("extract")
    extract_command.add_argument("form")
    extract_command.add_argument("--language", default=ENGLISH, help="another language's texts, to review them ('German (de)')")
    merge_command = commands.add_parser("merge")
    merge_command.add_argument("form")
    merge_command.add_argument("language")
    merge_command.add_argument("translations")
    merge_command.add_argument("--status", choices=["machine-draft", "reviewed"], default="machine-draft")
    arguments = parser.parse_args()
    if arguments.command == "extract":
        extract(arguments.form, arguments.language)
    else:
        merge(arguments.form, arguments.language, arguments.translations, arguments.status)


if __name__ == "__main__":
    main()
