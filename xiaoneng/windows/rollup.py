"""The daily rollup (`CaseDay`) the figures sum: one row per day received, window and staff member.

Each case action adds its deltas in the transaction that changes the case (`bump`), so the rollup
never disagrees with the cases; `rebuild()` recomputes it from the cases in one INSERT … SELECT
(`xiaoneng windows_rollup`, and the benchmark after its bulk load). `QueueHour` is the same for
queue tickets (per day, window and hour of issue), kept by the queue actions.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from xiaoneng.windows.models import CaseDay, QueueHour, QueueTicket, ServiceCase

FIELDS = (
    "cases",
    "completed",
    "on_the_spot",
    "on_time",
    "late",
    "rated",
    "satisfied",
    "bad",
    "rectified",
    "unrated_completed",
    "wait_sum",
    "wait_n",
)


def bump(case: ServiceCase, **deltas: int) -> None:
    """Add `deltas` to the rollup row of the case's day, window and staff member."""
    key = {"day": case.received_on, "unit_id": case.unit_id, "staff_key": case.staff_id or 0}
    updates = {name: F(name) + value for name, value in deltas.items() if value}
    if not updates:
        return
    if CaseDay.objects.filter(**key).update(**updates):
        return
    try:
        with transaction.atomic():
            CaseDay.objects.create(**key, **deltas)
    except IntegrityError:  # created by a concurrent action meanwhile
        CaseDay.objects.filter(**key).update(**updates)


def bump_queue(ticket: QueueTicket, **deltas: int) -> None:
    """Add `deltas` to the hourly queue row of the ticket's day, window and hour of issue."""
    key = {"day": ticket.day, "unit_id": ticket.unit_id, "hour": ticket.hour}
    updates = {name: F(name) + value for name, value in deltas.items() if value}
    if not updates or QueueHour.objects.filter(**key).update(**updates):
        return
    try:
        with transaction.atomic():
            QueueHour.objects.create(**key, **deltas)
    except IntegrityError:
        QueueHour.objects.filter(**key).update(**updates)


QUEUE_SQL = """
    INSERT INTO windows_queuehour (day, unit_id, hour, tickets, called, abandoned, wait_sum)
    SELECT day, unit_id, hour, COUNT(*), COUNT(wait_seconds),
           SUM(CASE WHEN state = 'abandoned' THEN 1 ELSE 0 END), COALESCE(SUM(wait_seconds), 0)
    FROM windows_queueticket GROUP BY day, unit_id, hour
"""


def rebuild() -> int:
    """Recompute every rollup row from the cases; returns the number of rows."""
    table, cases = CaseDay._meta.db_table, ServiceCase._meta.db_table
    sql = f"""
        INSERT INTO {table} (day, unit_id, staff_key, cases, completed, on_the_spot, on_time, late, rated,
                             satisfied, bad, rectified, unrated_completed, wait_sum, wait_n)
        SELECT c.received_on, c.unit_id, COALESCE(c.staff_id, 0), COUNT(*),
               SUM(CASE WHEN c.completed_on IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.outcome = 'spot' THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.outcome IN ('spot', 'on_time') THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.outcome = 'late' THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.rating_level IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.rating_level >= 3 THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.rating_level <= 2 THEN 1 ELSE 0 END),
               SUM(CASE WHEN r.rectified_at IS NOT NULL AND r.level <= 2 THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.completed_on IS NOT NULL AND c.rating_level IS NULL THEN 1 ELSE 0 END),
               COALESCE(SUM(c.wait_seconds), 0), COUNT(c.wait_seconds)
        FROM {cases} c LEFT JOIN windows_rating r ON r.case_id = c.id
        GROUP BY c.received_on, c.unit_id, COALESCE(c.staff_id, 0)
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(sql)
        cursor.execute("DELETE FROM windows_queuehour")
        cursor.execute(QUEUE_SQL)
    return CaseDay.objects.count()
