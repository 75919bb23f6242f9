import io
import zipfile

from django.urls import reverse
from openpyxl import load_workbook

from xiaoneng.achievements import actions
from xiaoneng.achievements.models import CommentState, DeclarationState
from xiaoneng.achievements.tests.base import QUARTER, YEAR, AchievementTestCase, photo
from xiaoneng.audit.models import AuditEntry
from xiaoneng.commitments.tests.base import RoleMatrix
from xiaoneng.commitments.tests.test_views import table

Q = f"?year={YEAR}&quarter={QUARTER}"
CENTER_ONLY = table(403, admin=200, staff=200)
SEE_A = table(200, section=404, liaison_b=404, confirmer=403, auditor=403)


class PermissionTests(RoleMatrix, AchievementTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.add_role_users()
        cls.selected = cls.to_state(cls.declare(cls.liaison_a, "即来即办", evidence=[photo()]), "selected")

    def test_index(self):
        self.assert_statuses(reverse("achievements:index") + Q, table(200, confirmer=403, auditor=403))

    def test_new(self):
        self.assert_statuses(
            reverse("achievements:new"), table(403, liaison_a=200, head_a=200, section=200, liaison_b=200)
        )

    def test_detail_and_evidence(self):
        self.assert_statuses(self.selected.get_absolute_url(), SEE_A)
        from xiaoneng.achievements.views import evidence_files

        file = evidence_files(self.selected).get()
        self.assert_statuses(reverse("achievements:evidence", args=[self.selected.public_id, file.pk]), SEE_A)

    def test_center_screens(self):
        self.assert_statuses(reverse("achievements:package", args=[YEAR, QUARTER]), CENTER_ONLY)
        self.assert_statuses(reverse("achievements:comments"), CENTER_ONLY)

    def test_submit(self):
        url = reverse("achievements:act", args=[self.draft.public_id, "submit"])
        reset = lambda: type(self.draft).objects.filter(pk=self.draft.pk).update(state="draft")  # noqa: E731
        # Who may not act gets 403; the center may see it but only the unit submits.
        self.assert_statuses(
            url, table(403, liaison_a=302, head_a=302, section=404, liaison_b=404), method="post", reset=reset
        )

    def test_verify(self):
        declared = self.to_state(self.declare(self.liaison_a, "延时服务"), "declared")
        url = reverse("achievements:act", args=[declared.public_id, "verify"])
        reset = lambda: type(declared).objects.filter(pk=declared.pk).update(state="declared")  # noqa: E731
        self.assert_statuses(
            url, table(403, admin=302, staff=302, section=404, liaison_b=404), method="post", reset=reset
        )

    def test_moderate_and_display(self):
        self.open_display(starts=self.selected.selected_at.date(), ends=self.selected.selected_at.date())
        comment = actions.do_post_comment(self.selected, text="好", today=self.selected.selected_at.date())
        self.assert_statuses(
            reverse("achievements:moderate", args=[comment.pk]),
            table(403, admin=302, staff=302),
            method="post",
            data={"decision": "show"},
        )
        self.assert_statuses(
            reverse("achievements:display_new"),
            table(403, admin=302, staff=302),
            method="post",
            data={"year": 2027, "quarter": 1, "starts_on": "2027-04-01", "ends_on": "2027-04-07"},
        )


class ScreenTests(AchievementTestCase):
    def test_declaring_through_the_form(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("achievements:new"),
            {
                "year": YEAR,
                "quarter": QUARTER,
                "title": "企业开办一日办结",
                "what_done": "联合办理",
                "beneficiaries": "新办企业",
                "evidence": [photo()],
            },
            follow=True,
        )
        self.assertContains(response, "企业开办一日办结")
        self.assertContains(response, "草稿")
        self.assertContains(response, "现场.jpg")

    def test_a_bad_file_is_refused_in_chinese(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.liaison_a)
        response = self.client.post(
            reverse("achievements:new"),
            {
                "year": YEAR,
                "quarter": QUARTER,
                "title": "x",
                "what_done": "y",
                "beneficiaries": "z",
                "evidence": [SimpleUploadedFile("a.jpg", b"not an image")],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")

    def test_index_shows_the_figures_with_last_year(self):
        self.to_state(self.declare(self.liaison_a, "去年的实绩", year=YEAR - 1), "declared")
        self.to_state(self.draft, "selected")
        self.to_state(self.declare(self.liaison_b, "社保一窗通办"), "declared")
        self.login(self.staff)
        response = self.client.get(reverse("achievements:index") + Q)
        self.assertContains(response, "2个部门单位申报服务实绩2件，确定1个部门单位的1件典型实绩")
        self.assertContains(response, "同比增加1件")
        self.assertContains(response, "1个部门单位申报服务实绩1件，确定0个部门单位的0件典型实绩")

    def test_a_unit_lists_only_its_own(self):
        self.declare(self.liaison_b, "社保一窗通办")
        self.login(self.liaison_b)
        response = self.client.get(reverse("achievements:index") + Q)
        self.assertContains(response, "社保一窗通办")
        self.assertNotContains(response, "道路运输证即办")

    def test_list_queries_do_not_grow(self):
        for n in range(6):
            self.declare(self.liaison_a, f"实绩{n}")
        self.login(self.staff)
        url = reverse("achievements:index") + Q
        self.client.get(url)
        with self.assertNumQueries(12):
            self.client.get(url)

    def test_reject_without_reason_shows_the_form_error(self):
        declared = self.to_state(self.draft, "declared")
        self.login(self.staff)
        response = self.client.post(
            reverse("achievements:act", args=[declared.public_id, "reject"]), {"reason": ""}
        )
        self.assertContains(response, "errorlist")
        declared.refresh_from_db()
        self.assertEqual(declared.state, DeclarationState.DECLARED)

    def test_the_package_for_the_city(self):
        selected = self.to_state(
            self.declare(self.liaison_a, "即来即办", evidence=[photo("证明.jpg")]), "selected"
        )
        self.to_state(self.declare(self.liaison_b, "未选中的"), "verified")
        self.login(self.staff)
        response = self.client.get(reverse("achievements:package", args=[YEAR, QUARTER]))
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        names = archive.namelist()
        self.assertIn("清单.xlsx", names)
        self.assertIn("佐证材料/01-证明.jpg", names)
        sheet = load_workbook(io.BytesIO(archive.read("清单.xlsx"))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[1][1:3], ("县交通运输局", selected.title))
        self.assertEqual(len(rows), 2)
        self.assertTrue(AuditEntry.objects.filter(action="achievements.package_exported").exists())

    def test_moderation_queue_shows_originals(self):
        selected = self.to_state(self.draft, "selected")
        day = selected.selected_at.date()
        self.open_display(starts=day, ends=day)
        comment = actions.do_post_comment(selected, text="电话13800000000", today=day)
        self.login(self.staff)
        self.client.post(
            reverse("achievements:moderate", args=[comment.pk]),
            {"decision": "show", "text": "电话（已隐去）"},
        )
        comment.refresh_from_db()
        self.assertEqual((comment.state, comment.text), (CommentState.SHOWN, "电话（已隐去）"))
        response = self.client.get(reverse("achievements:comments") + "?state=shown")
        self.assertContains(response, "原文")
        self.assertContains(response, "电话13800000000")
        response = self.client.get(selected.get_absolute_url())
        self.assertContains(response, "电话13800000000")


class MorePermissionTests(RoleMatrix, AchievementTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.add_role_users()

    def test_approve_and_return(self):
        submitted = self.to_state(self.draft, "submitted")
        reset = lambda: type(submitted).objects.filter(pk=submitted.pk).update(state="submitted")  # noqa: E731
        expected = table(403, head_a=302, section=404, liaison_b=404)
        self.assert_statuses(
            reverse("achievements:act", args=[submitted.public_id, "approve"]),
            expected,
            method="post",
            reset=reset,
        )
        self.assert_statuses(
            reverse("achievements:act", args=[submitted.public_id, "return"]),
            expected,
            method="post",
            data={"reason": "补充材料"},
            reset=reset,
        )

    def test_select_result_and_award(self):
        verified = self.to_state(self.draft, "verified")
        center = table(403, admin=302, staff=302, section=404, liaison_b=404)
        reset = lambda: type(verified).objects.filter(pk=verified.pk).update(state="verified")  # noqa: E731
        self.assert_statuses(
            reverse("achievements:act", args=[verified.public_id, "select"]),
            center,
            method="post",
            reset=reset,
        )
        type(verified).objects.filter(pk=verified.pk).update(state="selected")
        self.assert_statuses(
            reverse("achievements:act", args=[verified.public_id, "city_result"]),
            center,
            method="post",
            data={"result": "chosen"},
        )
        reset = lambda: type(verified).objects.filter(pk=verified.pk).update(year_award="")  # noqa: E731
        self.assert_statuses(
            reverse("achievements:act", args=[verified.public_id, "award"]),
            center,
            method="post",
            data={"award": "top_ten_measures"},
            reset=reset,
        )

    def test_add_evidence_and_reject(self):
        url = reverse("achievements:act", args=[self.draft.public_id, "evidence"])
        self.assert_statuses(
            url,
            table(403, liaison_a=302, head_a=302, section=404, liaison_b=404),
            method="post",
            data=lambda: {"evidence": [photo()]},
        )
        declared = self.to_state(self.declare(self.liaison_a, "x"), "declared")
        reset = lambda: type(declared).objects.filter(pk=declared.pk).update(state="declared")  # noqa: E731
        self.assert_statuses(
            reverse("achievements:act", args=[declared.public_id, "reject"]),
            table(403, admin=302, staff=302, section=404, liaison_b=404),
            method="post",
            data={"reason": "不属实"},
            reset=reset,
        )


class DisplayFormTests(AchievementTestCase):
    def test_opening_the_display_period(self):
        self.login(self.staff)
        response = self.client.post(
            reverse("achievements:display_new"),
            {"year": YEAR, "quarter": QUARTER, "starts_on": "2026-03-26", "ends_on": "2026-04-01"},
            follow=True,
        )
        self.assertContains(response, "2026-03-26 – 2026-04-01")
        response = self.client.post(
            reverse("achievements:display_new"),
            {"year": YEAR, "quarter": QUARTER, "starts_on": "2026-03-26", "ends_on": "2026-04-01"},
            follow=True,
        )
        self.assertContains(response, "本季度已设置公示期")

    def test_bad_quarter_is_not_found(self):
        self.login(self.staff)
        self.assertEqual(self.client.get(reverse("achievements:index") + "?year=abc").status_code, 404)
