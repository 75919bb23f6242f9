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
from scipy.sparse import vstack
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
PHONE_BONUS = 0.3  # added to the similarity when ordering: the same caller is likelier


@dataclass(frozen=True)
class Repeat:
    complaint: Complaint
    similarity: float
    same_phone: bool
    same_unit: bool

    @property
    def score(self) -> float:
        return self.similarity + (PHONE_BONUS if self.same_phone else 0.0)


def _vectors(texts: list[str], model: TextModel | None):
    if model is not None:
        return model.vectors(texts)
    return normalize(hashing().transform(texts))


class Vectors:
    """Text vectors of complaints by primary key, computed in batches and kept."""

    def __init__(self, model: TextModel | None = None) -> None:
        self.model = model or store.load()
        self.index: dict[int, int] = {}
        self.matrix = None

    def add(self, pairs: list[tuple[int, str]]) -> None:
        pairs = [(pk, text) for pk, text in pairs if pk not in self.index]
        if not pairs:
            return
        block = _vectors([text for _pk, text in pairs], self.model)
        offset = 0 if self.matrix is None else self.matrix.shape[0]
        self.matrix = block if self.matrix is None else vstack([self.matrix, block]).tocsr()
        self.index.update({pk: offset + i for i, (pk, _text) in enumerate(pairs)})

    def of(self, pks: list[int]):
        missing = [pk for pk in pks if pk not in self.index]
        if missing:
            self.add(list(Complaint.objects.filter(pk__in=missing).values_list("pk", "matter__description")))
        return self.matrix[[self.index[pk] for pk in pks]]


def _candidates(complaint: Complaint, *, replay: bool) -> list[tuple[int, int | None, int | None, str]]:
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
    return list(Complaint.objects.exclude(pk=complaint.pk)
                .filter(when, related, duplicate_of__isnull=True, matter__received_at__lte=matter.received_at)
                .order_by("-matter__received_at", "-pk")
                .values_list("pk", "accused_unit_id", "matter__unit_id", "phone_hash")[:CANDIDATES])


def _scored(complaint: Complaint, replay: bool, vectors: Vectors) -> list[tuple[int, float, bool, bool]]:
    """(pk, similarity, same phone, same unit) of the listed candidates, most likely first."""
    others = _candidates(complaint, replay=replay)
    if not others:
        return []
    matrix = vectors.of([complaint.pk] + [pk for pk, *_rest in others])
    similarities = (matrix[1:] @ matrix[0].T).toarray().ravel()
    units = {pk for pk in (complaint.accused_unit_id, complaint.matter.unit_id) if pk}
    found = []
    for (pk, accused, unit, phone), similarity in zip(others, similarities, strict=True):
        same_phone = bool(complaint.phone_hash) and phone == complaint.phone_hash
        if similarity >= TEXT_THRESHOLD or (same_phone and similarity >= PHONE_THRESHOLD):
            found.append((pk, round(float(similarity), 3), same_phone, bool(units & {accused, unit})))
    # Stable: among equal scores the newest (the candidates come newest first) stays first.
    found.sort(key=lambda f: -(f[1] + (PHONE_BONUS if f[2] else 0.0)))
    return found


def find_repeats(complaint: Complaint, *, replay: bool = False, shown: int = SHOWN,
                 vectors: Vectors | None = None) -> list[Repeat]:
    """The complaints `complaint` may repeat, most likely first."""
    found = _scored(complaint, replay, vectors or Vectors())[:shown]
    loaded = Complaint.objects.select_related("matter", "matter__unit", "accused_unit").in_bulk(
        [pk for pk, *_rest in found])
    return [Repeat(loaded[pk], similarity, same_phone, same_unit)
            for pk, similarity, same_phone, same_unit in found]


def measure(complaints: list[Complaint], model: TextModel | None = None) -> dict:
    """Precision and recall of repeat detection on labelled merges (complaints staff marked as
    duplicates): a merge is found when its original is listed; every complaint with a non-empty
    list counts as flagged."""
    flagged = hits = merges = 0
    vectors = Vectors(model)
    vectors.add([(c.pk, c.matter.description) for c in complaints])
    for complaint in complaints:
        listed = {pk for pk, *_rest in _scored(complaint, True, vectors)[:SHOWN]}
        original = complaint.duplicate_of_id
        merges += original is not None
        flagged += bool(listed)
        hits += original is not None and original in listed
    return {"complaints": len(complaints), "merges": merges, "flagged": flagged, "found": hits,
            "precision": hits / flagged if flagged else None, "recall": hits / merges if merges else None}
