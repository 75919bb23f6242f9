"""Client keys for Open311: create (the plain key is shown once), revoke, authenticate."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from xiaoneng.audit import record
from xiaoneng.open311.models import ApiKey, hash_key, new_plain_key


class ApiKeyError(ValueError):
    """A key operation that cannot be done (duplicate or unknown name)."""


def do_create_api_key(name: str, *, actor=None) -> tuple[ApiKey, str]:
    """A new key for the client `name`; returns the row and the plain key, which is never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ApiKeyError("a client name is 1 to 100 characters")
    if ApiKey.objects.filter(name=name).exists():
        raise ApiKeyError(f"a client named {name!r} already has a key; revoke it or choose another name")
    plain = new_plain_key()
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name, prefix=plain[:10], key_hash=hash_key(plain), created_at=timezone.now()
        )
        record("open311.key.create", actor=actor, target=key, detail={"name": name, "prefix": key.prefix})
    return key, plain


def do_revoke_api_key(key: ApiKey, *, actor=None) -> ApiKey:
    """Revoke for good: requests already filed stay linked to the key."""
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record("open311.key.revoke", actor=actor, target=key, detail={"name": key.name})
    return key


def authenticate(plain: str) -> ApiKey | None:
    """The active key matching `plain`, or None (unknown and revoked keys alike)."""
    if not plain or len(plain) > 200:
        return None
    key = ApiKey.objects.active().filter(key_hash=hash_key(plain)).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
