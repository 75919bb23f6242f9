"""Every change of an inspection's state: one function per action.

Each function checks the actor's standing (xiaoneng.inspections.access), writes the change and
its trace event in one transaction, and raises InspectionError (or NotPermitted) with a message
for the user when it refuses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.inspections import access
from xiaoneng.inspections.models import (
    Campaign,
    CampaignGroup,
    CampaignKind,
    CampaignMember,
    CampaignState,
    CampaignTarget,
    Checklist,
    ChecklistItem,
    ChecklistResult,
    Finding,
    FindingState,
    Suggestion,
    SuggestionState,
)
from xiaoneng.org.models import Person, Unit
from xiaoneng.trace.chain import append_event

__all__ = [
    "InspectionError", "NotPermitted", "do_create_campaign", "do_add_group", "do_add_member",
    "do_add_target", "do_record_visit", "do_record_checklist_result", "do_start_campaign",
    "do_close_campaign", "do_record_finding", "do_hand_over_finding", "do_dismiss_finding",
    "do_record_suggestion", "do_adopt_suggestion", "do_decline_suggestion", "finding_matter_verified",
]


class InspectionError(Exception):
    """A refused inspection action; the message is for the user."""


class NotPermitted(InspectionError):
    pass


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InspectionError(message)
    return text


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("organiser_unit").get(pk=campaign.pk)


def _manage(actor, campaign: Campaign) -> None:
    if not access.manages(actor, campaign):
        raise NotPermitted(gettext("You may not change this campaign."))


def _not_closed(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise InspectionError(gettext("The campaign is closed."))


def do_create_campaign(*, actor, kind: str, title: str, starts_on: datetime.date, ends_on: datetime.date,
                       organiser_unit: Unit | None = None, basis: str = "",
                       checklists: Iterable[Checklist] = ()) -> Campaign:
    """Plan a campaign. The center's campaigns may visit any unit; a unit's only its own subtree."""
    if kind not in CampaignKind.values:
        raise InspectionError(gettext("Choose the kind of campaign."))
    title = _require(title, gettext("A campaign needs a title."))
    if ends_on < starts_on:
        raise InspectionError(gettext("A campaign cannot end before it starts."))
    own = actor.unit
    organiser_unit = organiser_unit or own
    if organiser_unit is None:
        raise InspectionError(gettext("Say which unit organises the campaign."))
    if actor.has_perm("inspections.organise_campaign"):
        county_wide = True
    elif (actor.has_perm("inspections.organise_own_campaign") and own is not None
          and organiser_unit.is_within(own)):
        county_wide = False
    else:
        raise NotPermitted(gettext("You may not organise this campaign."))
    with transaction.atomic():
        campaign = Campaign.objects.create(
            kind=kind, title=title, basis=basis, starts_on=starts_on, ends_on=ends_on,
            organiser_unit=organiser_unit, county_wide=county_wide, created_by=actor,
        )
        campaign.checklists.set(checklists)
        append_event(campaign, "planned", actor, {
            "kind": kind, "title": title, "organiser": organiser_unit.code,
            "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(),
        })
    return campaign


def do_add_group(campaign: Campaign, *, actor, name: str, leader=None) -> CampaignGroup:
    name = _require(name, gettext("A group needs a name."))
    with transaction.atomic():
        campaign = _locked(campaign)
        _manage(actor, campaign)
        _not_closed(campaign)
        group = CampaignGroup.objects.create(campaign=campaign, name=name)
        append_event(campaign, "group_added", actor, {"group": name})
        if leader is not None:
            do_add_member(group, actor=actor, user=leader)
            group.leader = leader
            group.save(update_fields=["leader"])
    return group


def _recused(unit: Unit | None, target_unit: Unit) -> bool:
    """A member never inspects the unit they belong to, nor a unit above their own."""
    return unit is not None and unit.is_within(target_unit)


def do_add_member(group: CampaignGroup, *, actor, user, person: Person | None = None) -> CampaignMember:
    """Add a member, refusing anyone whose own unit is (within) one of the campaign's targets."""
    person = person or user.person
    unit = person.unit if person else None
    with transaction.atomic():
        campaign = _locked(group.campaign)
        _manage(actor, campaign)
        _not_closed(campaign)
        for target in campaign.targets.select_related("unit"):
            if _recused(unit, target.unit):
                raise InspectionError(gettext("%(name)s belongs to %(unit)s, which this campaign inspects.")
                                      % {"name": person.name, "unit": target.unit.name})
        member, created = CampaignMember.objects.get_or_create(
            group=group, user=user, defaults={"person": person}
        )
        if created:
            append_event(campaign, "member_added", actor, {"group": group.name, "user": user.username})
    return member


def do_add_target(campaign: Campaign, *, actor, unit: Unit, group: CampaignGroup | None = None
                  ) -> CampaignTarget:
    """Add a unit or window to visit; refused outside the organiser's scope or if a member belongs to it."""
    with transaction.atomic():
        campaign = _locked(campaign)
        _manage(actor, campaign)
        _not_closed(campaign)
        if not campaign.target_scope().filter(pk=unit.pk).exists():
            raise InspectionError(gettext("%(unit)s is outside the units this campaign may inspect.")
                                  % {"unit": unit.name})
        if group is not None and group.campaign_id != campaign.pk:
            raise InspectionError(gettext("The group belongs to another campaign."))
        for member in CampaignMember.objects.filter(group__campaign=campaign).select_related("person__unit"):
            if member.person and _recused(member.person.unit, unit):
                raise InspectionError(gettext("%(name)s, a member, belongs to %(unit)s.")
                                      % {"name": member.person.name, "unit": unit.name})
        target, created = CampaignTarget.objects.get_or_create(
            campaign=campaign, unit=unit, defaults={"group": group}
        )
        if not created and group is not None and target.group_id != group.pk:
            target.group = group
            target.save(update_fields=["group"])
        append_event(campaign, "target_added", actor, {
            "unit": unit.code, "group": group.name if group else None,
        })
    return target


def do_record_visit(target: CampaignTarget, *, actor, visited_on: datetime.date) -> CampaignTarget:
    with transaction.atomic():
        campaign = _locked(target.campaign)
        if not access.can_record(actor, campaign):
            raise NotPermitted(gettext("You may not record visits for this campaign."))
        target.visited_on = visited_on
        target.save(update_fields=["visited_on"])
        append_event(campaign, "visited", actor, {"unit": target.unit.code, "on": visited_on.isoformat()})
    return target


def do_record_checklist_result(target: CampaignTarget, *, actor, item: ChecklistItem, passed: bool,
                               note: str = "") -> ChecklistResult:
    with transaction.atomic():
        campaign = _locked(target.campaign)
        if not access.can_record(actor, campaign):
            raise NotPermitted(gettext("You may not record checks for this campaign."))
        if not campaign.checklists.filter(pk=item.checklist_id).exists():
            raise InspectionError(gettext("This point is not on the campaign's checklists."))
        result, _created = ChecklistResult.objects.update_or_create(
            target=target, item=item, defaults={"passed": passed, "note": note, "recorded_by": actor},
        )
        append_event(campaign, "checked", actor, {
            "unit": target.unit.code, "item": item.text, "passed": passed, "note": note,
        })
    return result


def do_start_campaign(campaign: Campaign, *, actor) -> Campaign:
    with transaction.atomic():
        campaign = _locked(campaign)
        _manage(actor, campaign)
        if campaign.state != CampaignState.PLANNED:
            raise InspectionError(gettext("Only a planned campaign can start."))
        if not CampaignMember.objects.filter(group__campaign=campaign).exists():
            raise InspectionError(gettext("A campaign needs at least one member before it starts."))
        campaign.state = CampaignState.ACTIVE
        campaign.save(update_fields=["state"])
        append_event(campaign, "started", actor, {"state": campaign.state})
    return campaign


def do_close_campaign(campaign: Campaign, *, actor) -> Campaign:
    """Closing lifts the secrecy: the inspected units now see what concerns them."""
    with transaction.atomic():
        campaign = _locked(campaign)
        _manage(actor, campaign)
        if campaign.state != CampaignState.ACTIVE:
            raise InspectionError(gettext("Only an active campaign can be closed."))
        campaign.state, campaign.closed_at = CampaignState.CLOSED, timezone.now()
        campaign.save(update_fields=["state", "closed_at"])
        append_event(campaign, "closed", actor, {"state": campaign.state})
    return campaign


def _check_finding_unit(campaign: Campaign, unit: Unit) -> None:
    if not any(unit.is_within(t.unit) for t in campaign.targets.select_related("unit")):
        raise InspectionError(gettext("%(unit)s is not among the units this campaign visits.")
                              % {"unit": unit.name})


def do_record_finding(campaign: Campaign, *, actor, unit: Unit, what: str, where: str = "",
                      occurred_at: datetime.datetime | None = None, photos: Iterable = ()) -> Finding:
    """问题线索 recorded in the field; photos are sanitised and kept on the finding's trace."""
    from xiaoneng.complaints.uploads import UploadRejected, max_attachments, sanitise_upload

    what = _require(what, gettext("Say what was found."))
    photos = list(photos)
    if len(photos) > max_attachments():
        raise InspectionError(gettext("At most %(n)d photos.") % {"n": max_attachments()})
    try:
        clean = [sanitise_upload(photo) for photo in photos]
    except UploadRejected as error:
        raise InspectionError(" ".join(error.messages)) from error
    occurred_at = occurred_at or timezone.now()
    with transaction.atomic():
        campaign = _locked(campaign)
        if not access.can_record(actor, campaign):
            raise NotPermitted(gettext("You may not record findings for this campaign."))
        _check_finding_unit(campaign, unit)
        finding = Finding.objects.create(campaign=campaign, unit=unit, recorded_by=actor, what=what,
                                         where=where.strip(), occurred_at=occurred_at)
        append_event(finding, "recorded", actor, {
            "campaign": campaign.public_id, "unit": unit.code, "what": what, "where": finding.where,
            "occurred_at": occurred_at.isoformat(),
        }, attachments=clean)
        CampaignTarget.objects.filter(campaign=campaign, unit=unit, visited_on__isnull=True).update(
            visited_on=timezone.localdate(occurred_at)
        )
    return finding


def _locked_finding(finding: Finding) -> Finding:
    return Finding.objects.select_for_update(of=("self",)).select_related("campaign", "unit").get(
        pk=finding.pk
    )


def do_hand_over_finding(finding: Finding, *, actor, time_limit: int | None = None,
                         note: str = "") -> Finding:
    """交办: the finding becomes a matter of kind "finding", assigned to its unit with the kind's limit."""
    from xiaoneng.matters.actions import MatterError, do_assign_matter, do_receive_matter
    from xiaoneng.matters.models import MatterKind, Source

    if not actor.has_perm("inspections.hand_over_finding"):
        raise NotPermitted(gettext("You may not hand findings over."))
    with transaction.atomic():
        finding = _locked_finding(finding)
        if finding.state != FindingState.RECORDED:
            raise InspectionError(gettext("Only a recorded finding can be handed over."))
        kind = MatterKind.objects.get(code="finding")
        try:
            matter = do_receive_matter(
                kind=kind, title=finding.what[:200], actor=actor, source=Source.INSPECTION,
                description=_matter_description(finding), received_at=finding.occurred_at,
                event_data={"finding": finding.public_id},
            )
            matter = do_assign_matter(matter, actor=actor, unit=finding.unit, time_limit=time_limit,
                                      note=note)
        except MatterError as error:
            raise InspectionError(str(error)) from error
        finding.state, finding.matter = FindingState.HANDED_OVER, matter
        finding.save(update_fields=["state", "matter"])
        append_event(finding, "handed_over", actor, {
            "matter": matter.public_id, "unit": finding.unit.code,
            "deadline": matter.deadline.isoformat() if matter.deadline else None,
        })
        _notify_handover(finding, matter)
    return finding


def _matter_description(finding: Finding) -> str:
    parts = [finding.what]
    if finding.where:
        parts.append(gettext("Where: %(where)s") % {"where": finding.where})
    parts.append(gettext("When: %(when)s") % {
        "when": timezone.localtime(finding.occurred_at).strftime("%Y-%m-%d %H:%M")})
    return "\n".join(parts)


def _notify_handover(finding: Finding, matter) -> None:
    try:
        from xiaoneng.notifications.api import notify, unit_contacts
    except ImportError:  # the notifications app is optional for this mechanism
        return
    notify("finding.handed_over", recipients=unit_contacts(finding.unit), subject_obj=matter,
           title=gettext("Inspection finding handed over: %(title)s") % {"title": matter.title},
           body=matter.description, url=matter.get_absolute_url())


def do_dismiss_finding(finding: Finding, *, actor, reason: str) -> Finding:
    reason = _require(reason, gettext("Say why the finding is dismissed."))
    with transaction.atomic():
        finding = _locked_finding(finding)
        _manage(actor, finding.campaign)
        if finding.state != FindingState.RECORDED:
            raise InspectionError(gettext("Only a recorded finding can be dismissed."))
        finding.state, finding.state_note = FindingState.DISMISSED, reason
        finding.save(update_fields=["state", "state_note"])
        append_event(finding, "dismissed", actor, {"reason": reason})
    return finding


def finding_matter_verified(matter, actor) -> None:
    """Verify hook of matter kind "finding": a verified, resolved matter resolves its finding."""
    from xiaoneng.matters.models import Resolution

    finding = Finding.objects.select_for_update().filter(matter=matter).first()
    if finding is None or finding.state != FindingState.HANDED_OVER:
        return
    if matter.resolution == Resolution.RESOLVED:
        finding.state, finding.state_note = FindingState.RESOLVED, matter.reply
        finding.save(update_fields=["state", "state_note"])
        append_event(finding, "resolved", actor, {"matter": matter.public_id, "verdict": matter.verdict})


def do_record_suggestion(campaign: Campaign, *, actor, unit: Unit, text: str) -> Suggestion:
    """意见建议 given to a unit on a visit."""
    text = _require(text, gettext("Write the suggestion."))
    with transaction.atomic():
        campaign = _locked(campaign)
        if not access.can_record(actor, campaign):
            raise NotPermitted(gettext("You may not record suggestions for this campaign."))
        _check_finding_unit(campaign, unit)
        suggestion = Suggestion.objects.create(campaign=campaign, unit=unit, text=text, recorded_by=actor)
        append_event(suggestion, "recorded", actor, {"campaign": campaign.public_id, "unit": unit.code,
                                                     "text": text})
    return suggestion


def _decide(suggestion: Suggestion, actor, state: str, reason: str) -> Suggestion:
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update(of=("self",)).select_related(
            "campaign", "unit").get(pk=suggestion.pk)
        if not access.can_decide_suggestion(actor, suggestion):
            raise NotPermitted(gettext("You may not decide on this suggestion."))
        if suggestion.state != SuggestionState.OPEN:
            raise InspectionError(gettext("The suggestion has already been decided."))
        suggestion.state, suggestion.decline_reason = state, reason
        suggestion.decided_at, suggestion.decided_by = timezone.now(), actor
        suggestion.save(update_fields=["state", "decline_reason", "decided_at", "decided_by"])
        append_event(suggestion, state, actor, {"reason": reason})
    return suggestion


def do_adopt_suggestion(suggestion: Suggestion, *, actor) -> Suggestion:
    return _decide(suggestion, actor, SuggestionState.ADOPTED, "")


def do_decline_suggestion(suggestion: Suggestion, *, actor, reason: str) -> Suggestion:
    reason = _require(reason, gettext("Say why the suggestion is declined."))
    return _decide(suggestion, actor, SuggestionState.DECLINED, reason)


def validation_message(error: ValidationError | InspectionError) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))
