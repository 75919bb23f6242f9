"""Service activities of 2013 (seed 2013-1): the bank–enterprise signing led by 人行金湖县支行 and the
fisheries training courses of 县农委. Participant values are planned so that the newsletter's
shares come out of the figure definitions exactly (see docs/activities.md for each denominator)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from xiaoneng.activities import actions
from xiaoneng.activities import figures as activity_figures
from xiaoneng.activities.models import Activity, ActivityKind, Participant, Role
from xiaoneng.activities.signing_plan import BANKS, enterprise_values
from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.demo.targets import MICROLOAN_COMPANIES
from xiaoneng.org.models import TargetKind

SIGNING_DAY = datetime.date(2013, 4, 18)
TRAININGS = [("河蟹", 62), ("龙虾", 65), ("甲鱼", 58), ("鳜鱼、黄颡鱼", 70), ("沙塘鳢", 61)]


def build(ctx) -> None:
    staff = ctx.accounts["center_staff1"]
    enterprises = [
        t for t in ctx.targets if t.kind == TargetKind.ENTERPRISE and t.name not in MICROLOAN_COMPANIES
    ]
    earlier = actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.SIGNING,
        title="2012年银企融资对接签约",
        held_on=datetime.date(2012, 5, 10),
        unit=ctx.unit("rh"),
    )
    Participant.objects.bulk_create(
        [
            Participant(
                activity=earlier, role=Role.ENTERPRISE, name=t.name, target=t, amount=Decimal(14_200_000)
            )
            for t in enterprises[:150]
        ]
    )  # ¥2,130M in all
    signing = actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.SIGNING,
        title="“金融支持实体经济”银企融资对接签约大会",
        held_on=SIGNING_DAY,
        unit=ctx.unit("rh"),
        place="县会议中心",
    )
    parts = [
        Participant(activity=signing, role=Role.ENTERPRISE, name=t.name, target=t, **enterprise_values(i))
        for i, t in enumerate(enterprises[:168])
    ]
    parts += [Participant(activity=signing, role=Role.BANK, name=ctx.unit(code).name) for code in BANKS]
    micro = [t for t in ctx.targets if t.name in MICROLOAN_COMPANIES]
    parts += [Participant(activity=signing, role=Role.MICROLOAN, name=t.name, target=t) for t in micro]
    Participant.objects.bulk_create(parts)
    for n, (fish, people) in enumerate(TRAININGS):
        course = actions.do_create_activity(
            actor=staff,
            kind=ActivityKind.TRAINING,
            title=f"{fish}养殖技术培训班",
            held_on=datetime.date(2013, 3, 5) + datetime.timedelta(days=9 * n),
            unit=ctx.unit("nw"),
        )
        actions.do_add_participant(course, actor=staff, role=Role.TRAINEE, name="养殖户", headcount=people)
    actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.CONSULTATION,
        title="省、市水产专家技术会诊",
        held_on=datetime.date(2013, 4, 2),
        unit=ctx.unit("nw"),
    )


def _signing() -> Activity:
    return Activity.objects.get(kind=ActivityKind.SIGNING, held_on=SIGNING_DAY)


def _value(code: str):
    return activity_figures.figure(ActivityKind.SIGNING, code, _signing()).value


def _training() -> tuple[int, str]:
    start, end = datetime.date(2013, 1, 1), datetime.date(2013, 6, 30)
    nw = Activity.objects.filter(kind=ActivityKind.TRAINING).first().unit
    return (
        activity_figures.activity_count(ActivityKind.TRAINING, start, end, nw),
        activity_figures.approx(activity_figures.headcount(ActivityKind.TRAINING, start, end, nw)),
    )


def figures() -> list[Figure]:
    def total():
        return _value("enterprises"), _value("banks"), _value("microloans"), _value("total_amount")

    return [
        Figure(
            "2013-1",
            "全县168户企业与10个银行、3个小贷公司达成融资合作意向19.2亿元",
            (168, 10, 3, Decimal("19.2")),
            total,
        ),
        Figure(
            "2013-1",
            "是2012年全年签约额的90%",
            Decimal(90),
            lambda: activity_figures.figure(ActivityKind.SIGNING, "total_amount", _signing()).comparison,
        ),
        Figure("2013-1", "小微企业占比31%", Decimal(31), lambda: _value("first_small_share")),
        Figure(
            "2013-1", "500万元(含)以下的签约企业占比52.4 %", Decimal("52.4"), lambda: _value("up_to_5m_share")
        ),
        Figure("2013-1", "工业企业占比77.4 %", Decimal("77.4"), lambda: _value("industrial_share")),
        Figure("2013-1", "其中开发区和工业集中区企业占比72 %", Decimal(72), lambda: _value("zone_share")),
        # "近40 %": 66 of 168 is 39.3 %.
        Figure("2013-1", "规模以上企业占比近40 %", Decimal("39.3"), lambda: _value("above_scale_share")),
        Figure("2013-1", "签约额占比68%", Decimal(68), lambda: _value("above_scale_amount_share")),
        Figure("2013-1", "养殖技术培训班5期，参训人员300多人次", (5, "300多"), _training),
    ]
