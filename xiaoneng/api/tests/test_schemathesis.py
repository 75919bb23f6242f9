"""Schemathesis: requests generated from /api/v1/openapi.json, run in-process (no network).

Slow: run with `pytest -m slow xiaoneng/api`.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def staff_token(db):
    from xiaoneng.api.tokens import do_create_token
    from xiaoneng.matters import actions
    from xiaoneng.matters.models import MatterKind
    from xiaoneng.testing import make_unit, make_user

    unit = make_unit("jtj", "县交通运输局")
    staff = make_user("staff", "center_staff", unit)
    matter = actions.do_receive_matter(kind=MatterKind.objects.get(code="complaint"), title="路灯不亮",
                                       actor=staff)
    actions.do_assign_matter(matter, actor=staff, unit=unit)
    return do_create_token(staff)[1]


@pytest.fixture
def keep_test_connection():
    # As Django's test client does: the WSGI request signals must not close the test's connection.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_api_conforms_to_its_schema(staff_token, keep_test_connection):
    # Operations are walked by hand: schemathesis's pytest plugin does not run under pytest 9.
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {staff_token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    calls = []

    for operation in operations:
        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=25, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def conforms(case):
            calls.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        conforms()
    # Not only refusals: some generated requests got through to the endpoints.
    assert 200 in calls and 422 in calls, sorted(set(calls))
