"""The `jinhu_2013` fixture: records from which the seed newsletters' figures are recomputed.

The two seed issues of the Jinhu bulletin (shared/seeds/) state figures — "42个部门单位申报的82件
服务实绩", "168户企业与10个银行、3个小贷公司", "发现问题线索15个". This fixture holds the records
behind them, and every figure is recomputed by the mechanism's own code (the same functions its
screens, reports and the bulletin use) and compared with the newsletter's words.

It is built in parts, one per mechanism: a module `xiaoneng/<app>/jinhu_2013.py` with

    def build(ctx: DemoContext) -> None          # create the records (units are ctx.units)
    def figures() -> list[Figure]                # what the newsletter says, and what we compute

Parts are found by name (`PARTS`, in build order); a part whose module does not exist yet is
skipped, so each mechanism adds its part when it lands. `xiaoneng jinhu_2013` loads the fixture
into an empty database and prints the table of figures; `xiaoneng/demo/tests/test_jinhu_2013.py`
asserts every figure of every part.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from xiaoneng.demo import builder

SEED = 2013
# The mechanisms in the order their records can be built (later parts may use earlier ones).
PARTS = [
    "xiaoneng.complaints", "xiaoneng.inspections", "xiaoneng.procedures",
    "xiaoneng.commitments", "xiaoneng.achievements",
    "xiaoneng.outreach", "xiaoneng.enterprises", "xiaoneng.activities",
    "xiaoneng.windows",
    "xiaoneng.assessment", "xiaoneng.evaluations", "xiaoneng.snail", "xiaoneng.accountability",
    "xiaoneng.notices", "xiaoneng.bulletin", "xiaoneng.reports",
]
# The county itself: the 2013 organisation tree, its people, accounts and service targets.
BASE_STEPS = [builder.build_units, builder.build_persons, builder.build_accounts, builder.build_targets]


@dataclass(frozen=True)
class Figure:
    """One figure of a newsletter: where it is said, the words, the expected value and ours."""

    issue: str  # which seed: "2013-1" (the commitments issue) or "2013-2" (the supervision issue)
    quote: str  # the newsletter's own words, e.g. "42个部门单位申报的82件服务实绩"
    expected: Any
    compute: Callable[[], Any]  # calls the mechanism's figure function; never a bare count here

    def actual(self) -> Any:
        return self.compute()


def available_parts(names: list[str] | None = None) -> list[ModuleType]:
    modules = []
    for app in PARTS if names is None else names:
        module_name = f"{app}.jinhu_2013"
        if find_spec(module_name) is not None:
            modules.append(import_module(module_name))
    return modules


def load(parts: list[str] | None = None, password: str = builder.DEFAULT_PASSWORD) -> builder.DemoContext:
    """Build the fixture into the current database in one transaction (tests: an empty one)."""
    ctx = builder.DemoContext(SEED, password, random.Random(SEED),
                              password_hash=make_password(password, salt=builder.demo_salt(SEED)))
    with transaction.atomic():
        for step in BASE_STEPS:
            ctx.reseed(step.__name__)
            step(ctx)
        for module in available_parts(parts):
            ctx.reseed(module.__name__)
            module.build(ctx)
    return ctx


def all_figures(parts: list[str] | None = None) -> list[Figure]:
    return [figure for module in available_parts(parts) for figure in module.figures()]
