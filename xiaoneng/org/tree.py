"""Ordering units as a tree: depth-first, siblings by (sort_order, code)."""

from __future__ import annotations

from collections.abc import Iterable

from xiaoneng.org.models import Unit


def _ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/")]


def tree_order(units: Iterable[Unit]) -> list[Unit]:
    """The given units depth-first; a unit whose ancestors are absent still sorts under them."""
    rows = list(units)
    ancestor_ids = {pk for unit in rows for pk in _ids(unit)}
    found = Unit.objects.filter(pk__in=ancestor_ids).values_list("pk", "sort_order", "code")
    keys = {pk: (order, code) for pk, order, code in found}
    return sorted(rows, key=lambda unit: [keys.get(pk, (0, "")) for pk in _ids(unit)])
