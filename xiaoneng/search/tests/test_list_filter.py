"""The `q` filter of the matters list (/matters/?q=...)."""

from django.urls import reverse

from xiaoneng.search.tests.base import SearchTestCase


class ListFilterTests(SearchTestCase):
    def setUp(self):
        self.text_matter("交通局窗口投诉", "服务态度恶劣", unit=self.unit_a)
        self.text_matter("交通局路灯", "夜间无照明", unit=self.unit_a)
        self.text_matter("人社局窗口投诉", "服务态度恶劣", unit=self.unit_b)

    def get(self, user, q: str):
        self.login(user)
        return self.client.get(reverse("matters:list"), {"q": q})

    def test_staff_find_every_units_matters(self):
        response = self.get(self.staff, "态度")
        self.assertContains(response, "交通局窗口投诉")
        self.assertContains(response, "人社局窗口投诉")
        self.assertNotContains(response, "交通局路灯")

    def test_a_liaison_finds_only_its_own(self):
        response = self.get(self.liaison_a, "态度")
        self.assertContains(response, "交通局窗口投诉")
        self.assertNotContains(response, "人社局窗口投诉")

    def test_the_query_stays_in_the_form(self):
        self.assertContains(self.get(self.staff, "态度"), 'value="态度"')
