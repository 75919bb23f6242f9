"""The `jinhu_2013` fixture's inspections: the two campaigns of the second seed issue (2013-2).

- 专题监督 on 2013-04-29: supervisors visit 金湖农商行's 淮建, 塔集 and four more branches
  unannounced and give "意见、建议21条".
- The first 联动督查: "分成3个督查小组", mystery shopping, "发现问题线索15个", every lead
  "第一时间交办相关责任单位" with a deadline ("限期处理到位").

Records are made through `xiaoneng.inspections.actions`; figures come from
`xiaoneng.inspections.report` (the same functions as the campaign report).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.inspections import actions, report
from xiaoneng.inspections.demo import BRANCHES, GROUPS, LEADS, SUGGESTIONS
from xiaoneng.inspections.models import Campaign, CampaignKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
SPECIAL_DAY = datetime.date(2013, 4, 29)
JOINT_DAYS = (datetime.date(2013, 5, 6), datetime.date(2013, 5, 8))
SPECIAL_TITLE = "金湖农商行服务环境和工作效能专题监督"
JOINT_TITLE = "首次部门联动督查"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), SHANGHAI)


def build(ctx) -> None:
    staff = ctx.accounts["center_staff1"]
    special = actions.do_create_campaign(
        actor=staff,
        organiser_unit=ctx.unit("xnzx"),
        kind=CampaignKind.SPECIAL,
        title=SPECIAL_TITLE,
        starts_on=SPECIAL_DAY,
        ends_on=SPECIAL_DAY,
        basis="事先不打招呼，专门“挑刺”、找问题。",
    )
    group = actions.do_add_group(special, actor=staff, name="监督员组", leader=ctx.accounts["supervisor1"])
    for username in ("supervisor1", "supervisor2"):
        actions.do_add_member(group, actor=staff, user=ctx.accounts[username])
    for code in BRANCHES:
        actions.do_add_target(special, actor=staff, unit=ctx.unit(code), group=group)
    actions.do_start_campaign(special, actor=staff)
    targets = list(special.targets.select_related("unit").order_by("pk"))
    for target in targets:
        actions.do_record_visit(target, actor=ctx.accounts["supervisor1"], visited_on=SPECIAL_DAY)
    for i, text in enumerate(SUGGESTIONS):
        actions.do_record_suggestion(
            special, actor=ctx.accounts["supervisor2"], unit=targets[i % len(targets)].unit, text=text
        )
    actions.do_close_campaign(special, actor=staff)

    joint = actions.do_create_campaign(
        actor=staff,
        organiser_unit=ctx.unit("xnzx"),
        kind=CampaignKind.JOINT,
        title=JOINT_TITLE,
        starts_on=JOINT_DAYS[0],
        ends_on=JOINT_DAYS[1],
        basis="通过模拟客户、实际办事深入一线明察暗访。",
    )
    made = []
    for name, leader, member, units in GROUPS:
        group = actions.do_add_group(joint, actor=staff, name=name, leader=ctx.accounts[leader])
        for username in (leader, member):
            actions.do_add_member(group, actor=staff, user=ctx.accounts[username])
        made.append((group, units))
    members = {}
    for group, units in made:
        for code in units:
            actions.do_add_target(joint, actor=staff, unit=ctx.unit(code), group=group)
            members[code] = group.leader
    actions.do_start_campaign(joint, actor=staff)
    findings = [
        actions.do_record_finding(
            joint,
            actor=members[code],
            unit=ctx.unit(code),
            what=what,
            where=where,
            occurred_at=min(_at(JOINT_DAYS[i % 2], 9 + i % 7), timezone.now()),
        )
        for i, (code, what, where) in enumerate(LEADS)
    ]
    actions.do_close_campaign(joint, actor=staff)
    for finding in findings:
        actions.do_hand_over_finding(finding, actor=staff, note="请认真调查核实，限期处理到位")


def _figures(title: str) -> report.Figures:
    campaign = Campaign.objects.get(title=title, starts_on__year=2013)
    return report.figures(campaign, timezone.localdate())


def _units_phrase() -> str:
    return report.units_phrase(
        report.visited_units(Campaign.objects.get(title=SPECIAL_TITLE, starts_on__year=2013))
    )


def figures() -> list[Figure]:
    return [
        Figure("2013-2", "金湖农商行淮建、塔集等6个支行", "金湖农商行淮建、塔集等6个支行", _units_phrase),
        Figure("2013-2", "等6个支行", 6, lambda: _figures(SPECIAL_TITLE).units_visited),
        Figure("2013-2", "意见、建议21条", 21, lambda: _figures(SPECIAL_TITLE).suggestions),
        Figure("2013-2", "分成3个督查小组", 3, lambda: _figures(JOINT_TITLE).groups),
        Figure("2013-2", "发现问题线索15个", 15, lambda: _figures(JOINT_TITLE).findings),
        Figure("2013-2", "第一时间交办相关责任单位", 15, lambda: _figures(JOINT_TITLE).handed_over),
    ]
