"""The second factor: mandatory for the center's staff and administrators, optional for others."""

import datetime

import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase, log_in_with_password

PASSWORD = "pw-for-tests-only"


def code(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:0{device.digits}d}"


class RequiredSecondFactorTests(XiaonengTestCase):
    def test_staff_without_a_device_must_enrol_before_anything_else(self):
        self.assertTrue(log_in_with_password(self.client, "staff", PASSWORD))
        for url in ("/", reverse("matters:list"), reverse("complaints:list")):
            with self.subTest(url):
                self.assertRedirects(self.client.get(url), reverse("web:second_factor_setup"),
                                     fetch_redirect_response=False)

    def test_enrolling_shows_a_qr_code_and_a_wrong_code_is_refused_in_chinese(self):
        log_in_with_password(self.client, "staff", PASSWORD)
        page = self.client.get(reverse("web:second_factor_setup"))
        self.assertContains(page, "<svg")
        self.assertContains(page, 'id="totp-key"')
        wrong = self.client.post(reverse("web:second_factor_setup"), {"code": "000000"})
        self.assertContains(wrong, "验证码")
        self.assertFalse(TOTPDevice.objects.filter(user=self.staff, confirmed=True).exists())

    def test_a_confirmed_device_opens_the_staff_screens(self):
        log_in_with_password(self.client, "staff", PASSWORD)
        self.client.get(reverse("web:second_factor_setup"))
        device = TOTPDevice.objects.get(user=self.staff)
        response = self.client.post(reverse("web:second_factor_setup"), {"code": code(device)})
        self.assertRedirects(response, reverse("web:home"), fetch_redirect_response=False)
        self.assertTrue(TOTPDevice.objects.get(user=self.staff).confirmed)
        self.assertEqual(self.client.get(reverse("matters:list")).status_code, 200)
        enrolled = AuditEntry.objects.filter(action="auth.second_factor_enrolled", actor=self.staff)
        self.assertTrue(enrolled.exists())

    def test_an_enrolled_user_gives_the_code_after_the_password(self):
        start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
        with time_machine.travel(start, tick=False) as clock:
            self._enrolled_user_logs_in(clock)

    def _enrolled_user_logs_in(self, clock):
        device = TOTPDevice.objects.create(user=self.admin, name="phone", confirmed=True)
        log_in_with_password(self.client, "admin", PASSWORD)
        target = reverse("matters:list")
        response = self.client.get(target)
        self.assertRedirects(response, f"{reverse('web:second_factor')}?next=%2Fmatters%2F",
                             fetch_redirect_response=False)
        wrong = self.client.post(reverse("web:second_factor"), {"code": "12345", "next": target})
        self.assertEqual(wrong.status_code, 200)
        self.assertContains(wrong, "请输入")
        stale = code(device, offset=-20)
        bad = self.client.post(reverse("web:second_factor"), {"code": stale, "next": target})
        self.assertContains(bad, "验证码")
        failed = AuditEntry.objects.filter(action="auth.second_factor_failed", actor=self.admin)
        self.assertTrue(failed.exists())
        # Each failure makes the device wait longer before it accepts another try (django-otp).
        throttled = self.client.post(reverse("web:second_factor"), {"code": code(device), "next": target})
        self.assertEqual(throttled.status_code, 200)
        clock.shift(datetime.timedelta(seconds=60))
        device.refresh_from_db()
        good = self.client.post(reverse("web:second_factor"), {"code": code(device), "next": target})
        self.assertRedirects(good, target, fetch_redirect_response=False)
        self.assertEqual(self.client.get(target).status_code, 200)

    def test_next_never_leads_off_the_site(self):
        device = TOTPDevice.objects.create(user=self.admin, name="phone", confirmed=True)
        log_in_with_password(self.client, "admin", PASSWORD)
        response = self.client.post(reverse("web:second_factor"),
                                    {"code": code(device), "next": "https://evil.example/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_a_half_logged_in_session_gets_no_api_answers_and_may_still_leave(self):
        log_in_with_password(self.client, "staff", PASSWORD)
        self.assertEqual(self.client.get("/api/v1/matters").status_code, 401)
        self.assertEqual(self.client.get(reverse("public:home")).status_code, 200)
        self.assertRedirects(self.client.post(reverse("web:logout")), reverse("web:login"),
                             fetch_redirect_response=False)


class OptionalSecondFactorTests(XiaonengTestCase):
    def test_a_liaison_without_a_device_works_with_the_password_alone(self):
        self.assertTrue(log_in_with_password(self.client, "liaison_a", PASSWORD))
        self.assertEqual(self.client.get(reverse("complaints:inbox")).status_code, 200)

    def test_a_liaison_who_enrolled_is_asked_for_the_code(self):
        TOTPDevice.objects.create(user=self.liaison_a, name="phone", confirmed=True)
        log_in_with_password(self.client, "liaison_a", PASSWORD)
        response = self.client.get(reverse("complaints:inbox"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("web:second_factor")))

    def test_anyone_may_enrol_from_the_setup_page(self):
        log_in_with_password(self.client, "liaison_a", PASSWORD)
        self.assertContains(self.client.get(reverse("web:second_factor_setup")), "<svg")

    def test_anonymous_visitors_are_sent_to_log_in(self):
        for name in ("web:second_factor", "web:second_factor_setup"):
            with self.subTest(name):
                response = self.client.get(reverse(name))
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("web:login")))
