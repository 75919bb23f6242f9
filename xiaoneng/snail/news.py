"""What the Snail Award tells the bulletin (中心动态): each batch published in the period.

The text is the newsletter's Chinese prose (an editor's draft), filled from figures.py.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.news import Citation, NewsDraft
from xiaoneng.snail import figures


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    drafts = []
    for batch in figures.published_between(start, end):
        items, units = figures.items_in(batch), figures.units_named(batch)
        day = timezone.localdate(batch.published_at)
        problems = "，".join(item.title for item in batch.items.all()[:4])
        text = (f"{day.month}月{day.day}日，中心向社会公布了{batch}认定结果，{units}个单位榜上有名，"
                f"涉及{items}个事项，问题包括{problems}等。对上榜单位予以绩效扣分，并扣除相关人员的年度绩效考核奖励；"
                f"涉及的问题逐项跟踪督办，对整改不力或没有明显成效的，将提请有关部门予以问责。")
        drafts.append(NewsDraft(
            key="snail.published", title=f"公布{batch}", text=text, figures={"items": items, "units": units},
            citations=[Citation(item.title, item.get_absolute_url()) for item in batch.items.all()],
        ))
    return drafts
