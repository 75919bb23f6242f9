"""The notifications the matters core asks for, by explicit calls from xiaoneng.matters.actions
(inside each action's transaction). Texts are rendered in the site language (Chinese)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from xiaoneng.notifications.api import notify, unit_contacts
from xiaoneng.notifications.models import EventKind


def _send(kind: str, matter, recipients, title: str, body: str, dedupe_key: str = "") -> None:
    notify(kind, recipients=recipients, subject_obj=matter, title=title, body=body,
           url=matter.get_absolute_url(), dedupe_key=dedupe_key)


def _deadline(matter) -> str:
    return matter.deadline.isoformat() if matter.deadline else "—"


def _summary(matter) -> str:
    return gettext("“%(title)s”, due %(deadline)s.") % {"title": matter.title, "deadline": _deadline(matter)}


def matter_assigned(matter) -> None:
    if not matter.unit_id:
        return
    with translation.override("zh-hans"):
        _send(EventKind.ASSIGNED, matter, unit_contacts(matter.unit),
              gettext("New matter %(number)s assigned to your unit") % {"number": matter.public_id},
              _summary(matter))


def matter_escalated(matter, level: int) -> None:
    """Urged (1) and supervision order (2); a referral (3) goes through other channels."""
    from xiaoneng.matters.models import Escalation

    kinds = {Escalation.URGED: EventKind.URGED, Escalation.SUPERVISION_ORDER: EventKind.SUPERVISION_ORDER}
    if level not in kinds or not matter.unit_id:
        return
    with translation.override("zh-hans"):
        if level == Escalation.URGED:
            title = gettext("Matter %(number)s urged") % {"number": matter.public_id}
        else:
            title = gettext("Supervision order for matter %(number)s") % {"number": matter.public_id}
        _send(kinds[level], matter, unit_contacts(matter.unit), title,
              _summary(matter))


def extension_decided(extension) -> None:
    matter = extension.matter
    granted = extension.decision == extension.Decision.GRANTED
    with translation.override("zh-hans"):
        if granted:
            title = gettext("Extension for matter %(number)s granted") % {"number": matter.public_id}
        else:
            title = gettext("Extension for matter %(number)s refused") % {"number": matter.public_id}
        _send(EventKind.EXTENSION_DECIDED, matter, [extension.requested_by], title,
              _summary(matter))


def matter_colour(matter, colour: str) -> None:
    """The scanner's warning (yellow) and overdue (red): once per matter, colour and deadline."""
    kind = {"yellow": EventKind.WARNING, "red": EventKind.OVERDUE}.get(colour)
    if kind is None or not matter.unit_id:
        return
    with translation.override("zh-hans"):
        if kind == EventKind.WARNING:
            title = gettext("Matter %(number)s is due soon") % {"number": matter.public_id}
        else:
            title = gettext("Matter %(number)s is overdue") % {"number": matter.public_id}
        _send(kind, matter, unit_contacts(matter.unit), title,
              _summary(matter),
              dedupe_key=f"matter:{matter.pk}:{kind}:{_deadline(matter)}")
