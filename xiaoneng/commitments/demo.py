"""Demo step: this year's public commitment campaign, built through the actions.

Every current key unit committed on 3月21、22日 (head or leadership collective, on television),
some stations and windows through other channels; each promise has progress, milestones and the
center's checks, one was found broken (matter for 交通局, notice published, deduction proposed)
and one more breach waits with its notice still a draft.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.commitments import actions
from xiaoneng.commitments.models import Channel, CheckOutcome, CommitterKind, ItemKind
from xiaoneng.org.models import Unit

PROMISES = [
    (ItemKind.APPROVAL, "行政审批事项在法定时限基础上再提速50%", 50, "%"),
    (ItemKind.ENFORCEMENT, "严格执行行政处罚自由裁量基准，执法全过程留痕", None, ""),
    (ItemKind.BURDEN, "涉企检查每年不超过2次，不搞重复检查", 2, "次"),
    (ItemKind.GREEN_CARD, "对重点企业和重大项目全面执行“绿卡”服务制度", None, ""),
]
# 基层站所 and windows that committed in other ways at the same time.
STATIONS = [
    ("scjgj-tj", [Channel.NOTICE_BOARD, Channel.SIGNED_LETTER]),
    ("xzfw-hbj", [Channel.WEB, Channel.NOTICE_BOARD]),
    ("xzfw-rsj", [Channel.RADIO, Channel.NEWSPAPER, Channel.PLEDGE]),
]
EXTRA_CHANNELS = [
    [Channel.TV],
    [Channel.TV, Channel.WEB],
    [Channel.TV, Channel.NEWSPAPER],
    [Channel.TV, Channel.PLEDGE],
]


def build_commitments(ctx) -> None:
    today = timezone.localdate()
    start = datetime.date(today.year, 3, 21)
    if start > today - datetime.timedelta(days=30):
        start = start.replace(year=today.year - 1)
    staff = ctx.accounts["center_staff1"]
    campaign = actions.do_create_campaign(
        actor=staff,
        name=f"{start.year}年“改进作风、优化服务”集中公开承诺活动",
        basis_title="关于开展“改进作风、优化服务”集中公开承诺活动的通知",
        basis_number=f"金软建办〔{start.year}〕3号",
        issued_by="县效能中心",
        starts_on=start,
        ends_on=datetime.date(start.year, 12, 31),
    )
    key_units = list(Unit.objects.valid_on(start).filter(is_key=True).order_by("sort_order", "pk"))
    items = []
    for n, unit in enumerate(key_units):
        commitment = actions.do_record_commitment(
            campaign,
            actor=staff,
            unit=unit,
            committer_kind=CommitterKind.COLLECTIVE if n % 3 == 0 else CommitterKind.HEAD,
            committed_on=start + datetime.timedelta(days=n % 2),
            channels=EXTRA_CHANNELS[n % len(EXTRA_CHANNELS)],
        )
        for k in range(1 + n % 2):
            kind, promise, value, unit_of = PROMISES[(n + k) % len(PROMISES)]
            items.append(
                actions.do_add_item(
                    commitment,
                    actor=staff,
                    kind=kind,
                    promise=promise,
                    target_value=value,
                    target_unit=unit_of,
                    due_on=datetime.date(start.year, 12, 31),
                )
            )
    for code, channels in STATIONS:
        actions.do_record_commitment(
            campaign,
            actor=staff,
            unit=ctx.unit(code),
            committer_kind=CommitterKind.HEAD,
            committed_on=start + datetime.timedelta(days=1),
            channels=channels,
        )
    _follow_up(ctx, items, start, today)


def _follow_up(ctx, items, start: datetime.date, today: datetime.date) -> None:
    staff = ctx.accounts["center_staff1"]
    middle = min(start + datetime.timedelta(days=60), today)
    for n, item in enumerate(items):
        if n % 5 == 4:
            continue  # not started
        if n % 3 == 0:
            actions.do_add_milestone(
                item, actor=staff, title="制定实施方案", due_on=start + datetime.timedelta(days=30)
            )
        outcome = (
            CheckOutcome.FULFILLED
            if n % 4 == 0
            else CheckOutcome.BEHIND
            if n % 7 == 0
            else CheckOutcome.ON_TRACK
        )
        actions.do_record_check(
            item,
            actor=staff,
            outcome=outcome,
            progress=30 + (n * 7) % 60,
            note="跟踪督查，查阅台账并电话回访服务对象",
            checked_on=middle,
        )
    transport = next(i for i in items if i.commitment.unit.code == "jtj")
    liaison = ctx.accounts["jtj_liaison"]
    actions.do_report_progress(transport, actor=liaison, progress=70, note="已完成流程再造，正在试运行")
    check = actions.do_record_check(
        transport,
        actor=staff,
        outcome=CheckOutcome.BREACHED,
        checked_on=today,
        note="暗访发现道路运输证办理仍超过承诺时限，群众投诉查实",
    )
    actions.do_publish_notice(check.breach.notice, actor=staff)
    other = next(i for i in items if i.commitment.unit.code == "rsj" and i.status != "breached")
    actions.do_record_breach(
        other, actor=staff, description="企业反映涉企检查超过承诺次数，经核实属实", found_on=today
    )
