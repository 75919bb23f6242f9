from django.urls import reverse

from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.org.tests.sheet_helpers import xlsx
from xiaoneng.testing import XiaonengTestCase, make_unit, make_user

USCC = "91110108551385082Q"


class OrgViewTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unit_staff = make_user("clerk", "unit_staff", cls.section_a)
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.system_admin = make_user("sysadm", "system_admin")
        cls.security_admin = make_user("secadm", "security_admin")
        cls.audit_admin = make_user("audadm", "audit_admin")
        cls.target = Target.objects.create(kind="enterprise", name="金湖县某科技有限公司", uscc=USCC)

    def status(self, user, url):
        self.client.logout()
        if user is not None:
            self.login(user)
        return self.client.get(url).status_code


class UnitListTests(OrgViewTestCase):
    url = reverse("org:unit_list")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.url)
        self.assertRedirects(response, f"{reverse('web:login')}?next={self.url}")

    def test_roles_that_may_see_units(self):
        for user in (self.admin, self.staff, self.liaison_a, self.section_liaison, self.head_a,
                     self.unit_staff, self.supervisor, self.leader, self.confirmer, self.system_admin,
                     self.security_admin):
            self.assertEqual(self.status(user, self.url), 200, user.username)

    def test_audit_admin_is_forbidden(self):
        self.assertEqual(self.status(self.audit_admin, self.url), 403)

    def test_center_staff_sees_every_unit_indented(self):
        self.login(self.staff)
        response = self.client.get(self.url)
        self.assertContains(response, "县人力资源和社会保障局")
        self.assertContains(response, "padding-left: 3.5em")  # a section two levels down

    def test_department_liaison_sees_its_sections_only(self):
        self.login(self.liaison_a)
        response = self.client.get(self.url)
        self.assertContains(response, "县交通运输局执法大队")
        self.assertNotContains(response, "县人力资源和社会保障局")

    def test_section_liaison_sees_only_its_section(self):
        self.login(self.section_liaison)
        response = self.client.get(self.url)
        self.assertContains(response, "县交通运输局执法大队")
        self.assertNotContains(response, 'jtj/"')
        self.assertNotContains(response, "金湖县")

    def test_key_filter(self):
        self.login(self.staff)
        response = self.client.get(self.url, {"key": "1"})
        self.assertContains(response, "县交通运输局")
        self.assertNotContains(response, 'href="/org/units/xnzx/"')

    def test_ended_units_hidden_unless_asked(self):
        make_unit("nw", "县农业委员会", parent=self.county, valid_to="2019-02-28", successor=self.unit_a)
        self.login(self.staff)
        self.assertNotContains(self.client.get(self.url), "县农业委员会")
        self.assertContains(self.client.get(self.url, {"all": "1"}), "县农业委员会")


class UnitDetailTests(OrgViewTestCase):
    def url(self, unit: Unit) -> str:
        return reverse("org:unit_detail", args=[unit.code])

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.status(None, self.url(self.unit_a)), 302)

    def test_audit_admin_is_forbidden(self):
        self.assertEqual(self.status(self.audit_admin, self.url(self.unit_a)), 403)

    def test_other_unit_is_not_found(self):
        self.assertEqual(self.status(self.liaison_b, self.url(self.unit_a)), 404)
        self.assertEqual(self.status(self.liaison_a, self.url(self.unit_b)), 404)
        self.assertEqual(self.status(self.head_a, self.url(self.unit_b)), 404)

    def test_section_liaison_cannot_see_its_department(self):
        self.assertEqual(self.status(self.section_liaison, self.url(self.unit_a)), 404)
        self.assertEqual(self.status(self.unit_staff, self.url(self.unit_a)), 404)

    def test_department_liaison_sees_its_section_with_persons(self):
        self.login(self.liaison_a)
        response = self.client.get(self.url(self.section_a))
        self.assertContains(response, "liaison_a_section")

    def test_county_wide_roles_see_any_unit(self):
        for user in (self.admin, self.staff, self.supervisor, self.leader, self.confirmer,
                     self.system_admin, self.security_admin):
            self.assertEqual(self.status(user, self.url(self.unit_b)), 200, user.username)

    def test_persons_hidden_without_permission(self):
        for user in (self.unit_staff, self.supervisor, self.system_admin):
            self.client.logout()
            self.login(user)
            self.assertNotContains(self.client.get(self.url(self.section_a)), "liaison_a_section")

    def test_successor_and_predecessor_are_linked(self):
        old = make_unit("nw", "县农业委员会", parent=self.county, valid_to="2019-02-28",
                        successor=self.unit_a)
        self.login(self.staff)
        response = self.client.get(self.url(old))
        self.assertContains(response, 'href="/org/units/jtj/"')
        self.assertContains(response, "终止日期：2019-02-28")
        self.assertContains(response, "该单位已于 2019-02-28 撤销。")
        self.assertContains(self.client.get(self.url(self.unit_a)), 'href="/org/units/nw/"')

    def test_breadcrumb_hides_units_above_a_liaison(self):
        self.login(self.liaison_a)
        response = self.client.get(self.url(self.section_a))
        self.assertContains(response, 'href="/org/units/jtj/"')
        self.assertNotContains(response, 'href="/org/units/county/"')


class TargetViewTests(OrgViewTestCase):
    list_url = reverse("org:target_list")

    def detail_url(self):
        return reverse("org:target_detail", args=[self.target.pk])

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.status(None, self.list_url), 302)
        self.assertEqual(self.status(None, self.detail_url()), 302)

    def test_permitted_roles(self):
        for user in (self.admin, self.staff, self.liaison_a, self.head_a, self.unit_staff, self.leader):
            self.assertEqual(self.status(user, self.list_url), 200, user.username)
            self.assertEqual(self.status(user, self.detail_url()), 200, user.username)

    def test_forbidden_roles(self):
        for user in (self.supervisor, self.confirmer, self.system_admin, self.security_admin,
                     self.audit_admin):
            self.assertEqual(self.status(user, self.list_url), 403, user.username)
            self.assertEqual(self.status(user, self.detail_url()), 403, user.username)

    def test_search_by_name_and_uscc(self):
        Target.objects.create(kind="household", name="张家")
        self.login(self.staff)
        self.assertContains(self.client.get(self.list_url, {"q": "科技"}), USCC)
        self.assertNotContains(self.client.get(self.list_url, {"q": "科技"}), "张家")
        self.assertContains(self.client.get(self.list_url, {"q": USCC[:8]}), "金湖县某科技有限公司")
        self.assertNotContains(self.client.get(self.list_url, {"kind": "household"}), USCC)

    def test_paginated(self):
        Target.objects.bulk_create(Target(kind="household", name=f"户{i:03}") for i in range(60))
        self.login(self.staff)
        response = self.client.get(self.list_url, {"kind": "household"})
        self.assertContains(response, "1 / 2")
        self.assertContains(self.client.get(self.list_url, {"kind": "household", "page": 2}), "户059")

    def test_missing_target(self):
        self.assertEqual(self.status(self.staff, reverse("org:target_detail", args=[999999])), 404)


class ImportViewTests(OrgViewTestCase):
    url = reverse("org:import")

    def upload(self, rows, **extra):
        data = xlsx(rows)
        data.name = "units.xlsx"
        return self.client.post(self.url, {"kind": "units", "file": data, **extra})

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.status(None, self.url), 302)

    def test_permitted_roles(self):
        for user in (self.admin, self.system_admin):
            self.assertEqual(self.status(user, self.url), 200, user.username)

    def test_forbidden_roles(self):
        for user in (self.staff, self.liaison_a, self.section_liaison, self.head_a, self.unit_staff,
                     self.supervisor, self.leader, self.confirmer, self.security_admin, self.audit_admin):
            self.assertEqual(self.status(user, self.url), 403, user.username)

    def test_row_errors_shown_in_chinese_and_nothing_written(self):
        self.login(self.admin)
        response = self.upload([["编码", "全称", "类型", "上级编码"], ["gaj", "县公安局", "部门", "county"],
                                ["gaj-1", "户政科", "科室", "nowhere"]])
        self.assertContains(response, "没有编码为 nowhere 的单位。")
        self.assertContains(response, "未导入任何数据")
        self.assertFalse(Unit.objects.filter(code="gaj").exists())

    def test_good_file_is_imported(self):
        self.login(self.admin)
        response = self.upload([["编码", "全称", "类型", "上级编码"], ["gaj", "县公安局", "部门", "county"]])
        self.assertRedirects(response, self.url)
        self.assertTrue(Unit.objects.filter(code="gaj").exists())

    def test_check_only_writes_nothing(self):
        self.login(self.admin)
        response = self.upload([["编码", "全称", "类型"], ["gaj", "县公安局", "部门"]], check_only="on")
        self.assertContains(response, "检查无误")
        self.assertFalse(Unit.objects.filter(code="gaj").exists())

    def test_not_xlsx_name(self):
        self.login(self.admin)
        data = xlsx([["编码"]])
        data.name = "units.csv"
        response = self.client.post(self.url, {"kind": "units", "file": data})
        self.assertContains(response, "请上传 .xlsx 文件。")

    def test_nav_shows_import_only_to_permitted(self):
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("org:unit_list")), 'href="/org/import/"')
        self.client.logout()
        self.login(self.staff)
        self.assertNotContains(self.client.get(reverse("org:unit_list")), 'href="/org/import/"')


class PersonVisibilityTests(OrgViewTestCase):
    def test_liaison_never_sees_other_units_persons(self):
        Person.objects.create(name="人社局某人", unit=self.unit_b, position="staff")
        self.login(self.liaison_a)
        for url in (reverse("org:unit_list"), reverse("org:unit_detail", args=["jtj"])):
            self.assertNotContains(self.client.get(url), "人社局某人")
