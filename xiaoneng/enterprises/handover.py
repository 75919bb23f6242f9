"""Turning a problem into a matter for the responsible unit, in one step (收件 then 交办).

Outreach visits, enterprise problems and the decisions of the 会办会 all hand problems to units
this way. Whoever records the problem need not hold the matter permissions (a section chief on
a visit does not): the matter is then received and assigned by the system on their behalf, and
the `received` event names them (`raised_by`).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from xiaoneng.calendar.service import workdays_between
from xiaoneng.matters import clock
from xiaoneng.org.models import Unit


class HandOverError(Exception):
    """The matter could not be opened; the message is for the user."""


def time_limit_until(deadline: datetime.date | None) -> int | None:
    """Working days from today to `deadline` (None: the kind's own limit)."""
    if deadline is None:
        return None
    days = workdays_between(clock.today(), deadline)
    if days < 1:
        raise HandOverError(gettext("The deadline must be a working day after today."))
    return days


def open_matter(
    *,
    kind_code: str,
    title: str,
    description: str,
    unit: Unit,
    actor,
    source: str,
    event_data: dict,
    time_limit: int | None = None,
    attachments=(),
):
    """Receive and assign a matter of `kind_code` to `unit`; returns the assigned matter."""
    from xiaoneng.matters.actions import MatterError, do_assign_matter, do_receive_matter
    from xiaoneng.matters.models import MatterKind

    kind = MatterKind.objects.filter(code=kind_code, is_active=True).first()
    if kind is None:
        raise HandOverError(gettext("The matter kind %(code)s is missing.") % {"code": kind_code})
    acting = actor if actor is not None and actor.has_perm("matters.assign_matter") else None
    data = {**event_data, "raised_by": actor.get_username() if actor is not None else ""}
    try:
        matter = do_receive_matter(
            kind=kind,
            title=title[:200],
            actor=acting,
            description=description,
            source=source,
            event_data=data,
            attachments=attachments,
        )
        return do_assign_matter(matter, actor=acting, unit=unit, time_limit=time_limit)
    except MatterError as error:
        raise HandOverError(str(error)) from error
