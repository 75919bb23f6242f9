"""What service activities tell the bulletin (中心动态): each activity of the period with its figures."""

from __future__ import annotations

import datetime

from xiaoneng.activities import figures
from xiaoneng.activities.models import Activity, ActivityKind
from xiaoneng.news import Citation, NewsDraft


def _signing_text(activity: Activity) -> tuple[str, dict]:
    values = {f.definition.code: f for f in figures.figures_of(activity)}

    def value(code: str):
        return values[code].value if code in values else 0

    text = (
        f"{activity.unit.short_name}组织{activity.title}，{int(value('enterprises'))}户企业与"
        f"{int(value('banks'))}个银行、{int(value('microloans'))}个小贷公司达成融资合作意向{value('total_amount')}亿元"
    )
    total = values.get("total_amount")
    if total is not None and total.comparison is not None:
        text += f"，是上年全年签约额的{total.comparison}%"
    shares = [
        f"{values[c].definition.name}{values[c].value}%"
        for c in (
            "first_small_share",
            "up_to_5m_share",
            "industrial_share",
            "zone_share",
            "above_scale_share",
            "above_scale_amount_share",
        )
        if c in values
    ]
    return text + ("；" + "，".join(shares) if shares else "") + "。", {c: v.value for c, v in values.items()}


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    drafts = []
    for activity in Activity.objects.filter(
        kind=ActivityKind.SIGNING, held_on__gte=start, held_on__lte=end
    ).select_related("unit"):
        text, values = _signing_text(activity)
        drafts.append(
            NewsDraft(
                key=f"activities.signing.{activity.public_id}",
                title="促成银企对接 助力实体经济",
                text=text,
                figures=values,
                citations=[Citation(activity.title, activity.get_absolute_url())],
            )
        )
    courses = figures.activities_in(ActivityKind.TRAINING, start, end).select_related("unit")
    if courses:
        count = len(courses)
        people = figures.headcount(ActivityKind.TRAINING, start, end)
        titles = "、".join(c.title for c in courses[:6])
        drafts.append(
            NewsDraft(
                key="activities.training",
                title="培训服务",
                text=f"举办{titles}等培训班{count}期，参训人员{figures.approx(people)}人次。",
                figures={"courses": count, "person_times": people},
                citations=[Citation(c.title, c.get_absolute_url()) for c in courses],
            )
        )
    return drafts
