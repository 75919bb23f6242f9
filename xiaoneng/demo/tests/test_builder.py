"""The demo county as built into the database."""

import datetime

from django.test import TestCase

from xiaoneng.demo.accounts import DEMO_ACCOUNTS
from xiaoneng.demo.builder import DEFAULT_PASSWORD, build_demo
from xiaoneng.demo.county import CAMPAIGN_DAY, LENDERS
from xiaoneng.demo.tests.helpers import fast_hashing
from xiaoneng.org.models import Person, Position, Target, TargetKind, Unit, UnitKind, User
from xiaoneng.org.roles import ROLES, SEPARATED_ADMIN_ROLES
from xiaoneng.org.uscc import is_valid_uscc
from xiaoneng.testing import log_in_with_password

# Every unit the two newsletters name (as they name it), and the demo unit it is.
NEWSLETTER_UNITS = {
    "县效能中心": "xnzx", "县广电台": "gdt", "工商": "gsj", "财政": "czj", "环保": "hbj",
    "县交通局": "jtj", "县交通运输局": "jtj", "人行金湖县支行": "rh",
    "县农委": "nw", "县农业委员会": "nw", "县药监局": "yjj", "县药监局稽查大队": "yjj-jcdd",
    "县行政服务中心": "xzfw", "县行政服务中心环保窗口": "xzfw-hbj", "县经信委": "jxw", "县人社局": "rsj",
    "企保处": "rsj-qbc", "医保处": "rsj-ybc", "就业处": "rsj-jyc", "征缴中心": "rsj-zjzx",
    "五险合一征缴窗口": "rsj-zjzx-wxhy", "人社窗口": "xzfw-rsj", "金湖农商行": "nsh",
    "淮建支行": "nsh-hj", "塔集支行": "nsh-tj", "营业部": "nsh-yyb", "县安监局": "ajj", "县城管局": "cgj",
}
NEWSLETTER_DAY = datetime.date(2013, 4, 29)  # the special supervision of the bank branches


def names(term, unit):
    return term in unit.name or term in unit.short_name or term == "县" + unit.short_name


@fast_hashing
class DemoCountyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ctx = build_demo()

    def test_exactly_53_key_units_today_and_in_2013(self):
        self.assertEqual(Unit.objects.current().filter(is_key=True).count(), 53)
        self.assertEqual(Unit.objects.valid_on(CAMPAIGN_DAY).filter(is_key=True).count(), 53)

    def test_every_unit_the_newsletters_name_exists_as_it_was_then(self):
        for term, code in NEWSLETTER_UNITS.items():
            unit = Unit.objects.get(code=code)
            self.assertTrue(names(term, unit), f"{term} is not {unit.name}")
            self.assertTrue(unit.is_valid_on(NEWSLETTER_DAY), term)

    def test_ended_units_have_successors_valid_today(self):
        ended = Unit.objects.filter(valid_to__isnull=False)
        self.assertGreater(ended.count(), 20)
        for unit in ended:
            self.assertIsNotNone(unit.successor_id, unit.code)
            self.assertIsNone(unit.current_unit().valid_to, unit.code)

    def test_reforms_of_the_newsletter_units(self):
        self.assertEqual(Unit.objects.get(code="nw").current_unit().code, "nyncj")
        self.assertEqual(Unit.objects.get(code="yjj").current_unit().code, "scjgj")
        self.assertEqual(Unit.objects.get(code="yjj-jcdd").current_unit().code, "scjgj-jcdd")
        self.assertEqual(Unit.objects.get(code="wsj").current_unit().code, "wjw")  # via 卫计委

    def test_paths_are_those_unit_save_writes(self):
        for unit in Unit.objects.select_related("parent"):
            expected = (unit.parent.path if unit.parent else "/") + f"{unit.pk}/"
            self.assertEqual(unit.path, expected, unit.code)

    def test_the_center_is_not_a_key_unit(self):
        self.assertFalse(Unit.objects.get(code="xnzx").is_key)

    def test_every_key_unit_has_a_principal_and_leadership(self):
        for unit in Unit.objects.filter(is_key=True):
            positions = list(unit.persons.values_list("position", flat=True))
            self.assertEqual(positions.count(Position.PRINCIPAL), 1, unit.code)
            self.assertGreaterEqual(positions.count(Position.LEADERSHIP), 3, unit.code)

    def test_over_150_section_chiefs_today(self):
        chiefs = Person.objects.filter(position=Position.CHIEF, is_active=True, unit__kind=UnitKind.SECTION)
        self.assertGreater(chiefs.count(), 150)

    def test_people_of_ended_units_are_inactive(self):
        self.assertFalse(Person.objects.filter(unit__valid_to__isnull=False, is_active=True).exists())

    def test_every_role_has_an_account(self):
        for key in ROLES:
            self.assertTrue(User.objects.filter(groups__name=key).exists(), key)

    def test_no_account_holds_two_admin_roles(self):
        for user in User.objects.all():
            held = set(user.groups.values_list("name", flat=True)) & SEPARATED_ADMIN_ROLES
            self.assertLessEqual(len(held), 1, user.username)

    def test_no_superuser_and_no_django_admin_staff(self):
        self.assertFalse(User.objects.filter(is_superuser=True).exists())
        self.assertFalse(User.objects.filter(is_staff=True).exists())

    def test_accounts_belong_to_their_units(self):
        for spec in DEMO_ACCOUNTS:
            user = User.objects.get(username=spec.username)
            self.assertEqual(user.unit.code if user.unit else None, spec.unit, spec.username)

    def test_unit_head_is_the_principal(self):
        self.assertEqual(User.objects.get(username="jtj_head").person.position, Position.PRINCIPAL)

    def test_accounts_log_in_with_the_demo_password(self):
        self.assertTrue(log_in_with_password(self.client, "jtj_liaison", DEFAULT_PASSWORD))

    def test_all_credit_codes_are_valid(self):
        codes = Target.objects.exclude(uscc=None).values_list("uscc", flat=True)
        self.assertGreater(len(codes), 250)
        for code in codes:
            self.assertTrue(is_valid_uscc(code), code)

    def test_190_odd_listed_enterprises_and_projects_for_the_leaders(self):
        self.assertIn(Target.objects.filter(is_key=True).count(), range(190, 200))

    def test_enough_firms_for_the_bank_enterprise_signing(self):
        # 168 firms signed: 77.4% industrial, 72% in the zones, nearly 40% above designated scale.
        firms = Target.objects.filter(kind=TargetKind.ENTERPRISE).exclude(industry="小额贷款")
        self.assertGreaterEqual(firms.count(), 168)
        self.assertGreaterEqual(firms.filter(is_industrial=True).count(), 131)
        self.assertGreaterEqual(firms.exclude(zone="").count(), 121)
        self.assertGreaterEqual(firms.filter(is_above_scale=True).count(), 67)

    def test_projects_are_100_million_plus(self):
        projects = Target.objects.filter(kind=TargetKind.PROJECT)
        self.assertEqual(projects.count(), 20)
        self.assertFalse(projects.filter(investment__lt=100_000_000).exists())

    def test_sole_traders_and_households(self):
        count = Target.objects.filter(kind__in=[TargetKind.SOLE_TRADER, TargetKind.HOUSEHOLD]).count()
        self.assertEqual(count, 100)

    def test_enterprise_mix_is_plausible(self):
        listed = Target.objects.filter(kind=TargetKind.ENTERPRISE, is_key=True)
        industrial = listed.filter(is_industrial=True).count() / listed.count()
        above_scale = listed.filter(is_above_scale=True).count() / listed.count()
        self.assertTrue(0.6 < industrial < 0.9, industrial)
        self.assertTrue(0.25 < above_scale < 0.55, above_scale)

    def test_three_microloan_companies_and_ten_lenders(self):
        self.assertEqual(Target.objects.filter(industry="小额贷款").count(), 3)
        self.assertEqual(Unit.objects.filter(code__in=LENDERS).count(), 10)

    def test_context_looks_up_units_and_accounts(self):
        self.assertEqual(self.ctx.unit("jtj").name, "县交通运输局")
        self.assertEqual(self.ctx.accounts["jtj_liaison"].username, "jtj_liaison")
