"""Every change of a commitment's state: one function per action.

Each checks the actor's permission, writes the change and its trace event in one transaction,
and raises CommitmentError (or NotPermitted) with a message for the user when it refuses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.audit.log import record as audit
from xiaoneng.commitments.models import (
    Breach,
    BreachNotice,
    Campaign,
    Channel,
    CheckOutcome,
    CommitmentItem,
    CommitterKind,
    FulfilmentCheck,
    ItemKind,
    ItemStatus,
    Milestone,
    NoticeState,
    UnitCommitment,
)
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Unit
from xiaoneng.trace.chain import append_event

MATTER_KIND = "commitment_breach"
RULE = "commitment_breached"


class CommitmentError(Exception):
    """A refused commitment action; the message is for the user."""


class NotPermitted(CommitmentError):
    pass


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CommitmentError(message)
    return text


def _need(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(gettext("You may not do this."))


def can_report(user, commitment: UnitCommitment) -> bool:
    """The center, or a unit role of the committed unit's subtree, reports progress and evidence."""
    return user.is_authenticated and (
        user.has_perm("commitments.manage_commitments")
        or (user.has_perm("commitments.report_progress") and can_see_unit(user, commitment.unit))
    )


def do_create_campaign(
    *,
    actor,
    name: str,
    basis_title: str,
    issued_by: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    basis_number: str = "",
) -> Campaign:
    _need(actor, "commitments.manage_commitments")
    name = _require(name, gettext("A campaign needs a name."))
    basis_title = _require(basis_title, gettext("Name the document the campaign rests on."))
    issued_by = _require(issued_by, gettext("Say who issued the document."))
    if ends_on < starts_on:
        raise CommitmentError(gettext("A campaign cannot end before it starts."))
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            basis_title=basis_title,
            basis_number=basis_number.strip(),
            issued_by=issued_by,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        append_event(
            campaign, "created", actor, {"name": name, "basis": basis_title, "number": campaign.basis_number}
        )
        audit("commitments.campaign_created", actor=actor, target=campaign, detail={"name": name})
    return campaign


def do_record_commitment(
    campaign: Campaign,
    *,
    actor,
    unit: Unit,
    committer_kind: str,
    committed_on: datetime.date,
    channels: Sequence[str],
    committer_name: str = "",
    statement: str = "",
) -> UnitCommitment:
    """A unit's commitment: who made it (head, leadership collective or a person) and through what."""
    _need(actor, "commitments.manage_commitments")
    if committer_kind not in CommitterKind.values:
        raise CommitmentError(gettext("Say who made the commitment."))
    channels = [c for c in dict.fromkeys(channels) if c in Channel.values]
    if not channels:
        raise CommitmentError(gettext("Choose at least one channel the commitment was made through."))
    with transaction.atomic():
        if UnitCommitment.objects.filter(campaign=campaign, unit=unit).exists():
            raise CommitmentError(
                gettext("%(unit)s has already committed in this campaign.") % {"unit": unit.name}
            )
        commitment = UnitCommitment.objects.create(
            campaign=campaign,
            unit=unit,
            committer_kind=committer_kind,
            committer_name=committer_name.strip(),
            committed_on=committed_on,
            channels=channels,
            statement=statement.strip(),
            created_by=actor,
        )
        append_event(
            commitment,
            "committed",
            actor,
            {
                "campaign": campaign.public_id,
                "unit": unit.code,
                "committer": committer_kind,
                "channels": channels,
                "committed_on": committed_on.isoformat(),
            },
        )
    return commitment


def do_add_item(
    commitment: UnitCommitment,
    *,
    actor,
    kind: str,
    promise: str,
    target_value: Decimal | None = None,
    target_unit: str = "",
    due_on: datetime.date | None = None,
) -> CommitmentItem:
    _need(actor, "commitments.manage_commitments")
    if kind not in ItemKind.values:
        raise CommitmentError(gettext("Choose the kind of promise."))
    promise = _require(promise, gettext("Write the promise."))
    with transaction.atomic():
        item = CommitmentItem.objects.create(
            commitment=commitment,
            kind=kind,
            promise=promise,
            target_value=target_value,
            target_unit=target_unit.strip(),
            due_on=due_on,
        )
        append_event(
            item,
            "added",
            actor,
            {
                "kind": kind,
                "promise": promise,
                "target": str(target_value) if target_value is not None else None,
                "due_on": due_on.isoformat() if due_on else None,
            },
        )
    return item


def _locked_item(item: CommitmentItem) -> CommitmentItem:
    return (
        CommitmentItem.objects.select_for_update(of=("self",))
        .select_related("commitment__unit", "commitment__campaign")
        .get(pk=item.pk)
    )


def _not_breached(item: CommitmentItem) -> None:
    if item.status == ItemStatus.BREACHED:
        raise CommitmentError(gettext("This promise has been recorded as broken."))


def do_add_milestone(item: CommitmentItem, *, actor, title: str, due_on: datetime.date) -> Milestone:
    title = _require(title, gettext("Name the milestone."))
    with transaction.atomic():
        item = _locked_item(item)
        if not can_report(actor, item.commitment):
            raise NotPermitted(gettext("You may not do this."))
        milestone = Milestone.objects.create(item=item, title=title, due_on=due_on)
        append_event(item, "milestone_added", actor, {"milestone": title, "due_on": due_on.isoformat()})
    return milestone


def do_complete_milestone(milestone: Milestone, *, actor, done_on: datetime.date) -> Milestone:
    with transaction.atomic():
        item = _locked_item(milestone.item)
        if not can_report(actor, item.commitment):
            raise NotPermitted(gettext("You may not do this."))
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.done_on is not None:
            raise CommitmentError(gettext("The milestone is already done."))
        milestone.done_on = done_on
        milestone.save(update_fields=["done_on"])
        append_event(
            item, "milestone_done", actor, {"milestone": milestone.title, "done_on": done_on.isoformat()}
        )
    return milestone


def _progress(value) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise CommitmentError(gettext("Progress is a whole number from 0 to 100.")) from None
    if not 0 <= value <= 100:
        raise CommitmentError(gettext("Progress is a whole number from 0 to 100."))
    return value


def _clean_files(files: Iterable) -> list:
    from xiaoneng.complaints.uploads import UploadRejected, max_attachments, sanitise_upload

    files = list(files)
    if len(files) > max_attachments():
        raise CommitmentError(gettext("At most %(n)d files.") % {"n": max_attachments()})
    try:
        return [sanitise_upload(f) for f in files]
    except UploadRejected as error:
        raise CommitmentError(" ".join(error.messages)) from error


def do_report_progress(
    item: CommitmentItem, *, actor, progress: int, note: str = "", evidence: Iterable = ()
) -> CommitmentItem:
    """The unit (or the center) reports progress with evidence; only a check marks it fulfilled."""
    progress = _progress(progress)
    note = note.strip()
    clean = _clean_files(evidence)
    if not note and not clean and progress == item.progress:
        raise CommitmentError(gettext("Report a new progress, a note or evidence."))
    with transaction.atomic():
        item = _locked_item(item)
        if not can_report(actor, item.commitment):
            raise NotPermitted(gettext("You may not do this."))
        _not_breached(item)
        item.progress = progress
        if item.status == ItemStatus.NOT_STARTED and progress > 0:
            item.status = ItemStatus.IN_PROGRESS
        item.save(update_fields=["progress", "status", "updated_at"])
        append_event(
            item,
            "progress",
            actor,
            {"progress": progress, "note": note, "status": item.status},
            attachments=clean,
        )
    return item


def do_record_check(
    item: CommitmentItem,
    *,
    actor,
    outcome: str,
    progress: int | None = None,
    note: str = "",
    checked_on: datetime.date | None = None,
) -> FulfilmentCheck:
    """践诺检查 by the center; a "breached" outcome records the breach in the same transaction."""
    _need(actor, "commitments.check_fulfilment")
    if outcome not in CheckOutcome.values:
        raise CommitmentError(gettext("Choose the outcome of the check."))
    if outcome == CheckOutcome.BREACHED:
        note = _require(note, gettext("Say what was broken."))
    checked_on = checked_on or timezone.localdate()
    with transaction.atomic():
        item = _locked_item(item)
        _not_breached(item)
        progress = item.progress if progress is None else _progress(progress)
        if outcome == CheckOutcome.FULFILLED:
            progress = 100
        check = FulfilmentCheck.objects.create(
            item=item,
            checked_on=checked_on,
            checked_by=actor,
            outcome=outcome,
            progress=progress,
            note=note.strip(),
        )
        item.progress = progress
        if outcome == CheckOutcome.FULFILLED:
            item.status = ItemStatus.FULFILLED
        elif item.status == ItemStatus.NOT_STARTED and progress > 0:
            item.status = ItemStatus.IN_PROGRESS
        item.save(update_fields=["progress", "status", "updated_at"])
        append_event(
            item,
            "checked",
            actor,
            {
                "outcome": outcome,
                "progress": progress,
                "note": check.note,
                "checked_on": checked_on.isoformat(),
            },
        )
        if outcome == CheckOutcome.BREACHED:
            _breach(item, actor, note, checked_on, check)
    return check


def do_record_breach(
    item: CommitmentItem,
    *,
    actor,
    description: str,
    found_on: datetime.date | None = None,
    time_limit: int | None = None,
) -> Breach:
    """有诺不践 found outside a check (e.g. a complaint found true)."""
    _need(actor, "commitments.check_fulfilment")
    description = _require(description, gettext("Say what was broken."))
    with transaction.atomic():
        item = _locked_item(item)
        _not_breached(item)
        return _breach(item, actor, description, found_on or timezone.localdate(), None, time_limit)


def _breach(
    item: CommitmentItem,
    actor,
    description: str,
    found_on: datetime.date,
    check: FulfilmentCheck | None,
    time_limit: int | None = None,
) -> Breach:
    """One transaction (the caller's): matter for the unit, draft notice, proposed deduction."""
    from xiaoneng.matters.actions import MatterError, do_assign_matter, do_receive_matter
    from xiaoneng.matters.models import MatterKind
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    commitment = item.commitment
    unit = commitment.unit
    title = gettext("Broken commitment: %(unit)s — %(promise)s") % {
        "unit": unit.name,
        "promise": item.promise[:80],
    }
    try:
        matter = do_receive_matter(
            kind=MatterKind.objects.get(code=MATTER_KIND),
            title=title[:200],
            actor=actor,
            description=description,
            event_data={"commitment": commitment.public_id, "item": item.pk},
        )
        matter = do_assign_matter(
            matter,
            actor=actor,
            unit=unit,
            time_limit=time_limit,
            note=gettext("Investigate and correct the broken commitment."),
        )
    except MatterError as error:
        raise CommitmentError(str(error)) from error
    breach = Breach.objects.create(
        item=item,
        description=description,
        found_on=found_on,
        recorded_by=actor,
        check_record=check,
        matter=matter,
    )
    item.status = ItemStatus.BREACHED
    item.save(update_fields=["status", "updated_at"])
    notice = BreachNotice.objects.create(
        breach=breach,
        title=gettext("Notice on %(unit)s breaking its public commitment") % {"unit": unit.name},
        text=gettext(
            "In the campaign “%(campaign)s”, %(unit)s promised: %(promise)s. "
            "The center found on %(day)s: %(what)s. This is made public, responsibility "
            "is pursued and points are deducted in the year-end assessment."
        )
        % {
            "campaign": commitment.campaign.name,
            "unit": unit.name,
            "promise": item.promise,
            "day": found_on.isoformat(),
            "what": description,
        },
    )
    try:
        do_propose_entry(
            unit=unit,
            rule_code=RULE,
            source=breach,
            proposer=actor,
            year=found_on.year,
            reason=gettext("Broken public commitment: %(promise)s") % {"promise": item.promise[:150]},
        )
    except ScoringError as error:
        raise CommitmentError(str(error)) from error
    append_event(
        item,
        "breached",
        actor,
        {
            "description": description,
            "matter": matter.public_id,
            "found_on": found_on.isoformat(),
            "notice": notice.pk,
        },
    )
    return breach


def do_publish_notice(
    notice: BreachNotice, *, actor, title: str = "", text: str = "", request=None
) -> BreachNotice:
    """公开通报: staff may edit the draft's words, then it shows on the public pages."""
    _need(actor, "commitments.publish_notice")
    with transaction.atomic():
        notice = BreachNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.state == NoticeState.PUBLISHED:
            raise CommitmentError(gettext("The notice is already published."))
        notice.title = title.strip() or notice.title
        notice.text = text.strip() or notice.text
        notice.state, notice.published_at, notice.published_by = NoticeState.PUBLISHED, timezone.now(), actor
        notice.save()
        append_event(notice.breach.item, "notice_published", actor, {"title": notice.title})
        audit(
            "commitments.notice_published",
            actor=actor,
            request=request,
            target=notice,
            detail={"title": notice.title},
        )
    return notice


def breach_matter_verified(matter, actor) -> None:
    """Verify hook of matter kind "commitment_breach": the item's history records the outcome.

    The breach itself stays: a broken promise was broken even once corrected.
    """
    breach = Breach.objects.filter(matter=matter).select_related("item").first()
    if breach is not None:
        append_event(
            breach.item,
            "breach_verified",
            actor,
            {"matter": matter.public_id, "verdict": matter.verdict, "resolution": matter.resolution},
        )
