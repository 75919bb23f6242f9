"""The deadline scanner: colours, overdue marks, escalation, idempotence, two workers at once."""

import datetime
import os
import sqlite3
import tempfile
import threading
from contextlib import closing

from django.db import connection, connections

from xiaoneng.matters import actions
from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.models import Escalation, MatterKind, State
from xiaoneng.matters.scanner import scan
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.testing import RestoringTransactionTestCase, make_unit, make_user
from xiaoneng.trace.chain import events_for

D = datetime.date


class ScannerTests(MatterTestCase):
    def assigned_on_sep_30(self, **kw):
        with at(2025, 9, 30):
            return self.matter(State.ASSIGNED, **kw)  # deadline Oct 11; yellow Oct 11 (1 day left)

    def test_nothing_changes_before_the_warning(self):
        self.assigned_on_sep_30()
        with at(2025, 10, 10):
            self.assertEqual(scan(), [])

    def test_yellow_when_few_days_remain(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 11):
            changes = scan()
        m.refresh_from_db()
        self.assertEqual(m.colour, Colour.YELLOW)
        self.assertEqual([c.what for c in changes], ["green -> yellow"])
        self.assertIn("due_soon", self.kinds_of_events(m))

    def test_red_and_missed_the_day_after_the_deadline(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 12):
            scan()
        m.refresh_from_db()
        self.assertEqual((m.colour, m.missed_deadline), (Colour.RED, True))
        self.assertEqual(self.kinds_of_events(m).count("overdue"), 1)

    def test_scan_is_idempotent(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 14):
            first = scan()
            second = scan()
        self.assertTrue(first)
        self.assertEqual(second, [])
        self.assertEqual(len(events_for(m)), len(self.kinds_of_events(m)))

    def test_urge_the_working_day_after_the_miss(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 12):  # Sunday: red, but no urge until Monday
            scan()
        m.refresh_from_db()
        self.assertEqual(m.escalation_level, Escalation.NONE)
        with at(2025, 10, 13):
            scan()
        m.refresh_from_db()
        self.assertEqual(m.escalation_level, Escalation.URGED)

    def test_escalation_ladder_catches_up_and_records_each_step(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 20):  # five working days late: Oct 13–17
            scan()
        m.refresh_from_db()
        self.assertEqual(m.escalation_level, Escalation.REFERRED)
        self.assertIsNone(m.next_escalation_on)
        kinds = self.kinds_of_events(m)
        self.assertEqual([k for k in kinds if k in ("urged", "supervision_order", "referred")],
                         ["urged", "supervision_order", "referred"])

    def test_escalation_rules_are_per_kind(self):
        slow = MatterKind.objects.create(code="slow", name="慢", time_limit=3, urge_after=2,
                                         supervise_after=4, refer_after=10)
        m = self.assigned_on_sep_30(kind=slow)
        with at(2025, 10, 13):
            scan()
        m.refresh_from_db()
        self.assertEqual(m.escalation_level, Escalation.NONE)

    def test_paused_matters_are_not_scanned(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 9):
            actions.do_pause_matter(m, actor=self.staff, reason="等待")
        with at(2025, 10, 20):
            self.assertEqual(scan(), [])

    def test_replied_matters_keep_their_colour_and_are_not_scanned(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 11):
            scan()
            actions.do_reply_matter(m, actor=self.liaison_a, reply="已办理")
        with at(2025, 10, 20):
            self.assertEqual(scan(), [])
        m.refresh_from_db()
        self.assertEqual(m.colour, Colour.YELLOW)

    def test_extension_turns_an_overdue_matter_back_to_green(self):
        m = self.assigned_on_sep_30()
        with at(2025, 10, 13):
            scan()
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=5, reason="需外单位配合")
            actions.do_decide_extension(ext, actor=self.staff, grant=True)
        m.refresh_from_db()
        self.assertEqual((m.deadline, m.colour), (D(2025, 10, 17), Colour.GREEN))
        self.assertTrue(m.missed_deadline)  # the miss stays on record

    def test_scan_with_nothing_due_is_three_indexed_queries(self):
        for _ in range(5):
            self.assigned_on_sep_30()
        # Red, yellow, escalation: one query each per registered model (matters, window cases, ...),
        # no row loaded.
        from xiaoneng.matters.scanner import registered

        with self.assertNumQueries(3 * len(registered())):
            self.assertEqual(scan(D(2025, 10, 10)), [])

    def test_scan_handles_only_rows_that_change(self):
        due, later = self.assigned_on_sep_30(), None
        with at(2025, 10, 9):
            later = self.matter(State.ASSIGNED)
        with at(2025, 10, 11):
            changes = scan()
        self.assertEqual({c.pk for c in changes}, {due.pk})
        later.refresh_from_db()
        self.assertEqual(later.colour, Colour.GREEN)


class ConcurrentScanTests(RestoringTransactionTestCase):
    """Two scanners at once, in threads with their own connections: nothing is handled twice."""

    def setUp(self):
        from django.contrib.auth.models import Group

        from xiaoneng.org.roles import sync_roles

        if not Group.objects.exists():
            sync_roles()
        self.kind = MatterKind.objects.create(code="c-enquiry", name="咨询", time_limit=3,
                                              yellow_days_before=1)
        county = make_unit("county", "金湖县", "county")
        self.unit = make_unit("jtj", "县交通运输局", parent=county)
        self.staff = make_user("staff", "center_staff", county)

    def _file_copy_for_sqlite(self) -> str | None:
        """SQLite's in-memory test database is shared-cache, whose table locks are not what
        production sees; the threads work on a WAL file copy instead, copied back afterwards."""
        if connection.vendor != "sqlite":
            return None
        path = os.path.join(tempfile.mkdtemp(), "scan.sqlite3")
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return path

    def _copy_back(self, path: str | None) -> None:
        if path:
            with closing(sqlite3.connect(path)) as source:
                source.backup(connection.connection)

    def test_two_workers_never_double_handle(self):
        with at(2025, 9, 30):
            matters = [
                actions.do_assign_matter(
                    actions.do_receive_matter(kind=self.kind, title=f"事项{i}", actor=self.staff),
                    actor=self.staff, unit=self.unit)
                for i in range(12)
            ]
        results: list = []
        errors: list = []
        barrier = threading.Barrier(2)

        path = self._file_copy_for_sqlite()

        def worker():
            try:
                if path:
                    own = connections["default"]
                    own.settings_dict = {**own.settings_dict, "NAME": path}
                barrier.wait()
                results.extend(scan(D(2025, 10, 20)))
            except Exception as exc:  # surfaced by the assertion below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self._copy_back(path)
        self.assertEqual(errors, [])
        # Each matter turned red once and escalated once (three levels, in one change).
        self.assertEqual(len(results), 24)
        self.assertEqual(len({(c.pk, c.what) for c in results}), 24)
        for m in matters:
            kinds = list(events_for(m).values_list("kind", flat=True))
            self.assertEqual(kinds.count("overdue"), 1)
            self.assertEqual(kinds.count("urged"), 1)
            self.assertEqual(kinds.count("referred"), 1)


class OverdueDeductionTests(MatterTestCase):
    def test_an_overdue_matter_proposes_one_deduction_for_its_unit(self):
        from xiaoneng.scoring.models import ScoreProposal

        with at(2025, 9, 30):
            m = self.matter(State.ASSIGNED)
        with at(2025, 10, 20):
            scan()
            scan()
        proposals = ScoreProposal.objects.filter(unit=self.unit_a)
        self.assertEqual(proposals.count(), 1)
        self.assertEqual(proposals.get().rule.code, "matter_overdue")
        self.assertIn(m.public_id, proposals.get().reason)

    def test_a_switched_off_rule_does_not_stop_the_scan(self):
        from xiaoneng.scoring.models import ScoreRule

        ScoreRule.objects.filter(code="matter_overdue").update(is_active=False)
        with at(2025, 9, 30):
            m = self.matter(State.ASSIGNED)
        with at(2025, 10, 12), self.assertLogs("xiaoneng.matters.actions", "WARNING"):
            scan()
        m.refresh_from_db()
        self.assertEqual(m.colour, Colour.RED)
