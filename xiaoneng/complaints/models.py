"""投诉: complaints about the conduct of public bodies. A complaint IS a matter (督办事项):
its state, deadline, unit and trace live on the Matter; this row holds the complaint's facts
and the reporter's protected identity (encrypted, see xiaoneng.complaints.identity)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import Matter
from xiaoneng.org.models import Person, Unit


class Category(models.TextChoices):
    INACTION = "inaction", pgettext_lazy("complaint category", "inaction")
    SLOW = "slow", pgettext_lazy("complaint category", "slow action")
    MISCONDUCT = "misconduct", pgettext_lazy("complaint category", "misconduct")
    EXTORTION = "extortion", pgettext_lazy("complaint category", "extortion and obstruction")
    FEES = "fees", pgettext_lazy("complaint category", "arbitrary fees")
    ATTITUDE = "attitude", pgettext_lazy("complaint category", "service attitude")
    DISCIPLINE = "discipline", pgettext_lazy("complaint category", "work discipline")
    OTHER = "other", pgettext_lazy("complaint category", "other")


class Scope(models.TextChoices):
    JUDICIAL = "judicial", pgettext_lazy("complaint scope", "judicial")
    ENFORCEMENT = "enforcement", pgettext_lazy("complaint scope", "administrative enforcement")
    APPROVAL = "approval", pgettext_lazy("complaint scope", "administrative approval")
    PUBLIC_SERVICE = "public_service", pgettext_lazy("complaint scope", "public service")


class Channel(models.TextChoices):
    WEB = "web", pgettext_lazy("complaint channel", "online")
    HOTLINE = "hotline", pgettext_lazy("complaint channel", "telephone")
    WALK_IN = "walk_in", pgettext_lazy("complaint channel", "walk-in")
    LETTER = "letter", pgettext_lazy("complaint channel", "letter")
    REFERRAL = "referral", pgettext_lazy("complaint channel", "referral")
    MEDIA = "media", pgettext_lazy("complaint channel", "media")
    HOTLINE_12345 = "12345", pgettext_lazy("complaint channel", "12345 hotline")
    OPEN311 = "open311", pgettext_lazy("complaint channel", "Open311")
    API = "api", pgettext_lazy("complaint channel", "API")


# Channels staff record by hand at /complaints/new/.
STAFF_CHANNELS = (Channel.HOTLINE, Channel.WALK_IN, Channel.LETTER, Channel.REFERRAL, Channel.MEDIA)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", pgettext_lazy("satisfaction", "satisfied")
    BASICALLY = "basically", pgettext_lazy("satisfaction", "basically satisfied")
    UNSATISFIED = "unsatisfied", pgettext_lazy("satisfaction", "unsatisfied")


class Complaint(models.Model):
    """投诉件: the complaint's own facts; everything about handling is on `matter`."""

    matter = models.OneToOneField(Matter, models.CASCADE, related_name="complaint", verbose_name=_("matter"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    scope = models.CharField(_("field"), max_length=16, choices=Scope.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    accused_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit complained about")
    )
    occurred_on = models.DateField(_("occurred on"), null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # Name, phone, e-mail and id number, encrypted (SM4-CBC + HMAC-SM3); never a plain column.
    identity = models.BinaryField(blank=True, default=b"", editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=128, editable=False)
    unit_text = models.TextField(_("text shown to the unit"), blank=True)
    duplicate_of = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    named_persons = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("persons complained about")
    )
    is_public = models.BooleanField(_("public"), default=False)
    public_summary = models.TextField(_("public summary"), blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    satisfaction_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    needs_attention = models.BooleanField(_("needs attention"), default=False)
    external_ref = models.CharField(_("external reference"), max_length=64, null=True, blank=True)
    idempotency_key = models.CharField(max_length=128, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_ref"], condition=Q(external_ref__isnull=False),
                name="complaints_unique_external_ref",
            ),
        ]
        permissions = [
            ("view_identity", _("See the reporter's identity")),
            ("record_complaint", _("Record complaints from the hotline, visits, letters and referrals")),
            ("triage_complaint", _("Triage complaints: reject, mark duplicates, assign")),
            ("redact_complaint", _("Redact what the unit sees of a complaint")),
            ("publish_complaint", _("Publish complaints in the public list")),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("complaints:detail", args=[self.matter.public_id])

    @property
    def text_for_unit(self) -> str:
        """What the responsible unit reads: the redacted text when staff made one."""
        return self.unit_text or self.matter.description
