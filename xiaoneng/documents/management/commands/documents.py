"""`xiaoneng documents`: preview official documents.

    xiaoneng documents render SAMPLE.json -o OUT.docx|OUT.pdf

SAMPLE.json holds the fields of an OfficialDocument: issuer, doc_number, title, recipient,
body (a list of paragraphs, or one text with a paragraph per line), signature, date
(YYYY-MM-DD), cc. Nothing is numbered or stored: this is for office staff to check the
layout and the fonts. Bad input exits 2 with the reason on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.documents.actions import document_from_content
from xiaoneng.documents.render import FontMissing, render_docx, render_pdf

RENDERERS = {".docx": render_docx, ".pdf": render_pdf}


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Render an official document from a JSON sample, to check its layout (nothing is stored)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        render = sub.add_parser("render", help="render SAMPLE.json to a .docx or .pdf file")
        render.add_argument("sample", help="a JSON file with the document's fields")
        render.add_argument("-o", "--output", required=True, help="the file to write: OUT.docx or OUT.pdf")

    def handle(self, *args, action: str, sample: str, output: str, **options) -> None:
        target = Path(output)
        renderer = RENDERERS.get(target.suffix.lower())
        if renderer is None:
            raise bad(f"{output}: the output must end in .docx or .pdf")
        try:
            content = json.loads(Path(sample).read_text(encoding="utf-8"))
        except OSError as exc:
            raise bad(f"{sample}: {exc.strerror}") from None
        except ValueError as exc:
            raise bad(f"{sample} is not JSON: {exc}") from None
        if not isinstance(content, dict):
            raise bad(f"{sample} must hold one JSON object with the document's fields")
        try:
            doc = document_from_content(content)
        except (TypeError, ValueError) as exc:
            raise bad(f"{sample}: {exc}") from None
        try:
            data = renderer(doc)
        except FontMissing as exc:
            raise CommandError(str(exc)) from None
        target.write_bytes(data)
        self.stdout.write(f"wrote {target} ({len(data)} bytes)")
