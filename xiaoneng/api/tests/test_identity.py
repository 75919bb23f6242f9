"""The reporter's identity appears in no API answer, for any role, on any endpoint."""

from xiaoneng.api.tests.base import REPORTER, ROLES, ApiTestCase
from xiaoneng.api.tests.schema import openapi
from xiaoneng.matters.models import State


class IdentityTests(ApiTestCase):
    def assert_no_identity(self, response) -> None:
        text = response.content.decode()
        for value in REPORTER.values():
            self.assertNotIn(value, text)

    def test_no_endpoint_shows_the_identity_to_any_role(self):
        matter = self.complaint_matter(state=State.ASSIGNED)
        for role in ROLES:
            for path in ("/api/v1/matters", f"/api/v1/matters/{matter.public_id}",
                         f"/api/v1/matters/{matter.public_id}/events",
                         f"/api/v1/matters?text={REPORTER['name']}"):
                with self.subTest(role=role, path=path):
                    self.assert_no_identity(self.api("get", path, role))

    def test_actions_and_intake_do_not_echo_it(self):
        matter = self.complaint_matter(state=State.ASSIGNED)
        self.assert_no_identity(self.api("post", f"/api/v1/matters/{matter.public_id}/urge", "staff", {}))
        self.assert_no_identity(self.api("post", f"/api/v1/matters/{matter.public_id}/reply", "liaison_a",
                                         {"reply": "已联系"}))
        filed = self.api("post", "/api/v1/complaints", "staff", {
            "category": "fees", "scope": "public_service", "description": "乱收费", "anonymous": False,
            **REPORTER})
        self.assertEqual(filed.status_code, 201)
        self.assert_no_identity(filed)

    def test_no_response_schema_has_an_identity_field(self):
        components = openapi()["components"]["schemas"]
        for name, schema in components.items():
            if name == "ComplaintIn":
                continue  # write-only intake
            with self.subTest(schema=name):
                self.assertFalse({"identity", "name", "phone", "email", "id_number"}
                                 & set(schema.get("properties", {})))
