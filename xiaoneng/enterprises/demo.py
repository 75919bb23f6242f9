"""Demo step: the economic commission's watchlist, enterprise problems (some solved, some open too
long, one enterprise with repeated problems), a watched indicator below its line, and this month's
coordination meeting with two decisions — all through the actions, on their true days."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from xiaoneng.calendar.service import add_workdays
from xiaoneng.enterprises import actions
from xiaoneng.enterprises.models import Indicator, ProblemType
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_reply_matter, do_verify_matter
from xiaoneng.matters.models import Resolution, Verdict
from xiaoneng.org.models import TargetKind

PROBLEMS = [  # type, title, unit, days ago, solved
    ("electricity_subsidy", "申请电能补助", "gd", 50, True),
    ("funding_shortage", "流动资金短缺", "rh", 45, True),
    ("land_registration", "厂房土地登记手续不全", "gtj", 44, False),
    ("funding_shortage", "技改项目贷款", "nsh", 30, True),
    ("electricity_subsidy", "峰谷电价执行", "gd", 20, True),
    ("approval", "项目环评审批", "fgw", 15, False),
    ("labour", "招工难", "rsj", 12, False),
    ("other", "厂区道路破损", "jtj", 8, False),
]


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def build_enterprises(ctx) -> None:
    today = timezone.localdate()
    staff, verifier = ctx.accounts["center_staff1"], ctx.accounts["center_staff2"]
    jxw = ctx.unit("jxw")
    key = [t for t in ctx.targets if t.is_key and t.kind in (TargetKind.ENTERPRISE, TargetKind.PROJECT)][:12]
    items = []
    with clock.as_of(_at(today - datetime.timedelta(days=60))):
        for target in key:
            items.append(
                actions.do_watch(
                    target,
                    actor=staff,
                    unit=jxw,
                    reason="重点企业、重点项目",
                    added_on=today - datetime.timedelta(days=60),
                )
            )
    power = Indicator.objects.get(code="power_use")
    for n, item in enumerate(items[:4]):
        for months_ago, value in ((2, 15 + n), (1, 12 + n if n else 6)):
            period = (today.replace(day=1) - datetime.timedelta(days=28 * months_ago)).replace(day=1)
            actions.do_record_indicator(
                item, actor=staff, indicator=power, period=period, value=Decimal(value)
            )
    problems = []
    for n, (code, title, unit_code, ago, solved) in enumerate(PROBLEMS):
        day = today - datetime.timedelta(days=ago)
        target = key[0] if n in (0, 3, 4) else key[n % len(key)]  # key[0]: three problems, a repeat warning
        with clock.as_of(_at(day)):
            problem = actions.do_record_problem(
                target,
                actor=staff,
                type=ProblemType.objects.get(code=code),
                title=title,
                unit=ctx.unit(unit_code),
                reported_on=day,
            )
        problems.append(problem)
        if solved:
            with clock.as_of(_at(add_workdays(day, 5))):
                do_reply_matter(problem.matter, actor=None, reply="已协调解决")
                do_verify_matter(
                    problem.matter,
                    actor=verifier,
                    verdict=Verdict.SUBSTANTIATED,
                    resolution=Resolution.RESOLVED,
                )
    with clock.as_of(_at(today)):
        meeting = actions.do_call_meeting(
            actor=staff, title=f"{today.month}月企业问题集中会办会", held_on=today, unit=jxw
        )
        open_problems = list(meeting.agenda.all()[:2])
        for problem, text in zip(
            open_problems,
            ("限期补齐手续，国土部门上门指导", "专题协调，责任单位10个工作日内答复"),
            strict=False,
        ):
            actions.do_record_decision(
                meeting,
                actor=staff,
                text=text,
                unit=problem.unit,
                deadline=add_workdays(today, 10),
                problem=problem,
                minutes="会议集中会办企业问题。",
            )
