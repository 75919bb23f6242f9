"""Public pages (no account) of every unit's commitments and their fulfilment, embeddable in the
county portal (`?embed=1`), and the same list as RSS and JSON feeds the portal can import.
Only published notices show; drafts, matters, evidence files and staff names never do.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xiaoneng.commitments.figures import campaign_figures
from xiaoneng.commitments.models import BreachNotice, Campaign, CommitmentItem, NoticeState, UnitCommitment
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public

PAGE_SIZE = 20
FEED_SIZE = 100


def _items() -> Prefetch:
    return Prefetch(
        "items", CommitmentItem.objects.select_related("breach__notice").prefetch_related("milestones")
    )


def published_notices() -> QuerySet[BreachNotice]:
    return BreachNotice.objects.filter(state=NoticeState.PUBLISHED).select_related(
        "breach__item__commitment__unit"
    )


@require_GET
@public_page
def commitment_list(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.all())
    chosen = next(
        (c for c in campaigns if c.public_id == request.GET.get("campaign")),
        campaigns[0] if campaigns else None,
    )
    rows = (
        UnitCommitment.objects.filter(campaign=chosen)
        .select_related("unit", "campaign")
        .prefetch_related(_items())
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = f"campaign={chosen.public_id}" if chosen else ""
    if request.GET.get("embed") == "1":
        query += "&embed=1"
    return render_public(
        request,
        "commitments/public/list.html",
        {
            "campaigns": campaigns,
            "chosen": chosen,
            "page": page,
            "query": query,
            "figures": campaign_figures(chosen) if chosen else None,
            "notices": published_notices()[:10],
        },
    )


@require_GET
@public_page
def commitment_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    commitment = get_object_or_404(
        UnitCommitment.objects.select_related("unit", "campaign").prefetch_related(_items()),
        public_id=public_id,
    )
    return render_public(request, "commitments/public/detail.html", {"commitment": commitment})


def _text(commitment: UnitCommitment) -> str:
    lines = [f"{commitment.get_committer_kind_display()} · {'、'.join(commitment.channel_labels())}"]
    for item in commitment.items.all():
        lines.append(
            f"{item.get_kind_display()}：{item.promise}（{item.get_status_display()}，{item.progress}%）"
        )
    return "\n".join(lines)


def feed_items() -> list[FeedItem]:
    """Every commitment (newest change first) and every published notice."""
    commitments = (
        UnitCommitment.objects.select_related("unit", "campaign")
        .prefetch_related(_items())
        .annotate(changed=Max("items__updated_at"))
        .order_by("-created_at")[:FEED_SIZE]
    )
    entries = []
    for c in commitments:
        published = timezone.make_aware(datetime.datetime.combine(c.committed_on, datetime.time(9)))
        entries.append(
            FeedItem(
                id=f"commitment:{c.public_id}",
                url=c.get_public_url(),
                title=f"{c.unit.name} · {c.campaign.name}",
                text=_text(c),
                published=published,
                updated=c.changed,
                tags=tuple(str(i.get_kind_display()) for i in c.items.all()),
            )
        )
    for notice in published_notices()[:FEED_SIZE]:
        entries.append(
            FeedItem(
                id=f"commitment-notice:{notice.pk}",
                url=notice.breach.item.commitment.get_public_url(),
                title=notice.title,
                text=notice.text,
                published=notice.published_at,
                tags=(_("Notice"),),
            )
        )
    return sorted(entries, key=lambda e: e.updated or e.published, reverse=True)


def _feed_meta(request: HttpRequest) -> dict:
    return {
        "title": _("Public commitments and their fulfilment"),
        "link": reverse("public_commitments:list"),
        "description": _("Every unit's public commitments, their fulfilment and notices of broken ones."),
    }


@require_GET
@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, items=feed_items(), **_feed_meta(request))


@require_GET
@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, items=feed_items(), **_feed_meta(request))
