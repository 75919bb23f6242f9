"""Compile every app's .po catalogue to .mo in pure Python (no GNU gettext needed)."""

from pathlib import Path

from django.core.management.base import BaseCommand

import xiaoneng


def catalogues() -> list[Path]:
    return sorted(Path(xiaoneng.__file__).parent.glob("**/locale/*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Compile the .po translation catalogues of every xiaoneng app to .mo files."

    def handle(self, *args, **options) -> None:
        import polib

        for po_path in catalogues():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(Path.cwd())}")
