"""Concurrent writers (two logins at once) never fork the global audit chain."""

import contextlib
import threading

from django.db import connection

from xiaoneng.audit.log import record, verify_log
from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import RestoringTransactionTestCase

PER_THREAD = 15


class ConcurrentRecordTests(RestoringTransactionTestCase):
    def test_two_threads_keep_one_chain(self):
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        # See trace/tests/test_concurrency.py: in-memory SQLite cannot wait for its lock.
        gate = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

        def writer(name: str) -> None:
            try:
                barrier.wait()
                for i in range(PER_THREAD):
                    with gate:
                        record("auth.login", detail={"thread": name, "i": i})
            except BaseException as exc:  # reported to the main thread below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)),
                         list(range(1, 2 * PER_THREAD + 1)))
        self.assertEqual(list(verify_log()), [])
