"""What matters tell the leadership dashboard about a period (see xiaoneng.news).

Every figure counts the matters received in the period that the viewer may see (`user=None` is
the county-wide view of the `xiaoneng report` command):

- by state, and the open matters with a deadline by warning colour;
- by responsible unit: on time = replied by the deadline, of those replied or already past it
  (办复准时率); verified true = 查实 or 部分查实, of those verified (查实率);
- by month: received, and closed, in each month of the period.

Each breakdown is one GROUP BY query.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import pgettext

from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.models import Matter, State, Verdict
from xiaoneng.news import Panel

CLOSED = (State.REJECTED, State.CLOSED)
TRUE_VERDICTS = (Verdict.SUBSTANTIATED, Verdict.PARTLY)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone))


def received(start: datetime.date, end: datetime.date, user=None) -> QuerySet[Matter]:
    matters = Matter.objects.all() if user is None else Matter.objects.visible_to(user)
    since, until = _bounds(start, end)
    return matters.filter(received_at__gte=since, received_at__lt=until)


def percent(part: int, whole: int) -> float | str:
    return round(100 * part / whole, 1) if whole else ""


def by_state(matters: QuerySet[Matter]) -> list[tuple[str, int]]:
    counts = dict(matters.order_by().values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return [(str(label), counts.get(value, 0)) for value, label in State.choices]


def by_colour(matters: QuerySet[Matter]) -> list[tuple[str, int]]:
    running = matters.exclude(state__in=CLOSED).filter(deadline__isnull=False)
    counts = dict(running.order_by().values_list("colour").annotate(n=Count("pk")).values_list("colour", "n"))
    return [(str(label), counts.get(value, 0)) for value, label in Colour.choices]


def by_unit(matters: QuerySet[Matter], today: datetime.date) -> list[dict]:
    replied = Q(replied_at__isnull=False)
    due = replied | Q(missed_deadline=True) | Q(red_on__lte=today)
    rows = (matters.filter(unit__isnull=False).order_by()
            .values("unit", "unit__short_name", "unit__name")
            .annotate(cases=Count("pk"), due=Count("pk", filter=due),
                      on_time=Count("pk", filter=replied & Q(replied_at__date__lte=F("deadline"))),
                      verified=Count("pk", filter=~Q(verdict="")),
                      true=Count("pk", filter=Q(verdict__in=TRUE_VERDICTS))))
    result = [{"unit": row["unit__short_name"] or row["unit__name"], "cases": row["cases"], "due": row["due"],
               "on_time": row["on_time"], "on_time_rate": percent(row["on_time"], row["due"]),
               "verified": row["verified"], "true": row["true"],
               "true_rate": percent(row["true"], row["verified"])} for row in rows]
    return sorted(result, key=lambda r: (-(r["on_time_rate"] or 0), -r["cases"], r["unit"]))


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    first, result = start.replace(day=1), []
    while first <= end:
        result.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return result


def by_month(matters: QuerySet[Matter], start: datetime.date, end: datetime.date
             ) -> list[tuple[str, int, int]]:
    zone = timezone.get_current_timezone()
    got = dict(matters.order_by().annotate(m=TruncMonth("received_at", tzinfo=zone)).values_list("m")
               .annotate(n=Count("pk")).values_list("m", "n"))
    done = dict(matters.filter(closed_at__isnull=False).order_by()
                .annotate(m=TruncMonth("closed_at", tzinfo=zone)).values_list("m")
                .annotate(n=Count("pk")).values_list("m", "n"))

    def key(value) -> datetime.date:
        return value.date() if isinstance(value, datetime.datetime) else value

    got = {key(k): v for k, v in got.items()}
    done = {key(k): v for k, v in done.items()}
    return [(f"{m.year}-{m.month:02d}", got.get(m, 0), done.get(m, 0)) for m in months(start, end)]


def _t(text: str) -> str:
    return pgettext("dashboard", text)


def _rates(units: list[dict]) -> dict[str, list[tuple[str, float]]]:
    """The rates by unit as a bar chart: the 20 units with the most matters that have a rate."""
    shown = sorted((r for r in units if r["on_time_rate"] != "" or r["true_rate"] != ""),
                   key=lambda r: -r["cases"])[:20]
    return {_t("On-time rate (%)"): [(r["unit"], r["on_time_rate"] or 0) for r in shown],
            _t("Verified-true rate (%)"): [(r["unit"], r["true_rate"] or 0) for r in shown]}


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    matters = received(start, end, user)
    states = by_state(matters)
    colours = by_colour(matters)
    units = by_unit(matters, timezone.localdate())
    trend = by_month(matters, start, end)
    count = _t("Matters")
    return [
        Panel(key="matters.by_state", title=_t("Matters by state"), headers=[_t("State"), count],
              rows=states, chart="bar", series={count: [(label, n) for label, n in states if n]}),
        Panel(key="matters.by_colour", title=_t("Open matters by warning colour"),
              headers=[_t("Warning"), count], rows=colours, chart="bar", series={count: colours},
              note=_t("Open matters with a deadline, by the colour of the last morning scan.")),
        Panel(key="matters.by_unit", title=_t("On-time and verified-true rates by unit"),
              headers=[_t("Unit"), count, _t("Due"), _t("Replied on time"), _t("On-time rate (%)"),
                       _t("Verified"), _t("Verified true"), _t("Verified-true rate (%)")],
              rows=[[r["unit"], r["cases"], r["due"], r["on_time"], r["on_time_rate"], r["verified"],
                     r["true"], r["true_rate"]] for r in units],
              chart="bar", series=_rates(units),
              note=_t("On time: replied by the deadline, of those replied or past it. "
                      "Verified true: substantiated or partly, of those verified.")),
        Panel(key="matters.by_month", title=_t("Matters by month"),
              headers=[_t("Month"), _t("Received"), _t("Closed")], rows=trend, chart="line",
              series={_t("Received"): [(m, got) for m, got, _done in trend],
                      _t("Closed"): [(m, done) for m, _got, done in trend]}),
    ]
