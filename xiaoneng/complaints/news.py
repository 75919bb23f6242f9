"""What complaints tell the bulletin (中心动态) about a period: received, verified true, published.

Counts complaints (matter kind "complaint", not enquiries) received in the period, leaving out
those marked as duplicates, as the complaints dashboard does; "verified true" is 查实 or 部分查实
among them, "published" those made public (公开曝光). The same period a year earlier is given
for the 同比 comparison. Each draft cites every complaint it counted.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from xiaoneng.complaints.models import Complaint
from xiaoneng.matters.models import Verdict
from xiaoneng.news import Citation, NewsDraft

TRUE_VERDICTS = (Verdict.SUBSTANTIATED, Verdict.PARTLY)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone))


def received(start: datetime.date, end: datetime.date) -> QuerySet[Complaint]:
    since, until = _bounds(start, end)
    return Complaint.objects.filter(matter__kind__code="complaint", matter__received_at__gte=since,
                                    matter__received_at__lt=until, duplicate_of__isnull=True)


def figures(start: datetime.date, end: datetime.date) -> dict[str, int]:
    complaints = received(start, end)
    return {"received": complaints.count(),
            "verified_true": complaints.filter(matter__verdict__in=TRUE_VERDICTS).count(),
            "published": complaints.filter(is_public=True).count()}


def year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def change_phrase(now: int, before: int, unit: str = "件") -> str:
    """"，同比增加3件" / "，同比减少2件" / "，与去年同期持平"; nothing when last year had none
    (no records then, e.g. before the system was in use: a comparison would mislead)."""
    if not before:
        return ""
    if now > before:
        return f"，同比增加{now - before}{unit}"
    if now < before:
        return f"，同比减少{before - now}{unit}"
    return "，与去年同期持平"


def period_phrase(start: datetime.date, end: datetime.date) -> str:
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日" if start.year == end.year else \
        f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    now = figures(start, end)
    if not now["received"]:
        return []
    before = figures(year_before(start), year_before(end))
    text = (f"{period_phrase(start, end)}，县效能中心共受理效能投诉{now['received']}件"
            f"{change_phrase(now['received'], before['received'])}。经调查核实，查实（含部分查实）"
            f"{now['verified_true']}件，公开曝光{now['published']}件。对查实的投诉，县效能中心一律督促"
            f"责任单位整改到位，并按规定在年度考核中扣分。")
    counted = received(start, end).select_related("matter").order_by("matter__received_at", "pk")
    citations = [Citation(f"{c.tracking_code} {c.matter.title}", c.get_absolute_url()) for c in counted]
    return [NewsDraft(key="complaints.received", title="受理效能投诉情况", text=text, figures=now,
                      citations=citations, previous=before)]
