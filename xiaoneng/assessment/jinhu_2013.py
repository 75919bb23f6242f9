"""jinhu_2013 part: the 2013 assessment frame of the seed newsletters.

2013-1 names "53个软环境和效能建设重点部门单位", whose commitments, breaches and verified complaints
"在软环境和效能建设年终考核中扣分", and whose 三百工程 results earn 十佳举措/十件实事 bonus points.
The part sets up the 2013 assessment year with that group (the key units of 2013) and a few
entries of those rules; the figure is the group's size, read from the assessment's own tables.
"""

from __future__ import annotations

import datetime

from xiaoneng.assessment import figures as assessment_figures
from xiaoneng.assessment.demo import active, enter, stage_year
from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.org.models import UnitKind

YEAR = 2013
KEY_GROUP = "软环境和效能建设重点部门单位"


def build(ctx) -> None:
    day = datetime.date(YEAR, 3, 21)
    units = sorted((u for u in ctx.units.values() if active(u, day)), key=lambda u: (u.sort_order, u.code))
    key = [u for u in units if u.is_key and u.kind == UnitKind.DEPARTMENT]
    stage_year(
        ctx,
        YEAR,
        "2013年度软环境和效能建设考核",
        {
            KEY_GROUP: key,
            "基层站所": [u for u in units if u.kind == UnitKind.STATION],
        },
    )
    enter(ctx, ctx.unit("rsj"), "top_ten_measures", None, "“五险合一”征缴入选十佳举措", YEAR)
    enter(ctx, ctx.unit("cgj"), "ten_practical_things", None, "城市长效管理入选十件实事", YEAR)
    enter(ctx, ctx.unit("jtj"), "complaint_verified", None, "执法人员违反纪律作风规定被投诉查实", YEAR)


def figures() -> list[Figure]:
    return [
        Figure(
            "2013-1",
            "53个软环境和效能建设重点部门单位",
            53,
            lambda: assessment_figures.units_in_group(YEAR, KEY_GROUP),
        ),
    ]
