"""One issue, three files: the red-header .docx, the PDF and the HTML page, from the same content."""

from __future__ import annotations

from django.template.loader import render_to_string

from xiaoneng.bulletin.models import Issue, Section
from xiaoneng.documents.render import (
    Bulletin,
    BulletinEntry,
    BulletinSection,
    render_bulletin_docx,
    render_bulletin_pdf,
)

FORMATS = ("docx", "pdf", "html")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def sections_of(issue: Issue) -> list[tuple[Section, list]]:
    """The issue's items grouped by section, sections in their configured order (empty ones left out)."""
    items = list(issue.items.select_related("section", "credit_unit").order_by("section__order", "section_id",
                                                                               "order", "pk"))
    grouped: dict[int, tuple[Section, list]] = {}
    for item in items:
        grouped.setdefault(item.section_id, (item.section, []))[1].append(item)
    return list(grouped.values())


def bulletin_of(issue: Issue) -> Bulletin:
    return Bulletin(
        name=issue.name, year=issue.year, number=issue.number, editing_unit=issue.editing_unit,
        date=issue.date, report_to=issue.report_to, send_to=issue.send_to, issue_to=issue.issue_to,
        sections=[BulletinSection(section.name, [BulletinEntry(item.title, item.paragraphs, item.credit)
                                                 for item in items])
                  for section, items in sections_of(issue)])


def render_html(issue: Issue, *, standalone: bool = True) -> str:
    """A self-contained HTML page (inline style, no external files) for archiving or mailing."""
    return render_to_string("bulletin/issue_document.html",
                            {"bulletin": bulletin_of(issue), "issue": issue, "standalone": standalone})


def render(issue: Issue, fmt: str) -> bytes:
    if fmt == "docx":
        return render_bulletin_docx(bulletin_of(issue))
    if fmt == "pdf":
        return render_bulletin_pdf(bulletin_of(issue))
    if fmt == "html":
        return render_html(issue).encode("utf-8")
    raise ValueError(fmt)


def filename(issue: Issue, fmt: str) -> str:
    return f"{issue.name}{issue.year}年第{issue.number}期.{fmt}"
