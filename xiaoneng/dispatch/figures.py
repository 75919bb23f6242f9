"""重复件率: how many of the complaints received in a period staff marked as repeats."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from xiaoneng.complaints.models import Complaint


@dataclass(frozen=True)
class RepeatRate:
    start: datetime.date
    end: datetime.date  # included
    received: int
    repeats: int

    @property
    def percent(self) -> Decimal | None:
        if not self.received:
            return None
        return (Decimal(self.repeats * 100) / self.received).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def repeat_rate(start: datetime.date, end: datetime.date) -> RepeatRate:
    """Complaints received from `start` to `end` (inclusive), and how many of them were marked
    as duplicates (`Complaint.duplicate_of`, set by complaints' do_mark_duplicate)."""
    received = Complaint.objects.filter(matter__received_at__gte=_moment(start),
                                        matter__received_at__lt=_moment(end + datetime.timedelta(days=1)))
    return RepeatRate(start, end, received.count(), received.filter(duplicate_of__isnull=False).count())


def months(start: datetime.date, end: datetime.date) -> list[RepeatRate]:
    """repeat_rate per calendar month overlapping the period (cut to the period)."""
    rates, first = [], start
    while first <= end:
        following = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        rates.append(repeat_rate(first, min(end, following - datetime.timedelta(days=1))))
        first = following
    return rates
