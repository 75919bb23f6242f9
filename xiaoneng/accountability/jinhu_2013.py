"""jinhu_2013 part: accountability figures of the seed newsletters.

- 2013-2, 县城管局: "已有1人因违反《规定》被问责" — the 《城市长效管理工作奖惩问责规定》 as data
  (its items are this fixture's reading of 细化问责事项/量化问责情形; the newsletter does not list
  them) and one 城管局 cadre held accountable under it in 2013.
- 2013-1, 县交通运输局: "对违反纪律作风规定造成不良影响的3名工作人员 … 及时通报" — three of its
  staff, each with a critical notice decided in 2013.
- 2013-1, 邢台: "去年一年，邢台市共问责干部324人" — Xingtai is another jurisdiction; like the
  evaluations part, its 2012 records are rebuilt on this county's units and people (records
  decided in 2012), topping up whatever the evaluations part already held accountable that year.
"""

from __future__ import annotations

import datetime

from xiaoneng.accountability import figures as acc_figures
from xiaoneng.accountability.actions import (
    do_decide_accountability,
    do_propose_accountability,
    do_record_outside_decision,
    do_refer_accountability,
)
from xiaoneng.accountability.demo import REGULATION, stage_regulation
from xiaoneng.accountability.models import AccountabilityForm, Regulation
from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.org.models import Person, Position, Unit

F = AccountabilityForm
XINGTAI_TOTAL = 324
# Center-decided forms, in rotation, for the rebuilt Xingtai records; every 20th is a removal
# referred to the personnel authority and decided there.
ROTATION = [F.REMINDER_TALK, F.WRITTEN_CHECK, F.CRITICAL_NOTICE, F.REMINDER_TALK, F.WRITTEN_CHECK]


def build(ctx) -> None:
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    reg = stage_regulation(ctx)
    item = reg.items.get(number="第五条第（二）项")
    cgj_cadre = Person.objects.filter(unit=ctx.unit("cgj")).order_by("pk").first()
    rec = do_propose_accountability(
        person=cgj_cadre,
        unit=None,
        form=item.form,
        reason="占道经营投诉未及时处置",
        regulation_item=item,
        proposer=staff,
    )
    do_decide_accountability(rec, admin, decided_on=datetime.date(2013, 5, 20))
    for i, person in enumerate(
        Person.objects.filter(unit__path__startswith=ctx.unit("jtj").path)
        .exclude(position=Position.PRINCIPAL)
        .order_by("pk")[:3]
    ):
        rec = do_propose_accountability(
            person=person,
            unit=None,
            form=F.CRITICAL_NOTICE,
            reason="违反纪律作风规定，造成不良影响",
            clause="交通执法“十项禁令”",
            proposer=staff,
        )
        do_decide_accountability(rec, admin, decided_on=datetime.date(2013, 4, 10 + i))
    stage_xingtai(ctx)


def stage_xingtai(ctx) -> None:
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    missing = XINGTAI_TOTAL - acc_figures.people_held(2012)
    taken = set(acc_figures.held_in_year(2012).values_list("person_id", flat=True))
    people = [p for p in Person.objects.select_related("unit").order_by("pk") if p.pk not in taken][:missing]
    units = list(Unit.objects.filter(kind__in=["department", "section", "station"]).order_by("pk"))
    while len(people) < missing:  # the county has fewer cadres than Xingtai: add placeholders
        people.append(
            Person.objects.create(
                name=f"干部{len(people) + 1:03d}",
                position=Position.STAFF,
                unit=units[len(people) % len(units)],
            )
        )
    for i, person in enumerate(people):
        day = datetime.date(2012, 1 + i % 12, 1 + i % 28)
        if i % 20 == 19:
            rec = do_propose_accountability(
                person=person, unit=None, form=F.REMOVAL, reason="工作不力、效率不高", proposer=staff
            )
            do_refer_accountability(rec, admin, note="提请组织部门处理", referred_on=day)
            do_record_outside_decision(
                rec,
                admin,
                outside_form=F.REMOVAL,
                decision="免去职务",
                doc_no=f"邢组〔2012〕{i + 1}号",
                decided_on=day,
            )
        else:
            rec = do_propose_accountability(
                person=person,
                unit=None,
                form=ROTATION[i % len(ROTATION)],
                reason="工作不力、效率不高、服务态度不好",
                proposer=staff,
            )
            do_decide_accountability(rec, admin, decided_on=day)


def figures() -> list[Figure]:
    def regulation() -> Regulation:
        return Regulation.objects.get(title=REGULATION)

    return [
        Figure(
            "2013-2", "已有1人因违反《规定》被问责", 1, lambda: acc_figures.people_held_under(regulation())
        ),
        Figure(
            "2013-1",
            "对违反纪律作风规定造成不良影响的3名工作人员",
            3,
            lambda: acc_figures.people_held_in_unit(Unit.objects.get(code="jtj"), 2013),
        ),
        Figure("2013-1", "去年一年，邢台市共问责干部324人", 324, lambda: acc_figures.people_held(2012)),
    ]
