"""What enterprise support tells the bulletin (中心动态): problems solved by type, meetings held."""

from __future__ import annotations

import datetime

from xiaoneng.enterprises import figures
from xiaoneng.enterprises.models import EnterpriseProblem, Meeting
from xiaoneng.news import Citation, NewsDraft


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    table = figures.solved_table(start, end)
    if not table:
        return []
    parts = [f"{enterprises}家企业{name}问题" for name, _problems, enterprises in table]
    meetings = Meeting.objects.filter(held_on__gte=start, held_on__lte=end).count()
    text = "开展“百企帮扶”行动，实行一企一策、结对帮扶，先后解决了" + "，".join(parts) + "。"
    if meetings:
        text += f"全天候跟踪重点企业、重点项目，召开企业问题集中会办会{meetings}次。"
    solved = EnterpriseProblem.objects.filter(solved_on__gte=start, solved_on__lte=end).select_related(
        "target"
    )[:20]
    return [
        NewsDraft(
            key="enterprises.solved",
            title="“百企帮扶”助力企业发展",
            text=text,
            figures={name: enterprises for name, _p, enterprises in table} | {"meetings": meetings},
            citations=[Citation(str(p), p.get_absolute_url()) for p in solved],
        )
    ]
