"""The demo county's windows: the environmental and human-resources windows over the last quarter.

Thirteen weeks up to today, replayed day by day through the action functions (each act at its
own moment with `clock.as_of`, so every trace is dated truly): a catalogue of items, queue
tickets called and served (a few abandoned, green cards first), cases received and completed on
the spot, on time or late, ratings through the per-case token (a few bad ones, whose
rectification matters are partly verified and return-visited, partly still running), the
pre-application consultations of the environmental window, first inquiries, the director-on-duty
roster, one green-card enterprise, and a scanner pass each morning for the open cases' colours.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from xiaoneng.calendar import service as workdays
from xiaoneng.matters import actions as matter_actions
from xiaoneng.matters import clock, scanner
from xiaoneng.matters.models import Resolution, Verdict
from xiaoneng.org.models import Person
from xiaoneng.windows import actions, queue, ranking
from xiaoneng.windows.models import ConsultationKind, ServiceItem

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKS = 13
ITEMS = {
    "xzfw-hbj": [
        (
            "HB-001",
            "建设项目环境影响报告表审批",
            20,
            5,
            False,
            "环评审批申请表\n环境影响报告表\n项目备案文件\n营业执照",
        ),
        ("HB-002", "建设项目环境影响登记表备案", 5, 0, True, "环境影响登记表\n营业执照"),
        ("HB-003", "排污许可证核发", 20, 10, False, "排污许可申请表\n环评批复\n污染治理设施说明"),
    ],
    "xzfw-rsj": [
        ("RS-001", "企业职工退休审批", 15, 5, False, "退休审批表\n身份证\n档案"),
        ("RS-002", "社会保险登记", 5, 0, True, "社会保险登记表\n营业执照"),
        ("RS-003", "五险合一征缴申报", 5, 0, True, "缴费申报表"),
        ("RS-004", "失业保险金申领", 10, 3, False, "申领表\n解除劳动合同证明\n身份证"),
    ],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _moment(day: datetime.date, minutes: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=SHANGHAI) + datetime.timedelta(
        minutes=minutes
    )


def _items(ctx) -> dict[str, list[ServiceItem]]:
    out = {}
    for code, rows in ITEMS.items():
        unit = ctx.unit(code)
        out[code] = [
            ServiceItem.objects.create(
                unit=unit,
                code=c,
                name=n,
                legal_limit=legal,
                promised_limit=promised,
                is_immediate=spot,
                materials=m,
            )
            for c, n, legal, promised, spot, m in rows
        ]
    return out


def build_windows(ctx) -> None:
    rng = ctx.rng
    staff = ctx.accounts["center_staff1"]
    # The HR window's clerk has an account; the environmental window's clerk works on paper and the
    # center's staff records for them (the demo's hbck_liaison may not record cases).
    clerks = {"xzfw-hbj": staff, "xzfw-rsj": ctx.accounts["window_staff"]}
    people = {
        "xzfw-hbj": Person.objects.filter(unit=ctx.unit("xzfw-hbj")).order_by("pk").first(),
        "xzfw-rsj": ctx.accounts["window_staff"].person,
    }
    items = _items(ctx)
    green = ctx.targets[0]
    today = timezone.localdate()
    first = today - datetime.timedelta(weeks=WEEKS)
    with clock.as_of(_moment(first, 0)):
        actions.do_grant_green_card(
            green, actor=ctx.accounts["center_admin"], granted_on=first, note="重点企业绿卡服务"
        )
    bad_ratings = []
    day = first
    while day <= today:
        if not workdays.is_workday(day):
            day += datetime.timedelta(days=1)
            continue
        with clock.as_of(_moment(day, -60)):
            scanner.scan(day)
            director = Person.objects.filter(unit=ctx.unit("xzfw-rsj")).order_by("pk").first()
            actions.do_set_duty(unit=ctx.unit("xzfw"), day=day, person=director, actor=staff)
        for code, clerk in clerks.items():
            unit = ctx.unit(code)
            for n in range(rng.randint(1, 3)):
                minute = rng.randint(0, 420)
                enterprise = green if rng.random() < 0.08 else None
                issued = _moment(day, minute)
                ticket = queue.do_issue_ticket(unit, actor=clerk, enterprise=enterprise, at=issued)
                if rng.random() < 0.06:
                    queue.do_finish_ticket(
                        ticket, actor=clerk, served=False, at=issued + datetime.timedelta(minutes=40)
                    )
                    continue
                called_at = issued + datetime.timedelta(minutes=rng.randint(1, 25))
                ticket = (
                    queue.do_call_next(
                        unit, actor=clerk, counter=f"{n + 1}号", staff=people[code], at=called_at
                    )
                    or ticket
                )
                item = rng.choice(items[code])
                case = actions.do_receive_case(
                    item,
                    actor=clerk,
                    applicant_name=rng.choice(SURNAMES) + "先生",
                    enterprise=ticket.enterprise,
                    staff=people[code],
                    received_at=called_at + datetime.timedelta(minutes=1),
                    wait_seconds=ticket.wait_seconds,
                )
                queue.do_finish_ticket(ticket, actor=clerk, at=called_at + datetime.timedelta(minutes=12))
                if item.is_immediate or rng.random() < 0.25:
                    done_day = day
                else:
                    done_day = workdays.add_workdays(
                        day, rng.choice([1, 2, item.promised_limit, item.promised_limit + 2])
                    )
                if done_day > today or (done_day == today and rng.random() < 0.5):
                    continue  # still open: green, yellow or red on the board
                done_at = (
                    _moment(done_day, 480) if done_day != day else called_at + datetime.timedelta(minutes=20)
                )
                with clock.as_of(done_at):
                    case, token = actions.do_complete_case(case, actor=clerk, completed_at=done_at)
                if rng.random() < 0.75:
                    level = rng.choices([5, 4, 3, 2, 1], weights=[70, 18, 6, 4, 2])[0]
                    rated_at = done_at + datetime.timedelta(minutes=30)
                    if rated_at <= timezone.now():
                        with clock.as_of(rated_at):
                            rating = actions.do_rate_case(
                                token,
                                level=level,
                                rated_at=rated_at,
                                dimensions={"attitude": level, "efficiency": level},
                            )
                        if rating.matter_id:
                            bad_ratings.append((rating, done_day))
        if day.weekday() == 1:
            with clock.as_of(_moment(day, 30)):
                kind = rng.choice(ConsultationKind.values)
                actions.do_record_consultation(
                    unit=ctx.unit("xzfw-hbj"),
                    actor=clerks["xzfw-hbj"],
                    kind=kind,
                    subject=f"{rng.choice(ctx.targets).name}建设项目",
                    held_on=day,
                    item=items["xzfw-hbj"][0],
                )
                actions.do_record_inquiry(
                    unit=ctx.unit("xzfw-rsj"),
                    actor=clerks["xzfw-rsj"],
                    person=people["xzfw-rsj"],
                    subject="灵活就业人员参保咨询",
                    answer="已一次告知所需材料",
                    asked_at=_moment(day, 45),
                )
        day += datetime.timedelta(days=1)
    _rectify(ctx, bad_ratings, today)
    quarter = (first.month - 1) // 3 + 1
    with clock.as_of(timezone.now()):
        stars = ranking.do_propose_stars(first.year, quarter, actor=staff, min_cases=5)
        if stars:
            ranking.do_decide_star(stars[0], actor=ctx.accounts["center_admin"], confirm=True)


def _rectify(ctx, bad_ratings, today: datetime.date) -> None:
    """The environmental window's older bad ratings: rectified, verified and (mostly) return-visited.
    The HR window's stay in rectification (the demo has no liaison at that window to reply)."""
    liaison, staff = ctx.accounts["hbck_liaison"], ctx.accounts["center_staff1"]
    for index, (rating, done_day) in enumerate(sorted(bad_ratings, key=lambda r: r[1])):
        if rating.case.unit.code != "xzfw-hbj" or workdays.add_workdays(done_day, 6) > today:
            continue
        reply_day = workdays.add_workdays(done_day, 3)
        with clock.as_of(_moment(reply_day, 120)):
            matter = matter_actions.do_reply_matter(
                rating.matter, actor=liaison, reply="已约谈当事工作人员，统一材料清单并在窗口公示。"
            )
        with clock.as_of(_moment(workdays.add_workdays(reply_day, 1), 120)):
            matter_actions.do_verify_matter(
                matter, actor=staff, verdict=Verdict.SUBSTANTIATED, resolution=Resolution.RESOLVED
            )
        if index % 3 != 2:
            with clock.as_of(_moment(workdays.add_workdays(reply_day, 2), 120)):
                actions.do_return_visit(rating.return_visit, actor=staff, satisfied=True, note="回访满意")
