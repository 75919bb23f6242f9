"""中心动态 drafts: notices published in the period."""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.news import Citation, NewsDraft
from xiaoneng.notices.models import Notice, NoticeKind, NoticeState


def published_between(start: datetime.date, end: datetime.date):
    tz = timezone.get_default_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return Notice.objects.filter(state=NoticeState.PUBLISHED, published_at__gte=low, published_at__lt=high)


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    notices = list(published_between(start, end).order_by("published_at", "pk"))
    if not notices:
        return []
    criticism = sum(1 for n in notices if n.kind == NoticeKind.CRITICISM)
    commendation = len(notices) - criticism
    titles = "；".join(f"《{n.title}》" for n in notices[:5])
    text = f"发布效能通报{len(notices)}期，其中通报批评{criticism}期、通报表扬{commendation}期：{titles}。"
    return [
        NewsDraft(
            key="notices.published",
            title="发布效能通报",
            text=text,
            figures={"notices": len(notices), "criticism": criticism, "commendation": commendation},
            citations=[Citation(f"{n.doc_no} {n.title}", n.get_absolute_url()) for n in notices],
        )
    ]
