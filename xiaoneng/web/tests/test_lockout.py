"""Repeated failed logins lock the account and, separately, the address (django-axes)."""

from django.test import override_settings
from django.urls import reverse

from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase

PASSWORD = "pw-for-tests-only"


def attempt(client, username: str, password: str, address: str = "10.1.1.1"):
    return client.post(reverse("web:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
class LockoutTests(XiaonengTestCase):
    def test_an_account_is_locked_after_the_limit_even_with_the_right_password(self):
        for _ in range(2):
            self.assertEqual(attempt(self.client, "liaison_a", "wrong-password").status_code, 200)
        # The failure that reaches the limit is answered with the lockout page already.
        self.assertEqual(attempt(self.client, "liaison_a", "wrong-password").status_code, 429)
        locked = attempt(self.client, "liaison_a", PASSWORD, address="10.2.2.2")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "锁定", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # Every failure is audited, the refused attempt during the lockout too.
        self.assertEqual(AuditEntry.objects.filter(action="auth.login_failed").count(), 4)

    def test_an_address_is_locked_for_every_account(self):
        for name in ("nobody-1", "nobody-2", "nobody-3"):
            attempt(self.client, name, "wrong-password", address="10.3.3.3")
        self.assertEqual(attempt(self.client, "liaison_b", PASSWORD, address="10.3.3.3").status_code, 429)
        self.assertEqual(attempt(self.client, "liaison_b", PASSWORD, address="10.4.4.4").status_code, 302)

    def test_a_success_before_the_limit_resets_the_count(self):
        attempt(self.client, "liaison_a", "wrong-password")
        attempt(self.client, "liaison_a", "wrong-password")
        self.assertEqual(attempt(self.client, "liaison_a", PASSWORD).status_code, 302)
        self.client.post(reverse("web:logout"))
        for _ in range(2):
            attempt(self.client, "liaison_a", "wrong-password")
        self.assertEqual(attempt(self.client, "liaison_a", PASSWORD).status_code, 302)
