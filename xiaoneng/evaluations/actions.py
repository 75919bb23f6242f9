"""The only ways an evaluation round, its ballots and its consequences change.

Every action checks permission and state and writes its change with a trace event in one
transaction. Casting a ballot is the exception to the trace: an event would carry a time, and a
time is what could tie a ballot to the moment a link was used (docs/evaluations.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.evaluations import results
from xiaoneng.evaluations.models import (
    ACCOUNTABILITY_FORM,
    DEFAULT_DIMENSIONS,
    Ballot,
    BallotLink,
    Consequence,
    ConsequenceKind,
    ConsequenceState,
    Dimension,
    Grade,
    Level,
    Mark,
    RaterGroup,
    Round,
    RoundState,
    Target,
    hash_secret,
    new_secret,
)
from xiaoneng.org.models import Person, Position, Unit
from xiaoneng.trace.chain import append_event

MANAGE = "evaluations.manage_round"
CONFIRM = "evaluations.confirm_consequence"
MAX_LINKS = 5000


class EvaluationError(Exception):
    """An action was refused; the message is for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotPermitted(EvaluationError, PermissionDenied):
    pass


class LinkNotUsable(EvaluationError):
    """The ballot link is unknown, already used, or its round is not open."""


def propose_accountability(**kwargs):
    """The accountability mechanism's entry point (imported late: it lives in another app)."""
    from xiaoneng.accountability.actions import do_propose_accountability

    return do_propose_accountability(**kwargs)


def _hands_on_person(kind: str) -> bool:
    """Loss of award eligibility falls on the unit; the other consequences on its head."""
    return kind != ConsequenceKind.LOSS_OF_AWARD_ELIGIBILITY


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(_("You are not permitted to do this."))


def _locked(round: Round, *states: str) -> Round:
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if states and locked.state not in states:
        raise EvaluationError(_("The round is %(state)s; this cannot be done now.")
                              % {"state": locked.get_state_display()})
    return locked


def do_create_round(*, actor, title: str, year: int, min_ballots: int = 5, ledger_weight=Decimal("30"),
                    ledger_base=Decimal("100"), clause: str = "") -> Round:
    """A new round in draft, with the three usual dimensions (work style, efficiency, service quality)."""
    _require(actor, MANAGE)
    title = (title or "").strip()
    if not title:
        raise EvaluationError(_("Give the round a title."))
    with transaction.atomic():
        round = Round.objects.create(title=title, year=year, min_ballots=min_ballots,
                                     ledger_weight=ledger_weight, ledger_base=ledger_base, clause=clause,
                                     created_by=actor,
                                     created_at=timezone.now())
        Dimension.objects.bulk_create([Dimension(round=round, name=name, weight=weight)
                                       for _code, name, weight in DEFAULT_DIMENSIONS])
        append_event(round, "evaluations.created", actor, data={
            "title": title, "year": year, "min_ballots": min_ballots, "ledger_weight": str(ledger_weight)})
        record("evaluations.round_created", actor=actor, target=round, detail={"title": title})
    return round


def _add(round: Round, actor, event: str, model, unique: dict, data: dict):
    _require(actor, MANAGE)
    if "name" in unique and not unique["name"]:
        raise EvaluationError(_("Give a name."))
    if "weight" in data and not Decimal(data["weight"]) > 0:
        raise EvaluationError(_("A weight must be greater than zero."))
    with transaction.atomic():
        _locked(round, RoundState.DRAFT)
        if model.objects.filter(round=round, **unique).exists():
            raise EvaluationError(_("The round already has this entry."))
        obj = model.objects.create(round=round, **unique, **data)
        append_event(round, event, actor, data={k: str(v) for k, v in {**unique, **data}.items()})
    return obj


def do_add_group(round: Round, *, actor, kind: str, name: str, weight: Decimal) -> RaterGroup:
    """参评群体 with its weight (draft rounds only)."""
    return _add(round, actor, "evaluations.group_added", RaterGroup, {"name": (name or "").strip()},
                {"kind": kind, "weight": weight})


def do_add_dimension(round: Round, *, actor, name: str, weight: Decimal) -> Dimension:
    return _add(round, actor, "evaluations.dimension_added", Dimension, {"name": (name or "").strip()},
                {"weight": weight})


def do_add_target(round: Round, *, actor, unit: Unit, level: str | None = None) -> Target:
    """A department or section to evaluate; its level follows the unit's kind unless given."""
    level = level or (Level.DEPARTMENT if unit.kind == "department" else Level.SECTION)
    return _add(round, actor, "evaluations.target_added", Target, {"unit": unit}, {"level": level})


def do_open_round(round: Round, *, actor) -> Round:
    _require(actor, MANAGE)
    with transaction.atomic():
        round = _locked(round, RoundState.DRAFT)
        if not (round.targets.exists() and round.groups.exists() and round.dimensions.exists()):
            raise EvaluationError(_("A round needs targets, rater groups and dimensions before it opens."))
        round.state = RoundState.OPEN
        round.save(update_fields=["state"])
        append_event(round, "evaluations.opened", actor, data={"targets": round.targets.count()})
    return round


def do_issue_links(round: Round, *, actor, group: RaterGroup, count: int, request=None) -> list[str]:
    """Make `count` one-time ballot links for a rater group; the secrets are returned once, never stored."""
    _require(actor, MANAGE)
    if group.round_id != round.pk:
        raise EvaluationError(_("That rater group belongs to another round."))
    if not 1 <= count <= MAX_LINKS:
        raise EvaluationError(_("Issue between 1 and %(max)s links at a time.") % {"max": MAX_LINKS})
    secrets_ = [new_secret() for _i in range(count)]
    with transaction.atomic():
        _locked(round, RoundState.DRAFT, RoundState.OPEN)
        BallotLink.objects.bulk_create([BallotLink(round=round, group=group, secret_hash=hash_secret(s))
                                        for s in secrets_])
        append_event(round, "evaluations.links_issued", actor, data={"group": group.name, "count": count})
        record("evaluations.links_issued", actor=actor, request=request, target=round,
               detail={"group": group.name, "count": count})
    return secrets_


def usable_link(secret: str) -> BallotLink:
    link = (BallotLink.objects.select_related("round", "group")
            .filter(secret_hash=hash_secret(secret or "")).first())
    if link is None or link.used or link.round.state != RoundState.OPEN:
        raise LinkNotUsable(
            _("This ballot link is not valid, has already been used, or the evaluation is not open."))
    return link


def do_cast_ballot(secret: str, answers: dict[tuple[int, int], int]) -> Ballot:
    """Cast the ballot of a one-time link. `answers`: (target id, dimension id) -> grade.

    The link is marked used and the ballot written in one transaction; the ballot keeps no
    reference to the link and no time, so the two cannot be joined afterwards.
    """
    link = usable_link(secret)
    targets = set(link.round.targets.values_list("pk", flat=True))
    dimensions = set(link.round.dimensions.values_list("pk", flat=True))
    grades = set(Grade.values)
    if not answers:
        raise EvaluationError(_("Rate at least one unit before submitting."))
    if any(t not in targets or d not in dimensions or v not in grades for (t, d), v in answers.items()):
        raise EvaluationError(_("The ballot contains an answer that is not on the form."))
    with transaction.atomic():
        # Conditional update: of two simultaneous submissions only one finds the link unused.
        if not BallotLink.objects.filter(pk=link.pk, used=False).update(used=True):
            raise LinkNotUsable(_("This ballot link has already been used."))
        ballot = Ballot.objects.create(round_id=link.round_id, group_id=link.group_id)
        Mark.objects.bulk_create([Mark(ballot=ballot, target_id=t, dimension_id=d, value=v)
                                  for (t, d), v in sorted(answers.items())])
    return ballot


def head_of(unit: Unit) -> Person | None:
    """The unit's principal head (a department) or chief (a section), if the roster has one."""
    people = Person.objects.filter(unit=unit, is_active=True).order_by("pk")
    return (people.filter(position=Position.PRINCIPAL).first()
            or people.filter(position=Position.CHIEF).first())


def do_close_round(round: Round, *, actor) -> Round:
    """Stop the ballots, write every target's result and draft the consequences for the worst."""
    _require(actor, MANAGE)
    with transaction.atomic():
        round = _locked(round, RoundState.OPEN)
        scores = results.compute(round)
        for score in scores:
            target = score.target
            target.ballots, target.evaluation_score = score.ballots, score.evaluation
            target.ledger_score, target.composite, target.rank = score.ledger, score.composite, score.rank
            target.is_best = target.is_worst = False
        _mark_best_and_worst([s.target for s in scores])
        Target.objects.bulk_update([s.target for s in scores], [
            "ballots", "evaluation_score", "ledger_score", "composite", "rank", "is_best", "is_worst"])
        drafted = _draft_consequences(round, [s.target for s in scores if s.target.is_worst])
        round.state = RoundState.CLOSED
        round.save(update_fields=["state"])
        append_event(round, "evaluations.closed", actor, data={
            "ballots": round.ballots.count(), "ranked": sum(1 for s in scores if s.rank),
            "consequences": drafted})
    return round


def _mark_best_and_worst(targets: list[Target]) -> None:
    """Best and worst per level among ranked targets; a level needs two ranked targets to have either."""
    for level in Level.values:
        ranked = [t for t in targets if t.level == level and t.rank is not None]
        if len(ranked) < 2:
            continue
        first, last = min(t.rank for t in ranked), max(t.rank for t in ranked)
        if first == last:  # everyone tied: nobody is worst
            continue
        for target in ranked:
            target.is_best, target.is_worst = target.rank == first, target.rank == last


def _draft_consequences(round: Round, worst: Iterable[Target]) -> int:
    rows = []
    for target in worst:
        head = head_of(target.unit)
        kinds = ([ConsequenceKind.LOSS_OF_AWARD_ELIGIBILITY, ConsequenceKind.HEAD_ACCOUNTABILITY]
                 if target.level == Level.DEPARTMENT else [ConsequenceKind.HEAD_REMOVAL])
        rows += [Consequence(round=round, target=target, kind=kind, person=head) for kind in kinds]
    Consequence.objects.bulk_create(rows)
    return len(rows)


def do_publish_round(round: Round, *, actor, request=None) -> Round:
    """公布: the results appear on the public portal and in its feeds."""
    _require(actor, MANAGE)
    with transaction.atomic():
        round = _locked(round, RoundState.CLOSED)
        round.state, round.published_at = RoundState.PUBLISHED, timezone.now()
        round.save(update_fields=["state", "published_at"])
        append_event(round, "evaluations.published", actor)
        record("evaluations.round_published", actor=actor, request=request, target=round)
    return round


def _locked_consequence(consequence: Consequence, actor) -> Consequence:
    _require(actor, CONFIRM)
    locked = (Consequence.objects.select_for_update(of=("self",))
              .select_related("round", "target__unit", "person").get(pk=consequence.pk))
    if locked.state != ConsequenceState.DRAFTED:
        raise EvaluationError(_("This consequence has already been decided."))
    return locked


def do_confirm_consequence(consequence: Consequence, *, actor, note: str = "", request=None) -> Consequence:
    """确认: the consequence takes effect and is proposed to the accountability mechanism."""
    with transaction.atomic():
        consequence = _locked_consequence(consequence, actor)
        if consequence.person is None and _hands_on_person(consequence.kind):
            raise EvaluationError(_("The unit's roster has no head to hold accountable; add one first."))
        consequence.state, consequence.decided_by = ConsequenceState.CONFIRMED, actor
        consequence.decided_at, consequence.note = timezone.now(), note.strip()
        consequence.save()
        target = consequence.target
        reason = _("%(round)s: %(unit)s ranked last among the %(level)s (composite %(score)s).") % {
            "round": consequence.round.title, "unit": target.unit.name,
            "level": target.get_level_display(), "score": target.composite}
        # The confirmation is the decision; the record it opens is the system's (proposer=None), so
        # the confirming authority needs no role in the accountability mechanism. The record cites
        # this consequence, whose trace names who confirmed it.
        person = consequence.person if _hands_on_person(consequence.kind) else None
        propose_accountability(person=person, unit=target.unit, form=ACCOUNTABILITY_FORM[consequence.kind],
                               reason=reason, clause=consequence.round.clause, source=consequence,
                               proposer=None)
        append_event(consequence, "evaluations.consequence_confirmed", actor, data={
            "kind": consequence.kind, "unit": target.unit.code, "person": person.name if person else "",
            "note": note})
        record("evaluations.consequence_confirmed", actor=actor, request=request, target=consequence)
    return consequence


def do_withdraw_consequence(consequence: Consequence, *, actor, note: str, request=None) -> Consequence:
    """The confirming authority decides the draft does not apply; it never takes effect."""
    if not (note or "").strip():
        raise EvaluationError(_("Say why the consequence is withdrawn."))
    with transaction.atomic():
        consequence = _locked_consequence(consequence, actor)
        consequence.state, consequence.decided_by = ConsequenceState.WITHDRAWN, actor
        consequence.decided_at, consequence.note = timezone.now(), note.strip()
        consequence.save()
        append_event(consequence, "evaluations.consequence_withdrawn", actor, data={"note": note.strip()})
        record("evaluations.consequence_withdrawn", actor=actor, request=request, target=consequence)
    return consequence
