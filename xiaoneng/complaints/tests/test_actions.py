from django.core.files.base import ContentFile

from xiaoneng.audit.models import AuditEntry
from xiaoneng.complaints import actions
from xiaoneng.complaints.models import Category, Channel, Complaint, Satisfaction, Scope
from xiaoneng.complaints.tests.base import EMAIL, ID_NUMBER, NAME, PHONE, TEXT, ComplaintTestCase
from xiaoneng.matters.actions import (
    do_close_matter,
    do_reject_matter,
    do_reply_matter,
    do_sign_matter,
    do_verify_matter,
)
from xiaoneng.matters.models import Source, State, Verdict
from xiaoneng.matters.transitions import IllegalTransition, NotPermitted
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.trace.chain import events_for


class FileTests(ComplaintTestCase):
    def test_creates_a_received_complaint_matter(self):
        c, secret = self.file()
        self.assertEqual((c.matter.state, c.matter.source, c.matter.kind.code),
                         (State.RECEIVED, Source.COMPLAINT, "complaint"))
        self.assertTrue(c.tracking_code.startswith("TS"))
        self.assertEqual(len(c.tracking_code), 12)
        self.assertEqual(len(secret), 12)
        self.assertEqual(c.matter.description, TEXT)

    def test_identity_is_not_stored_in_the_clear(self):
        c = self.complaint()
        row = Complaint.objects.filter(pk=c.pk).values().get()
        for value in row.values():
            text = bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
            for secret in (NAME, PHONE, EMAIL, ID_NUMBER):
                self.assertNotIn(secret, text)

    def test_secret_is_not_stored_in_the_clear(self):
        c, secret = self.file()
        self.assertNotIn(secret, c.secret_hash)

    def test_enquiry_kind(self):
        c = self.complaint(kind_code="enquiry")
        self.assertEqual(c.matter.kind.time_limit, 3)

    def test_public_filing_without_actor(self):
        c = self.complaint(actor=None, channel=Channel.WEB, anonymous=True, name="", phone="",
                           email="", id_number="")
        self.assertIsNone(events_for(c.matter).first().actor)
        self.assertEqual(c.identity, b"")

    def test_title_defaults_to_category_and_unit(self):
        self.assertIn("交通局", self.complaint().matter.title)

    def test_attachments_go_on_the_received_event(self):
        c = self.complaint(attachments=[ContentFile(b"png", name="a.png")])
        self.assertEqual(events_for(c.matter).first().attachments.count(), 1)

    def test_named_persons_are_kept(self):
        c = self.complaint(named_persons=[self.head_a.person])
        self.assertEqual(list(c.named_persons.all()), [self.head_a.person])

    def test_liaison_may_not_record(self):
        with self.assertRaises(NotPermitted):
            self.complaint(actor=self.liaison_a)

    def test_bad_inputs_have_stable_codes(self):
        cases = {"invalid_category": {"category": "x"}, "invalid_scope": {"scope": "x"},
                 "invalid_channel": {"channel": "x"}, "description_required": {"description": " "},
                 "description_too_long": {"description": "长" * 5001}, "invalid_kind": {"kind_code": "x"},
                 "identity_required": {"anonymous": False, "name": ""}}
        for code, extra in cases.items():
            with self.subTest(code), self.assertRaises(actions.ComplaintError) as caught:
                self.complaint(**extra)
            self.assertEqual(caught.exception.code, code)
        self.assertEqual(Complaint.objects.count(), 0)

    def test_future_date_refused(self):
        import datetime

        from django.utils import timezone

        with self.assertRaises(actions.ComplaintError):
            self.complaint(occurred_on=timezone.localdate() + datetime.timedelta(days=1))

    def test_same_external_ref_is_idempotent(self):
        first, _ = self.file(channel=Channel.HOTLINE_12345, external_ref="GD-1")
        again, secret = self.file(channel=Channel.HOTLINE_12345, external_ref="GD-1")
        self.assertEqual((again, secret), (first, ""))

    def test_same_ref_on_another_channel_is_another_complaint(self):
        first, _ = self.file(channel=Channel.HOTLINE_12345, external_ref="GD-1")
        other, _ = self.file(channel=Channel.REFERRAL, external_ref="GD-1")
        self.assertNotEqual(first, other)

    def test_same_idempotency_key_is_idempotent(self):
        first, _ = self.file(idempotency_key="k1")
        self.assertEqual(self.file(idempotency_key="k1"), (first, ""))


class FindTests(ComplaintTestCase):
    def test_code_and_secret_find_it(self):
        c, secret = self.file()
        self.assertEqual(actions.find_by_tracking(c.tracking_code.lower(), secret), c)

    def test_wrong_secret_or_code_finds_nothing(self):
        c, secret = self.file()
        self.assertIsNone(actions.find_by_tracking(c.tracking_code, "WRONG"))
        self.assertIsNone(actions.find_by_tracking("TSNOPE", secret))


class DuplicateTests(ComplaintTestCase):
    def test_duplicate_is_closed_and_linked_both_ways(self):
        original, dup = self.complaint(), self.complaint()
        actions.do_mark_duplicate(dup, actor=self.staff, original=original)
        dup = self.reload(dup)
        self.assertEqual(dup.matter.state, State.REJECTED)
        self.assertEqual(dup.duplicate_of, original)
        self.assertEqual(original.duplicates.count(), 1)
        self.assertEqual(events_for(original.matter).last().kind, "duplicate_received")
        self.assertIn(original.tracking_code, dup.matter.reason)

    def test_duplicate_of_a_duplicate_points_to_the_original(self):
        a, b, c = self.complaint(), self.complaint(), self.complaint()
        actions.do_mark_duplicate(b, actor=self.staff, original=a)
        actions.do_mark_duplicate(c, actor=self.staff, original=self.reload(b))
        self.assertEqual(self.reload(c).duplicate_of, a)

    def test_not_itself(self):
        a = self.complaint()
        with self.assertRaises(actions.ComplaintError):
            actions.do_mark_duplicate(a, actor=self.staff, original=a)

    def test_liaison_may_not(self):
        a, b = self.complaint(), self.complaint()
        with self.assertRaises(NotPermitted):
            actions.do_mark_duplicate(b, actor=self.liaison_a, original=a)

    def test_not_once_assigned(self):
        a, b = self.complaint(), self.complaint(assign=True)
        with self.assertRaises(IllegalTransition):
            actions.do_mark_duplicate(b, actor=self.staff, original=a)

    def test_not_twice(self):
        a, b = self.complaint(), self.complaint()
        actions.do_mark_duplicate(b, actor=self.staff, original=a)
        with self.assertRaises(IllegalTransition):
            actions.do_mark_duplicate(self.reload(b), actor=self.staff, original=a)


class IdentityTests(ComplaintTestCase):
    def test_staff_see_it_and_each_viewing_is_audited(self):
        c = self.complaint()
        who = actions.do_view_identity(c, actor=self.staff)
        actions.do_view_identity(c, actor=self.admin)
        self.assertEqual((who.name, who.phone, who.email, who.id_number), (NAME, PHONE, EMAIL, ID_NUMBER))
        entries = AuditEntry.objects.filter(action="identity.view")
        self.assertEqual(entries.count(), 2)
        self.assertNotIn(NAME, str(list(entries.values())))

    def test_nobody_else_sees_it(self):
        c = self.complaint(assign=True)
        for user in (self.liaison_a, self.head_a, self.liaison_b, self.section_liaison, self.supervisor,
                     self.leader, None):
            with self.subTest(user=user), self.assertRaises(NotPermitted) as caught:
                actions.do_view_identity(c, actor=user)
            self.assertNotIn(NAME, str(caught.exception))
        self.assertFalse(AuditEntry.objects.filter(action="identity.view").exists())

    def test_repeat_count_by_phone(self):
        c = self.complaint()
        self.complaint(phone="139-1234-5678")
        self.complaint(phone="13800000000")
        self.assertEqual(actions.repeat_count(c), 1)

    def test_anonymous_has_no_repeats(self):
        self.assertEqual(actions.repeat_count(self.complaint(anonymous=True, phone="")), 0)


class RedactAndPublishTests(ComplaintTestCase):
    def test_redaction_keeps_the_original(self):
        c = actions.do_redact(self.complaint(), actor=self.staff, unit_text="办证拖延。")
        self.assertEqual((c.text_for_unit, c.matter.description), ("办证拖延。", TEXT))
        self.assertEqual(events_for(c.matter).last().kind, "redacted")

    def test_unredacted_unit_sees_the_original(self):
        self.assertEqual(self.complaint().text_for_unit, TEXT)

    def test_liaison_may_not_redact(self):
        with self.assertRaises(NotPermitted):
            actions.do_redact(self.complaint(), actor=self.liaison_a, unit_text="x")

    def test_publish_needs_a_summary(self):
        with self.assertRaises(actions.ComplaintError):
            actions.do_set_public(self.complaint(), actor=self.staff, is_public=True)

    def test_publish_and_withdraw(self):
        c = actions.do_set_public(self.complaint(), actor=self.staff, is_public=True, public_summary="办证慢")
        self.assertTrue(c.is_public)
        c = actions.do_set_public(c, actor=self.staff, is_public=False)
        self.assertFalse(c.is_public)

    def test_leader_may_not_publish(self):
        with self.assertRaises(NotPermitted):
            actions.do_set_public(self.complaint(), actor=self.leader, is_public=True, public_summary="x")


class SatisfactionTests(ComplaintTestCase):
    def closed(self):
        c = self.complaint(assign=True)
        do_reply_matter(c.matter, actor=self.liaison_a, reply="已办结")
        do_close_matter(c.matter, actor=self.staff, resolution="resolved")
        return self.reload(c)

    def test_only_when_closed(self):
        with self.assertRaises(IllegalTransition):
            actions.do_rate_satisfaction(self.complaint(), rating=Satisfaction.SATISFIED)

    def test_only_once(self):
        c = actions.do_rate_satisfaction(self.closed(), rating=Satisfaction.SATISFIED)
        self.assertFalse(c.needs_attention)
        with self.assertRaises(IllegalTransition):
            actions.do_rate_satisfaction(c, rating=Satisfaction.UNSATISFIED)

    def test_bad_rating(self):
        with self.assertRaises(actions.ComplaintError):
            actions.do_rate_satisfaction(self.closed(), rating="meh")

    def test_unsatisfied_needs_attention_and_reopen_clears_it(self):
        c = actions.do_rate_satisfaction(self.closed(), rating=Satisfaction.UNSATISFIED)
        self.assertTrue(c.needs_attention)
        c = actions.do_reopen_complaint(c, actor=self.staff, reason="回访不满意")
        c = self.reload(c)
        self.assertEqual((c.matter.state, c.needs_attention, c.satisfaction), (State.REOPENED, False, ""))

    def test_dismiss_attention_needs_a_note(self):
        c = actions.do_rate_satisfaction(self.closed(), rating=Satisfaction.UNSATISFIED)
        with self.assertRaises(actions.ComplaintError):
            actions.do_dismiss_attention(c, actor=self.staff, note="")
        c = actions.do_dismiss_attention(c, actor=self.staff, note="已解释政策")
        self.assertFalse(c.needs_attention)

    def test_dismiss_refused_without_attention_or_permission(self):
        c = self.closed()
        with self.assertRaises(IllegalTransition):
            actions.do_dismiss_attention(c, actor=self.staff, note="x")
        with self.assertRaises(NotPermitted):
            actions.do_dismiss_attention(c, actor=self.liaison_a, note="x")


class VisibilityTests(ComplaintTestCase):
    def test_unit_sees_only_its_subtree(self):
        c = self.complaint(assign=True)
        self.assertTrue(actions.can_see_complaint(self.liaison_a, c))
        self.assertTrue(actions.can_see_complaint(self.head_a, c))
        self.assertFalse(actions.can_see_complaint(self.liaison_b, c))
        self.assertFalse(actions.can_see_complaint(self.section_liaison, c))
        self.assertFalse(actions.can_see_complaint(self.supervisor, c))

    def test_unassigned_is_for_the_center_only(self):
        c = self.complaint()
        self.assertTrue(actions.can_see_complaint(self.staff, c))
        self.assertTrue(actions.can_see_complaint(self.leader, c))
        self.assertFalse(actions.can_see_complaint(self.liaison_a, c))

    def test_named_person_never_sees_it(self):
        c = self.complaint(assign=True, named_persons=[self.head_a.person])
        self.assertFalse(actions.can_see_complaint(self.head_a, c))
        self.assertTrue(actions.can_see_complaint(self.liaison_a, c))
        from xiaoneng.matters.models import Matter

        self.assertFalse(Matter.objects.visible_to(self.head_a).filter(pk=c.matter.pk).exists())


class ProgressTests(ComplaintTestCase):
    def test_steps_carry_no_identity_or_notes(self):
        c = self.complaint(assign=True)
        do_sign_matter(c.matter, actor=self.liaison_a)
        do_reply_matter(c.matter, actor=self.liaison_a, reply="内部答复：张科长已处理")
        text = " ".join(step.text for step in actions.public_progress(c))
        for secret in (NAME, PHONE, "张科长"):
            self.assertNotIn(secret, text)
        self.assertEqual(len(actions.public_progress(c)), 4)

    def test_rejection_reason_is_shown(self):
        c = self.complaint()
        do_reject_matter(c.matter, actor=self.staff, reason="属于诉讼范围")
        self.assertIn("属于诉讼范围", actions.public_progress(c)[-1].text)

    def test_duplicate_says_merged_without_the_other_reporters_code(self):
        a, b = self.complaint(), self.complaint()
        actions.do_mark_duplicate(b, actor=self.staff, original=a)
        text = actions.public_progress(self.reload(b))[-1].text
        self.assertIn("合并办理", text)
        self.assertNotIn(a.tracking_code, text)


class DeductionTests(ComplaintTestCase):
    def replied(self):
        c = self.complaint(assign=True)
        do_reply_matter(c.matter, actor=self.liaison_a, reply="已整改")
        return self.reload(c)

    def test_substantiated_proposes_a_deduction_for_the_unit(self):
        c = self.replied()
        do_verify_matter(c.matter, actor=self.staff, verdict=Verdict.SUBSTANTIATED)
        proposal = ScoreProposal.objects.get()
        self.assertEqual((proposal.unit, proposal.rule.code, proposal.source_id),
                         (self.unit_a, "complaint_verified", c.pk))
        self.assertIn(c.tracking_code, proposal.reason)

    def test_partly_proposes_too(self):
        c = self.replied()
        do_verify_matter(c.matter, actor=self.staff, verdict=Verdict.PARTLY)
        self.assertEqual(ScoreProposal.objects.count(), 1)

    def test_unfounded_proposes_nothing(self):
        c = self.replied()
        do_verify_matter(c.matter, actor=self.staff, verdict=Verdict.UNFOUNDED)
        self.assertFalse(ScoreProposal.objects.exists())

    def test_inactive_rule_still_verifies(self):
        from xiaoneng.scoring.models import ScoreRule

        ScoreRule.objects.filter(code="complaint_verified").update(is_active=False)
        c = self.replied()
        do_verify_matter(c.matter, actor=self.staff, verdict=Verdict.SUBSTANTIATED)
        self.assertEqual(self.reload(c).matter.state, State.VERIFIED)
        self.assertFalse(ScoreProposal.objects.exists())

    def test_category_scope_choices(self):
        self.assertEqual(len(Category.values), 8)
        self.assertEqual(len(Scope.values), 4)
