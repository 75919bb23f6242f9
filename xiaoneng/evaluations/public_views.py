"""Public evaluation pages: the phone-sized ballot of a one-time link, and published results.

No account. The ballot page sets no cookie beyond CSRF's and is never logged with its link in
the audit log; a used or unknown link gets the same answer, so links cannot be probed.
"""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from xiaoneng.complaints import ratelimit
from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import Grade, Level, Round, RoundState
from xiaoneng.web.feeds import FeedItem, json_feed_response, rss_response
from xiaoneng.web.public import public_page, render_public


def _published():
    return Round.objects.filter(state=RoundState.PUBLISHED).order_by("-published_at", "-pk")


@public_page
def index(request: HttpRequest) -> HttpResponse:
    return render_public(request, "evaluations/public/index.html", {"rounds": _published()[:50]})


@public_page
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    round = get_object_or_404(_published(), public_id=public_id)
    targets = round.targets.select_related("unit").order_by("level", "rank", "unit__code")
    levels = defaultdict(lambda: {"ranked": [], "unranked": []})
    for target in targets:
        levels[target.level]["ranked" if target.rank else "unranked"].append(target)
    return render_public(request, "evaluations/public/detail.html", {
        "round": round, "levels": [(Level(key).label, levels[key]) for key in Level.values if key in levels],
    })


def _items() -> list[FeedItem]:
    items = []
    for round in _published()[:50]:
        worst = ", ".join(t.unit.name for t in round.targets.filter(is_worst=True).select_related("unit"))
        items.append(FeedItem(
            id=round.public_id, url=round.get_public_url(), title=round.title,
            text=_("Results of %(title)s. Ranked last: %(worst)s.")
            % {"title": round.title, "worst": worst or "—"},
            published=round.published_at,
        ))
    return items


def _feed(request: HttpRequest, response):
    return response(request, title=_("Evaluation results"), link=reverse("public_evaluations:index"),
                    description=_("Published results of evaluations of departments and sections"),
                    items=_items())


@public_page
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, rss_response)


@public_page
def feed_json(request: HttpRequest) -> HttpResponse:
    return _feed(request, json_feed_response)


def _form(round: Round, posted=None) -> list[dict]:
    """Rows of the ballot: each target with one select per dimension (name, answer kept on error)."""
    dimensions = list(round.dimensions.all())
    posted = posted or {}

    def field(target, d) -> tuple:
        name = f"m-{target.pk}-{d.pk}"
        return d, name, posted.get(name, "")

    return [{"target": target, "fields": [field(target, d) for d in dimensions]}
            for target in round.targets.select_related("unit").order_by("level", "unit__sort_order",
                                                                         "unit__code")]


def _answers(post) -> dict[tuple[int, int], int]:
    answers = {}
    for key, value in post.items():
        if key.startswith("m-") and value != "":
            _m, target, dimension = key.split("-", 2)
            answers[(int(target), int(dimension))] = int(value)
    return answers


def _gone(request: HttpRequest, message: str) -> HttpResponse:
    return render_public(request, "evaluations/public/ballot_gone.html", {"message": message}, status=404)


@public_page
def ballot(request: HttpRequest, secret: str) -> HttpResponse:
    try:
        link = actions.usable_link(secret)
    except actions.LinkNotUsable as error:
        return _gone(request, error.message)
    context = {"round": link.round, "group": link.group, "rows": _form(link.round), "grades": Grade.choices}
    if request.method != "POST":
        return render_public(request, "evaluations/public/ballot.html", context)
    if ratelimit.hit(request, "submit"):
        error, status = _("Too many submissions from this address; try again later."), 429
    else:
        try:
            actions.do_cast_ballot(secret, _answers(request.POST))
        except ValueError:
            error, status = _("The ballot contains an answer that is not on the form."), 400
        except actions.LinkNotUsable as refused:
            return _gone(request, refused.message)
        except actions.EvaluationError as refused:
            error, status = refused.message, 400
        else:
            return render_public(request, "evaluations/public/ballot_done.html", {"round": link.round})
    context["error"], context["rows"] = error, _form(link.round, request.POST)
    return render_public(request, "evaluations/public/ballot.html", context, status=status)
