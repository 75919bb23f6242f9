"""Counts of people held accountable (the yearly figure the newsletters report) and why."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from xiaoneng.accountability.models import AccountabilityRecord, RecordState


def held_in_year(year: int) -> QuerySet[AccountabilityRecord]:
    """Records that held someone accountable with effect in `year` (the center's decision date, or
    the outside organ's for referred records)."""
    return AccountabilityRecord.objects.filter(
        Q(state=RecordState.DECIDED, decided_on__year=year)
        | Q(state=RecordState.CONCLUDED, outside_decided_on__year=year) & ~Q(outside_form="")
    )


def held_between(start: datetime.date, end: datetime.date) -> QuerySet[AccountabilityRecord]:
    """Records holding someone accountable with effect between the two dates (inclusive)."""
    return AccountabilityRecord.objects.filter(
        Q(state=RecordState.DECIDED, decided_on__range=(start, end))
        | Q(state=RecordState.CONCLUDED, outside_decided_on__range=(start, end)) & ~Q(outside_form="")
    )


def people_held(year: int) -> int:
    """Distinct persons held accountable in the year (unit-level records count no person)."""
    return held_in_year(year).filter(person__isnull=False).values("person").distinct().count()


def held_by_form(year: int) -> list[tuple[str, int]]:
    """(form code, persons) for the year; a referred record counts under the outside decision's form."""
    counts: dict[str, set[int]] = {}
    for rec in (
        held_in_year(year).filter(person__isnull=False).only("person_id", "form", "state", "outside_form")
    ):
        counts.setdefault(rec.effective_form, set()).add(rec.person_id)
    return sorted(((form, len(people)) for form, people in counts.items()), key=lambda x: (-x[1], x[0]))


def held_by_reason(year: int) -> list[dict]:
    """Persons per clause applied (the regulation item, or the clause text), most frequent first."""
    return list(
        held_in_year(year)
        .filter(person__isnull=False)
        .values("clause")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "clause")
    )


def people_held_under(regulation) -> int:
    """Distinct persons ever held accountable under one of the regulation's items."""
    return (
        AccountabilityRecord.objects.held()
        .filter(regulation_item__regulation=regulation, person__isnull=False)
        .values("person")
        .distinct()
        .count()
    )


def people_held_in_unit(unit, year: int) -> int:
    """Distinct persons of the unit's subtree held accountable in the year."""
    return (
        held_in_year(year)
        .filter(unit__path__startswith=unit.path, person__isnull=False)
        .values("person")
        .distinct()
        .count()
    )
