"""Every catalogue is complete and its compiled .mo matches the .po beside it."""

import gettext

import polib
from django.test import SimpleTestCase

from xiaoneng.web.management.commands.compilemessages_py import catalogues


class TranslationCatalogueTests(SimpleTestCase):
    def test_there_are_catalogues(self):
        self.assertTrue(catalogues())

    def test_every_entry_is_translated(self):
        for path in catalogues():
            po = polib.pofile(str(path))
            missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
            self.assertEqual(missing, [], f"untranslated in {path}")

    def test_compiled_catalogue_is_current(self):
        for path in catalogues():
            with open(path.with_suffix(".mo"), "rb") as handle:
                compiled = gettext.GNUTranslations(handle)
            for entry in polib.pofile(str(path)):
                if entry.obsolete or "fuzzy" in entry.flags:
                    continue
                if entry.msgid_plural:
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
                    want = entry.msgstr_plural[0]
                elif entry.msgctxt:
                    got = compiled.pgettext(entry.msgctxt, entry.msgid)
                    want = entry.msgstr
                else:
                    got, want = compiled.gettext(entry.msgid), entry.msgstr
                self.assertEqual(got, want, f"{path}: run ./run messages")
