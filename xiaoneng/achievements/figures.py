"""The newsletter's figures of a quarter: "N units declared M achievements; K typical ones from J
units selected", with the same quarter a year earlier. One aggregate query per quarter; the
screens, `news.py` and the `jinhu_2013` fixture all call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from xiaoneng.achievements.models import DECLARED_STATES, Declaration, DeclarationState

QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True)
class QuarterFigures:
    year: int
    quarter: int
    units_declared: int  # N
    declared: int  # M
    units_selected: int  # J
    selected: int  # K
    verified: int  # verified or selected
    rejected: int


def quarter_figures(year: int, quarter: int) -> QuarterFigures:
    declared = Q(state__in=DECLARED_STATES)
    selected = Q(state=DeclarationState.SELECTED)
    row = Declaration.objects.filter(year=year, quarter=quarter).aggregate(
        declared=Count("pk", filter=declared),
        units_declared=Count("unit", filter=declared, distinct=True),
        selected=Count("pk", filter=selected),
        units_selected=Count("unit", filter=selected, distinct=True),
        verified=Count("pk", filter=Q(state__in=[DeclarationState.VERIFIED, DeclarationState.SELECTED])),
        rejected=Count("pk", filter=Q(state=DeclarationState.REJECTED)),
    )
    return QuarterFigures(year=year, quarter=quarter, **row)


def with_last_year(year: int, quarter: int) -> tuple[QuarterFigures, QuarterFigures]:
    """This quarter's figures and those of the same quarter a year earlier."""
    return quarter_figures(year, quarter), quarter_figures(year - 1, quarter)


def sentence(figures: QuarterFigures) -> str:
    """ "42个部门单位申报的82件服务实绩……确定17个部门单位的22件典型实绩"."""
    return _(
        "%(units)s units declared %(declared)s service achievements; %(selected)s typical ones "
        "from %(units_selected)s units were selected"
    ) % {
        "units": figures.units_declared,
        "declared": figures.declared,
        "selected": figures.selected,
        "units_selected": figures.units_selected,
    }


def change(now: int, before: int) -> str:
    """同比: "up 3" / "down 2" / "the same" as last year."""
    if now > before:
        return _("up %(n)s on the same quarter last year") % {"n": now - before}
    if now < before:
        return _("down %(n)s on the same quarter last year") % {"n": before - now}
    return _("the same as the same quarter last year")
