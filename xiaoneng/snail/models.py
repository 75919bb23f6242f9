"""蜗牛奖 the Snail Award: slow or careless handling named in numbered batches and tracked to rectification.

An `Item` is one matter of slowness: proposed from the data (a matter long overdue, a complaint
not handled, a rectification failed) or added by hand, with the lead's source. Selected into a
`Batch` (第N批, numbered per year) it is published with the batch: each of its units is proposed
the `snail_award` deduction, and a rectification matter is opened and tracked. When the
rectification fails, accountability is proposed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import Matter, new_public_id
from xiaoneng.org.models import Person, Unit

RECTIFICATION_KIND = "snail_rectification"
PERSON_RULE = "snail_award_person"


class LeadSource(models.TextChoices):
    HOTLINE = "hotline", _("hotline")
    MAILBOX = "mailbox", _("mailbox")
    VISIT = "visit", _("visits")
    INSPECTION = "inspection", _("inspections")
    MEDIA = "media", _("media")
    DATA = "data", _("the platform's data")


class Origin(models.TextChoices):
    OVERDUE_MATTER = "overdue_matter", _("matter long overdue")
    UNHANDLED_COMPLAINT = "unhandled_complaint", _("complaint not handled")
    FAILED_RECTIFICATION = "failed_rectification", _("rectification failed")
    MANUAL = "manual", _("added by hand")


class ItemState(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    DISMISSED = "dismissed", _("dismissed")
    SELECTED = "selected", _("selected for a batch")
    RECTIFYING = "rectifying", _("awarded, rectification under way")
    RECTIFIED = "rectified", _("rectified")
    FAILED = "failed", _("rectification failed, accountability proposed")


class BatchState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("snail batch", "draft")
    PUBLISHED = "published", pgettext_lazy("snail batch", "published")


class Batch(models.Model):
    """第N批“蜗牛奖”: a numbered batch of a year, published all at once."""

    public_id = models.CharField(_("number"), max_length=20, unique=True, default=new_public_id,
                                 editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("batch number"))
    state = models.CharField(_("state"), max_length=12, choices=BatchState.choices, default=BatchState.DRAFT)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Snail Award batch")
        verbose_name_plural = _("Snail Award batches")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="snail_batch_number")]
        permissions = [("publish_batch", _("Publish Snail Award batches"))]

    def __str__(self) -> str:
        return _("%(year)s, batch %(number)s of the Snail Award") % {"year": self.year, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("snail:batch", args=[self.public_id])

    def get_public_url(self) -> str:
        return reverse("public_snail:batch", args=[self.public_id])


class ItemQuerySet(models.QuerySet):
    def awarded(self) -> ItemQuerySet:
        return self.filter(batch__state=BatchState.PUBLISHED)


class Item(models.Model):
    """蜗牛奖事项: one matter of slowness, its units and problem, and its rectification."""

    public_id = models.CharField(_("number"), max_length=20, unique=True, default=new_public_id,
                                 editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(pgettext_lazy("snail item", "title"), max_length=200)
    problem = models.TextField(_("problem"))
    lead_source = models.CharField(_("source of the lead"), max_length=12, choices=LeadSource.choices)
    origin = models.CharField(_("origin"), max_length=24, choices=Origin.choices, default=Origin.MANUAL)
    matter = models.ForeignKey(Matter, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("matter it came from"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("responsible unit"))
    co_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("other units"))
    persons = models.ManyToManyField(Person, blank=True, related_name="+",
                                     verbose_name=_("persons whose performance bonus is deducted"))
    batch = models.ForeignKey(Batch, models.PROTECT, null=True, blank=True, related_name="items")
    state = models.CharField(_("state"), max_length=12, choices=ItemState.choices,
                             default=ItemState.CANDIDATE)
    rectification = models.OneToOneField(Matter, models.PROTECT, null=True, blank=True,
                                         related_name="snail_item", verbose_name=_("rectification matter"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"))

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Snail Award item")
        verbose_name_plural = _("Snail Award items")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A matter is proposed once; re-running the proposal scan is harmless.
            models.UniqueConstraint(fields=["matter"], condition=Q(matter__isnull=False),
                                    name="snail_item_matter_once"),
        ]
        permissions = [("manage_snail", _("Propose, add and select Snail Award items and prepare batches"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("snail:item", args=[self.public_id])

    def all_units(self) -> list[Unit]:
        return [self.unit, *[u for u in self.co_units.all() if u.pk != self.unit_id]]
