"""Scoring tests build on XiaonengTestCase, adding the confirming authority and a source record."""

from __future__ import annotations

from django.utils import translation

from xiaoneng.org.models import Target, TargetKind
from xiaoneng.scoring.actions import do_propose_entry
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.testing import XiaonengTestCase, make_user

DEFAULT = object()


class ScoringTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        # Any saved record can be a proposal's source; a target stands in for a complaint here.
        cls.source = Target.objects.create(kind=TargetKind.PROJECT, name="金湖县某在建项目")

    def propose(self, unit=None, person=None, rule_code: str = "complaint_verified", proposer=DEFAULT,
                source=DEFAULT, **extra) -> ScoreProposal:
        """A proposal by center staff for unit A, citing the test source, unless told otherwise."""
        if unit is None and person is None:
            unit = self.unit_a
        return do_propose_entry(
            unit=unit, person=person, rule_code=rule_code,
            source=self.source if source is DEFAULT else source,
            proposer=self.staff if proposer is DEFAULT else proposer,
            reason=extra.pop("reason", "投诉查实"), **extra,
        )

class InEnglish:
    """Action tests compare messages by their English msgids; views are checked in Chinese."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
