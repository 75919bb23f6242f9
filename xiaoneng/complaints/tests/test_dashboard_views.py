"""/dashboard/: who may see it, what the page shows, and a bounded number of queries."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xiaoneng.complaints.tests.dashboard_data import TODAY, DashboardTestCase, date, day
from xiaoneng.testing import make_user

URL = reverse("dashboard:index")


@time_machine.travel(TODAY, tick=False)
class AccessTests(DashboardTestCase):
    def status(self, user) -> int:
        self.login(user)
        return self.client.get(URL).status_code

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.client.get(URL).status_code, 302)

    def test_county_wide_readers_see_it(self):
        for user in (self.admin, self.staff, self.leader, self.confirmer):
            self.assertEqual(self.status(user), 200, user.username)

    def test_unit_roles_are_refused(self):
        unit_staff = make_user("unit_staff", "unit_staff", self.unit_a)
        for user in (self.liaison_a, self.liaison_b, self.section_liaison, self.head_a, unit_staff):
            self.assertEqual(self.status(user), 403, user.username)

    def test_supervisors_and_administrators_are_refused(self):
        admins = [make_user(role, role) for role in ("system_admin", "security_admin", "audit_admin")]
        for user in (self.supervisor, *admins):
            self.assertEqual(self.status(user), 403, user.username)


@time_machine.travel(TODAY, tick=False)
class PageTests(DashboardTestCase):
    def setUp(self):
        self.login(self.leader)

    def test_rates_are_shown_with_their_counts(self):
        response = self.client.get(URL)
        self.assertContains(response, "60%（3/5）")  # unit A on time
        self.assertContains(response, "67%（2/3）")  # unit A substantiated
        self.assertContains(response, "100%（1/1）")  # unit B, listed but not ranked

    def test_needs_attention_links_to_those_complaints(self):
        response = self.client.get(URL)
        self.assertContains(response, f'<a href="{reverse("complaints:list")}?attention=on">1</a>', html=True)

    def test_overdue_list(self):
        self.assertContains(self.client.get(URL), "逾期未办的投诉")

    def test_period_filter(self):
        response = self.client.get(URL, {"start": "2025-10-01", "end": "2025-12-31"})
        self.assertContains(response, '<dd id="total">0</dd>', html=True)

    def test_a_backwards_period_is_refused(self):
        response = self.client.get(URL, {"start": "2025-12-31", "end": "2025-01-01"})
        self.assertEqual(response.status_code, 400)

    def test_kind_filter(self):
        response = self.client.get(URL, {"start": "2025-01-01", "end": "2025-12-31", "kind": self.enquiry.pk})
        self.assertContains(response, '<dd id="total">0</dd>', html=True)

    def test_no_identity_on_the_page(self):
        self.assertNotContains(self.client.get(URL), "tracking")


@time_machine.travel(TODAY, tick=False)
class QueryCountTests(DashboardTestCase):
    def queries(self) -> int:
        self.login(self.staff)
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(URL).status_code, 200)
        return len(captured)

    def test_bounded_whatever_the_number_of_complaints(self):
        few = self.queries()
        for i in range(20):
            unit = (self.unit_a, self.unit_b, self.section_a)[i % 3]
            self.case(unit, "assigned", "slow", deadline=date(10, 1), colour="red", missed=True, running=True)
            self.case(unit, "closed", "fees", deadline=date(10, 15), replied=day(10, 2), verdict="partly",
                      satisfaction="satisfied")
        self.assertEqual(self.queries(), few)
        self.assertLessEqual(few, 13)  # 12, plus django-otp reading the session's device
