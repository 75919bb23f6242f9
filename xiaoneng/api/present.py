"""Which matters a caller may see, and how a matter and its events look in the API.

The rules are the web's: unit scope from Matter.objects.visible_to, and for a complaint the
complaints rules on top (a person the complaint names never sees it). Nothing here reads a
reporter's identity.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from xiaoneng.api.errors import forbidden, not_found
from xiaoneng.matters.models import Matter
from xiaoneng.matters.transitions import allowed_actions
from xiaoneng.trace.chain import events_for

# Trace data keys an API caller may read; anything else an event carries stays out.
EVENT_DATA_KEYS = (
    "state", "unit", "unit_name", "co_units", "time_limit", "deadline", "provisional", "reason",
    "reply", "late", "note", "verdict", "resolution", "outcome", "workdays", "paused_workdays",
    "level", "automatic", "workdays_late", "colour", "was",
)


def _complaint_of(matter: Matter):
    try:
        return matter.complaint
    except Matter.complaint.RelatedObjectDoesNotExist:
        return None


def visible_matters(user) -> QuerySet[Matter]:
    """The matters `user` may see; 403 without the permission to see matters at all."""
    from xiaoneng.complaints.actions import visible_complaints

    if not user.has_perm("matters.view_matter"):
        raise forbidden()
    complaints = visible_complaints(user).values("pk")
    return Matter.objects.visible_to(user).filter(Q(complaint__isnull=True) | Q(complaint__in=complaints))


def get_matter(user, public_id: str) -> Matter:
    """One visible matter, or 404 exactly as if it did not exist."""
    from xiaoneng.complaints.actions import can_see_complaint

    if not user.has_perm("matters.view_matter"):
        raise forbidden()
    matter = (Matter.objects.visible_to(user).select_related("kind", "unit").filter(public_id=public_id)
              .first())
    if matter is None:
        raise not_found()
    complaint = _complaint_of(matter)
    if complaint is not None and not can_see_complaint(user, complaint):
        raise not_found()
    return matter


def sees_original_text(user) -> bool:
    """Whether `user` reads a complaint as filed rather than the text the center redacted for units."""
    return user.has_perm("complaints.redact_complaint")


def _complaint_out(complaint) -> dict:
    original = complaint.duplicate_of
    return {
        "category": complaint.category, "scope": complaint.scope, "channel": complaint.channel,
        "anonymous": complaint.anonymous, "occurred_on": complaint.occurred_on,
        "accused_unit": complaint.accused_unit.code if complaint.accused_unit_id else None,
        "duplicate_of": original.matter.public_id if original is not None else None,
        "is_public": complaint.is_public, "satisfaction": complaint.satisfaction or "",
    }


def matter_out(matter: Matter, user) -> dict:
    complaint = _complaint_of(matter)
    description = matter.description
    if complaint is not None and complaint.unit_text and not sees_original_text(user):
        description = complaint.unit_text
    today = timezone.localdate()
    return {
        "id": matter.public_id, "kind": matter.kind.code, "kind_name": matter.kind.name,
        "source": matter.source, "title": matter.title, "description": description,
        "state": matter.state, "state_label": str(matter.get_state_display()),
        "unit": matter.unit.code if matter.unit_id else None,
        "unit_name": matter.unit.name if matter.unit_id else None,
        "co_units": [u.code for u in matter.co_units.all()],
        "received_at": matter.received_at, "deadline": matter.deadline,
        "deadline_provisional": matter.deadline_provisional, "colour": matter.colour,
        "overdue": matter.red_on is not None and matter.red_on <= today,
        "escalation_level": matter.escalation_level, "verdict": matter.verdict,
        "resolution": matter.resolution, "reason": matter.reason, "reply": matter.reply,
        "replied_at": matter.replied_at, "outcome": matter.outcome, "closed_at": matter.closed_at,
        "actions": allowed_actions(user, matter),
        "complaint": _complaint_out(complaint) if complaint is not None else None,
    }


def with_relations(matters: QuerySet[Matter]) -> QuerySet[Matter]:
    return matters.select_related(
        "kind", "unit", "complaint", "complaint__accused_unit", "complaint__duplicate_of__matter",
    ).prefetch_related("co_units")


def _actor_name(actor) -> str | None:
    if actor is None:
        return None
    person = actor.person
    return person.name if person is not None else actor.get_username()


def events_out(matter: Matter) -> list[dict]:
    from xiaoneng.matters.views import EVENT_LABELS

    events = (events_for(matter).select_related("actor", "actor__person_record")
              .annotate(attachment_count=Count("attachments")))
    return [{
        "seq": e.seq, "kind": e.kind, "label": str(EVENT_LABELS.get(e.kind, e.kind)), "at": e.at,
        "actor": _actor_name(e.actor),
        "data": {k: e.data[k] for k in EVENT_DATA_KEYS if k in e.data},
        "attachments": e.attachment_count,
    } for e in events]
