"""One row per training of the dispatch model: when, on how much history, how well it did on
the held-out later months. The fitted model itself is a file in the data dir (see store.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrainingRun(models.Model):
    trained_at = models.DateTimeField(_("trained at"), default=timezone.now)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("trained by"))
    algorithm = models.CharField(_("algorithm"), max_length=16)
    examples = models.PositiveIntegerField(_("complaints learned from"))
    units = models.PositiveIntegerField(_("units"))
    # The time-split evaluation made before fitting on everything (see textmodel.time_split).
    cutoff = models.DateTimeField(_("test period from"), null=True, blank=True)
    test_examples = models.PositiveIntegerField(_("complaints tested"), default=0)
    unit_top1 = models.FloatField(_("unit top-1 accuracy"), null=True, blank=True)
    unit_top3 = models.FloatField(_("unit top-3 accuracy"), null=True, blank=True)
    baseline_top1 = models.FloatField(_("baseline top-1 accuracy"), null=True, blank=True)
    category_top1 = models.FloatField(_("category top-1 accuracy"), null=True, blank=True)
    repeat_precision = models.FloatField(_("repeat precision"), null=True, blank=True)
    repeat_recall = models.FloatField(_("repeat recall"), null=True, blank=True)
    seconds = models.FloatField(_("training seconds"), default=0)
    path = models.CharField(_("model file"), max_length=300)

    class Meta:
        verbose_name = _("dispatch model training")
        verbose_name_plural = _("dispatch model trainings")
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} {self.algorithm}"
