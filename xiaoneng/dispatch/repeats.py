"""重复件: which earlier complaints a new one may repeat.

Candidates are complaints received before it that are still open, or were received in the
last RECENT_DAYS, and are not themselves marked duplicates; among them those of the same unit
(the unit complained about or the responsible one, on either side) or from the same reporter
phone — compared only through the keyed `phone_hash`, never the number — or, when the new
complaint names no unit, the newest others. Each is scored by the cosine similarity of the
texts (the dispatch model's TF-IDF vectors, or plain character n-grams before any training):

    listed when  similarity >= TEXT_THRESHOLD, or same phone and similarity >= PHONE_THRESHOLD

Staff decide: a listed complaint is marked with complaints' own `do_mark_duplicate`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from sklearn.preprocessing import normalize

from xiaoneng.complaints.models import Complaint
from xiaoneng.dispatch import store
from xiaoneng.dispatch.textmodel import TextModel, hashing
from xiaoneng.matters.models import State

RECENT_DAYS = 30
TEXT_THRESHOLD = 0.5
PHONE_THRESHOLD = 0.2
CANDIDATES = 500
SHOWN = 5


@dataclass(frozen=True)
class Repeat:
    complaint: Complaint
    similarity: float
    same_phone: bool
    same_unit: bool

    @property
    def score(self) -> float:
        return self.similarity + (0.3 if self.same_phone else 0.0)


def _vectors(texts: list[str], model: TextModel | None):
    model = model or store.load()
    if model is not None:
        return model.vectors(texts)
    return normalize(hashing().transform(texts))


def _candidates(complaint: Complaint, *, replay: bool):
    matter = complaint.matter
    since = matter.received_at - datetime.timedelta(days=RECENT_DAYS)
    when = Q(matter__received_at__gte=since)
    if not replay:  # an evaluation replays history: what is open *now* says nothing about then
        when |= ~Q(matter__state__in=[State.REJECTED, State.CLOSED])
    units = {pk for pk in (complaint.accused_unit_id, matter.unit_id) if pk}
    related = Q()  # no unit named: compare with every recent complaint (newest first)
    if units:
        related = Q(accused_unit__in=units) | Q(matter__unit__in=units)
        if complaint.phone_hash:
            related |= Q(phone_hash=complaint.phone_hash)
    return (Complaint.objects.exclude(pk=complaint.pk)
            .filter(when, related, duplicate_of__isnull=True, matter__received_at__lte=matter.received_at)
            .select_related("matter", "matter__unit", "accused_unit")
            .order_by("-matter__received_at", "-pk")[:CANDIDATES])


def find_repeats(complaint: Complaint, *, replay: bool = False, shown: int = SHOWN,
                 model: TextModel | None = None) -> list[Repeat]:
    """The complaints `complaint` may repeat, most likely first (`model`: the saved one)."""
    others = list(_candidates(complaint, replay=replay))
    if not others:
        return []
    vectors = _vectors([complaint.matter.description] + [c.matter.description for c in others], model)
    similarities = (vectors[1:] @ vectors[0].T).toarray().ravel()
    units = {pk for pk in (complaint.accused_unit_id, complaint.matter.unit_id) if pk}
    found = []
    for other, similarity in zip(others, similarities):
        same_phone = bool(complaint.phone_hash) and other.phone_hash == complaint.phone_hash
        if similarity >= TEXT_THRESHOLD or (same_phone and similarity >= PHONE_THRESHOLD):
            same_unit = bool(units & {other.accused_unit_id, other.matter.unit_id})
            found.append(Repeat(other, round(float(similarity), 3), same_phone, same_unit))
    found.sort(key=lambda r: (-r.score, -r.complaint.matter.received_at.timestamp()))
    return found[:shown]


def measure(complaints: list[Complaint], model: TextModel | None = None) -> dict:
    """Precision and recall of `find_repeats` on labelled merges (complaints staff marked as
    duplicates): a merge is found when its original is listed; every complaint with a non-empty
    list counts as flagged."""
    flagged = hits = merges = 0
    for complaint in complaints:
        listed = find_repeats(complaint, replay=True, model=model)
        original = complaint.duplicate_of_id
        merges += original is not None
        flagged += bool(listed)
        hits += original is not None and original in {r.complaint.pk for r in listed}
    return {"complaints": len(complaints), "merges": merges, "flagged": flagged, "found": hits,
            "precision": hits / flagged if flagged else None, "recall": hits / merges if merges else None}
