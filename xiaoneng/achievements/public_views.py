"""Public pages (no account) of the typical service achievements on display (公示), where anyone
may comment or object while the period is open, embeddable (`?embed=1`) and as RSS/JSON feeds.

Only selected achievements of quarters whose display period has begun are shown; only comments
a moderator has shown appear, in their moderated words. The comment POST is CSRF-exempt for the
same reason as the complaint form (inside the portal's frame the browser withholds the cookie;
the form acts with no one's authority) and is rate-limited per address with complaints' limiter.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from xiaoneng.achievements import actions
from xiaoneng.achievements.forms import CommentForm
from xiaoneng.achievements.models import CommentState, Declaration, DeclarationState, DisplayPeriod
from xiaoneng.complaints import ratelimit
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public

PAGE_SIZE = 20
FEED_SIZE = 100


def on_display(today: datetime.date | None = None) -> QuerySet[Declaration]:
    """Selected achievements of every quarter whose display period has started."""
    today = today or timezone.localdate()
    started = DisplayPeriod.objects.filter(
        year=OuterRef("year"), quarter=OuterRef("quarter"), starts_on__lte=today
    )
    return (
        Declaration.objects.filter(Exists(started), state=DeclarationState.SELECTED)
        .select_related("unit")
        .order_by("-year", "-quarter", "unit__sort_order", "pk")
    )


@require_GET
@public_page
def achievement_list(request: HttpRequest) -> HttpResponse:
    rows = on_display().annotate(n_comments=Count("comments", filter=Q(comments__state=CommentState.SHOWN)))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    periods = {(p.year, p.quarter): p for p in DisplayPeriod.objects.all()}
    for row in page:
        row.period = periods.get((row.year, row.quarter))
    return render_public(
        request,
        "achievements/public/list.html",
        {
            "page": page,
            "query": "embed=1" if request.GET.get("embed") == "1" else "",
            "today": timezone.localdate(),
        },
    )


def _page(
    request: HttpRequest,
    declaration: Declaration,
    form: CommentForm | None = None,
    status: int = 200,
    **extra,
) -> HttpResponse:
    period = actions.display_period_for(declaration)
    return render_public(
        request,
        "achievements/public/detail.html",
        {
            "declaration": declaration,
            "period": period,
            "open": period is not None and period.is_open(timezone.localdate()),
            "comments": declaration.comments.filter(state=CommentState.SHOWN),
            "form": form or CommentForm(),
            **extra,
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_page
def achievement_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    declaration = on_display().filter(public_id=public_id).first()
    if declaration is None:
        raise Http404
    if request.method == "GET":
        return _page(request, declaration, sent=request.GET.get("sent") == "1")
    form = CommentForm(request.POST)
    if ratelimit.hit(request, "submit"):
        response = _page(request, declaration, form, status=429, rate_limited=True)
        response["Retry-After"] = str(ratelimit.retry_after("submit"))
        return response
    if not form.is_valid():
        return _page(request, declaration, form, status=400)
    data = form.cleaned_data
    if not data["website"]:  # the honeypot: a bot's comment is dropped without telling it
        try:
            actions.do_post_comment(declaration, text=data["text"], kind=data["kind"], name=data["name"])
        except actions.AchievementError as error:
            form.add_error(None, str(error))
            return _page(request, declaration, form, status=400)
    embed = "&embed=1" if request.POST.get("embed") == "1" or request.GET.get("embed") == "1" else ""
    return redirect(f"{declaration.get_public_url()}?sent=1{embed}")


def feed_items() -> list[FeedItem]:
    entries = []
    for d in on_display()[:FEED_SIZE]:
        published = d.selected_at or timezone.now()
        entries.append(
            FeedItem(
                id=f"achievement:{d.public_id}",
                url=d.get_public_url(),
                title=f"{d.unit.name}：{d.title}",
                text=f"{d.what_done}\n{_('For whom')}: {d.beneficiaries}",
                published=published,
                tags=(f"{d.year}Q{d.quarter}", d.unit.short_name),
            )
        )
    return entries


def _meta() -> dict:
    return {
        "title": _("Typical service achievements on public display"),
        "link": reverse("public_achievements:list"),
        "description": _("The county's typical service achievements, shown for public supervision."),
    }


@require_GET
@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, items=feed_items(), **_meta())


@require_GET
@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, items=feed_items(), **_meta())
