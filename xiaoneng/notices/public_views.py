"""Published notices on the portal (no account): list, one notice, its DOCX, RSS and JSON feeds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from xiaoneng.notices.models import Notice, NoticeState
from xiaoneng.notices.views import docx_response
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public


def published():
    return Notice.objects.filter(state=NoticeState.PUBLISHED).order_by("-published_at", "-pk")


@public_page
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published(), 20).get_page(request.GET.get("page"))
    return render_public(request, "notices/public/list.html", {"page": page})


@public_page
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_public(
        request, "notices/public/detail.html", {"notice": get_object_or_404(published(), pk=pk)}
    )


@public_page
def notice_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    return docx_response(get_object_or_404(published(), pk=pk))


def _items() -> list[FeedItem]:
    return [
        FeedItem(
            id=f"notice-{n.pk}",
            url=n.get_public_url(),
            title=f"{n.doc_no} {n.title}",
            text="\n".join(n.paragraphs),
            published=n.published_at,
            tags=(n.get_kind_display(),),
        )
        for n in published()[:50]
    ]


def _meta() -> dict:
    return {
        "title": _("Notices"),
        "link": reverse("public_notices:list"),
        "description": _("Notices of commendation and criticism of the County Efficiency Center"),
    }


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, items=_items(), **_meta())


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, items=_items(), **_meta())
