"""GET /api/v1/complaints/{id}/suggestions, checked against the published OpenAPI schema."""

import shutil
import tempfile

from django.test import override_settings

from xiaoneng.api.tests.base import ROLES, ApiTestCase
from xiaoneng.complaints.actions import do_file_complaint
from xiaoneng.dispatch import store
from xiaoneng.dispatch.actions import do_train
from xiaoneng.dispatch.tests.base import CATEGORIES, START
from xiaoneng.dispatch.texts import SUBJECTS, compose
from xiaoneng.matters.actions import do_assign_matter


class SuggestionsApiTests(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls._data_dir = tempfile.mkdtemp(prefix="xn-dispatch-api-")
        cls._override = override_settings(DATA_DIR=cls._data_dir)
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls._data_dir, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import datetime
        import random

        rng = random.Random(5)
        for i in range(40):
            unit, code = (cls.unit_a, "jtj") if i % 2 else (cls.unit_b, "rsj")
            complaint, _ = do_file_complaint(
                category=CATEGORIES[i % 3], scope="public_service", actor=cls.staff,
                description=compose(rng, rng.choice(SUBJECTS[code]), CATEGORIES[i % 3]),
                received_at=START + datetime.timedelta(days=3 * i))
            do_assign_matter(complaint.matter, actor=cls.staff, unit=unit)
        cls.original, _ = do_file_complaint(
            category="slow", scope="public_service", actor=cls.staff, phone="13700000000",
            description="关于金南镇公交班次的问题，反映多次无人处理。", accused_unit=cls.unit_a)
        cls.new, _ = do_file_complaint(
            category="slow", scope="public_service", actor=cls.staff, phone="13700000000",
            description="关于金南镇公交班次的问题，反映多次无人处理，要求给个说法。", accused_unit=cls.unit_a)
        do_train()
        cls.url = f"/api/v1/complaints/{cls.new.matter.public_id}/suggestions"

    def test_every_role(self):
        for role in [*ROLES, None]:
            with self.subTest(role=role):
                response = self.api("get", self.url, role)
                expected = {"admin": 200, "staff": 200, None: 401}.get(role, 403)
                self.assertEqual(response.status_code, expected)

    def test_units_categories_model_and_repeats(self):
        body = self.api("get", self.url, "staff").json()
        self.assertEqual(body["units"][0]["code"], "jtj")
        self.assertLessEqual(len(body["units"]), 3)
        self.assertEqual(len(body["categories"]), 3)
        self.assertGreater(body["units"][0]["confidence"], body["units"][1]["confidence"])
        self.assertEqual(body["model"]["examples"], 40)
        repeat = body["repeats"][0]
        self.assertEqual(repeat["tracking_code"], self.original.tracking_code)
        self.assertTrue(repeat["same_phone"] and repeat["same_unit"])
        self.assertNotIn("13700000000", str(body))

    def test_unknown_complaint_is_404(self):
        response = self.api("get", "/api/v1/complaints/NOSUCHID/suggestions", "admin")
        self.assertEqual((response.status_code, self.error_code(response)), (404, "not_found"))

    def test_before_any_training_the_model_is_null(self):
        path = store.model_path()
        aside = path.with_suffix(".aside")
        path.rename(aside)
        self.addCleanup(aside.rename, path)
        body = self.api("get", self.url, "admin").json()
        self.assertIsNone(body["model"])
        self.assertEqual((body["units"], body["categories"]), ([], []))

    def test_asking_changes_nothing(self):
        self.api("get", self.url, "staff")
        self.new.matter.refresh_from_db()
        self.assertIsNone(self.new.matter.unit)
        self.assertEqual(self.new.matter.state, "received")
