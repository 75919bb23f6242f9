"""Sessions end after a period without activity."""

import datetime

import time_machine
from django.test import override_settings
from django.urls import reverse

from xiaoneng.testing import XiaonengTestCase

START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


@override_settings(XIAONENG_SESSION_IDLE_MINUTES=30)
class SessionIdleTests(XiaonengTestCase):
    def test_activity_keeps_the_session_and_idleness_ends_it(self):
        url = reverse("matters:list")
        with time_machine.travel(START, tick=False) as clock:
            self.client.force_login(self.staff)
            self.assertEqual(self.client.get(url).status_code, 200)
            clock.shift(datetime.timedelta(minutes=25))
            self.assertEqual(self.client.get(url).status_code, 200)
            clock.shift(datetime.timedelta(minutes=25))  # 25 minutes since the last request
            self.assertEqual(self.client.get(url).status_code, 200)
            clock.shift(datetime.timedelta(minutes=31))
            response = self.client.get(url)
        self.assertRedirects(response, f"{reverse('web:login')}?next=%2Fmatters%2F",
                             fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
