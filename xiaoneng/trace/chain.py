"""The trace API: append events to a subject's chain, read them, verify them.

Every matter transition, procedure step or decision calls `append_event` inside
the transaction that makes the change; `verify_subject` / `verify_all` (and the
`xiaoneng verify-trace` command) recompute every hash to prove nothing was
altered, reordered or cut.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from xiaoneng.trace.hashing import (
    ALGORITHMS,
    SM3,
    canonical_value,
    file_digest,
    preferred_algorithm,
    sm3_available,
)
from xiaoneng.trace.models import Event, EventAttachment, subject_key_of

# Concurrent appends to one subject race for the next seq; the loser retries.
MAX_APPEND_ATTEMPTS = 10


def subject_identity(subject: models.Model) -> tuple[ContentType, int]:
    if subject.pk is None:
        raise ValueError("a trace subject must be saved before events are recorded for it")
    return ContentType.objects.get_for_model(subject), int(subject.pk)


def subject_key(subject: models.Model) -> str:
    ct, object_id = subject_identity(subject)
    return subject_key_of(ct.pk, object_id)


def events_for(subject: models.Model) -> QuerySet[Event]:
    """The subject's events, oldest first."""
    ct, object_id = subject_identity(subject)
    return Event.objects.filter(content_type=ct, object_id=object_id).order_by("seq")


def _read_attachment(upload: File, algorithm: str) -> tuple[str, int, str]:
    name = (getattr(upload, "name", None) or "attachment").replace("\\", "/").rsplit("/", 1)[-1]
    upload.seek(0)
    digest = file_digest(upload, algorithm)
    size = upload.tell()
    upload.seek(0)
    return name, size, digest


def append_event(
    subject: models.Model,
    kind: str,
    actor=None,
    data: dict | None = None,
    attachments: Iterable[File] = (),
    at: datetime.datetime | None = None,
) -> Event:
    """Record one step of `subject`'s history as the next link of its chain.

    Call it inside the transaction that makes the change it records, so the
    change and its trace commit or fail together.
    """
    ct, object_id = subject_identity(subject)
    at = at or timezone.now()
    if timezone.is_naive(at):
        raise ValueError("trace event times must be timezone-aware")
    data = canonical_value(data or {})
    algorithm = preferred_algorithm()
    files = [(upload, *_read_attachment(upload, algorithm)) for upload in attachments]
    for attempt in range(MAX_APPEND_ATTEMPTS):
        try:
            with transaction.atomic():
                _lock_subject(subject)
                return _append_once(ct, object_id, kind, actor, data, files, at, algorithm)
        except IntegrityError:
            # Another transaction took this seq first; read its head and try again.
            if attempt == MAX_APPEND_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _lock_subject(subject: models.Model) -> None:
    # Appends to one subject queue behind each other on its row (a no-op on SQLite, whose
    # writers are serialised anyway); the unique seq and the retry stay as the safety net.
    list(type(subject)._base_manager.select_for_update().filter(pk=subject.pk).values_list("pk"))


def _head(ct: ContentType, object_id: int) -> dict | None:
    return (
        Event.objects.filter(content_type=ct, object_id=object_id)
        .order_by("-seq").values("seq", "hash").first()
    )


def _append_once(ct, object_id, kind, actor, data, files, at, algorithm) -> Event:
    head = _head(ct, object_id)
    event = Event(
        content_type=ct, object_id=object_id, seq=(head["seq"] + 1) if head else 1, kind=kind,
        actor=actor, at=at, data=data, prev_hash=head["hash"] if head else "", algorithm=algorithm,
    )
    attachments = [
        EventAttachment(event=event, position=position, name=name, size=size, digest=digest)
        for position, (_upload, name, size, digest) in enumerate(files)
    ]
    event.hash = event.compute_hash(attachments)
    event.save()
    for attachment, (upload, name, *_rest) in zip(attachments, files, strict=True):
        attachment.event = event
        attachment.file.save(name, upload, save=False)
        attachment.save()
    return event


# --- verification -------------------------------------------------------------------------------


@dataclass
class ChainReport:
    key: str
    events: int = 0
    problems: list[str] = field(default_factory=list)


def _check_attachment(attachment: EventAttachment, algorithm: str) -> str | None:
    label = f"attachment {attachment.position} ({attachment.name})"
    try:
        with attachment.file.open("rb") as handle:
            actual = file_digest(handle, algorithm)
    except (FileNotFoundError, ValueError, OSError):
        return f"{label} is missing"
    if actual != attachment.digest:
        return f"{label} was changed (digest mismatch)"
    return None


def _check_event(event: Event, expected_seq: int, prev_hash: str | None) -> list[str]:
    problems = []
    at = f"seq {event.seq}"
    if event.seq != expected_seq:
        missing = f"seq {expected_seq}" if event.seq == expected_seq + 1 else (
            f"seqs {expected_seq}-{event.seq - 1}"
        )
        problems.append(f"cut: {missing} missing before {at}" if event.seq > expected_seq
                        else f"reordered: {at} found where seq {expected_seq} was expected")
    if prev_hash is not None and event.prev_hash != prev_hash:
        problems.append(f"broken link: {at} does not point at the hash of the event before it")
    if event.algorithm not in ALGORITHMS:
        problems.append(f"{at}: unknown hash algorithm {event.algorithm!r}")
        return problems
    if event.algorithm == SM3 and not sm3_available():
        problems.append(f"{at}: cannot be checked here, this OpenSSL has no SM3")
        return problems
    attachments = list(event.attachments.all())
    if event.compute_hash(attachments) != event.hash:
        problems.append(f"altered: {at} ({event.kind}) does not match its hash")
    for attachment in attachments:
        problem = _check_attachment(attachment, event.algorithm)
        if problem:
            problems.append(f"{at}: {problem}")
    return problems


def _check_chain(report: ChainReport, events: Iterable[Event]) -> ChainReport:
    prev_hash: str | None = ""
    expected = 1
    for event in events:
        report.events += 1
        report.problems += _check_event(event, expected, prev_hash)
        expected, prev_hash = event.seq + 1, event.hash
    return report


def verify_subject(subject: models.Model) -> list[str]:
    """Problems found in the subject's chain; an empty list when it is intact."""
    events = events_for(subject).prefetch_related("attachments")
    return _check_chain(ChainReport(subject_key(subject)), events.iterator(chunk_size=500)).problems


def _stream_events(chunk_size: int) -> Iterator[Event]:
    # Keyset pagination over the (content_type, object_id, seq) index: constant memory.
    last: tuple[int, int, int] | None = None
    while True:
        batch = Event.objects.order_by("content_type_id", "object_id", "seq")
        if last is not None:
            ct, oid, seq = last
            batch = batch.filter(
                models.Q(content_type_id__gt=ct)
                | models.Q(content_type_id=ct, object_id__gt=oid)
                | models.Q(content_type_id=ct, object_id=oid, seq__gt=seq)
            )
        events = list(batch.prefetch_related("attachments")[:chunk_size])
        if not events:
            return
        yield from events
        tail = events[-1]
        last = (tail.content_type_id, tail.object_id, tail.seq)


def verify_chains(chunk_size: int = 1000) -> Iterator[ChainReport]:
    """One report per chain, streamed in subject order."""
    report: ChainReport | None = None
    current: tuple[int, int] | None = None
    prev_hash: str | None = ""
    expected = 1
    for event in _stream_events(chunk_size):
        identity = (event.content_type_id, event.object_id)
        if identity != current:
            if report is not None:
                yield report
            report = ChainReport(subject_key_of(*identity))
            current, prev_hash, expected = identity, "", 1
        report.events += 1
        report.problems += _check_event(event, expected, prev_hash)
        expected, prev_hash = event.seq + 1, event.hash
    if report is not None:
        yield report


def verify_all(chunk_size: int = 1000) -> dict[str, list[str]]:
    """Problems of every chain that is not intact, by subject key ("matters.matter:12")."""
    return {r.key: r.problems for r in verify_chains(chunk_size) if r.problems}
