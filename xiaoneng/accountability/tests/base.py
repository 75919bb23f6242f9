"""Accountability tests: the XiaonengTestCase county plus a cadre of unit A."""

from __future__ import annotations

from django.utils import translation

from xiaoneng.org.models import Person, Position
from xiaoneng.testing import XiaonengTestCase


class AccountabilityTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.cadre_a = Person.objects.create(name="张某", unit=cls.unit_a, position=Position.LEADERSHIP)
        cls.cadre_b = Person.objects.create(name="李某", unit=cls.unit_b, position=Position.PRINCIPAL)


class InEnglish:
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
