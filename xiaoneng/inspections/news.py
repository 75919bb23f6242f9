"""What inspections tell the bulletin (中心动态): the campaigns carried out and what they found.

Counts campaigns under way in the period (started, not merely planned, and overlapping it) and
the findings recorded in it. Covert visits (暗访) are counted once they are closed, never
while still running. Each draft cites the campaigns and findings it counted.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from xiaoneng.inspections.models import Campaign, CampaignKind, CampaignState, Finding, FindingState
from xiaoneng.news import Citation, NewsDraft

SECRET_KINDS = (CampaignKind.COVERT, CampaignKind.MYSTERY_SHOPPING)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone))


def campaigns(start: datetime.date, end: datetime.date) -> QuerySet[Campaign]:
    running = (Campaign.objects.filter(starts_on__lte=end, ends_on__gte=start)
               .exclude(state=CampaignState.PLANNED))
    return running.filter(~Q(kind__in=SECRET_KINDS) | Q(state=CampaignState.CLOSED))


def findings(start: datetime.date, end: datetime.date) -> QuerySet[Finding]:
    since, until = _bounds(start, end)
    return Finding.objects.filter(campaign__in=campaigns(start, end), occurred_at__gte=since,
                                  occurred_at__lt=until)


def figures(start: datetime.date, end: datetime.date) -> dict[str, int]:
    found = findings(start, end)
    return {"campaigns": campaigns(start, end).count(), "findings": found.count(),
            "handed_over": found.filter(state__in=[FindingState.HANDED_OVER, FindingState.RESOLVED]).count(),
            "resolved": found.filter(state=FindingState.RESOLVED).count()}


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    now = figures(start, end)
    if not now["campaigns"]:
        return []
    listed = list(campaigns(start, end).order_by("starts_on", "pk"))
    names = "、".join(f"“{campaign.title}”" for campaign in listed[:3])
    period = f"{start.month}月{start.day}日至{end.month}月{end.day}日"
    text = (f"{period}，县效能中心组织开展{names}等专项督查{now['campaigns']}次，"
            f"发现问题{now['findings']}个，已交办责任单位{now['handed_over']}个，整改到位{now['resolved']}个。"
            f"对发现的问题，县效能中心跟踪督办，限期整改。")
    citations = [Citation(campaign.title, campaign.get_absolute_url()) for campaign in listed]
    citations += [Citation(str(finding), finding.get_absolute_url())
                  for finding in findings(start, end).order_by("occurred_at", "pk")]
    return [NewsDraft(key="inspections.campaigns", title="开展效能督查", text=text, figures=now,
                      citations=citations)]
