"""Demo step: inspection campaigns like the newsletters', built through the actions.

- 专题监督 on 4月29日: supervisors visit 6 branches of 金湖农商行 unannounced and give 21
  suggestions, which the bank then adopts, declines with a reason, or has still to answer.
- 联动督查 a few weeks ago: 3 groups, mystery shopping, 15 problem leads: handed over (some now
  overdue), resolved, dismissed, or still waiting to be handed over.
- 交通局's own covert visit inside its system (系统内明察暗访) of its four squads.
- A discipline check (上下班纪律, 办公电脑上网记录抽查) with the shipped checklist, under way now.

Matter steps run "as of" their day (xiaoneng.matters.clock) so deadlines and overdue marks are
true; one scan at the end colours and escalates them as the worker would have.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from xiaoneng.calendar.service import add_workdays
from xiaoneng.inspections import actions
from xiaoneng.inspections.models import Campaign, CampaignKind, Checklist, Finding
from xiaoneng.matters import actions as matter_actions
from xiaoneng.matters import clock
from xiaoneng.matters.models import Resolution, State, Verdict
from xiaoneng.matters.scanner import scan

SHANGHAI = ZoneInfo("Asia/Shanghai")
BRANCHES = ["nsh-hj", "nsh-tj", "nsh-yt", "nsh-qf", "nsh-ll", "nsh-jg"]
SUGGESTIONS = [
    "营业厅等候区座椅不足，建议高峰时段增设临时座椅", "建议在显著位置公示服务收费项目和标准",
    "叫号机故障未及时维修，建议建立设备日常巡检制度", "部分柜员未佩戴工作牌，建议严格执行挂牌上岗",
    "建议设置老年人、残疾人优先服务窗口", "建议增加小微企业贷款政策的宣传资料",
    "意见簿长期无人查阅回复，建议指定专人每周处理", "建议午间保持至少两个窗口对外服务",
    "大堂经理引导不主动，建议加强首问负责培训", "贷款办理所需材料建议一次性书面告知",
    "建议在营业部公示投诉电话和效能监督电话", "柜员办理业务时使用手机，建议加强工作纪律管理",
    "建议优化对公开户流程，压缩办理时限", "便民服务箱内老花镜、雨伞缺失，建议及时补充",
    "建议开通农户小额贷款上门办理服务", "自助设备操作指引不清，建议张贴图示说明",
    "建议定期开展服务礼仪培训和明察暗访", "营业时间公示与实际不符，建议及时更正",
    "建议对代发工资企业开展上门服务", "建议建立客户意见回访制度",
    "网点防滑提示不足，建议雨天放置警示标志",
]
# (unit, what was found, where) of the 15 leads; the first three end resolved.
LEADS = [
    ("jtj", "模拟客户咨询道路运输证办理，窗口人员未一次性告知所需材料", "县交通运输局政务窗口"),
    ("jtj", "上班时间窗口无人值守达20分钟", "县交通运输局政务窗口"),
    ("rsj", "工作人员上班时间浏览购物网站", "县人社局社保征缴大厅"),
    ("cgj", "执法人员执法时未出示执法证件", "城区人民路"),
    ("zjj", "施工许可咨询电话无人接听", "县住建局"),
    ("gd", "用电报装办理超过承诺时限", "国网金湖县供电公司营业厅"),
    ("swgs", "停水未提前告知周边商户", "县水务公司客户服务中心"),
    ("scjgj-tj", "个体工商户登记要求提供非法定材料", "塔集市场监督管理所"),
    ("xzfw-rsj", "叫号系统与实际办理顺序不一致", "县行政服务中心人社窗口"),
    ("xzfw-hbj", "办事指南内容过时未更新", "县行政服务中心环保窗口"),
    ("gjj", "公积金提取咨询答复前后不一", "县住房公积金管理中心"),
    ("jtj", "首问负责制未落实，推诿群众到其他科室", "县交通运输局"),
    ("gd", "营业厅服务态度生硬", "国网金湖县供电公司营业厅"),
    ("zjj", "窗口人员离岗未放置暂离提示牌", "县住建局窗口"),
    ("cgj", "投诉电话长时间占线无人处理", "县城管局"),
]
GROUPS = [
    ("第一督查组", "center_staff1", "supervisor1", ["jtj", "rsj", "xzfw-hbj", "gjj"]),
    ("第二督查组", "center_staff2", "supervisor2", ["cgj", "zjj", "scjgj-tj"]),
    ("第三督查组", "center_admin", "supervisor1", ["gd", "swgs", "xzfw-rsj"]),
]
DECLINED = "受网点场地面积限制，暂不具备条件，已列入明年网点改造计划"
REPLY = "经调查核实，情况属实，已对相关责任人批评教育并整改到位。"


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return min(datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI), timezone.now())


def build_inspections(ctx) -> None:
    today = timezone.localdate()
    special_supervision(ctx, today)
    joint_supervision(ctx, today)
    covert_visit_by_transport(ctx, today)
    discipline_check(ctx, today)
    with clock.as_of(timezone.now()):
        scan(today)


def _staffed(ctx, campaign: Campaign, actor, groups) -> None:
    """Groups with their members, then each group's targets (members first: recusal is checked both ways)."""
    made = []
    for name, leader, member, units in groups:
        group = actions.do_add_group(campaign, actor=actor, name=name, leader=ctx.accounts[leader])
        for username in (leader, member):
            actions.do_add_member(group, actor=actor, user=ctx.accounts[username])
        made.append((group, units))
    for group, units in made:
        for code in units:
            actions.do_add_target(campaign, actor=actor, unit=ctx.unit(code), group=group)


def special_supervision(ctx, today: datetime.date) -> Campaign:
    """4月29日: 6 branches of 金湖农商行, 21 suggestions (15 adopted, 2 declined, 4 awaiting an answer)."""
    staff, bank = ctx.accounts["center_staff1"], ctx.accounts["nsh_liaison"]
    day = datetime.date(today.year, 4, 29)
    if day > today:
        day = day.replace(year=today.year - 1)
    campaign = actions.do_create_campaign(
        actor=staff, organiser_unit=ctx.unit("xnzx"),
        kind=CampaignKind.SPECIAL, title="金湖农商行服务环境和工作效能专题监督",
        starts_on=day, ends_on=day, basis="事先不打招呼，专门“挑刺”、找问题；走访后与该行负责人座谈交流。",
    )
    _staffed(ctx, campaign, staff, [("监督员组", "center_staff1", "supervisor1", BRANCHES)])
    group = campaign.groups.get()
    actions.do_add_member(group, actor=staff, user=ctx.accounts["supervisor2"])
    actions.do_start_campaign(campaign, actor=staff)
    targets = list(campaign.targets.select_related("unit"))
    for target in targets:
        actions.do_record_visit(target, actor=ctx.accounts["supervisor1"], visited_on=day)
    for i, text in enumerate(SUGGESTIONS):
        member = ctx.accounts["supervisor1" if i % 2 else "supervisor2"]
        actions.do_record_suggestion(campaign, actor=member, unit=targets[i % len(targets)].unit, text=text)
    actions.do_close_campaign(campaign, actor=staff)
    for i, suggestion in enumerate(campaign.suggestions.order_by("pk")):
        if i < 15:
            actions.do_adopt_suggestion(suggestion, actor=bank)
        elif i < 17:
            actions.do_decline_suggestion(suggestion, actor=bank, reason=DECLINED)
    return campaign


def joint_supervision(ctx, today: datetime.date) -> Campaign:
    """联动督查: 3 groups, 15 leads: 3 resolved, 5 overdue, 3 handed over lately, 1 dismissed, 3 recorded."""
    staff = ctx.accounts["center_staff1"]
    starts, ends = add_workdays(today, -20), add_workdays(today, -18)
    campaign = actions.do_create_campaign(
        actor=staff, organiser_unit=ctx.unit("xnzx"),
        kind=CampaignKind.JOINT, title="首次部门联动督查", starts_on=starts, ends_on=ends,
        basis="县效能中心牵头，相关部门单位参加，通过模拟客户、实际办事深入一线明察暗访。",
    )
    _staffed(ctx, campaign, staff, GROUPS)
    actions.do_start_campaign(campaign, actor=staff)
    members = {code: ctx.accounts[member] for _name, _leader, member, units in GROUPS for code in units}
    findings = []
    for i, (code, what, where) in enumerate(LEADS):
        seen = _at(starts if i < 8 else ends, 9 + i % 7, 10 * (i % 6))
        findings.append(actions.do_record_finding(campaign, actor=members[code], unit=ctx.unit(code),
                                                  what=what, where=where, occurred_at=seen))
    actions.do_close_campaign(campaign, actor=staff)
    first, lately = add_workdays(ends, 1), add_workdays(today, -3)
    for i, finding in enumerate(findings):
        if i < 11:
            with clock.as_of(_at(first if i < 8 else lately, 15)):
                actions.do_hand_over_finding(finding, actor=staff, note="请认真调查核实，限期处理到位")
        elif i == 11:
            actions.do_dismiss_finding(finding, actor=staff, reason="经核实系群众误解，不属于推诿")
    for finding, liaison, head in ((findings[0], "jtj_liaison", "jtj_head"),
                                   (findings[1], "jtj_liaison", "jtj_head"),
                                   (findings[2], "rsj_liaison", "rsj_head")):
        _resolve(ctx, finding, liaison, head, add_workdays(first, 5))
    return campaign


def _resolve(ctx, finding: Finding, liaison: str, head: str, day: datetime.date) -> None:
    matter = Finding.objects.select_related("matter").get(pk=finding.pk).matter
    with clock.as_of(_at(day, 10)):
        matter = matter_actions.do_reply_matter(matter, actor=ctx.accounts[liaison], reply=REPLY)
        if matter.state == State.AWAITING_APPROVAL:
            matter = matter_actions.do_approve_reply(matter, actor=ctx.accounts[head], approve=True)
    with clock.as_of(_at(add_workdays(day, 1), 10)):
        staff = ctx.accounts["center_staff1"]
        matter = matter_actions.do_verify_matter(matter, actor=staff, verdict=Verdict.SUBSTANTIATED,
                                                 resolution=Resolution.RESOLVED, note="电话回访核实整改到位")
        matter_actions.do_close_matter(matter, actor=staff, resolution=Resolution.RESOLVED)


def covert_visit_by_transport(ctx, today: datetime.date) -> Campaign:
    """交通局 在系统内正常开展明察暗访: its four squads; 3 staff found breaking the rules."""
    liaison, head = ctx.accounts["jtj_liaison"], ctx.accounts["jtj_head"]
    starts = add_workdays(today, -30)
    campaign = actions.do_create_campaign(
        actor=liaison, kind=CampaignKind.COVERT, title="交通运输系统内明察暗访", starts_on=starts,
        ends_on=add_workdays(starts, 2), basis="对照执法“十项禁令”“十不准”，检查各执法中队工作纪律作风。",
    )
    group = actions.do_add_group(campaign, actor=liaison, name="局纪检监察组", leader=head)
    actions.do_add_member(group, actor=liaison, user=head)
    squads = ["jtj-zfdd-lc", "jtj-zfdd-tj", "jtj-zfdd-yt", "jtj-zfdd-ll"]
    for code in squads:
        actions.do_add_target(campaign, actor=liaison, unit=ctx.unit(code), group=group)
    actions.do_start_campaign(campaign, actor=liaison)
    for target in campaign.targets.all():
        actions.do_record_visit(target, actor=head, visited_on=add_workdays(starts, 1))
    for code, what in (("jtj-zfdd-tj", "执法人员上班时间玩手机游戏"),
                       ("jtj-zfdd-yt", "值班人员擅自离岗"),
                       ("jtj-zfdd-ll", "执法过程中态度粗暴，违反“十不准”规定")):
        actions.do_record_finding(campaign, actor=head, unit=ctx.unit(code), what=what,
                                  where=ctx.unit(code).name, occurred_at=_at(add_workdays(starts, 1), 14))
    actions.do_close_campaign(campaign, actor=liaison)
    return campaign


def discipline_check(ctx, today: datetime.date) -> Campaign:
    """上下班纪律 and 办公电脑上网记录抽查, with the shipped checklist; under way, one unit still to visit."""
    staff = ctx.accounts["center_staff2"]
    checklist = Checklist.objects.get(code="discipline")
    starts = add_workdays(today, -2)
    campaign = actions.do_create_campaign(
        actor=staff, organiser_unit=ctx.unit("xnzx"),
        kind=CampaignKind.COVERT, title="上下班纪律及办公电脑上网记录抽查", starts_on=starts,
        ends_on=add_workdays(today, 3), checklists=[checklist],
        basis="早上8点前到岗检查，随机抽查办公电脑上网记录。",
    )
    _staffed(ctx, campaign, staff, [("纪律检查组", "center_staff2", "supervisor2",
                                     ["xzsp", "ybj", "wjw", "gaj"])])
    actions.do_start_campaign(campaign, actor=staff)
    member = ctx.accounts["supervisor2"]
    items = list(checklist.items.all())
    for n, target in enumerate(campaign.targets.select_related("unit").order_by("pk")[:3]):
        actions.do_record_visit(target, actor=member, visited_on=starts)
        for i, item in enumerate(items):
            failed = (n, i) in ((0, 0), (2, 3))
            actions.do_record_checklist_result(target, actor=member, item=item, passed=not failed,
                                               note="抽查发现问题" if failed else "")
            if failed:
                actions.do_record_finding(campaign, actor=member, unit=target.unit,
                                          what=f"未做到：{item.text}", where=target.unit.name,
                                          occurred_at=_at(starts, 8, 10 * n))
    return campaign
