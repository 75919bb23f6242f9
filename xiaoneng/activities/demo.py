"""Demo step: this year's bank–enterprise signing (planned like 2013's, compared with last year's),
two training courses and an expert consultation."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from xiaoneng.activities import actions
from xiaoneng.activities.models import ActivityKind, Participant, Role
from xiaoneng.activities.signing_plan import BANKS, enterprise_values
from xiaoneng.demo.targets import MICROLOAN_COMPANIES
from xiaoneng.org.models import TargetKind


def build_activities(ctx) -> None:
    today = timezone.localdate()
    staff = ctx.accounts["center_staff1"]
    rh, nw = ctx.unit("rh"), ctx.unit("nw")
    enterprises = [
        t for t in ctx.targets if t.kind == TargetKind.ENTERPRISE and t.name not in MICROLOAN_COMPANIES
    ]
    last = actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.SIGNING,
        title=f"{today.year - 1}年银企融资对接签约",
        held_on=datetime.date(today.year - 1, 5, 10),
        unit=rh,
    )
    Participant.objects.bulk_create(
        [
            Participant(
                activity=last, role=Role.ENTERPRISE, name=t.name, target=t, amount=Decimal(14_200_000)
            )
            for t in enterprises[:150]
        ]
    )
    signing = actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.SIGNING,
        title="“金融支持实体经济”银企融资对接签约大会",
        held_on=datetime.date(today.year, 4, 18),
        unit=rh,
        place="县会议中心",
    )
    parts = [
        Participant(activity=signing, role=Role.ENTERPRISE, name=t.name, target=t, **enterprise_values(i))
        for i, t in enumerate(enterprises[:168])
    ]
    parts += [Participant(activity=signing, role=Role.BANK, name=ctx.unit(code).name) for code in BANKS]
    parts += [
        Participant(activity=signing, role=Role.MICROLOAN, name=t.name, target=t)
        for t in ctx.targets
        if t.name in MICROLOAN_COMPANIES
    ]
    Participant.objects.bulk_create(parts)
    for n, (fish, people) in enumerate((("河蟹", 64), ("龙虾", 58))):
        course = actions.do_create_activity(
            actor=staff,
            kind=ActivityKind.TRAINING,
            title=f"{fish}养殖技术培训班",
            held_on=datetime.date(today.year, 3, 10 + 7 * n),
            unit=nw,
        )
        actions.do_add_participant(course, actor=staff, role=Role.TRAINEE, name="养殖户", headcount=people)
    actions.do_create_activity(
        actor=staff,
        kind=ActivityKind.CONSULTATION,
        title="水产专家技术会诊",
        held_on=datetime.date(today.year, 4, 2),
        unit=nw,
    )
