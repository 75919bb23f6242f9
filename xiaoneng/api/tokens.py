"""Creating, revoking and checking API tokens. Every creation and revocation is audited."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from xiaoneng.api.models import ApiToken
from xiaoneng.audit.log import record

TOKEN_PREFIX = "xn_"
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def do_create_token(user, *, name: str = "", expires_at: datetime.datetime | None = None,
                    actor=None) -> tuple[ApiToken, str]:
    """Make a token for `user`; the plain token is returned once and never stored."""
    if expires_at is not None and timezone.is_naive(expires_at):
        raise ValueError("expires_at must be timezone-aware")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=plain[:10], key_hash=digest(plain), expires_at=expires_at,
        )
        record("api.token_create", actor=actor, target=token,
               detail={"user": user.get_username(), "name": token.name,
                       "expires_at": expires_at.isoformat() if expires_at else None})
    return token, plain


def do_revoke_token(token: ApiToken, *, actor=None) -> ApiToken:
    """Stop a token working at once; revoking twice changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("api.token_revoke", actor=actor, target=token,
                   detail={"user": token.user.get_username(), "name": token.name})
    return token


def authenticate_token(plain: str):
    """The active user a usable token belongs to, or None. Notes when the token was last used."""
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 200:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=digest(plain)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
