"""Ahmia's routes the search view needs (urls.py of ahmia-site), with the view behind the drop-in."""
from django.http import HttpResponse
from django.urls import path

from waymark_ahmia.views import WaymarkScreeningMixin

from .ahmia_copy import views


class ScreenedTorResultsView(WaymarkScreeningMixin, views.TorResultsView):
    """What an Ahmia operator adds: the mixin in front of Ahmia's own view."""


def home(request):
    return HttpResponse("home")


def onion_redirect(request):
    return HttpResponse("redirect")


urlpatterns = [
    path("", home, name="home"),
    path("search/redirect", onion_redirect, name="onion-redirect"),
    path("search/", ScreenedTorResultsView.as_view(), name="results"),
]
