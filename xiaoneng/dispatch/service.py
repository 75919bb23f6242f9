"""Suggestions for one complaint, and the honest evaluation behind `xiaoneng dispatch evaluate`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.utils import timezone

from xiaoneng.complaints.models import Category, Complaint
from xiaoneng.dispatch import repeats, store
from xiaoneng.dispatch.textmodel import DEFAULT_ALGORITHM, Example, TextModel, fit, measure, time_split
from xiaoneng.matters.models import State
from xiaoneng.org.access import sees_all_units
from xiaoneng.org.models import Unit

REPEAT_SAMPLE = 2000  # the newest complaints checked for repeats


@dataclass(frozen=True)
class UnitGuess:
    unit: Unit
    confidence: float

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass(frozen=True)
class CategoryGuess:
    code: str
    label: str
    confidence: float

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass(frozen=True)
class Suggestions:
    units: list[UnitGuess]
    categories: list[CategoryGuess]
    meta: dict  # trained_at, examples, unit_top1, unit_top3, baseline_top1 ...

    def _percent(self, key: str) -> int | None:
        value = self.meta.get(key)
        return None if value is None else round(value * 100)

    @property
    def top1_percent(self) -> int | None:
        return self._percent("unit_top1")

    @property
    def top3_percent(self) -> int | None:
        return self._percent("unit_top3")


def suggest(complaint: Complaint, model: TextModel | None = None) -> Suggestions | None:
    """The top three units and categories for `complaint`, or None before any training. Only
    displayed: nothing is written, the staff's assignment is whatever staff choose."""
    model = model or store.load()
    if model is None:
        return None
    units, categories = model.suggest(complaint.matter.description)
    by_code = Unit.objects.in_bulk([g.label for g in units], field_name="code")
    labels = dict(Category.choices)
    return Suggestions(
        [UnitGuess(by_code[g.label], g.confidence) for g in units if g.label in by_code],
        [CategoryGuess(g.label, str(labels.get(g.label, g.label)), g.confidence) for g in categories],
        model.meta,
    )


def evaluate(examples: list[Example] | None = None, algorithm: str = DEFAULT_ALGORITHM,
             with_repeats: bool = True) -> dict:
    """Train on the earlier months, test on the later ones (see textmodel.time_split). Repeat
    detection learns nothing from labels (its thresholds are fixed), so it is measured on the
    newest REPEAT_SAMPLE complaints of any month, each against what was received before it."""
    examples = store.history() if examples is None else examples
    train, test, cutoff = time_split(examples)
    started = time.perf_counter()
    model = fit(train, algorithm)
    result = measure(train, test, algorithm, model)
    result.update({"cutoff": cutoff, "fit_seconds": time.perf_counter() - started,
                   "train_last": train[-1].at, "test_first": test[0].at})
    if with_repeats:
        newest = (Complaint.objects.select_related("matter")
                  .order_by("-matter__received_at", "-pk")[:REPEAT_SAMPLE])
        result["repeats"] = repeats.measure(list(newest), model)
    return result


def model_meta(result: dict | None, examples: list[Example], seconds: float, algorithm: str) -> dict:
    measured = result or {}
    found = measured.get("repeats") or {}
    return {
        "trained_at": timezone.now(), "algorithm": algorithm, "examples": len(examples),
        "units": len({e.unit for e in examples}), "cutoff": measured.get("cutoff"),
        "test": measured.get("test", 0), "unit_top1": measured.get("unit_top1"),
        "unit_top3": measured.get("unit_top3"), "baseline_top1": measured.get("unit_baseline_top1"),
        "category_top1": measured.get("category_top1"),
        "repeat_precision": found.get("precision"), "repeat_recall": found.get("recall"),
        "seconds": seconds,
    }


def may_triage(user) -> bool:
    """Suggestions and repeat lists are for those who triage: center staff and administrators."""
    return (user.is_authenticated and user.has_perm("complaints.triage_complaint")
            and sees_all_units(user))


TRIAGE_STATES = (State.RECEIVED, State.RETURNED)


def visible_repeats(complaint: Complaint, user) -> list[repeats.Repeat]:
    """find_repeats as `user` may see it: matches by phone alone only for view_identity holders
    (the phone is identity), and the "same phone" reason likewise."""
    found = repeats.find_repeats(complaint)
    if user.has_perm("complaints.view_identity"):
        return found
    return [repeats.Repeat(r.complaint, r.similarity, False, r.same_unit)
            for r in found if r.similarity >= repeats.TEXT_THRESHOLD]


def for_triage(complaint: Complaint, user) -> dict:
    """What the complaint page shows `user`: {"shown": False} unless they triage and the
    complaint is still to be assigned (or marked a duplicate)."""
    if not may_triage(user) or complaint.matter.state not in TRIAGE_STATES:
        return {"shown": False}
    return {"shown": True, "complaint": complaint, "suggestions": suggest(complaint),
            "repeats": [] if complaint.duplicate_of_id else visible_repeats(complaint, user)}
