"""Scores of a round: weighted by rater group and dimension, combined with the ledger, ranked.

Pure arithmetic over three aggregate queries (marks, ballots per target, ledger totals), so the
same ballots and ledger always give the same result. Weights are relative: a group or dimension
without any answer for a target drops out and the others are renormalised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from xiaoneng.evaluations.models import Mark, Round, Target

CENT = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class TargetScore:
    target: Target
    ballots: int
    by_group: dict[int, Decimal]  # group id -> weighted over dimensions
    by_dimension: dict[int, Decimal]  # dimension id -> weighted over groups
    evaluation: Decimal | None
    ledger: Decimal
    composite: Decimal | None
    rank: int | None = None


def weighted(values: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal | None:
    """The weighted mean of the values present; None when there is none."""
    total = sum((weights[key] for key in values), Decimal(0))
    if not values or not total:
        return None
    return sum((value * weights[key] for key, value in values.items()), Decimal(0)) / total


def competition_ranks(scores: Sequence[Decimal]) -> list[int]:
    """Ranks of scores (highest first) where ties share a rank and the next rank skips: 1, 2, 2, 4."""
    order = sorted(scores, reverse=True)
    first = {}
    for position, score in enumerate(order, start=1):
        first.setdefault(score, position)
    return [first[score] for score in scores]


def ledger_scores(round: Round) -> tuple[dict[int, Decimal], Decimal]:
    """Each unit's ledger score for the round's year, and the score of a unit without entries.

    With an assessment year set up, its standings (base score, caps) are the ledger score;
    otherwise the round's own base plus the unit's ledger total for the year.
    """
    from xiaoneng.assessment.models import AssessmentYear
    from xiaoneng.assessment.standings import compute_standings
    from xiaoneng.scoring.models import LedgerEntry

    year = AssessmentYear.objects.filter(year=round.year).first()
    if year is not None:
        scores = {row.unit.pk: row.score for group in compute_standings(year) for row in group.rows}
        return scores, year.base_score
    totals = LedgerEntry.objects.totals_by_unit(round.year)
    return {row["unit"]: round.ledger_base + row["total"] for row in totals}, round.ledger_base


def compute(round: Round) -> list[TargetScore]:
    """Every target's scores and, among those with enough ballots, its rank within its level."""
    groups = {g.pk: g.weight for g in round.groups.all()}
    dimensions = {d.pk: d.weight for d in round.dimensions.all()}
    cells: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    marks = Mark.objects.filter(ballot__round=round)
    for row in marks.values("target", "ballot__group", "dimension").annotate(avg=Avg("value")):
        cells[row["target"]][row["ballot__group"]][row["dimension"]] = Decimal(str(row["avg"]))
    ballots = dict(marks.values_list("target").annotate(n=Count("ballot", distinct=True)))
    ledger, ledger_default = ledger_scores(round)
    results = []
    for target in round.targets.select_related("unit"):
        by_group_dim = cells.get(target.pk, {})
        by_group = {g: v for g, dims in by_group_dim.items() if (v := weighted(dims, dimensions)) is not None}
        by_dimension = {}
        for d in dimensions:
            per_group = {g: dims[d] for g, dims in by_group_dim.items() if d in dims}
            if (v := weighted(per_group, groups)) is not None:
                by_dimension[d] = q(v)
        evaluation = weighted(by_group, groups)
        ledger_score = ledger.get(target.unit_id, ledger_default)
        composite = None
        if evaluation is not None:
            composite = q((evaluation * round.evaluation_weight + ledger_score * round.ledger_weight) / 100)
        results.append(TargetScore(
            target=target, ballots=ballots.get(target.pk, 0), by_group={g: q(v) for g, v in by_group.items()},
            by_dimension=by_dimension, evaluation=None if evaluation is None else q(evaluation),
            ledger=q(ledger_score), composite=composite,
        ))
    _rank(results, round.min_ballots)
    return results


def _rank(results: list[TargetScore], min_ballots: int) -> None:
    by_level: dict[str, list[TargetScore]] = defaultdict(list)
    for result in results:
        if result.composite is not None and result.ballots >= min_ballots:
            by_level[result.target.level].append(result)
    for ranked in by_level.values():
        for result, rank in zip(ranked, competition_ranks([r.composite for r in ranked]), strict=True):
            result.rank = rank
