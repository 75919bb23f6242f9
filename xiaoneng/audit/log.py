"""The audit API: `record(action, actor=..., request=..., target=..., detail=...)`.

Action names are dotted ("auth.login", "identity.view", "export", "admin.change").
Call `record` inside the transaction of the action it describes, so both commit
or neither does.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from xiaoneng.audit.models import AuditEntry, AuditLogLock
from xiaoneng.trace.hashing import SM3, canonical_value, preferred_algorithm, sm3_available

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class TargetRef:
    """A target known only by its parts, e.g. an object that was just deleted."""

    content_type: ContentType | None
    object_id: str
    text: str


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the client named by X-Forwarded-For when the proxy is trusted."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "XIAONENG_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The trusted proxy appends the address it saw last: the rightmost entry.
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _target_parts(target) -> tuple[ContentType | None, str, str]:
    if target is None:
        return None, "", ""
    if isinstance(target, TargetRef):
        return target.content_type, str(target.object_id)[:64], str(target.text)[:300]
    if isinstance(target, models.Model):
        return ContentType.objects.get_for_model(target), str(target.pk or "")[:64], str(target)[:300]
    raise TypeError(f"an audit target is a model instance or TargetRef, not {type(target).__name__}")


def _lock_log() -> None:
    # Held until the caller's transaction ends: keep transactions that record entries short.
    if not list(AuditLogLock.objects.select_for_update().filter(pk=1).values_list("pk")):
        AuditLogLock.objects.get_or_create(pk=1)
        list(AuditLogLock.objects.select_for_update().filter(pk=1).values_list("pk"))


def record(action: str, *, actor=None, request: HttpRequest | None = None, target=None,
           detail: dict | None = None) -> AuditEntry:
    """Append one entry to the audit log and return it."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    target_type, target_id, target_repr = _target_parts(target)
    entry = AuditEntry(
        at=timezone.now(), action=action[:64], actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        ip=(client_ip(request) or "") if request is not None else "",
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else "",
        target_type=target_type, target_id=target_id, target_repr=target_repr,
        detail=canonical_value(detail or {}), algorithm=preferred_algorithm(),
    )
    for attempt in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                _lock_log()
                head = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
                entry.seq = head["seq"] + 1 if head else 1
                entry.prev_hash = head["hash"] if head else ""
                entry.hash = entry.compute_hash()
                entry.save()
                return entry
        except IntegrityError:
            # A concurrent writer took this seq; re-read the head and try again.
            entry._state.adding = True
            entry.pk = None
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def verify_log(chunk_size: int = 1000) -> Iterator[str]:
    """Problems in the audit chain, streamed; nothing when intact."""
    expected, prev_hash, last = 1, "", 0
    while True:
        batch = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:chunk_size])
        if not batch:
            return
        for entry in batch:
            if entry.seq != expected:
                yield f"cut: entries {expected}-{entry.seq - 1} missing"
            if entry.prev_hash != prev_hash:
                yield f"broken link at entry {entry.seq}"
            if entry.algorithm == SM3 and not sm3_available():
                yield f"entry {entry.seq} cannot be checked here, this OpenSSL has no SM3"
            elif entry.compute_hash() != entry.hash:
                yield f"altered: entry {entry.seq} ({entry.action}) does not match its hash"
            expected, prev_hash, last = entry.seq + 1, entry.hash, entry.seq
