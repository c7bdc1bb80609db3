"""
The drop-in inside Ahmia's own search view (tests/ahmia_copy), through Django's test client, with Waymark
up (a real `waymark serve` on loopback, started here), down, slow and answering 429. No path returns 500.
Terms are made up: "zorblat" and "vrel dapto" in Waymark's list, "quenlocal" in Ahmia's own.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from django.utils import translation

import waymark_ahmia.views
from waymark_ahmia.client import WaymarkClient
from waymark_ahmia.languages import waymark_language

from .ahmia_copy import views as ahmia

REPOSITORY = Path(__file__).resolve().parents[3]
TERMS = "zorblat\t*\ttoken\tcsam\ttest\nvrel dapto\t*\tphrase\tcsam\ttest\n"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hit(title, meta=""):
    domain = title.split(" ")[0].lower() + ".onion"
    return {"title": title, "meta": meta, "url": "http://%s/" % domain, "domain": domain, "updated_on": "2026-01-01T00:00:00"}


class StandInWaymark:
    """A tiny HTTP server on loopback that answers every call one way: slowly, byte by byte, or with a status."""

    def __init__(self, status=200, body=b'{"matched":false}', byte_delay=0.0):
        self.status, self.body, self.byte_delay = status, body, byte_delay
        self.connections = 0
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self.url = "http://127.0.0.1:%d" % self._server.getsockname()[1]
        self._stopped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stopped:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection):
        with connection:
            try:
                connection.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    request += connection.recv(4096)
                answer = b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (self.status, len(self.body)) + self.body
                if self.byte_delay:
                    for index in range(len(answer)):
                        if self._stopped:
                            return
                        connection.sendall(answer[index:index + 1])
                        time.sleep(self.byte_delay)
                else:
                    connection.sendall(answer)
            except OSError:
                pass

    def stop(self):
        self._stopped = True
        self._server.close()


class RealWaymark:
    """The real `waymark serve` built in this repository, with an operator listener on a loopback port."""

    def __init__(self):
        dll = os.environ.get("WAYMARK_DLL") or str(REPOSITORY / "src" / "Waymark.Cli" / "bin" / "Release" / "net10.0" / "waymark.dll")
        if not os.path.exists(dll):
            raise RuntimeError("%s is missing: build Waymark first (dotnet build Waymark.slnx -c Release) or set WAYMARK_DLL" % dll)
        self.folder = tempfile.mkdtemp(prefix="waymark-ahmia-")
        terms = os.path.join(self.folder, "terms.tsv")
        with open(terms, "w", encoding="utf-8") as file:
            file.write(TERMS)
        public, console, operator = free_port(), free_port(), free_port()
        self.public_url = "http://127.0.0.1:%d" % public
        self.operator_url = "http://127.0.0.1:%d" % operator
        environment = dict(os.environ, WAYMARK_SCREENING_TERMS=terms)
        self.process = subprocess.Popen(
            ["dotnet", dll, "serve", "--public", "127.0.0.1:%d" % public, "--console", "127.0.0.1:%d" % console,
             "--operator", "127.0.0.1:%d" % operator, "--data-dir", os.path.join(self.folder, "data")],
            cwd=self.folder, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        started = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("waymark serve exited: %s" % self.process.stdout.read().decode("utf-8", "replace"))
            try:
                with urllib.request.urlopen(self.operator_url + "/css/warning.css", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() - started > 180:
                self.stop()
                raise RuntimeError("waymark serve did not answer within 180 s")
            time.sleep(0.2)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class AhmiaSearchTestCase(SimpleTestCase):
    """Searches through Ahmia's view with a valid token, as its search form sends them."""

    def setUp(self):
        waymark_ahmia.views._clients.clear()  # a fresh breaker for each test
        ahmia.StandInIndex.hits = [hit("Weather in Helsinki"), hit("Garden tools")]

    def search(self, query, host="ahmia.test"):
        parameters = {"q": query, ahmia.rotating_field_names()[0]: ahmia.generate_token()}
        response = self.client.get("/search/", parameters, HTTP_HOST=host)
        self.assertLess(response.status_code, 500, query)
        return response

    def assertHelpPage(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"ReDirection", response.content)  # Ahmia's own help page
        self.assertNeverCached(response)

    def assertNeverCached(self, response):
        for word in ("no-cache", "no-store", "must-revalidate", "max-age=0"):
            self.assertIn(word, response["Cache-Control"])

    def assertResults(self, response, titles):
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(b"ReDirection", response.content)
        shown = [line.strip()[4:-5] for line in response.content.decode("utf-8").splitlines() if line.strip().startswith("<li>")]
        self.assertEqual(shown, titles)


class LanguageTests(SimpleTestCase):
    def test_django_codes_become_waymark_languages_with_base_language_fallback(self):
        for code, expected in [("en-us", "en"), ("en", "en"), ("pt-br", "pt"), ("pt_BR", "pt"), ("de-at", "de"),
                               ("zh-hans", "zh-hans"), ("zh-hant", "zh-hant"), ("zh-tw", "zh-hant"), ("zh-cn", "zh-hans"),
                               ("zh", "zh-hans"), ("sr-latn", "sr"), ("xx", "en"), ("", "en"), (None, "en")]:
            self.assertEqual(waymark_language(code), expected, code)


@override_settings(WAYMARK_OPERATOR_URL="http://127.0.0.1:%d" % free_port())
class WaymarkDownTests(AhmiaSearchTestCase):
    """Nothing listens where Waymark should be: Ahmia's own list still warns."""

    def test_the_local_list_still_warns_and_other_queries_search(self):
        self.assertHelpPage(self.search("new quenlocal 2025"))
        self.assertHelpPage(self.search("quen-local"))  # Ahmia's own reading: punctuation deleted
        self.assertResults(self.search("weather"), ["Weather in Helsinki", "Garden tools"])
        # A term only Waymark knows is not caught while Waymark is down: the fail mode, stated in docs/integration.md.
        self.assertResults(self.search("zorblat"), ["Weather in Helsinki", "Garden tools"])

    def test_the_breaker_opens_after_failures_in_a_row_and_tries_again_after_the_cooldown(self):
        refusing = StandInWaymark(status=503)
        now = [100.0]
        client = WaymarkClient(refusing.url, deadline=1.0, failures_to_open=3, cooldown=30.0, clock=lambda: now[0])
        try:
            for _ in range(3):
                self.assertIsNone(client.screen("weather", "en"))
            self.assertTrue(client.is_open)
            contacted = refusing.connections
            started = time.monotonic()
            self.assertIsNone(client.screen("weather", "en"))
            self.assertLess(time.monotonic() - started, 0.01)
            self.assertEqual(refusing.connections, contacted)  # open: Waymark is not called at all
            now[0] += 31
            refusing.status = 200
            self.assertEqual(client.screen("weather", "en"), {"matched": False})  # one call tries, and closes it
            self.assertFalse(client.is_open)
            self.assertEqual(refusing.connections, contacted + 1)
        finally:
            refusing.stop()


class SlowWaymarkTests(AhmiaSearchTestCase):
    """Waymark answers a byte every 50 ms: a per-socket timeout would never fire; the deadline does."""

    def setUp(self):
        super().setUp()
        self.slow = StandInWaymark(byte_delay=0.05)
        self.settings_override = override_settings(WAYMARK_OPERATOR_URL=self.slow.url, WAYMARK_DEADLINE=1.0, WAYMARK_FILTER_DEADLINE=1.0)
        self.settings_override.enable()

    def tearDown(self):
        self.settings_override.disable()
        self.slow.stop()

    def test_a_query_waits_no_longer_than_the_deadline(self):
        client = WaymarkClient(self.slow.url, deadline=1.0)
        started = time.monotonic()
        self.assertIsNone(client.screen("weather", "en"))
        self.assertLessEqual(time.monotonic() - started, 1.1)

        started = time.monotonic()
        self.assertHelpPage(self.search("quenlocal"))
        self.assertLessEqual(time.monotonic() - started, 1.1)  # the deadline (1.0 s) and 10%

    def test_a_search_waits_no_longer_than_both_deadlines(self):
        started = time.monotonic()
        self.assertResults(self.search("weather"), ["Weather in Helsinki", "Garden tools"])
        self.assertLessEqual(time.monotonic() - started, 2.2)  # the query's deadline and the filter's, and 10%


class RefusingWaymarkTests(AhmiaSearchTestCase):
    """Waymark answers 429 (its rate limit): the local list decides, and no search fails."""

    def setUp(self):
        super().setUp()
        self.refusing = StandInWaymark(status=429, body=b'{"error":"Too many requests: try again in a moment."}')
        self.settings_override = override_settings(WAYMARK_OPERATOR_URL=self.refusing.url)
        self.settings_override.enable()

    def tearDown(self):
        self.settings_override.disable()
        self.refusing.stop()

    def test_429_falls_back_to_the_local_list(self):
        self.assertHelpPage(self.search("quenlocal"))
        self.assertResults(self.search("weather"), ["Weather in Helsinki", "Garden tools"])
        for _ in range(3):
            self.assertResults(self.search("weather"), ["Weather in Helsinki", "Garden tools"])
        self.assertTrue(waymark_ahmia.views.waymark_client().is_open)


class RealWaymarkTests(AhmiaSearchTestCase):
    """A real Waymark with an operator listener, started for these tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waymark = RealWaymark()
        cls.settings_override = override_settings(WAYMARK_OPERATOR_URL=cls.waymark.operator_url)
        cls.settings_override.enable()

    @classmethod
    def tearDownClass(cls):
        cls.settings_override.disable()
        cls.waymark.stop()
        super().tearDownClass()

    def assertWarning(self, response, base, path):
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(base + path), response["Location"])
        self.assertNeverCached(response)
        # The page exists on Waymark (its public listener), in that language and variant.
        with urllib.request.urlopen(self.waymark.public_url + response["Location"][len(base):], timeout=30) as page:
            self.assertEqual(page.status, 200)
        return response["Location"]

    def test_a_query_waymark_catches_gets_its_warning_though_ahmias_list_misses_it(self):
        location = self.assertWarning(self.search("new zor-blat 2025"), "https://waymark.example", "/en/warning?v=")
        self.assertFalse(ahmia.TorResultsView().banned_search("new zor-blat 2025"))  # Ahmia's own list alone: not banned
        self.assertIn("?v=", location)

    def test_onion_searchers_are_sent_to_the_onion_address(self):
        self.assertWarning(self.search("z0rblat", host="ahmiatestonionaddress.onion"), "http://waymarkexampleonion.onion", "/en/warning?v=")

    def test_the_searchers_django_language_picks_the_warnings_language(self):
        for code, language in [("pt-br", "pt"), ("zh-hant", "zh-hant"), ("de", "de"), ("en-us", "en")]:
            with translation.override(code):
                self.assertWarning(self.search("vrel.dapto"), "https://waymark.example", "/%s/warning?v=" % language)

    def test_a_query_that_asks_how_to_report_goes_to_the_reporting_page(self):
        self.assertWarning(self.search("how to report zorblat"), "https://waymark.example", "/en/reporting")

    def test_a_query_only_ahmias_list_catches_gets_ahmias_help_page(self):
        self.assertHelpPage(self.search("quenlocal"))

    def test_results_are_filtered_by_both_lists_in_one_batch(self):
        ahmia.StandInIndex.hits = [
            hit("Weather in Helsinki"),
            hit("zor_blat archive"),  # Waymark's term, written with punctuation
            hit("Quenlocal list"),  # Ahmia's own filter
            hit("Forum", meta="all about vrel-dapto"),  # Waymark's phrase, in the description
            hit("Z0RBLAT mirror"),  # Waymark's term in leetspeak
            hit("Garden tools"),
        ]
        self.assertResults(self.search("weather"), ["Weather in Helsinki", "Garden tools"])

    def test_the_public_listener_does_not_answer_the_api(self):
        request = urllib.request.Request(self.waymark.public_url + "/api/screen", data=b"q=zorblat", method="POST")
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        self.assertEqual(refused.exception.code, 404)
        self.assertIn("error", json.loads(refused.exception.read().decode("utf-8")))
