from django.test import override_settings

from xiaoneng.complaints.actions import do_file_complaint, do_set_public
from xiaoneng.testing import XiaonengTestCase

PAGES = ("/public/", "/public/complaints/new/", "/public/status/", "/public/notices/",
         "/public/notices/feed/")


def publish(admin, unit, summary="窗口乱收费已查实，已退还并通报批评。", **extra):
    complaint, _ = do_file_complaint(category="fees", scope="approval", accused_unit=unit,
                                     description="窗口收了我200元材料费，我叫王二，电话13800001111。",
                                     anonymous=False, name="王二", phone="13800001111", **extra)
    return do_set_public(complaint, actor=admin, is_public=True, public_summary=summary)


class EveryoneTests(XiaonengTestCase):
    def users(self):
        return [None, self.admin, self.staff, self.liaison_a, self.section_liaison, self.head_a,
                self.supervisor, self.leader]

    def test_every_public_page_works_for_anonymous_and_every_role(self):
        for user in self.users():
            self.client.logout()
            if user:
                self.login(user)
            for url in PAGES:
                with self.subTest(user=user, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_filing_works_for_a_logged_in_user_and_is_not_theirs(self):
        from xiaoneng.complaints.models import Complaint

        self.login(self.liaison_a)
        self.client.post("/public/complaints/new/", {
            "category": "slow", "scope": "approval", "anonymous": "1",
            "description": "窗口让我跑了三趟还没办好。"})
        self.assertIsNone(Complaint.objects.get().matter.created_by)

    def test_no_staff_navigation_on_public_pages(self):
        self.login(self.admin)
        page = self.client.get("/public/").content.decode()
        self.assertNotIn("/matters/", page)
        self.assertNotIn("/audit/", page)
        self.assertIn('class="staff-login" href="/login/"', page)


class EmbeddingTests(XiaonengTestCase):
    @override_settings(XIAONENG_EMBED_ORIGINS=["https://www.jinhu.gov.cn", "bad origin;script-src *"])
    def test_frame_ancestors_name_the_portal(self):
        for url in PAGES:
            response = self.client.get(url)
            with self.subTest(url=url):
                self.assertEqual(response["Content-Security-Policy"],
                                 "frame-ancestors 'self' https://www.jinhu.gov.cn")
                self.assertNotIn("X-Frame-Options", response)

    def test_only_self_without_configured_origins(self):
        response = self.client.get("/public/")
        self.assertEqual(response["Content-Security-Policy"], "frame-ancestors 'self'")

    def test_error_and_limit_pages_are_embeddable_too(self):
        response = self.client.post("/public/status/", {})
        self.assertEqual(response["Content-Security-Policy"], "frame-ancestors 'self'")

    def test_embed_mode_drops_header_and_footer(self):
        page = self.client.get("/public/?embed=1").content.decode()
        self.assertNotIn('class="public-head"', page)
        self.assertNotIn('class="public-foot"', page)
        self.assertIn('href="/public/complaints/new/?embed=1"', page)

    def test_embed_mode_survives_a_post(self):
        page = self.client.get("/public/complaints/new/?embed=1").content.decode()
        self.assertIn('action="/public/complaints/new/?embed=1"', page)
        response = self.client.post("/public/complaints/new/?embed=1", {"embed": "1"})
        self.assertNotContains(response, 'class="public-head"')

    def test_pages_are_responsive_and_not_cached(self):
        response = self.client.get("/public/complaints/new/")
        self.assertContains(response, 'name="viewport"')
        self.assertIn("no-store", response["Cache-Control"])


class NoticeTests(XiaonengTestCase):
    def test_only_published_complaints_are_listed(self):
        shown = publish(self.admin, self.unit_a)
        do_file_complaint(category="slow", scope="approval", description="未公开的投诉内容")
        page = self.client.get("/public/notices/").content.decode()
        self.assertIn("窗口乱收费已查实", page)
        self.assertIn(shown.matter.public_id, page)
        self.assertNotIn("未公开的投诉内容", page)

    def test_no_names_phones_or_complaint_text_in_list_detail_or_feed(self):
        complaint = publish(self.admin, self.unit_a)
        for url in ("/public/notices/", f"/public/notices/{complaint.matter.public_id}/",
                    "/public/notices/feed/"):
            page = self.client.get(url).content.decode()
            with self.subTest(url=url):
                for secret in ("王二", "13800001111", "200元材料费", complaint.tracking_code):
                    self.assertNotIn(secret, page)

    def test_feed_is_atom_with_the_summary(self):
        complaint = publish(self.admin, self.unit_a)
        response = self.client.get("/public/notices/feed/")
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        body = response.content.decode()
        self.assertIn("窗口乱收费已查实", body)
        self.assertIn(f"/public/notices/{complaint.matter.public_id}/", body)

    def test_unpublished_detail_is_404(self):
        complaint, _ = do_file_complaint(category="slow", scope="approval", description="未公开")
        self.assertEqual(self.client.get(f"/public/notices/{complaint.matter.public_id}/").status_code, 404)
        self.assertEqual(self.client.get("/public/notices/nonexistent/").status_code, 404)

    def test_withdrawn_complaint_disappears(self):
        complaint = publish(self.admin, self.unit_a)
        do_set_public(complaint, actor=self.admin, is_public=False)
        self.assertNotContains(self.client.get("/public/notices/feed/"), "窗口乱收费已查实")

    def test_bad_page_number_is_not_an_error(self):
        publish(self.admin, self.unit_a)
        for page in ("abc", "-1", "99999"):
            self.assertEqual(self.client.get("/public/notices/", {"page": page}).status_code, 200)
