"""Public pages (no account): the accepted items with their notification sheets (and feeds),
the rating form behind each case's link or QR code, the hall's calling screen, service stars.

The rating POST is CSRF-exempt for the same reason as the complaints' forms (it may sit in a
cross-site frame and acts with no one's authority): the unguessable token is the authority,
it works once, and the per-address rate limit stops floods.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from xiaoneng.complaints import ratelimit
from xiaoneng.matters import clock
from xiaoneng.org.models import Unit, UnitKind
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public
from xiaoneng.windows import actions, queue
from xiaoneng.windows.models import DIMENSIONS, Level, ServiceItem, ServiceStar, StarState

FEED_SIZE = 200


def public_items():
    return (
        ServiceItem.objects.filter(is_public=True, is_active=True)
        .select_related("unit")
        .order_by("unit__sort_order", "unit__code", "code")
    )


@require_GET
@public_page
def items(request: HttpRequest) -> HttpResponse:
    return render_public(request, "windows/public/items.html", {"items": public_items()})


@require_GET
@public_page
def item_notice(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(public_items(), code=code)
    return render_public(request, "windows/public/notice.html", {"item": item})


def _feed_items():
    for item in public_items()[:FEED_SIZE]:
        limit = (
            _("on the spot") if item.is_immediate else _("%(n)d working days") % {"n": item.promised_limit}
        )
        yield FeedItem(
            id=f"window-item-{item.code}",
            url=reverse("public_windows:item", args=[item.code]),
            title=f"{item.unit.short_name}：{item.name}",
            text=f"{_('Promised limit')}：{limit}；{_('Materials')}：{'；'.join(item.material_list())}",
            published=item.updated_at,
            tags=(item.unit.short_name,),
        )


def _feed_args() -> dict:
    return {
        "title": _("Service items accepted at the windows"),
        "link": reverse("public_windows:items"),
        "description": _("The items each window accepts, with promised limits and materials."),
    }


@require_GET
@public_page
def items_rss(request: HttpRequest) -> HttpResponse:
    return rss_response(request, items=_feed_items(), **_feed_args())


@require_GET
@public_page
def items_json(request: HttpRequest) -> HttpResponse:
    return json_feed_response(request, items=_feed_items(), **_feed_args())


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        choices=Level.choices, coerce=int, widget=forms.RadioSelect, label=gettext_lazy("Overall")
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label=gettext_lazy("Comment"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in DIMENSIONS.items():
            self.fields[f"dim_{key}"] = forms.TypedChoiceField(
                choices=[("", "—"), *Level.choices], coerce=int, required=False, label=label, empty_value=None
            )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_page
def rate(request: HttpRequest, token: str) -> HttpResponse:
    case = actions.case_for_token(token)
    if case is None:
        return render_public(request, "windows/public/rate_gone.html", status=404)
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.hit(request, "submit"):
            response = render_public(
                request,
                "windows/public/rate.html",
                {"form": form, "case": case, "rate_limited": True},
                status=429,
            )
            response["Retry-After"] = str(ratelimit.retry_after("submit"))
            return response
        if form.is_valid():
            dims = {key: form.cleaned_data[f"dim_{key}"] for key in DIMENSIONS}
            try:
                actions.do_rate_case(
                    token,
                    level=form.cleaned_data["level"],
                    dimensions=dims,
                    comment=form.cleaned_data["comment"],
                )
            except actions.WindowError as exc:
                form.add_error(None, exc.message)
            else:
                return render_public(request, "windows/public/rate_done.html", {"case": case})
    return render_public(
        request, "windows/public/rate.html", {"form": form, "case": case}, status=400 if form.errors else 200
    )


def _hall_windows(code: str | None):
    windows = Unit.objects.current().filter(kind=UnitKind.WINDOW)
    if code:
        hall = Unit.objects.filter(code=code).first()
        if hall is None:
            raise Http404
        windows = windows.filter(path__startswith=hall.path)
    return list(windows.order_by("sort_order", "code"))


@require_GET
@public_page
def screen(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """叫号屏: large type, refreshes itself; no account (it shows ticket numbers only)."""
    windows = _hall_windows(code)
    today = clock.today()
    data = queue.calling_screen(windows, today)
    rows = [{"unit": w, "waiting": data["waiting"].get(w.pk, 0)} for w in windows]
    return render_public(
        request,
        "windows/public/screen.html",
        {"called": data["called"], "rows": rows, "now": timezone.localtime(), "embed": True, "embed_qs": ""},
    )


@require_GET
@public_page
def stars(request: HttpRequest) -> HttpResponse:
    confirmed = ServiceStar.objects.filter(state=StarState.CONFIRMED).select_related("person", "unit")[:100]
    return render_public(request, "windows/public/stars.html", {"stars": confirmed})
