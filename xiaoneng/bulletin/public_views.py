"""The bulletin on the public portal: published issues, an archive by year, RSS and JSON feeds.

Embeddable in the county portal (`?embed=1`). Only published issues exist here; a draft is 404.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.bulletin import export
from xiaoneng.bulletin.models import Issue, IssueState
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public

FEED_SIZE = 20


def _published():
    return Issue.objects.filter(state=IssueState.PUBLISHED)


@public_page
def archive(request: HttpRequest) -> HttpResponse:
    years = list(_published().order_by("-year").values_list("year", flat=True).distinct())
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = years[0] if years else timezone.localdate().year
    issues = _published().filter(year=year).order_by("-number")
    return render_public(request, "bulletin/public/archive.html", {
        "years": years, "year": year, "issues": issues})


@public_page
def issue(request: HttpRequest, year: int, number: int) -> HttpResponse:
    found = get_object_or_404(_published(), year=year, number=number)
    return render_public(request, "bulletin/public/issue.html", {
        "issue": found, "bulletin": export.bulletin_of(found)})


def _feed_items() -> list[FeedItem]:
    items = []
    for found in _published().order_by("-published_at")[:FEED_SIZE].prefetch_related("items"):
        published = found.published_at or timezone.make_aware(
            datetime.datetime.combine(found.date, datetime.time(9)))
        titles = "；".join(item.title for item in found.items.all())
        items.append(FeedItem(id=f"bulletin-{found.year}-{found.number}", url=found.get_public_url(),
                              title=f"{found.name} {found.issue_line}", text=titles, published=published))
    return items


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, title=_("Bulletin"), link=reverse("public_bulletin:archive"),
                        description=_("The efficiency center's bulletin"), items=_feed_items())


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, title=_("Bulletin"), link=reverse("public_bulletin:archive"),
                              description=_("The efficiency center's bulletin"), items=_feed_items())
