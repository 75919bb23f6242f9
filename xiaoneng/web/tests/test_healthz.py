from unittest import mock

from django.db.utils import OperationalError

from xiaoneng.testing import XiaonengTestCase


class HealthzTests(XiaonengTestCase):
    def test_reports_database_ok(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["database"]["ok"], True)

    def test_reports_database_failure_as_503(self):
        with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                        side_effect=OperationalError("down")):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["status"], "error")

    def test_is_not_cached(self):
        response = self.client.get("/healthz")
        self.assertIn("no-cache", response["Cache-Control"])
