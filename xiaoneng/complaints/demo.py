"""Demo step: a few hundred complaints and enquiries in every state, replayed over the last months.

Built through the action functions, each step as of its own day (matters' replay, with the
morning scan), so traces, deadlines, warnings, deduction proposals and ratings are true to
their dates. Reporters are invented (xiaoneng.demo.names); some phones repeat, some complaints
name the transport bureau's head (who therefore never sees them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from xiaoneng.calendar.service import current_calendar
from xiaoneng.complaints import actions
from xiaoneng.complaints.models import STAFF_CHANNELS, Category, Channel, Satisfaction, Scope
from xiaoneng.demo import names
from xiaoneng.matters import actions as matter_actions
from xiaoneng.matters.demo import ACTING, Plan, replay
from xiaoneng.matters.models import Resolution, Verdict

COUNT = 300
DAYS_BACK = 60  # working days

TEXTS = {
    Category.INACTION: ["多次到窗口反映问题，工作人员推说不归本单位管，至今无人处理。",
                        "村道塌陷报告两个月无人回应。"],
    Category.SLOW: ["办理不动产登记，承诺五个工作日，已过去一个月仍未办结。",
                    "企业开办材料齐全，却被要求等待领导签字，拖了两周。"],
    Category.MISCONDUCT: ["执法人员检查时未出示证件，态度蛮横。", "工作人员要求提供法规未规定的证明材料。"],
    Category.EXTORTION: ["办事时被暗示需要“打点”才能加快进度。", "验收时工作人员索要烟酒。"],
    Category.FEES: ["办理证件被收取未公示的“服务费”。", "窗口强制要求购买指定单位的资料。"],
    Category.ATTITUDE: ["窗口工作人员玩手机，不理睬办事群众。", "电话咨询时工作人员不耐烦，直接挂断。"],
    Category.DISCIPLINE: ["上班时间窗口无人，工作人员外出未归。", "工作日下午三点办公室已无人。"],
    Category.OTHER: ["网上办事系统频繁故障，无法提交材料。", "办事指南与实际要求不一致。"],
}
ENQUIRIES = ["咨询营业执照变更需要哪些材料。", "咨询失业保险金如何申领。", "咨询公积金提取条件。",
             "咨询农机购置补贴申请时间。", "咨询医保异地备案流程。"]

# How the complaints end up, with weights: every state of the matter and of the complaint.
OUTCOMES = [("received", 4), ("rejected", 4), ("duplicate", 4), ("assigned", 8), ("signed", 8),
            ("returned", 2), ("paused", 2), ("urged", 3), ("replied", 8), ("verified", 6),
            ("closed", 35), ("reopened", 3), ("extension", 3)]


# Some reporters name the unit, most only say what happened: a text model for dispatch must
# learn from the words, not from a unit's name put in front of every complaint (docs/dispatch.md).
NAMING = ["{unit}：{text}", "在{unit}办事时，{text}", "反映{unit}的问题：{text}"]


def _text(rng, category: str, unit, kind: str) -> str:
    if kind == "enquiry":
        return rng.choice(ENQUIRIES)
    text = rng.choice(TEXTS[category])
    if rng.random() < 1 / 3:
        return rng.choice(NAMING).format(unit=unit.short_name, text=text)
    return text


def build_complaints(ctx) -> None:
    today = timezone.localdate()
    # 300 plans 100 seconds apart: every day's steps fit between nine and half past five.
    replay(_plans(ctx, today), today, spacing=datetime.timedelta(seconds=100))


def _plans(ctx, today: datetime.date) -> list[Plan]:
    rng = ctx.rng
    staff, staff2 = ctx.accounts["center_staff1"], ctx.accounts["center_staff2"]
    acting = [(ctx.unit(code), ctx.accounts[liaison]) for code, (liaison, _head) in ACTING.items()]
    others = [u for u in ctx.units.values() if u.is_key and u.code not in ACTING and u.valid_to is None]
    jtj_head = ctx.accounts["jtj_head"].person_record
    phones = [names.mobile_phone(rng) for _ in range(COUNT * 3 // 4)]
    outcomes = [name for name, weight in OUTCOMES for _ in range(weight)]
    plans: list[Plan] = []

    calendar, days = current_calendar(), {0: today}

    def ago(n: int) -> datetime.date:
        if n not in days:
            days[n] = calendar.add_workdays(today, -n)
        return days[n]

    for i in range(COUNT):
        outcome = rng.choice(outcomes)
        kind = "enquiry" if rng.random() < 0.2 else "complaint"
        handled = outcome not in ("received", "rejected", "duplicate", "assigned")
        unit, liaison = rng.choice(acting) if handled or rng.random() < 0.5 else (rng.choice(others), None)
        recent = outcome in ("received", "assigned", "signed")
        start = rng.randint(0, 2) if recent else rng.randint(1, DAYS_BACK)
        if outcome in ("closed", "verified", "reopened"):
            start = max(start, 14)
        category, scope = rng.choice(Category.values), rng.choice(Scope.values)
        anonymous = rng.random() < 0.3
        fields = {
            "category": category, "scope": scope, "kind_code": kind, "accused_unit": unit,
            "description": _text(rng, category, unit, kind), "anonymous": anonymous,
            "channel": rng.choice([Channel.WEB, Channel.WEB, Channel.HOTLINE_12345, *STAFF_CHANNELS]),
            "name": "" if anonymous else names.person_name(rng), "phone": rng.choice(phones),
            "named_persons": [jtj_head] if unit.code == "jtj" and rng.random() < 0.15 else [],
        }
        if fields["channel"] == Channel.HOTLINE_12345:
            fields["external_ref"] = f"GD{today.year}{i:06d}"
        actor = None if fields["channel"] == Channel.WEB else rng.choice([staff, staff2])
        plan = Plan().on(ago(start), _file(fields, actor))
        _handle(plan, outcome, kind, rng, ago, start, unit, liaison, staff, plans)
        plans.append(plan)
    return plans


def _file(fields: dict, actor) -> Callable:
    return lambda m: actions.do_file_complaint(actor=actor, **fields)[0].matter


def _handle(plan: Plan, outcome: str, kind: str, rng, ago, start: int, unit, liaison, staff,
            plans: list[Plan]) -> None:
    """Add the steps that bring the plan's complaint to `outcome`, dated from `start` on."""
    day = max(start - 1, 0)
    if outcome == "received":
        return
    if outcome == "rejected":
        plan.on(ago(day), lambda m: matter_actions.do_reject_matter(
            m, actor=staff, reason="属诉讼程序范围，不属效能投诉受理范围，已告知投诉人"))
        return
    if outcome == "duplicate":
        original = rng.choice(plans) if plans else None
        if original is not None and original.steps[0][0] <= ago(day):
            plan.on(ago(day), lambda m: actions.do_mark_duplicate(
                m.complaint, actor=staff, original=original.matter.complaint).matter)
        return
    plan.on(ago(day), lambda m: matter_actions.do_assign_matter(m, actor=staff, unit=unit, note="请按期办复"))
    if outcome == "assigned" or liaison is None:
        return
    if outcome == "urged":
        plan.on(ago(max(day - 1, 0)), lambda m: matter_actions.do_urge_matter(
            m, actor=staff, note="请加快办理"))
        return
    plan.on(ago(max(day - 1, 0)), lambda m: matter_actions.do_sign_matter(m, actor=liaison))
    if outcome == "signed":
        return
    if outcome == "returned":
        plan.on(ago(max(day - 2, 0)), lambda m: matter_actions.do_return_matter(
            m, actor=liaison, reason="该事项不属本单位职责，建议转交相关部门"))
        return
    if outcome == "paused":
        plan.on(ago(max(day - 2, 0)), lambda m: matter_actions.do_pause_matter(
            m, actor=staff, reason="等待投诉人补充材料"))
        return
    if outcome == "extension":
        plan.on(ago(max(day - 2, 0)), lambda m: matter_actions.do_request_extension(
            m, actor=liaison, workdays=5, reason="需会同外单位现场核查").matter)
        return
    reply_day = max(day - rng.randint(2, 9), 0)
    plan.on(ago(reply_day), lambda m: matter_actions.do_reply_matter(
        m, actor=liaison, reply="经调查核实，已向投诉人说明情况并整改到位。"))
    if outcome == "replied":
        return
    verdict = rng.choice([Verdict.SUBSTANTIATED, Verdict.PARTLY, Verdict.UNFOUNDED, Verdict.UNFOUNDED])
    verify_day = max(reply_day - 1, 0)
    if outcome == "verified" or kind == "complaint":  # enquiries are answered, not verified
        plan.on(ago(verify_day), lambda m: matter_actions.do_verify_matter(
            m, actor=staff, verdict=verdict, note="电话回访投诉人"))
    if outcome == "verified":
        return
    resolution = rng.choice([Resolution.RESOLVED, Resolution.RESOLVED, Resolution.UNRESOLVED])
    plan.on(ago(max(verify_day - 1, 0)), lambda m: matter_actions.do_close_matter(
        m, actor=staff, resolution=resolution, outcome="已办结归档"))
    rating = rng.choice([Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY,
                         Satisfaction.UNSATISFIED, None])
    if outcome == "reopened":
        rating = Satisfaction.UNSATISFIED
    if rating is None:
        return
    rate_day = max(verify_day - 2, 0)
    plan.on(ago(rate_day), lambda m: actions.do_rate_satisfaction(m.complaint, rating=rating).matter)
    if outcome == "reopened":
        plan.on(ago(max(rate_day - 1, 0)), lambda m: actions.do_reopen_complaint(
            m.complaint, actor=staff, reason="回访不满意：问题仍未解决").matter)
    elif rng.random() < 0.3:
        summary = f"{unit.short_name}办事效率问题，已整改"
        plan.on(ago(max(rate_day - 1, 0)), lambda m: actions.do_set_public(
            m.complaint, actor=staff, is_public=True, public_summary=summary).matter)
