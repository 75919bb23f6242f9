"""简报: issues numbered per year, their sections and items, and the units' submissions (供稿).

An `Issue` is 第N期 of a year, dated, edited by a unit; its `Item`s sit in `Section`s (ordered
as configured: 中心动态, 部门动态, 他山之石 by default). An item is one of three kinds: center
news (drafted from the system's data, with the figures and the records it cited), a unit's
accepted submission (credited "——县交通局供稿"), or a reprint (credited "——摘自新华网").
A `Submission` is what a unit's liaison sends for a coming issue; editors edit it (the original
is kept), accept it (it becomes an item) or return it with a reason. Publishing freezes an issue.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Unit

CN_DIGITS = "〇一二三四五六七八九"


def bulletin_name() -> str:
    """The bulletin's masthead (XIAONENG_BULLETIN_NAME)."""
    from xiaoneng.conf import env_str

    return env_str("XIAONENG_BULLETIN_NAME", "效能建设简报")


def editing_unit_name() -> str:
    from xiaoneng.conf import env_str

    return env_str("XIAONENG_BULLETIN_EDITOR", "金湖县效能中心")


class SectionKind(models.TextChoices):
    CENTER = "center", pgettext_lazy("bulletin section", "center news")
    DEPARTMENT = "department", pgettext_lazy("bulletin section", "department news")
    REPRINT = "reprint", pgettext_lazy("bulletin section", "from elsewhere")
    DATA = "data", pgettext_lazy("bulletin section", "figures")


class Section(models.Model):
    """A configured section; `order` decides where it stands in every issue."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=SectionKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("section", "active"), default=True)

    class Meta:
        verbose_name = _("bulletin section")
        verbose_name_plural = _("bulletin sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class IssueState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("bulletin issue", "in preparation")
    PUBLISHED = "published", pgettext_lazy("bulletin issue", "published")


class Issue(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("bulletin name"), max_length=40, default=bulletin_name)
    editing_unit = models.CharField(_("editing unit"), max_length=60, default=editing_unit_name)
    date = models.DateField(_("date"))
    period_start = models.DateField(_("news from"), null=True, blank=True)
    period_end = models.DateField(_("news until"), null=True, blank=True)
    report_to = models.CharField(pgettext_lazy("bulletin", "report to"), max_length=300, blank=True)
    send_to = models.CharField(pgettext_lazy("bulletin", "send to"), max_length=300, blank=True)
    issue_to = models.CharField(pgettext_lazy("bulletin", "issue to"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=IssueState.choices, default=IssueState.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="bulletin_issue_year_number")]
        permissions = [
            ("edit_bulletin", _("Edit bulletin issues and decide on submissions")),
            ("submit_item", _("Submit items to the bulletin for one's unit")),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.issue_line}"

    def get_absolute_url(self) -> str:
        return reverse("bulletin:issue", args=[self.year, self.number])

    def get_public_url(self) -> str:
        return reverse("public_bulletin:issue", args=[self.year, self.number])

    @property
    def issue_line(self) -> str:
        return f"{self.year}年第{self.number}期"

    @property
    def is_published(self) -> bool:
        return self.state == IssueState.PUBLISHED

    def default_period(self) -> tuple[datetime.date, datetime.date]:
        end = self.period_end or self.date
        start = self.period_start or end.replace(day=1)
        return start, end


class ItemKind(models.TextChoices):
    CENTER = "center", pgettext_lazy("bulletin item", "center news")
    SUBMISSION = "submission", pgettext_lazy("bulletin item", "unit submission")
    REPRINT = "reprint", pgettext_lazy("bulletin item", "reprint")
    OTHER = "other", pgettext_lazy("bulletin item", "other")


class Item(models.Model):
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="items", verbose_name=_("issue"))
    section = models.ForeignKey(Section, models.PROTECT, related_name="+",
                                verbose_name=pgettext_lazy("bulletin", "section"))
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(pgettext_lazy("bulletin item", "title"), max_length=200)
    text = models.TextField(pgettext_lazy("bulletin item", "text"))
    credit_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("submitted by unit"))
    source = models.CharField(_("source"), max_length=200, blank=True)  # reprints: 新华网
    source_date = models.DateField(_("source date"), null=True, blank=True)
    draft_key = models.CharField(_("draft"), max_length=64, blank=True)  # center news: NewsDraft.key
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    previous = models.JSONField(_("same period last year"), default=dict, blank=True)
    citations = models.JSONField(_("records cited"), default=list, blank=True)  # [{"label", "url"}]

    class Meta:
        verbose_name = _("bulletin item")
        verbose_name_plural = _("bulletin items")
        ordering = ["section__order", "section_id", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def credit(self) -> str:
        """The line under the item: "——县交通局供稿" or "——摘自新华网（2013年3月28日）"."""
        if self.kind == ItemKind.REPRINT and self.source:
            when = f"（{self.source_date.year}年{self.source_date.month}月{self.source_date.day}日）" \
                if self.source_date else ""
            return f"——摘自{self.source}{when}"
        if self.credit_unit_id:
            unit = self.credit_unit
            return f"——{unit.short_name or unit.name}供稿"
        return ""


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("submission", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("submission", "accepted")
    RETURNED = "returned", pgettext_lazy("submission", "returned")


class Submission(models.Model):
    """供稿: a unit's item for a coming issue; the original stays as sent, editors edit the copy."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    issue = models.ForeignKey(Issue, models.PROTECT, related_name="submissions", verbose_name=_("issue"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))
    original_title = models.CharField(_("title as sent"), max_length=200)
    original_text = models.TextField(_("text as sent"))
    title = models.CharField(pgettext_lazy("submission", "title"), max_length=200)
    text = models.TextField(pgettext_lazy("submission", "text"))
    state = models.CharField(_("state"), max_length=10, choices=SubmissionState.choices,
                             default=SubmissionState.SUBMITTED)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("edited by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    item = models.OneToOneField(Item, models.SET_NULL, null=True, blank=True, related_name="submission",
                                verbose_name=_("item"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bulletin:submission", args=[self.pk])

    @property
    def is_edited(self) -> bool:
        return (self.title, self.text) != (self.original_title, self.original_text)


def photo_upload_to(instance: SubmissionPhoto, filename: str) -> str:
    return f"bulletin/{instance.submission.issue.year}/{filename}"


class SubmissionPhoto(models.Model):
    submission = models.ForeignKey(Submission, models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to=photo_upload_to, max_length=200)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name
