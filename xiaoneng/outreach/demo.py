"""Demo step: this year's 三百工程 — leaders paired with key enterprises and projects, section chiefs
with one SME each, station staff (the `station_staff` account among them) with households; visits
through the actions, some short of the quota, a few problems handed over as matters."""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.org.models import EnterpriseSize, Person, Position, TargetKind
from xiaoneng.outreach import actions
from xiaoneng.outreach.sanbai import create_sanbai

PROBLEMS = [
    ("用电成本高，申请电能补助", "gd"),
    ("流动资金紧张，需要银行贷款支持", "rh"),
    ("厂房土地证办理缓慢", "gtj"),
]


def _day(today: datetime.date, year_day: int) -> datetime.date:
    return min(datetime.date(today.year, 1, 1) + datetime.timedelta(days=year_day), today)


def build_outreach(ctx) -> None:
    today = timezone.localdate()
    staff = ctx.accounts["center_staff1"]
    programme = create_sanbai(today.year)
    leaders, chiefs, stations = programme.tiers.order_by("order")
    start = datetime.date(today.year, 1, 1)
    rng = ctx.rng

    key_units = [u for u in ctx.units.values() if u.is_key and u.valid_to is None][:12]
    heads = list(
        Person.objects.filter(unit__in=key_units, position=Position.LEADERSHIP, is_active=True).order_by(
            "unit__code", "pk"
        )
    )[:24]
    big = [t for t in ctx.targets if t.is_key and t.kind in (TargetKind.ENTERPRISE, TargetKind.PROJECT)][:24]
    for n, (person, target) in enumerate(zip(heads, big, strict=False)):
        pairing = actions.do_pair(leaders, actor=staff, person=person, target=target, started_on=start)
        if n % 5:  # every fifth leader did not visit before the end of May
            actions.do_record_visit(
                pairing,
                actor=staff,
                visited_on=_day(today, 60 + n * 3),
                today=today,
                found="企业生产经营正常",
                help_given="宣讲扶持企业发展政策",
            )

    smes = [
        t
        for t in ctx.targets
        if t.kind == TargetKind.ENTERPRISE
        and t.size in (EnterpriseSize.SMALL, EnterpriseSize.MICRO)
        and not t.is_key
    ]
    chief_people = list(
        Person.objects.filter(position=Position.CHIEF, is_active=True, unit__parent__in=key_units).order_by(
            "unit__path", "pk"
        )
    )[:12]
    chief_pairings = [
        actions.do_pair(chiefs, actor=staff, person=p, target=t, started_on=start)
        for p, t in zip(chief_people, smes, strict=False)
    ]
    for n, pairing in enumerate(chief_pairings):
        for k in range(7 if n % 3 else 3):  # a third of the chiefs lag behind
            visit = actions.do_record_visit(
                pairing,
                actor=staff,
                visited_on=_day(today, 20 + k * 45 + n),
                today=today,
                found="了解企业用工和融资情况",
                help_given="协调解决具体困难",
            )
        if n < len(PROBLEMS):
            title, unit_code = PROBLEMS[n]
            actions.do_hand_over_problem(visit, actor=staff, unit=ctx.unit(unit_code), title=title)

    station_person = ctx.accounts["station_staff"].person_record
    others = list(
        Person.objects.filter(unit__kind="station", position=Position.STAFF, is_active=True)
        .exclude(pk=station_person.pk)
        .order_by("unit__path", "pk")
    )[:3]
    homes = [t for t in ctx.targets if t.kind in (TargetKind.HOUSEHOLD, TargetKind.SOLE_TRADER)]
    for n, person in enumerate([station_person, *others]):
        pairings = [
            actions.do_pair(stations, actor=staff, person=person, target=homes[n * 3 + k], started_on=start)
            for k in range(3)
        ]
        for month in range(1, today.month + (1 if today.day > 20 else 0)):
            visits = 3 if rng.random() > 0.2 else 2  # now and then a month short
            for k in range(visits):
                day = datetime.date(today.year, month, 5 + 7 * k)
                if day <= today:
                    actions.do_record_visit(
                        pairings[k],
                        actor=person.user or staff,
                        visited_on=day,
                        today=today,
                        found="了解生产生活情况",
                        help_given="帮办证照、政策咨询",
                    )
