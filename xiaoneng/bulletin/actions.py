"""Every change to the bulletin: one function per action.

Each checks the actor's permission, writes the change and its trace event in one transaction and
raises BulletinError (a message for the user) when it refuses. A published issue is frozen:
nothing in it, nor any submission for it, changes again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.audit.log import record
from xiaoneng.bulletin.models import (
    Issue,
    IssueState,
    Item,
    ItemKind,
    Section,
    SectionKind,
    Submission,
    SubmissionPhoto,
    SubmissionState,
)
from xiaoneng.news import NewsDraft
from xiaoneng.org.access import can_see_unit
from xiaoneng.trace.chain import append_event

__all__ = [
    "BulletinError", "NotPermitted", "can_edit", "can_submit", "visible_submissions", "do_create_issue",
    "do_update_issue", "do_submit", "do_edit_submission", "do_accept_submission", "do_return_submission",
    "do_add_center_draft", "do_add_item", "do_update_item", "do_move_item", "do_remove_item",
    "do_publish_issue",
]

MAX_PHOTOS = 5


class BulletinError(Exception):
    """A refused bulletin action; the message is for the user."""


class NotPermitted(BulletinError):
    pass


def can_edit(user) -> bool:
    return user.is_authenticated and user.has_perm("bulletin.edit_bulletin")


def can_submit(user) -> bool:
    return (user.is_authenticated and user.has_perm("bulletin.submit_item")
            and getattr(user, "unit", None) is not None)


def visible_submissions(user):
    """Editors see every submission; a submitting unit sees its own unit's (subtree) only."""
    from xiaoneng.org.access import scope_to_user

    submissions = Submission.objects.select_related("unit", "issue", "submitted_by")
    if can_edit(user):
        return submissions
    if not can_submit(user):
        return submissions.none()
    return scope_to_user(submissions, user)


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise BulletinError(message)
    return text


def _editor(actor) -> None:
    if not can_edit(actor):
        raise NotPermitted(gettext("Only the bulletin's editors may do this."))


def _open(issue: Issue) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.is_published:
        raise BulletinError(gettext("This issue is published and can no longer change."))
    return issue


def next_number(year: int) -> int:
    return (Issue.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1


def do_create_issue(*, actor, date: datetime.date, number: int | None = None,
                    period_start: datetime.date | None = None, period_end: datetime.date | None = None,
                    **fields) -> Issue:
    _editor(actor)
    with transaction.atomic():
        number = number or next_number(date.year)
        if Issue.objects.filter(year=date.year, number=number).exists():
            raise BulletinError(gettext("Issue %(number)s of %(year)s already exists.")
                                % {"number": number, "year": date.year})
        issue = Issue(year=date.year, number=number, date=date, period_start=period_start,
                      period_end=period_end, **fields)
        if period_start and period_end and period_start > period_end:
            raise BulletinError(gettext("The news period ends before it starts."))
        issue.save()
        append_event(issue, "created", actor, {"year": issue.year, "number": issue.number})
        record("bulletin.issue_created", actor=actor, target=issue)
    return issue


ISSUE_FIELDS = ("date", "name", "editing_unit", "period_start", "period_end", "report_to", "send_to",
                "issue_to")


def do_update_issue(issue: Issue, *, actor, **fields) -> Issue:
    _editor(actor)
    with transaction.atomic():
        issue = _open(issue)
        changed = {}
        for name, value in fields.items():
            if name not in ISSUE_FIELDS:
                raise ValueError(name)
            if getattr(issue, name) != value:
                setattr(issue, name, value)
                changed[name] = str(value)
        if issue.date.year != issue.year:
            raise BulletinError(gettext("The date must fall in the issue's year."))
        if issue.period_start and issue.period_end and issue.period_start > issue.period_end:
            raise BulletinError(gettext("The news period ends before it starts."))
        issue.save()
        if changed:
            append_event(issue, "updated", actor, changed)
    return issue


def do_submit(*, actor, issue: Issue, title: str, text: str, photos: Iterable = ()) -> Submission:
    """A unit's liaison (or head) sends an item for a coming issue; photos are sanitised first."""
    from xiaoneng.complaints.uploads import sanitise_upload

    if not can_submit(actor):
        raise NotPermitted(gettext("Only a unit's liaison or head may submit items."))
    title = _require(title, gettext("Give the item a title."))
    text = _require(text, gettext("Write the item's text."))
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise BulletinError(gettext("At most %(count)s photos.") % {"count": MAX_PHOTOS})
    clean = [sanitise_upload(photo) for photo in photos]  # raises UploadRejected before writing
    with transaction.atomic():
        _open(issue)
        submission = Submission.objects.create(
            unit=actor.unit, issue=issue, submitted_by=actor, original_title=title, original_text=text,
            title=title, text=text)
        for photo in clean:
            SubmissionPhoto.objects.create(submission=submission, file=photo)
        append_event(submission, "submitted", actor, {"issue": str(issue), "unit": actor.unit.code})
    return submission


def _pending(submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _open(submission.issue)
    if submission.state != SubmissionState.SUBMITTED:
        raise BulletinError(gettext("This submission has already been decided."))
    return submission


def do_edit_submission(submission: Submission, *, actor, title: str, text: str) -> Submission:
    """An editor's edit; the original title and text stay as sent."""
    _editor(actor)
    with transaction.atomic():
        submission = _pending(submission)
        submission.title = _require(title, gettext("Give the item a title."))
        submission.text = _require(text, gettext("Write the item's text."))
        submission.edited_by = actor
        submission.save(update_fields=["title", "text", "edited_by"])
        append_event(submission, "edited", actor, {"title": submission.title})
    return submission


def _section(kind: str) -> Section:
    section = Section.objects.filter(kind=kind, is_active=True).order_by("order", "pk").first()
    if section is None:
        raise BulletinError(gettext("No active section of this kind is configured."))
    return section


def _next_order(issue: Issue, section: Section) -> int:
    return (issue.items.filter(section=section).aggregate(n=Max("order"))["n"] or 0) + 1


def do_accept_submission(submission: Submission, *, actor, section: Section | None = None) -> Item:
    """Accepted, the submission becomes an item of 部门动态, credited to its unit."""
    _editor(actor)
    with transaction.atomic():
        submission = _pending(submission)
        section = section or _section(SectionKind.DEPARTMENT)
        item = Item.objects.create(
            issue=submission.issue, section=section, kind=ItemKind.SUBMISSION, title=submission.title,
            text=submission.text, credit_unit=submission.unit, order=_next_order(submission.issue, section))
        submission.state = SubmissionState.ACCEPTED
        submission.decided_by, submission.decided_at = actor, timezone.now()
        submission.item = item
        submission.save(update_fields=["state", "decided_by", "decided_at", "item"])
        append_event(submission, "accepted", actor, {"issue": str(submission.issue)})
        append_event(submission.issue, "item_added", actor, {"title": item.title, "kind": item.kind})
    return item


def do_return_submission(submission: Submission, *, actor, reason: str) -> Submission:
    _editor(actor)
    reason = _require(reason, gettext("Say why the submission is returned."))
    with transaction.atomic():
        submission = _pending(submission)
        submission.state = SubmissionState.RETURNED
        submission.return_reason = reason
        submission.decided_by, submission.decided_at = actor, timezone.now()
        submission.save(update_fields=["state", "return_reason", "decided_by", "decided_at"])
        append_event(submission, "returned", actor, {"reason": reason})
    return submission


def do_add_center_draft(issue: Issue, draft: NewsDraft, *, actor) -> Item:
    """A draft from xiaoneng.news becomes an editable item of 中心动态, keeping its figures and citations."""
    _editor(actor)
    with transaction.atomic():
        issue = _open(issue)
        section = _section(SectionKind.CENTER)
        item = Item.objects.create(
            issue=issue, section=section, kind=ItemKind.CENTER, title=draft.title, text=draft.text,
            draft_key=draft.key, figures=_jsonable(draft.figures), previous=_jsonable(draft.previous),
            citations=[{"label": c.label, "url": c.url} for c in draft.citations],
            order=_next_order(issue, section))
        append_event(issue, "item_added", actor, {"title": item.title, "kind": item.kind, "draft": draft.key})
    return item


def _jsonable(values: dict) -> dict:
    return {key: value if isinstance(value, (int, str)) else str(value) for key, value in values.items()}


def do_add_item(issue: Issue, *, actor, section: Section, title: str, text: str, kind: str = "",
                source: str = "", source_date: datetime.date | None = None, credit_unit=None) -> Item:
    """An item written by the editors: a reprint (with its source and date) or any other item."""
    _editor(actor)
    title = _require(title, gettext("Give the item a title."))
    text = _require(text, gettext("Write the item's text."))
    kind = kind or (ItemKind.REPRINT if section.kind == SectionKind.REPRINT else ItemKind.OTHER)
    if kind == ItemKind.REPRINT:
        source = _require(source, gettext("A reprint needs its source."))
    with transaction.atomic():
        issue = _open(issue)
        item = Item.objects.create(issue=issue, section=section, kind=kind, title=title, text=text,
                                   source=source.strip(), source_date=source_date, credit_unit=credit_unit,
                                   order=_next_order(issue, section))
        append_event(issue, "item_added", actor, {"title": item.title, "kind": item.kind})
    return item


def do_update_item(item: Item, *, actor, title: str, text: str, source: str | None = None,
                   source_date: datetime.date | None = None) -> Item:
    _editor(actor)
    with transaction.atomic():
        _open(item.issue)
        item.title = _require(title, gettext("Give the item a title."))
        item.text = _require(text, gettext("Write the item's text."))
        if item.kind == ItemKind.REPRINT and source is not None:
            item.source = _require(source, gettext("A reprint needs its source."))
            item.source_date = source_date
        item.save()
        append_event(item.issue, "item_edited", actor, {"item": item.pk, "title": item.title})
    return item


def do_move_item(item: Item, *, actor, up: bool) -> Item:
    """Swap the item with its neighbour in the section."""
    _editor(actor)
    with transaction.atomic():
        _open(item.issue)
        siblings = list(item.issue.items.filter(section=item.section).order_by("order", "pk"))
        index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, sibling in enumerate(siblings, 1):
                if sibling.order != position:
                    sibling.order = position
                    sibling.save(update_fields=["order"])
            append_event(item.issue, "item_moved", actor, {"item": item.pk, "up": up})
    return item


def do_remove_item(item: Item, *, actor) -> None:
    """Take an item out; an accepted submission goes back to waiting for a decision."""
    _editor(actor)
    with transaction.atomic():
        issue = _open(item.issue)
        submission = Submission.objects.filter(item=item).first()
        if submission is not None:
            submission.state, submission.item = SubmissionState.SUBMITTED, None
            submission.decided_by = submission.decided_at = None
            submission.save(update_fields=["state", "item", "decided_by", "decided_at"])
            append_event(submission, "reopened", actor, {"reason": "item removed"})
        append_event(issue, "item_removed", actor, {"title": item.title})
        item.delete()


def do_publish_issue(issue: Issue, *, actor) -> Issue:
    """Publishing freezes the issue; submissions still waiting are returned for a later issue."""
    _editor(actor)
    with transaction.atomic():
        issue = _open(issue)
        if not issue.items.exists():
            raise BulletinError(gettext("An issue without items cannot be published."))
        issue.state, issue.published_at = IssueState.PUBLISHED, timezone.now()
        issue.save(update_fields=["state", "published_at"])
        reason = gettext("Not taken into %(issue)s; please submit it again for a later issue.") % {
            "issue": issue.issue_line}
        for submission in issue.submissions.filter(state=SubmissionState.SUBMITTED):
            submission.state, submission.return_reason = SubmissionState.RETURNED, reason
            submission.decided_by, submission.decided_at = actor, timezone.now()
            submission.save(update_fields=["state", "return_reason", "decided_by", "decided_at"])
            append_event(submission, "returned", actor, {"reason": reason})
        append_event(issue, "published", actor, {"items": issue.items.count()})
        record("bulletin.issue_published", actor=actor, target=issue)
    return issue


def submission_for(user, pk: int) -> Submission:
    """The submission if `user` may see it; Submission.DoesNotExist otherwise (a view's 404)."""
    submission = visible_submissions(user).get(pk=pk)
    if not can_edit(user) and not can_see_unit(user, submission.unit):
        raise Submission.DoesNotExist
    return submission
