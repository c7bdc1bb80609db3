#!/usr/bin/env python3
"""Fires COUNT concurrent recovery-phrase posts (self-help resume) at a Waymark node on loopback while
probing GET /en/privacy, and reports the node's peak resident memory and the probe's latencies.
Each post uses a form fetched just before (FormGuard renames the fields per rendering and allows a
token only a few times a minute). Bounded: COUNT posts at most, LIMIT seconds at most.
Usage: phrase-burst.py BASE_URL SERVER_PID [COUNT=200] [LIMIT_SECONDS=120]"""
import concurrent.futures, http.client, os, sys, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import resume_form  # noqa: E402

base = urllib.parse.urlparse(sys.argv[1])
if base.hostname not in ("127.0.0.1", "localhost", "::1"):
    raise SystemExit("phrase-burst: loopback only")
pid = int(sys.argv[2])
count = min(int(sys.argv[3]) if len(sys.argv) > 3 else 200, 1000)
limit = min(float(sys.argv[4]) if len(sys.argv) > 4 else 120.0, 600.0)
deadline = time.monotonic() + limit


def connection():
    return http.client.HTTPConnection(base.hostname, base.port, timeout=max(1.0, deadline - time.monotonic()))


def fresh_form(_):
    return resume_form.fresh_form(base.hostname, base.port, max(1.0, deadline - time.monotonic()))


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
    barrier.wait()
    start = time.monotonic()
    status = resume_form.post(base.hostname, base.port, form, max(1.0, deadline - time.monotonic()))
    return status, time.monotonic() - start


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
