"""Delivering the outbox exactly once.

A worker claims one pending, due row with a single conditional UPDATE that sets a lease
(claimed_until) and a fresh claim token; only the worker whose UPDATE matched sends. After
sending it marks the row sent, again conditioned on its token. A worker that dies between
claim and mark leaves the lease to expire; the row is then claimed and sent again, carrying the
same idempotency key (Delivery.key) so the receiver can drop the duplicate. A failed send is
retried with exponential backoff up to MAX_ATTEMPTS, then the row is marked failed for the
system administrator to see.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from xiaoneng.notifications.channels import SENDERS, ChannelError
from xiaoneng.notifications.models import Delivery, DeliveryState

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
BACKOFF = datetime.timedelta(minutes=1)  # doubled after each failed attempt


@dataclass
class Result:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retried} to retry, {self.failed} failed"


def _due(now: datetime.datetime) -> Q:
    return Q(state=DeliveryState.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


def claim(pk: int, now: datetime.datetime | None = None) -> uuid.UUID | None:
    """Take the lease on one delivery; the token, or None if another worker has it or it is done."""
    now = now or timezone.now()
    token = uuid.uuid4()
    claimed = Delivery.objects.filter(_due(now), pk=pk).update(
        claimed_until=now + LEASE, claim_token=token, attempts=F("attempts") + 1)
    return token if claimed else None


def mark_sent(pk: int, token: uuid.UUID) -> bool:
    return bool(Delivery.objects.filter(pk=pk, claim_token=token, state=DeliveryState.PENDING).update(
        state=DeliveryState.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""))


def mark_failed(pk: int, token: uuid.UUID, error: str) -> str:
    """Back off and release the lease, or give up after MAX_ATTEMPTS; returns the new state."""
    delivery = Delivery.objects.filter(pk=pk, claim_token=token).only("attempts").first()
    if delivery is None:
        return DeliveryState.PENDING
    now = timezone.now()
    if delivery.attempts >= MAX_ATTEMPTS:
        state, next_at = DeliveryState.FAILED, now
    else:
        state, next_at = DeliveryState.PENDING, now + BACKOFF * 2 ** (delivery.attempts - 1)
    Delivery.objects.filter(pk=pk, claim_token=token).update(
        state=state, next_attempt_at=next_at, claimed_until=None, last_error=error[:2000])
    return state


def deliver_pending(limit: int = 100, db_gate: Callable[[], contextlib.AbstractContextManager] | None = None,
                    ) -> Result:
    """Send up to `limit` due deliveries. `db_gate` wraps each database step (tests serialise
    the in-memory SQLite this way; a file database or PostgreSQL needs nothing)."""
    gate = db_gate or contextlib.nullcontext
    result = Result()
    with gate():
        ids = list(Delivery.objects.filter(_due(timezone.now())).order_by("next_attempt_at", "id")
                   .values_list("id", flat=True)[:limit])
    for pk in ids:
        with gate():
            token = claim(pk)
            delivery = Delivery.objects.select_related("notification").get(pk=pk) if token else None
        if delivery is None:
            continue  # another worker took it
        try:
            SENDERS[delivery.channel](delivery)
        except (ChannelError, KeyError) as exc:
            log.warning("delivery %s failed: %s", pk, exc)
            with gate():
                state = mark_failed(pk, token, str(exc))
            if state == DeliveryState.FAILED:
                result.failed += 1
            else:
                result.retried += 1
            continue
        with gate():
            if mark_sent(pk, token):
                result.sent += 1
    return result
