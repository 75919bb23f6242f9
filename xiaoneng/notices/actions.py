"""The only ways a notice is drafted, edited, approved and published (and its DOCX drawn)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record as audit
from xiaoneng.documents.models import DocumentNumberSeries, issuer_name
from xiaoneng.documents.render import OfficialDocument, render_docx
from xiaoneng.notices.models import Notice, NoticeKind, NoticeState, NoticeSubject
from xiaoneng.org.models import Person, Unit
from xiaoneng.scoring.actions import do_propose_entry
from xiaoneng.trace.chain import append_event

DRAFT = "notices.draft_notice"
APPROVE = "notices.approve_notice"
SERIES_KIND, SERIES_PREFIX = "notice", "金效通"


class NoticeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class NoticePermissionDenied(NoticeError, PermissionDenied):
    pass


def _clean(kind: str, title: str, body: str) -> tuple[str, str]:
    if kind not in NoticeKind.values:
        raise NoticeError(_("Choose commendation or criticism."))
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise NoticeError(_("A notice needs a title and a text."))
    return title, body


def do_draft_notice(
    *,
    kind: str,
    title: str,
    body: str,
    actor,
    units: Iterable[Unit] = (),
    persons: Iterable[Person] = (),
    source: models.Model | None = None,
    recipient: str = "",
) -> Notice:
    """Draft a notice (actor None = the system, e.g. a drafter run from the data)."""
    if actor is not None and not actor.has_perm(DRAFT):
        raise NoticePermissionDenied(_("You are not permitted to draft notices."))
    title, body = _clean(kind, title, body)
    units, persons = list(units), list(persons)
    if not units and not persons:
        raise NoticeError(_("Name at least one unit or person."))
    with transaction.atomic():
        notice = Notice.objects.create(
            kind=kind,
            title=title,
            body=body,
            drafted_by=actor,
            drafted_at=timezone.now(),
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=source.pk if source is not None else None,
            source_text=str(source)[:255] if source is not None else "",
            **({"recipient": recipient.strip()} if recipient and recipient.strip() else {}),
        )
        NoticeSubject.objects.bulk_create(
            [NoticeSubject(notice=notice, unit=u) for u in units]
            + [NoticeSubject(notice=notice, person=p) for p in persons]
        )
        append_event(
            notice,
            "notices.drafted",
            actor,
            data={"kind": kind, "title": title, "source": notice.source_text},
        )
    return notice


def do_edit_notice(
    notice: Notice, actor, *, title: str, body: str, recipient: str, units: Iterable[Unit]
) -> Notice:
    """Change a draft's text and units (persons drafted from the data stay)."""
    if actor is None or not actor.has_perm(DRAFT):
        raise NoticePermissionDenied(_("You are not permitted to draft notices."))
    title, body = _clean(notice.kind, title, body)
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.state != NoticeState.DRAFT:
            raise NoticeError(_("Only a draft can be changed."))
        locked.title, locked.body, locked.recipient = (
            title,
            body,
            (recipient or "").strip() or locked.recipient,
        )
        locked.save(update_fields=["title", "body", "recipient"])
        locked.subjects.filter(person__isnull=True).delete()
        NoticeSubject.objects.bulk_create([NoticeSubject(notice=locked, unit=u) for u in units])
        if not locked.subjects.exists():
            raise NoticeError(_("Name at least one unit or person."))
        append_event(locked, "notices.edited", actor, data={"title": title})
    return locked


def _take_number(year: int) -> str:
    from xiaoneng.documents.actions import take_number

    DocumentNumberSeries.objects.get_or_create(
        kind=SERIES_KIND, year=year, defaults={"prefix": SERIES_PREFIX}
    )
    series, number = take_number(SERIES_KIND, year)
    return series.format(number)


def do_approve_notice(notice: Notice, actor, *, request: HttpRequest | None = None) -> Notice:
    """Approve and number a draft; a criticism proposes the critical_notice deduction per subject."""
    if actor is None or not actor.has_perm(APPROVE):
        raise NoticePermissionDenied(_("You are not permitted to approve notices."))
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.state != NoticeState.DRAFT:
            raise NoticeError(_("This notice has already been approved."))
        today = timezone.localdate()
        locked.state, locked.approved_by, locked.approved_on = NoticeState.APPROVED, actor, today
        locked.doc_no = _take_number(today.year)
        locked.save(update_fields=["state", "approved_by", "approved_on", "doc_no"])
        proposals = []
        if locked.kind == NoticeKind.CRITICISM:
            for subject in locked.subjects.select_related("unit", "person").order_by("pk"):
                proposals.append(
                    do_propose_entry(
                        unit=subject.unit,
                        person=subject.person,
                        rule_code="critical_notice",
                        source=locked,
                        reason=_("Criticised in notice %(no)s: %(title)s")
                        % {"no": locked.doc_no, "title": locked.title},
                        proposer=None,
                        year=today.year,
                    ).pk
                )
        append_event(
            locked, "notices.approved", actor, data={"doc_no": locked.doc_no, "proposals": proposals}
        )
        audit(
            "notices.approve", actor=actor, request=request, target=locked, detail={"doc_no": locked.doc_no}
        )
    return locked


def do_publish_notice(notice: Notice, actor, *, request: HttpRequest | None = None) -> Notice:
    """Put an approved notice on the portal and its feeds."""
    if actor is None or not actor.has_perm(APPROVE):
        raise NoticePermissionDenied(_("You are not permitted to publish notices."))
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.state != NoticeState.APPROVED:
            raise NoticeError(_("Only an approved notice that is not yet published can be published."))
        locked.state, locked.published_at = NoticeState.PUBLISHED, timezone.now()
        locked.save(update_fields=["state", "published_at"])
        append_event(locked, "notices.published", actor)
        audit(
            "notices.publish", actor=actor, request=request, target=locked, detail={"doc_no": locked.doc_no}
        )
    return locked


def official_document(notice: Notice) -> OfficialDocument:
    return OfficialDocument(
        issuer=issuer_name(),
        doc_number=notice.doc_no,
        title=notice.title,
        recipient=notice.recipient,
        body=notice.paragraphs,
        signature=issuer_name(),
        date=notice.approved_on or timezone.localdate(),
        kind="notice",
    )


def notice_docx(notice: Notice) -> bytes:
    return render_docx(official_document(notice))


# Drafting from the data: a source model → (kind, title, body, units, persons).
Drafter = Callable[[models.Model], tuple[str, str, str, list[Unit], list[Person]]]
DRAFTERS: dict[str, Drafter] = {}


def register_drafter(model_label: str, drafter: Drafter) -> None:
    DRAFTERS[model_label] = drafter


def do_draft_from(source: models.Model, actor) -> Notice:
    """Draft a notice from a record (accountability record, complaint, snail batch, …)."""
    drafter = DRAFTERS.get(source._meta.label)
    if drafter is None:
        raise NoticeError(_("No notice can be drafted from this kind of record."))
    kind, title, body, units, persons = drafter(source)
    return do_draft_notice(
        kind=kind, title=title, body=body, actor=actor, units=units, persons=persons, source=source
    )
