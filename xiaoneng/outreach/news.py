"""What the outreach tells the bulletin (中心动态) and the leadership dashboard about a period."""

from __future__ import annotations

import datetime

from xiaoneng.news import Citation, NewsDraft, Panel
from xiaoneng.org.access import scope_to_user
from xiaoneng.outreach import competition, figures, quotas
from xiaoneng.outreach.models import Pairing, Programme, Visit


def _year_earlier(day: datetime.date) -> datetime.date:
    return (
        day.replace(year=day.year - 1, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - 1)
    )


def _tier_lines(
    programme: Programme, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[str]:
    lines = []
    for tier in programme.tiers.all():
        owed = met = 0
        for period in quotas.periods(tier):
            if start <= period.end <= end and period.over_on(today):
                result = quotas.compliance(tier, period, today)
                owed += len(result.people)
                met += sum(1 for person in result.people if person.met)
        if owed:
            lines.append(f"“{tier.name}”{owed}人次应完成走访任务，完成{met}人次")
    return lines


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    totals = figures.visit_totals(start, end)
    if not totals["visits"]:
        return []
    previous = figures.visit_totals(_year_earlier(start), _year_earlier(end))
    today = end + datetime.timedelta(days=1)  # periods ending by `end` are over
    programmes = Programme.objects.filter(year__gte=start.year, year__lte=end.year)
    lines = [line for programme in programmes for line in _tier_lines(programme, start, end, today)]
    text = (
        f"县效能中心深入推进“三百工程提升行动”。{start.month}月{start.day}日至{end.month}月{end.day}日，"
        f"结对干部{totals['visitors']}人上门走访{totals['visits']}次，走访服务对象{totals['targets']}个，"
        f"发现并交办问题{totals['problems']}个"
    )
    text += ("；" + "；".join(lines) + "。") if lines else "。"
    visits = Visit.objects.filter(
        visited_on__gte=start, visited_on__lte=end, matter__isnull=False
    ).select_related("target", "matter")[:20]
    return [
        NewsDraft(
            key="outreach.visits",
            title="深入推进“三百工程提升行动”",
            text=text,
            figures=dict(totals),
            citations=[
                Citation(f"{v.visited_on:%m-%d} {v.target.name}：{v.matter.title}", v.get_absolute_url())
                for v in visits
            ],
            previous=dict(previous),
        )
    ]


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    """Quota compliance per unit for the quarters ending in the period (the user's units only)."""
    today = end + datetime.timedelta(days=1)
    own = (
        None
        if user.has_perm("org.view_all_units")
        else set(scope_to_user(Pairing.objects.all(), user).values_list("unit", flat=True))
    )
    panels = []
    for programme in Programme.objects.filter(year__gte=start.year, year__lte=end.year):
        quarter = quotas.quarter_of(end)
        rows = [
            row
            for row in competition.quarter_table(programme, end.year, quarter, today)
            if own is None or row.unit_id in own
        ]
        if not rows:
            continue
        panels.append(
            Panel(
                key=f"outreach.compliance.{programme.code}",
                title=f"{programme.name}第{quarter}季度走访任务完成情况",
                headers=["名次", "单位", "完成任务（人次）", "完成率%", "走访次数", "交办问题"],
                rows=[[r.rank, r.unit, f"{r.met}/{r.owed}", r.rate, r.visits, r.problems] for r in rows[:30]],
                chart="bar",
                series={"完成率%": [(r.unit, float(r.rate)) for r in rows[:15]]},
                note="完成率 = 季度内结束的考核周期中完成走访任务的人次 ÷ 应完成人次",
            )
        )
    return panels
