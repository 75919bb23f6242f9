"""The only ways a procedure case changes: open it, complete its next step. Each writes one trace event."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.calendar.service import add_workdays
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Target, Unit
from xiaoneng.procedures.models import (
    CaseState,
    CompletedStep,
    DiscretionStandard,
    EvidenceKind,
    ProcedureCase,
    ProcedureTemplate,
    StepTemplate,
)
from xiaoneng.trace.chain import append_event

Evidence = Sequence[tuple[str, "File | str"]]


class ProcedureError(Exception):
    """The step or case cannot be recorded as asked; the message is for the user."""


class NotPermitted(ProcedureError):
    """The actor may not do this (permission, unit scope or separation of duties)."""


def _check_scope(actor, unit: Unit, perm: str) -> None:
    if not actor.has_perm(perm) or not can_see_unit(actor, unit):
        raise NotPermitted(_("You may not do this for this unit."))


def do_open_case(*, template: ProcedureTemplate, unit: Unit, title: str, actor, target: Target | None = None,
                 at: datetime.datetime | None = None) -> ProcedureCase:
    _check_scope(actor, unit, "procedures.open_case")
    if not template.is_active:
        raise ProcedureError(_("This procedure is no longer in use."))
    at = at or timezone.now()
    with transaction.atomic():
        case = ProcedureCase.objects.create(template=template, unit=unit, title=title, target=target,
                                            opened_by=actor, opened_at=at)
        append_event(case, "case_opened", actor=actor, at=at, data={
            "template": template.code, "unit": unit.code, "title": title,
            "target": target.name if target else "",
        })
    return case


def standard_for(unit: Unit, violation_code: str, circumstance: str) -> DiscretionStandard | None:
    """The standard of the unit itself or, failing that, of its nearest ancestor."""
    chain = [unit, *reversed(unit.ancestors())]
    found = {s.unit_id: s for s in DiscretionStandard.objects.filter(
        unit__in=chain, violation_code=violation_code, circumstance=circumstance)}
    return next((found[u.pk] for u in chain if u.pk in found), None)


def check_discretion(unit: Unit, violation_code: str, circumstance: str,
                     amount: Decimal | None) -> tuple[DiscretionStandard, bool]:
    """The standard that applies and whether the amount lies outside it; raises when refused."""
    if not violation_code or not circumstance or amount is None:
        raise ProcedureError(_("A penalty decision needs the violation, the circumstance and the amount."))
    standard = standard_for(unit, violation_code, circumstance)
    if standard is None:
        raise ProcedureError(_("No discretion standard covers this violation and circumstance."))
    outside = not (standard.min_amount <= amount <= standard.max_amount)
    if outside and standard.strict:
        raise ProcedureError(_("The fine of %(amount)s lies outside the discretion range %(low)s–%(high)s.")
                             % {"amount": amount, "low": standard.min_amount, "high": standard.max_amount})
    return standard, outside


def _split_evidence(evidence: Evidence) -> tuple[list[dict], list[File]]:
    items, files = [], []
    for kind, content in evidence:
        if kind not in EvidenceKind.values:
            raise ProcedureError(_("Unknown kind of evidence: %(kind)s.") % {"kind": kind})
        if isinstance(content, str):
            if content.strip():
                items.append({"kind": kind, "text": content.strip(), "file": ""})
        elif content is not None:
            items.append({"kind": kind, "text": "", "file": content.name.rsplit("/", 1)[-1],
                          "attachment": len(files)})
            files.append(content)
    return items, files


def due_date(case: ProcedureCase, step: StepTemplate, done: dict[int, CompletedStep]) -> datetime.date | None:
    """When the step is due: its limit in working days after the previous step (or the opening)."""
    if step.time_limit_workdays is None:
        return None
    previous = done.get(step.order - 1)
    if step.order > 1 and previous is None:
        return None
    start = previous.completed_at if previous else case.opened_at
    return add_workdays(timezone.localdate(start), step.time_limit_workdays)


def do_complete_step(case: ProcedureCase, step: StepTemplate, *, actor, evidence: Evidence, note: str = "",
                     violation_code: str = "", circumstance: str = "", amount: Decimal | None = None,
                     at: datetime.datetime | None = None) -> CompletedStep:
    _check_scope(actor, case.unit, "procedures.complete_step")
    if step.permission and not actor.has_perm(step.permission):
        raise NotPermitted(_("This step needs a permission you do not hold."))
    if step.template_id != case.template_id:
        raise ProcedureError(_("This step belongs to another procedure."))
    at = at or timezone.now()
    with transaction.atomic():
        case = ProcedureCase.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.OPEN:
            raise ProcedureError(_("The case is already completed."))
        done = {c.step.order: c for c in case.completed_steps.select_related("step")}
        expected = case.next_step()
        if expected is None or expected.order != step.order:
            raise ProcedureError(_("Steps must be completed in order: the next step is %(step)s.")
                                 % {"step": expected})
        if step.differs_from_order and (other := done.get(step.differs_from_order)) \
                and other.performer_id == actor.pk:
            raise NotPermitted(_("This step must be completed by someone other than the performer of "
                                 "step %(order)s.") % {"order": step.differs_from_order})
        items, files = _split_evidence(evidence)
        missing = [k for k in step.evidence_kinds if k not in {i["kind"] for i in items}]
        if missing:
            raise ProcedureError(_("Missing evidence: %(kinds)s.")
                                 % {"kinds": "、".join(str(EvidenceKind(k).label) for k in missing)})
        flagged, standard = False, None
        if step.is_penalty_decision:
            standard, flagged = check_discretion(case.unit, violation_code, circumstance, amount)
        due = due_date(case, step, done)
        late = due is not None and timezone.localdate(at) > due
        event = append_event(case, "step_completed", actor=actor, at=at, attachments=files, data={
            "order": step.order, "step": step.name, "evidence": items, "note": note,
            "due": due.isoformat() if due else "", "late": late,
            **({"violation_code": violation_code, "circumstance": circumstance, "amount": str(amount),
                "standard": f"{standard.min_amount}-{standard.max_amount}", "flagged": flagged}
               if standard else {}),
        })
        completed = CompletedStep.objects.create(
            case=case, step=step, performer=actor, completed_at=at, due_date=due, late=late, note=note,
            violation_code=violation_code if standard else "", circumstance=circumstance if standard else "",
            amount=amount if standard else None, flagged=flagged, event=event,
        )
        if case.next_step() is None:
            case.state = CaseState.COMPLETED
            case.save(update_fields=["state"])
            append_event(case, "case_completed", actor=actor, at=at)
    return completed
