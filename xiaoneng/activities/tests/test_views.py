import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from xiaoneng.activities import actions
from xiaoneng.activities.models import Activity
from xiaoneng.testing import XiaonengTestCase, make_user

ROLES = (
    "admin",
    "staff",
    "leader",
    "supervisor",
    "liaison_a",
    "head_a",
    "section_liaison",
    "liaison_b",
    "unit_staff_b",
)
VIEWERS = dict.fromkeys(ROLES, 200) | {"supervisor": 403}
MANAGERS = ("admin", "staff", "liaison_a", "head_a", "section_liaison", "liaison_b")


class ViewTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unit_staff_b = make_user("staff_b", "unit_staff", cls.unit_b)
        cls.activity = actions.do_create_activity(
            actor=cls.liaison_b,
            kind="signing",
            title="银企融资对接签约大会",
            held_on=datetime.date(2026, 4, 10),
            unit=cls.unit_b,
        )

    def assert_statuses(self, url, expected, method="get", data=None):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        for name in ROLES:
            self.client.force_login(getattr(self, name))
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, expected[name], name)

    def test_index(self):
        self.assert_statuses(reverse("activities:index"), VIEWERS)
        self.assert_statuses(
            reverse("activities:index"), {n: 200 if n in MANAGERS else 403 for n in ROLES}, "post"
        )

    def test_detail_only_within_the_unit(self):
        outside = {"liaison_a": 404, "head_a": 404, "section_liaison": 404}
        self.assert_statuses(self.activity.get_absolute_url(), VIEWERS | outside)

    def test_participant_new(self):
        url = reverse("activities:participant_new", args=[self.activity.public_id])
        data = {"role": "enterprise", "name": "某企业", "headcount": 1}
        self.assert_statuses(
            url,
            {
                "admin": 302,
                "staff": 302,
                "leader": 403,
                "supervisor": 403,
                "liaison_a": 404,
                "head_a": 404,
                "section_liaison": 404,
                "liaison_b": 302,
                "unit_staff_b": 403,
            },
            "post",
            data,
        )
        self.assertEqual(self.activity.participants.count(), 3)

    def test_import(self):
        url = reverse("activities:import", args=[self.activity.public_id])
        self.assert_statuses(
            url,
            {
                "admin": 302,
                "staff": 302,
                "leader": 302,
                "supervisor": 403,
                "liaison_a": 404,
                "head_a": 404,
                "section_liaison": 404,
                "liaison_b": 302,
                "unit_staff_b": 302,
            },
            "post",
        )

    def test_import_page_shows_row_errors(self):
        book = Workbook()
        book.active.append(["角色", "名称"])
        book.active.append(["神仙", "某企业"])
        stream = io.BytesIO()
        book.save(stream)
        self.login(self.liaison_b)
        page = self.client.post(
            reverse("activities:import", args=[self.activity.public_id]),
            {"file": SimpleUploadedFile("p.xlsx", stream.getvalue()), "commit": "1"},
        )
        self.assertContains(page, "import-result")
        self.assertContains(page, "神仙")

    def test_create_from_the_list(self):
        self.login(self.liaison_b)
        self.client.post(
            reverse("activities:index"),
            {
                "kind": "training",
                "title": "河蟹养殖技术培训班",
                "held_on": "2026-05-01",
                "unit": self.unit_b.pk,
            },
        )
        self.assertTrue(Activity.objects.filter(title="河蟹养殖技术培训班").exists())

    def test_list_in_few_queries(self):
        self.login(self.staff)
        with self.assertNumQueries(9):
            self.client.get(reverse("activities:index"))
