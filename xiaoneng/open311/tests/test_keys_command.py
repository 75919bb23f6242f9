"""`xiaoneng open311-key create | revoke | list` and what the keys do."""

from io import StringIO

from django.core.management import CommandError, call_command

from xiaoneng.audit.models import AuditEntry
from xiaoneng.open311.keys import authenticate
from xiaoneng.open311.models import ApiKey
from xiaoneng.open311.tests.helpers import Open311TestCase


def run(*args) -> str:
    out = StringIO()
    call_command("open311-key", *args, stdout=out)
    return out.getvalue()


class KeyCommandTests(Open311TestCase):
    def test_create_prints_the_key_once_and_stores_a_hash(self):
        output = run("create", "政务 App")
        plain = output.strip().splitlines()[-1]
        key = ApiKey.objects.get(name="政务 App")
        self.assertTrue(plain.startswith("o311_"))
        self.assertNotEqual(key.key_hash, plain)
        self.assertFalse(ApiKey.objects.filter(key_hash__contains=plain[5:]).exists())
        self.assertEqual(authenticate(plain), key)

    def test_created_key_files_requests(self):
        plain = run("create", "政务 App").strip().splitlines()[-1]
        self.assertEqual(self.post(api_key=plain).status_code, 201)

    def test_revoke_stops_the_key(self):
        run("revoke", "城市通 App")
        self.assertIsNone(authenticate(self.plain_key))
        self.assertEqual(self.post().status_code, 403)

    def test_list_shows_names_prefixes_and_state(self):
        run("create", "政务 App")
        run("revoke", "政务 App")
        lines = run("list").splitlines()
        self.assertEqual([line.split("\t")[0] for line in lines], ["城市通 App", "政务 App"])
        self.assertIn("active", lines[0])
        self.assertIn("revoked", lines[1])
        self.assertNotIn(self.plain_key, "".join(lines))

    def test_duplicate_name_fails(self):
        with self.assertRaises(CommandError):
            run("create", "城市通 App")

    def test_revoke_unknown_or_revoked_fails(self):
        with self.assertRaises(CommandError):
            run("revoke", "nobody")
        run("revoke", "城市通 App")
        with self.assertRaises(CommandError):
            run("revoke", "城市通 App")

    def test_create_and_revoke_are_audited(self):
        run("create", "政务 App")
        run("revoke", "政务 App")
        entries = AuditEntry.objects.filter(action__startswith="open311.")
        actions = list(entries.values_list("action", flat=True))
        self.assertEqual(actions.count("open311.key.create"), 2)  # with the one of setUpTestData
        self.assertIn("open311.key.revoke", actions)

    def test_empty_or_unknown_keys_authenticate_nobody(self):
        self.assertIsNone(authenticate(""))
        self.assertIsNone(authenticate("o311_" + "x" * 43))
        self.assertIsNone(authenticate("x" * 1000))
