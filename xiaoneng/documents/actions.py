"""Issuing an official document: number it, render both files, keep them, record it in the trace."""

from __future__ import annotations

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext

from xiaoneng.documents.models import KINDS, DocumentNumberSeries, IssuedDocument
from xiaoneng.documents.render import OfficialDocument, render_docx, render_pdf
from xiaoneng.matters import clock
from xiaoneng.trace.chain import append_event

__all__ = ["DocumentError", "do_issue_document", "take_number"]


class DocumentError(Exception):
    """A document cannot be issued; the message says why."""


def _default_prefix(kind: str, year: int) -> str:
    last = DocumentNumberSeries.objects.filter(kind=kind, year__lt=year).order_by("-year").first()
    if last is not None:
        return last.prefix
    if kind not in KINDS:
        raise DocumentError(gettext("Unknown kind of document: %(kind)s.") % {"kind": kind})
    return KINDS[kind][1]


def _lock_series(kind: str, year: int) -> DocumentNumberSeries | None:
    return DocumentNumberSeries.objects.select_for_update().filter(kind=kind, year=year).first()


def _locked_series(kind: str, year: int) -> DocumentNumberSeries:
    series = _lock_series(kind, year)
    if series is not None:
        return series
    try:
        with transaction.atomic():
            DocumentNumberSeries.objects.create(kind=kind, year=year, prefix=_default_prefix(kind, year))
    except IntegrityError:
        pass  # another transaction created this year's series first; take the lock on its row
    return _lock_series(kind, year)


def take_number(kind: str, year: int) -> tuple[DocumentNumberSeries, int]:
    """The next number of the kind's series for the year. Call inside a transaction: the series
    row stays locked until it commits, so two concurrent issues never share a number, and a
    failed issue gives its number back."""
    series = _locked_series(kind, year)
    number = series.next_number
    series.next_number = number + 1
    series.save(update_fields=["next_number"])
    return series, number


def do_issue_document(*, kind: str, subject: models.Model, actor, doc: OfficialDocument) -> IssuedDocument:
    """Number `doc` (its doc_number is ignored), render it, store both files and record a
    "document_issued" event on `subject` with the files attached. `actor=None` is the system."""
    if actor is not None and not actor.has_perm("documents.issue_document"):
        raise DocumentError(gettext("You may not issue official documents."))
    if not doc.title.strip():
        raise DocumentError(gettext("A document needs a title."))
    rendered = None
    if not transaction.get_connection().in_atomic_block:
        # Draw the files before taking the series lock (a PDF takes a second or so), with the
        # number that is next now; drawn again below only if another issue takes it meanwhile.
        rendered = _render(doc, kind, _peek_number(kind, doc.date.year))
    with transaction.atomic():
        series, serial = take_number(kind, doc.date.year)
        number = series.format(serial)
        if rendered is None or rendered[0].doc_number != number:
            rendered = _render(doc, kind, number)
        doc, docx, pdf = rendered
        issued = IssuedDocument(
            kind=kind, year=series.year, serial=serial, number=doc.doc_number, title=doc.title,
            recipient=doc.recipient, content=_content(doc),
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk,
            issued_by=actor, issued_at=clock.now(),
        )
        issued.docx.save("document.docx", ContentFile(docx), save=False)
        issued.pdf.save("document.pdf", ContentFile(pdf), save=False)
        issued.save()
        append_event(subject, "document_issued", actor, {
            "document": issued.pk, "kind": kind, "number": issued.number, "title": issued.title,
            "recipient": issued.recipient,
        }, attachments=[ContentFile(docx, name=issued.file_name("docx")),
                        ContentFile(pdf, name=issued.file_name("pdf"))], at=issued.issued_at)
    return issued


def _peek_number(kind: str, year: int) -> str:
    series = DocumentNumberSeries.objects.filter(kind=kind, year=year).first()
    if series is None:
        series = DocumentNumberSeries(kind=kind, year=year, prefix=_default_prefix(kind, year))
    return series.format(series.next_number)


def _render(doc: OfficialDocument, kind: str, number: str) -> tuple[OfficialDocument, bytes, bytes]:
    doc = dataclasses.replace(doc, doc_number=number, kind=kind)
    return doc, render_docx(doc), render_pdf(doc)


def _content(doc: OfficialDocument) -> dict:
    data = dataclasses.asdict(doc)
    data["date"] = doc.date.isoformat()
    return data


def document_from_content(content: dict) -> OfficialDocument:
    """The OfficialDocument stored with an issued document (or read from a sample file)."""
    import datetime

    fields = {f.name for f in dataclasses.fields(OfficialDocument)}
    data = {key: value for key, value in content.items() if key in fields}
    if isinstance(data.get("date"), str):
        data["date"] = datetime.date.fromisoformat(data["date"])
    if isinstance(data.get("body"), str):
        data["body"] = [line for line in data["body"].splitlines() if line.strip()]
    data.setdefault("doc_number", "")
    return OfficialDocument(**data)
