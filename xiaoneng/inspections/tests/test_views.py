from django.urls import reverse

from xiaoneng.inspections import actions
from xiaoneng.inspections.models import Campaign, Finding, FindingState, Suggestion, SuggestionState
from xiaoneng.inspections.tests.base import InspectionTestCase, photo


class RoleMatrix(InspectionTestCase):
    def roles(self):
        return {
            "admin": self.admin, "staff": self.staff, "leader": self.leader, "supervisor": self.supervisor,
            "supervisor2": self.other_supervisor, "liaison_a": self.liaison_a, "head_a": self.head_a,
            "section": self.section_liaison, "liaison_b": self.liaison_b,
        }

    def assert_statuses(self, url, expected: dict, method: str = "get", data=None):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        self.assertIn(reverse("web:login"), response["Location"])
        for name, user in self.roles().items():
            self.client.force_login(user)
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, expected[name], name)


class ListTests(RoleMatrix):
    def test_every_role_gets_a_list(self):
        self.assert_statuses(reverse("inspections:list"), dict.fromkeys(self.roles(), 200))

    def test_secret_campaign_only_in_the_lists_of_those_who_may_see_it(self):
        seen = {"admin", "staff", "leader", "supervisor"}
        for name, user in self.roles().items():
            self.login(user)
            response = self.client.get(reverse("inspections:list"))
            (self.assertContains if name in seen else self.assertNotContains)(response, "银行网点专题监督")

    def test_after_closing_the_inspected_unit_lists_it(self):
        self.close()
        self.login(self.liaison_a)
        self.assertContains(self.client.get(reverse("inspections:list")), "银行网点专题监督")
        self.login(self.liaison_b)
        self.assertNotContains(self.client.get(reverse("inspections:list")), "银行网点专题监督")


class DetailTests(RoleMatrix):
    def url(self):
        return self.campaign.get_absolute_url()

    def test_before_closing(self):
        self.assert_statuses(self.url(), {
            "admin": 200, "staff": 200, "leader": 200, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        })

    def test_after_closing(self):
        self.close()
        self.assert_statuses(self.url(), {
            "admin": 200, "staff": 200, "leader": 200, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 200, "head_a": 200, "section": 404, "liaison_b": 404,
        })

    def test_inspected_unit_sees_only_its_own_findings(self):
        actions.do_add_target(self.campaign, actor=self.staff, unit=self.unit_b)
        self.record(what="交通窗口无人")
        self.record(unit=self.unit_b, what="人社窗口玩手机")
        self.close()
        self.login(self.liaison_b)
        response = self.client.get(self.url())
        self.assertContains(response, "人社窗口玩手机")
        self.assertNotContains(response, "交通窗口无人")
        self.assertNotContains(response, "县交通运输局")
        self.assertNotContains(response, "第一组")

    def test_unknown_number_404(self):
        self.login(self.staff)
        self.assertEqual(self.client.get(reverse("inspections:detail", args=["X" * 20])).status_code, 404)

    def test_member_gets_the_record_button(self):
        self.login(self.supervisor)
        self.assertContains(self.client.get(self.url()), 'id="new-finding"')
        self.login(self.leader)
        self.assertNotContains(self.client.get(self.url()), 'id="new-finding"')


class CreateTests(RoleMatrix):
    def test_who_may_open_the_form(self):
        self.assert_statuses(reverse("inspections:new"), {
            "admin": 200, "staff": 200, "leader": 403, "supervisor": 403, "supervisor2": 403,
            "liaison_a": 200, "head_a": 200, "section": 200, "liaison_b": 200,
        })

    def test_staff_creates(self):
        self.login(self.staff)
        response = self.client.post(reverse("inspections:new"), {
            "kind": "joint", "title": "联动督查", "organiser_unit": self.center.pk, "basis": "方案",
            "starts_on": "2026-11-20", "ends_on": "2026-11-21",
        })
        campaign = Campaign.objects.get(title="联动督查")
        self.assertRedirects(response, campaign.get_absolute_url())
        self.assertTrue(campaign.county_wide)

    def test_liaison_cannot_pick_another_unit(self):
        self.login(self.liaison_a)
        response = self.client.post(reverse("inspections:new"), {
            "kind": "covert", "title": "暗访", "organiser_unit": self.unit_b.pk,
            "starts_on": "2026-11-20", "ends_on": "2026-11-21",
        })
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Campaign.objects.filter(title="暗访").exists())


class CampaignActTests(RoleMatrix):
    def test_only_managers_act(self):
        self.assert_statuses(reverse("inspections:act", args=[self.campaign.public_id, "start"]), {
            "admin": 302, "staff": 302, "leader": 403, "supervisor": 403, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        }, method="post")

    def test_add_target_and_member(self):
        self.login(self.staff)
        group = self.campaign.groups.get()
        self.client.post(reverse("inspections:act", args=[self.campaign.public_id, "add_target"]),
                         {"target-unit": self.unit_b.pk, "target-group": group.pk})
        self.assertTrue(self.campaign.targets.filter(unit=self.unit_b).exists())
        response = self.client.post(reverse("inspections:act", args=[self.campaign.public_id, "add_member"]),
                                    {"member-group": group.pk, "member-user": "liaison_a"}, follow=True)
        self.assertContains(response, "县交通运输局")  # the recusal message
        self.assertFalse(group.members.filter(user=self.liaison_a).exists())

    def test_add_group(self):
        self.login(self.staff)
        self.client.post(reverse("inspections:act", args=[self.campaign.public_id, "add_group"]),
                         {"group-name": "第二组", "group-leader": "supervisor2"})
        self.assertTrue(self.campaign.groups.filter(name="第二组", leader=self.other_supervisor).exists())

    def test_invalid_form_shows_the_page(self):
        self.login(self.staff)
        url = reverse("inspections:act", args=[self.campaign.public_id, "add_group"])
        response = self.client.post(url, {})
        self.assertEqual(response.status_code, 200)

    def test_unknown_action_404(self):
        self.login(self.staff)
        self.assertEqual(self.client.post(
            reverse("inspections:act", args=[self.campaign.public_id, "explode"])).status_code, 404)


class FindingFormTests(RoleMatrix):
    def url(self):
        return reverse("inspections:finding_new", args=[self.campaign.public_id])

    def test_who_may_open_it(self):
        self.assert_statuses(self.url(), {
            "admin": 200, "staff": 200, "leader": 403, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        })

    def test_phone_form_fields(self):
        self.login(self.supervisor)
        response = self.client.get(self.url())
        for snippet in ('name="what"', 'name="where"', 'name="occurred_at"', 'name="unit"', 'name="photos"',
                        'capture="environment"', 'id="record-finding"', 'enctype="multipart/form-data"'):
            self.assertContains(response, snippet)

    def test_supervisor_records_with_a_photo(self):
        self.login(self.supervisor)
        response = self.client.post(self.url(), {
            "unit": self.unit_a.pk, "what": "窗口无人值守", "where": "交通窗口",
            "occurred_at": "2026-11-10T09:30", "photos": [photo()],
        })
        finding = Finding.objects.get()
        self.assertRedirects(response, finding.get_absolute_url())
        self.assertEqual(finding.recorded_by, self.supervisor)
        photo_link = reverse("inspections:finding_photo", args=[finding.public_id,
                                                                finding_attachment(finding).pk])
        self.assertContains(self.client.get(finding.get_absolute_url()), photo_link)
        self.assertEqual(self.client.get(photo_link).status_code, 200)

    def test_bad_photo_shows_the_form_again(self):
        self.login(self.supervisor)
        response = self.client.post(self.url(), {
            "unit": self.unit_a.pk, "what": "窗口无人值守", "occurred_at": "2026-11-10T09:30",
            "photos": [photo_named_garbage()],
        })
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Finding.objects.exists())

    def test_closed_campaign_refuses(self):
        self.close()
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.url()).status_code, 403)


def finding_attachment(finding):
    from xiaoneng.trace.chain import events_for

    return events_for(finding).get().attachments.get()


def photo_named_garbage():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.jpg", b"garbage, not a picture", content_type="image/jpeg")


class FindingDetailTests(RoleMatrix):
    def setUp(self):
        self.finding = self.record()

    def test_before_closing(self):
        self.assert_statuses(self.finding.get_absolute_url(), {
            "admin": 200, "staff": 200, "leader": 200, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        })

    def test_after_closing_only_its_unit(self):
        self.close()
        self.assert_statuses(self.finding.get_absolute_url(), {
            "admin": 200, "staff": 200, "leader": 200, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 200, "head_a": 200, "section": 404, "liaison_b": 404,
        })

    def test_hand_over_by_staff(self):
        self.login(self.staff)
        url = reverse("inspections:finding_act", args=[self.finding.public_id, "hand_over"])
        self.client.post(url, {"hand_over-time_limit": "", "hand_over-note": ""})
        self.finding.refresh_from_db()
        self.assertEqual(self.finding.state, FindingState.HANDED_OVER)
        self.assertContains(self.client.get(self.finding.get_absolute_url()), self.finding.matter.public_id)

    def test_hand_over_roles(self):
        url = reverse("inspections:finding_act", args=[self.finding.public_id, "hand_over"])
        self.login(self.supervisor)
        self.assertEqual(self.client.post(url, {}).status_code, 403)
        self.login(self.liaison_a)
        self.assertEqual(self.client.post(url, {}).status_code, 404)

    def test_dismiss(self):
        self.login(self.staff)
        url = reverse("inspections:finding_act", args=[self.finding.public_id, "dismiss"])
        self.assertEqual(self.client.post(url, {"dismiss-reason": ""}).status_code, 200)
        self.client.post(url, {"dismiss-reason": "不属实"})
        self.finding.refresh_from_db()
        self.assertEqual(self.finding.state, FindingState.DISMISSED)

    def test_photo_of_another_finding_404(self):
        other = self.record(photos=[photo()])
        self.login(self.staff)
        url = reverse("inspections:finding_photo",
                      args=[self.finding.public_id, finding_attachment(other).pk])
        self.assertEqual(self.client.get(url).status_code, 404)


class SuggestionViewTests(RoleMatrix):
    def test_form_roles(self):
        self.assert_statuses(reverse("inspections:suggestion_new", args=[self.campaign.public_id]), {
            "admin": 200, "staff": 200, "leader": 403, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        })

    def test_supervisor_records(self):
        self.login(self.supervisor)
        url = reverse("inspections:suggestion_new", args=[self.campaign.public_id])
        self.client.post(url, {"unit": self.unit_a.pk, "text": "增设自助服务终端"})
        self.assertEqual(Suggestion.objects.get().text, "增设自助服务终端")

    def suggestion(self):
        return actions.do_record_suggestion(self.campaign, actor=self.supervisor, unit=self.unit_a,
                                            text="公开办事指南")

    def test_adopt_roles(self):
        suggestion = self.suggestion()
        self.assert_statuses(reverse("inspections:suggestion_act", args=[suggestion.pk, "adopt"]), {
            "admin": 302, "staff": 302, "leader": 403, "supervisor": 403, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        }, method="post")

    def test_unit_declines_after_closing_with_a_reason(self):
        suggestion = self.suggestion()
        self.close()
        self.login(self.liaison_a)
        url = reverse("inspections:suggestion_act", args=[suggestion.pk, "decline"])
        self.client.post(url, {"decline-reason": ""})
        suggestion.refresh_from_db()
        self.assertEqual(suggestion.state, SuggestionState.OPEN)
        self.client.post(url, {"decline-reason": "编制不足"})
        suggestion.refresh_from_db()
        self.assertEqual(suggestion.state, SuggestionState.DECLINED)
        self.assertEqual(suggestion.decline_reason, "编制不足")


class ChecksViewTests(RoleMatrix):
    def setUp(self):
        from xiaoneng.inspections.models import Checklist

        self.checklist = Checklist.objects.get(code="discipline")
        self.campaign.checklists.add(self.checklist)
        self.target = self.campaign.targets.get()

    def url(self):
        return reverse("inspections:checks", args=[self.campaign.public_id, self.target.pk])

    def test_roles(self):
        self.assert_statuses(self.url(), {
            "admin": 200, "staff": 200, "leader": 403, "supervisor": 200, "supervisor2": 404,
            "liaison_a": 404, "head_a": 404, "section": 404, "liaison_b": 404,
        })

    def test_member_records_a_failed_point_and_the_visit(self):
        item = self.checklist.items.first()
        self.login(self.supervisor)
        response = self.client.post(self.url(), {"visited_on": "2026-11-10", f"item-{item.pk}": "fail",
                                                 f"note-{item.pk}": "2人迟到"})
        self.assertRedirects(response, self.campaign.get_absolute_url())
        result = self.target.results.get()
        self.assertEqual((result.passed, result.note), (False, "2人迟到"))
        self.target.refresh_from_db()
        self.assertEqual(str(self.target.visited_on), "2026-11-10")
        self.assertContains(self.client.get(self.url()), "2人迟到")

    def test_target_of_another_campaign_404(self):
        other = self.make_campaign(title="另一活动")
        self.login(self.staff)
        url = reverse("inspections:checks", args=[self.campaign.public_id, other.targets.get().pk])
        self.assertEqual(self.client.get(url).status_code, 404)


class ChecklistAdminTests(RoleMatrix):
    def test_admin_edits_checklists(self):
        self.admin.is_staff = True
        self.admin.save()
        self.login(self.admin)
        response = self.client.get(reverse("admin:inspections_checklist_changelist"))
        self.assertContains(response, "上下班纪律")
