"""通报 notices of commendation or criticism: drafted from the data, approved, published.

A notice names units and/or persons (NoticeSubject). Approval numbers it (its own 发文字号
series, kind "notice") and, for a criticism, proposes the `critical_notice` deduction for every
subject through the score ledger. Publication puts it on the portal (and its feeds); the DOCX is
drawn by the shared official-document renderer. See docs/notices.md.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Person, Unit


class NoticeKind(models.TextChoices):
    COMMENDATION = "commendation", _("commendation")
    CRITICISM = "criticism", _("criticism")


class NoticeState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("notice state", "draft")
    APPROVED = "approved", pgettext_lazy("notice state", "approved")
    PUBLISHED = "published", pgettext_lazy("notice state", "published")


EVENT_LABELS = {
    "notices.drafted": _("notice drafted"),
    "notices.edited": _("notice edited"),
    "notices.approved": _("notice approved and numbered"),
    "notices.published": _("notice published on the portal"),
}


class Notice(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    recipient = models.CharField(_("addressed to"), max_length=200, default="各乡镇、县各部门单位")
    body = models.TextField(_("text"), help_text=_("One paragraph per line."))
    state = models.CharField(
        _("state"), max_length=16, choices=NoticeState.choices, default=NoticeState.DRAFT
    )
    doc_no = models.CharField(_("document number"), max_length=60, blank=True)
    source_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_text = models.CharField(_("drafted from"), max_length=255, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    drafted_at = models.DateTimeField(_("drafted at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-drafted_at", "-pk"]
        permissions = [
            ("draft_notice", _("Draft notices")),
            ("approve_notice", _("Approve and publish notices")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=NoticeState.DRAFT)
                | Q(approved_on__isnull=False)
                & ~Q(doc_no="")
                & (Q(state=NoticeState.APPROVED) | Q(published_at__isnull=False)),
                name="notices_notice_state_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_notices:detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]


class NoticeSubject(models.Model):
    """A unit or a person the notice commends or criticises."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="subjects")
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )

    class Meta:
        verbose_name = _("notice subject")
        verbose_name_plural = _("notice subjects")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="notices_subject_one",
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit or self.person)
