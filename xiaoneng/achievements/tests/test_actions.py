import datetime

from xiaoneng.achievements import actions
from xiaoneng.achievements.models import CityResult, CommentState, DeclarationState, YearAward
from xiaoneng.achievements.tests.base import YEAR, AchievementTestCase, photo
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.trace.chain import events_for, verify_subject

OPEN_DAY = datetime.date(2026, 3, 28)


class DeclareTests(AchievementTestCase):
    def test_liaison_declares_with_evidence(self):
        declaration = self.declare(self.liaison_a, "窗口延时服务", evidence=[photo()])
        self.assertEqual(declaration.state, DeclarationState.DRAFT)
        event = events_for(declaration).get()
        self.assertEqual(event.attachments.count(), 1)

    def test_a_liaison_declares_only_for_its_own_unit(self):
        with self.assertRaises(actions.NotPermitted):
            self.declare(self.liaison_b, "冒名申报", unit=self.unit_a)

    def test_center_staff_do_not_declare(self):
        with self.assertRaises(actions.NotPermitted):
            self.declare(self.staff, "中心申报", unit=self.unit_a)

    def test_title_and_what_are_required(self):
        with self.assertRaises(actions.AchievementError):
            self.declare(self.liaison_a, "  ")

    def test_head_approves_or_returns(self):
        submitted = self.to_state(self.draft, "submitted")
        self.assertEqual(submitted.state, DeclarationState.SUBMITTED)
        with self.assertRaises(actions.NotPermitted):
            actions.do_approve_declaration(submitted, actor=self.liaison_a)
        returned = actions.do_approve_declaration(
            submitted, actor=self.head_a, approve=False, reason="材料不全"
        )
        self.assertEqual((returned.state, returned.state_reason), (DeclarationState.DRAFT, "材料不全"))
        again = self.to_state(returned, "declared")
        self.assertEqual(again.state, DeclarationState.DECLARED)
        self.assertIsNotNone(again.declared_at)
        self.assertEqual(verify_subject(again), [])

    def test_a_heads_own_submission_declares_at_once(self):
        declaration = self.declare(self.head_a, "局长申报")
        declaration = actions.do_submit_declaration(declaration, actor=self.head_a)
        self.assertEqual(declaration.state, DeclarationState.DECLARED)


class ScreenTests(AchievementTestCase):
    def test_reject_needs_a_reason(self):
        declared = self.to_state(self.draft, "declared")
        with self.assertRaises(actions.AchievementError):
            actions.do_verify_declaration(declared, actor=self.staff, verified=False)
        rejected = actions.do_verify_declaration(
            declared, actor=self.staff, verified=False, reason="属日常工作"
        )
        self.assertEqual((rejected.state, rejected.state_reason), (DeclarationState.REJECTED, "属日常工作"))

    def test_selecting_proposes_the_bonus(self):
        selected = self.to_state(self.draft, "selected")
        proposal = ScoreProposal.objects.get(rule__code="achievement_selected")
        self.assertEqual((proposal.unit, proposal.source_id, proposal.year), (self.unit_a, selected.pk, YEAR))
        self.assertGreater(proposal.points, 0)

    def test_only_verified_ones_are_selected(self):
        declared = self.to_state(self.draft, "declared")
        with self.assertRaises(actions.AchievementError):
            actions.do_select_declaration(declared, actor=self.staff)

    def test_unit_roles_do_not_screen(self):
        declared = self.to_state(self.draft, "declared")
        with self.assertRaises(actions.NotPermitted):
            actions.do_verify_declaration(declared, actor=self.head_a, verified=True)

    def test_city_result_and_year_end_award(self):
        selected = self.to_state(self.draft, "selected")
        actions.do_record_city_result(
            selected, actor=self.staff, result=CityResult.CHOSEN, note="入选十件实事"
        )
        awarded = actions.do_award_year_end(selected, actor=self.staff, award=YearAward.TEN_PRACTICAL_THINGS)
        self.assertEqual(
            (awarded.city_result, awarded.year_award), (CityResult.CHOSEN, "ten_practical_things")
        )
        self.assertTrue(
            ScoreProposal.objects.filter(rule__code="ten_practical_things", unit=self.unit_a).exists()
        )
        with self.assertRaises(actions.AchievementError):
            actions.do_award_year_end(awarded, actor=self.staff, award=YearAward.TOP_TEN_MEASURES)

    def test_top_ten_measures_bonus(self):
        selected = self.to_state(self.draft, "selected")
        actions.do_award_year_end(selected, actor=self.staff, award=YearAward.TOP_TEN_MEASURES)
        self.assertTrue(ScoreProposal.objects.filter(rule__code="top_ten_measures").exists())


class CommentTests(AchievementTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.selected = cls.to_state(cls.draft, "selected")
        cls.period = cls.open_display()

    def post(self, text="为交通局点赞", day=OPEN_DAY, **extra):
        return actions.do_post_comment(self.selected, text=text, today=day, **extra)

    def test_a_comment_waits_for_moderation(self):
        comment = self.post()
        self.assertEqual((comment.state, comment.original_text), (CommentState.PENDING, "为交通局点赞"))

    def test_no_comments_outside_the_period(self):
        with self.assertRaises(actions.AchievementError):
            self.post(day=datetime.date(2026, 4, 3))

    def test_editing_keeps_the_original(self):
        comment = self.post(text="办事快，电话13800000000")
        shown = actions.do_moderate_comment(
            comment, actor=self.staff, show=True, text="办事快，电话（已隐去）"
        )
        self.assertEqual(shown.text, "办事快，电话（已隐去）")
        self.assertEqual(shown.original_text, "办事快，电话13800000000")
        self.assertTrue(shown.edited)
        self.assertEqual(shown.state, CommentState.SHOWN)

    def test_hiding_needs_a_reason(self):
        comment = self.post(text="广告")
        with self.assertRaises(actions.AchievementError):
            actions.do_moderate_comment(comment, actor=self.staff, show=False)
        hidden = actions.do_moderate_comment(comment, actor=self.staff, show=False, reason="广告内容")
        self.assertEqual((hidden.state, hidden.hidden_reason), (CommentState.HIDDEN, "广告内容"))

    def test_unit_roles_do_not_moderate(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_moderate_comment(self.post(), actor=self.head_a, show=True)

    def test_one_display_period_per_quarter(self):
        with self.assertRaises(actions.AchievementError):
            self.open_display()
