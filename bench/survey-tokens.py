#!/usr/bin/env python3
"""Brings N respondents of the no-need-for-help demo survey to its last page and prints the hidden
state field of each, one a line: the bodies of the completing POSTs that bench/survey-submit.lua sends.
Usage: survey-tokens.py BASE_URL N [THREADS]"""
import concurrent.futures, html, http.client, re, sys, urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
count = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
STATE = re.compile(r'name="state" value="([^"]*)"')
PATH = "/en/s/no-need-for-help"
STEPS = [("start", {}), ("next", {}), ("next", {"age": "30"}), ("next", {"why": "cost", "would_use": "no"})]


def one(_):
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    conn.request("GET", PATH)
    body = conn.getresponse().read().decode()
    for action, answers in STEPS:
        form = urllib.parse.urlencode({"state": html.unescape(STATE.search(body).group(1)), "nav": action, **answers})
        conn.request("POST", PATH, form, {"Content-Type": "application/x-www-form-urlencoded"})
        body = conn.getresponse().read().decode()
    conn.close()
    if "Send my answers" not in body:
        raise SystemExit("survey-tokens: the last page was not reached")
    return html.unescape(STATE.search(body).group(1))


with concurrent.futures.ThreadPoolExecutor(threads) as pool:
    for token in pool.map(one, range(count)):
        print(token)
