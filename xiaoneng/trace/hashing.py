"""Canonical serialisation and digests shared by the trace chains and the audit log.

The same input must give the same bytes on every database engine, so values are
reduced to plain JSON (str, int, bool, None, lists, dicts with str keys) before
they are stored and before they are hashed: what is hashed is exactly what is
stored, and verification re-reads the stored values.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from typing import IO, Any

from django.utils.functional import Promise

SM3 = "sm3"
SHA256 = "sha256"
ALGORITHMS = (SM3, SHA256)


def sm3_available() -> bool:
    try:
        hashlib.new(SM3, b"")
    except (ValueError, TypeError):
        return False
    return True


def preferred_algorithm() -> str:
    """SM3 (国密) when OpenSSL offers it, otherwise SHA-256."""
    return SM3 if sm3_available() else SHA256


def new_hasher(algorithm: str):
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown hash algorithm {algorithm!r}")
    return hashlib.new(algorithm)


def digest(content: bytes, algorithm: str) -> str:
    hasher = new_hasher(algorithm)
    hasher.update(content)
    return hasher.hexdigest()


def file_digest(handle: IO[bytes], algorithm: str, chunk_size: int = 1 << 16) -> str:
    hasher = new_hasher(algorithm)
    for chunk in iter(lambda: handle.read(chunk_size), b""):
        hasher.update(chunk)
    return hasher.hexdigest()


def canonical_datetime(value: datetime.datetime) -> str:
    """ISO 8601 in UTC with microseconds and offset: engines return UTC, so we hash UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: trace and audit times must be aware")
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical_value(value: Any) -> Any:
    """Reduce a value to plain JSON that survives a round trip through any engine's JSON column.

    Decimals become their exact text (scale kept), aware datetimes UTC ISO text,
    dates ISO text, UUIDs text, tuples lists. Integral floats become ints (jsonb
    may print 2.0 as 2); NaN and infinities, naive datetimes, sets and objects
    are refused rather than guessed at.
    """
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be stored in a trace")
        return int(value) if value.is_integer() else value
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} cannot be stored in a trace")
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        return canonical_datetime(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Promise):
        return str(value)
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"trace data keys must be strings, not {type(key).__name__}")
            result[key] = canonical_value(item)
        return result
    if isinstance(value, list | tuple):
        return [canonical_value(item) for item in value]
    raise TypeError(f"{type(value).__name__} values cannot be stored in a trace; pass plain data")


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not ASCII escapes): the bytes that are hashed."""
    return json.dumps(
        canonical_value(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def hash_payload(payload: Any, algorithm: str) -> str:
    return digest(canonical_json(payload), algorithm)
