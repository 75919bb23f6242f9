from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiaoneng.commitments import actions
from xiaoneng.commitments.models import CheckOutcome, ItemStatus
from xiaoneng.commitments.tests.base import CommitmentTestCase, RoleMatrix
from xiaoneng.inspections.tests.base import photo

ALL = (
    "admin",
    "staff",
    "leader",
    "supervisor",
    "liaison_a",
    "head_a",
    "unit_staff_a",
    "section",
    "liaison_b",
    "confirmer",
    "auditor",
)


def table(default: int, **overrides) -> dict:
    return {**dict.fromkeys(ALL, default), **overrides}


CENTER_ONLY = table(403, admin=200, staff=200)
SEE_A = table(200, section=404, liaison_b=404, confirmer=403, auditor=403)


class PermissionTests(RoleMatrix, CommitmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.add_role_users()

    def test_index(self):
        self.assert_statuses(reverse("commitments:index"), table(200, confirmer=403, auditor=403))

    def test_new_campaign_and_commitment_forms(self):
        self.assert_statuses(reverse("commitments:campaign_new"), CENTER_ONLY)
        self.assert_statuses(
            reverse("commitments:commitment_new", args=[self.campaign.public_id]), CENTER_ONLY
        )

    def test_detail(self):
        self.assert_statuses(self.commitment.get_absolute_url(), SEE_A)

    def test_progress(self):
        url = reverse("commitments:item_act", args=[self.item.pk, "progress"])
        self.assert_statuses(
            url,
            table(403, admin=302, staff=302, liaison_a=302, head_a=302, section=404, liaison_b=404),
            method="post",
            data={"progress-progress": "10", "progress-note": "推进中"},
        )

    def test_check_and_breach(self):
        url = reverse("commitments:item_act", args=[self.other_item.pk, "check"])
        self.assert_statuses(
            url,
            table(403, admin=302, staff=302, section=404, liaison_b=404),
            method="post",
            data={"check-outcome": "on_track", "check-progress": "20"},
        )
        url = reverse("commitments:item_act", args=[self.item.pk, "milestone"])
        self.assert_statuses(
            url,
            table(403, admin=302, staff=302, liaison_a=302, head_a=302, section=404, liaison_b=404),
            method="post",
            data={"milestone-title": "方案", "milestone-due_on": "2026-05-01"},
        )

    def test_add_item(self):
        url = reverse("commitments:item_new", args=[self.commitment.public_id])
        self.assert_statuses(
            url,
            table(403, admin=302, staff=302, section=404, liaison_b=404),
            method="post",
            data={"item-kind": "other", "item-promise": "首问负责"},
        )

    def test_publish_and_evidence(self):
        breach = actions.do_record_breach(self.item, actor=self.staff, description="超时办结")
        url = reverse("commitments:notice_publish", args=[breach.notice.pk])
        self.assert_statuses(
            url,
            table(403, admin=302, staff=302, section=404, liaison_b=404),
            method="post",
            data={},
            reset=lambda: type(breach.notice).objects.filter(pk=breach.notice.pk).update(state="draft"),
        )
        actions.do_report_progress(self.other_item, actor=self.liaison_a, progress=30, evidence=[photo()])
        file = self.commitment.items.get(pk=self.other_item.pk)
        from xiaoneng.commitments.views import item_files

        attachment = item_files(file.commitment).get()
        self.assert_statuses(
            reverse("commitments:evidence", args=[self.commitment.public_id, attachment.pk]), SEE_A
        )


class ScreenTests(CommitmentTestCase):
    def test_index_shows_chinese_and_figures(self):
        self.login(self.staff)
        response = self.client.get(reverse("commitments:index") + f"?campaign={self.campaign.public_id}")
        self.assertContains(response, "公开承诺")
        self.assertContains(response, "1个部门单位作出承诺（其中1个由主要负责人或领导班子集体通过电视承诺）")
        self.assertContains(response, "电视、责任状")

    def test_unit_sees_only_its_own(self):
        actions.do_record_commitment(
            self.campaign,
            actor=self.staff,
            unit=self.unit_b,
            committer_kind="collective",
            committed_on=self.campaign.starts_on,
            channels=["radio"],
        )
        self.login(self.liaison_b)
        response = self.client.get(reverse("commitments:index"))
        self.assertContains(response, "县人力资源和社会保障局")
        self.assertNotContains(response, "县交通运输局")

    def test_list_queries_do_not_grow(self):
        from xiaoneng.testing import make_unit

        for n in range(5):
            unit = make_unit(f"u{n}", f"单位{n}", parent=self.county)
            actions.do_record_commitment(
                self.campaign,
                actor=self.staff,
                unit=unit,
                committer_kind="head",
                committed_on=self.campaign.starts_on,
                channels=["tv"],
            )
        self.login(self.staff)
        url = reverse("commitments:index")
        self.client.get(url)
        with self.assertNumQueries(10):
            self.client.get(url)

    def test_a_breached_check_through_the_screen(self):
        self.login(self.staff)
        url = reverse("commitments:item_act", args=[self.item.pk, "check"])
        response = self.client.post(
            url, {"check-outcome": CheckOutcome.BREACHED, "check-note": "抽查2件超时"}, follow=True
        )
        self.assertContains(response, "关于县交通运输局有诺不践的通报")
        self.assertEqual(self.refresh(self.item).status, ItemStatus.BREACHED)

    def test_a_breach_without_words_is_refused_in_chinese(self):
        self.login(self.staff)
        url = reverse("commitments:item_act", args=[self.item.pk, "check"])
        response = self.client.post(url, {"check-outcome": CheckOutcome.BREACHED}, follow=True)
        self.assertContains(response, "请说明未兑现的承诺情况")
        self.assertEqual(self.refresh(self.item).status, ItemStatus.NOT_STARTED)

    def test_bad_evidence_is_refused(self):
        self.login(self.liaison_a)
        bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
        response = self.client.post(
            reverse("commitments:item_act", args=[self.item.pk, "progress"]),
            {"progress-progress": "10", "progress-evidence": [bad]},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.refresh(self.item).progress, 0)

    def test_invalid_form_shows_errors(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("commitments:item_act", args=[self.item.pk, "progress"]), {"progress-progress": "140"}
        )
        self.assertContains(response, "请更正以下错误")


class MorePermissionTests(RoleMatrix, CommitmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.add_role_users()
        cls.milestone = actions.do_add_milestone(
            cls.item, actor=cls.staff, title="方案", due_on=cls.campaign.ends_on
        )

    def test_milestone_done(self):
        from xiaoneng.commitments.models import Milestone

        url = reverse("commitments:milestone_done", args=[self.milestone.pk])
        reset = lambda: Milestone.objects.filter(pk=self.milestone.pk).update(done_on=None)  # noqa: E731
        expected = table(403, admin=302, staff=302, liaison_a=302, head_a=302, section=404, liaison_b=404)
        self.assert_statuses(url, expected, method="post", reset=reset)

    def test_breach(self):
        url = reverse("commitments:item_act", args=[self.item.pk, "breach"])
        expected = table(403, section=404, liaison_b=404, admin=302, staff=302)
        # Only the first breach is written; the second center user sees the refusal message.
        self.assert_statuses(url, expected, method="post", data={"breach-description": "超时"})

    def test_public_pages_for_everyone(self):
        for url in (
            reverse("public_commitments:list"),
            self.commitment.get_public_url(),
            reverse("public_commitments:rss"),
            reverse("public_commitments:json"),
        ):
            self.assert_statuses(url, table(200), anonymous=200)

    def test_public_list_queries_do_not_grow(self):
        from xiaoneng.testing import make_unit

        url = reverse("public_commitments:list")
        self.client.get(url)
        with self.assertNumQueries(10) as before:
            self.client.get(url)
        for n in range(4):
            unit = make_unit(f"p{n}", f"单位{n}", parent=self.county)
            commitment = actions.do_record_commitment(
                self.campaign,
                actor=self.staff,
                unit=unit,
                committer_kind="head",
                committed_on=self.campaign.starts_on,
                channels=["tv"],
            )
            actions.do_add_item(commitment, actor=self.staff, kind="other", promise=f"承诺{n}")
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)


class FormTests(CommitmentTestCase):
    def test_new_campaign_then_a_commitment(self):
        self.login(self.staff)
        response = self.client.post(
            reverse("commitments:campaign_new"),
            {
                "name": "窗口单位公开承诺",
                "basis_title": "关于窗口单位公开承诺的通知",
                "basis_number": "",
                "issued_by": "县效能中心",
                "starts_on": "2026-04-01",
                "ends_on": "2026-12-31",
            },
            follow=True,
        )
        self.assertContains(response, "窗口单位公开承诺")
        from xiaoneng.commitments.models import Campaign

        campaign = Campaign.objects.get(name="窗口单位公开承诺")
        response = self.client.post(
            reverse("commitments:commitment_new", args=[campaign.public_id]),
            {
                "unit": self.unit_b.pk,
                "committer_kind": "collective",
                "committed_on": "2026-04-01",
                "channels": ["web", "notice_board"],
            },
            follow=True,
        )
        self.assertContains(response, "网络、公开栏")

    def test_campaign_dates_refused_in_chinese(self):
        self.login(self.staff)
        response = self.client.post(
            reverse("commitments:campaign_new"),
            {
                "name": "x",
                "basis_title": "y",
                "issued_by": "z",
                "starts_on": "2026-04-01",
                "ends_on": "2026-03-01",
            },
        )
        self.assertContains(response, "结束日期不能早于开始日期")
