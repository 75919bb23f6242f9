"""Subjects and tampering helpers for trace tests (raw SQL: the models refuse changes)."""

from __future__ import annotations

from django.db import connection

from xiaoneng.org.models import Unit
from xiaoneng.testing import make_unit
from xiaoneng.trace.models import Event


def subject(code: str = "subject") -> Unit:
    return make_unit(code, f"单位{code}")


def raw_update_event(event: Event, **fields) -> None:
    table = connection.ops.quote_name(Event._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*fields.values(), event.pk])


def raw_delete_event(event: Event) -> None:
    from xiaoneng.trace.models import EventAttachment

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(EventAttachment._meta.db_table)} WHERE event_id = %s",
            [event.pk],
        )
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(Event._meta.db_table)} WHERE id = %s", [event.pk]
        )
