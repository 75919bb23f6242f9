from decimal import Decimal

import time_machine

from xiaoneng.assessment.actions import (
    AssessmentError,
    AssessmentPermissionDenied,
    can_appeal,
    do_file_appeal,
    do_grant_appeal,
    do_refuse_appeal,
)
from xiaoneng.assessment.models import AppealState
from xiaoneng.assessment.tests.base import AssessmentTestCase, InEnglish
from xiaoneng.scoring.models import LedgerEntry
from xiaoneng.trace.chain import events_for

D = Decimal
DURING = "2026-03-04 10:00:00+08:00"  # entries are approved on Monday 2026-03-02; the window ends 03-09


@time_machine.travel(DURING, tick=False)
class AppealTests(InEnglish, AssessmentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = cls.enter(cls.unit_a, "snail_award", -3)

    def key_scores(self):
        return self.scores()["重点部门单位"]

    def test_liaison_files_within_the_window(self):
        appeal = do_file_appeal(self.entry, self.liaison_a, grounds="已按期办结，有回执为证")
        self.assertEqual((appeal.state, appeal.unit), (AppealState.FILED, self.unit_a))
        self.assertEqual([e.kind for e in events_for(appeal)], ["assessment.appeal_filed"])

    def test_filing_does_not_change_standings(self):
        do_file_appeal(self.entry, self.head_a, grounds="理由")
        self.assertEqual(self.key_scores(), [("rsj", 1, D(100)), ("jtj", 2, D(97))])

    def test_granted_appeal_reverses_the_entry_through_the_ledger(self):
        appeal = do_file_appeal(self.entry, self.liaison_a, grounds="理由")
        do_grant_appeal(appeal, self.admin, reason="经复核属实")
        self.assertEqual(appeal.state, AppealState.GRANTED)
        reversing = LedgerEntry.objects.get(reverses=self.entry)
        self.assertEqual(
            (reversing.points, reversing.rule.code, reversing.source, reversing.approved_by),
            (D(3), "snail_award", appeal, self.admin),
        )
        self.assertEqual(self.key_scores(), [("jtj", 1, D(100)), ("rsj", 1, D(100))])
        self.assertEqual(
            [e.kind for e in events_for(appeal)], ["assessment.appeal_filed", "assessment.appeal_granted"]
        )

    def test_refused_appeal_leaves_standings_and_is_final(self):
        appeal = do_file_appeal(self.entry, self.liaison_a, grounds="理由")
        with self.assertRaisesMessage(AssessmentError, "reason"):
            do_refuse_appeal(appeal, self.admin, reason=" ")
        do_refuse_appeal(appeal, self.confirmer, reason="证据不足")
        self.assertEqual(self.key_scores(), [("rsj", 1, D(100)), ("jtj", 2, D(97))])
        with self.assertRaisesMessage(AssessmentError, "already been appealed"):
            do_file_appeal(self.entry, self.liaison_a, grounds="再次申诉")
        with self.assertRaisesMessage(AssessmentError, "already been decided"):
            do_grant_appeal(appeal, self.admin)

    def test_window_closes_after_the_configured_working_days(self):
        with time_machine.travel("2026-03-09 18:00:00+08:00", tick=False):
            self.assertTrue(can_appeal(self.entry, self.liaison_a))
        with (
            time_machine.travel("2026-03-10 09:00:00+08:00", tick=False),
            self.assertRaisesMessage(AssessmentError, "window"),
        ):
            do_file_appeal(self.entry, self.liaison_a, grounds="理由")
        self.ay.appeal_workdays = 10
        self.ay.save()
        with time_machine.travel("2026-03-10 09:00:00+08:00", tick=False):
            self.assertTrue(can_appeal(self.entry, self.liaison_a))

    def test_other_units_and_center_roles_cannot_file(self):
        for user in (self.liaison_b, self.section_liaison):
            with (
                self.subTest(user.username),
                self.assertRaisesMessage(AssessmentPermissionDenied, "own unit"),
            ):
                do_file_appeal(self.entry, user, grounds="理由")
        for user in (self.staff, self.admin, self.leader, self.supervisor):
            with self.subTest(user.username), self.assertRaises(AssessmentPermissionDenied):
                do_file_appeal(self.entry, user, grounds="理由")

    def test_bonuses_cannot_be_appealed(self):
        bonus = self.enter(self.unit_a, "competition", 1)
        with self.assertRaisesMessage(AssessmentError, "Only deductions"):
            do_file_appeal(bonus, self.liaison_a, grounds="理由")

    def test_only_deciders_decide(self):
        appeal = do_file_appeal(self.entry, self.liaison_a, grounds="理由")
        for user in (self.staff, self.liaison_a, self.leader):
            with self.subTest(user.username), self.assertRaises(AssessmentPermissionDenied):
                do_grant_appeal(appeal, user)
        self.assertEqual(LedgerEntry.objects.count(), 1)
