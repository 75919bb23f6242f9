"""What evaluations tell the bulletin (中心动态): each round whose results were published.

The text is the newsletter's Chinese prose (an editor's draft), filled from figures.py.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.evaluations import figures
from xiaoneng.evaluations.models import Level
from xiaoneng.news import Citation, NewsDraft


def _names(names: list[str]) -> str:
    return "、".join(names) or "无"


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    drafts = []
    for round in figures.published_between(start, end):
        counts = figures.targets_by_level(round)
        ballots = figures.ballots_cast(round)
        dimensions = "、".join(round.dimensions.values_list("name", flat=True))
        day = timezone.localdate(round.published_at)
        text = (f"{day.month}月{day.day}日，中心公布{round.title}结果。"
                f"本次评议对{counts[Level.DEPARTMENT]}个部门及{counts[Level.SECTION]}个科室的{dimensions}等进行评议，共收回评议票{ballots}张。"
                f"综合得分排名最优的部门为{_names(figures.best(round, Level.DEPARTMENT))}，"
                f"排名末位的部门为{_names(figures.worst(round, Level.DEPARTMENT))}，"
                f"排名末位的科室为{_names(figures.worst(round, Level.SECTION))}。")
        drafts.append(NewsDraft(
            key="evaluations.published", title=f"公布{round.title}结果", text=text,
            figures={"departments": counts[Level.DEPARTMENT], "sections": counts[Level.SECTION],
                     "ballots": ballots},
            citations=[Citation(round.title, round.get_absolute_url())],
        ))
    return drafts
