#!/usr/bin/env python3
"""Ahmia's screening algorithm (ahmia-site TorResultsView.banned_search, written out here):
lower-case the query, take its words as runs of letters and digits (re.findall(r'[^\\W_]+')),
and flag it when the words of a term occur as a contiguous run of query words. No other
normalisation. The term words are split once up front (Ahmia's view splits them per query,
which is slower): this is the generous version of the peer.
Usage: ahmia_baseline.py terms.tsv queries.txt [repeats=3]  -> prints queries/s (median) and matches."""
import re, statistics, sys, time

WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def words(value):
    return WORDS.findall(value.lower())


def load_terms(path):
    terms = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        term_words = words(line.split("\t")[0].replace("+", " "))
        if term_words:
            terms.append(term_words)
    return terms


def matches(query, terms):
    query_words = words(query.replace("+", " "))
    if not query_words:
        return False
    for term_words in terms:
        width = len(term_words)
        for index in range(0, len(query_words) - width + 1):
            if query_words[index:index + width] == term_words:
                return True
    return False


def main():
    terms = load_terms(sys.argv[1])
    queries = [q.rstrip("\n") for q in open(sys.argv[2], encoding="utf-8")]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rates, found = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        found = sum(1 for q in queries if matches(q, terms))
        rates.append(len(queries) / (time.perf_counter() - start))
    print(f"{statistics.median(rates):.0f} {found}")


main()
