"""Random JSON bodies and query strings for every endpoint: never a 500, always a documented answer."""

import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from xiaoneng.api.tests.base import ApiTestCase
from xiaoneng.api.tests.schema import assert_documented
from xiaoneng.matters.models import State

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = ["unit", "co_units", "time_limit", "note", "reply", "reason", "verdict", "resolution", "outcome",
          "category", "scope", "kind", "title", "description", "accused_unit", "occurred_on", "anonymous",
          "name", "phone", "email", "channel", "external_ref"]
bodies = json_values | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), json_values, max_size=6)
PARAMS = ["state", "unit", "kind", "colour", "overdue", "created_from", "created_to", "text", "limit",
          "offset"]
queries = st.dictionaries(st.sampled_from(PARAMS) | st.text(max_size=5),
                          st.text(max_size=20) | st.integers().map(str) | st.dates().map(str), max_size=5)
ACTIONS = ["assign", "reply", "return", "verify", "close", "reopen", "urge"]
ROLES = st.sampled_from(["staff", "liaison_a", "leader"])


class FuzzTests(ApiTestCase, HypothesisTestCase):
    def setUp(self):
        super().setUp()
        self.assigned = self.matter(State.ASSIGNED)

    @FUZZ
    @given(query=queries, role=ROLES)
    def test_list(self, query, role):
        self.api("get", "/api/v1/matters?" + urlencode(query), role)

    @FUZZ
    @given(ident=st.text(max_size=45), query=queries, events=st.booleans())
    def test_detail_and_events(self, ident, query, events):
        path = "/api/v1/matters/" + (ident.replace("/", "") or "x") + ("/events" if events else "")
        if "?" in path or "#" in path:
            path = "/api/v1/matters/x"
        self.api("get", path + "?" + urlencode(query), "staff")

    @FUZZ
    @given(action=st.sampled_from(ACTIONS), body=bodies, role=ROLES)
    def test_actions(self, action, body, role):
        self.api("post", f"/api/v1/matters/{self.assigned.public_id}/{action}", role, raw=json.dumps(body))

    @FUZZ
    @given(body=bodies, key=st.none() | st.text(max_size=70))
    def test_complaint_intake(self, body, key):
        headers = {"Idempotency-Key": key} if key is not None and "\n" not in key and "\r" not in key else {}
        self.api("post", "/api/v1/complaints", "staff", raw=json.dumps(body), headers=headers)

    @FUZZ
    @given(raw=st.binary(max_size=60))
    def test_raw_bytes_as_body(self, raw):
        path = f"/api/v1/matters/{self.assigned.public_id}/urge"
        response = self.client.post(path, raw, content_type="application/json",
                                    headers={"Authorization": f"Bearer {self.tokens['staff']}"})
        self.assertLess(response.status_code, 500)
        assert_documented("post", path, response)
