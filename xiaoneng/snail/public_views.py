"""The Snail Award on the public portal: published batches, their items, units and problems; feeds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from xiaoneng.snail import figures
from xiaoneng.snail.models import Batch, BatchState, Item
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public


def _published():
    items = Item.objects.select_related("unit").prefetch_related("co_units").order_by("pk")
    return (Batch.objects.filter(state=BatchState.PUBLISHED).order_by("-published_at", "-pk")
            .prefetch_related(Prefetch("items", queryset=items)))


@public_page
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(_published(), 10).get_page(request.GET.get("page"))
    return render_public(request, "snail/public/index.html", {"page": page})


@public_page
def batch(request: HttpRequest, public_id: str) -> HttpResponse:
    batch = get_object_or_404(_published(), public_id=public_id)
    return render_public(request, "snail/public/batch.html", {
        "batch": batch, "items": batch.items.all(), "units": figures.units_named(batch)})


def _items() -> list[FeedItem]:
    entries = []
    for batch in _published()[:30]:
        items = batch.items.all()
        text = _("%(items)s matters, %(units)s units: %(list)s") % {
            "items": len(items), "units": figures.units_named(batch),
            "list": "；".join(f"{item.unit.name}：{item.title}" for item in items)}
        entries.append(FeedItem(id=batch.public_id, url=batch.get_public_url(), title=str(batch), text=text,
                                published=batch.published_at))
    return entries


def _feed(request: HttpRequest, response):
    return response(request, title=_("Snail Award"), link=reverse("public_snail:index"),
                    description=_("Units named for slow or careless handling, batch by batch"),
                    items=_items())


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, rss_response)


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return _feed(request, json_feed_response)
