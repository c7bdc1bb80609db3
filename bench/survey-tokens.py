#!/usr/bin/env python3
"""Brings N respondents of the no-need-for-help demo survey to its last page and prints, one a line, the
URL-encoded body of each one's completing POST (form token, state and nav=next under the field names of
that page's rendering): the bodies bench/survey-submit.lua sends. Every public form is guarded
(docs/development.md, "Guarding a public form"): field names change with every rendering and each page
carries a signed token, so names are read from each page, as a browser would.
Usage: survey-tokens.py BASE_URL N [THREADS]"""
import concurrent.futures, html, http.client, re, sys, urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
count = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
TOKEN = re.compile(r'name="wm-form" value="([^"]*)"')
PATH = "/en/s/no-need-for-help"
# Answers for the questions of whichever page is shown (none is required); pages are walked until the last.
ANSWERS = {"age": "30", "why": "cost", "frequency": "rarely", "would_use": "no"}
MAX_PAGES = 12


def field(page, logical):
    """The name a logical field has in this rendering (f + 12 hex digits + '-' + the logical name)."""
    match = re.search(r'name="(f[0-9a-f]{12}-' + re.escape(logical) + ')"', page)
    if not match:
        raise SystemExit(f"survey-tokens: no field '{logical}' on the page")
    return match.group(1)


def value(page, name):
    match = re.search(r'name="' + re.escape(name) + r'" value="([^"]*)"', page)
    if not match:
        raise SystemExit(f"survey-tokens: no value for '{name}' on the page")
    return html.unescape(match.group(1))


def body(page, action, answers):
    state = field(page, "state")
    form = {"wm-form": html.unescape(TOKEN.search(page).group(1)), state: value(page, state), field(page, "nav"): action}
    form.update({field(page, name): answer for name, answer in answers.items()})
    return urllib.parse.urlencode(form)


def one(_):
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    conn.request("GET", PATH)
    page = conn.getresponse().read().decode()
    action = "start"
    for _ in range(MAX_PAGES):
        answers = {name: answer for name, answer in ANSWERS.items() if re.search(r'name="f[0-9a-f]{12}-' + name + '"', page)}
        conn.request("POST", PATH, body(page, action, answers), {"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        page = response.read().decode()
        if response.status != 200:
            raise SystemExit(f"survey-tokens: status {response.status} after '{action}'")
        action = "next"
        if "Send my answers" in page:
            break
    conn.close()
    if "Send my answers" not in page:
        raise SystemExit("survey-tokens: the last page was not reached")
    return body(page, "next", {})


with concurrent.futures.ThreadPoolExecutor(threads) as pool:
    for line in pool.map(one, range(count)):
        print(line)
