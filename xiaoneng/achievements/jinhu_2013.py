"""The `jinhu_2013` fixture's service achievements: the first quarter of 2013 (seed issue 2013-1).

"县效能中心对42个部门单位申报的82件服务实绩进行核实、筛选，确定工商、财政、环保等17个部门单位的
22件典型实绩报市参评“十件实事”，并通过金湖政府网向社会公示" — each unit's head declares (so no
separate approval step), the center verifies, rejects a few, selects 22 and opens the display.

Records are made through `xiaoneng.achievements.actions`; figures come from
`xiaoneng.achievements.figures` (the same functions as the screens and the bulletin).
"""

from __future__ import annotations

import datetime

from xiaoneng.achievements import actions
from xiaoneng.achievements.demo import unit_head_account
from xiaoneng.achievements.figures import quarter_figures
from xiaoneng.demo.county import KEY_UNITS_2013
from xiaoneng.demo.jinhu_2013 import Figure

YEAR, QUARTER = 2013, 1
DECLARING = 42  # units; the last two declare one achievement, the others two: 82
# 17 units with typical achievements, 工商、财政、环保 first; the first five have two each: 22.
SELECTED_UNITS = [
    "gsj",
    "czj",
    "hbj",
    "jtj",
    "rsj",
    "fgw",
    "jxw",
    "gaj",
    "zjj",
    "cgj",
    "nw",
    "swj",
    "ajj",
    "yjj",
    "xzfw",
    "gjj",
    "gd",
]
DOUBLE = 5
REJECTED = 6
TOPICS = [
    ("推行“一站式”审批服务", "办事企业和群众"),
    ("开展“百名科长联百企”上门帮办", "中小微企业"),
    ("压缩审批时限、简化办事环节", "项目业主"),
    ("实行“绿卡”服务，重点项目全程代办", "在建亿元项目"),
]


def build(ctx) -> None:
    staff = ctx.accounts["center_staff1"]
    codes = [code for code, _name, _short in KEY_UNITS_2013][:DECLARING]
    selected_left = {code: (2 if i < DOUBLE else 1) for i, code in enumerate(SELECTED_UNITS)}
    rejected = 0
    for n, code in enumerate(codes):
        head = unit_head_account(ctx, code)
        for k in range(1 if n >= DECLARING - 2 else 2):
            title, whom = TOPICS[(n + k) % len(TOPICS)]
            declaration = actions.do_create_declaration(
                actor=head,
                unit=ctx.unit(code),
                year=YEAR,
                quarter=QUARTER,
                title=f"{ctx.unit(code).short_name}{title}",
                what_done=f"{title}，服务对象满意率明显提升。",
                beneficiaries=whom,
            )
            declaration = actions.do_submit_declaration(declaration, actor=head)
            if selected_left.get(code, 0) == 0 and rejected < REJECTED and k == 1:
                actions.do_verify_declaration(
                    declaration, actor=staff, verified=False, reason="属常规工作，特色不明显"
                )
                rejected += 1
                continue
            declaration = actions.do_verify_declaration(declaration, actor=staff, verified=True)
            if selected_left.get(code, 0):
                actions.do_select_declaration(declaration, actor=staff)
                selected_left[code] -= 1
    actions.do_open_display(
        actor=staff,
        year=YEAR,
        quarter=QUARTER,
        starts_on=datetime.date(2013, 3, 26),
        ends_on=datetime.date(2013, 4, 1),
        note="通过金湖政府网向社会公示，接受各界人士监督",
    )


def figures() -> list[Figure]:
    now = lambda: quarter_figures(YEAR, QUARTER)  # noqa: E731
    return [
        Figure(
            "2013-1",
            "42个部门单位申报的82件服务实绩",
            (42, 82),
            lambda: (now().units_declared, now().declared),
        ),
        Figure(
            "2013-1", "17个部门单位的22件典型实绩", (17, 22), lambda: (now().units_selected, now().selected)
        ),
    ]
