"""Changes a user makes to their own inbox and preferences, and an administrator's retry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xiaoneng.audit.log import record
from xiaoneng.notifications.models import Delivery, DeliveryState, Notification, Preference


def do_mark_read(notification: Notification, *, actor) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification


def do_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def do_set_preferences(*, actor, email: bool, sms: bool, wechat: bool) -> Preference:
    with transaction.atomic():
        pref, _created = Preference.objects.select_for_update().get_or_create(user=actor)
        pref.email, pref.sms, pref.wechat = email, sms, wechat
        pref.save()
    return pref


def do_retry_delivery(delivery: Delivery, *, actor) -> Delivery:
    """Put a failed delivery back in the outbox with a fresh count of attempts (same key)."""
    if not actor.has_perm("notifications.change_delivery"):
        raise PermissionDenied
    with transaction.atomic():
        retried = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.FAILED).update(
            state=DeliveryState.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_until=None)
        if retried:
            record("notifications.retry_delivery", actor=actor, target=delivery,
                   detail={"channel": delivery.channel, "last_error": delivery.last_error[:200]})
    delivery.refresh_from_db()
    return delivery
