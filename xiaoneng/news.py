"""What each mechanism tells the bulletin and the leadership dashboard about a period.

A mechanism that has something to report writes `xiaoneng/<app>/news.py` with either or both of

    def center_news(start: date, end: date) -> list[NewsDraft]      # 中心动态 drafts
    def dashboard_panels(start: date, end: date, user) -> list[Panel]  # leadership dashboard
                                                                      # (user=None: county-wide)

and the bulletin (issue 10) and the dashboard find them here, for every installed app, in
INSTALLED_APPS order. The figures in a draft come from the mechanism's own figure functions
(the same ones its screens and the `jinhu_2013` fixture use), and each draft cites the records
it counted, so an editor can check every number. `start` and `end` are both inclusive dates.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Citation:
    """A record a draft counted: its label and its staff URL."""

    label: str
    url: str


@dataclass(frozen=True)
class NewsDraft:
    key: str  # stable, "<app>.<what>", e.g. "achievements.quarterly"
    title: str  # the item's heading, e.g. "组织申报一季度服务实绩"
    text: str  # editable Chinese prose with the figures filled in, in the newsletter's style
    figures: dict[str, int | Decimal | str] = field(default_factory=dict)  # the numbers used, by name
    citations: Sequence[Citation] = ()
    # The same period a year earlier, when the newsletter style compares ("同比增加…").
    previous: dict[str, int | Decimal | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Panel:
    """One table (and optionally one chart) on the leadership dashboard."""

    key: str  # "<app>.<what>"
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    # Optional chart: "bar" or "line", series name -> list of (label, value), drawn on the server.
    chart: str = ""
    series: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    note: str = ""  # e.g. the denominator of a rate, or "units with fewer than 5 cases left out"


def providers() -> list[ModuleType]:
    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.news"
        if config.name.startswith("xiaoneng.") and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


def _gather(function: str, *args) -> list:
    """Every provider's results; one that fails is logged and skipped, never breaking the rest."""
    results = []
    for module in providers():
        if not hasattr(module, function):
            continue
        try:
            results.extend(getattr(module, function)(*args))
        except Exception:
            log.exception("%s.%s failed", module.__name__, function)
    return results


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    return _gather("center_news", start, end)


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    """`user=None` is the county-wide view (the leadership report); providers must accept it."""
    return _gather("dashboard_panels", start, end, user)
