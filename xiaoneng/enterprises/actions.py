"""Every change of enterprise-support state: the watchlist, indicator values, problems (as matters),
the coordination meeting and its decisions. Each checks permission and unit scope, writes the
change and its trace event in one transaction, and raises EnterpriseError with a user message."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from xiaoneng.enterprises.handover import HandOverError, open_matter, time_limit_until
from xiaoneng.enterprises.models import (
    Decision,
    EnterpriseProblem,
    Indicator,
    IndicatorValue,
    Meeting,
    ProblemType,
    WatchItem,
)
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Target, TargetKind, Unit
from xiaoneng.trace.chain import append_event

__all__ = [
    "EnterpriseError",
    "NotPermitted",
    "do_watch",
    "do_unwatch",
    "do_record_indicator",
    "do_record_problem",
    "do_call_meeting",
    "do_record_decision",
    "problem_matter_verified",
]

SUPPORTED_KINDS = (TargetKind.ENTERPRISE, TargetKind.PROJECT)


class EnterpriseError(Exception):
    """A refused action; the message is for the user."""


class NotPermitted(EnterpriseError):
    pass


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(gettext("You may not do this."))


def _scope(actor, unit: Unit) -> None:
    if not can_see_unit(actor, unit):
        raise NotPermitted(gettext("%(unit)s is outside the units you work for.") % {"unit": unit.name})


def _supported(target: Target) -> None:
    if target.kind not in SUPPORTED_KINDS:
        raise EnterpriseError(gettext("Only enterprises and projects are supported here."))


def do_watch(target: Target, *, actor, unit: Unit, reason: str, added_on: datetime.date) -> WatchItem:
    _require(actor, "enterprises.manage_watchlist")
    _scope(actor, unit)
    _supported(target)
    with transaction.atomic():
        item, created = WatchItem.objects.get_or_create(
            target=target, defaults={"unit": unit, "reason": reason.strip(), "added_on": added_on}
        )
        if not created:
            if item.is_active:
                raise EnterpriseError(
                    gettext("%(name)s is on the watchlist already.") % {"name": target.name}
                )
            item.is_active, item.unit, item.reason = True, unit, reason.strip()
            item.save(update_fields=["is_active", "unit", "reason"])
        append_event(
            item, "watched", actor, {"target": target.name, "unit": unit.code, "reason": item.reason}
        )
    return item


def do_unwatch(item: WatchItem, *, actor, reason: str) -> WatchItem:
    _require(actor, "enterprises.manage_watchlist")
    _scope(actor, item.unit)
    if not reason.strip():
        raise EnterpriseError(gettext("Say why the target leaves the watchlist."))
    with transaction.atomic():
        item = WatchItem.objects.select_for_update().get(pk=item.pk)
        item.is_active = False
        item.save(update_fields=["is_active"])
        append_event(item, "unwatched", actor, {"reason": reason.strip()})
    return item


def do_record_indicator(
    item: WatchItem, *, actor, indicator: Indicator, period: datetime.date, value: Decimal
) -> IndicatorValue:
    _require(actor, "enterprises.manage_watchlist")
    _scope(actor, item.unit)
    period = period.replace(day=1)
    with transaction.atomic():
        recorded, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator,
            target=item.target,
            period=period,
            defaults={"value": value, "recorded_by": actor},
        )
        append_event(
            item,
            "indicator",
            actor,
            {
                "indicator": indicator.code,
                "period": period.isoformat(),
                "value": str(value),
                "crossed": indicator.crossed(value),
            },
        )
    return recorded


def do_record_problem(
    target: Target,
    *,
    actor,
    type: ProblemType,
    title: str,
    unit: Unit,
    description: str = "",
    reported_on: datetime.date,
    time_limit: int | None = None,
) -> EnterpriseProblem:
    """一企一策: record the problem and hand it to the responsible unit as a matter, in one step."""
    from xiaoneng.matters.models import Source

    _require(actor, "enterprises.record_problem")
    _supported(target)
    title = (title or "").strip()
    if not title:
        raise EnterpriseError(gettext("Name the problem in a few words."))
    if not type.is_active:
        raise EnterpriseError(gettext("This problem type is no longer used."))
    with transaction.atomic():
        try:
            matter = open_matter(
                kind_code="enterprise",
                title=f"{target.name}：{title}",
                description=description.strip(),
                unit=unit,
                actor=actor,
                source=Source.ENTERPRISE,
                time_limit=time_limit,
                event_data={"target": target.name, "problem_type": type.code},
            )
        except HandOverError as error:
            raise EnterpriseError(str(error)) from error
        problem = EnterpriseProblem.objects.create(
            target=target,
            type=type,
            title=title,
            description=description.strip(),
            reported_on=reported_on,
            unit=unit,
            matter=matter,
            recorded_by=actor,
        )
        append_event(
            problem,
            "recorded",
            actor,
            {
                "target": target.name,
                "type": type.code,
                "title": title,
                "unit": unit.code,
                "matter": matter.public_id,
            },
        )
    return problem


def problem_matter_verified(matter, actor) -> None:
    """Verify hook of kind "enterprise": a matter verified as resolved marks its problem solved."""
    from xiaoneng.matters import clock
    from xiaoneng.matters.models import Resolution

    problem = EnterpriseProblem.objects.select_for_update().filter(matter=matter).first()
    if problem is None:
        return
    solved_on = clock.today() if matter.resolution == Resolution.RESOLVED else None
    if problem.solved_on != solved_on:
        problem.solved_on = solved_on
        problem.save(update_fields=["solved_on"])
        append_event(problem, "solved" if solved_on else "unsolved", actor, {"matter": matter.public_id})


def do_call_meeting(*, actor, title: str, held_on: datetime.date, unit: Unit) -> Meeting:
    """Call the 会办会: its agenda is every problem open (not solved, matter not closed) in scope."""
    from xiaoneng.enterprises.figures import open_problems

    _require(actor, "enterprises.hold_meeting")
    _scope(actor, unit)
    title = (title or "").strip()
    if not title:
        raise EnterpriseError(gettext("A meeting needs a title."))
    with transaction.atomic():
        meeting = Meeting.objects.create(title=title, held_on=held_on, unit=unit, created_by=actor)
        agenda = list(open_problems(actor))
        meeting.agenda.set(agenda)
        append_event(
            meeting,
            "called",
            actor,
            {"title": title, "held_on": held_on.isoformat(), "agenda": [p.public_id for p in agenda]},
        )
    return meeting


def do_record_decision(
    meeting: Meeting,
    *,
    actor,
    text: str,
    unit: Unit,
    deadline: datetime.date,
    problem: EnterpriseProblem | None = None,
    minutes: str = "",
) -> Decision:
    """议定事项: each decision becomes a matter for its unit, due on the decided deadline."""
    from xiaoneng.matters.models import Source

    _require(actor, "enterprises.hold_meeting")
    _scope(actor, meeting.unit)
    text = (text or "").strip()
    if not text:
        raise EnterpriseError(gettext("Write the decision."))
    if problem is not None and not meeting.agenda.filter(pk=problem.pk).exists():
        raise EnterpriseError(gettext("The problem is not on this meeting's agenda."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        try:
            matter = open_matter(
                kind_code="meeting_decision",
                title=text[:200],
                unit=unit,
                actor=actor,
                source=Source.ENTERPRISE,
                description=gettext("Decided at %(meeting)s on %(day)s.")
                % {"meeting": meeting.title, "day": meeting.held_on.isoformat()},
                time_limit=time_limit_until(deadline),
                event_data={"meeting": meeting.public_id, "problem": problem.public_id if problem else None},
            )
        except HandOverError as error:
            raise EnterpriseError(str(error)) from error
        decision = Decision.objects.create(
            meeting=meeting, problem=problem, text=text, unit=unit, deadline=deadline, matter=matter
        )
        if minutes.strip():
            meeting.minutes = minutes.strip()
            meeting.save(update_fields=["minutes"])
        append_event(
            meeting,
            "decided",
            actor,
            {"text": text, "unit": unit.code, "deadline": deadline.isoformat(), "matter": matter.public_id},
        )
    return decision
