"""Open311 GeoReport v2: client applications' keys and what a complaint filed through Open311 carries.

The complaint itself is a `complaints.Complaint` (a matter); this app only adds the facts
GeoReport v2 has and a complaint does not (where it happened, which client sent it) and the
random token `tokens/{token}` resolves.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "o311_"


def hash_key(plain: str) -> str:
    """Keys are 256 random bits, so one round of SHA-256 is enough to keep them unusable at rest."""
    return hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()


def new_plain_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """Open311 客户端密钥: one per client application; kept only as a hash, revocable."""

    name = models.CharField(_("client name"), max_length=100, unique=True)
    prefix = models.CharField(_("key prefix"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Open311 client key")
        verbose_name_plural = _("Open311 client keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ServiceRequest(models.Model):
    """What an Open311 client sent besides the complaint: location, client and the public token."""

    complaint = models.OneToOneField(
        "complaints.Complaint", models.CASCADE, related_name="open311", verbose_name=_("complaint")
    )
    api_key = models.ForeignKey(ApiKey, models.PROTECT, related_name="requests", verbose_name=_("client"))
    # Random and unrelated to the complaint's tracking code, which only its reporter may know.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    address_string = models.CharField(_("address"), max_length=500, blank=True)
    address_id = models.CharField(_("address id"), max_length=100, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("longitude"), max_digits=10, decimal_places=6, null=True, blank=True)
    device_id = models.CharField(_("device id"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Open311 service request")
        verbose_name_plural = _("Open311 service requests")

    def __str__(self) -> str:
        return self.token
