import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from xiaoneng.activities import actions, figures
from xiaoneng.activities.models import FigureDefinition, Measure
from xiaoneng.testing import XiaonengTestCase

D = datetime.date


def add(activity, actor, n, **values):
    for _ in range(n):
        actions.do_add_participant(activity, actor=actor, role="enterprise", name="企业", **values)


class FigureTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.signing = actions.do_create_activity(
            actor=cls.staff, kind="signing", title="银企签约", held_on=D(2026, 4, 10), unit=cls.unit_b
        )
        # 10 enterprises: 6 industrial (4 of them in a zone), 4 not industrial (2 of them in a zone).
        add(cls.signing, cls.staff, 4, is_industrial=True, zone="development_zone", amount=Decimal("3000000"))
        add(cls.signing, cls.staff, 2, is_industrial=True, amount=Decimal("8000000"), is_above_scale=True)
        add(cls.signing, cls.staff, 2, zone="industrial_park", amount=Decimal("5000000"))
        add(cls.signing, cls.staff, 2, amount=Decimal("1000000"), is_first_time=True, size="micro")
        actions.do_add_participant(cls.signing, actor=cls.staff, role="bank", name="农行")

    def define(self, **fields):
        base = {
            "kind": "signing",
            "code": "x",
            "name": "x",
            "measure": Measure.SHARE_COUNT,
            "denominator": {"role": "enterprise"},
            "decimals": 1,
        }
        return FigureDefinition(**(base | fields))

    def test_zone_share_of_all_enterprises(self):
        value = figures.evaluate(
            self.define(subset={"zone__in": ["development_zone", "industrial_park"]}), self.signing
        )
        self.assertEqual((value.numerator, value.denominator, value.value), (6, 10, Decimal("60.0")))

    def test_zone_share_of_industrial_enterprises_only(self):
        value = figures.evaluate(
            self.define(
                subset={"zone__in": ["development_zone", "industrial_park"]},
                denominator={"role": "enterprise", "is_industrial": True},
            ),
            self.signing,
        )
        self.assertEqual((value.numerator, value.denominator, value.value), (4, 6, Decimal("66.7")))

    def test_share_by_sum(self):
        value = figures.evaluate(
            self.define(
                measure=Measure.SHARE_SUM, field="amount", subset={"is_above_scale": True}, decimals=0
            ),
            self.signing,
        )
        self.assertEqual(value.value, Decimal("40"))  # 16 of 40 million

    def test_count_and_sum_in_a_scale(self):
        self.assertEqual(figures.evaluate(self.define(measure=Measure.COUNT), self.signing).value, 10)
        total = self.define(measure=Measure.SUM, field="amount", scale=Decimal(100_000_000), decimals=1)
        self.assertEqual(figures.evaluate(total, self.signing).value, Decimal("0.4"))

    def test_amount_at_most(self):
        value = figures.evaluate(self.define(subset={"amount__lte": "5000000"}), self.signing)
        self.assertEqual(value.numerator, 8)

    def test_comparison_with_the_previous_year(self):
        earlier = actions.do_create_activity(
            actor=self.staff, kind="signing", title="2025签约", held_on=D(2025, 5, 1), unit=self.unit_b
        )
        actions.do_add_participant(
            earlier, actor=self.staff, role="enterprise", name="甲", amount=Decimal(50_000_000)
        )
        total = self.define(measure=Measure.SUM, field="amount", compare_previous_year=True)
        value = figures.evaluate(total, self.signing)
        self.assertEqual((value.previous, value.comparison), (Decimal(50_000_000), Decimal(80)))

    def test_unknown_filter_fields_are_refused(self):
        with self.assertRaises(ValidationError):
            figures.evaluate(self.define(subset={"target__name": "x"}), self.signing)
        with self.assertRaises(ValidationError):
            figures.check_filter({"is_industrial": "yes"})

    def test_approx(self):
        self.assertEqual(
            [figures.approx(n) for n in (5, 150, 157, 193, 300, 312)],
            ["5", "150", "150多", "190多", "300", "300多"],
        )

    def test_the_shipped_definitions_name_their_denominators(self):
        zone = FigureDefinition.objects.get(kind="signing", code="zone_share")
        self.assertEqual(
            (zone.denominator, zone.denominator_name),
            ({"role": "enterprise", "is_industrial": True}, "工业企业"),
        )
        self.assertEqual(figures.evaluate(zone, self.signing).value, Decimal("67"))
