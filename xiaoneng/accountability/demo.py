"""The demo county's accountability (a step of xiaoneng.demo.builder.STEPS): the 城管局
regulation as data, and records decided by the center, referred with an outside decision,
referred and pending, dismissed, and one unit-level loss of award eligibility."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from xiaoneng.accountability.actions import (
    do_decide_accountability,
    do_dismiss_accountability,
    do_propose_accountability,
    do_record_outside_decision,
    do_refer_accountability,
)
from xiaoneng.accountability.models import AccountabilityForm, ItemKind, Regulation, RegulationItem
from xiaoneng.org.models import Person, Position

F = AccountabilityForm
REGULATION = "城市长效管理工作奖惩问责规定"
# The regulation's itemised matters and quantified situations (2013-2: 细化问责事项, 量化问责情形).
ITEMS = [
    ("第五条第（一）项", ItemKind.MATTER, "市政设施报修未在规定时限内修复的", None, F.REMINDER_TALK, "-0.5"),
    ("第五条第（二）项", ItemKind.MATTER, "占道经营、乱堆乱放投诉未及时处置的", None, F.WRITTEN_CHECK, "-1"),
    (
        "第五条第（三）项",
        ItemKind.MATTER,
        "执法过程中态度粗暴、造成不良影响的",
        None,
        F.CRITICAL_NOTICE,
        "-2",
    ),
    (
        "第六条第（一）项",
        ItemKind.SITUATION,
        "同一责任区域一个月内被督查通报达到规定次数的",
        3,
        F.ADMONITION_TALK,
        "-3",
    ),
    ("第六条第（二）项", ItemKind.SITUATION, "一年内被诫勉谈话后仍出现同类问题的", 2, F.REASSIGNMENT, "-5"),
]


def stage_regulation(ctx, doc_no: str = "", issued_on: datetime.date | None = None) -> Regulation:
    reg = Regulation.objects.create(
        title=REGULATION, issuer=ctx.unit("cgj"), doc_no=doc_no, issued_on=issued_on
    )
    RegulationItem.objects.bulk_create(
        RegulationItem(
            regulation=reg, number=n, kind=k, text=t, threshold=th, form=f, points=Decimal(p), sort_order=i
        )
        for i, (n, k, t, th, f, p) in enumerate(ITEMS)
    )
    return reg


def person_of(ctx, code: str, position: str = Position.STAFF) -> Person:
    people = Person.objects.filter(unit=ctx.unit(code)).order_by("pk")
    return people.filter(position=position).first() or people.first()


def build_accountability(ctx) -> None:
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    reg = stage_regulation(ctx, doc_no="金城管〔2013〕12号", issued_on=datetime.date(2013, 4, 1))
    items = {item.number: item for item in reg.items.all()}
    today = timezone.localdate()

    def propose(code, form, reason, position=Position.STAFF, **kw):
        return do_propose_accountability(
            person=person_of(ctx, code, position), unit=None, form=form, reason=reason, proposer=staff, **kw
        )

    rec = propose(
        "cgj", F.REMINDER_TALK, "路灯报修超过5个工作日未修复", regulation_item=items["第五条第（一）项"]
    )
    do_decide_accountability(rec, admin, doc_no=f"金效问〔{today.year}〕1号")
    rec = propose(
        "gtj",
        F.CRITICAL_NOTICE,
        "企业用地报批投诉经查属实，经办人推诿扯皮、多次让企业往返",
        clause="《金湖县机关效能问责办法》第八条",
    )
    do_decide_accountability(rec, admin, doc_no=f"金效问〔{today.year}〕2号")
    rec = propose("hbj", F.REMOVAL, "环评审批督办事项超期且整改不力，造成重点项目延误", Position.CHIEF)
    do_refer_accountability(
        rec, admin, note="提请县委组织部按干部管理权限处理", doc_no=f"金效移〔{today.year}〕1号"
    )
    do_record_outside_decision(
        rec,
        admin,
        outside_form=F.REASSIGNMENT,
        decision="调离原岗位",
        doc_no=f"金组〔{today.year}〕21号",
        decided_on=today,
    )
    rec = propose(
        "cgj",
        F.ADMONITION_TALK,
        "同一责任区域一个月内被督查通报3次",
        regulation_item=items["第六条第（一）项"],
    )
    do_refer_accountability(rec, admin, note="移送县纪委监委派驻纪检组", doc_no=f"金效移〔{today.year}〕2号")
    rec = propose("zjj", F.REMINDER_TALK, "群众反映窗口人员迟到")
    do_dismiss_accountability(rec, admin, reason="经查考勤记录，反映情况不实")
    rec = do_propose_accountability(
        person=None,
        unit=ctx.unit("gtj"),
        form=F.LOSS_OF_AWARD_ELIGIBILITY,
        reason="年度内投诉查实2件，取消当年评先评优资格",
        proposer=staff,
    )
    do_decide_accountability(rec, admin)
