"""
The drop-in: `WaymarkScreeningMixin`, put in front of Ahmia's own TorResultsView.

    # ahmia/urls.py
    from waymark_ahmia.views import WaymarkScreeningMixin

    class ScreenedTorResultsView(WaymarkScreeningMixin, views.TorResultsView):
        pass

    path('search/', ScreenedTorResultsView.as_view(), name="results"),

Ahmia's view runs as before (its token check, its length limits, its own banned_search and its help page,
Elasticsearch, its own filter_hits_by_terms); the mixin adds Waymark:

- A query is banned when Waymark's answer matches OR Ahmia's own list does (banned_search). When Waymark
  matched, the searcher is redirected to Waymark's warning (or, when the query asks how to report, Waymark's
  reporting page) in their language, on the Waymark address for the site they came from (onion or
  clearnet). When only Ahmia's list matched, Ahmia's own help page is shown as before.
- Every warning or help page carries never_cache headers: no proxy or browser keeps a copy.
- After Ahmia's own filter, result titles and descriptions that Waymark's terms match are removed too, with
  batch calls: the same term list drives the warning and the result filter.
- Fail mode: when Waymark does not answer within the deadline (down, slow, refusing with 429, or the
  breaker open), the query is screened by Ahmia's own list alone, and results by Ahmia's own filter alone.
  Nothing here raises: no search fails because of Waymark.

Settings (Django settings module):
    WAYMARK_OPERATOR_URL   Waymark's operator listener: "http://127.0.0.1:5082" or "unix:/run/waymark/operator.sock"
    WAYMARK_PUBLIC_URL     Waymark as clearnet searchers reach it, such as "https://waymark.example"
    WAYMARK_ONION_URL      Waymark as onion searchers reach it, such as "http://....onion"
    WAYMARK_DEADLINE       seconds a query may wait for Waymark in all (default 0.3)
    WAYMARK_FILTER_DEADLINE  seconds all the batch calls of one result page may take together (default 0.5)
    WAYMARK_BREAKER_FAILURES failures in a row that open the breaker (default 3)
    WAYMARK_BREAKER_COOLDOWN seconds the breaker stays open before one call tries again (default 30)
"""
import threading
import time
import urllib.parse

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from .client import WaymarkClient
from .languages import waymark_language

BATCH_SIZE = 500  # strings per batch call (Waymark takes up to 1,000)
LONGEST_TEXT = 1000  # characters Waymark screens in one string

_clients = {}
_clients_lock = threading.Lock()


def waymark_client():
    """One client (and so one breaker) per process and configuration."""
    key = (
        settings.WAYMARK_OPERATOR_URL,
        getattr(settings, "WAYMARK_DEADLINE", 0.3),
        getattr(settings, "WAYMARK_BREAKER_FAILURES", 3),
        getattr(settings, "WAYMARK_BREAKER_COOLDOWN", 30.0),
    )
    with _clients_lock:
        if key not in _clients:
            _clients[key] = WaymarkClient(key[0], deadline=key[1], failures_to_open=key[2], cooldown=key[3])
        return _clients[key]


def public_base(request):
    """Waymark's address for this searcher: the onion one when they came to Ahmia's onion, else the clearnet one."""
    host = request.get_host().split(":")[0].lower()
    if host.endswith(".onion"):
        return settings.WAYMARK_ONION_URL.rstrip("/")
    return settings.WAYMARK_PUBLIC_URL.rstrip("/")


def on_site(url, request):
    """A URL of Waymark's answer (site-relative, or absolute on Waymark's own link base) on this searcher's Waymark address."""
    parts = urllib.parse.urlsplit(url)
    return public_base(request) + parts.path + ("?" + parts.query if parts.query else "")


class WaymarkScreeningMixin:
    """Waymark screening for Ahmia's TorResultsView (put it first among the bases)."""

    waymark_answer = None
    waymark_banned = False

    def waymark_language(self):
        return waymark_language(get_language())

    def banned_search(self, search_term):
        # Both decide: Waymark (when it answers in time) and Ahmia's own list (always).
        local = super().banned_search(search_term)
        answer = waymark_client().screen(search_term, self.waymark_language())
        self.waymark_answer = answer if answer is not None and answer.get("matched") else None
        self.waymark_banned = local or self.waymark_answer is not None
        return self.waymark_banned

    def get(self, request, *args, **kwargs):
        self.waymark_answer = None
        self.waymark_banned = False
        response = super().get(request, *args, **kwargs)
        if self.waymark_answer is not None and self.waymark_answer.get("warning_url"):
            response = HttpResponseRedirect(on_site(self.waymark_answer["warning_url"], request))
        if self.waymark_banned:
            add_never_cache_headers(response)
        return response

    def filter_hits(self):
        super().filter_hits()  # Ahmia's own: duplicates, its term list, the time filter
        hits = self.object_list.hits
        if not hits:
            return
        end = time.monotonic() + getattr(settings, "WAYMARK_FILTER_DEADLINE", 0.5)
        language = self.waymark_language()
        keep = []
        for start in range(0, len(hits), BATCH_SIZE // 2):
            page = hits[start:start + BATCH_SIZE // 2]
            left = end - time.monotonic()
            flags = None
            if left > 0:
                texts = []
                for hit in page:
                    texts.append((hit.get("title") or "")[:LONGEST_TEXT])
                    texts.append((hit.get("meta") or "")[:LONGEST_TEXT])
                flags = waymark_client().screen_many(texts, language, deadline=left)
            if flags is None:
                keep.extend(page)  # no answer in time: Ahmia's own filter has already run on these
                continue
            keep.extend(hit for index, hit in enumerate(page) if not (flags[2 * index] or flags[2 * index + 1]))
        self.object_list.hits = keep
        self.object_list.total = len(keep)
