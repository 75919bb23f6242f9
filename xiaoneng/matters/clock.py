"""The time actions see: now, unless a caller replays history "as of" another moment.

Only the demo builder replays (it builds months of matters with true dates in their
traces); everything else runs at the real time. A context variable keeps the override
local to the code that set it, even across threads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_frozen: ContextVar[datetime.datetime | None] = ContextVar("xiaoneng_matters_clock", default=None)


def now() -> datetime.datetime:
    return _frozen.get() or timezone.now()


def replaying() -> bool:
    """Whether a caller is replaying history (`as_of`), not acting at the real time."""
    return _frozen.get() is not None


def today() -> datetime.date:
    return timezone.localdate(now())


@contextmanager
def as_of(moment: datetime.datetime) -> Iterator[None]:
    if timezone.is_naive(moment):
        raise ValueError("as_of needs an aware datetime")
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)
