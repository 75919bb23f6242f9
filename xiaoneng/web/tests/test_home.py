from xiaoneng.testing import XiaonengTestCase


class HomeTests(XiaonengTestCase):
    def test_anonymous_is_sent_to_the_public_portal(self):
        response = self.client.get("/")
        self.assertRedirects(response, "/public/")

    def test_the_portal_links_to_the_staff_login(self):
        self.assertContains(self.client.get("/public/"), 'href="/login/"')

    def test_every_role_sees_its_roles_in_chinese(self):
        for user in (self.admin, self.staff, self.liaison_a, self.supervisor, self.leader):
            self.login(user)
            response = self.client.get("/")
            self.assertEqual(response.status_code, 200)
        self.login(self.liaison_a)
        self.assertContains(self.client.get("/"), "县交通运输局")

    def test_login_page_speaks_chinese(self):
        self.assertContains(self.client.get("/login/"), 'lang="zh-hans"')


class NavigationTests(XiaonengTestCase):
    def test_links_follow_permissions(self):
        self.login(self.staff)
        page = self.client.get("/").content.decode()
        self.assertIn("/matters/", page)
        self.assertIn("/scoring/proposals/", page)
        self.assertNotIn("/audit/", page)

    def test_complaint_links_by_role(self):
        self.login(self.staff)
        page = self.client.get("/").content.decode()
        for path in ("/complaints/", "/dashboard/", "/complaints/import/"):
            self.assertIn(path, page)
        self.login(self.liaison_a)
        page = self.client.get("/").content.decode()
        self.assertIn("/complaints/inbox/", page)
        self.assertNotIn("/dashboard/", page)
        self.assertNotIn('href="/complaints/"', page)

    def test_inspection_links(self):
        self.login(self.supervisor)
        page = self.client.get("/").content.decode()
        self.assertIn("/inspections/", page)
        self.assertNotIn("/procedures/", page)
        self.login(self.staff)
        page = self.client.get("/").content.decode()
        for path in ("/inspections/", "/procedures/", "/documents/"):
            self.assertIn(path, page)

    def test_audit_link_only_for_the_audit_administrator(self):
        from xiaoneng.testing import make_user

        self.login(make_user("auditor", "audit_admin"))
        self.assertContains(self.client.get("/"), "/audit/")
        self.login(self.admin)
        self.assertNotContains(self.client.get("/"), "/audit/")


class LanguageTests(XiaonengTestCase):
    def test_chinese_even_for_an_english_browser(self):
        response = self.client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, "登录")
        self.assertEqual(response["Content-Language"], "zh-hans")

    def test_english_only_when_chosen(self):
        self.client.cookies["django_language"] = "en"
        self.assertContains(self.client.get("/login/"), "Log in")


class PaginationTests(XiaonengTestCase):
    def test_pager_keeps_the_filters_and_speaks_chinese(self):
        from django.core.paginator import Paginator
        from django.template.loader import render_to_string
        from django.utils import translation

        page = Paginator(range(30), 10).get_page(2)
        with translation.override("zh-hans"):
            html = render_to_string("web/_pagination.html", {"page": page, "query": "state=assigned"})
        self.assertIn('href="?state=assigned&amp;page=1"', html)
        self.assertIn('href="?state=assigned&amp;page=3"', html)
        self.assertIn("上一页", html)
        self.assertIn("2 / 3", html)
