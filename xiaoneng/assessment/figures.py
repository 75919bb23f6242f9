"""Figure functions of the assessment (screens, news, the jinhu_2013 fixture use these)."""

from __future__ import annotations

from decimal import Decimal

from xiaoneng.assessment.models import Appeal, AppealState, AssessmentYear, GroupMembership
from xiaoneng.scoring.models import LedgerEntry


def units_in_group(year: int, group_name: str) -> int:
    return GroupMembership.objects.filter(assessment_year__year=year, group__name=group_name).count()


def appeals(year: int, state: str | None = None) -> int:
    qs = Appeal.objects.filter(entry__year=year)
    return qs.count() if state is None else qs.filter(state=state).count()


def granted_appeals(year: int) -> int:
    return appeals(year, AppealState.GRANTED)


def points_under_rule(year: int, rule_code: str) -> Decimal:
    """Net points of all unit entries of a rule in the year (reversals included)."""
    total = sum(
        LedgerEntry.objects.filter(year=year, rule__code=rule_code, unit__isnull=False).values_list(
            "points", flat=True
        ),
        Decimal("0"),
    )
    return Decimal(total).quantize(Decimal("0.01"))


def is_published(year: int) -> bool:
    return AssessmentYear.objects.filter(year=year, published_at__isnull=False).exists()
