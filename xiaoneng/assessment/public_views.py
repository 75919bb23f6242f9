"""Public standings (no account): only years the center has published; embeddable; RSS and JSON."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from xiaoneng.assessment.models import AssessmentYear
from xiaoneng.assessment.standings import compute_standings
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public


def published_years():
    return AssessmentYear.objects.filter(published_at__isnull=False).order_by("-year")


@public_page
def index(request: HttpRequest) -> HttpResponse:
    return render_public(request, "assessment/public/index.html", {"years": published_years()})


@public_page
def standings(request: HttpRequest, year: int) -> HttpResponse:
    ay = get_object_or_404(published_years(), year=year)
    return render_public(
        request, "assessment/public/standings.html", {"ay": ay, "groups": compute_standings(ay)}
    )


def _items(request: HttpRequest) -> list[FeedItem]:
    items = []
    for ay in published_years()[:20]:
        leaders = "；".join(
            f"{g.name}：{g.rows[0].unit.name} {g.rows[0].score}" for g in compute_standings(ay) if g.rows
        )
        url = reverse("public_assessment:standings", args=[ay.year])
        items.append(
            FeedItem(
                id=f"assessment-{ay.year}", url=url, title=ay.title, text=leaders, published=ay.published_at
            )
        )
    return items


def _feed_meta() -> dict:
    return {
        "title": _("Assessment standings"),
        "link": reverse("public_assessment:index"),
        "description": _("Annual assessment standings published by the County Efficiency Center"),
    }


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, items=_items(request), **_feed_meta())


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, items=_items(request), **_feed_meta())
