"""Public lists as feeds the county portal can import: RSS 2.0 and JSON Feed 1.1.

An app describes its items once (`FeedItem`) and serves both formats from the same list:

    def achievements_rss(request): return rss_response(request, title=..., link=..., items=...)
    def achievements_json(request): return json_feed_response(request, title=..., link=..., items=...)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.feedgenerator import Rss201rev2Feed

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedItem:
    id: str  # stable: the public id or the URL
    url: str  # absolute or site-relative; made absolute against the request
    title: str
    text: str
    published: datetime.datetime
    updated: datetime.datetime | None = None
    tags: tuple[str, ...] = ()


def rss_response(request: HttpRequest, *, title: str, link: str, description: str,
                 items: Iterable[FeedItem]) -> HttpResponse:
    feed = Rss201rev2Feed(title=str(title), link=request.build_absolute_uri(link),
                          description=str(description), language="zh-cn",
                          feed_url=request.build_absolute_uri())
    for item in items:
        feed.add_item(title=str(item.title), link=request.build_absolute_uri(item.url),
                      description=str(item.text), unique_id=item.id, pubdate=item.published,
                      updateddate=item.updated, categories=[str(t) for t in item.tags])
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def json_feed_response(request: HttpRequest, *, title: str, link: str, description: str,
                       items: Iterable[FeedItem]) -> JsonResponse:
    def one(item: FeedItem) -> dict:
        entry = {"id": item.id, "url": request.build_absolute_uri(item.url), "title": str(item.title),
                 "content_text": str(item.text), "date_published": item.published.isoformat()}
        if item.updated:
            entry["date_modified"] = item.updated.isoformat()
        if item.tags:
            entry["tags"] = [str(t) for t in item.tags]
        return entry

    body = {"version": JSON_FEED_VERSION, "title": str(title), "description": str(description),
            "home_page_url": request.build_absolute_uri(link), "feed_url": request.build_absolute_uri(),
            "language": "zh-CN", "items": [one(item) for item in items]}
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response
