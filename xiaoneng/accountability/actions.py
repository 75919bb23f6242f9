"""The only ways an accountability record is proposed, decided, referred, concluded or dismissed.

Each action checks permission, writes in one transaction and appends a trace event to the
record's chain; decisions and referrals are also written to the audit log.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.accountability.models import (
    DECIDING_AUTHORITY,
    UNIT_LEVEL_FORMS,
    AccountabilityForm,
    AccountabilityRecord,
    Authority,
    RecordState,
    RegulationItem,
)
from xiaoneng.audit.log import record as audit
from xiaoneng.org.models import Person, Unit
from xiaoneng.trace.chain import append_event

PROPOSE = "accountability.propose_accountability"
DECIDE = "accountability.decide_accountability"


class AccountabilityError(Exception):
    """An action was refused; the message is meant for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class AccountabilityPermissionDenied(AccountabilityError, PermissionDenied):
    """The actor lacks the permission the action needs (403 in a view)."""


def _source_fields(source: models.Model | None) -> dict:
    if source is None:
        return {"source_type": None, "source_id": None, "source_text": "", "source_url": ""}
    if not isinstance(source, models.Model) or source.pk is None:
        raise AccountabilityError(_("The source record must be saved before it can be cited."))
    url = source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
    return {
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "source_text": str(source)[:255],
        "source_url": url[:500],
    }


def do_propose_accountability(
    *,
    person: Person | None,
    unit: Unit | None,
    form: str,
    reason: str,
    clause: str = "",
    source: models.Model | None = None,
    proposer,
    regulation_item: RegulationItem | None = None,
) -> AccountabilityRecord:
    """Propose holding a person (or, for a unit-level form, a unit) accountable.

    `proposer=None` is the system (e.g. a failed rectification). `unit` defaults to the person's
    unit; `person` may be None only for the unit-level forms (loss of award eligibility,
    critical notice of a unit). The deciding authority follows from the form.
    """
    if proposer is not None and not proposer.has_perm(PROPOSE):
        raise AccountabilityPermissionDenied(_("You are not permitted to propose accountability."))
    if form not in AccountabilityForm.values:
        raise AccountabilityError(_("Unknown form of accountability: %(form)s.") % {"form": form})
    if person is None and form not in UNIT_LEVEL_FORMS:
        raise AccountabilityError(_("Name the person held accountable."))
    unit = unit if unit is not None else (person.unit if person is not None else None)
    if unit is None:
        raise AccountabilityError(_("Name the unit concerned."))
    reason = (reason or "").strip()
    if not reason:
        raise AccountabilityError(_("Give the reason for holding accountable."))
    clause = (clause or "").strip() or (regulation_item.clause if regulation_item else "")
    with transaction.atomic():
        rec = AccountabilityRecord.objects.create(
            person=person,
            unit=unit,
            form=form,
            reason=reason,
            clause=clause[:255],
            regulation_item=regulation_item,
            proposer=proposer,
            proposed_at=timezone.now(),
            authority=DECIDING_AUTHORITY[AccountabilityForm(form)],
            **_source_fields(source),
        )
        append_event(
            rec,
            "accountability.proposed",
            proposer,
            data={
                "person": person.name if person else "",
                "unit": unit.code,
                "form": form,
                "reason": reason,
                "clause": rec.clause,
                "source": rec.source_text,
            },
        )
    return rec


def _locked(rec: AccountabilityRecord, actor, *states: str) -> AccountabilityRecord:
    if actor is None or not actor.has_perm(DECIDE):
        raise AccountabilityPermissionDenied(_("You are not permitted to decide accountability."))
    locked = AccountabilityRecord.objects.select_for_update().get(pk=rec.pk)
    if locked.state not in states:
        raise AccountabilityError(
            _("This record is already %(state)s.") % {"state": locked.get_state_display()}
        )
    return locked


def _refresh(stale: AccountabilityRecord, fresh: AccountabilityRecord) -> AccountabilityRecord:
    for field in fresh._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale._state.fields_cache.clear()
    return stale


def _propose_person_deduction(rec: AccountabilityRecord) -> None:
    """The regulation item's points go to the person's own ledger, as a proposal (rule
    `accountability`), when someone is in fact held accountable."""
    item = rec.regulation_item
    if rec.person_id is None or item is None or not item.points:
        return
    from xiaoneng.scoring.actions import do_propose_entry

    do_propose_entry(
        person=rec.person,
        rule_code="accountability",
        points=item.points,
        source=rec,
        proposer=None,
        reason=f"{rec.get_form_display()}：{rec.reason}"[:500],
        year=(rec.outside_decided_on or rec.decided_on).year,
    )


def do_decide_accountability(
    rec: AccountabilityRecord,
    actor,
    *,
    decided_on: datetime.date | None = None,
    doc_no: str = "",
    request: HttpRequest | None = None,
) -> AccountabilityRecord:
    """The center imposes a form it may impose itself (提醒谈话, 通报批评, 责令检查, …)."""
    with transaction.atomic():
        locked = _locked(rec, actor, RecordState.PROPOSED)
        if locked.authority != Authority.CENTER:
            raise AccountabilityError(_("The center cannot impose this form itself; refer it."))
        locked.state, locked.decided_by = RecordState.DECIDED, actor
        locked.decided_on, locked.doc_no = decided_on or timezone.localdate(), (doc_no or "").strip()
        locked.save()
        _propose_person_deduction(locked)
        append_event(
            locked,
            "accountability.decided",
            actor,
            data={"date": locked.decided_on.isoformat(), "doc_no": locked.doc_no},
        )
        audit(
            "accountability.decide",
            actor=actor,
            request=request,
            target=locked,
            detail={"decision": "decided", "form": locked.form},
        )
    return _refresh(rec, locked)


def do_refer_accountability(
    rec: AccountabilityRecord,
    actor,
    *,
    note: str,
    doc_no: str = "",
    referred_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> AccountabilityRecord:
    """移送/提请: send the record to the organ that decides its form."""
    note = (note or "").strip()
    if not note:
        raise AccountabilityError(_("Describe the referral."))
    with transaction.atomic():
        locked = _locked(rec, actor, RecordState.PROPOSED)
        if locked.authority == Authority.CENTER:
            raise AccountabilityError(_("The center decides this form itself."))
        locked.state, locked.decided_by, locked.referral_note = RecordState.REFERRED, actor, note
        locked.decided_on, locked.doc_no = referred_on or timezone.localdate(), (doc_no or "").strip()
        locked.save()
        append_event(
            locked,
            "accountability.referred",
            actor,
            data={"to": locked.authority, "note": note, "doc_no": locked.doc_no},
        )
        audit(
            "accountability.refer",
            actor=actor,
            request=request,
            target=locked,
            detail={"to": locked.authority},
        )
    return _refresh(rec, locked)


def do_record_outside_decision(
    rec: AccountabilityRecord,
    actor,
    *,
    outside_form: str,
    decision: str,
    doc_no: str,
    decided_on: datetime.date,
    request: HttpRequest | None = None,
) -> AccountabilityRecord:
    """The referred organ's decision comes back; `outside_form=""` means nobody was held accountable."""
    decision, doc_no = (decision or "").strip(), (doc_no or "").strip()
    if outside_form and outside_form not in AccountabilityForm.values:
        raise AccountabilityError(_("Unknown form of accountability: %(form)s.") % {"form": outside_form})
    if not decision or not doc_no or decided_on is None:
        raise AccountabilityError(_("Give the outside decision, its document number and its date."))
    with transaction.atomic():
        locked = _locked(rec, actor, RecordState.REFERRED)
        locked.state = RecordState.CONCLUDED
        locked.outside_form, locked.outside_decision = outside_form, decision
        locked.outside_doc_no, locked.outside_decided_on = doc_no, decided_on
        locked.save()
        if outside_form:
            _propose_person_deduction(locked)
        append_event(
            locked,
            "accountability.concluded",
            actor,
            data={
                "form": outside_form,
                "decision": decision,
                "doc_no": doc_no,
                "date": decided_on.isoformat(),
            },
        )
        audit(
            "accountability.conclude",
            actor=actor,
            request=request,
            target=locked,
            detail={"form": outside_form, "doc_no": doc_no},
        )
    return _refresh(rec, locked)


def do_dismiss_accountability(
    rec: AccountabilityRecord, actor, *, reason: str, request: HttpRequest | None = None
) -> AccountabilityRecord:
    """The center decides not to hold anyone accountable (with a reason)."""
    reason = (reason or "").strip()
    if not reason:
        raise AccountabilityError(_("Give the reason for not holding accountable."))
    with transaction.atomic():
        locked = _locked(rec, actor, RecordState.PROPOSED)
        locked.state, locked.decided_by = RecordState.DISMISSED, actor
        locked.decided_on, locked.dismissal_reason = timezone.localdate(), reason
        locked.save()
        append_event(locked, "accountability.dismissed", actor, data={"reason": reason})
        audit(
            "accountability.decide",
            actor=actor,
            request=request,
            target=locked,
            detail={"decision": "dismissed", "reason": reason},
        )
    return _refresh(rec, locked)
