"""The inbox (Notification), the outbox (Delivery, one per external channel per recipient),
which channels each event kind uses (ChannelRule) and each user's opt-outs (Preference)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    ASSIGNED = "matter.assigned", _("matter assigned")
    WARNING = "matter.warning", _("deadline near")
    OVERDUE = "matter.overdue", _("matter overdue")
    URGED = "matter.urged", _("matter urged")
    SUPERVISION_ORDER = "matter.supervision_order", _("supervision order")
    EXTENSION_DECIDED = "matter.extension_decided", _("extension decided")
    FINDING_HANDED_OVER = "finding.handed_over", _("finding handed over")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat work group")


class Notification(models.Model):
    """One message in one user's in-app inbox."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications",
                                  verbose_name=pgettext_lazy("notification", "recipient"))
    kind = models.CharField(_("event"), max_length=40, choices=EventKind.choices)
    title = models.CharField(pgettext_lazy("notification", "title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    subject_type = models.ForeignKey(ContentType, models.CASCADE, null=True, blank=True, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Set by callers that must not repeat themselves (a scanner colour per matter and deadline).
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_inbox_idx"),
            models.Index(fields=["recipient", "read_at"], name="notif_unread_idx"),
            models.Index(fields=["dedupe_key"], name="notif_dedupe_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ChannelRule(models.Model):
    """Which external channels carry one event kind (the inbox always does)."""

    kind = models.CharField(_("event"), max_length=40, choices=EventKind.choices, unique=True)
    email = models.BooleanField(_("e-mail"), default=False)
    sms = models.BooleanField(_("SMS"), default=False)
    wechat = models.BooleanField(_("WeChat work group"), default=False)

    class Meta:
        verbose_name = _("channel rule")
        verbose_name_plural = _("channel rules")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def channels(self) -> list[str]:
        return [channel for channel in Channel.values if getattr(self, channel)]


class Preference(models.Model):
    """A user's switches for the external channels (all on until the user turns one off)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="notification_preference")
    email = models.BooleanField(_("e-mail"), default=True)
    sms = models.BooleanField(_("SMS"), default=True)
    wechat = models.BooleanField(_("WeChat work group"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    """The outbox: one notification to go out on one external channel. A worker claims the row
    with a lease, sends it with `key` as idempotency key, then marks it sent."""

    notification = models.ForeignKey(Notification, models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=16, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.channel} → {self.address}"
