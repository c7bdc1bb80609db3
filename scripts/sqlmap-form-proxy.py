#!/usr/bin/env python3
"""A person at the keyboard, for sqlmap: a loopback proxy in front of a Waymark node.

Waymark's public forms are guarded (docs/development.md, "Guarding a public form"): every rendering carries a
signed token and field names derived from it (``f<12 hex>-<field>``), plus a honeypot. A scanner that stores a
form and posts it many times is refused before the page's handler runs, so a scan of the raw site tests only the
guard. Through this proxy sqlmap sees plain field names and posts them as often as it likes; for each POST the
proxy fetches the page the form came from afresh, fills in that rendering's names and token, leaves the honeypot
empty and forwards the post. The guard stays on: what sqlmap reaches is each handler, as a person would.

Usage: sqlmap-form-proxy.py LISTEN_PORT UPSTREAM_BASE   (e.g. 8099 http://127.0.0.1:5000)
"""
import html.parser
import http.server
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

TOKEN = "wm-form"
ROTATED = re.compile(r"^f[0-9a-f]{12}-(.+)$")
HONEYPOT = "contact_email"
NAME_ATTR = re.compile(r'(name=")f[0-9a-f]{12}-([^"]+)(")')


class Forms(html.parser.HTMLParser):
    """The forms of a page: action, and each named field with its value (checkboxes and radios as rendered)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": []})
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            self.forms[-1]["fields"].append((a["name"], a.get("value") or "", a.get("type") or tag))


def unrotate(page: str) -> str:
    """The page as sqlmap should see it: plain field names, no token, no honeypot."""
    page = re.sub(r'<input type="hidden" name="wm-form"[^>]*>', "", page)
    page = re.sub(r'<input type="hidden" name="f[0-9a-f]{12}-' + HONEYPOT + r'"[^>]*>', "", page)
    return NAME_ATTR.sub(r"\1\2\3", page)


class Proxy(http.server.BaseHTTPRequestHandler):
    upstream = ""
    source_of = {}  # form action (path?query) -> the page it was last seen on

    def log_message(self, *args):
        pass

    def _send(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fetch(self, method, path, body=None, content_type=None):
        req = urllib.request.Request(self.upstream + path, data=body, method=method)
        if content_type:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.getheaders(), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.items(), e.read()

    def do_GET(self):
        status, headers, body = self._fetch("GET", self.path)
        if any(k.lower() == "content-type" and "text/html" in v for k, v in headers):
            page = body.decode("utf-8", "replace")
            parser = Forms()
            parser.feed(page)
            for form in parser.forms:
                self.source_of[form["action"]] = self.path
            body = unrotate(page).encode("utf-8")
        self._send(status, headers, body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        posted = urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True)
        source = self.source_of.get(self.path)
        if source is None:
            self._send(502, [("Content-Type", "text/plain")], b"sqlmap-form-proxy: no page seen with this form; GET it first")
            return
        _, _, page = self._fetch("GET", source)
        parser = Forms()
        parser.feed(page.decode("utf-8", "replace"))
        form = next((f for f in parser.forms if f["action"] == self.path), None)
        if form is None:
            self._send(502, [("Content-Type", "text/plain")], b"sqlmap-form-proxy: the form is gone from its page")
            return
        rendered = {}
        out = []
        for name, value, _ in form["fields"]:
            m = ROTATED.match(name)
            if name == TOKEN:
                out.append((name, value))
            elif m and m.group(1) == HONEYPOT:
                out.append((name, ""))
            elif m:
                rendered[m.group(1)] = name
        given = {k for k, _ in posted}
        for k, v in posted:
            out.append((rendered.get(k, k), v))
        for logical, name in rendered.items():  # hidden fields sqlmap left out (the survey's state) keep the page's value
            if logical not in given:
                out.extend((n, v) for n, v, kind in form["fields"] if n == name and kind == "hidden")
        status, headers, body = self._fetch(
            "POST", self.path, urllib.parse.urlencode(out).encode("ascii"), "application/x-www-form-urlencoded")
        self._send(status, headers, unrotate(body.decode("utf-8", "replace")).encode("utf-8"))


def main():
    port, Proxy.upstream = int(sys.argv[1]), sys.argv[2].rstrip("/")
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()


if __name__ == "__main__":
    main()
