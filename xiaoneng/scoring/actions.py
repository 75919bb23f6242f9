"""The only ways a score proposal is made, approved or refused (and a ledger entry written).

Other mechanisms call these; each checks permission, writes in one transaction and leaves a
trace event on the proposal. See docs/scoring.md for the contract.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.scoring.models import (
    POINTS_DIGITS,
    POINTS_PLACES,
    LedgerEntry,
    ProposalState,
    ScoreProposal,
    ScoreRule,
    sign_error,
)
from xiaoneng.trace.chain import append_event

PROPOSE = "scoring.propose_entry"
DECIDE = "scoring.decide_proposal"


class ScoringError(Exception):
    """An action was refused; the message is meant for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class ScoringPermissionDenied(ScoringError, PermissionDenied):
    """The actor lacks the permission the action needs (a 403 when it reaches a view)."""


def _as_points(value) -> Decimal:
    try:
        points = Decimal(str(value))
    except InvalidOperation:
        raise ScoringError(_("Points must be a number.")) from None
    if not points.is_finite() or points.as_tuple().exponent < -POINTS_PLACES:
        raise ScoringError(_("Points may have at most two decimal places."))
    if abs(points) >= 10 ** (POINTS_DIGITS - POINTS_PLACES):
        raise ScoringError(_("Points are out of range."))
    return points


def _source_fields(source, source_url: str | None) -> dict:
    if source is None:
        return {"source_type": None, "source_id": None, "source_text": "", "source_url": source_url or ""}
    if not isinstance(source, models.Model) or source.pk is None:
        raise ScoringError(_("The source record must be saved before it can be cited."))
    if source_url is None:
        source_url = source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
    return {
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "source_text": str(source)[:255],
        "source_url": source_url[:500],
    }


def _standing_proposal(key: str | None) -> ScoreProposal | None:
    """The proposal not refused that already holds this dedupe key, if any."""
    return ScoreProposal.objects.filter(dedupe_key=key).first() if key else None


def do_propose_entry(*, unit=None, person=None, rule_code: str, points=None, source, reason: str,
                     proposer, year: int | None = None, source_url: str | None = None,
                     reverses: LedgerEntry | None = None) -> ScoreProposal:
    """Propose a deduction or bonus for one unit or one person.

    `proposer=None` is the system (a scanner). `source` is the record the entry rests on (a
    complaint, a matter, an award; None only for a manual proposal). Proposing the same rule
    for the same source and subject again while the first is not refused returns the first,
    unchanged: re-running a scanner is harmless.

    `reverses=<LedgerEntry>` proposes the offsetting entry of a granted appeal: same subject,
    rule and year, opposite points (the rule's sign check does not apply; the other arguments
    about subject, rule, points and year are ignored).
    """
    if reverses is not None:
        if reverses.reverses_id is not None or hasattr(reverses, "reversed_by"):
            raise ScoringError(_("This entry is itself a reversal or has already been reversed."))
        unit, person, rule_code = reverses.unit, reverses.person, reverses.rule.code
        points, year = -reverses.points, reverses.year
    if proposer is not None and not proposer.has_perm(PROPOSE):
        raise ScoringPermissionDenied(_("You are not permitted to propose score entries."))
    if (unit is None) == (person is None):
        raise ScoringError(_("A proposal concerns exactly one unit or one person."))
    reason = (reason or "").strip()
    if not reason:
        raise ScoringError(_("Give the reason for the proposal."))
    rule = ScoreRule.objects.filter(code=rule_code).first()
    if rule is None:
        raise ScoringError(_("There is no score rule with the code %(code)s.") % {"code": rule_code})
    if not rule.is_active and reverses is None:
        raise ScoringError(_("The score rule “%(rule)s” is no longer in force.") % {"rule": rule.name})
    points = rule.default_points if points is None else _as_points(points)
    if reverses is None and (error := sign_error(rule.kind, points)):
        raise ScoringError(str(error))
    fields = _source_fields(source, source_url)
    key = ScoreProposal.make_dedupe_key(rule, fields["source_type"], fields["source_id"], unit, person)
    with transaction.atomic():
        if existing := _standing_proposal(key):
            return existing
        try:
            with transaction.atomic():  # A savepoint: another scanner may insert the same key first.
                proposal = ScoreProposal.objects.create(
                    unit=unit, person=person, rule=rule, points=points, reason=reason,
                    year=timezone.localdate().year if year is None else int(year),
                    proposer=proposer, proposed_at=timezone.now(), dedupe_key=key, reverses=reverses,
                    **fields,
                )
        except IntegrityError:
            if existing := _standing_proposal(key):
                return existing
            raise
        append_event(proposal, "scoring.proposed", proposer, data={
            "rule": rule.code, "points": str(points), "year": proposal.year,
            "subject": str(proposal.subject), "source": proposal.source_text, "reason": reason,
        })
    return proposal


def _check_decider(proposal: ScoreProposal, actor) -> None:
    if actor is None or not actor.has_perm(DECIDE):
        raise ScoringPermissionDenied(_("You are not permitted to decide score proposals."))
    if proposal.proposer_id is not None and proposal.proposer_id == actor.pk:
        raise ScoringError(_("You proposed this entry; someone else must decide it."))


def _lock_open(proposal: ScoreProposal) -> ScoreProposal:
    locked = ScoreProposal.objects.select_for_update().select_related("rule").get(pk=proposal.pk)
    if locked.state != ProposalState.PROPOSED:
        raise ScoringError(
            _("This proposal has already been decided (%(state)s).") % {"state": locked.get_state_display()}
        )
    return locked


def do_approve_proposal(proposal: ScoreProposal, actor, *, request: HttpRequest | None = None) -> LedgerEntry:
    """Approve a proposal: it becomes a ledger entry for its unit or person.

    `request`, when given, only adds the client's address to the audit entry.
    """
    _check_decider(proposal, actor)
    with transaction.atomic():
        locked = _lock_open(proposal)
        if locked.reverses_id and LedgerEntry.objects.filter(reverses_id=locked.reverses_id).exists():
            raise ScoringError(_("The entry this proposal reverses has already been reversed."))
        now = timezone.now()
        locked.state, locked.decided_by, locked.decided_at = ProposalState.APPROVED, actor, now
        locked.save(update_fields=["state", "decided_by", "decided_at"])
        entry = LedgerEntry.objects.create(
            unit_id=locked.unit_id, person_id=locked.person_id, rule=locked.rule, points=locked.points,
            year=locked.year, source_type_id=locked.source_type_id, source_id=locked.source_id,
            source_text=locked.source_text, source_url=locked.source_url, reason=locked.reason,
            proposal=locked, approved_by=actor, approved_at=now, reverses_id=locked.reverses_id,
        )
        append_event(locked, "scoring.approved", actor, data={"entry": entry.pk, "points": str(entry.points)})
        record("scoring.decide", actor=actor, request=request, target=locked,
               detail={"decision": "approved", "entry": entry.pk, "points": str(entry.points)})
    _refresh(proposal, locked)
    return entry


def do_refuse_proposal(proposal: ScoreProposal, actor, reason: str, *,
                       request: HttpRequest | None = None) -> ScoreProposal:
    """Refuse a proposal, with a reason; the same entry may be proposed again later."""
    _check_decider(proposal, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ScoringError(_("Give the reason for refusing the proposal."))
    with transaction.atomic():
        locked = _lock_open(proposal)
        locked.state, locked.decided_by, locked.decided_at = ProposalState.REFUSED, actor, timezone.now()
        locked.refusal_reason, locked.dedupe_key = reason, None
        locked.save(update_fields=["state", "decided_by", "decided_at", "refusal_reason", "dedupe_key"])
        append_event(locked, "scoring.refused", actor, data={"reason": reason})
        record("scoring.decide", actor=actor, request=request, target=locked,
               detail={"decision": "refused", "reason": reason})
    _refresh(proposal, locked)
    return proposal


def _refresh(stale: ScoreProposal, fresh: ScoreProposal) -> None:
    """Bring the caller's instance up to date, so it does not go on showing the old state."""
    for field in ("state", "decided_by_id", "decided_at", "refusal_reason", "dedupe_key"):
        setattr(stale, field, getattr(fresh, field))
    stale._state.fields_cache.pop("decided_by", None)
