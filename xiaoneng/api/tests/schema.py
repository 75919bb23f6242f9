"""Check API responses against the published OpenAPI document (/api/v1/openapi.json).

Every API test goes through `assert_documented`: the status must be one the operation
declares, and the JSON body must validate against that status's schema, with $refs
resolved into the document's components.
"""

from __future__ import annotations

import json
import re
from functools import cache

from django.test import Client
from jsonschema import Draft202012Validator

OPENAPI_URL = "/api/v1/openapi.json"


@cache
def openapi() -> dict:
    response = Client().get(OPENAPI_URL)
    assert response.status_code == 200, response.content
    return response.json()


@cache
def _operations() -> list[tuple[re.Pattern, str, dict]]:
    found = []
    for template, item in openapi()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{")
                                          .replace(r"\}", "}")) + "$")
        for method, operation in item.items():
            found.append((pattern, method.lower(), operation))
    return found


def operation_for(method: str, path: str) -> dict:
    path = path.split("?", 1)[0]
    for pattern, op_method, operation in _operations():
        if op_method == method.lower() and pattern.match(path):
            return operation
    raise AssertionError(f"{method.upper()} {path} is not in the published schema")


def response_schema(method: str, path: str, status: int) -> dict:
    responses = operation_for(method, path)["responses"]
    assert str(status) in responses, (
        f"{method.upper()} {path} answered {status}, which its schema does not declare "
        f"(declared: {', '.join(sorted(responses))})"
    )
    content = responses[str(status)]["content"]["application/json"]["schema"]
    return {**content, "components": openapi().get("components", {})}


def assert_documented(method: str, path: str, response) -> None:
    """Fail unless `response` is a documented status with a body valid for its schema."""
    schema = response_schema(method, path, response.status_code)
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    errors = sorted(Draft202012Validator(schema).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method.upper()} {path} {response.status_code}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5])
