"""Two writers appending to one chain at once never fork it (real threads, real connections)."""

import contextlib
import threading

from django.db import connection, transaction

from xiaoneng.testing import RestoringTransactionTestCase
from xiaoneng.trace.chain import append_event, events_for, verify_subject
from xiaoneng.trace.tests.helpers import subject

PER_THREAD = 15


class ConcurrentAppendTests(RestoringTransactionTestCase):
    def test_two_threads_interleave_without_forking(self):
        unit = subject()
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        # The in-memory shared-cache SQLite of tests answers "table is locked" instead of
        # waiting; a file database with BEGIN IMMEDIATE serialises writers this way itself.
        # On PostgreSQL the two writers really race for the same seq.
        gate = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

        def writer(name: str) -> None:
            try:
                barrier.wait()
                for i in range(PER_THREAD):
                    with gate, transaction.atomic():
                        append_event(unit, name, data={"i": i})
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
        seqs = list(events_for(unit).values_list("seq", flat=True))
        self.assertEqual(seqs, list(range(1, 2 * PER_THREAD + 1)))
        self.assertEqual(verify_subject(unit), [])
