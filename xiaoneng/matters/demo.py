"""Demo step: a few dozen matters in every state, with full traces, replayed over the last weeks.

Every matter is built through the action functions, each step "as of" its own day
(xiaoneng.matters.clock), and the deadline scanner runs once every morning in between, so
the traces carry true dates: warnings, overdue marks and escalation happen when they would
have, pauses and extensions move deadlines across real holidays.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from xiaoneng.calendar.service import add_workdays
from xiaoneng.matters import actions, clock
from xiaoneng.matters.models import Matter, MatterKind, Resolution, Source, Verdict
from xiaoneng.matters.scanner import scan

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Titles by kind, so that an enquiry reads like one.
TITLES = {
    "enquiry": ["咨询小微企业贷款政策", "咨询失业保险金领取条件", "咨询营业执照变更流程", "咨询社保卡补办",
                "咨询公积金提取", "咨询企业开办一网通办流程", "咨询高校毕业生就业补贴",
                "咨询不动产登记所需材料",
                "咨询个体工商户年报", "咨询农机购置补贴", "咨询医保异地备案", "咨询建设工程施工许可条件",
                "咨询稳岗返还申领", "咨询出租车营运证年审"],
    "complaint": ["群众反映窗口工作人员服务态度差", "道路修复迟迟未完成", "办证材料一次告知不到位",
                  "行政执法检查频次过多", "社保转移接续办理缓慢", "贷款审批资料重复提交", "投诉乱收费问题",
                  "路灯长期不亮无人维修", "网上办事系统频繁故障", "承诺办结时限未兑现", "农民工工资拖欠投诉",
                  "公交站台破损", "办事需往返多次", "反映村道积水", "反映窗口叫号混乱", "反映河道垃圾未清理",
                  "反映执法程序不规范", "反映公厕卫生差", "群众反映办事指南过时", "窗口人员上班时间离岗"],
    "report": ["举报工作人员吃拿卡要", "举报执法人员未出示证件", "举报违规收取服务费"],
    "finding": ["督查发现窗口无人值守", "暗访发现首问负责未落实", "督查发现上班时间浏览购物网站"],
    "enterprise": ["企业反映施工许可审批超时", "企业电能补助资金未按期拨付", "厂房土地登记办理滞后",
                   "企业反映用电增容慢", "企业反映融资担保难", "企业反映税费政策不清", "项目竣工验收拖延",
                   "项目环评审批进度慢", "企业用工招聘服务不到位", "企业反映停水未提前告知"],
    "instruction": ["县领导批示：加快重点项目供电配套", "县领导批示：解决园区企业用工难",
                    "县领导批示：整治城区占道经营"],
}
SOURCES = {"enquiry": Source.OTHER, "complaint": Source.COMPLAINT, "report": Source.COMPLAINT,
           "finding": Source.INSPECTION, "enterprise": Source.ENTERPRISE, "instruction": Source.OTHER}

# Units whose people act in the demo (they have liaison and head accounts).
ACTING = {
    "jtj": ("jtj_liaison", "jtj_head"), "rsj": ("rsj_liaison", "rsj_head"),
    "nsh": ("nsh_liaison", None), "xzfw-hbj": ("hbck_liaison", None),
}


@dataclass
class Plan:
    steps: list[tuple[datetime.date, Callable]] = field(default_factory=list)
    matter: Matter | None = None

    def on(self, day: datetime.date, step: Callable) -> Plan:
        self.steps.append((day, step))
        return self


def _extension(workdays: int, grant: bool | None, staff, liaison) -> tuple[Callable, Callable | None]:
    def ask(m):
        actions.do_request_extension(m, actor=liaison, workdays=workdays, reason="需会同外单位现场核查")
        return m

    def decide(m):
        actions.do_decide_extension(m.pending_extension, actor=staff, grant=bool(grant),
                                    note="同意延期" if grant else "理由不充分，请按期办结")
        return m

    return ask, (decide if grant is not None else None)


def _plans(ctx, today: datetime.date) -> list[Plan]:
    """The scenarios, read top to bottom: each a matter and its steps, dated in working days ago."""
    rng = ctx.rng
    staff, staff2 = ctx.accounts["center_staff1"], ctx.accounts["center_staff2"]
    kinds = {k.code: k for k in MatterKind.objects.all()}
    instruction, _created = MatterKind.objects.get_or_create(
        code="instruction", defaults={"name": "领导交办件", "time_limit": 10, "yellow_days_before": 2,
                                      "reply_needs_head_approval": True})
    titles = {code: itertools.cycle(rng.sample(pool, len(pool))) for code, pool in TITLES.items()}
    others = [u for u in ctx.units.values() if u.is_key and u.code not in ACTING][:12]

    def ago(n: int) -> datetime.date:
        return add_workdays(today, -n) if n else today

    def new(day, kind=None) -> Plan:
        kind = kind or kinds[rng.choice(["complaint", "complaint", "report", "finding", "enterprise"])]
        title, source, actor = next(titles[kind.code]), SOURCES[kind.code], rng.choice([staff, staff2])
        return Plan().on(day, lambda m: actions.do_receive_matter(
            kind=kind, title=title, actor=actor, source=source,
            description=f"{title}。来电人要求尽快处理并回复。"))

    def assign(plan, day, unit):
        return plan.on(day, lambda m: actions.do_assign_matter(m, actor=staff, unit=unit, note="请按期办复"))

    def bound(action, **kwargs) -> Callable:
        # Bind the actor now: a bare lambda would see the loop variables' last values.
        return lambda m: action(m, **kwargs)

    def reply(plan, day, liaison):
        return plan.on(day, lambda m: actions.do_reply_matter(
            m, actor=liaison, reply="经调查核实，已当面向当事人说明情况并整改到位。"))

    plans: list[Plan] = []
    acting = [(ctx.unit(code), ctx.accounts[liaison], ctx.accounts[head] if head else None)
              for code, (liaison, head) in ACTING.items()]

    for n in (0, 0, 1):  # received, waiting for triage
        plans.append(new(ago(n)))
    for n in (2, 4):  # rejected
        plans.append(new(ago(n)).on(ago(n), lambda m: actions.do_reject_matter(
            m, actor=staff, reason="属诉讼程序范围，不属效能投诉受理范围，已告知来电人")))
    for i, n in enumerate((0, 1, 1, 2)):  # assigned, on time
        plans.append(assign(new(ago(n), kinds["complaint"]), ago(n), others[i]))
    for i, n in enumerate((3, 3)):  # enquiries due today: yellow
        plans.append(assign(new(ago(n), kinds["enquiry"]), ago(n), others[4 + i]))
    for i, n in enumerate((5, 7, 10, 14)):  # overdue: urged, ordered, referred by the scanner
        plans.append(assign(new(ago(n + 1), kinds["enquiry"]), ago(n), others[6 + i]))
    for unit, liaison, _head in acting:
        # Replied, verified and closed ones, one line per unit.
        p = assign(new(ago(20), kinds["complaint"]), ago(19), unit)
        reply(p, ago(12), liaison)
        p.on(ago(11), lambda m: actions.do_verify_matter(
            m, actor=staff, verdict=rng.choice(Verdict.values), note="电话回访当事人"))
        p.on(ago(10), lambda m: actions.do_close_matter(
            m, actor=staff, resolution=rng.choice([Resolution.RESOLVED, Resolution.UNRESOLVED]),
            outcome="已办结归档"))
        plans.append(p)
        plans.append(reply(assign(new(ago(4)), ago(4), unit), ago(1), liaison))  # replied
        p = reply(assign(new(ago(9), kinds["enquiry"]), ago(8), unit), ago(6), liaison)
        p.on(ago(5), lambda m: actions.do_verify_matter(m, actor=staff, verdict=Verdict.UNFOUNDED,
                                                         resolution=Resolution.NOT_APPLICABLE))
        plans.append(p)  # verified
    unit, liaison, head = acting[0]
    plans.append(assign(new(ago(3)), ago(2), unit).on(ago(1), bound(
        actions.do_return_matter, actor=liaison, reason="该路段属县公路站管养，不属本局职责")))  # returned
    p = reply(assign(new(ago(30), kinds["complaint"]), ago(29), unit), ago(20), liaison)
    p.on(ago(19), lambda m: actions.do_close_matter(m, actor=staff, resolution=Resolution.RESOLVED))
    p.on(ago(4), lambda m: actions.do_reopen_matter(m, actor=staff, reason="回访不满意：问题仍未解决"))
    plans.append(p)  # reopened
    for n in (3, 6):  # awaiting the head's approval, then one approved
        p = reply(assign(new(ago(n + 1), instruction), ago(n), unit), ago(n - 2), liaison)
        if n == 6:
            p.on(ago(2), bound(actions.do_approve_reply, actor=head, approve=True))
        plans.append(p)
    unit, liaison, head = acting[1]
    for resume in (None, 2):  # paused; paused and resumed with its deadline moved
        p = assign(new(ago(12), kinds["complaint"]), ago(11), unit)
        p.on(ago(8), lambda m: actions.do_pause_matter(m, actor=staff, reason="等待举报人补充证据材料"))
        if resume:
            p.on(ago(resume), lambda m: actions.do_resume_matter(m, actor=staff, note="材料已补齐"))
        plans.append(p)
    for grant in (True, True, False, None):  # extensions granted, refused, waiting
        p = assign(new(ago(6), kinds["enquiry"]), ago(5), unit)
        ask, decide = _extension(rng.randint(3, 8), grant, staff, liaison)
        p.on(ago(4), ask)
        if decide:
            p.on(ago(3), decide)
        plans.append(p)
    unit, liaison, head = acting[2]
    plans.append(assign(new(ago(3)), ago(2), unit).on(ago(1), lambda m: actions.do_urge_matter(
        m, actor=staff, note="请加快办理进度")))  # urged by hand
    return plans


def build_matters(ctx) -> None:
    today = timezone.localdate()
    replay(_plans(ctx, today), today)


def replay(plans: list[Plan], today: datetime.date,
           spacing: datetime.timedelta = datetime.timedelta(minutes=7)) -> None:
    """Replay every plan in date order, with a scan at seven each morning (complaints reuse it).
    The i-th plan's steps of a day happen `spacing` * i after nine."""
    timeline = [(day, 1, i, j, plan, step) for i, plan in enumerate(plans)
                for j, (day, step) in enumerate(plan.steps)]
    first = min(item[0] for item in timeline)
    day = first
    while day <= today:
        timeline.append((day, 0, 0, 0, None, None))
        day += datetime.timedelta(days=1)
    timeline.sort(key=lambda item: item[:4])
    for day, phase, i, j, plan, step in timeline:
        if phase == 0:
            morning = datetime.datetime.combine(day, datetime.time(7), SHANGHAI)
            with clock.as_of(min(morning, timezone.now())):
                scan(day)
            continue
        moment = datetime.datetime.combine(day, datetime.time(9), SHANGHAI) + spacing * i
        moment += datetime.timedelta(minutes=j, seconds=j)
        with clock.as_of(min(moment, timezone.now())):
            plan.matter = step(plan.matter)
