"""The field mapping of a 12345 work-order export: which column holds what, and value maps.

The default ships as workorders.toml next to this module; a custom TOML file of the same
shape overrides it table by table, key by key (docs/12345-import.md).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiaoneng.complaints.models import Category, Scope

DEFAULT_MAPPING = Path(__file__).with_name("workorders.toml")

FIELDS = (
    "external_ref", "received_at", "name", "phone", "kind", "title", "content", "address", "unit",
    "accused_unit", "time_limit", "confidential", "scope", "occurred_on",
)
REQUIRED = ("external_ref", "received_at", "content")
KINDS = ("complaint", "enquiry")
VALUE_MAPS = {"kind": KINDS, "scope": tuple(Scope.values), "confidential": (True, False)}


class MappingError(ValueError):
    """The mapping file cannot be used; the message names the problem (for administrators)."""


@dataclass
class Mapping:
    columns: dict[str, list[str]]
    values: dict[str, dict[str, Any]]
    defaults: dict[str, str]
    category_keywords: dict[str, list[str]] = field(default_factory=dict)

    def category_of(self, text: str) -> str:
        """The first category one of whose keywords appears in `text`, else the default."""
        for category, words in self.category_keywords.items():
            if any(word and word in text for word in words):
                return category
        return self.defaults["category"]


def _table(data: dict, name: str) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise MappingError(f"[{name}] must be a table")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise MappingError(f"{where} must be a string or a list of strings")
    return value


def _merge(base: dict, data: dict) -> dict:
    columns = dict(base.get("columns", {}))
    for key, headers in _table(data, "columns").items():
        if key not in FIELDS:
            raise MappingError(f"[columns] {key}: unknown field; known: {', '.join(FIELDS)}")
        columns[key] = _strings(headers, f"[columns] {key}")
    values = {name: dict(table) for name, table in base.get("values", {}).items()}
    for name, table in _table(data, "values").items():
        if name not in VALUE_MAPS or not isinstance(table, dict):
            raise MappingError(f"[values.{name}]: value maps exist for {', '.join(VALUE_MAPS)}")
        for source, target in table.items():
            if target not in VALUE_MAPS[name] or type(target) is not type(VALUE_MAPS[name][0]):
                raise MappingError(f"[values.{name}] {source!r} = {target!r}: not one of {VALUE_MAPS[name]}")
        values.setdefault(name, {}).update(table)
    defaults = {**base.get("defaults", {}), **_table(data, "defaults")}
    keywords = dict(base.get("category_keywords", {}))
    for category, words in _table(data, "category_keywords").items():
        if category not in Category.values:
            known = ", ".join(Category.values)
            raise MappingError(f"[category_keywords] {category}: not a category ({known})")
        keywords[category] = _strings(words, f"[category_keywords] {category}")
    return {"columns": columns, "values": values, "defaults": defaults, "category_keywords": keywords}


def _check_defaults(defaults: dict) -> None:
    allowed = {"kind": KINDS, "scope": tuple(Scope.values), "category": tuple(Category.values)}
    for key, value in defaults.items():
        if key not in allowed or value not in allowed[key]:
            raise MappingError(f"[defaults] {key} = {value!r}: allowed keys and values are {allowed}")
    missing = set(allowed) - set(defaults)
    if missing:
        raise MappingError(f"[defaults] is missing {', '.join(sorted(missing))}")


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as problem:
        raise MappingError(f"cannot read {path}: {problem.strerror}") from None
    except tomllib.TOMLDecodeError as problem:
        raise MappingError(f"{path} is not valid TOML: {problem}") from None


def load_mapping(path: Path | str | None = None, *, content: bytes | None = None) -> Mapping:
    """The default mapping, overridden by the TOML file at `path` (or its `content`) when given."""
    merged = _merge({}, _read(DEFAULT_MAPPING))
    if path is not None:
        merged = _merge(merged, _read(Path(path)))
    if content is not None:
        try:
            merged = _merge(merged, tomllib.loads(content.decode("utf-8")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
            raise MappingError(f"not valid TOML: {problem}") from None
    _check_defaults(merged["defaults"])
    for required in REQUIRED:
        if not merged["columns"].get(required):
            raise MappingError(f"[columns] {required} needs at least one column header")
    # Keyword order matters (first match wins): overridden categories keep their default place.
    return Mapping(merged["columns"], merged["values"], merged["defaults"], merged["category_keywords"])
