"""`xiaoneng backup` and `xiaoneng restore`: one archive holding the database and uploaded files.

The archive is a gzip'd tar with `manifest.json`, the database (`database.sqlite3` from SQLite's
online backup API, or `database.pgdump` from pg_dump's custom format) and `media/` (every
uploaded file and evidence attachment; temporary upload staging is left out). The manifest
records each member's SHA-256 and, per table, the row count and a digest of every row
(digests.py), taken from the same snapshot as the dump. A restore checks the archive before
writing anything, writes only into an empty database, and afterwards proves the rows equal
the digests and the trace chains and audit log verify.

Keys are never in the archive: a backup that carried the identity key would carry every
reporter's name in the clear. The manifest holds the key's fingerprint, and a restore refuses
to proceed under a different key (reporter identities would be unreadable). See docs/backups.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from xiaoneng.backups import digests

FORMAT = 1
MANIFEST = "manifest.json"
SKIPPED_MEDIA = {"staging"}  # uploads not yet filed: minutes old, never referenced by a row


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why, for the operator."""


@dataclass
class RestoreReport:
    archive: Path
    manifest: dict
    committed: bool = False
    problems: list[str] = field(default_factory=list)
    restored_files: int = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def key_fingerprint() -> str:
    """A one-way fingerprint of the reporter-identity key, to recognise it without holding it."""
    from xiaoneng.complaints.identity import read_key_material

    return hashlib.sha256(b"xiaoneng identity key fingerprint\x00" + read_key_material()).hexdigest()[:32]


def _engine(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"unsupported database engine {engine}")


# --- PostgreSQL helpers -------------------------------------------------------------------

def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def pg_connect(db: dict, *, autocommit: bool = False):
    import psycopg

    return psycopg.connect(dbname=db["NAME"], host=db.get("HOST") or None, port=db.get("PORT") or None,
                           user=db.get("USER") or None, password=db.get("PASSWORD") or None,
                           autocommit=autocommit)


def _run(command: list[str], env: dict | None = None) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


# --- Backup ---------------------------------------------------------------------------------

def _dump_sqlite(work: Path) -> tuple[str, dict]:
    target = work / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # online: a consistent copy while others keep writing
    finally:
        copy.close()
    check = sqlite3.connect(target)
    try:
        return target.name, digests.all_digests(check, digests.sqlite_tables(check))
    finally:
        check.close()


def _dump_postgres(work: Path, db: dict) -> tuple[str, dict]:
    target = work / "database.pgdump"
    with pg_connect(db) as conn:
        # pg_dump and the digests read the very same snapshot, so the manifest describes the dump.
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={target}", db["NAME"]], env=_pg_env(db))
        tables = digests.postgres_tables(conn)
        return target.name, digests.all_digests(conn, tables)


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not path.is_symlink() and relative.parts[0] not in SKIPPED_MEDIA:
            files.append(relative)
    return files


def backup(output: Path, *, progress: Callable[[str], None] = lambda _: None) -> dict:
    """Write a backup archive to `output` (never overwritten); returns its manifest."""
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} exists; backups are never overwritten")
    db = connection.settings_dict
    engine = _engine(db)
    with tempfile.TemporaryDirectory(prefix="xiaoneng-backup-") as tmp:
        work = Path(tmp)
        progress("database")
        dump, tables = _dump_sqlite(work) if engine == "sqlite" else _dump_postgres(work, db)
        media_root = Path(settings.MEDIA_ROOT)
        media = _media_files(media_root)  # after the snapshot: every file a row names exists
        progress(f"{len(media)} files")
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": engine,
            "database": {"member": dump, "sha256": _sha256(work / dump), "tables": tables},
            "media": {str(path): _sha256(media_root / path) for path in media},
            "identity_key_fingerprint": key_fingerprint(),
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.datetime.now(datetime.UTC).timestamp())
            import io

            archive.addfile(info, io.BytesIO(data))
            archive.add(work / dump, arcname=dump)
            for path in media:
                archive.add(media_root / path, arcname=f"media/{path}")
        os.replace(partial, output)
    return manifest


# --- Restore --------------------------------------------------------------------------------

def _safe_members(archive: tarfile.TarFile, manifest: dict) -> None:
    expected = {MANIFEST, manifest["database"]["member"], *(f"media/{p}" for p in manifest["media"])}
    for member in archive.getmembers():
        if member.name not in expected or not member.isfile():
            raise BackupError(f"unexpected member in the archive: {member.name}")


def _read(archive_path: Path, work: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            try:
                manifest = json.load(archive.extractfile(MANIFEST))
            except KeyError:
                raise BackupError("not a Xiaoneng backup: no manifest.json") from None
            if manifest.get("format") != FORMAT:
                raise BackupError(f"backup format {manifest.get('format')} is not {FORMAT}")
            _safe_members(archive, manifest)
            archive.extractall(work, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"cannot read {archive_path}: {exc}") from None
    bad = [name for name, digest in [(manifest["database"]["member"], manifest["database"]["sha256"])]
           + [(f"media/{p}", d) for p, d in manifest["media"].items()] if _sha256(work / name) != digest]
    if bad:
        raise BackupError(f"the archive is damaged: {', '.join(bad[:5])} do not match the manifest")
    return manifest


def _known_migrations(work: Path, manifest: dict) -> list[str]:
    """Migrations the backup has applied that this code does not know (the code is older)."""
    from django.db.migrations.loader import MigrationLoader

    if manifest["engine"] != "sqlite":
        return []  # checked after the restore, from the restored table
    conn = sqlite3.connect(work / manifest["database"]["member"])
    try:
        applied = set(conn.execute("SELECT app, name FROM django_migrations").fetchall())
    finally:
        conn.close()
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in applied - known)


def _target_is_empty(db: dict, engine: str) -> bool:
    if db["NAME"] == connection.settings_dict["NAME"]:
        return not connection.introspection.table_names()  # the configured database, however named
    if engine == "sqlite":
        path = Path(db["NAME"])
        if not path.exists():
            return True
        conn = sqlite3.connect(path)
        try:
            return not digests.sqlite_tables(conn)
        finally:
            conn.close()
    with pg_connect(db) as conn:
        return not digests.postgres_tables(conn)


def _check_media_target(media_root: Path, manifest: dict, work: Path) -> list[str]:
    clashes = []
    for path in manifest["media"]:
        target = media_root / path
        if target.exists() and _sha256(target) != manifest["media"][path]:
            clashes.append(path)
    return clashes


def restore(archive_path: Path, *, commit: bool = False, database: dict | None = None,
            media_root: Path | None = None, allow_other_key: bool = False,
            progress: Callable[[str], None] = lambda _: None) -> RestoreReport:
    """Check an archive and, with `commit`, restore it into the empty configured database."""
    archive_path = Path(archive_path)
    db = dict(database or connection.settings_dict)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = _engine(db)
    with tempfile.TemporaryDirectory(prefix="xiaoneng-restore-") as tmp:
        work = Path(tmp)
        manifest = _read(archive_path, work)
        report = RestoreReport(archive_path, manifest)
        if manifest["engine"] != engine:
            raise BackupError(f"the backup is of {manifest['engine']}; this installation runs {engine}")
        if unknown := _known_migrations(work, manifest):
            raise BackupError("the backup comes from a newer version (unknown migrations: "
                              + ", ".join(unknown[:5]) + "); install that version first")
        if manifest["identity_key_fingerprint"] != key_fingerprint() and not allow_other_key:
            raise BackupError("the reporter-identity key differs from the one the backup was made under; "
                              "set XIAONENG_IDENTITY_KEY (or the identity_key file) to that key")
        if not _target_is_empty(db, engine):
            raise BackupError("the target database is not empty; restore into a new database")
        if clashes := _check_media_target(media_root, manifest, work):
            raise BackupError(f"files already exist with other content: {', '.join(clashes[:5])}")
        if not commit:
            return report
        progress("database")
        dump = work / manifest["database"]["member"]
        connections.close_all()
        if engine == "sqlite":
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            source, target = sqlite3.connect(dump), sqlite3.connect(db["NAME"])
            try:
                source.backup(target)
            finally:
                source.close(), target.close()
        else:
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                  f"--dbname={db['NAME']}", str(dump)], env=_pg_env(db))
        progress("files")
        for path in manifest["media"]:
            target = media_root / path
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work / "media" / path, target)
                report.restored_files += 1
        report.committed = True
        progress("checking rows")
        report.problems = compare_tables(db, engine, manifest["database"]["tables"])
        return report


def compare_tables(db: dict, engine: str, expected: dict) -> list[str]:
    if engine == "sqlite":
        conn = sqlite3.connect(db["NAME"])
        try:
            actual = digests.all_digests(conn, digests.sqlite_tables(conn))
        finally:
            conn.close()
    else:
        with pg_connect(db) as conn:
            actual = digests.all_digests(conn, digests.postgres_tables(conn))
    problems = [f"table {name}: missing after restore" for name in expected if name not in actual]
    for name, want in expected.items():
        got = actual.get(name)
        if got is not None and got != want:
            problems.append(f"table {name}: {got['rows']} rows, expected {want['rows']}, or rows differ")
    return problems
