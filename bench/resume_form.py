"""The self-help resume form as a person's browser posts it, for the phrase benchmarks (phrase-burst.py,
selfhelp-resume.py). FormGuard renames the fields on every rendering and accepts a token only a few times a
minute, so every post needs a form fetched just before it; the public site sets no cookie, but any it sent
would be returned."""
import html, http.client, re

PHRASE = "acorn bagel cedar daisy eagle fable gecko"  # valid words; nothing is saved under it (422)
FORM = re.compile(r'<form[^>]*action="([^"]*handler=Resume)"[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(r"<input[^>]*>")


def attribute(tag, name):
    match = re.search(r'\s' + name + r'="([^"]*)"', tag)
    return html.unescape(match.group(1)) if match else ""


def fresh_form(host, port, timeout=30.0, phrase=PHRASE):
    """GET /en/help and fill its resume form: (action, urlencoded body, cookie header)."""
    import urllib.parse
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", "/en/help")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
    conn.close()
    match = FORM.search(body)
    if not match:
        raise SystemExit("no resume form on /en/help")
    fields = {}
    for tag in INPUT.findall(match.group(2)):
        name = attribute(tag, "name")
        if name.endswith("-phrase") or name == "phrase":
            fields[name] = phrase
        elif 'type="hidden"' in tag and name:
            fields[name] = attribute(tag, "value")
    return html.unescape(match.group(1)), urllib.parse.urlencode(fields), cookies


def post(host, port, form, timeout=30.0):
    """POSTs a filled form: the status, or the error's name."""
    action, body, cookies = form
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = cookies
    try:
        conn.request("POST", action, body, headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError as error:
        return type(error).__name__
    finally:
        conn.close()
