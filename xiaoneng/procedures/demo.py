"""Demo data: discretion standards and a few dozen procedure cases, some complete, some late or unfinished."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from xiaoneng.calendar.service import add_workdays
from xiaoneng.procedures.actions import do_complete_step, do_open_case
from xiaoneng.procedures.models import DiscretionStandard, ProcedureTemplate
from xiaoneng.trace.chain import append_event

SHANGHAI = ZoneInfo("Asia/Shanghai")

# unit, code, violation, {circumstance: (min, max)}, strict
STANDARDS = [
    ("jtj", "JT-01", "未取得道路运输经营许可，擅自从事道路运输经营",
     {"minor": (3000, 10000), "ordinary": (10000, 30000), "serious": (30000, 100000)}, True),
    ("jtj", "JT-02", "客运经营者不按批准的客运站点停靠",
     {"minor": (1000, 1500), "ordinary": (1500, 2500), "serious": (2500, 3000)}, False),
    ("rsj", "RS-01", "用人单位未按规定办理社会保险登记",
     {"minor": (1000, 3000), "ordinary": (3000, 6000), "serious": (6000, 10000)}, True),
]

PENALTY_TITLES = ["{}未取得道路运输经营许可从事货运案", "{}客车不按站点停靠案", "{}未办理社会保险登记案"]
ROUTINE_TITLES = ["{}日常检查", "{}安全生产检查", "{}双随机抽查"]


def _photo() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (180, 200, 220)).save(out, "PNG")
    return ContentFile(out.getvalue(), name="现场照片.png")


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), SHANGHAI)


def _evidence(step, rng) -> list:
    items = [(kind, f"{step.name}：{kind}（见纸质档案第{rng.randint(1, 40)}页）")
             for kind in step.evidence_kinds]
    if "photo_or_video" in step.evidence_kinds:
        items.append(("photo_or_video", _photo()))
    return items


def _decision(code: str, rng, flag: bool) -> dict:
    _unit, _code, _name, ranges, _strict = next(s for s in STANDARDS if s[1] == code)
    circumstance = rng.choice(list(ranges))
    low, high = ranges[circumstance]
    amount = high + 500 if flag else rng.randrange(low, high + 1, 100)
    return {"violation_code": code, "circumstance": circumstance, "amount": Decimal(amount)}


def _run(case, actors, rng, start: datetime.date, steps_wanted: int, code: str, flag: bool) -> None:
    day = start
    # Only days before today: two builds on the same day make the same cases.
    today = timezone.localdate()
    for step in case.template.steps.all()[:steps_wanted]:
        limit = step.time_limit_workdays or 2
        # Mostly within the limit, now and then a few days late.
        day = add_workdays(day, rng.randint(1, limit) if rng.random() < 0.85 else limit + rng.randint(1, 4))
        if day >= today:
            return
        when = _moment(day, 9 + step.order)
        actor = actors["reviewer"] if step.permission else actors["investigator"]
        extra = _decision(code, rng, flag) if step.is_penalty_decision else {}
        do_complete_step(case, step, actor=actor, evidence=_evidence(step, rng), at=when,
                         note=rng.choice(["", "", "已按程序办理"]), **extra)


def build_procedures(ctx) -> None:
    for unit_code, code, name, ranges, strict in STANDARDS:
        DiscretionStandard.objects.bulk_create([
            DiscretionStandard(unit=ctx.unit(unit_code), violation_code=code, violation_name=name,
                               circumstance=c, min_amount=Decimal(lo), max_amount=Decimal(hi), strict=strict)
            for c, (lo, hi) in ranges.items()])
    penalty = ProcedureTemplate.objects.get(code="admin-penalty")
    routine = ProcedureTemplate.objects.get(code="routine-inspection")
    teams = {
        "jtj": {"investigator": ctx.accounts["jtj_liaison"], "reviewer": ctx.accounts["jtj_head"]},
        "rsj": {"investigator": ctx.accounts["rsj_liaison"], "reviewer": ctx.accounts["rsj_head"]},
    }
    today = timezone.localdate()
    targets = [t for t in ctx.targets if t.kind != "household"][:60] or [None]
    for i in range(36):
        unit_code = "jtj" if i % 3 != 2 else "rsj"
        is_penalty = i % 2 == 0
        template = penalty if is_penalty else routine
        target = ctx.rng.choice(targets)
        who = target.name if target else "辖区"
        code = ("JT-01" if i % 4 == 0 else "JT-02") if unit_code == "jtj" else "RS-01"
        titles = PENALTY_TITLES if is_penalty else ROUTINE_TITLES
        title = (titles[2] if is_penalty and unit_code == "rsj" else ctx.rng.choice(titles[:2])).format(who)
        start = today - datetime.timedelta(days=ctx.rng.randint(3, 120))
        case = do_open_case(template=template, unit=ctx.unit(unit_code), title=title, target=target,
                            actor=teams[unit_code]["investigator"], at=_moment(start, 9))
        steps_wanted = ctx.rng.choice([5, 5, 5, 5, 4, 3, 2, 1])
        _run(case, teams[unit_code], ctx.rng, start, steps_wanted, code, flag=code == "JT-02" and i % 5 == 0)
    # Two cases imported from the old paper ledger, whose traces came in out of order.
    for n, who in enumerate(["城南货运站", "金湖汽车站"]):
        start = today - datetime.timedelta(days=40 + n)
        case = do_open_case(template=routine, unit=ctx.unit("jtj"), title=f"{who}日常检查（台账导入）",
                            actor=ctx.accounts["jtj_liaison"], at=_moment(start, 9))
        for offset, order in enumerate([2, 1]):
            step = routine.steps.get(order=order)
            append_event(case, "step_completed", actor=ctx.accounts["jtj_liaison"],
                         at=_moment(start + datetime.timedelta(days=1 + offset), 10),
                         data={"order": order, "step": step.name, "imported": True})
