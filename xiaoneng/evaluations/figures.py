"""Evaluation figures, used by the screens, the bulletin drafts and the jinhu_2013 fixture."""

from __future__ import annotations

import datetime

from xiaoneng.evaluations.models import Consequence, ConsequenceState, Level, Round, RoundState


def targets_by_level(round: Round) -> dict[str, int]:
    """“52个部门及122个科室”: how many departments and sections the round evaluates."""
    counts = dict.fromkeys(Level.values, 0)
    for level in round.targets.values_list("level", flat=True):
        counts[level] += 1
    return counts


def ballots_cast(round: Round) -> int:
    return round.ballots.count()


def worst(round: Round, level: str) -> list[str]:
    """The units ranked last of a level (several when tied), by name."""
    return list(round.targets.filter(level=level, is_worst=True).values_list("unit__name", flat=True))


def best(round: Round, level: str) -> list[str]:
    return list(round.targets.filter(level=level, is_best=True).values_list("unit__name", flat=True))


def confirmed_consequences(round: Round, kind: str) -> list[Consequence]:
    """Consequences of a kind that the confirming authority gave effect (e.g. heads removed)."""
    return list(Consequence.objects.filter(round=round, kind=kind, state=ConsequenceState.CONFIRMED)
                .select_related("person", "target__unit"))


def published_between(start: datetime.date, end: datetime.date) -> list[Round]:
    return list(Round.objects.filter(state=RoundState.PUBLISHED, published_at__date__gte=start,
                                     published_at__date__lte=end).order_by("published_at"))
