"""The Snail Award's figures, used by its screens, the bulletin drafts and the jinhu_2013 fixture."""

from __future__ import annotations

import datetime

from xiaoneng.snail.models import Batch, BatchState, Item


def items_in(batch: Batch) -> int:
    """“第一批“蜗牛奖”涉及11个事项”: the items of a batch."""
    return batch.items.count()


def units_named(batch: Batch) -> int:
    """“12个市直机关、基层站所榜上有名”: distinct units named, lead or co-responsible."""
    units = set()
    for item in batch.items.all():
        units.add(item.unit_id)
        units.update(u.pk for u in item.co_units.all())
    return len(units)


def published_between(start: datetime.date, end: datetime.date) -> list[Batch]:
    return list(Batch.objects.filter(state=BatchState.PUBLISHED, published_at__date__gte=start,
                                     published_at__date__lte=end).prefetch_related("items__co_units"))


def rectification_counts(year: int) -> dict[str, int]:
    """Awarded items of a year by state (rectifying, rectified, failed)."""
    counts: dict[str, int] = {}
    for state in Item.objects.awarded().filter(year=year).values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts
