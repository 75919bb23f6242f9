from decimal import Decimal

from xiaoneng.accountability.models import AccountabilityRecord
from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import Consequence, ConsequenceKind, ConsequenceState, Grade, RoundState
from xiaoneng.evaluations.tests.base import EvaluationTestCase


class SetupTests(EvaluationTestCase):
    def test_new_round_has_the_three_dimensions(self):
        self.assertEqual([d.name for d in self.dims], ["工作作风", "工作效能", "服务质量"])

    def test_levels_follow_the_unit_kind(self):
        self.assertEqual((self.t_a.level, self.s_a.level), ("department", "section"))

    def test_the_same_unit_twice_is_refused(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_add_target(self.round, actor=self.staff, unit=self.unit_a)

    def test_open_rounds_take_no_more_targets(self):
        self.open()
        with self.assertRaises(actions.EvaluationError):
            actions.do_add_group(self.round, actor=self.staff, kind="public", name="群众", weight=Decimal(1))

    def test_zero_weight_is_refused(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_add_dimension(self.round, actor=self.staff, name="廉洁", weight=Decimal(0))

    def test_liaison_may_not_create_rounds(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_create_round(actor=self.liaison_a, title="x", year=2013)


class CloseTests(EvaluationTestCase):
    def setUp(self):
        self.open()
        self.standard_votes()

    def test_best_and_worst_per_level(self):
        self.close()
        best = set(self.round.targets.filter(is_best=True).values_list("unit__code", flat=True))
        worst = set(self.round.targets.filter(is_worst=True).values_list("unit__code", flat=True))
        self.assertEqual(best, {"jtj", "jtj-zf"})
        self.assertEqual(worst, {"zjj", "rsj-ks"})
        self.assertEqual(self.round.state, RoundState.CLOSED)

    def test_a_unit_with_too_few_ballots_is_neither_best_nor_worst(self):
        self.close()
        self.t_b.refresh_from_db()
        self.assertEqual((self.t_b.rank, self.t_b.is_worst, self.t_b.ballots), (None, False, 1))

    def test_consequences_are_drafted_for_the_last_department_and_section(self):
        self.close()
        drafted = {(c.target.unit.code, c.kind, c.state) for c in Consequence.objects.all()}
        self.assertEqual(drafted, {
            ("zjj", ConsequenceKind.LOSS_OF_AWARD_ELIGIBILITY, ConsequenceState.DRAFTED),
            ("zjj", ConsequenceKind.HEAD_ACCOUNTABILITY, ConsequenceState.DRAFTED),
            ("rsj-ks", ConsequenceKind.HEAD_REMOVAL, ConsequenceState.DRAFTED),
        })

    def test_nothing_takes_effect_before_confirmation(self):
        self.close()
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_publish_only_after_closing(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_publish_round(self.round, actor=self.staff)
        self.close()
        actions.do_publish_round(self.round, actor=self.staff)
        self.round.refresh_from_db()
        self.assertEqual(self.round.state, RoundState.PUBLISHED)


class TieTests(EvaluationTestCase):
    def test_tied_last_departments_share_the_rank_and_both_draw_consequences(self):
        self.open()
        for _i in range(2):
            self.vote({self.t_a: Grade.SATISFIED, self.t_b: Grade.DISSATISFIED, self.t_c: Grade.DISSATISFIED})
        self.close()
        ranks = dict(self.round.targets.filter(level="department").values_list("unit__code", "rank"))
        self.assertEqual(ranks, {"jtj": 1, "rsj": 2, "zjj": 2})
        self.assertEqual(Consequence.objects.filter(kind=ConsequenceKind.HEAD_ACCOUNTABILITY).count(), 2)

    def test_all_tied_means_nobody_is_worst(self):
        self.open()
        for _i in range(2):
            self.vote({self.t_a: Grade.FAIRLY, self.t_b: Grade.FAIRLY})
        self.close()
        self.assertFalse(Consequence.objects.exists())


class ConfirmTests(EvaluationTestCase):
    def setUp(self):
        self.open()
        self.standard_votes()
        self.close()

    def consequence(self, kind):
        return Consequence.objects.get(kind=kind)

    def test_confirming_the_removal_proposes_accountability_of_the_section_head(self):
        actions.do_confirm_consequence(self.consequence(ConsequenceKind.HEAD_REMOVAL), actor=self.confirmer)
        record = AccountabilityRecord.objects.get()
        self.assertEqual((record.person, record.unit, record.form), (self.chief_b, self.section_b, "removal"))
        self.assertEqual(record.source, self.consequence(ConsequenceKind.HEAD_REMOVAL))
        self.assertEqual(record.clause, "《评议办法》第十条")

    def test_loss_of_eligibility_falls_on_the_unit(self):
        actions.do_confirm_consequence(self.consequence(ConsequenceKind.LOSS_OF_AWARD_ELIGIBILITY),
                                       actor=self.confirmer)
        record = AccountabilityRecord.objects.get()
        self.assertEqual((record.person, record.unit, record.form),
                         (None, self.unit_c, "loss_of_award_eligibility"))

    def test_a_head_missing_from_the_roster_blocks_confirmation(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_confirm_consequence(self.consequence(ConsequenceKind.HEAD_ACCOUNTABILITY),
                                           actor=self.confirmer)
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_only_the_confirmer_confirms(self):
        for user in (self.admin, self.staff, self.leader):
            with self.assertRaises(actions.NotPermitted):
                actions.do_confirm_consequence(self.consequence(ConsequenceKind.HEAD_REMOVAL), actor=user)
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_withdrawn_never_takes_effect_and_cannot_be_confirmed_later(self):
        consequence = self.consequence(ConsequenceKind.HEAD_REMOVAL)
        actions.do_withdraw_consequence(consequence, actor=self.confirmer, note="大队长新任职")
        with self.assertRaises(actions.EvaluationError):
            actions.do_confirm_consequence(consequence, actor=self.confirmer)
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_withdrawal_needs_a_reason(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_withdraw_consequence(self.consequence(ConsequenceKind.HEAD_REMOVAL),
                                            actor=self.confirmer, note=" ")
