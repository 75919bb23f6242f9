"""Pages: /dispatch/ and the suggestions panel on the complaint page, for every role."""

from xiaoneng.dispatch.actions import do_train
from xiaoneng.dispatch.tests.base import DispatchTestCase

ROLES = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"]


class ViewTests(DispatchTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        do_train()
        cls.new = cls.file("关于金南镇公交班次的问题，反映多次无人处理。", accused=cls.unit_a)

    def get(self, role, url):
        if role:
            self.login(getattr(self, role))
        else:
            self.client.logout()
        return self.client.get(url)

    def test_index_permissions(self):
        for role in [*ROLES, None]:
            with self.subTest(role=role):
                expected = {"admin": 200, "staff": 200, None: 302}.get(role, 403)
                self.assertEqual(self.get(role, "/dispatch/").status_code, expected)

    def test_index_shows_the_model_in_chinese(self):
        response = self.get("staff", "/dispatch/")
        self.assertContains(response, "派单模型")
        self.assertContains(response, "最常见单位")
        self.assertContains(response, "48")

    def test_index_queries_do_not_grow_with_trainings(self):
        for _ in range(3):
            do_train(measure=False)
        self.login(self.staff)
        with self.assertNumQueries(9):
            self.client.get("/dispatch/")

    def test_panel_only_for_those_who_triage(self):
        url = self.new.get_absolute_url()
        for role in [*ROLES, None]:
            with self.subTest(role=role):
                response = self.get(role, url)
                if role in ("admin", "staff"):
                    self.assertContains(response, "派单建议")
                    self.assertContains(response, "县交通运输局")
                else:
                    self.assertNotContains(response, "派单建议", status_code=response.status_code)

    def test_unit_roles_do_not_see_the_panel_on_their_own_complaint(self):
        from xiaoneng.matters.actions import do_assign_matter

        complaint = self.file("关于村道修补的问题，反映多次无人处理。")
        do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_a)
        for role in ("liaison_a", "head_a", "leader"):
            with self.subTest(role=role):
                response = self.get(role, complaint.get_absolute_url())
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "派单建议")

    def test_panel_is_gone_once_assigned(self):
        from xiaoneng.matters.actions import do_assign_matter

        do_assign_matter(self.new.matter, actor=self.staff, unit=self.unit_b)
        self.assertNotContains(self.get("staff", self.new.get_absolute_url()), "派单建议")

    def test_panel_lists_a_repeat_with_a_marking_button(self):
        repeat = self.file("关于金南镇公交班次的问题，反映多次无人处理，要求给个说法。", accused=self.unit_a)
        response = self.get("staff", repeat.get_absolute_url())
        self.assertContains(response, "可能的重复件")
        self.assertContains(response, f'value="{self.new.tracking_code}"')
        self.assertContains(response, "标记为此件的重复件")
