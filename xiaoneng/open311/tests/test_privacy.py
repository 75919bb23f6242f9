"""No public answer ever carries the reporter's name, phone or e-mail, or the reporter's words."""

from xiaoneng.complaints.actions import do_set_public
from xiaoneng.matters.actions import do_assign_matter
from xiaoneng.open311.tests.helpers import REPORTER, Open311TestCase

SECRETS = ["王小明", "小明", "13912345678", "wxm@example.cn", "李四", "13800001111", "独家细节"]


class PrivacyTests(Open311TestCase):
    def answers(self, complaint) -> list[str]:
        sid, token = complaint.matter.public_id, complaint.open311.token
        paths = ["requests", f"requests/{sid}", f"tokens/{token}", "services", "services/slow", "discovery"]
        bodies = [self.get(f"{path}.{fmt}").content.decode() for path in paths for fmt in ("json", "xml")]
        bodies += [self.get(f"requests.{fmt}", service_request_id=sid).content.decode()
                   for fmt in ("json", "xml")]
        return bodies

    def assertNothingLeaks(self, complaint):
        for body in self.answers(complaint):
            for secret in SECRETS + [complaint.tracking_code]:
                self.assertNotIn(secret, body)

    def test_unpublished_real_name_request(self):
        response = self.post(description="独家细节：科长要红包", **REPORTER)
        for secret in SECRETS + ["科长要红包"]:
            self.assertNotIn(secret, response.content.decode())
        complaint = self.file(description="独家细节：科长要红包", **REPORTER)
        self.assertNothingLeaks(complaint)

    def test_published_and_assigned_real_name_request(self):
        complaint = self.file(description="独家细节：科长要红包", **REPORTER)
        do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_a)
        do_set_public(complaint, actor=self.staff, is_public=True, public_summary="反映某单位办事刁难")
        self.assertNothingLeaks(complaint)
        self.assertIn("反映某单位办事刁难", self.get("requests.json").content.decode())

    def test_logged_in_staff_see_no_more(self):
        complaint = self.file(description="独家细节：科长要红包", **REPORTER)
        anonymous_view = self.get(f"requests/{complaint.matter.public_id}.json").content
        for user in (self.admin, self.staff, self.leader):
            self.login(user)
            self.assertEqual(self.get(f"requests/{complaint.matter.public_id}.json").content, anonymous_view)
            self.assertEqual(self.get("requests.json").content, b"[]")
            self.assertNothingLeaks(complaint)

    def test_errors_do_not_echo_identity(self):
        response = self.post(email="王小明@", phone="13912345678", first_name="小明", last_name="王")
        self.assertEqual(response.status_code, 400)
        for secret in SECRETS:
            self.assertNotIn(secret, response.content.decode())
