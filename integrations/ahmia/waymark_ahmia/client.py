"""
A client for Waymark's screening API with a real total deadline and a circuit breaker.

Every call is one HTTP/1.1 POST (the query in the body, never in a URL a proxy could log) over TCP or a
Unix socket, written and read here on a plain socket: the time left until the call's deadline is set as the
socket timeout before every connect, send and receive, so a server that answers slowly, byte by byte, cannot
stretch a call beyond its deadline (a per-socket timeout such as requests' `timeout=` restarts with every
byte received).

A call that fails (no answer, refused, too slow, any status but 200, or an answer that is not JSON) returns
None and counts as a failure; after `failures_to_open` failures in a row the breaker opens and calls return
None at once, without touching the network, for `cooldown` seconds; then one call is let through to try
again. The caller decides what None means: the view falls back to the local term list.
"""
import json
import socket
import threading
import time
import urllib.parse

LARGEST_ANSWER = 4 * 1024 * 1024


class Unavailable(Exception):
    """Waymark did not give a usable answer in time."""


class WaymarkClient:
    """Calls one Waymark operator listener: `http://127.0.0.1:5082` or `unix:/run/waymark/operator.sock`."""

    def __init__(self, endpoint, deadline=0.3, failures_to_open=3, cooldown=30.0, clock=time.monotonic):
        if endpoint.startswith("unix:"):
            self._unix = endpoint[len("unix:"):]
            self._address = None
            self._host = "localhost"
        else:
            parts = urllib.parse.urlsplit(endpoint)
            if parts.scheme != "http" or not parts.hostname:
                raise ValueError("the Waymark operator endpoint must be http://HOST:PORT or unix:/path.sock: %r" % endpoint)
            self._unix = None
            self._address = (parts.hostname, parts.port or 80)
            self._host = parts.netloc
        self.deadline = deadline
        self.failures_to_open = failures_to_open
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until = None

    # The API

    def screen(self, query, lang):
        """Waymark's answer for one query (a dict: matched, intent, variant, warning_url...), or None."""
        return self._call("/api/screen", [("q", query), ("lang", lang)], self.deadline)

    def screen_many(self, texts, lang, deadline=None):
        """For each text (a result title), True when Waymark's terms match it; None when Waymark gave no answer."""
        answer = self._call("/api/screen/batch", [("q", text) for text in texts] + [("lang", lang)],
                            self.deadline if deadline is None else deadline)
        if answer is None:
            return None
        results = answer.get("results")
        if not isinstance(results, list) or len(results) != len(texts):
            self._failed()
            return None
        return [bool(result.get("matched")) for result in results]

    def shown(self, variant, lang):
        """Counts a warning the engine rendered from the JSON itself (not needed when it redirects)."""
        return self._call("/api/screen/shown", [("v", variant), ("lang", lang)], self.deadline) is not None

    # The breaker

    @property
    def is_open(self):
        with self._lock:
            return self._open_until is not None and self._clock() < self._open_until

    def _admit(self):
        with self._lock:
            if self._open_until is None:
                return True
            if self._clock() < self._open_until:
                return False
            # Half open: this call tries; the others keep failing fast until it has answered.
            self._open_until = self._clock() + self.cooldown
            return True

    def _succeeded(self):
        with self._lock:
            self._failures = 0
            self._open_until = None

    def _failed(self):
        with self._lock:
            self._failures += 1
            if self._failures >= self.failures_to_open:
                self._open_until = self._clock() + self.cooldown

    def _call(self, path, fields, deadline):
        if not self._admit():
            return None
        try:
            status, body = self._post(path, urllib.parse.urlencode(fields).encode("ascii"), self._clock() + deadline)
            if status != 200:
                raise Unavailable("status %d" % status)
            answer = json.loads(body.decode("utf-8"))
            if not isinstance(answer, dict):
                raise Unavailable("not a JSON object")
        except (OSError, ValueError, Unavailable):
            self._failed()
            return None
        self._succeeded()
        return answer

    # HTTP/1.1 on a socket, within the deadline

    def _left(self, end):
        left = end - self._clock()
        if left <= 0:
            raise Unavailable("deadline passed")
        return left

    def _post(self, path, body, end):
        request = (
            "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n" % (path, self._host, len(body))
        ).encode("ascii") + body
        if self._unix is not None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            target = self._unix
        else:
            sock = socket.socket(socket.getaddrinfo(self._address[0], self._address[1], type=socket.SOCK_STREAM)[0][0], socket.SOCK_STREAM)
            target = self._address
        with sock:
            sock.settimeout(self._left(end))
            sock.connect(target)
            sock.settimeout(self._left(end))
            sock.sendall(request)  # since Python 3.5 the timeout bounds the whole sendall
            received = bytearray()
            while True:
                sock.settimeout(self._left(end))
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
                if len(received) > LARGEST_ANSWER:
                    raise Unavailable("answer too large")
                parsed = _complete(received)
                if parsed is not None:
                    return parsed
            parsed = _complete(received, closed=True)
            if parsed is None:
                raise Unavailable("incomplete answer")
            return parsed


def _complete(data, closed=False):
    """(status, body) once `data` holds a whole HTTP/1.1 answer, else None."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    lines = bytes(data[:head_end]).decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise Unavailable("not an HTTP answer")
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = bytes(data[head_end + 4:])
    if headers.get("transfer-encoding", "").lower() == "chunked":
        return _dechunk(status, body)
    if "content-length" in headers:
        length = int(headers["content-length"])
        return (status, body[:length]) if len(body) >= length else None
    return (status, body) if closed else None


def _dechunk(status, body):
    decoded = bytearray()
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return None
        size = int(body[position:line_end].split(b";")[0], 16)
        if size == 0:
            return status, bytes(decoded)
        start = line_end + 2
        if len(body) < start + size + 2:
            return None
        decoded += body[start:start + size]
        position = start + size + 2
