"""The full-text index of matters: one row per distinct term of a matter's searchable text."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xiaoneng.matters.models import Matter


class MatterTerm(models.Model):
    """检索词: a character bigram (or a whole ASCII word) that occurs in a matter's text.

    The primary key (term, matter) is the index a search walks: all matters with a term,
    in matter order, without touching the table itself. The foreign key's own index serves
    deleting one matter's terms when it is indexed again.
    """

    pk = models.CompositePrimaryKey("term", "matter")
    term = models.CharField(max_length=32)
    matter = models.ForeignKey(Matter, models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return f"{self.term} → {self.matter_id}"
