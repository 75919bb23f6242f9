"""公开承诺: campaigns, each unit's commitment, its measurable items, and their fulfilment (践诺).

Fulfilment is tracked like Decidim's results: every item has a status, a progress percentage,
dated milestones and evidence (files on the item's trace events). The center checks items
through the year (`FulfilmentCheck`); a breach (`Breach`) opens a matter for the unit, drafts a
public notice (`BreachNotice`) and proposes a deduction. Every change goes through
`xiaoneng.commitments.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import PUBLIC_ID_LENGTH, Matter, new_public_id
from xiaoneng.org.models import Unit


class Channel(models.TextChoices):
    TV = "tv", _("television")
    RADIO = "radio", _("radio")
    NEWSPAPER = "newspaper", _("newspaper")
    WEB = "web", _("website")
    NOTICE_BOARD = "notice_board", _("notice board")
    SIGNED_LETTER = "signed_letter", _("signed commitment letter")
    PLEDGE = "pledge", _("responsibility pledge")


class CommitterKind(models.TextChoices):
    HEAD = "head", _("principal head")
    COLLECTIVE = "collective", _("leadership collective")
    PERSON = "person", _("an individual")


class ItemKind(models.TextChoices):
    APPROVAL = "approval", _("faster approvals")
    ENFORCEMENT = "enforcement", _("lawful enforcement")
    BURDEN = "burden", _("lighter burdens on enterprises")
    GREEN_CARD = "green_card", _("green card service")
    OTHER = "other", pgettext_lazy("commitment kind", "other")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    FULFILLED = "fulfilled", _("fulfilled")
    BREACHED = "breached", _("breached")


class CheckOutcome(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind schedule")
    FULFILLED = "fulfilled", _("fulfilled")
    BREACHED = "breached", _("breached")


class Campaign(models.Model):
    """集中公开承诺活动, with the directive it rests on (e.g. a 县效能中心 notice and its number)."""

    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    name = models.CharField(_("name"), max_length=200)
    basis_title = models.CharField(_("basis document"), max_length=200)
    basis_number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment campaign")
        verbose_name_plural = _("commitment campaigns")
        ordering = ["-starts_on", "-pk"]
        permissions = [
            ("manage_commitments", _("Organise commitment campaigns and record commitments")),
            ("check_fulfilment", _("Check the fulfilment of commitments and record breaches")),
            ("report_progress", _("Report the progress of one's own unit's commitments")),
            ("publish_notice", _("Publish notices of broken commitments")),
        ]

    def __str__(self) -> str:
        return self.name


class UnitCommitment(models.Model):
    """One unit's commitment in a campaign: who committed, how (channels), and its items."""

    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    campaign = models.ForeignKey(
        Campaign, models.PROTECT, related_name="commitments", verbose_name=_("campaign")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    committer_kind = models.CharField(_("who committed"), max_length=12, choices=CommitterKind.choices)
    committer_name = models.CharField(_("name of who committed"), max_length=100, blank=True)
    committed_on = models.DateField(_("committed on"))
    channels = models.JSONField(_("channels"), default=list)  # Channel values
    statement = models.TextField(_("statement"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit commitment")
        verbose_name_plural = _("unit commitments")
        ordering = ["campaign", "unit__sort_order", "unit__pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="commitments_unit_once")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.public_id])

    def get_public_url(self) -> str:
        return reverse("public_commitments:detail", args=[self.public_id])

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]


class CommitmentItem(models.Model):
    """承诺事项: one measurable promise, with its fulfilment status and progress."""

    commitment = models.ForeignKey(
        UnitCommitment, models.CASCADE, related_name="items", verbose_name=_("commitment")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    promise = models.TextField(_("promise"))
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("unit of the target"), max_length=20, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("commitment item")
        verbose_name_plural = _("commitment items")
        ordering = ["commitment", "pk"]

    def __str__(self) -> str:
        return self.promise[:60]

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url()


class Milestone(models.Model):
    item = models.ForeignKey(
        CommitmentItem, models.CASCADE, related_name="milestones", verbose_name=_("commitment item")
    )
    title = models.CharField(pgettext_lazy("milestone", "title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["item", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class FulfilmentCheck(models.Model):
    """践诺检查: the center's check of one item on a day."""

    item = models.ForeignKey(
        CommitmentItem, models.CASCADE, related_name="checks", verbose_name=_("commitment item")
    )
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=CheckOutcome.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("fulfilment check")
        verbose_name_plural = _("fulfilment checks")
        ordering = ["item", "-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.item} · {self.checked_on}"


class Breach(models.Model):
    """有诺不践: a broken item; it becomes a matter for the unit, a notice and a deduction."""

    item = models.OneToOneField(
        CommitmentItem, models.PROTECT, related_name="breach", verbose_name=_("commitment item")
    )
    description = models.TextField(_("what was broken"))
    found_on = models.DateField(_("found on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    check_record = models.OneToOneField(
        FulfilmentCheck,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="breach",
        verbose_name=_("fulfilment check"),
    )
    matter = models.OneToOneField(
        Matter, models.PROTECT, related_name="commitment_breach", verbose_name=_("matter")
    )

    class Meta:
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")
        ordering = ["-found_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.item.commitment.unit}: {self.description[:50]}"

    def get_absolute_url(self) -> str:
        return self.item.commitment.get_absolute_url()


class NoticeState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("notice state", "draft")
    PUBLISHED = "published", pgettext_lazy("notice state", "published")


class BreachNotice(models.Model):
    """公开通报 of a breach: drafted with the breach, published by center staff."""

    breach = models.OneToOneField(Breach, models.PROTECT, related_name="notice", verbose_name=_("breach"))
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=200)
    text = models.TextField(_("text"))
    state = models.CharField(
        _("state"), max_length=10, choices=NoticeState.choices, default=NoticeState.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("notice of a broken commitment")
        verbose_name_plural = _("notices of broken commitments")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.breach.get_absolute_url()
