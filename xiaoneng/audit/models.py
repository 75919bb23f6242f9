"""审计日志: one append-only, hash-chained log of security-relevant actions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.trace.hashing import ALGORITHMS, canonical_datetime, hash_payload
from xiaoneng.trace.models import AppendOnlyModel


class AuditEntry(AppendOnlyModel):
    """审计记录: who did what, when, from where, to what. Never changed, never deleted."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    # No database constraint and no cascade: deleting an account must neither fail
    # nor rewrite the log; the username snapshot keeps the entry readable.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True, db_constraint=False,
        related_name="+", verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True, db_index=True)
    # Text, not inet: the hashed form must be exactly the form read back on every engine.
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    target_type = models.ForeignKey(
        ContentType, models.DO_NOTHING, null=True, blank=True, db_constraint=False, related_name="+",
        verbose_name=_("target type"),
    )
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(pgettext_lazy("audit", "target"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)
    algorithm = models.CharField(max_length=8, choices=[(a, a) for a in ALGORITHMS])

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.actor_username}"

    def target_label(self) -> str:
        if self.target_type_id is None:
            return ""
        ct = ContentType.objects.get_for_id(self.target_type_id)
        return f"{ct.app_label}.{ct.model}"

    def hash_payload(self) -> dict:
        return {
            "seq": self.seq,
            "at": canonical_datetime(self.at),
            "action": self.action,
            "actor": self.actor_id,
            "actor_username": self.actor_username,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "target": [self.target_label(), self.target_id, self.target_repr],
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "algorithm": self.algorithm,
        }

    def compute_hash(self) -> str:
        return hash_payload(self.hash_payload(), self.algorithm)


class AuditLogLock(models.Model):
    """One row that writers lock so that entries join the global chain one at a time.

    Without it, concurrent writers race for the next seq and the loser retries; under
    load a writer can lose many times in a row. The lock makes them queue instead.
    """

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return "audit log lock"
