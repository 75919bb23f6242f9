import datetime

from xiaoneng.commitments import actions
from xiaoneng.commitments.models import (
    Channel,
    CheckOutcome,
    CommitterKind,
    ItemStatus,
    NoticeState,
)
from xiaoneng.commitments.tests.base import DAY, CommitmentTestCase
from xiaoneng.matters.models import State
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.trace.chain import events_for, verify_subject


class RecordTests(CommitmentTestCase):
    def test_commitment_keeps_who_and_channels(self):
        self.assertEqual(self.commitment.channel_labels(), ["电视", "责任状"])
        self.assertEqual([e.kind for e in events_for(self.commitment)], ["committed"])

    def test_a_unit_commits_once_per_campaign(self):
        with self.assertRaisesMessage(actions.CommitmentError, "已在本次活动中作出承诺"):
            actions.do_record_commitment(
                self.campaign,
                actor=self.staff,
                unit=self.unit_a,
                committer_kind=CommitterKind.COLLECTIVE,
                committed_on=DAY,
                channels=[Channel.TV],
            )

    def test_a_channel_is_needed(self):
        with self.assertRaisesMessage(actions.CommitmentError, "渠道"):
            actions.do_record_commitment(
                self.campaign,
                actor=self.staff,
                unit=self.unit_b,
                committer_kind=CommitterKind.HEAD,
                committed_on=DAY,
                channels=["fax"],
            )

    def test_unit_roles_do_not_record_commitments(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_record_commitment(
                self.campaign,
                actor=self.liaison_b,
                unit=self.unit_b,
                committer_kind=CommitterKind.HEAD,
                committed_on=DAY,
                channels=["tv"],
            )

    def test_campaign_dates_in_order(self):
        with self.assertRaisesMessage(actions.CommitmentError, "结束日期不能早于开始日期"):
            actions.do_create_campaign(
                actor=self.staff,
                name="x",
                basis_title="y",
                issued_by="z",
                starts_on=DAY,
                ends_on=DAY - datetime.timedelta(days=1),
            )


class FulfilmentTests(CommitmentTestCase):
    def test_liaison_reports_progress_and_the_item_starts(self):
        actions.do_report_progress(self.item, actor=self.liaison_a, progress=40, note="已压缩至4个工作日")
        item = self.refresh(self.item)
        self.assertEqual((item.status, item.progress), (ItemStatus.IN_PROGRESS, 40))
        self.assertEqual(verify_subject(item), [])

    def test_other_units_liaison_may_not_report(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_report_progress(self.item, actor=self.liaison_b, progress=40)

    def test_progress_is_a_percentage(self):
        with self.assertRaisesMessage(actions.CommitmentError, "0到100"):
            actions.do_report_progress(self.item, actor=self.liaison_a, progress=140)

    def test_milestones_are_dated_and_done(self):
        milestone = actions.do_add_milestone(
            self.item, actor=self.liaison_a, title="流程再造方案", due_on=datetime.date(2026, 4, 30)
        )
        actions.do_complete_milestone(milestone, actor=self.liaison_a, done_on=datetime.date(2026, 4, 20))
        self.assertEqual(self.refresh(milestone).done_on, datetime.date(2026, 4, 20))
        with self.assertRaisesMessage(actions.CommitmentError, "已完成"):
            actions.do_complete_milestone(milestone, actor=self.liaison_a, done_on=datetime.date(2026, 4, 21))

    def test_a_check_marks_fulfilled(self):
        check = actions.do_record_check(
            self.item, actor=self.staff, outcome=CheckOutcome.FULFILLED, note="抽查10件均3日内办结"
        )
        item = self.refresh(self.item)
        self.assertEqual((item.status, item.progress, check.progress), (ItemStatus.FULFILLED, 100, 100))

    def test_only_the_center_checks(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_record_check(self.item, actor=self.head_a, outcome=CheckOutcome.FULFILLED)


class BreachTests(CommitmentTestCase):
    def breach(self):
        check = actions.do_record_check(
            self.item, actor=self.staff, outcome=CheckOutcome.BREACHED, note="抽查发现2件超过10个工作日未办结"
        )
        return check.breach

    def test_a_breached_check_opens_a_matter_for_the_unit(self):
        breach = self.breach()
        self.assertEqual(breach.matter.unit, self.unit_a)
        self.assertEqual(breach.matter.kind.code, "commitment_breach")
        self.assertEqual(breach.matter.state, State.ASSIGNED)
        self.assertIsNotNone(breach.matter.deadline)
        self.assertEqual(self.refresh(self.item).status, ItemStatus.BREACHED)

    def test_a_breach_drafts_a_notice(self):
        notice = self.breach().notice
        self.assertEqual(notice.state, NoticeState.DRAFT)
        self.assertIn("县交通运输局", notice.text)
        self.assertIn("道路运输证3个工作日内办结", notice.text)

    def test_a_breach_proposes_the_deduction(self):
        breach = self.breach()
        proposal = ScoreProposal.objects.get(rule__code="commitment_breached")
        self.assertEqual((proposal.unit, proposal.source_id), (self.unit_a, breach.pk))
        self.assertLess(proposal.points, 0)

    def test_direct_breach_and_no_second_one(self):
        actions.do_record_breach(self.other_item, actor=self.staff, description="企业投诉查实未落实绿卡服务")
        with self.assertRaisesMessage(actions.CommitmentError, "有诺不践"):
            actions.do_record_breach(self.other_item, actor=self.staff, description="again")
        with self.assertRaisesMessage(actions.CommitmentError, "有诺不践"):
            actions.do_report_progress(self.other_item, actor=self.liaison_a, progress=50)

    def test_breach_is_all_or_nothing(self):
        from xiaoneng.scoring.models import ScoreRule

        ScoreRule.objects.filter(code="commitment_breached").update(is_active=False)
        with self.assertRaises(actions.CommitmentError):
            actions.do_record_breach(self.item, actor=self.staff, description="超时")
        item = self.refresh(self.item)
        self.assertEqual(item.status, ItemStatus.NOT_STARTED)
        from xiaoneng.matters.models import Matter

        self.assertFalse(Matter.objects.filter(kind__code="commitment_breach").exists())

    def test_publishing_the_notice(self):
        notice = self.breach().notice
        actions.do_publish_notice(notice, actor=self.staff, title="关于县交通运输局有诺不践的通报")
        notice = self.refresh(notice)
        self.assertEqual(
            (notice.state, notice.title), (NoticeState.PUBLISHED, "关于县交通运输局有诺不践的通报")
        )
        with self.assertRaises(actions.NotPermitted):
            actions.do_publish_notice(notice, actor=self.liaison_a)


class BreachMatterTests(CommitmentTestCase):
    def test_verifying_the_matter_goes_on_the_items_history(self):
        from xiaoneng.matters import actions as matters
        from xiaoneng.matters.models import Resolution, Verdict

        matter = actions.do_record_breach(self.item, actor=self.staff, description="超时").matter
        matter = matters.do_reply_matter(matter, actor=self.liaison_a, reply="已整改，超时件全部办结")
        matter = matters.do_approve_reply(matter, actor=self.head_a, approve=True)
        matters.do_verify_matter(
            matter, actor=self.staff, verdict=Verdict.SUBSTANTIATED, resolution=Resolution.RESOLVED
        )
        kinds = [e.kind for e in events_for(self.item)]
        self.assertEqual(kinds[-1], "breach_verified")
        self.assertEqual(self.refresh(self.item).status, ItemStatus.BREACHED)
