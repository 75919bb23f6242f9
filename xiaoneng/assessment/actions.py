"""Appeals (申诉) and publication of standings: the only ways they change.

A granted appeal never edits the ledger: it proposes, through the ledger's own actions, the
offsetting entry (same rule and subject, opposite points, source = the appeal) and approves it
in the same transaction, so the standings change only when an appeal is granted.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.assessment.models import Appeal, AppealState, AssessmentYear, appeal_deadline
from xiaoneng.audit.log import record as audit
from xiaoneng.org.access import can_see_unit
from xiaoneng.scoring.actions import ScoringError, do_approve_proposal, do_propose_entry
from xiaoneng.scoring.models import LedgerEntry
from xiaoneng.trace.chain import append_event

FILE = "assessment.file_appeal"
DECIDE = "assessment.decide_appeal"
PUBLISH = "assessment.publish_standings"
DEFAULT_APPEAL_WORKDAYS = 5


class AssessmentError(Exception):
    """An action was refused; the message is meant for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class AssessmentPermissionDenied(AssessmentError, PermissionDenied):
    pass


def appeal_window(entry: LedgerEntry) -> int:
    ay = AssessmentYear.objects.filter(year=entry.year).first()
    return ay.appeal_workdays if ay else DEFAULT_APPEAL_WORKDAYS


def can_appeal(entry: LedgerEntry, user) -> bool:
    """Whether `user` may appeal `entry` now (permission, own unit, deduction, window, not yet appealed)."""
    try:
        _check_appealable(entry, user)
    except AssessmentError:
        return False
    return True


def _check_appealable(entry: LedgerEntry, user) -> None:
    if user is None or not user.has_perm(FILE):
        raise AssessmentPermissionDenied(_("You are not permitted to appeal ledger entries."))
    unit = entry.unit if entry.unit_id else entry.person.unit
    if not can_see_unit(user, unit):
        raise AssessmentPermissionDenied(_("You may appeal only your own unit's entries."))
    if entry.points >= 0 or entry.reverses_id is not None:
        raise AssessmentError(_("Only deductions can be appealed."))
    if timezone.localdate() > appeal_deadline(entry, appeal_window(entry)):
        raise AssessmentError(_("The appeal window for this entry has closed."))
    if Appeal.objects.filter(entry=entry).exists() or LedgerEntry.objects.filter(reverses=entry).exists():
        raise AssessmentError(_("This entry has already been appealed."))


def do_file_appeal(entry: LedgerEntry, actor, *, grounds: str) -> Appeal:
    """A unit appeals one deduction of its own within the window."""
    grounds = (grounds or "").strip()
    _check_appealable(entry, actor)
    if not grounds:
        raise AssessmentError(_("Give the grounds of the appeal."))
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                entry=entry,
                unit_id=entry.unit_id,
                person_id=entry.person_id,
                grounds=grounds,
                filed_by=actor,
                filed_at=timezone.now(),
            )
            append_event(
                appeal,
                "assessment.appeal_filed",
                actor,
                data={"entry": entry.pk, "points": str(entry.points), "grounds": grounds},
            )
            append_event(entry.proposal, "assessment.appeal_filed", actor, data={"appeal": appeal.pk})
    except IntegrityError:
        raise AssessmentError(_("This entry has already been appealed.")) from None
    return appeal


def _lock_filed(appeal: Appeal, actor) -> Appeal:
    if actor is None or not actor.has_perm(DECIDE):
        raise AssessmentPermissionDenied(_("You are not permitted to decide appeals."))
    locked = Appeal.objects.select_for_update().select_related("entry__rule").get(pk=appeal.pk)
    if locked.state != AppealState.FILED:
        raise AssessmentError(_("This appeal has already been decided."))
    return locked


def _refresh(stale: Appeal, fresh: Appeal) -> Appeal:
    for f in fresh._meta.concrete_fields:
        setattr(stale, f.attname, getattr(fresh, f.attname))
    stale._state.fields_cache.clear()
    return stale


def do_grant_appeal(appeal: Appeal, actor, *, reason: str = "", request: HttpRequest | None = None) -> Appeal:
    """Grant: the ledger gets an approved entry offsetting the appealed one, citing the appeal."""
    with transaction.atomic():
        locked = _lock_filed(appeal, actor)
        try:
            proposal = do_propose_entry(
                reverses=locked.entry,
                rule_code=locked.entry.rule.code,
                source=locked,
                proposer=None,
                reason=_("Appeal #%(appeal)s granted: entry #%(entry)s reversed.")
                % {"appeal": locked.pk, "entry": locked.entry_id},
            )
            entry = do_approve_proposal(proposal, actor, request=request)
        except ScoringError as exc:
            raise AssessmentError(exc.message) from None
        locked.state, locked.decided_by, locked.decided_at = AppealState.GRANTED, actor, timezone.now()
        locked.decision_reason, locked.reversal = (reason or "").strip(), proposal
        locked.save()
        append_event(
            locked,
            "assessment.appeal_granted",
            actor,
            data={"reversing_entry": entry.pk, "points": str(entry.points), "reason": locked.decision_reason},
        )
        audit(
            "assessment.appeal",
            actor=actor,
            request=request,
            target=locked,
            detail={"decision": "granted", "entry": entry.pk},
        )
    return _refresh(appeal, locked)


def do_refuse_appeal(appeal: Appeal, actor, *, reason: str, request: HttpRequest | None = None) -> Appeal:
    """Refuse, with a reason; the entry stands."""
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Give the reason for refusing the appeal."))
    with transaction.atomic():
        locked = _lock_filed(appeal, actor)
        locked.state, locked.decided_by, locked.decided_at = AppealState.REFUSED, actor, timezone.now()
        locked.decision_reason = reason
        locked.save()
        append_event(locked, "assessment.appeal_refused", actor, data={"reason": reason})
        audit(
            "assessment.appeal",
            actor=actor,
            request=request,
            target=locked,
            detail={"decision": "refused", "reason": reason},
        )
    return _refresh(appeal, locked)


def do_set_published(
    ay: AssessmentYear, actor, *, published: bool, request: HttpRequest | None = None
) -> AssessmentYear:
    """Publish the year's standings on the portal, or withdraw them."""
    if actor is None or not actor.has_perm(PUBLISH):
        raise AssessmentPermissionDenied(_("You are not permitted to publish standings."))
    with transaction.atomic():
        ay.published_at = timezone.now() if published else None
        ay.save(update_fields=["published_at"])
        append_event(ay, "assessment.published" if published else "assessment.unpublished", actor)
        audit("assessment.publish", actor=actor, request=request, target=ay, detail={"published": published})
    return ay
