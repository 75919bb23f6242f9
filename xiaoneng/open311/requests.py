"""Complaints as GeoReport v2 service requests: what the public may see of them, and the public list.

Efficiency complaints accuse named officials, so the public sees very little: the list holds only
complaints the center published (`is_public`), a single request shows its text only when published
(the public summary, never the reporter's words), and no answer carries a name, phone or e-mail.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery

from xiaoneng.complaints.actions import public_progress
from xiaoneng.complaints.models import Complaint
from xiaoneng.matters.models import Matter, State
from xiaoneng.open311.render import w3c
from xiaoneng.open311.services import service_name
from xiaoneng.trace.models import Event

CLOSED_STATES = {State.CLOSED, State.REJECTED}
PAGE_SIZE = 1000  # GeoReport v2's suggested maximum per answer
DEFAULT_DAYS = 90  # without dates, the last 90 days (GeoReport v2)


def complaints() -> QuerySet[Complaint]:
    """Every complaint with what an answer needs, and the time of its matter's last trace event."""
    last_event = Event.objects.filter(
        content_type=ContentType.objects.get_for_model(Matter), object_id=OuterRef("matter_id"),
    ).order_by("-seq").values("at")[:1]
    return (Complaint.objects.select_related("matter", "matter__unit", "open311", "duplicate_of__matter")
            .annotate(updated_at=Subquery(last_event)))


def public_list(*, ids: list[str] | None = None, service_codes: list[str] | None = None,
                statuses: list[str] | None = None, start: datetime.datetime | None = None,
                end: datetime.datetime | None = None, page: int = 1) -> list[Complaint]:
    """Published complaints only; `ids` (public ids) overrides the other filters, as the spec says."""
    rows = complaints().filter(is_public=True)
    if ids is not None:
        rows = rows.filter(matter__public_id__in=ids)
    else:
        if service_codes:
            rows = rows.filter(category__in=service_codes)
        if statuses and set(statuses) != {"open", "closed"}:
            closed = rows.filter(matter__state__in=CLOSED_STATES)
            rows = closed if statuses == ["closed"] else rows.exclude(matter__state__in=CLOSED_STATES)
        if start is not None:
            rows = rows.filter(matter__received_at__gte=start)
        if end is not None:
            rows = rows.filter(matter__received_at__lte=end)
    rows = rows.order_by("-matter__received_at", "-pk")
    return list(rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])


def find(public_id: str) -> Complaint | None:
    return complaints().filter(matter__public_id=public_id).first()


def status_of(matter: Matter) -> str:
    return "closed" if matter.state in CLOSED_STATES else "open"


def status_notes(complaint: Complaint) -> str:
    steps = public_progress(complaint)
    if not steps:
        return ""
    text = steps[-1].text
    if complaint.duplicate_of_id:
        # The reporter's own page names the original by its tracking code; the public may know
        # only request ids.
        original = complaint.duplicate_of
        text = text.replace(original.tracking_code, original.matter.public_id)
    return text


def _expected(matter: Matter) -> str | None:
    if matter.deadline is None or not matter.is_open:
        return None
    end = datetime.datetime.combine(matter.deadline, datetime.time(23, 59, 59))
    from django.utils import timezone

    return w3c(timezone.make_aware(end))


def as_request(complaint: Complaint) -> dict:
    """The GeoReport v2 fields of one complaint, as anyone may see them."""
    matter = complaint.matter
    place = getattr(complaint, "open311", None) if complaint.is_public else None
    return {
        "service_request_id": matter.public_id,
        "status": status_of(matter),
        "status_notes": status_notes(complaint),
        "service_name": service_name(complaint.category),
        "service_code": complaint.category,
        "description": complaint.public_summary if complaint.is_public else "",
        "agency_responsible": matter.unit.name if matter.unit_id else "",
        "service_notice": "",
        "requested_datetime": w3c(matter.received_at),
        "updated_datetime": w3c(getattr(complaint, "updated_at", None) or matter.received_at),
        "expected_datetime": _expected(matter),
        "address": place.address_string if place else "",
        "address_id": place.address_id if place else "",
        "zipcode": "",
        "lat": place.lat if place else None,
        "long": place.long if place else None,
        "media_url": "",
    }
