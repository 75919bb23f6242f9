"""The package sent up to the city: the quarter's typical achievements as one .zip holding
`清单.xlsx` (one row per achievement, the columns the city's notice asks for) and
`材料/<n>-<file>` (each achievement's evidence, numbered like the list's rows).

Why a zip of a spreadsheet and files rather than a DOCX: the city collects the counties' lists
into its own table for the contest, and evidence is photos and PDFs that do not belong inside a
document; a zip keeps both as the city receives them.
"""

from __future__ import annotations

import io
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from xiaoneng.achievements.models import Declaration, DeclarationState
from xiaoneng.trace.models import EventAttachment
from xiaoneng.web.exports import xlsx_bytes


def selected(year: int, quarter: int) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(year=year, quarter=quarter, state=DeclarationState.SELECTED)
        .select_related("unit")
        .order_by("unit__sort_order", "unit__pk", "pk")
    )


def evidence_of(declarations: list[Declaration]) -> dict[int, list[EventAttachment]]:
    by_declaration: dict[int, list[EventAttachment]] = {}
    files = (
        EventAttachment.objects.filter(
            event__content_type=ContentType.objects.get_for_model(Declaration),
            event__object_id__in=[d.pk for d in declarations],
        )
        .select_related("event")
        .order_by("event__object_id", "event__seq", "position")
    )
    for file in files:
        by_declaration.setdefault(file.event.object_id, []).append(file)
    return by_declaration


def package_bytes(year: int, quarter: int) -> tuple[bytes, int]:
    """The zip and how many achievements it holds."""
    declarations = list(selected(year, quarter))
    files = evidence_of(declarations)
    headers = [_("No."), _("Unit"), _("Title"), _("What was done"), _("For whom"), _("Evidence files")]
    rows = [
        [n, d.unit.name, d.title, d.what_done, d.beneficiaries, len(files.get(d.pk, []))]
        for n, d in enumerate(declarations, 1)
    ]
    folder = _("evidence")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_("list") + ".xlsx", xlsx_bytes(headers, rows, sheet=_("Typical achievements")))
        for n, declaration in enumerate(declarations, 1):
            for file in files.get(declaration.pk, []):
                with file.file.open("rb") as handle:
                    archive.writestr(f"{folder}/{n:02d}-{file.name}", handle.read())
    return out.getvalue(), len(declarations)
