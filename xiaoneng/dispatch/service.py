"""Suggestions for one complaint, and the honest evaluation behind `xiaoneng dispatch evaluate`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.utils import timezone

from xiaoneng.complaints.models import Category, Complaint
from xiaoneng.dispatch import repeats, store
from xiaoneng.dispatch.textmodel import DEFAULT_ALGORITHM, Example, TextModel, fit, measure, time_split
from xiaoneng.org.models import Unit

REPEAT_SAMPLE = 2000  # the newest test-period complaints checked for repeats


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
    """Train on the earlier months, test on the later ones (see textmodel.time_split); repeat
    detection is measured on the test period's complaints with the model trained before it."""
    examples = store.history() if examples is None else examples
    train, test, cutoff = time_split(examples)
    started = time.perf_counter()
    model = fit(train, algorithm)
    result = measure(train, test, algorithm, model)
    result.update({"cutoff": cutoff, "fit_seconds": time.perf_counter() - started,
                   "train_last": train[-1].at, "test_first": test[0].at})
    if with_repeats:
        later = (Complaint.objects.filter(matter__received_at__gte=cutoff)
                 .select_related("matter").order_by("-matter__received_at", "-pk")[:REPEAT_SAMPLE])
        result["repeats"] = repeats.measure(list(later), model)
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
