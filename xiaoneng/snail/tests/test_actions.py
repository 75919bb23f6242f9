from xiaoneng.accountability.models import AccountabilityRecord
from xiaoneng.matters import actions as matters
from xiaoneng.matters.models import State
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.snail import actions
from xiaoneng.snail.models import BatchState, ItemState, LeadSource, Origin
from xiaoneng.snail.tests.base import SnailTestCase, at


class CandidateTests(SnailTestCase):
    def test_a_complaint_long_unhandled_is_proposed(self):
        self.late_matter()
        with at(2013, 4, 15):
            (item,) = actions.do_propose_candidates(actor=self.staff)
        self.assertEqual((item.origin, item.unit, item.lead_source),
                         (Origin.UNHANDLED_COMPLAINT, self.unit_a, LeadSource.DATA))
        self.assertIn("个工作日", item.problem)

    def test_a_matter_only_a_little_late_is_not_proposed(self):
        self.late_matter(kind_code="enquiry", assigned=(2013, 4, 8))
        with at(2013, 4, 15):
            self.assertEqual(actions.do_propose_candidates(actor=self.staff), [])

    def test_overdue_matters_of_any_kind_are_proposed_once(self):
        self.late_matter(kind_code="enterprise", title="项目资金未按期落实")
        with at(2013, 5, 15):
            (item,) = actions.do_propose_candidates()
            self.assertEqual(actions.do_propose_candidates(), [])
        self.assertEqual(item.origin, Origin.OVERDUE_MATTER)

    def test_a_failed_rectification_is_proposed(self):
        matter = self.late_matter(kind_code="rectification", title="差评整改", assigned=(2013, 4, 1))
        with at(2013, 4, 3):
            matters.do_reply_matter(matter, actor=self.liaison_a, reply="已整改")
            self.verify(matter, "unresolved")
            (item,) = actions.do_propose_candidates()
        self.assertEqual(item.origin, Origin.FAILED_RECTIFICATION)

    def test_a_liaison_may_not_propose(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_propose_candidates(actor=self.liaison_a)

    def test_added_by_hand_with_its_lead_source(self):
        item = self.item(co_units=[self.unit_b])
        self.assertEqual((item.origin, item.lead_source, item.state),
                         (Origin.MANUAL, "mailbox", "candidate"))
        self.assertEqual(item.all_units(), [self.unit_a, self.unit_b])

    def test_a_problem_is_required(self):
        with self.assertRaises(actions.SnailError):
            actions.do_add_item(actor=self.staff, unit=self.unit_a, title="x", problem=" ",
                                lead_source="media")

    def test_dismissal_needs_a_reason(self):
        item = self.item()
        with self.assertRaises(actions.SnailError):
            actions.do_dismiss_item(item, actor=self.staff, reason="")
        actions.do_dismiss_item(item, actor=self.staff, reason="已在办理")
        item.refresh_from_db()
        self.assertEqual(item.state, ItemState.DISMISSED)


class BatchTests(SnailTestCase):
    def test_batches_are_numbered_per_year(self):
        numbers = [actions.do_create_batch(actor=self.staff, year=y).number for y in (2013, 2013, 2014)]
        self.assertEqual(numbers, [1, 2, 1])

    def test_an_empty_batch_is_not_published(self):
        batch = actions.do_create_batch(actor=self.staff, year=2013)
        with self.assertRaises(actions.SnailError):
            actions.do_publish_batch(batch, actor=self.admin)

    def test_only_the_center_admin_publishes(self):
        batch = actions.do_create_batch(actor=self.staff, year=2013)
        actions.do_select_item(self.item(), actor=self.staff, batch=batch)
        with self.assertRaises(actions.NotPermitted):
            actions.do_publish_batch(batch, actor=self.staff)

    def test_an_item_leaves_a_draft_batch(self):
        batch = actions.do_create_batch(actor=self.staff, year=2013)
        item = actions.do_select_item(self.item(), actor=self.staff, batch=batch)
        item = actions.do_unselect_item(item, actor=self.staff)
        self.assertEqual((item.state, item.batch), (ItemState.CANDIDATE, None))


class PublicationTests(SnailTestCase):
    def setUp(self):
        self.item_ = self.item(co_units=[self.unit_b], persons=[self.cadre])
        with at(2013, 5, 13):
            self.batch = self.published(self.item_)
        self.item_.refresh_from_db()

    def test_every_unit_named_is_proposed_the_deduction(self):
        proposals = ScoreProposal.objects.filter(rule__code="snail_award")
        self.assertEqual({p.unit for p in proposals}, {self.unit_a, self.unit_b})
        self.assertEqual({p.source for p in proposals}, {self.item_})
        self.assertEqual({p.year for p in proposals}, {2013})

    def test_the_persons_named_lose_their_performance_bonus(self):
        proposal = ScoreProposal.objects.get(rule__code="snail_award_person")
        self.assertEqual((proposal.person, proposal.unit), (self.cadre, None))

    def test_a_rectification_matter_is_opened_and_tracked(self):
        matter = self.item_.rectification
        self.assertEqual((matter.kind.code, matter.state, matter.unit),
                         ("snail_rectification", "assigned", self.unit_a))
        self.assertEqual(list(matter.co_units.all()), [self.unit_b])
        self.assertIsNotNone(matter.deadline)
        self.assertEqual(self.item_.state, ItemState.RECTIFYING)
        self.assertEqual(self.batch.state, BatchState.PUBLISHED)

    def test_resolved_rectification_ends_the_item(self):
        matter = self.item_.rectification
        matters.do_reply_matter(matter, actor=self.liaison_a, reply="路灯已全部修复")
        self.verify(matter, "resolved")
        self.item_.refresh_from_db()
        self.assertEqual(self.item_.state, ItemState.RECTIFIED)
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_rectification_verified_as_not_done_proposes_accountability(self):
        matter = self.item_.rectification
        matters.do_reply_matter(matter, actor=self.liaison_a, reply="正在协调")
        self.verify(matter, "unresolved")
        self.item_.refresh_from_db()
        self.assertEqual(self.item_.state, ItemState.FAILED)
        record = AccountabilityRecord.objects.get()
        self.assertEqual((record.source, record.unit, record.form),
                         (self.item_, self.unit_a, "critical_notice"))
        self.assertEqual(record.person.name, "head_a")

    def test_rectification_overdue_beyond_the_grace_fails(self):
        deadline = self.item_.rectification.deadline
        with at(deadline.year, deadline.month, deadline.day + 1 if deadline.day < 28 else 28):
            self.assertEqual(actions.do_check_rectifications(), [])
        with at(2013, 8, 1):
            (failed,) = actions.do_check_rectifications()
            self.assertEqual(actions.do_check_rectifications(), [])
        self.assertEqual(failed.state, ItemState.FAILED)
        self.assertEqual(AccountabilityRecord.objects.get().source, failed)

    def test_the_setting_chooses_the_form(self):
        matter = self.item_.rectification
        matters.do_reply_matter(matter, actor=self.liaison_a, reply="正在协调")
        with self.settings(XIAONENG_SNAIL_ACCOUNTABILITY_FORM="admonition_talk"):
            self.verify(matter, "unresolved")
        self.assertEqual(AccountabilityRecord.objects.get().form, "admonition_talk")

    def test_a_published_batch_takes_no_more_items(self):
        with self.assertRaises(actions.SnailError):
            actions.do_select_item(self.item("另一事项"), actor=self.staff, batch=self.batch)

    def test_matter_state_is_assigned(self):
        self.assertEqual(self.item_.rectification.state, State.ASSIGNED)
