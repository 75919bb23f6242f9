"""Evaluating figure definitions over participants: counts, sums and shares with a named denominator.

A share is `numerator / denominator × 100`, where the numerator is the participants matching both
the denominator's filter and the figure's own `subset`: "工业企业占比77.4 %" counts industrial
enterprises among all enterprises; "其中开发区和工业集中区企业占比72 %" counts zone enterprises among
the industrial ones (denominator = industrial enterprises). Rounding is half-up to `decimals`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from xiaoneng.activities.models import Activity, FigureDefinition, Measure, Participant

# Filter keys a definition may use, and the type each value must have.
FILTER_FIELDS: dict[str, type] = {
    "role": str,
    "role__in": list,
    "is_first_time": bool,
    "size": str,
    "size__in": list,
    "is_industrial": bool,
    "is_above_scale": bool,
    "zone": str,
    "zone__in": list,
    "amount__lte": (int, float, str),
    "amount__gt": (int, float, str),
}


def check_filter(spec: dict) -> Q:
    """The Q object of a filter spec, or ValidationError naming the bad key."""
    if not isinstance(spec, dict):
        raise ValidationError(_("A filter must be an object of field: value."))
    for key, value in spec.items():
        expected = FILTER_FIELDS.get(key)
        if expected is None:
            raise ValidationError(_("Unknown filter field %(key)s.") % {"key": key})
        if not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
            raise ValidationError(_("Wrong value for filter field %(key)s.") % {"key": key})
    return Q(**{key: Decimal(str(v)) if key.startswith("amount") else v for key, v in spec.items()})


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FigureValue:
    definition: FigureDefinition
    value: Decimal
    numerator: Decimal
    denominator: Decimal | None  # shares only
    comparison: Decimal | None = None  # value as a percentage of the earlier period's value
    previous: Decimal | None = None


def _aggregate(
    definition: FigureDefinition, participants: QuerySet[Participant]
) -> tuple[Decimal, Decimal | None]:
    base = participants.filter(check_filter(definition.denominator))
    part = base.filter(check_filter(definition.subset))
    if definition.measure in (Measure.COUNT, Measure.SHARE_COUNT):
        numerator = Decimal(part.count())
        denominator = Decimal(base.count()) if definition.measure == Measure.SHARE_COUNT else None
    else:
        field = definition.field or "amount"
        numerator = part.aggregate(s=Sum(field))["s"] or Decimal(0)
        denominator = (
            (base.aggregate(s=Sum(field))["s"] or Decimal(0))
            if definition.measure == Measure.SHARE_SUM
            else None
        )
    return Decimal(numerator), None if denominator is None else Decimal(denominator)


def _value(definition: FigureDefinition, numerator: Decimal, denominator: Decimal | None) -> Decimal:
    if definition.measure in (Measure.SHARE_COUNT, Measure.SHARE_SUM):
        raw = 100 * numerator / denominator if denominator else Decimal(0)
    else:
        raw = numerator / (definition.scale or 1)
    return _round(raw, definition.decimals)


def evaluate(definition: FigureDefinition, activities) -> FigureValue:
    """The figure over the participants of `activities` (one activity, a list or a queryset)."""
    if isinstance(activities, Activity):
        activities = [activities]
    participants = Participant.objects.filter(activity__in=activities)
    numerator, denominator = _aggregate(definition, participants)
    value = _value(definition, numerator, denominator)
    comparison = previous = None
    years = sorted({a.held_on.year for a in activities})
    if definition.compare_previous_year and years:
        earlier = Activity.objects.filter(kind=definition.kind, held_on__year=years[0] - 1)
        prev_num, prev_den = _aggregate(definition, Participant.objects.filter(activity__in=earlier))
        previous = _value(definition, prev_num, prev_den)
        if prev_num and definition.measure in (Measure.COUNT, Measure.SUM):
            comparison = _round(100 * numerator / prev_num, 0)
    return FigureValue(definition, value, numerator, denominator, comparison, previous)


def figures_of(activity: Activity) -> list[FigureValue]:
    return [evaluate(d, activity) for d in FigureDefinition.objects.filter(kind=activity.kind)]


def figure(kind: str, code: str, activities) -> FigureValue:
    return evaluate(FigureDefinition.objects.get(kind=kind, code=code), activities)


def activities_in(kind: str, start: datetime.date, end: datetime.date, unit=None) -> QuerySet[Activity]:
    found = Activity.objects.filter(kind=kind, held_on__gte=start, held_on__lte=end)
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    return found


def activity_count(kind: str, start: datetime.date, end: datetime.date, unit=None) -> int:
    """举办…培训班N期: how many activities of a kind a unit (and its subtree) held in a period."""
    return activities_in(kind, start, end, unit).count()


def headcount(kind: str, start: datetime.date, end: datetime.date, unit=None) -> int:
    """参训人员N人次: the person-times of every participant of those activities."""
    return (
        Participant.objects.filter(activity__in=activities_in(kind, start, end, unit)).aggregate(
            n=Sum("headcount")
        )["n"]
        or 0
    )


def count_by_role(activity: Activity) -> dict[str, int]:
    rows = activity.participants.values("role").annotate(n=Count("pk"))
    return {row["role"]: row["n"] for row in rows}


def approx(n: int) -> str:
    """The newsletter's "300多": the count rounded down to its leading tens or hundreds, plus 多."""
    if n < 20:
        return str(n)
    step = 100 if n >= 200 else 10
    base = n - n % step
    return f"{base}多" if n > base else str(n)
