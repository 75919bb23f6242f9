"""The shared API test base: the test county's accounts, a token each, matters of both units,
and `api()` that calls an endpoint and checks the answer against the published schema."""

from __future__ import annotations

import json

from xiaoneng.api.tests.schema import assert_documented
from xiaoneng.api.tokens import do_create_token
from xiaoneng.complaints.actions import do_file_complaint
from xiaoneng.complaints.models import Category, Scope
from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase

ROLES = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"]
CENTER = {"admin", "staff"}
# Who sees a matter of unit_a: the center, unit_a's people, and the county-wide leader.
SEES_UNIT_A = CENTER | {"liaison_a", "head_a", "leader"}

REPORTER = {"name": "欧阳明月", "phone": "13912345678", "email": "mingyue@example.cn"}


class ApiTestCase(MatterTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = {role: do_create_token(getattr(cls, role), name="tests")[1] for role in ROLES}

    def api(self, method: str, path: str, as_user: str | None = None, body=None, *,
            token: str | None = None, headers: dict | None = None, raw: str | None = None):
        """Call the API as a role (or with `token`, or anonymously) and check the answer's schema."""
        headers = dict(headers or {})
        token = token or (self.tokens[as_user] if as_user else None)
        if token:
            headers.setdefault("Authorization", f"Bearer {token}")
        kwargs = {"headers": headers}
        if method != "get":
            kwargs.update(data=raw if raw is not None else json.dumps(body if body is not None else {}),
                          content_type="application/json")
        response = getattr(self.client, method)(path, **kwargs)
        assert response.status_code < 500, response.content
        assert_documented(method, path, response)
        return response

    def error_code(self, response) -> str:
        return response.json()["error"]["code"]

    def complaint_matter(self, *, state: str = State.RECEIVED, unit=None, **extra):
        """A complaint filed with a named reporter, assigned to `unit` unless still received."""
        from xiaoneng.matters import actions

        complaint, _secret = do_file_complaint(
            category=Category.SLOW, scope=Scope.APPROVAL, description="办证拖了三个月", anonymous=False,
            actor=self.staff, **REPORTER, **extra)
        matter = complaint.matter
        if state != State.RECEIVED:
            matter = actions.do_assign_matter(matter, actor=self.staff, unit=unit or self.unit_a)
        return matter
