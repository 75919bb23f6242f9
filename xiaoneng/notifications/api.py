"""What other mechanisms call: `notify` (inside their own transaction) and `unit_contacts`.

notify() writes one inbox Notification per recipient and one outbox Delivery per external
channel the event kind uses (ChannelRule), this installation has configured, the recipient has
not switched off (Preference) and has an address for (User.email, Person.phone). Nothing is
sent here: the worker delivers the outbox after the caller's transaction has committed, so a
rolled-back change sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from xiaoneng.notifications.channels import configured
from xiaoneng.notifications.models import Channel, ChannelRule, Delivery, EventKind, Notification, Preference
from xiaoneng.org.models import Person, Unit, User

CONTACT_ROLES = ("unit_liaison", "unit_head")

__all__ = ["notify", "unit_contacts", "EventKind"]


def unit_contacts(unit: Unit) -> list[User]:
    """The liaisons and heads of `unit` itself (not its sections) with active accounts."""
    return list(
        User.objects.filter(
            is_active=True, person_record__unit=unit, person_record__is_active=True,
            groups__name__in=CONTACT_ROLES,
        ).distinct().order_by("id")
    )


def _address(user: User, channel: str) -> str:
    if channel == Channel.EMAIL:
        return user.email.strip()
    person = Person.objects.filter(user=user, is_active=True).only("phone").first()
    return person.phone.strip() if person else ""


def notify(event_kind: str, *, recipients: Iterable[User], subject_obj: Model | None = None, title: str,
           body: str, url: str = "", dedupe_key: str = "") -> None:
    """Put a notification in each recipient's inbox and its external deliveries in the outbox.
    With `dedupe_key`, a recipient who already has a notification with that key gets none."""
    if event_kind not in EventKind.values:
        raise ValueError(f"unknown notification event kind {event_kind!r}")
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return
    rule = ChannelRule.objects.filter(kind=event_kind).first()
    channels = [channel for channel in (rule.channels() if rule else []) if configured(channel)]
    subject_type = ContentType.objects.get_for_model(subject_obj) if subject_obj is not None else None
    with transaction.atomic():
        if dedupe_key:
            done = set(Notification.objects.filter(dedupe_key=dedupe_key, recipient_id__in=users)
                       .values_list("recipient_id", flat=True))
            users = {pk: user for pk, user in users.items() if pk not in done}
        prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in=users)}
        now = timezone.now()
        for pk in sorted(users):
            user = users[pk]
            notification = Notification.objects.create(
                recipient=user, kind=event_kind, title=title[:200], body=body, url=url[:300],
                subject_type=subject_type, subject_id=subject_obj.pk if subject_obj is not None else None,
                dedupe_key=dedupe_key, created_at=now,
            )
            pref = prefs.get(pk)
            deliveries = []
            for channel in channels:
                if pref is not None and not getattr(pref, channel):
                    continue
                address = _address(user, channel)
                if address:
                    deliveries.append(Delivery(notification=notification, channel=channel, address=address,
                                               created_at=now, next_attempt_at=now))
            Delivery.objects.bulk_create(deliveries)
