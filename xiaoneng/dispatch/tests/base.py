"""A small county history for dispatch tests: transport (unit_a) and social-security (unit_b)
complaints over four months, assigned by staff, and a private data dir for the model file."""

from __future__ import annotations

import datetime
import random
import shutil
import tempfile

from django.test import override_settings

from xiaoneng.complaints.actions import do_file_complaint
from xiaoneng.dispatch import store, texts
from xiaoneng.matters.actions import do_assign_matter
from xiaoneng.matters.models import State
from xiaoneng.testing import XiaonengTestCase

TZ = datetime.timezone(datetime.timedelta(hours=8))
START = datetime.datetime(2026, 3, 2, 9, tzinfo=TZ)
PER_UNIT = 24
CATEGORIES = ["slow", "attitude", "fees"]


class DispatchTestCase(XiaonengTestCase):
    """Class-wide: 48 assigned complaints (two units, four months) and a data dir of its own."""

    @classmethod
    def setUpClass(cls) -> None:
        cls._data_dir = tempfile.mkdtemp(prefix="xn-dispatch-")
        cls._override = override_settings(DATA_DIR=cls._data_dir)
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls._data_dir, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        rng = random.Random(13)
        cls.history = []
        for i in range(PER_UNIT * 2):
            unit, code = (cls.unit_a, "jtj") if i % 2 == 0 else (cls.unit_b, "rsj")
            category = CATEGORIES[i % 3]
            text = texts.compose(rng, rng.choice(texts.SUBJECTS[code]), category)
            at = START + datetime.timedelta(days=i * 2.5)
            cls.history.append(cls.file(text, category=category, at=at, unit=unit))

    def setUp(self) -> None:
        super().setUp()
        # The database rolls back after each test; the model file must too.
        path = store.model_path()
        saved = path.read_bytes() if path.exists() else None

        def restore() -> None:
            if saved is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(saved)

        self.addCleanup(restore)

    @classmethod
    def file(cls, text: str, *, category: str = "slow", at=None, unit=None, phone: str = "", accused=None):
        complaint, _secret = do_file_complaint(
            category=category, scope="public_service", description=text, actor=cls.staff, phone=phone,
            received_at=at, accused_unit=accused)
        if unit is not None:
            do_assign_matter(complaint.matter, actor=cls.staff, unit=unit)
            complaint.matter.refresh_from_db()
        return complaint

    def new_complaint(self, text: str, **kwargs):
        complaint = self.file(text, **kwargs)
        self.assertEqual(complaint.matter.state, State.RECEIVED)
        return complaint
