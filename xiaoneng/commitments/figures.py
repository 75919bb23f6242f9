"""The figures of a commitment campaign, as the newsletter and the screens state them:
"53个…主要负责人或领导班子集体…通过电视作出…承诺", how many items are fulfilled or broken.
Aggregate queries only; the screens, `news.py` and the `jinhu_2013` fixture call these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from xiaoneng.commitments.models import (
    Breach,
    Campaign,
    Channel,
    CommitmentItem,
    CommitterKind,
    ItemStatus,
    UnitCommitment,
)


@dataclass(frozen=True)
class CampaignFigures:
    units: int  # units that committed
    leaders_on_tv: int  # units whose head or leadership collective committed on television
    days: tuple[datetime.date, ...]  # the days commitments were made
    items: int
    fulfilled: int
    in_progress: int
    breached: int
    by_channel: dict[str, int]


def campaign_figures(campaign: Campaign) -> CampaignFigures:
    commitments = UnitCommitment.objects.filter(campaign=campaign)
    leaders = commitments.filter(committer_kind__in=[CommitterKind.HEAD, CommitterKind.COLLECTIVE])
    # Channels are a JSON list; counting per channel in Python keeps SQLite and PostgreSQL alike.
    by_channel = dict.fromkeys(Channel.values, 0)
    units = 0
    for channels in commitments.values_list("channels", flat=True):
        units += 1
        for channel in channels:
            if channel in by_channel:
                by_channel[channel] += 1
    on_tv = sum(1 for channels in leaders.values_list("channels", flat=True) if Channel.TV in channels)
    items = CommitmentItem.objects.filter(commitment__campaign=campaign).aggregate(
        total=Count("pk"),
        fulfilled=Count("pk", filter=Q(status=ItemStatus.FULFILLED)),
        in_progress=Count("pk", filter=Q(status=ItemStatus.IN_PROGRESS)),
        breached=Count("pk", filter=Q(status=ItemStatus.BREACHED)),
    )
    days = tuple(commitments.order_by("committed_on").values_list("committed_on", flat=True).distinct())
    return CampaignFigures(
        units=units,
        leaders_on_tv=on_tv,
        days=days,
        items=items["total"],
        fulfilled=items["fulfilled"],
        in_progress=items["in_progress"],
        breached=items["breached"],
        by_channel=by_channel,
    )


def breaches_between(start: datetime.date, end: datetime.date) -> QuerySet[Breach]:
    return Breach.objects.filter(found_on__range=(start, end)).select_related("item__commitment__unit")


def days_phrase(days: tuple[datetime.date, ...]) -> str:
    """ "3月21、22日": the newsletter's way of listing days, the month said once per month."""
    by_month: dict[tuple[int, int], list[str]] = {}
    for day in days:
        by_month.setdefault((day.year, day.month), []).append(str(day.day))
    return _("、").join(
        _("%(month)s/%(days)s") % {"month": month, "days": _("、").join(numbers)}
        for (_year, month), numbers in by_month.items()
    )
