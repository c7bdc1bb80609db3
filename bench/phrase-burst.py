#!/usr/bin/env python3
"""Fires COUNT concurrent recovery-phrase posts (self-help resume) at a Waymark node on loopback while
probing GET /en/privacy, and reports the node's peak resident memory and the probe's latencies.
Each post uses a form fetched just before (FormGuard renames the fields per rendering and allows a
token only a few times a minute). Bounded: COUNT posts at most, LIMIT seconds at most.
Usage: phrase-burst.py BASE_URL SERVER_PID [COUNT=200] [LIMIT_SECONDS=120]"""
import concurrent.futures, html, http.client, re, sys, threading, time, urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
if base.hostname not in ("127.0.0.1", "localhost", "::1"):
    raise SystemExit("phrase-burst: loopback only")
pid = int(sys.argv[2])
count = min(int(sys.argv[3]) if len(sys.argv) > 3 else 200, 1000)
limit = min(float(sys.argv[4]) if len(sys.argv) > 4 else 120.0, 600.0)
deadline = time.monotonic() + limit
PHRASE = "acorn bagel cedar daisy eagle fable gecko"  # valid words; nothing is saved under it (422)
FORM = re.compile(r'<form[^>]*action="([^"]*handler=Resume)"[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(r"<input[^>]*>")


def attribute(tag, name):
    match = re.search(r'\s' + name + r'="([^"]*)"', tag)
    return html.unescape(match.group(1)) if match else ""


def connection():
    return http.client.HTTPConnection(base.hostname, base.port, timeout=max(1.0, deadline - time.monotonic()))


def fresh_form(_):
    conn = connection()
    conn.request("GET", "/en/help")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
    conn.close()
    match = FORM.search(body)
    if not match:
        raise SystemExit("phrase-burst: no resume form on /en/help")
    fields = {}
    for tag in INPUT.findall(match.group(2)):
        name = attribute(tag, "name")
        if name.endswith("-phrase") or name == "phrase":
            fields[name] = PHRASE
        elif 'type="hidden"' in tag and name:
            fields[name] = attribute(tag, "value")
    return html.unescape(match.group(1)), urllib.parse.urlencode(fields), cookies


def rss_kib(field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


forms = list(concurrent.futures.ThreadPoolExecutor(8).map(fresh_form, range(count)))
rss_before = rss_kib("VmRSS")
done = threading.Event()
peak = [rss_before]
probes = []


def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss_kib("VmRSS"))
        time.sleep(0.02)


def probe():
    conn = connection()
    while not done.is_set() and time.monotonic() < deadline:
        start = time.monotonic()
        conn.request("GET", "/en/privacy")
        response = conn.getresponse()
        response.read()
        probes.append((time.monotonic() - start, response.status))
        time.sleep(0.05)
    conn.close()


barrier = threading.Barrier(count)


def post(form):
    action, body, cookies = form
    conn = connection()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = cookies
    barrier.wait()
    start = time.monotonic()
    try:
        conn.request("POST", action, body, headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - start
    except OSError as error:
        return type(error).__name__, time.monotonic() - start
    finally:
        conn.close()


watchers = [threading.Thread(target=sample), threading.Thread(target=probe), threading.Thread(target=probe)]
for thread in watchers:
    thread.start()
time.sleep(0.5)  # a few probes before the burst
started = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(count) as pool:
    results = list(pool.map(post, forms))
burst = time.monotonic() - started
time.sleep(0.5)
done.set()
for thread in watchers:
    thread.join()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


statuses = {}
for status, _ in results:
    statuses[status] = statuses.get(status, 0) + 1
latencies = [seconds for seconds, _ in probes]
print(f"posts: {count} concurrent, statuses {dict(sorted((str(k), v) for k, v in statuses.items()))}, burst {burst:.2f} s")
print(f"post latency: median {percentile([s for _, s in results], 50) * 1000:.0f} ms, max {max(s for _, s in results) * 1000:.0f} ms")
print(f"rss: before {rss_before / 1024:.0f} MB, peak sampled {peak[0] / 1024:.0f} MB, VmHWM {rss_kib('VmHWM') / 1024:.0f} MB")
print(f"/en/privacy during the burst: {len(latencies)} requests, statuses {sorted(set(s for _, s in probes))}, "
      f"p50 {percentile(latencies, 50) * 1000:.0f} ms, p99 {percentile(latencies, 99) * 1000:.0f} ms, max {max(latencies, default=0) * 1000:.0f} ms")
