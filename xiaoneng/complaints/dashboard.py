"""投诉统计: the complaints dashboard's figures, each one aggregate query over the complaints.

Every figure counts the complaints the viewer may see (visible_complaints: never one naming
the viewer), received in the chosen period, of the chosen kind, leaving out those marked as
duplicates (they are counted once, as their original). Nothing loads the table: each
breakdown is one GROUP BY, whatever the number of complaints.

Rates are shown only with their counts ("92% (23/25)") and a unit is ranked only when the
rate it is ranked by rests on at least `min_cases` complaints: one fast case must not top a
league (DESIGN §7).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.complaints.actions import visible_complaints
from xiaoneng.complaints.models import Category, Complaint, Satisfaction
from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.models import MatterKind, State, Verdict
from xiaoneng.org.access import sees_all_units

DEFAULT_MIN_CASES = 5
OVERDUE_SHOWN = 50
CLOSED_STATES = (State.REJECTED, State.CLOSED)


def min_cases() -> int:
    """Settings may raise the minimum (DASHBOARD_MIN_CASES); it never goes below 1."""
    return max(1, int(getattr(settings, "DASHBOARD_MIN_CASES", DEFAULT_MIN_CASES)))


def can_view_dashboard(user) -> bool:
    """County-wide readers of matters and complaints: center staff and admin, leaders, confirmers.
    Unit roles see their own figures in their lists, not a county league (they get 403)."""
    return (user.is_authenticated and user.has_perm("matters.view_matter")
            and user.has_perm("complaints.view_complaint") and sees_all_units(user))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included
    kind: MatterKind | None = None

    @classmethod
    def this_year(cls) -> Period:
        today = timezone.localdate()
        return cls(datetime.date(today.year, 1, 1), today)


def complaints_in(user, period: Period) -> QuerySet[Complaint]:
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    complaints = visible_complaints(user).filter(
        matter__received_at__gte=since, matter__received_at__lt=until, duplicate_of__isnull=True)
    if period.kind is not None:
        complaints = complaints.filter(matter__kind=period.kind)
    return complaints


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.whole) if self.whole else None

    @property
    def share(self) -> float:
        return self.part / self.whole if self.whole else 0.0

    def __str__(self) -> str:
        if not self.whole:
            return "—"
        return gettext("%(percent)s%% (%(part)s/%(whole)s)") % {
            "percent": self.percent, "part": self.part, "whole": self.whole}


@dataclass
class UnitFigures:
    unit_id: int | None
    name: str
    cases: int
    open: int
    overdue: int
    on_time: Rate
    substantiated: Rate
    satisfied: Rate
    rank: int | None = None
    rankable: bool = field(default=False)


@dataclass(frozen=True)
class Breakdown:
    key: str
    label: str
    count: int


def _overdue(today: datetime.date) -> Q:
    # red_on is set only while the clock runs: a replied or paused matter is not overdue now.
    return Q(matter__red_on__lte=today) & ~Q(matter__state__in=CLOSED_STATES)


def totals(complaints: QuerySet[Complaint], today: datetime.date) -> dict[str, int]:
    return complaints.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=~Q(matter__state__in=CLOSED_STATES)),
        overdue=Count("pk", filter=_overdue(today)),
        needs_attention=Count("pk", filter=Q(needs_attention=True)),
    )


def _breakdown(complaints: QuerySet[Complaint], lookup: str, choices) -> list[Breakdown]:
    counts = dict(complaints.order_by().values_list(lookup).annotate(n=Count("pk")).values_list(lookup, "n"))
    return [Breakdown(value, label, counts.get(value, 0)) for value, label in choices]


def by_state(complaints: QuerySet[Complaint]) -> list[Breakdown]:
    return _breakdown(complaints, "matter__state", State.choices)


def by_category(complaints: QuerySet[Complaint]) -> list[Breakdown]:
    return _breakdown(complaints, "category", Category.choices)


def by_colour(complaints: QuerySet[Complaint]) -> list[Breakdown]:
    """Open complaints with a deadline, by the warning colour the scanner last gave them."""
    running = complaints.exclude(matter__state__in=CLOSED_STATES).filter(matter__deadline__isnull=False)
    return _breakdown(running, "matter__colour", Colour.choices)


def overdue_list(complaints: QuerySet[Complaint], today: datetime.date) -> QuerySet[Complaint]:
    return (complaints.filter(_overdue(today)).select_related("matter", "matter__unit")
            .order_by("matter__deadline", "matter__pk")[:OVERDUE_SHOWN])


def by_unit(complaints: QuerySet[Complaint], today: datetime.date, minimum: int | None = None
            ) -> list[UnitFigures]:
    """Counts and rates per responsible unit; ranked by on-time rate where it rests on enough cases.

    on time: replied by the deadline, of those replied or already overdue (办复准时率);
    substantiated: 查实 or 部分查实, of those verified (查实率);
    satisfied: 满意 or 基本满意, of those rated (满意率).
    """
    minimum = min_cases() if minimum is None else minimum
    replied = Q(matter__replied_at__isnull=False)
    due = replied | Q(matter__missed_deadline=True) | Q(matter__red_on__lte=today)
    in_time = replied & Q(matter__replied_at__date__lte=F("matter__deadline"))
    found_true = Q(matter__verdict__in=[Verdict.SUBSTANTIATED, Verdict.PARTLY])
    content = Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY])
    rows = (complaints.order_by()
            .values("matter__unit", "matter__unit__short_name", "matter__unit__name")
            .annotate(
                cases=Count("pk"),
                open=Count("pk", filter=~Q(matter__state__in=CLOSED_STATES)),
                overdue=Count("pk", filter=_overdue(today)),
                due=Count("pk", filter=due),
                on_time=Count("pk", filter=in_time),
                verified=Count("pk", filter=~Q(matter__verdict="")),
                substantiated=Count("pk", filter=found_true),
                rated=Count("pk", filter=~Q(satisfaction="")),
                satisfied=Count("pk", filter=content),
            ))
    units = [UnitFigures(
        unit_id=row["matter__unit"],
        name=row["matter__unit__short_name"] or row["matter__unit__name"] or "",
        cases=row["cases"], open=row["open"], overdue=row["overdue"],
        on_time=Rate(row["on_time"], row["due"]),
        substantiated=Rate(row["substantiated"], row["verified"]),
        satisfied=Rate(row["satisfied"], row["rated"]),
    ) for row in rows]
    return rank(units, minimum)


def rank(units: list[UnitFigures], minimum: int) -> list[UnitFigures]:
    """Competition ranking (1, 1, 3) by on-time rate among units whose rate rests on `minimum`
    cases or more; the others follow, unranked, by number of cases. Complaints not yet
    assigned (no unit) are listed last and never ranked."""
    for unit in units:
        unit.rankable = unit.unit_id is not None and unit.on_time.whole >= minimum
    ranked = sorted((u for u in units if u.rankable), key=lambda u: (-u.on_time.share, -u.cases, u.name))
    for position, unit in enumerate(ranked, 1):
        before = ranked[position - 2] if position > 1 else None
        same = before is not None and before.on_time.share == unit.on_time.share
        unit.rank = before.rank if same else position
    rest = sorted((u for u in units if not u.rankable), key=lambda u: (u.unit_id is None, -u.cases, u.name))
    return ranked + rest
