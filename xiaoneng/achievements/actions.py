"""Every change of a service achievement's state: one function per action.

Each checks the actor's standing, writes the change and its trace event in one transaction,
and raises AchievementError (or NotPermitted) with a message for the user when it refuses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.achievements.models import (
    CityResult,
    CommentKind,
    CommentState,
    Declaration,
    DeclarationState,
    DisplayPeriod,
    PublicComment,
    YearAward,
)
from xiaoneng.audit.log import record as audit
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Position, Unit
from xiaoneng.trace.chain import append_event

MAX_COMMENT = 1000


class AchievementError(Exception):
    """A refused achievements action; the message is for the user."""


class NotPermitted(AchievementError):
    pass


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise AchievementError(message)
    return text


def _need(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(gettext("You may not do this."))


def _own(actor, unit: Unit, perm: str) -> None:
    if not (
        actor.is_authenticated
        and actor.has_perm(perm)
        and actor.unit is not None
        and unit.is_within(actor.unit)
    ):
        raise NotPermitted(gettext("You may not do this."))


def _locked(declaration: Declaration) -> Declaration:
    return Declaration.objects.select_for_update(of=("self",)).select_related("unit").get(pk=declaration.pk)


def _is_head(actor) -> bool:
    person = getattr(actor, "person", None)
    return actor.has_perm("achievements.approve_declaration") and (
        person is None or person.position in (Position.PRINCIPAL, Position.LEADERSHIP)
    )


def _files(files: Iterable) -> list:
    from xiaoneng.complaints.uploads import UploadRejected, max_attachments, sanitise_upload

    files = list(files)
    if len(files) > max_attachments():
        raise AchievementError(gettext("At most %(n)d files.") % {"n": max_attachments()})
    try:
        return [sanitise_upload(f) for f in files]
    except UploadRejected as error:
        raise AchievementError(" ".join(error.messages)) from error


def do_create_declaration(
    *,
    actor,
    unit: Unit,
    year: int,
    quarter: int,
    title: str,
    what_done: str,
    beneficiaries: str,
    evidence: Iterable = (),
) -> Declaration:
    """A unit's liaison (or head) writes a declaration of its own unit, with evidence files."""
    _own(actor, unit, "achievements.declare_achievement")
    title = _require(title, gettext("An achievement needs a title."))
    what_done = _require(what_done, gettext("Say what was done."))
    beneficiaries = _require(beneficiaries, gettext("Say for whom it was done."))
    if quarter not in (1, 2, 3, 4):
        raise AchievementError(gettext("Choose the quarter."))
    clean = _files(evidence)
    with transaction.atomic():
        declaration = Declaration.objects.create(
            unit=unit,
            year=year,
            quarter=quarter,
            title=title,
            what_done=what_done,
            beneficiaries=beneficiaries,
            created_by=actor,
        )
        append_event(
            declaration,
            "created",
            actor,
            {"unit": unit.code, "year": year, "quarter": quarter, "title": title},
            attachments=clean,
        )
    return declaration


def do_add_evidence(declaration: Declaration, *, actor, evidence: Iterable, note: str = "") -> Declaration:
    clean = _files(evidence)
    if not clean:
        raise AchievementError(gettext("Choose the files to add."))
    with transaction.atomic():
        declaration = _locked(declaration)
        _own(actor, declaration.unit, "achievements.declare_achievement")
        if declaration.state not in (DeclarationState.DRAFT, DeclarationState.SUBMITTED):
            raise AchievementError(gettext("Evidence can only be added before the declaration is sent."))
        append_event(declaration, "evidence", actor, {"note": note.strip()}, attachments=clean)
    return declaration


def _move(declaration: Declaration, actor, state: str, kind: str, reason: str = "", **fields) -> Declaration:
    declaration.state, declaration.state_reason = state, reason
    for name, value in fields.items():
        setattr(declaration, name, value)
    declaration.save()
    append_event(declaration, kind, actor, {"state": state, "reason": reason})
    return declaration


def do_submit_declaration(declaration: Declaration, *, actor) -> Declaration:
    """The liaison sends the draft to the unit head; a head's own submission declares it at once."""
    with transaction.atomic():
        declaration = _locked(declaration)
        _own(actor, declaration.unit, "achievements.declare_achievement")
        if declaration.state != DeclarationState.DRAFT:
            raise AchievementError(gettext("Only a draft can be submitted."))
        if _is_head(actor):
            return _move(
                declaration, actor, DeclarationState.DECLARED, "declared", declared_at=timezone.now()
            )
        return _move(declaration, actor, DeclarationState.SUBMITTED, "submitted")


def do_approve_declaration(
    declaration: Declaration, *, actor, approve: bool = True, reason: str = ""
) -> Declaration:
    """The unit head declares it to the center, or returns it to the liaison with a reason."""
    if not approve:
        reason = _require(reason, gettext("Say why the declaration is returned."))
    with transaction.atomic():
        declaration = _locked(declaration)
        _own(actor, declaration.unit, "achievements.approve_declaration")
        if declaration.state != DeclarationState.SUBMITTED:
            raise AchievementError(gettext("Only a submitted declaration awaits approval."))
        if approve:
            return _move(
                declaration, actor, DeclarationState.DECLARED, "declared", declared_at=timezone.now()
            )
        return _move(declaration, actor, DeclarationState.DRAFT, "returned", reason)


def do_verify_declaration(
    declaration: Declaration, *, actor, verified: bool, reason: str = ""
) -> Declaration:
    """核实: the center confirms the achievement is true, or rejects it saying why."""
    _need(actor, "achievements.screen_declaration")
    if not verified:
        reason = _require(reason, gettext("Say why the achievement is rejected."))
    with transaction.atomic():
        declaration = _locked(declaration)
        if declaration.state != DeclarationState.DECLARED:
            raise AchievementError(gettext("Only a declared achievement can be verified."))
        if verified:
            return _move(
                declaration, actor, DeclarationState.VERIFIED, "verified", verified_at=timezone.now()
            )
        return _move(declaration, actor, DeclarationState.REJECTED, "rejected", reason)


def do_select_declaration(declaration: Declaration, *, actor, note: str = "") -> Declaration:
    """筛选: a verified achievement becomes typical (sent to the city); proposes the bonus."""
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    _need(actor, "achievements.screen_declaration")
    with transaction.atomic():
        declaration = _locked(declaration)
        if declaration.state != DeclarationState.VERIFIED:
            raise AchievementError(gettext("Only a verified achievement can be selected."))
        declaration = _move(
            declaration, actor, DeclarationState.SELECTED, "selected", note, selected_at=timezone.now()
        )
        try:
            do_propose_entry(
                unit=declaration.unit,
                rule_code="achievement_selected",
                source=declaration,
                proposer=actor,
                year=declaration.year,
                reason=gettext("Typical service achievement: %(title)s") % {"title": declaration.title},
            )
        except ScoringError as error:
            raise AchievementError(str(error)) from error
    return declaration


def do_record_city_result(declaration: Declaration, *, actor, result: str, note: str = "") -> Declaration:
    """The city's answer to the package (e.g. 入选十件实事 / 未入选)."""
    _need(actor, "achievements.screen_declaration")
    if result not in (CityResult.CHOSEN, CityResult.NOT_CHOSEN):
        raise AchievementError(gettext("Choose the city's result."))
    with transaction.atomic():
        declaration = _locked(declaration)
        if declaration.state != DeclarationState.SELECTED:
            raise AchievementError(gettext("Only achievements sent to the city have a city result."))
        declaration.city_result, declaration.city_note = result, note.strip()[:200]
        declaration.save(update_fields=["city_result", "city_note"])
        append_event(declaration, "city_result", actor, {"result": result, "note": declaration.city_note})
    return declaration


def do_award_year_end(declaration: Declaration, *, actor, award: str) -> Declaration:
    """十佳举措 / 十件实事 at the year's end: recorded on the achievement, bonus proposed."""
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    _need(actor, "achievements.screen_declaration")
    if award not in (YearAward.TOP_TEN_MEASURES, YearAward.TEN_PRACTICAL_THINGS):
        raise AchievementError(gettext("Choose the award."))
    with transaction.atomic():
        declaration = _locked(declaration)
        if declaration.state != DeclarationState.SELECTED:
            raise AchievementError(gettext("Only typical achievements take part in the year-end selection."))
        if declaration.year_award:
            raise AchievementError(gettext("This achievement already has a year-end award."))
        declaration.year_award = award
        declaration.save(update_fields=["year_award"])
        append_event(declaration, "year_award", actor, {"award": award})
        try:
            do_propose_entry(
                unit=declaration.unit,
                rule_code=award,
                source=declaration,
                proposer=actor,
                year=declaration.year,
                reason=f"{YearAward(award).label}: {declaration.title}",
            )
        except ScoringError as error:
            raise AchievementError(str(error)) from error
    return declaration


def do_open_display(
    *,
    actor,
    year: int,
    quarter: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    note: str = "",
    request=None,
) -> DisplayPeriod:
    """公示: the quarter's typical achievements go on the public pages from `starts_on`."""
    _need(actor, "achievements.screen_declaration")
    if ends_on < starts_on:
        raise AchievementError(gettext("A display period cannot end before it starts."))
    with transaction.atomic():
        if DisplayPeriod.objects.filter(year=year, quarter=quarter).exists():
            raise AchievementError(gettext("This quarter already has a display period."))
        period = DisplayPeriod.objects.create(
            year=year,
            quarter=quarter,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note.strip(),
            created_by=actor,
        )
        append_event(
            period,
            "opened",
            actor,
            {
                "year": year,
                "quarter": quarter,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
            },
        )
        audit(
            "achievements.display_opened",
            actor=actor,
            request=request,
            target=period,
            detail={"year": year, "quarter": quarter},
        )
    return period


def display_period_for(declaration: Declaration) -> DisplayPeriod | None:
    return DisplayPeriod.objects.filter(year=declaration.year, quarter=declaration.quarter).first()


def do_post_comment(
    declaration: Declaration,
    *,
    text: str,
    kind: str = CommentKind.COMMENT,
    name: str = "",
    today: datetime.date | None = None,
) -> PublicComment:
    """A comment or objection from the public (no account), while the display period is open."""
    text = _require(text, gettext("Write your comment."))
    if len(text) > MAX_COMMENT:
        raise AchievementError(gettext("A comment has at most %(n)d characters.") % {"n": MAX_COMMENT})
    if kind not in CommentKind.values:
        raise AchievementError(gettext("Choose comment or objection."))
    today = today or timezone.localdate()
    period = display_period_for(declaration)
    if declaration.state != DeclarationState.SELECTED or period is None or not period.is_open(today):
        raise AchievementError(gettext("Comments are taken only while the achievement is on public display."))
    with transaction.atomic():
        comment = PublicComment.objects.create(
            declaration=declaration, kind=kind, name=name.strip()[:40], text=text, original_text=text
        )
        append_event(comment, "posted", None, {"kind": kind, "text": text})
    return comment


def do_moderate_comment(
    comment: PublicComment, *, actor, show: bool, reason: str = "", text: str | None = None
) -> PublicComment:
    """Show (possibly with edited words: the original stays) or hide with a reason."""
    _need(actor, "achievements.moderate_comment")
    if not show:
        reason = _require(reason, gettext("Say why the comment is hidden."))
    with transaction.atomic():
        comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
        if text is not None and text.strip() and text.strip() != comment.text:
            comment.text = text.strip()
        comment.state = CommentState.SHOWN if show else CommentState.HIDDEN
        comment.hidden_reason = "" if show else reason[:200]
        comment.moderated_by, comment.moderated_at = actor, timezone.now()
        comment.save()
        append_event(
            comment,
            "shown" if show else "hidden",
            actor,
            {"reason": comment.hidden_reason, "text": comment.text, "edited": comment.edited},
        )
    return comment


def can_see(user, declaration: Declaration) -> bool:
    return (
        user.is_authenticated
        and user.has_perm("achievements.view_declaration")
        and can_see_unit(user, declaration.unit)
    )
