"""督办事项: matters a unit must handle by a deadline, their kinds and extension requests."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiaoneng.matters.deadlines import DeadlineMixin, DeadlinePolicy
from xiaoneng.org.models import Unit

# Crockford base32: no I, L, O, U; 20 characters carry 100 random bits.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_ID_LENGTH = 20


def new_public_id() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


class MatterKind(models.Model):
    """督办事项类别: reference data with the default time limit, warning and escalation rules."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=60)
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (working days)"), validators=[MinValueValidator(1)]
    )
    yellow_days_before = models.PositiveSmallIntegerField(
        _("yellow when this many working days remain"), null=True, blank=True, default=2
    )
    yellow_share = models.PositiveSmallIntegerField(
        _("yellow once this share of the limit is used (%)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    urge_after = models.PositiveSmallIntegerField(_("urge after (working days late)"), default=1)
    supervise_after = models.PositiveSmallIntegerField(
        _("supervision order after (working days late)"), default=3
    )
    refer_after = models.PositiveSmallIntegerField(
        _("referral for accountability after (working days late)"), default=5
    )
    reply_needs_head_approval = models.BooleanField(
        _("replies need the unit head's approval"), default=False
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("matter kind")
        verbose_name_plural = _("matter kinds")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.yellow_days_before is None) == (self.yellow_share is None):
            raise ValidationError(
                _("Give either the working days before the deadline or the share of the limit.")
            )
        if not (self.urge_after <= self.supervise_after <= self.refer_after):
            raise ValidationError(_("Escalation steps must come in order: urge, order, referral."))

    def policy(self) -> DeadlinePolicy:
        return DeadlinePolicy(
            yellow_days_before=None if self.yellow_share is not None else self.yellow_days_before,
            yellow_share=self.yellow_share,
            escalation_after=(self.urge_after, self.supervise_after, self.refer_after),
        )


class State(models.TextChoices):
    RECEIVED = "received", _("received")
    REJECTED = "rejected", _("rejected")
    ASSIGNED = "assigned", _("assigned")
    RETURNED = "returned", _("returned by the unit")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting the head's approval")
    REPLIED = "replied", _("replied")
    VERIFIED = "verified", _("verified")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")
    PAUSED = "paused", _("paused")


class Verdict(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("substantiated")
    PARTLY = "partly", _("partly substantiated")
    UNFOUNDED = "unfounded", _("unfounded")


class Resolution(models.TextChoices):
    PENDING = "", _("not yet known")
    RESOLVED = "resolved", _("resolved")
    UNRESOLVED = "unresolved", _("unresolved")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class Escalation(models.IntegerChoices):
    NONE = 0, _("none")
    URGED = 1, _("urged")
    SUPERVISION_ORDER = 2, _("supervision order")
    REFERRED = 3, _("referred for accountability")


class Source(models.TextChoices):
    COMPLAINT = "complaint", _("complaint")
    INSPECTION = "inspection", _("inspection finding")
    ENTERPRISE = "enterprise", _("enterprise problem")
    RECTIFICATION = "rectification", _("rectification")
    OTHER = "other", _("other")


class MatterQuerySet(models.QuerySet):
    def visible_to(self, user) -> MatterQuerySet:
        """County-wide roles see every matter; unit roles those of their subtree (lead or co-unit)."""
        from xiaoneng.org.access import sees_all_units

        if not user.is_authenticated or not user.has_perm("matters.view_matter"):
            return self.none()
        if sees_all_units(user):
            return self
        unit = user.unit
        if unit is None:
            return self.none()
        co = Matter.co_units.through.objects.filter(unit__path__startswith=unit.path).values("matter_id")
        return self.filter(Q(unit__path__startswith=unit.path) | Q(pk__in=co))

    def open(self) -> MatterQuerySet:
        return self.exclude(state__in=[State.REJECTED, State.CLOSED])


class Matter(DeadlineMixin):
    """督办事项 (件): anything a unit must handle by a deadline."""

    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    kind = models.ForeignKey(MatterKind, models.PROTECT, related_name="matters", verbose_name=_("kind"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The unit as it was when the matter was assigned: units are never renamed in place.
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="matters",
        verbose_name=_("responsible unit"),
    )
    co_units = models.ManyToManyField(
        Unit, blank=True, related_name="co_matters", verbose_name=_("co-operating units")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED)
    # The state a paused matter, or a reply sent back by the head, returns to.
    resume_state = models.CharField(max_length=20, choices=State.choices, blank=True, editable=False)
    verdict = models.CharField(_("verification"), max_length=16, choices=Verdict.choices, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=Resolution.choices, blank=True, default=Resolution.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)  # of the last rejection, return, pause or reopening
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rejected by"),
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    received_at = models.DateTimeField(_("received at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
    )

    objects = MatterQuerySet.as_manager()

    class Meta(DeadlineMixin.Meta):
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-received_at", "-pk"]
        indexes = [
            *DeadlineMixin.Meta.indexes,
            models.Index(fields=["state", "-received_at"], name="matters_state_received"),
            models.Index(fields=["unit", "state"], name="matters_unit_state"),
        ]
        permissions = [
            ("receive_matter", _("Register new matters")),
            ("assign_matter", _("Assign matters to units")),
            ("reject_matter", _("Reject matters")),
            ("handle_matter", _("Reply to and return matters of one's own unit")),
            ("approve_reply", _("Approve the replies of one's own unit")),
            ("verify_matter", _("Verify and close matters")),
            ("pause_matter", _("Pause and resume matters")),
            ("request_extension", _("Ask for more time on matters of one's own unit")),
            ("decide_extension", _("Grant or refuse extensions")),
            ("escalate_matter", _("Urge matters, issue supervision orders and refer for accountability")),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matters:detail", args=[self.public_id])

    def deadline_policy(self) -> DeadlinePolicy:
        return self.kind.policy()

    @property
    def is_open(self) -> bool:
        return self.state not in (State.REJECTED, State.CLOSED)

    @property
    def pending_extension(self) -> Extension | None:
        return self.extensions.filter(decision=Extension.Decision.PENDING).first()


class Extension(models.Model):
    """延期申请: the unit asks for more working days; only the center grants them."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("pending")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    matter = models.ForeignKey(Matter, models.CASCADE, related_name="extensions")
    workdays = models.PositiveSmallIntegerField(
        _("extra working days"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter"], condition=Q(decision="pending"), name="matters_one_pending_extension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter.public_id} +{self.workdays}"
