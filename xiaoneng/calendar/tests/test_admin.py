"""The admin screens for calendar years: only holders of calendar.manage_calendar get in.

The Django admin site also requires is_staff, so every account is made staff here: what is
tested is the calendar's own permission gate, role by role.
"""

from django.urls import reverse

from xiaoneng.calendar import service
from xiaoneng.calendar.actions import do_load_schedules
from xiaoneng.calendar.models import CalendarYear
from xiaoneng.calendar.schedule import parse_schedules
from xiaoneng.calendar.tests.helpers import d
from xiaoneng.calendar.tests.test_schedule import GOOD
from xiaoneng.testing import XiaonengTestCase, make_user

CHANGELIST = reverse("admin:calendar_calendaryear_changelist")
ADD = reverse("admin:calendar_calendaryear_add")


class CalendarAdminPermissionTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.system_admin = make_user("sysadmin", "system_admin")
        cls.everyone = [cls.admin, cls.system_admin, cls.staff, cls.liaison_a, cls.liaison_b,
                        cls.section_liaison, cls.head_a, cls.supervisor, cls.leader]
        for user in cls.everyone:
            user.is_staff = True
            user.save(update_fields=["is_staff"])

    def test_managers_see_the_calendar_years(self):
        for user in (self.admin, self.system_admin):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(CHANGELIST).status_code, 200)
                self.assertEqual(self.client.get(ADD).status_code, 200)

    def test_everyone_else_is_refused(self):
        for user in (self.staff, self.liaison_a, self.liaison_b, self.section_liaison, self.head_a,
                     self.supervisor, self.leader):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(CHANGELIST).status_code, 403)
                self.assertEqual(self.client.get(ADD).status_code, 403)

    def test_anonymous_is_sent_to_log_in(self):
        response = self.client.get(CHANGELIST)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def post_year(self, **days):
        data = {
            "year": "2027", "notice": "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）",
            "other_notices": "", "days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        }
        for i, (day, is_workday) in enumerate(days.items()):
            data[f"days-{i}-date"] = day
            data[f"days-{i}-name"] = "" if is_workday else "元旦"
            if is_workday:
                data[f"days-{i}-is_workday"] = "on"
        return self.client.post(ADD, data)

    def test_adding_a_year_updates_the_calendar_and_calls_back(self):
        calls = []
        service.register_recompute(calls.append)
        self.addCleanup(service.unregister_recompute, calls.append)
        self.login(self.admin)
        self.assertTrue(service.is_provisional(d("2027-01-01")))
        response = self.post_year(**{"2027-01-01": False})
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and
                         response.context["adminform"].form.errors)
        self.assertFalse(service.is_workday(d("2027-01-01")))
        self.assertFalse(service.is_provisional(d("2027-01-01")))
        self.assertEqual(calls, [{2027}])

    def test_a_weekday_cannot_be_an_adjusted_working_day(self):
        self.login(self.admin)
        response = self.post_year(**{"2027-01-04": True})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CalendarYear.objects.exists())

    def test_a_day_outside_the_year_is_refused(self):
        self.login(self.admin)
        response = self.post_year(**{"2028-01-01": False})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CalendarYear.objects.exists())

    def test_a_refused_user_cannot_post(self):
        self.login(self.staff)
        self.assertEqual(self.post_year(**{"2027-01-01": False}).status_code, 403)
        self.assertFalse(CalendarYear.objects.exists())

    def test_deleting_a_year_makes_it_provisional_again(self):
        do_load_schedules(parse_schedules(GOOD))
        self.assertFalse(service.is_provisional(d("2027-01-01")))
        calls = []
        service.register_recompute(calls.append)
        self.addCleanup(service.unregister_recompute, calls.append)
        self.login(self.system_admin)
        row = CalendarYear.objects.get(year=2027)
        delete = reverse("admin:calendar_calendaryear_delete", args=[row.pk])
        response = self.client.post(delete, {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(service.is_provisional(d("2027-01-01")))
        self.assertEqual(calls, [{2027}])
