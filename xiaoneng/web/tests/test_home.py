from xiaoneng.testing import XiaonengTestCase


class HomeTests(XiaonengTestCase):
    def test_anonymous_is_sent_to_login(self):
        response = self.client.get("/")
        self.assertRedirects(response, "/login/?next=/")

    def test_every_role_sees_its_roles_in_chinese(self):
        for user in (self.admin, self.staff, self.liaison_a, self.supervisor, self.leader):
            self.login(user)
            response = self.client.get("/")
            self.assertEqual(response.status_code, 200)
        self.login(self.liaison_a)
        self.assertContains(self.client.get("/"), "县交通运输局")

    def test_login_page_speaks_chinese(self):
        self.assertContains(self.client.get("/login/"), 'lang="zh-hans"')
