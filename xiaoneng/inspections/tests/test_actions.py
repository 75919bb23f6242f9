import datetime

import time_machine
from django.utils import timezone

from xiaoneng.inspections import actions
from xiaoneng.inspections.actions import InspectionError, NotPermitted
from xiaoneng.inspections.models import (
    Campaign,
    CampaignKind,
    CampaignState,
    Checklist,
    FindingState,
    SuggestionState,
)
from xiaoneng.inspections.tests.base import InspectionTestCase, photo
from xiaoneng.matters.models import State
from xiaoneng.testing import make_user
from xiaoneng.trace.chain import events_for

NOW = datetime.datetime(2026, 11, 10, 9, 30, tzinfo=datetime.UTC)


def _create(actor, **extra):
    return actions.do_create_campaign(
        actor=actor, kind=extra.pop("kind", CampaignKind.COVERT), title=extra.pop("title", "明察暗访"),
        starts_on=datetime.date(2026, 11, 1), ends_on=extra.pop("ends_on", datetime.date(2026, 11, 2)),
        **extra,
    )


class CreateCampaignTests(InspectionTestCase):
    def test_center_campaign_is_county_wide(self):
        campaign = _create(self.staff)
        self.assertTrue(campaign.county_wide)
        self.assertEqual(campaign.organiser_unit, self.center)
        self.assertEqual(campaign.state, CampaignState.PLANNED)
        self.assertEqual(len(campaign.public_id), 20)

    def test_unit_campaign_over_own_subtree(self):
        campaign = _create(self.liaison_a)
        self.assertFalse(campaign.county_wide)
        self.assertEqual(campaign.organiser_unit, self.unit_a)

    def test_unit_may_not_organise_for_another_unit(self):
        with self.assertRaises(NotPermitted):
            _create(self.liaison_a, organiser_unit=self.unit_b)

    def test_supervisor_and_leader_may_not_organise(self):
        for user in (self.supervisor, self.leader):
            with self.assertRaises(InspectionError):
                _create(user, organiser_unit=self.center)

    def test_end_before_start_refused(self):
        with self.assertRaises(InspectionError):
            _create(self.staff, ends_on=datetime.date(2026, 10, 1))

    def test_title_required(self):
        with self.assertRaises(InspectionError):
            _create(self.staff, title="  ")

    def test_checklists_attached(self):
        discipline = Checklist.objects.get(code="discipline")
        campaign = _create(self.staff, checklists=[discipline])
        self.assertEqual(list(campaign.checklists.all()), [discipline])
        self.assertGreaterEqual(discipline.items.count(), 4)

    def test_planned_on_the_trace(self):
        self.assertEqual(events_for(_create(self.staff)).first().kind, "planned")


class TargetAndMemberTests(InspectionTestCase):
    def test_unit_campaign_targets_only_its_subtree(self):
        campaign = _create(self.liaison_a)
        actions.do_add_target(campaign, actor=self.liaison_a, unit=self.section_a)
        with self.assertRaises(InspectionError):
            actions.do_add_target(campaign, actor=self.liaison_a, unit=self.unit_b)

    def test_center_campaign_targets_any_unit(self):
        target = actions.do_add_target(self.campaign, actor=self.staff, unit=self.unit_b)
        self.assertEqual(target.unit, self.unit_b)

    def test_member_of_a_target_unit_refused(self):
        group = self.campaign.groups.get()
        with self.assertRaises(InspectionError):
            actions.do_add_member(group, actor=self.staff, user=self.liaison_a)

    def test_member_of_a_section_under_a_target_refused(self):
        group = self.campaign.groups.get()
        with self.assertRaises(InspectionError):
            actions.do_add_member(group, actor=self.staff, user=self.section_liaison)

    def test_member_of_another_unit_accepted(self):
        group = self.campaign.groups.get()
        member = actions.do_add_member(group, actor=self.staff, user=self.liaison_b)
        self.assertEqual(member.person.unit, self.unit_b)

    def test_target_of_a_members_unit_refused(self):
        group = self.campaign.groups.get()
        actions.do_add_member(group, actor=self.staff, user=self.liaison_b)
        with self.assertRaises(InspectionError):
            actions.do_add_target(self.campaign, actor=self.staff, unit=self.unit_b)

    def test_unit_self_inspection_of_its_sections(self):
        campaign = _create(self.liaison_a)
        group = actions.do_add_group(campaign, actor=self.liaison_a, name="自查组", leader=self.head_a)
        actions.do_add_target(campaign, actor=self.liaison_a, unit=self.section_a, group=group)
        self.assertEqual(campaign.targets.count(), 1)

    def test_only_managers_change_a_campaign(self):
        for user in (self.supervisor, self.leader, self.liaison_b, self.liaison_a):
            with self.assertRaises(NotPermitted):
                actions.do_add_target(self.campaign, actor=user, unit=self.unit_b)

    def test_no_changes_after_closing(self):
        self.close()
        with self.assertRaises(InspectionError):
            actions.do_add_target(self.campaign, actor=self.staff, unit=self.unit_b)

    def test_leader_added_as_member(self):
        group = self.campaign.groups.get()
        self.assertEqual(group.leader, self.supervisor)
        self.assertTrue(group.members.filter(user=self.supervisor).exists())


class LifecycleTests(InspectionTestCase):
    def test_start_needs_a_member(self):
        campaign = _create(self.staff)
        with self.assertRaises(InspectionError):
            actions.do_start_campaign(campaign, actor=self.staff)

    def test_start_and_close(self):
        campaign = self.make_campaign(title="联动督查", start=False)
        actions.do_start_campaign(campaign, actor=self.staff)
        with time_machine.travel(NOW, tick=False):
            campaign = actions.do_close_campaign(campaign, actor=self.staff)
        self.assertEqual(campaign.state, CampaignState.CLOSED)
        self.assertEqual(campaign.closed_at, NOW)
        self.assertEqual([e.kind for e in events_for(campaign)][-2:], ["started", "closed"])

    def test_close_only_active(self):
        campaign = self.make_campaign(title="联动督查", start=False)
        with self.assertRaises(InspectionError):
            actions.do_close_campaign(campaign, actor=self.staff)

    def test_start_twice_refused(self):
        with self.assertRaises(InspectionError):
            actions.do_start_campaign(self.campaign, actor=self.staff)

    def test_member_may_not_close(self):
        with self.assertRaises(NotPermitted):
            actions.do_close_campaign(self.campaign, actor=self.supervisor)


class FindingTests(InspectionTestCase):
    def test_member_records_with_photos_on_the_trace(self):
        finding = self.record(photos=[photo(), photo("b.jpg")])
        event = events_for(finding).get()
        self.assertEqual(event.kind, "recorded")
        self.assertEqual(event.attachments.count(), 2)
        self.assertEqual(finding.state, FindingState.RECORDED)

    def test_first_finding_marks_the_visit(self):
        with time_machine.travel(NOW, tick=False):
            self.record()
        self.assertEqual(self.campaign.targets.get().visited_on, datetime.date(2026, 11, 10))

    def test_non_image_refused(self):
        bad = photo()
        bad.file.seek(0)
        bad.file.write(b"not an image at all")
        bad.file.truncate()
        with self.assertRaises(InspectionError):
            self.record(photos=[bad])

    def test_unit_must_be_visited(self):
        with self.assertRaises(InspectionError):
            self.record(unit=self.unit_b)

    def test_section_under_a_target_accepted(self):
        self.assertEqual(self.record(unit=self.section_a).unit, self.section_a)

    def test_outsiders_may_not_record(self):
        for user in (self.other_supervisor, self.leader, self.liaison_a, self.liaison_b):
            with self.assertRaises(NotPermitted):
                self.record(actor=user)

    def test_not_before_start_nor_after_close(self):
        self.close()
        with self.assertRaises(NotPermitted):
            self.record()

    def test_what_required(self):
        with self.assertRaises(InspectionError):
            self.record(what=" ")


class HandOverTests(InspectionTestCase):
    def test_becomes_an_assigned_matter_with_the_kinds_limit(self):
        with time_machine.travel(NOW, tick=False):
            finding = actions.do_hand_over_finding(self.record(), actor=self.staff)
        matter = finding.matter
        self.assertEqual(finding.state, FindingState.HANDED_OVER)
        self.assertEqual(matter.kind.code, "finding")
        self.assertEqual(matter.state, State.ASSIGNED)
        self.assertEqual(matter.unit, self.unit_a)
        self.assertEqual(matter.time_limit, matter.kind.time_limit)
        self.assertIsNotNone(matter.deadline)
        self.assertEqual(events_for(finding).last().kind, "handed_over")

    def test_unit_contacts_notified(self):
        from xiaoneng.notifications.models import Notification

        finding = actions.do_hand_over_finding(self.record(), actor=self.staff)
        notified = Notification.objects.filter(kind="finding.handed_over")
        self.assertEqual({n.recipient for n in notified}, {self.liaison_a, self.head_a})
        self.assertEqual(notified.first().url, finding.matter.get_absolute_url())

    def test_own_time_limit(self):
        finding = actions.do_hand_over_finding(self.record(), actor=self.staff, time_limit=3)
        self.assertEqual(finding.matter.time_limit, 3)

    def test_twice_refused(self):
        finding = actions.do_hand_over_finding(self.record(), actor=self.staff)
        with self.assertRaises(InspectionError):
            actions.do_hand_over_finding(finding, actor=self.staff)

    def test_only_center_hands_over(self):
        finding = self.record()
        for user in (self.supervisor, self.liaison_a, self.leader):
            with self.assertRaises(NotPermitted):
                actions.do_hand_over_finding(finding, actor=user)

    def test_resolved_when_the_matter_is_verified_resolved(self):
        from xiaoneng.matters import actions as matters

        finding = actions.do_hand_over_finding(self.record(), actor=self.staff)
        matter = matters.do_reply_matter(finding.matter, actor=self.liaison_a, reply="已整改")
        matters.do_verify_matter(matter, actor=self.staff, verdict="substantiated", resolution="resolved")
        finding.refresh_from_db()
        self.assertEqual(finding.state, FindingState.RESOLVED)

    def test_dismiss_needs_a_reason(self):
        finding = self.record()
        with self.assertRaises(InspectionError):
            actions.do_dismiss_finding(finding, actor=self.staff, reason="")
        finding = actions.do_dismiss_finding(finding, actor=self.staff, reason="重复线索")
        self.assertEqual(finding.state, FindingState.DISMISSED)

    def test_member_may_not_dismiss(self):
        with self.assertRaises(NotPermitted):
            actions.do_dismiss_finding(self.record(), actor=self.supervisor, reason="x")


class SuggestionTests(InspectionTestCase):
    def suggest(self, actor=None):
        return actions.do_record_suggestion(self.campaign, actor=actor or self.supervisor, unit=self.unit_a,
                                            text="延长午间服务时间")

    def test_member_records(self):
        self.assertEqual(self.suggest().state, SuggestionState.OPEN)

    def test_outsider_may_not_record(self):
        with self.assertRaises(NotPermitted):
            self.suggest(actor=self.other_supervisor)

    def test_staff_adopts(self):
        with time_machine.travel(NOW, tick=False):
            suggestion = actions.do_adopt_suggestion(self.suggest(), actor=self.staff)
        self.assertEqual(suggestion.state, SuggestionState.ADOPTED)
        self.assertEqual(suggestion.decided_at, NOW)

    def test_decline_needs_a_reason(self):
        suggestion = self.suggest()
        with self.assertRaises(InspectionError):
            actions.do_decline_suggestion(suggestion, actor=self.staff, reason="")
        suggestion = actions.do_decline_suggestion(suggestion, actor=self.staff, reason="人手不足")
        self.assertEqual(suggestion.state, SuggestionState.DECLINED)
        self.assertEqual(suggestion.decline_reason, "人手不足")

    def test_decided_once(self):
        suggestion = actions.do_adopt_suggestion(self.suggest(), actor=self.staff)
        with self.assertRaises(InspectionError):
            actions.do_decline_suggestion(suggestion, actor=self.staff, reason="x")

    def test_unit_decides_only_after_closing(self):
        suggestion = self.suggest()
        with self.assertRaises(NotPermitted):
            actions.do_adopt_suggestion(suggestion, actor=self.liaison_a)
        self.close()
        self.assertEqual(actions.do_adopt_suggestion(suggestion, actor=self.liaison_a).state, "adopted")

    def test_other_unit_never_decides(self):
        suggestion = self.suggest()
        self.close()
        with self.assertRaises(NotPermitted):
            actions.do_adopt_suggestion(suggestion, actor=self.liaison_b)

    def test_supervisor_does_not_decide(self):
        with self.assertRaises(NotPermitted):
            actions.do_adopt_suggestion(self.suggest(), actor=self.supervisor)


class ChecklistTests(InspectionTestCase):
    def test_result_recorded_by_member(self):
        discipline = Checklist.objects.get(code="discipline")
        campaign = self.make_campaign(title="纪律检查", kind=CampaignKind.COVERT, checklists=[discipline])
        target = campaign.targets.get()
        item = discipline.items.first()
        result = actions.do_record_checklist_result(target, actor=self.supervisor, item=item, passed=False,
                                                    note="2人迟到")
        self.assertFalse(result.passed)
        result = actions.do_record_checklist_result(target, actor=self.supervisor, item=item, passed=True)
        self.assertEqual(target.results.count(), 1)

    def test_item_not_on_the_campaign_refused(self):
        item = Checklist.objects.get(code="discipline").items.first()
        with self.assertRaises(InspectionError):
            actions.do_record_checklist_result(self.campaign.targets.get(), actor=self.supervisor, item=item,
                                               passed=True)

    def test_visit_recorded(self):
        target = actions.do_record_visit(self.campaign.targets.get(), actor=self.supervisor,
                                         visited_on=timezone.localdate())
        self.assertIsNotNone(target.visited_on)


class UnitCampaignTests(InspectionTestCase):
    def test_liaison_manages_own_campaign_not_others(self):
        own = _create(self.liaison_a)
        actions.do_add_group(own, actor=self.liaison_a, name="组")
        other = _create(self.liaison_b)
        with self.assertRaises(NotPermitted):
            actions.do_add_group(other, actor=self.liaison_a, name="组")
        self.assertEqual(Campaign.objects.count(), 3)

    def test_unrelated_user_without_unit(self):
        outsider = make_user("outsider", "unit_liaison")
        with self.assertRaises(InspectionError):
            _create(outsider)
