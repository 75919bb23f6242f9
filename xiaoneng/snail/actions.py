"""The only ways Snail Award items and batches change.

Each action checks permission and state and writes its change with a trace event (and, where
administrative, an audit row) in one transaction. `actor=None` is the system (the `snail`
command, a verify hook).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.calendar.service import workdays_between
from xiaoneng.evaluations.actions import head_of
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_assign_matter, do_receive_matter
from xiaoneng.matters.models import Matter, MatterKind, Resolution, Source, State
from xiaoneng.org.models import Person, Unit
from xiaoneng.scoring.actions import do_propose_entry
from xiaoneng.snail.models import (
    PERSON_RULE,
    RECTIFICATION_KIND,
    Batch,
    BatchState,
    Item,
    ItemState,
    LeadSource,
    Origin,
)
from xiaoneng.trace.chain import append_event

MANAGE = "snail.manage_snail"
PUBLISH = "snail.publish_batch"
# States in which the unit holds a matter: late there means the unit is slow.
HELD = [State.ASSIGNED, State.RETURNED, State.AWAITING_APPROVAL, State.REOPENED]
FAILED_KINDS = ["rectification", RECTIFICATION_KIND]
LEAD_OF_SOURCE = {Source.COMPLAINT: LeadSource.HOTLINE, Source.INSPECTION: LeadSource.INSPECTION}


def overdue_workdays() -> int:
    """Working days past its deadline after which a matter is proposed (XIAONENG_SNAIL_OVERDUE_WORKDAYS)."""
    return int(getattr(settings, "XIAONENG_SNAIL_OVERDUE_WORKDAYS", 10))


def rectification_grace() -> int:
    """Working days past the rectification deadline after which it has failed."""
    return int(getattr(settings, "XIAONENG_SNAIL_RECTIFICATION_GRACE", 5))


def accountability_form() -> str:
    """The form proposed when a rectification fails (an AccountabilityForm code)."""
    return getattr(settings, "XIAONENG_SNAIL_ACCOUNTABILITY_FORM", "critical_notice")


class SnailError(Exception):
    """An action was refused; the message is for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotPermitted(SnailError, PermissionDenied):
    pass


def propose_accountability(**kwargs):
    """The accountability mechanism's entry point (imported late: it lives in another app)."""
    from xiaoneng.accountability.actions import do_propose_accountability

    return do_propose_accountability(**kwargs)


def _require(actor, perm: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise NotPermitted(_("You are not permitted to do this."))


def _locked(item: Item, *states: str) -> Item:
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if states and locked.state not in states:
        raise SnailError(_("The item is %(state)s; this cannot be done now.")
                         % {"state": locked.get_state_display()})
    return locked


# Candidates -------------------------------------------------------------------------------------

def _candidate_from(matter: Matter, origin: str, problem: str, year: int) -> Item:
    return Item(year=year, title=matter.title[:200], problem=problem, origin=origin, matter=matter,
                unit=matter.unit, lead_source=LEAD_OF_SOURCE.get(matter.source, LeadSource.DATA),
                created_at=timezone.now())


def candidate_matters(today: datetime.date) -> list[tuple[Matter, str, str]]:
    """Matters the data proposes, with the origin and the problem in words; those already items left out."""
    taken = Item.objects.filter(matter__isnull=False).values("matter_id")
    found = []
    late = (Matter.objects.filter(state__in=HELD, deadline__lt=today, unit__isnull=False)
            .exclude(kind__code=RECTIFICATION_KIND).exclude(pk__in=taken).select_related("kind"))
    for matter in late:
        days = workdays_between(matter.deadline, today)
        if days >= overdue_workdays():
            origin = Origin.UNHANDLED_COMPLAINT if matter.kind.code == "complaint" else Origin.OVERDUE_MATTER
            problem = _("“%(title)s” (%(kind)s) is %(days)s working days past its deadline.") % {
                "title": matter.title, "kind": matter.kind.name, "days": days}
            found.append((matter, origin, problem))
    failed = (Matter.objects.filter(kind__code__in=FAILED_KINDS, resolution=Resolution.UNRESOLVED,
                                    unit__isnull=False).exclude(pk__in=taken))
    for matter in failed:
        found.append((matter, Origin.FAILED_RECTIFICATION,
                      _("The rectification “%(title)s” was verified as not done.") % {"title": matter.title}))
    return found


def do_propose_candidates(*, actor=None, today: datetime.date | None = None) -> list[Item]:
    """Turn what the data shows into candidates (idempotent: a matter is proposed once)."""
    _require(actor, MANAGE)
    today = today or clock.today()
    with transaction.atomic():
        items = [_candidate_from(matter, origin, problem, today.year)
                 for matter, origin, problem in candidate_matters(today)]
        for item in items:
            item.created_by = actor
            item.save()
            append_event(item, "snail.proposed", actor, data={
                "origin": item.origin, "matter": item.matter.public_id, "unit": item.unit.code})
    return items


def do_add_item(*, actor, unit: Unit, title: str, problem: str, lead_source: str, year: int | None = None,
                co_units: Iterable[Unit] = (), persons: Iterable[Person] = ()) -> Item:
    """A candidate added by hand from a lead (hotline, mailbox, visit, inspection, media)."""
    if actor is None:
        raise NotPermitted(_("You are not permitted to do this."))
    _require(actor, MANAGE)
    title, problem = (title or "").strip(), (problem or "").strip()
    if not title or not problem:
        raise SnailError(_("Give the item a title and describe the problem."))
    if lead_source not in LeadSource.values:
        raise SnailError(_("Choose where the lead came from."))
    with transaction.atomic():
        item = Item.objects.create(year=year or clock.today().year, title=title, problem=problem, unit=unit,
                                   lead_source=lead_source, origin=Origin.MANUAL, created_by=actor,
                                   created_at=timezone.now())
        item.co_units.set([u for u in co_units if u.pk != unit.pk])
        item.persons.set(persons)
        append_event(item, "snail.added", actor, data={"unit": unit.code, "lead_source": lead_source,
                                                       "title": title})
    return item


def do_dismiss_item(item: Item, *, actor, reason: str) -> Item:
    _require(actor, MANAGE)
    if actor is None or not (reason or "").strip():
        raise SnailError(_("Say why the candidate is dismissed."))
    with transaction.atomic():
        item = _locked(item, ItemState.CANDIDATE)
        item.state, item.note = ItemState.DISMISSED, reason.strip()
        item.save(update_fields=["state", "note"])
        append_event(item, "snail.dismissed", actor, data={"reason": item.note})
    return item


# Batches ----------------------------------------------------------------------------------------

def do_create_batch(*, actor, year: int, summary: str = "") -> Batch:
    """第N批: the next number of the year."""
    if actor is None:
        raise NotPermitted(_("You are not permitted to do this."))
    _require(actor, MANAGE)
    with transaction.atomic():
        # Two batches created at once would take the same number: the unique (year, number)
        # constraint refuses the second, whose transaction rolls back.
        number = (Batch.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
        batch = Batch.objects.create(year=year, number=number, summary=summary.strip(), created_by=actor,
                                     created_at=timezone.now())
        append_event(batch, "snail.batch_created", actor, data={"year": year, "number": number})
    return batch


def _draft(batch: Batch) -> Batch:
    locked = Batch.objects.select_for_update().get(pk=batch.pk)
    if locked.state != BatchState.DRAFT:
        raise SnailError(_("The batch is already published."))
    return locked


def do_select_item(item: Item, *, actor, batch: Batch) -> Item:
    _require(actor, MANAGE)
    with transaction.atomic():
        batch = _draft(batch)
        item = _locked(item, ItemState.CANDIDATE)
        item.state, item.batch = ItemState.SELECTED, batch
        item.save(update_fields=["state", "batch"])
        append_event(item, "snail.selected", actor, data={"batch": str(batch)})
    return item


def do_unselect_item(item: Item, *, actor) -> Item:
    _require(actor, MANAGE)
    with transaction.atomic():
        item = _locked(item, ItemState.SELECTED)
        _draft(item.batch)
        item.state, item.batch = ItemState.CANDIDATE, None
        item.save(update_fields=["state", "batch"])
        append_event(item, "snail.unselected", actor)
    return item


def do_publish_batch(batch: Batch, *, actor, request=None) -> Batch:
    """公布: the batch goes on the portal; each item's units are proposed the deduction, its
    persons the deduction of their performance bonus, and a rectification matter is opened."""
    if actor is None or not actor.has_perm(PUBLISH):
        raise NotPermitted(_("You are not permitted to publish Snail Award batches."))
    kind = MatterKind.objects.get(code=RECTIFICATION_KIND)
    with transaction.atomic():
        batch = _draft(batch)
        items = list(batch.items.select_for_update().filter(state=ItemState.SELECTED))
        if not items:
            raise SnailError(_("A batch needs at least one item before it is published."))
        for item in items:
            _award(item, batch, actor, kind)
        batch.state, batch.published_at = BatchState.PUBLISHED, timezone.now()
        batch.save(update_fields=["state", "published_at"])
        append_event(batch, "snail.published", actor, data={"items": len(items)})
        record("snail.batch_published", actor=actor, request=request, target=batch,
               detail={"items": len(items)})
    return batch


def _award(item: Item, batch: Batch, actor, kind: MatterKind) -> None:
    reason = _("%(batch)s: %(title)s") % {"batch": batch, "title": item.title}
    units = item.all_units()
    for unit in units:
        do_propose_entry(unit=unit, rule_code="snail_award", source=item, reason=reason, proposer=actor,
                         year=batch.year)
    for person in item.persons.all():
        do_propose_entry(person=person, rule_code=PERSON_RULE, source=item, reason=reason, proposer=actor,
                         year=batch.year)
    title = _("Snail Award rectification: %(title)s") % {"title": item.title}
    matter = do_receive_matter(kind=kind, title=title[:200], actor=actor, description=item.problem,
                               source=Source.RECTIFICATION)
    matter = do_assign_matter(matter, actor=actor, unit=item.unit, co_units=units[1:], note=str(batch))
    item.state, item.rectification = ItemState.RECTIFYING, matter
    item.save(update_fields=["state", "rectification"])
    append_event(item, "snail.awarded", actor, data={
        "batch": str(batch), "units": [u.code for u in units], "rectification": matter.public_id})


# Rectification ----------------------------------------------------------------------------------

def _fail(item: Item, actor, why: str) -> None:
    item.state = ItemState.FAILED
    item.save(update_fields=["state"])
    form = accountability_form()
    # Refer the unit's head; a unit-level form falls on the unit when the roster has no head.
    reason = _("Snail Award item “%(title)s”: %(why)s") % {"title": item.title, "why": why}
    propose_accountability(person=head_of(item.unit), unit=item.unit, form=form, reason=reason,
                           clause=getattr(settings, "XIAONENG_SNAIL_ACCOUNTABILITY_CLAUSE", ""),
                           source=item, proposer=None)
    append_event(item, "snail.rectification_failed", actor, data={"why": why, "form": form})


def rectification_verified(matter: Matter, actor) -> None:
    """Verify hook of the rectification kind: resolved ends the item; anything else fails it."""
    item = Item.objects.select_for_update().filter(rectification=matter, state=ItemState.RECTIFYING).first()
    if item is None:
        return
    if matter.resolution == Resolution.RESOLVED:
        item.state = ItemState.RECTIFIED
        item.save(update_fields=["state"])
        append_event(item, "snail.rectified", actor, data={"rectification": matter.public_id})
    else:
        _fail(item, actor, _("the rectification was verified as not done"))


def overdue_rectifications(today: datetime.date) -> list[Item]:
    """Items whose rectification the unit still holds, more than the grace period past its deadline."""
    items = (Item.objects.filter(state=ItemState.RECTIFYING, rectification__state__in=HELD,
                                 rectification__deadline__lt=today)
             .select_related("rectification", "unit"))
    return [i for i in items if workdays_between(i.rectification.deadline, today) > rectification_grace()]


def do_check_rectifications(*, today: datetime.date | None = None) -> list[Item]:
    """The system fails rectifications overdue beyond the grace period and proposes accountability."""
    today = today or clock.today()
    failed = []
    for item in overdue_rectifications(today):
        with transaction.atomic():
            item = _locked(item, ItemState.RECTIFYING)
            days = workdays_between(item.rectification.deadline, today)
            _fail(item, None, _("the rectification is %(days)s working days overdue") % {"days": days})
            failed.append(item)
    return failed
