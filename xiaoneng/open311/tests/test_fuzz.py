"""No form yields a 500: random fields, random values, any key."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from xiaoneng.complaints.models import Category, Scope
from xiaoneng.open311.keys import do_create_api_key
from xiaoneng.open311.tests.helpers import BASE

FIELDS = ["service_code", "attribute[scope]", "attribute[accused_unit]", "attribute[occurred_on]",
          "description", "address_string", "address_id", "lat", "long", "first_name", "last_name", "phone",
          "email", "device_id", "account_id", "media_url", "jurisdiction_id", "attribute[]", "attribute"]
values = (st.text(max_size=60) | st.sampled_from(Category.values + Scope.values)
          | st.sampled_from(["NaN", "-Infinity", "1e400", "91", "-0", "33.5", "2026-02-30", "0001-01-01",
                             "9999-12-31T23:59:59-12:00", "\x00", "a@b", "" ]))
forms = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=12)
params = st.dictionaries(
    st.sampled_from(["service_request_id", "service_code", "status", "start_date", "end_date", "page"]),
    st.text(max_size=40) | st.sampled_from(["0001-01-01", "9999-12-31", "open,closed", "slow,x", "1"]),
    max_size=6)


@pytest.mark.slow
@override_settings(XIAONENG_PUBLIC_SUBMIT_RATE="100000/h")
class FuzzTests(HypothesisTestCase):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(form=forms, with_key=st.booleans(), fmt=st.sampled_from(["json", "xml"]))
    def test_no_post_is_a_server_error(self, form, with_key, fmt):
        if with_key:
            form["api_key"] = do_create_api_key("fuzz")[1]
        form = {k.replace("\x00", ""): v.replace("\x00", "\x01") if k == "api_key" else v
                for k, v in form.items()}
        response = self.client.post(f"{BASE}requests.{fmt}", form)
        self.assertLess(response.status_code, 500)
        self.assertIn(response.status_code, (201, 400, 403))

    @settings(max_examples=150, deadline=None)
    @given(query=params, fmt=st.sampled_from(["json", "xml"]))
    def test_no_query_is_a_server_error(self, query, fmt):
        response = self.client.get(f"{BASE}requests.{fmt}", query)
        self.assertIn(response.status_code, (200, 400))
