from io import StringIO

from django.core.management import CommandError, call_command

from xiaoneng.api.models import ApiToken
from xiaoneng.api.tests.base import ApiTestCase
from xiaoneng.audit.models import AuditEntry


def run(*args) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


class TokenCommandTests(ApiTestCase):
    def test_create_prints_a_working_token(self):
        plain = run("create", "liaison_a", "--name", "12345 hotline").strip()
        token = ApiToken.objects.get(prefix=plain[:10])
        self.assertEqual((token.user, token.name, token.expires_at), (self.liaison_a, "12345 hotline", None))
        self.assertEqual(self.api("get", "/api/v1/matters", token=plain).status_code, 200)
        self.assertTrue(AuditEntry.objects.filter(action="api.token_create").exists())

    def test_create_with_expiry(self):
        run("create", "staff", "--expires-days", "30")
        self.assertIsNotNone(ApiToken.objects.filter(user=self.staff).latest("pk").expires_at)

    def test_create_refuses_unknown_and_disabled_accounts(self):
        with self.assertRaises(CommandError):
            run("create", "nobody")
        self.leader.is_active = False
        self.leader.save()
        with self.assertRaises(CommandError):
            run("create", "leader")
        with self.assertRaises(CommandError):
            run("create", "staff", "--expires-days", "0")

    def test_list_shows_prefixes_not_tokens(self):
        plain = run("create", "staff", "--name", "报表系统").strip()
        listing = run("list", "--user", "staff")
        self.assertIn("报表系统", listing)
        self.assertIn(plain[:10], listing)
        self.assertNotIn(plain, listing)

    def test_revoke(self):
        plain = run("create", "staff").strip()
        token = ApiToken.objects.get(prefix=plain[:10])
        self.assertIn("revoked", run("revoke", str(token.pk)))
        self.assertEqual(self.api("get", "/api/v1/matters", token=plain).status_code, 401)
        self.assertIn("already", run("revoke", str(token.pk)))
        self.assertIn("revoked", run("list"))
        self.assertEqual(AuditEntry.objects.filter(action="api.token_revoke").count(), 1)

    def test_revoke_unknown_id(self):
        with self.assertRaises(CommandError):
            run("revoke", "99999")
