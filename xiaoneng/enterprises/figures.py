"""Enterprise-support figures and warnings, shared by the screens, news.py and the jinhu_2013 fixture."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from xiaoneng.enterprises.models import EnterpriseProblem, IndicatorValue, WarningRule, WatchItem
from xiaoneng.matters.models import State
from xiaoneng.org.access import scope_to_user


def visible_problems(user) -> QuerySet[EnterpriseProblem]:
    return scope_to_user(EnterpriseProblem.objects.all(), user)


def open_problems(user=None) -> QuerySet[EnterpriseProblem]:
    problems = EnterpriseProblem.objects.all() if user is None else visible_problems(user)
    return (
        problems.filter(solved_on__isnull=True)
        .exclude(matter__state__in=[State.CLOSED, State.REJECTED])
        .select_related("target", "type", "unit", "matter")
    )


def solved_by_type(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """解决了N家企业X问题: per problem type code, the number of distinct enterprises (家) with a
    problem of that type solved between `start` and `end` (inclusive)."""
    rows = (
        EnterpriseProblem.objects.filter(solved_on__gte=start, solved_on__lte=end)
        .values("type__code")
        .annotate(n=Count("target", distinct=True))
    )
    return {row["type__code"]: row["n"] for row in rows}


def solved_table(start: datetime.date, end: datetime.date) -> list[tuple[str, int, int]]:
    """(type name, problems solved, enterprises) for every type with something solved."""
    rows = (
        EnterpriseProblem.objects.filter(solved_on__gte=start, solved_on__lte=end)
        .values("type__name", "type__order")
        .annotate(problems=Count("pk"), enterprises=Count("target", distinct=True))
        .order_by("type__order")
    )
    return [(row["type__name"], row["problems"], row["enterprises"]) for row in rows]


@dataclass(frozen=True)
class Warning:
    rule: str
    kind: str
    target: str
    text: str
    url: str = ""


def warnings(today: datetime.date, user=None) -> list[Warning]:
    """Every warning the active rules raise today, over the problems and watchlist the user may see."""
    found: list[Warning] = []
    problems = open_problems(user)
    watch = WatchItem.objects.filter(is_active=True)
    if user is not None:
        watch = scope_to_user(watch, user)
    for rule in WarningRule.objects.filter(is_active=True):
        if rule.kind == WarningRule.Kind.OPEN_TOO_LONG:
            limit = today - datetime.timedelta(days=rule.days)
            for problem in problems.filter(reported_on__lt=limit):
                found.append(
                    Warning(
                        rule.name,
                        rule.kind,
                        problem.target.name,
                        f"{problem.title}（{problem.reported_on:%Y-%m-%d}）",
                        problem.get_absolute_url(),
                    )
                )
        elif rule.kind == WarningRule.Kind.REPEATED:
            since = today - datetime.timedelta(days=rule.days)
            scoped = EnterpriseProblem.objects.all() if user is None else visible_problems(user)
            repeated = (
                scoped.filter(reported_on__gte=since)
                .values("target__name")
                .annotate(n=Count("pk"))
                .filter(n__gte=rule.count)
                .order_by("target__name")
            )
            for row in repeated:
                found.append(Warning(rule.name, rule.kind, row["target__name"], f"{row['n']}"))
        else:
            latest = (
                IndicatorValue.objects.filter(target=OuterRef("target"), indicator=OuterRef("indicator"))
                .order_by("-period")
                .values("period")[:1]
            )
            values = IndicatorValue.objects.filter(
                target__watch_item__in=watch, period=Subquery(latest)
            ).select_related("indicator", "target")
            for value in values:
                if value.indicator.crossed(value.value):
                    found.append(
                        Warning(
                            rule.name,
                            rule.kind,
                            value.target.name,
                            f"{value.indicator.name} {value.value}{value.indicator.measure}"
                            f"（{value.period:%Y-%m}）",
                        )
                    )
    return found


def latest_period() -> datetime.date | None:
    return IndicatorValue.objects.aggregate(p=Max("period"))["p"]


def meeting_months(start: datetime.date, end: datetime.date) -> tuple[int, int]:
    """(months in the period with a coordination meeting, months in the period): "每月召开一次"."""
    from xiaoneng.enterprises.models import Meeting

    held = {
        (d.year, d.month)
        for d in Meeting.objects.filter(held_on__gte=start, held_on__lte=end).values_list(
            "held_on", flat=True
        )
    }
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return len(held), months
