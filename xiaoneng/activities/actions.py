"""Recording service activities and their participants (one transaction and trace event each)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from xiaoneng.activities.models import Activity, ActivityKind, Participant, Role
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Target, Unit
from xiaoneng.trace.chain import append_event

__all__ = ["ActivityError", "NotPermitted", "check_manage", "do_create_activity", "do_add_participant"]


class ActivityError(Exception):
    """A refused action; the message is for the user."""


class NotPermitted(ActivityError):
    pass


def check_manage(actor, unit: Unit) -> None:
    if actor is None or not actor.has_perm("activities.manage_activity") or not can_see_unit(actor, unit):
        raise NotPermitted(gettext("You may not record activities for %(unit)s.") % {"unit": unit.name})


def do_create_activity(
    *,
    actor,
    kind: str,
    title: str,
    held_on: datetime.date,
    unit: Unit,
    place: str = "",
    description: str = "",
) -> Activity:
    check_manage(actor, unit)
    if kind not in ActivityKind.values:
        raise ActivityError(gettext("Choose the kind of activity."))
    title = (title or "").strip()
    if not title:
        raise ActivityError(gettext("An activity needs a title."))
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind,
            title=title,
            held_on=held_on,
            unit=unit,
            place=place.strip(),
            description=description.strip(),
            created_by=actor,
        )
        append_event(
            activity,
            "created",
            actor,
            {"kind": kind, "title": title, "held_on": held_on.isoformat(), "unit": unit.code},
        )
    return activity


def do_add_participant(
    activity: Activity,
    *,
    actor,
    role: str,
    name: str = "",
    target: Target | None = None,
    amount: Decimal | None = None,
    headcount: int = 1,
    **values,
) -> Participant:
    """One participant; values not given are taken from the enterprise record (as it is today)."""
    check_manage(actor, activity.unit)
    if role not in Role.values:
        raise ActivityError(gettext("Choose the participant's role."))
    name = (name or (target.name if target else "")).strip()
    if not name:
        raise ActivityError(gettext("A participant needs a name."))
    if amount is not None and amount < 0:
        raise ActivityError(gettext("The amount cannot be negative."))
    if headcount < 1:
        raise ActivityError(gettext("Person-times must be at least 1."))
    if target is not None:
        for field in ("size", "is_industrial", "is_above_scale", "zone"):
            values.setdefault(field, getattr(target, field))
    with transaction.atomic():
        participant = Participant.objects.create(
            activity=activity,
            role=role,
            name=name,
            target=target,
            amount=amount,
            headcount=headcount,
            **values,
        )
        append_event(
            activity,
            "participant_added",
            actor,
            {"role": role, "name": name, "amount": str(amount) if amount is not None else None},
        )
    return participant
