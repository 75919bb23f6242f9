from unittest import mock

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from xiaoneng.documents import actions
from xiaoneng.documents.actions import take_number
from xiaoneng.documents.models import DocumentNumberSeries
from xiaoneng.testing import XiaonengTestCase


class NumberingTests(XiaonengTestCase):
    def test_first_number_of_a_year_is_one(self):
        with transaction.atomic():
            series, number = take_number("urge", 2026)
        self.assertEqual((series.format(number), number), ("金效催〔2026〕1号", 1))

    def test_numbers_are_sequential(self):
        with transaction.atomic():
            numbers = [take_number("supervision_order", 2026)[1] for _ in range(3)]
        self.assertEqual(numbers, [1, 2, 3])

    def test_each_year_starts_again(self):
        with transaction.atomic():
            take_number("urge", 2026)
            take_number("urge", 2026)
            self.assertEqual(take_number("urge", 2027)[1], 1)

    def test_series_row_is_locked_for_update(self):
        DocumentNumberSeries.objects.create(kind="urge", year=2026, prefix="金效催")
        manager = DocumentNumberSeries.objects
        with mock.patch.object(manager, "select_for_update", wraps=manager.select_for_update) as locking, \
                CaptureQueriesContext(connection) as queries, transaction.atomic():
            take_number("urge", 2026)
        locking.assert_called()
        if connection.features.has_select_for_update:
            self.assertTrue(any("FOR UPDATE" in q["sql"] for q in queries.captured_queries))

    def test_a_failed_issue_gives_its_number_back(self):
        try:
            with transaction.atomic():
                take_number("urge", 2026)
                raise RuntimeError("rendering failed")
        except RuntimeError:
            pass
        with transaction.atomic():
            self.assertEqual(take_number("urge", 2026)[1], 1)

    def test_series_created_concurrently_is_reused(self):
        # Another transaction creates this year's series between our look and our insert.
        DocumentNumberSeries.objects.create(kind="urge", year=2026, prefix="金效催", next_number=5)
        real = actions._lock_series
        looks = iter([lambda kind, year: None, real])
        with mock.patch.object(actions, "_lock_series", side_effect=lambda *a: next(looks)(*a)), \
                transaction.atomic():
            self.assertEqual(take_number("urge", 2026)[1], 5)
        self.assertEqual(DocumentNumberSeries.objects.count(), 1)
