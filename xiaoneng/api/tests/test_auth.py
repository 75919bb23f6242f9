import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from xiaoneng.api.models import ApiToken
from xiaoneng.api.tests.base import ApiTestCase
from xiaoneng.api.tokens import do_create_token, do_revoke_token
from xiaoneng.matters.models import State

ACTIONS = ("assign", "reply", "return", "verify", "close", "reopen", "urge")
ENDPOINTS = [("get", "/api/v1/matters"), ("get", "/api/v1/matters/X"), ("get", "/api/v1/matters/X/events"),
             ("post", "/api/v1/complaints"), *[("post", f"/api/v1/matters/X/{a}") for a in ACTIONS]]


class TokenAuthTests(ApiTestCase):
    def test_every_endpoint_needs_authentication(self):
        for method, path in ENDPOINTS:
            with self.subTest(path=path):
                response = self.api(method, path)
                self.assertEqual(response.status_code, 401)
                self.assertEqual(self.error_code(response), "not_authenticated")
                self.assertEqual(response["WWW-Authenticate"], "Bearer")

    def test_a_made_up_token_is_refused(self):
        for token in ("xn_" + "a" * 43, "nonsense", "xn_", "x" * 500):
            self.assertEqual(self.api("get", "/api/v1/matters", token=token).status_code, 401)

    def test_another_scheme_is_refused(self):
        response = self.api("get", "/api/v1/matters", headers={"Authorization": "Basic YWRtaW46cHc="})
        self.assertEqual(response.status_code, 401)

    def test_a_token_acts_as_its_user(self):
        self.assertEqual(self.api("get", "/api/v1/matters", "staff").status_code, 200)

    def test_revoked_token_stops_working(self):
        token, plain = do_create_token(self.staff)
        do_revoke_token(token)
        self.assertEqual(self.api("get", "/api/v1/matters", token=plain).status_code, 401)

    def test_expired_token_stops_working(self):
        token, plain = do_create_token(self.staff, expires_at=timezone.now() + datetime.timedelta(days=1))
        self.assertEqual(self.api("get", "/api/v1/matters", token=plain).status_code, 200)
        with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
            self.assertEqual(self.api("get", "/api/v1/matters", token=plain).status_code, 401)

    def test_a_disabled_account_cannot_use_its_token(self):
        self.staff.is_active = False
        self.staff.save()
        self.assertEqual(self.api("get", "/api/v1/matters", "staff").status_code, 401)

    def test_last_used_is_noted_at_most_once_a_minute(self):
        token, plain = do_create_token(self.staff)
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            self.api("get", "/api/v1/matters", token=plain)
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, start)
        with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
            self.api("get", "/api/v1/matters", token=plain)
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, start)

    def test_only_a_digest_is_stored(self):
        token, plain = do_create_token(self.staff)
        self.assertNotIn(plain, str(ApiToken.objects.filter(pk=token.pk).values().get()))
        self.assertTrue(plain.startswith(token.prefix))


class SessionAndCsrfTests(ApiTestCase):
    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)

    def test_session_may_read(self):
        self.client.force_login(self.staff)
        self.assertEqual(self.api("get", "/api/v1/matters").status_code, 200)

    def test_session_post_without_csrf_is_refused(self):
        m = self.matter(State.ASSIGNED)
        self.client.force_login(self.staff)
        response = self.api("post", f"/api/v1/matters/{m.public_id}/urge", body={})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.error_code(response), "csrf_failed")
        self.assertEqual(self.kinds_of_events(m).count("urged"), 0)

    def test_session_post_with_csrf_works(self):
        m = self.matter(State.ASSIGNED)
        self.client.force_login(self.staff)
        self.client.get("/api/v1/docs")  # sets the CSRF cookie
        csrf = self.client.cookies["csrftoken"].value
        response = self.api("post", f"/api/v1/matters/{m.public_id}/urge", body={},
                            headers={"X-CSRFToken": csrf})
        self.assertEqual(response.status_code, 200)

    def test_token_post_needs_no_csrf(self):
        m = self.matter(State.ASSIGNED)
        self.assertEqual(self.api("post", f"/api/v1/matters/{m.public_id}/urge", "staff").status_code, 200)

    def test_a_bad_token_does_not_fall_back_to_the_session(self):
        self.client.force_login(self.staff)
        self.assertEqual(self.api("get", "/api/v1/matters", token="xn_wrong").status_code, 401)
