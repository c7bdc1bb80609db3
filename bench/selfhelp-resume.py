#!/usr/bin/env python3
"""Latency of opening self-help progress from a recovery phrase (one POST: phrase parsing, Argon2id, HKDF, vault
lookup) next to a GET of the same page, one request at a time on loopback. Each POST uses a form fetched just
before it (untimed), as a browser would. Usage: selfhelp-resume.py BASE_URL [COUNT=30]"""
import http.client, os, sys, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import resume_form  # noqa: E402

base = urllib.parse.urlparse(sys.argv[1])
if base.hostname not in ("127.0.0.1", "localhost", "::1"):
    raise SystemExit("selfhelp-resume: loopback only")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 30


def resume():
    form = resume_form.fresh_form(base.hostname, base.port)
    start = time.monotonic()
    status = resume_form.post(base.hostname, base.port, form)
    return status, time.monotonic() - start


def page():
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    start = time.monotonic()
    conn.request("GET", "/en/help")
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.monotonic() - start


def median_ms(results):
    ordered = sorted(seconds for _, seconds in results)
    return ordered[(len(ordered) - 1) // 2] * 1000


for _ in range(3):  # warm-up: JIT, Razor, one derivation
    resume(), page()
resumes = [resume() for _ in range(count)]
pages = [page() for _ in range(count)]
# 422 is the expected answer: nothing is saved under this phrase, but every step of opening ran.
unexpected = sorted({str(status) for status, _ in resumes if status != 422} | {str(status) for status, _ in pages if status != 200})
if unexpected:
    raise SystemExit(f"unexpected statuses: {', '.join(unexpected)}")
r, p = median_ms(resumes), median_ms(pages)
print(f"resume POST (Argon2id + lookup): median {r:.1f} ms over {count}")
print(f"GET /en/help (peer):             median {p:.1f} ms over {count}")
print(f"ratio resume / page: {r / p:.1f}")
