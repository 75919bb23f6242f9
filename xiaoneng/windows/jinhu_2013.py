"""The windows part of the `jinhu_2013` fixture (seed 2013-1, 县行政服务中心环保窗口).

"今年以来，46个建设项目均即时办结，客户实时评价满意率100%": 46 construction-project
approvals at the environmental window between 1 January and the issue (end of March 2013), each
prepared by one of the window's four 提前介入 and completed the day it was received, each rated
on the spot (非常满意 or 满意). Both figures are computed by `figures.figures`, the function the
figures page, the ranking and the bulletin use.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from xiaoneng.calendar import service as workdays
from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.matters import clock
from xiaoneng.org.models import Person, Unit
from xiaoneng.windows import actions
from xiaoneng.windows.figures import figures as window_figures
from xiaoneng.windows.models import ConsultationKind, ServiceItem

SHANGHAI = ZoneInfo("Asia/Shanghai")
WINDOW = "xzfw-hbj"
START, END = datetime.date(2013, 1, 1), datetime.date(2013, 3, 31)
PROJECTS = 46


def build(ctx) -> None:
    window = ctx.unit(WINDOW)
    clerk = Person.objects.filter(unit=window).order_by("pk").first()
    item = ServiceItem.objects.create(
        unit=window,
        code="HB-2013-01",
        name="建设项目环境影响评价文件审批",
        legal_limit=60,
        promised_limit=15,
        materials="环境影响评价文件审批申请表\n环境影响报告书（表）\n项目立项或备案文件\n营业执照",
    )
    days, day = [], START
    while len(days) < PROJECTS:
        day += datetime.timedelta(days=1)
        if workdays.is_workday(day) and ctx.rng.random() < 0.8:
            days.append(day)
    kinds = ConsultationKind.values
    for number, day in enumerate(days):
        received = datetime.datetime.combine(day, datetime.time(9, ctx.rng.randint(0, 59)), tzinfo=SHANGHAI)
        target = ctx.targets[number % len(ctx.targets)] if ctx.targets else None
        with clock.as_of(received - datetime.timedelta(days=7)):
            consultation = actions.do_record_consultation(
                unit=window,
                actor=None,
                kind=kinds[number % len(kinds)],
                item=item,
                enterprise=target,
                subject=f"第{number + 1}个建设项目环评",
                held_on=day - datetime.timedelta(days=7),
            )
        with clock.as_of(received):
            case = actions.do_receive_case(
                item,
                actor=None,
                applicant_name="项目业主",
                enterprise=target,
                staff=clerk,
                received_at=received,
                consultation=consultation,
            )
        done = received + datetime.timedelta(minutes=ctx.rng.randint(20, 90))
        with clock.as_of(done):
            _case, token = actions.do_complete_case(case, actor=None, completed_at=done)
            actions.do_rate_case(token, level=ctx.rng.choice([5, 5, 5, 4]), rated_at=done)


def _figures():
    window = Unit.objects.get(code=WINDOW)
    return window_figures(START, END, unit=window, today=END)


def figures() -> list[Figure]:
    return [
        Figure(
            "2013-1", "46个建设项目均即时办结", (46, 46), lambda: (_figures().cases, _figures().on_the_spot)
        ),
        Figure(
            "2013-1", "客户实时评价满意率100%", Decimal("100.0"), lambda: _figures().satisfaction_rate.percent
        ),
    ]
