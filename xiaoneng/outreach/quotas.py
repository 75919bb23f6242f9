"""Quota rules: which periods a tier has, who owed what in each, and who fell short.

A visit counts in the period that holds its visit date (a visit on 31 January counts for
January, one on 1 January for the new year). A pairing owes a month's or a quarter's quota if it
was active on the period's first day and not ended before its last; it owes a year's quota or a
due-date quota if it started on or before the period's last day. A period is *over* the day after
its last day; until then a person below the quota is "in progress", not short.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count

from xiaoneng.outreach.models import Pairing, QuotaPeriod, QuotaScope, Tier, Visit


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    label: str

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def over_on(self, today: datetime.date) -> bool:
        return today > self.end


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(datetime.date(year, month, 1), datetime.date(year, month, last), f"{year}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    end = month_period(year, first_month + 2).end
    return Period(datetime.date(year, first_month, 1), end, f"{year}Q{quarter}")


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def periods(tier: Tier) -> list[Period]:
    """Every period of the tier within its programme's dates."""
    programme = tier.programme
    if tier.quota_period == QuotaPeriod.BY_DATE:
        due = tier.due_on or programme.ends_on
        return [Period(programme.starts_on, due, due.isoformat())]
    found: list[Period] = []
    for year in range(programme.starts_on.year, programme.ends_on.year + 1):
        if tier.quota_period == QuotaPeriod.YEAR:
            candidates = [year_period(year)]
        elif tier.quota_period == QuotaPeriod.QUARTER:
            candidates = [quarter_period(year, q) for q in range(1, 5)]
        else:
            candidates = [month_period(year, m) for m in range(1, 13)]
        found += [p for p in candidates if p.end >= programme.starts_on and p.start <= programme.ends_on]
    return found


def period_holding(tier: Tier, day: datetime.date) -> Period | None:
    return next((p for p in periods(tier) if p.holds(day)), None)


def owes(tier: Tier, pairing: Pairing, period: Period) -> bool:
    if pairing.ended_on is not None and pairing.ended_on < period.end:
        return False
    if tier.quota_period in (QuotaPeriod.YEAR, QuotaPeriod.BY_DATE):
        return pairing.started_on <= period.end
    return pairing.started_on <= period.start


@dataclass
class PersonCompliance:
    person_id: int
    person_name: str
    unit_id: int
    unit_name: str
    required: int = 0
    done: int = 0
    short_targets: list[str] = field(default_factory=list)  # per-pairing tiers: targets not visited enough

    @property
    def met(self) -> bool:
        return self.done >= self.required and not self.short_targets

    @property
    def missing(self) -> int:
        return max(self.required - self.done, 0)


@dataclass
class Compliance:
    tier: Tier
    period: Period
    over: bool
    people: list[PersonCompliance]

    @property
    def shortfalls(self) -> list[PersonCompliance]:
        return [p for p in self.people if not p.met] if self.over else []

    @property
    def in_progress(self) -> list[PersonCompliance]:
        return [] if self.over else [p for p in self.people if not p.met]

    def by_unit(self) -> list[dict]:
        units: dict[int, dict] = {}
        for person in self.people:
            row = units.setdefault(
                person.unit_id,
                {"unit_id": person.unit_id, "unit": person.unit_name, "people": 0, "met": 0, "visits": 0},
            )
            row["people"] += 1
            row["met"] += person.met
            row["visits"] += person.done
        for row in units.values():
            row["rate"] = round(100 * row["met"] / row["people"]) if row["people"] else 0
        return sorted(units.values(), key=lambda r: (-r["rate"], -r["visits"], r["unit"]))


def compliance(tier: Tier, period: Period, today: datetime.date, pairings=None) -> Compliance:
    """Who owed what in `period` and how many visits they made (visits counted by visit date).

    `pairings` narrows the pairings considered (e.g. to a unit's subtree); by default all of the tier's.
    """
    pairings = list(
        (pairings if pairings is not None else Pairing.objects.filter(tier=tier)).select_related(
            "person", "unit", "target"
        )
    )
    owing = [p for p in pairings if owes(tier, p, period)]
    counts = dict(
        Visit.objects.filter(
            pairing__in=[p.pk for p in owing], visited_on__gte=period.start, visited_on__lte=period.end
        )
        .values_list("pairing")
        .annotate(n=Count("pk"))
        .values_list("pairing", "n")
    )
    people: dict[int, PersonCompliance] = {}
    for pairing in owing:
        person = people.setdefault(
            pairing.person_id,
            PersonCompliance(
                pairing.person_id, pairing.person.name, pairing.unit_id, pairing.unit.short_name
            ),
        )
        made = counts.get(pairing.pk, 0)
        person.done += made
        if tier.quota_scope == QuotaScope.PAIRING:
            person.required += tier.quota_visits
            if made < tier.quota_visits:
                person.short_targets.append(pairing.target.name)
        else:
            person.required = tier.quota_visits
    ordered = sorted(people.values(), key=lambda p: (p.unit_name, p.person_name))
    return Compliance(tier, period, period.over_on(today), ordered)
