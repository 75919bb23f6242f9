"""Checkpoints: every chain's head written to a file kept outside the database.

A chain can only prove what it still contains: if its last events are deleted,
the rest still verifies. A checkpoint kept elsewhere (another machine, paper,
a notary) records each head (subject, seq, hash); `verify_checkpoint` later
proves that no chain was truncated below, or rewritten at, that head.

The file is JSON Lines: a header, one line per chain, and a last line holding
the digest of every byte before it, so an edited or cut-off file is noticed too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from xiaoneng.trace.hashing import canonical_datetime, canonical_json, new_hasher, preferred_algorithm
from xiaoneng.trace.models import Event, subject_key_of

FORMAT = "xiaoneng-trace-checkpoint"
VERSION = 1
BATCH = 1000


def heads() -> Iterator[tuple[str, int, str]]:
    """(subject key, head seq, head hash) of every chain, streamed."""
    latest = (
        Event.objects.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"))
        .order_by("-seq").values("seq")[:1]
    )
    rows = (
        Event.objects.filter(seq=Subquery(latest)).order_by("content_type_id", "object_id")
        .values_list("content_type_id", "object_id", "seq", "hash")
    )
    for ct_id, object_id, seq, hash_ in rows.iterator(chunk_size=BATCH):
        yield subject_key_of(ct_id, object_id), seq, hash_


def write_checkpoint(out: IO[bytes]) -> int:
    """Write a checkpoint of every chain to `out`; return the number of chains."""
    algorithm = preferred_algorithm()
    hasher = new_hasher(algorithm)

    def emit(obj: dict) -> None:
        line = canonical_json(obj) + b"\n"
        hasher.update(line)
        out.write(line)

    emit({"format": FORMAT, "version": VERSION, "created_at": canonical_datetime(timezone.now()),
          "algorithm": algorithm})
    count = 0
    for key, seq, hash_ in heads():
        emit({"subject": key, "seq": seq, "hash": hash_})
        count += 1
    out.write(canonical_json({"chains": count, "digest": hasher.hexdigest(), "algorithm": algorithm})
              + b"\n")
    return count


class CheckpointError(ValueError):
    """The file is not a readable checkpoint."""


def _load(line: bytes) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        raise CheckpointError("not a trace checkpoint file (unreadable line)") from None
    if not isinstance(record, dict):
        raise CheckpointError("not a trace checkpoint file (unexpected line)")
    return record


def _parse(handle: IO[bytes]) -> Iterator[tuple[str, object]]:
    """Yield ("header", dict), ("chain", dict)..., then ("digest_ok", True/False, or None if absent)."""
    lines = iter(handle)
    first = next(lines, b"")
    header = _load(first) if first else {}
    if header.get("format") != FORMAT:
        raise CheckpointError("not a trace checkpoint file")
    try:
        hasher = new_hasher(str(header.get("algorithm")))
    except ValueError:
        raise CheckpointError(f"unknown checkpoint algorithm {header.get('algorithm')!r}") from None
    hasher.update(first)
    yield "header", header
    pending: tuple[bytes, dict] | None = None
    for line in lines:
        if pending is not None:
            hasher.update(pending[0])
            yield "chain", pending[1]
        pending = (line, _load(line))
    if pending is not None and "digest" in pending[1]:
        yield "digest_ok", pending[1]["digest"] == hasher.hexdigest()
        return
    if pending is not None:
        yield "chain", pending[1]
    yield "digest_ok", None


def _check_batch(batch: list[dict]) -> Iterator[str]:
    wanted: dict[tuple[int, int], tuple[str, int, str]] = {}
    for item in batch:
        try:
            key, seq, hash_ = str(item["subject"]), int(item["seq"]), str(item["hash"])
            label, _sep, object_id = key.rpartition(":")
            app_label, _dot, model = label.partition(".")
            object_id = int(object_id)
        except (KeyError, TypeError, ValueError):
            raise CheckpointError(f"not a trace checkpoint file (bad chain line {item!r})") from None
        try:
            ct = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            yield f"{key}: the subject's type no longer exists"
            continue
        wanted[(ct.pk, object_id)] = (key, seq, hash_)
    by_type: dict[int, list[int]] = defaultdict(list)
    for ct_id, object_id in wanted:
        by_type[ct_id].append(object_id)
    found: dict[tuple[int, int, int], str] = {}
    for ct_id, object_ids in by_type.items():
        seqs = {wanted[(ct_id, oid)][1] for oid in object_ids}
        rows = Event.objects.filter(content_type_id=ct_id, object_id__in=object_ids, seq__in=seqs)
        for oid, seq, hash_ in rows.values_list("object_id", "seq", "hash"):
            found[(ct_id, oid, seq)] = hash_
    for (ct_id, oid), (key, seq, hash_) in wanted.items():
        current = found.get((ct_id, oid, seq))
        if current == hash_:
            continue
        if current is not None:
            yield f"{key}: rewritten: seq {seq} no longer has the hash recorded in the checkpoint"
            continue
        head = Event.objects.filter(content_type_id=ct_id, object_id=oid).order_by("-seq").first()
        if head is None:
            yield f"{key}: the chain is gone (checkpoint recorded {seq} events)"
        elif head.seq < seq:
            yield f"{key}: truncated: head is seq {head.seq}, checkpoint recorded seq {seq}"
        else:
            yield f"{key}: rewritten: seq {seq} is missing below head seq {head.seq}"


def verify_checkpoint(handle: IO[bytes]) -> tuple[dict, int, list[str]]:
    """(header, chains checked, problems) of a checkpoint against the database today."""
    problems: list[str] = []
    header: dict = {}
    batch: list[dict] = []
    checked = 0

    def flush(items: Iterable[dict]) -> None:
        problems.extend(_check_batch(list(items)))

    for kind, value in _parse(handle):
        if kind == "header":
            header = value
        elif kind == "chain":
            batch.append(value)
            checked += 1
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
        elif value is None:
            problems.insert(0, "the checkpoint file has no digest line: it is incomplete")
        elif value is False:
            problems.insert(0, "the checkpoint file's digest does not match: it was edited or damaged")
    flush(batch)
    return header, checked, problems
