"""The public display (亮晒) of the quarterly competition: units only, never targets or households.

Embeddable in the county portal (`?embed=1`), and also an RSS and a JSON feed.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.matters import clock
from xiaoneng.outreach import competition, quotas
from xiaoneng.outreach.models import Programme
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public


def _latest_quarter(today: datetime.date) -> tuple[int, int]:
    """The last quarter that has ended (the display shows finished quarters)."""
    number = quotas.quarter_of(today) - 1
    return (today.year - 1, 4) if number == 0 else (today.year, number)


def _tables(today: datetime.date) -> list[dict]:
    year, number = _latest_quarter(today)
    shown = []
    for programme in Programme.objects.filter(is_public=True, year__lte=year).order_by("-year")[:3]:
        q_year, q_number = (year, number) if programme.year == year else (programme.year, 4)
        table = competition.quarter_table(programme, q_year, q_number, today)
        shown.append({"programme": programme, "year": q_year, "quarter": q_number, "table": table})
    return shown


@public_page
def index(request: HttpRequest) -> HttpResponse:
    return render_public(request, "outreach/public/index.html", {"tables": _tables(clock.today())})


def _items(today: datetime.date) -> list[FeedItem]:
    items = []
    for shown in _tables(today):
        end = quotas.quarter_period(shown["year"], shown["quarter"]).end
        published = timezone.make_aware(datetime.datetime.combine(end, datetime.time(18)))
        for row in shown["table"]:
            items.append(
                FeedItem(
                    id=f"outreach:{shown['programme'].code}:{shown['year']}Q{shown['quarter']}:{row.unit_id}",
                    url=reverse("public_outreach:index"),
                    title=_("%(unit)s: place %(rank)d in quarter %(q)d")
                    % {"unit": row.unit, "rank": row.rank, "q": shown["quarter"]},
                    text=_("%(visits)d visits, %(rate)d%% of quotas met, %(problems)d problems handed over")
                    % {"visits": row.visits, "rate": row.rate, "problems": row.problems},
                    published=published,
                    tags=(shown["programme"].name,),
                )
            )
    return items


def _feed(request: HttpRequest, respond) -> HttpResponse:
    return respond(
        request,
        title=_("Outreach results"),
        link=reverse("public_outreach:index"),
        description=_("The quarterly competition of the outreach programme"),
        items=_items(clock.today()),
    )


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, rss_response)


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return _feed(request, json_feed_response)
