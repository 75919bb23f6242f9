import re
from unittest import mock

from xiaoneng.api.main import api as ninja_api
from xiaoneng.api.tests.base import ApiTestCase
from xiaoneng.api.tests.schema import openapi


class DocsTests(ApiTestCase):
    def test_schema_lists_every_endpoint(self):
        paths = openapi()["paths"]
        self.assertTrue({"/api/v1/matters", "/api/v1/matters/{id}", "/api/v1/matters/{id}/events",
                         "/api/v1/complaints"} <= set(paths))
        for action in ("assign", "reply", "return", "verify", "close", "reopen", "urge"):
            self.assertIn("post", paths[f"/api/v1/matters/{{id}}/{action}"])

    def test_docs_page_works_offline(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertEqual(re.findall(r"(?:https?:)?//[\w.-]+", page), [], "the docs page names an outside URL")
        self.assertIn("/static/ninja/swagger-ui-bundle.js", page)
        self.assertIn('"validatorUrl": null', page)

    def test_docs_assets_are_served_locally(self):
        self.assertEqual(self.client.get("/static/ninja/swagger-ui-bundle.js").status_code, 200)


class ErrorShapeTests(ApiTestCase):
    def test_messages_are_chinese_by_default(self):
        response = self.api("get", "/api/v1/matters/NOSUCH", "staff")
        self.assertEqual(response.json(), {"error": {"code": "not_found", "message": "未找到。"}})

    def test_validation_errors_name_their_fields(self):
        response = self.api("get", "/api/v1/matters?limit=abc&state=nope", "staff")
        error = response.json()["error"]
        self.assertEqual((error["code"], error["message"]), ("validation_error", "请求中有字段不合要求。"))
        self.assertEqual(sorted(f["loc"][-1] for f in error["fields"]), ["limit", "state"])

    def test_throttled_is_429(self):
        throttle = ninja_api.throttle[0]
        with mock.patch.object(throttle, "num_requests", 2):
            codes = [self.api("get", "/api/v1/matters", "staff").status_code for _ in range(3)]
            response = self.api("get", "/api/v1/matters", "staff")
        self.assertEqual(codes, [200, 200, 429])
        self.assertEqual(self.error_code(response), "throttled")
        self.assertTrue(response["Retry-After"])


class OutsideTheRoutesTests(ApiTestCase):
    def test_unknown_path_is_a_json_404(self):
        for path in ("/api/v1/nope", "/api/v1/matters/AB/cd", "/api/v1/matters/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json()["error"]["code"], "not_found")

    def test_wrong_method_is_a_json_405(self):
        response = self.client.delete("/api/v1/matters")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response.json()["error"], {"code": "method_not_allowed",
                                                    "message": "此处不支持该请求方法。"})
        self.assertIn("GET", response["Allow"])


class OperationIdTests(ApiTestCase):
    def test_operation_ids_are_plain_and_unique(self):
        ids = [op["operationId"] for item in openapi()["paths"].values() for op in item.values()]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertIn("list_matters", ids)
        self.assertIn("file_complaint", ids)
