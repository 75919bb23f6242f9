import datetime

from django.utils import timezone

from xiaoneng.api.tests.base import CENTER, REPORTER, ROLES, ApiTestCase
from xiaoneng.complaints.models import Channel, Complaint

BODY = {"category": "extortion", "scope": "approval", "description": "窗口人员索要好处费",
        "accused_unit": "jtj", "anonymous": False, **REPORTER}


class IntakeTests(ApiTestCase):
    def file(self, role="staff", body=None, key=None):
        headers = {"Idempotency-Key": key} if key else {}
        return self.api("post", "/api/v1/complaints", role, body or BODY, headers=headers)

    def test_staff_file_a_complaint(self):
        response = self.file()
        self.assertEqual(response.status_code, 201)
        body = response.json()
        complaint = Complaint.objects.get(matter__public_id=body["id"])
        self.assertEqual((complaint.channel, complaint.accused_unit, complaint.anonymous),
                         (Channel.API, self.unit_a, False))
        self.assertEqual(body["tracking_code"], complaint.tracking_code)
        self.assertTrue(body["secret"])
        self.assertEqual(body["matter"]["complaint"]["category"], "extortion")

    def test_only_those_who_record_complaints_may(self):
        for role in ROLES:
            with self.subTest(role=role):
                response = self.file(role)
                self.assertEqual(response.status_code, 201 if role in CENTER else 403)
        self.assertEqual(Complaint.objects.count(), len(CENTER))

    def test_the_same_idempotency_key_returns_the_same_complaint(self):
        first = self.file(key="order-42")
        again = self.file(key="order-42")
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json()["id"], again.json()["id"])
        self.assertIsNone(again.json()["secret"])
        self.assertEqual(Complaint.objects.count(), 1)

    def test_keys_belong_to_one_account(self):
        mine, theirs = self.file("staff", key="k1"), self.file("admin", key="k1")
        self.assertEqual(theirs.status_code, 201)
        self.assertNotEqual(mine.json()["id"], theirs.json()["id"])

    def test_a_known_external_reference_is_idempotent_too(self):
        body = {**BODY, "channel": "12345", "external_ref": "GD-2025-0001"}
        self.assertEqual(self.file(body=body).status_code, 201)
        self.assertEqual(self.file(body=body).status_code, 200)

    def test_bad_bodies_are_422(self):
        tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
        invalid = "validation_error"
        for change, code in [({"category": "rude"}, invalid), ({"scope": None}, invalid),
                             ({"description": ""}, invalid), ({"accused_unit": "nosuch"}, invalid),
                             ({"channel": "fax"}, invalid), ({"unknown": 1}, invalid),
                             ({"description": "x" * 5001}, invalid),
                             ({"occurred_on": tomorrow}, "invalid_date"),
                             ({"anonymous": False, "name": "", "phone": ""}, "identity_required")]:
            with self.subTest(change=change):
                response = self.file(body={**BODY, **change})
                self.assertEqual((response.status_code, self.error_code(response)), (422, code))
        self.assertEqual(Complaint.objects.count(), 0)

    def test_a_bad_idempotency_key_is_422(self):
        for key in ("x" * 65, "has space"):
            with self.subTest(key=key):
                self.assertEqual(self.file(key=key).status_code, 422)

    def test_malformed_json_is_400(self):
        response = self.api("post", "/api/v1/complaints", "staff", raw="{")
        self.assertEqual((response.status_code, self.error_code(response)), (400, "bad_request"))
