"""Every change of outreach state: pairing, ending a pairing, recording a visit, handing a problem
over, and proposing shortfalls and awards to the score ledger.

Each function checks the actor's permission and unit scope, writes the change and its trace event
in one transaction, and raises OutreachError (or NotPermitted) with a message for the user.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext

from xiaoneng.enterprises.handover import HandOverError, open_matter
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.outreach import competition, quotas
from xiaoneng.outreach.models import Award, Pairing, Programme, Shortfall, Tier, Visit
from xiaoneng.trace.chain import append_event

__all__ = [
    "OutreachError",
    "NotPermitted",
    "do_pair",
    "do_end_pairing",
    "do_record_visit",
    "do_hand_over_problem",
    "do_propose_shortfalls",
    "do_propose_awards",
]

SHORTFALL_RULE = "outreach_shortfall"
AWARD_RULE = "competition"


class OutreachError(Exception):
    """A refused outreach action; the message is for the user."""


class NotPermitted(OutreachError):
    pass


def _require_perm(actor, perm: str, message: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(message)


def _check_scope(actor, unit: Unit) -> None:
    if not can_see_unit(actor, unit):
        raise NotPermitted(gettext("%(unit)s is outside the units you work for.") % {"unit": unit.name})


def do_pair(tier: Tier, *, actor, person: Person, target: Target, started_on: datetime.date) -> Pairing:
    """结对: enforce the tier's rules — who may visit, what, one visitor per target, targets per person."""
    _require_perm(actor, "outreach.pair_target", gettext("You may not pair cadres with targets."))
    _check_scope(actor, person.unit)
    if not person.is_active:
        raise OutreachError(gettext("%(name)s is no longer in post.") % {"name": person.name})
    if person.position not in tier.positions():
        raise OutreachError(
            gettext("%(name)s (%(position)s) cannot take part in %(tier)s.")
            % {"name": person.name, "position": person.get_position_display(), "tier": tier.name}
        )
    if target.kind not in tier.kinds():
        raise OutreachError(
            gettext("%(tier)s pairs with %(kinds)s only.") % {"tier": tier.name, "kinds": tier.kind_labels()}
        )
    with transaction.atomic():
        Tier.objects.select_for_update().get(pk=tier.pk)  # serialise pairings of one tier
        active = Pairing.objects.filter(tier=tier, ended_on__isnull=True)
        if active.filter(person=person, target=target).exists():
            raise OutreachError(gettext("This pairing exists already."))
        if tier.one_visitor_per_target:
            other = active.filter(target=target).select_related("person").first()
            if other is not None:
                raise OutreachError(
                    gettext("%(target)s is already paired with %(name)s.")
                    % {"target": target.name, "name": other.person.name}
                )
        limit = tier.max_targets_per_person
        if limit is not None and active.filter(person=person).count() >= limit:
            raise OutreachError(
                gettext("%(name)s may be paired with %(n)d target(s) at most in %(tier)s.")
                % {"name": person.name, "n": limit, "tier": tier.name}
            )
        pairing = Pairing.objects.create(
            tier=tier, person=person, unit=person.unit, target=target, started_on=started_on, created_by=actor
        )
        append_event(
            pairing,
            "paired",
            actor,
            {
                "tier": tier.code,
                "person": person.name,
                "unit": person.unit.code,
                "target": target.name,
                "started_on": started_on.isoformat(),
            },
        )
    return pairing


def do_end_pairing(pairing: Pairing, *, actor, ended_on: datetime.date) -> Pairing:
    _require_perm(actor, "outreach.pair_target", gettext("You may not change pairings."))
    _check_scope(actor, pairing.unit)
    with transaction.atomic():
        pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
        if pairing.ended_on is not None:
            raise OutreachError(gettext("The pairing has already ended."))
        if ended_on < pairing.started_on:
            raise OutreachError(gettext("A pairing cannot end before it started."))
        pairing.ended_on = ended_on
        pairing.save(update_fields=["ended_on"])
        append_event(pairing, "ended", actor, {"ended_on": ended_on.isoformat()})
    return pairing


def _may_record_for(actor, pairing: Pairing) -> bool:
    """The paired person records their own visits; the unit's liaison or the center may too."""
    if pairing.person.user_id == actor.pk:
        return True
    return actor.has_perm("outreach.pair_target") and can_see_unit(actor, pairing.unit)


def do_record_visit(
    pairing: Pairing,
    *,
    actor,
    visited_on: datetime.date,
    found: str = "",
    help_given: str = "",
    photos: Iterable = (),
    today: datetime.date | None = None,
) -> Visit:
    """上门走访: dated within the pairing and never in the future; photos sanitised onto the trace."""
    from xiaoneng.complaints.uploads import UploadRejected, max_attachments, sanitise_upload
    from xiaoneng.matters import clock

    _require_perm(actor, "outreach.record_visit", gettext("You may not record visits."))
    if not _may_record_for(actor, pairing):
        raise NotPermitted(gettext("You may record visits only for your own pairings."))
    today = today or clock.today()
    if visited_on > today:
        raise OutreachError(gettext("A visit cannot be in the future."))
    if visited_on < pairing.started_on or (pairing.ended_on and visited_on > pairing.ended_on):
        raise OutreachError(
            gettext("The date is outside the pairing (%(start)s – %(end)s).")
            % {
                "start": pairing.started_on.isoformat(),
                "end": pairing.ended_on.isoformat() if pairing.ended_on else "…",
            }
        )
    if not (found.strip() or help_given.strip()):
        raise OutreachError(gettext("Say what was found or what help was given."))
    photos = list(photos)
    if len(photos) > max_attachments():
        raise OutreachError(gettext("At most %(n)d photos.") % {"n": max_attachments()})
    try:
        clean = [sanitise_upload(photo) for photo in photos]
    except UploadRejected as error:
        raise OutreachError(" ".join(error.messages)) from error
    with transaction.atomic():
        visit = Visit.objects.create(
            pairing=pairing,
            person=pairing.person,
            unit=pairing.unit,
            target=pairing.target,
            visited_on=visited_on,
            found=found.strip(),
            help_given=help_given.strip(),
            recorded_by=actor,
        )
        append_event(
            visit,
            "recorded",
            actor,
            {
                "tier": pairing.tier.code,
                "person": pairing.person.name,
                "target": pairing.target.name,
                "visited_on": visited_on.isoformat(),
                "found": visit.found,
                "help_given": visit.help_given,
            },
            attachments=clean,
        )
    return visit


def may_hand_over(actor, visit: Visit) -> bool:
    return (
        visit.matter_id is None
        and actor.has_perm("outreach.record_visit")
        and (
            visit.recorded_by_id == actor.pk
            or visit.person.user_id == actor.pk
            or (actor.has_perm("outreach.pair_target") and can_see_unit(actor, visit.unit))
        )
    )


def do_hand_over_problem(visit: Visit, *, actor, unit: Unit, title: str, description: str = "") -> Visit:
    """A problem found on the visit becomes a matter assigned to the responsible unit, in one step."""
    from xiaoneng.matters.models import Source

    title = (title or "").strip()
    if not title:
        raise OutreachError(gettext("Name the problem in a few words."))
    with transaction.atomic():
        visit = (
            Visit.objects.select_for_update(of=("self",)).select_related("person", "target").get(pk=visit.pk)
        )
        if not may_hand_over(actor, visit):
            if visit.matter_id is not None:
                raise OutreachError(gettext("The problem of this visit has been handed over already."))
            raise NotPermitted(gettext("You may not hand this visit's problem over."))
        text = "\n".join(
            part
            for part in (
                description.strip() or visit.found,
                gettext("Found on a visit to %(target)s on %(day)s by %(name)s.")
                % {
                    "target": visit.target.name,
                    "day": visit.visited_on.isoformat(),
                    "name": visit.person.name,
                },
            )
            if part
        )
        try:
            matter = open_matter(
                kind_code="outreach_problem",
                title=title,
                description=text,
                unit=unit,
                actor=actor,
                source=Source.ENTERPRISE if visit.target.kind != "household" else Source.OTHER,
                event_data={"visit": visit.public_id},
            )
        except HandOverError as error:
            raise OutreachError(str(error)) from error
        visit.matter = matter
        visit.save(update_fields=["matter"])
        append_event(
            visit, "handed_over", actor, {"matter": matter.public_id, "unit": unit.code, "title": title}
        )
    return visit


def do_propose_shortfalls(
    tier: Tier, period: quotas.Period, *, actor, today: datetime.date, points=None
) -> list:
    """Record each person short of the quota in an ended period and propose a deduction for them."""
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    if actor is not None:  # None: the system (the outreach_shortfalls command)
        _require_perm(actor, "outreach.propose_outreach_score", gettext("You may not propose score entries."))
    result = quotas.compliance(tier, period, today)
    if not result.over:
        raise OutreachError(gettext("The period has not ended yet."))
    proposals = []
    with transaction.atomic():
        for row in result.shortfalls:
            shortfall, _created = Shortfall.objects.get_or_create(
                tier=tier,
                person_id=row.person_id,
                period_start=period.start,
                defaults={
                    "unit_id": row.unit_id,
                    "period_end": period.end,
                    "required": row.required,
                    "done": row.done,
                },
            )
            reason = gettext("%(tier)s %(period)s: %(done)d of %(required)d visits") % {
                "tier": tier.name,
                "period": period.label,
                "done": row.done,
                "required": row.required,
            }
            try:
                proposals.append(
                    do_propose_entry(
                        person=shortfall.person,
                        rule_code=SHORTFALL_RULE,
                        points=points,
                        source=shortfall,
                        reason=reason,
                        proposer=actor,
                        year=period.end.year,
                    )
                )
            except ScoringError as error:
                raise OutreachError(str(error)) from error
        append_event(
            tier, "shortfalls_proposed", actor, {"period": period.label, "people": len(result.shortfalls)}
        )
    return proposals


def do_propose_awards(
    programme: Programme, *, actor, year: int, quarter: int, places: int, today: datetime.date, points=None
) -> list:
    """The first `places` units of a quarter's table are proposed for the competition bonus."""
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    _require_perm(actor, "outreach.propose_outreach_score", gettext("You may not propose score entries."))
    if not quotas.quarter_period(year, quarter).over_on(today):
        raise OutreachError(gettext("The quarter has not ended yet."))
    if places < 1:
        raise OutreachError(gettext("Award at least one place."))
    table = [s for s in competition.quarter_table(programme, year, quarter, today) if s.owed][:places]
    proposals = []
    with transaction.atomic():
        for standing in table:
            award, _created = Award.objects.get_or_create(
                programme=programme,
                year=year,
                quarter=quarter,
                unit_id=standing.unit_id,
                defaults={"rank": standing.rank},
            )
            reason = gettext("%(programme)s, quarter %(quarter)d of %(year)d: place %(rank)d") % {
                "programme": programme.name,
                "quarter": quarter,
                "year": year,
                "rank": award.rank,
            }
            try:
                proposals.append(
                    do_propose_entry(
                        unit=award.unit,
                        rule_code=AWARD_RULE,
                        points=points,
                        source=award,
                        reason=reason,
                        proposer=actor,
                        year=year,
                    )
                )
            except ScoringError as error:
                raise OutreachError(str(error)) from error
        append_event(
            programme,
            "awards_proposed",
            actor,
            {"year": year, "quarter": quarter, "units": [s.unit for s in table]},
        )
    return proposals
