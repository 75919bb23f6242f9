"""The demo county's organisation data, before anything is written to a database."""

import datetime

from django.test import SimpleTestCase

from xiaoneng.demo.county import CAMPAIGN_DAY, KEY_UNIT_COUNT, LENDERS, unit_specs
from xiaoneng.org.models import UnitKind

TODAY = datetime.date(2026, 11, 23)


def valid_on(spec, day):
    return spec.valid_from <= day and (spec.valid_to is None or day <= spec.valid_to)


class CountySpecTests(SimpleTestCase):
    def setUp(self):
        self.specs = unit_specs()
        self.by_code = {spec.code: spec for spec in self.specs}

    def test_53_key_units_on_the_day_of_the_commitment_campaign(self):
        self.assertEqual(sum(s.is_key and valid_on(s, CAMPAIGN_DAY) for s in self.specs), KEY_UNIT_COUNT)

    def test_53_key_units_today(self):
        self.assertEqual(sum(s.is_key and valid_on(s, TODAY) for s in self.specs), KEY_UNIT_COUNT)

    def test_codes_are_unique_short_ascii(self):
        codes = [spec.code for spec in self.specs]
        self.assertEqual(len(codes), len(set(codes)))
        for code in codes:
            self.assertRegex(code, r"^[a-z0-9-]{2,32}$")

    def test_parents_come_first(self):
        seen = set()
        for spec in self.specs:
            if spec.parent:
                self.assertIn(spec.parent, seen, spec.code)
            seen.add(spec.code)

    def test_successor_begins_the_day_after_the_unit_ends(self):
        ended = [s for s in self.specs if s.valid_to]
        self.assertGreater(len(ended), 20)
        for spec in ended:
            successor = self.by_code[spec.successor]
            self.assertEqual(successor.valid_from, spec.valid_to + datetime.timedelta(days=1), spec.code)

    def test_children_live_within_their_parent(self):
        for spec in self.specs:
            if spec.parent:
                parent = self.by_code[spec.parent]
                self.assertGreaterEqual(spec.valid_from, parent.valid_from, spec.code)
                if parent.valid_to:
                    self.assertLessEqual(spec.valid_to, parent.valid_to, spec.code)

    def test_rural_bank_has_six_branches_and_a_business_department(self):
        branches = [s for s in self.specs if s.parent == "nsh" and s.kind == UnitKind.BRANCH]
        self.assertEqual(sum(s.name.endswith("支行") for s in branches), 6)
        self.assertIn("nsh-yyb", {s.code for s in branches})

    def test_ten_lenders(self):
        self.assertEqual(len(LENDERS), 10)
        for code in LENDERS:
            self.assertIn(code, self.by_code)

    def test_every_town_has_a_police_station_and_a_market_supervision_office(self):
        towns = {s.code.split("-")[1] for s in self.specs if s.parent == "gaj" and s.name.endswith("派出所")}
        self.assertGreaterEqual(len(towns), 9)
        for town in towns:
            self.assertIn(f"scjgj-{town}", self.by_code)
