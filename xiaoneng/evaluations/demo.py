"""The demo county's evaluations data (a step of xiaoneng.demo.builder.STEPS), and the helper the
jinhu_2013 fixture shares: a round staged through the real actions, ballots and all."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import Consequence, Grade, Level, RaterKind, Round
from xiaoneng.org.models import Unit, UnitKind

GROUPS = [
    (RaterKind.ENTERPRISE, "企业代表", Decimal("30")),
    (RaterKind.DEPUTY, "人大代表、政协委员", Decimal("25")),
    (RaterKind.SUPERVISOR, "效能监督员", Decimal("20")),
    (RaterKind.PUBLIC, "服务对象（群众）", Decimal("25")),
]
GOOD_GRADES = [Grade.SATISFIED, Grade.SATISFIED, Grade.FAIRLY, Grade.FAIRLY, Grade.BASIC]


def active_units(ctx, kinds: tuple[str, ...]) -> list[Unit]:
    units = [u for u in ctx.units.values() if u.kind in kinds and u.valid_to is None]
    return sorted(units, key=lambda u: (u.sort_order, u.code))


def stage_round(ctx, *, title: str, year: int, departments: list[Unit], sections: list[Unit],
                worst: tuple[Unit, Unit], ballots_per_group: int, clause: str = "") -> Round:
    """A round through open, ballots, close and publication; `worst` (a department and a section)
    are rated dissatisfied on every ballot, every other target by a draw from ctx.rng."""
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    round = actions.do_create_round(actor=staff, title=title, year=year, min_ballots=3, clause=clause)
    groups = [actions.do_add_group(round, actor=staff, kind=kind, name=name, weight=weight)
              for kind, name, weight in GROUPS]
    for unit in departments:
        actions.do_add_target(round, actor=staff, unit=unit, level=Level.DEPARTMENT)
    for unit in sections:
        actions.do_add_target(round, actor=staff, unit=unit, level=Level.SECTION)
    actions.do_open_round(round, actor=staff)
    targets = list(round.targets.all())
    dimensions = list(round.dimensions.values_list("pk", flat=True))
    worst_ids = {u.pk for u in worst}
    for group in groups:
        for secret in actions.do_issue_links(round, actor=staff, group=group, count=ballots_per_group):
            answers = {(t.pk, d): Grade.DISSATISFIED if t.unit_id in worst_ids
                       else ctx.rng.choice(GOOD_GRADES) for t in targets for d in dimensions}
            actions.do_cast_ballot(secret, answers)
    actions.do_close_round(round, actor=staff)
    actions.do_publish_round(round, actor=admin)
    return round


def confirm_all(ctx, round: Round) -> None:
    for consequence in Consequence.objects.filter(round=round):
        actions.do_confirm_consequence(consequence, actor=ctx.accounts["confirmer"], note="经研究，同意。")


def build_evaluations(ctx) -> None:
    """A published round of this year over twenty departments and thirty sections, four rater groups."""
    departments = active_units(ctx, (UnitKind.DEPARTMENT,))[:20]
    sections = active_units(ctx, (UnitKind.SECTION, UnitKind.STATION))[:30]
    round = stage_round(ctx, title=f"{timezone.localdate().year}年度最优最差部门（科室）评议",
                        year=timezone.localdate().year, departments=departments, sections=sections,
                        worst=(departments[-1], sections[-1]), ballots_per_group=6,
                        clause="《机关部门（科室）最优最差评议办法》第十条")
    # The confirming authority has confirmed the section head's removal; the rest await it.
    removal = Consequence.objects.filter(round=round, kind="head_removal").first()
    if removal is not None:
        actions.do_confirm_consequence(removal, actor=ctx.accounts["confirmer"], note="经研究，同意免职。")
