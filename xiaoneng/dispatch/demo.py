"""The demo county's dispatch: a year of earlier, closed complaints, some repeats staff merged,
two fresh repeats waiting for triage, and a model trained on all of it.

The complaints step's texts start with the accused unit's short name (交通局：…), which any text
model learns at once; the history here never names the unit (xiaoneng.dispatch.texts), a fifth
is filed under another category than its text suggests and a quarter name no subject at all, so
the accuracy `xiaoneng dispatch evaluate` reports on the demo is not flattered by construction.
Every record is made through the action functions, each step as of its own moment.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.complaints import actions
from xiaoneng.complaints.models import Category, Channel, Scope
from xiaoneng.demo import names
from xiaoneng.dispatch import texts
from xiaoneng.dispatch.actions import do_train
from xiaoneng.matters import actions as matter_actions
from xiaoneng.matters import clock
from xiaoneng.matters.demo import ACTING
from xiaoneng.matters.models import Resolution

HISTORY = 64
DAYS_BACK = 330  # calendar days; the complaints step covers the last three months
REPEATS = 10
UNIT_WEIGHTS = {"jtj": 4, "rsj": 3, "nsh": 2, "xzfw-hbj": 2}


def _moment(day: datetime.date, minutes: int) -> datetime.datetime:
    start = datetime.datetime.combine(day, datetime.time(9), timezone.get_current_timezone())
    return start + datetime.timedelta(minutes=minutes)


def build_dispatch(ctx) -> None:
    rng = ctx.rng
    staff = ctx.accounts["center_staff1"]
    today = timezone.localdate()
    phones = [names.mobile_phone(rng) for _ in range(HISTORY // 2)]
    codes = [code for code, weight in UNIT_WEIGHTS.items() for _ in range(weight)]
    days = sorted(today - datetime.timedelta(days=rng.randint(20, DAYS_BACK)) for _ in range(HISTORY))
    filed = []
    for i, day in enumerate(days):
        code, category = rng.choice(codes), rng.choice(Category.values)
        subject = texts.subject_for(rng, code)
        fields = {"category": category, "scope": rng.choice(Scope.values), "phone": rng.choice(phones),
                  "accused_unit": ctx.unit(code) if rng.random() < 0.4 else None,
                  "channel": rng.choice([Channel.HOTLINE, Channel.HOTLINE_12345, Channel.WALK_IN,
                                         Channel.LETTER])}
        described = category if rng.random() >= texts.MISFILED else rng.choice(list(texts.PROBLEMS))
        complaint = _file(staff, _moment(day, i % 400), texts.compose(rng, subject, described), fields)
        _handle(ctx, complaint, code, day, i)
        filed.append((complaint, subject, fields))
    for complaint, subject, fields in rng.sample(filed, REPEATS):
        # The same reporter about the same thing a few days later, in other words; staff merge it.
        day = timezone.localdate(complaint.matter.received_at) + datetime.timedelta(days=rng.randint(1, 6))
        repeat = _file(staff, _moment(min(day, today - datetime.timedelta(days=1)), 300),
                       texts.compose(rng, subject, complaint.category), fields)
        with clock.as_of(_moment(min(day, today - datetime.timedelta(days=1)), 320)):
            actions.do_mark_duplicate(repeat, actor=staff, original=complaint)
    _waiting(ctx, rng, staff, today)
    do_train()


def _file(staff, moment: datetime.datetime, text: str, fields: dict):
    with clock.as_of(moment):
        complaint, _secret = actions.do_file_complaint(
            actor=staff, description=text, received_at=moment, **fields)
    return complaint


def _handle(ctx, complaint, code: str, day: datetime.date, i: int) -> None:
    """Assigned to `code`, signed, replied and closed over the next days."""
    staff, liaison = ctx.accounts["center_staff1"], ctx.accounts[ACTING[code][0]]
    matter = complaint.matter
    for offset, step in enumerate([
        lambda m: matter_actions.do_assign_matter(m, actor=staff, unit=ctx.unit(code), note="请按期办复"),
        lambda m: matter_actions.do_sign_matter(m, actor=liaison),
        lambda m: matter_actions.do_reply_matter(m, actor=liaison, reply="已调查处理并答复投诉人。"),
        lambda m: matter_actions.do_close_matter(m, actor=staff, resolution=Resolution.RESOLVED,
                                                 outcome="已办结归档"),
    ]):
        with clock.as_of(_moment(day + datetime.timedelta(days=offset + 1), i % 400)):
            matter = step(matter)


def _waiting(ctx, rng, staff, today: datetime.date) -> None:
    """Two new complaints on today's triage list that repeat open ones of the complaints step."""
    from xiaoneng.complaints.identity import decrypt_identity
    from xiaoneng.complaints.models import Complaint

    open_ones = list(Complaint.objects.filter(matter__state="assigned", phone_hash__gt="")
                     .select_related("matter", "accused_unit").order_by("pk")[:2])
    for n, original in enumerate(open_ones):
        moment = min(_moment(today, 10 + n), timezone.now() - datetime.timedelta(minutes=5 - n))
        with clock.as_of(moment):
            actions.do_file_complaint(
                actor=staff, category=original.category, scope=original.scope, anonymous=True,
                description=f"再次反映：{original.matter.description}至今没有结果。", received_at=moment,
                accused_unit=original.accused_unit, channel=Channel.HOTLINE,
                phone=decrypt_identity(bytes(original.identity)).phone)  # the same caller again
