"""The cadres of the demo county: who heads each unit, who sits on its leadership, who works there."""

from __future__ import annotations

import random

from xiaoneng.demo import names
from xiaoneng.org.models import Person, Position, Unit, UnitKind

# Title of a unit's head by the ending of the unit's name, most specific ending first.
_HEAD_TITLES = [
    ("检察院", "检察长"), ("法院", "院长"), ("领导小组", "组长"), ("委员会", "主任"), ("中心", "主任"),
    ("办公室", "主任"), ("银行", "行长"), ("支行", "行长"), ("公司", "总经理"), ("营业部", "主任"),
    ("营业厅", "经理"), ("中队", "中队长"), ("大队", "大队长"), ("稽查局", "局长"), ("局", "局长"),
    ("所", "所长"), ("站", "站长"), ("台", "台长"), ("庭", "庭长"), ("处", "处长"), ("科", "科长"),
    ("股", "股长"), ("室", "主任"), ("部", "经理"), ("厂", "厂长"), ("窗口", "首席代表"),
]


def head_title(unit_name: str) -> str:
    for ending, title in _HEAD_TITLES:
        if unit_name.endswith(ending):
            return title
    return "负责人"


def deputy_title(unit_name: str) -> str:
    return "副" + head_title(unit_name)


def staff_count(rng: random.Random, unit: Unit) -> int:
    """Ordinary staff besides the head: stations and branches have the most people out visiting."""
    if unit.kind in (UnitKind.STATION, UnitKind.BRANCH):
        return rng.randint(2, 4)
    if unit.kind == UnitKind.WINDOW:
        return rng.randint(1, 2)
    if unit.kind == UnitKind.SECTION:
        return rng.randint(0, 2)
    return 0


def people_of(rng: random.Random, unit: Unit) -> list[Person]:
    """Unsaved persons of one unit: for a department its principal and leadership members,
    for a section, station, window or branch its chief and staff. People of a unit that has
    since ended are kept for the record, inactive."""
    active = unit.valid_to is None

    def person(position: str, title: str) -> Person:
        return Person(name=names.person_name(rng), unit=unit, position=position, title=title,
                      phone=names.office_phone(rng), is_active=active)

    if unit.kind == UnitKind.COUNTY:
        return []
    if unit.kind == UnitKind.DEPARTMENT:
        members = rng.randint(3, 5) if unit.is_key else rng.randint(1, 2)
        return [person(Position.PRINCIPAL, head_title(unit.name))] + [
            person(Position.LEADERSHIP, deputy_title(unit.name)) for _ in range(members)
        ]
    return [person(Position.CHIEF, head_title(unit.name))] + [
        person(Position.STAFF, "工作人员") for _ in range(staff_count(rng, unit))
    ]
