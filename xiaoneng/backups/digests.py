"""Per-table digests that prove a restored database holds exactly the rows that were backed up.

Both sides are read with the engine's own DB-API driver (never through Django, whose type
adapters differ from a plain connection's), rows in primary-key order, each row's values in
a canonical text form, hashed with SHA-256. Equal digests on the same engine mean equal rows.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from collections.abc import Iterable
from typing import Any

CHUNK = 2000


def canonical(value: Any) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "b:" + bytes(value).hex()
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return "t:" + value.isoformat()
    if isinstance(value, (dict, list)):
        return "j:" + json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, decimal.Decimal):
        return "d:" + format(value.normalize(), "f") if value == value else "d:NaN"
    if isinstance(value, float):
        return "f:" + repr(value)
    return f"{type(value).__name__[:1]}:{value}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_digest(cursor, table: str, order_by: Iterable[str]) -> tuple[int, str]:
    """(row count, hex digest) of one table, read in chunks."""
    order = ", ".join(_quote(column) for column in order_by)
    cursor.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}")  # noqa: S608 (names from introspection)
    digest, rows = hashlib.sha256(), 0
    while batch := cursor.fetchmany(CHUNK):
        for row in batch:
            digest.update("\x1f".join(canonical(v) for v in row).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1e")
            rows += 1
    return rows, digest.hexdigest()


def sqlite_tables(connection) -> dict[str, list[str]]:
    """Each user table and its ordering columns (primary key, else every column)."""
    cursor = connection.cursor()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                   "ORDER BY name")
    tables = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f"PRAGMA table_info({_quote(name)})")
        columns = cursor.fetchall()  # cid, name, type, notnull, default, pk
        key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
        tables[name] = key or [c[1] for c in columns]
    return tables


PG_TABLES = """
SELECT c.relname,
       COALESCE((SELECT array_agg(a.attname ORDER BY array_position(i.indkey, a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                 WHERE i.indrelid = c.oid AND i.indisprimary),
                (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
ORDER BY c.relname
"""


def postgres_tables(connection) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(PG_TABLES)
        return {name: list(columns) for name, columns in cursor.fetchall()}


def all_digests(connection, tables: dict[str, list[str]]) -> dict[str, dict]:
    cursor = connection.cursor()
    try:
        result = {}
        for table, order in tables.items():
            rows, digest = table_digest(cursor, table, order)
            result[table] = {"rows": rows, "sha256": digest}
        return result
    finally:
        cursor.close()
