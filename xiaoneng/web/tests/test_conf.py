"""Settings helpers fail loudly and default to a zero-set-up SQLite in the data dir."""

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from xiaoneng import conf


class EnvHelperTests(SimpleTestCase):
    def test_bool_accepts_common_spellings(self):
        for raw, want in [("1", True), ("YES", True), ("off", False), ("0", False)]:
            with mock.patch.dict(os.environ, {"X_FLAG": raw}):
                self.assertIs(conf.env_bool("X_FLAG", not want), want)

    def test_bool_rejects_nonsense_naming_the_variable(self):
        with mock.patch.dict(os.environ, {"X_FLAG": "maybe"}), \
                self.assertRaisesRegex(conf.ConfigError, "X_FLAG"):
            conf.env_bool("X_FLAG", False)

    def test_int_rejects_nonsense(self):
        with mock.patch.dict(os.environ, {"X_NUM": "ten"}), \
                self.assertRaisesRegex(conf.ConfigError, "X_NUM"):
            conf.env_int("X_NUM", 1)

    def test_choice_accepts_only_its_choices(self):
        with mock.patch.dict(os.environ, {"X_ZONE": " Public "}):
            self.assertEqual(conf.env_choice("X_ZONE", "internal", ("internal", "public")), "public")
        with mock.patch.dict(os.environ, {"X_ZONE": "dmz"}), \
                self.assertRaisesRegex(conf.ConfigError, "X_ZONE"):
            conf.env_choice("X_ZONE", "internal", ("internal", "public"))

    def test_list_splits_on_commas(self):
        with mock.patch.dict(os.environ, {"X_HOSTS": "a.example, b.example,"}):
            self.assertEqual(conf.env_list("X_HOSTS", []), ["a.example", "b.example"])

    def test_rate_is_checked(self):
        with mock.patch.dict(os.environ, {"X_RATE": "5/10m"}):
            self.assertEqual(conf.env_rate("X_RATE", "1/h"), "5/10m")
        with mock.patch.dict(os.environ, {"X_RATE": "lots"}), \
                self.assertRaisesRegex(conf.ConfigError, "X_RATE"):
            conf.env_rate("X_RATE", "1/h")

    def test_missing_values_take_defaults(self):
        self.assertEqual(conf.env_list("X_SURELY_UNSET", ["x"]), ["x"])
        self.assertEqual(conf.env_int("X_SURELY_UNSET", 7), 7)


class SecretKeyTests(SimpleTestCase):
    def test_generated_once_and_kept_private(self):
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("XIAONENG_SECRET_KEY", None)
            directory = Path(self.tmp())
            first = conf.secret_key(directory)
            self.assertEqual(conf.secret_key(directory), first)
            mode = stat.S_IMODE((directory / "secret_key").stat().st_mode)
            self.assertEqual(mode, 0o600)

    def test_short_key_from_environment_is_refused(self):
        with mock.patch.dict(os.environ, {"XIAONENG_SECRET_KEY": "short"}), \
                self.assertRaises(conf.ConfigError):
            conf.secret_key(Path(self.tmp()))

    def tmp(self) -> str:
        import tempfile

        path = tempfile.mkdtemp()
        self.addCleanup(__import__("shutil").rmtree, path)
        return path


class DatabaseUrlTests(SimpleTestCase):
    def test_default_is_sqlite_in_data_dir_with_wal_and_immediate(self):
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("DATABASE_URL", None)
            db = conf.database(Path("/srv/xn"))
        self.assertEqual(db["NAME"], "/srv/xn/xiaoneng.sqlite3")
        self.assertEqual(db["OPTIONS"]["transaction_mode"], "IMMEDIATE")
        self.assertIn("journal_mode=WAL", db["OPTIONS"]["init_command"])

    def test_postgres_url(self):
        with mock.patch.dict(os.environ, {"DATABASE_URL": "postgres://u@db.local:5433/xn"}):
            db = conf.database(Path("/srv/xn"))
        self.assertEqual(
            (db["ENGINE"], db["HOST"], db["PORT"], db["NAME"]),
            ("django.db.backends.postgresql", "db.local", 5433, "xn"),
        )

    def test_unsupported_engine_fails_loudly(self):
        with mock.patch.dict(os.environ, {"DATABASE_URL": "mysql://u@h/xn"}), \
                self.assertRaisesRegex(conf.ConfigError, "not supported"):
            conf.database(Path("/srv/xn"))


class ProcessStartTests(SimpleTestCase):
    """The real console command, in a clean data dir."""

    def run_cli(self, *args, env=None):
        import tempfile

        data = tempfile.mkdtemp()
        self.addCleanup(__import__("shutil").rmtree, data)
        full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        full_env.update({"XIAONENG_DATA_DIR": data, **(env or {})})
        result = subprocess.run(
            [sys.executable, "-m", "xiaoneng.cli", *args], env=full_env,
            capture_output=True, text=True, timeout=120,
        )
        return result, Path(data)

    def test_bad_setting_stops_start_up_with_its_name(self):
        result, _ = self.run_cli("check", env={"XIAONENG_DEBUG": "maybe"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("XIAONENG_DEBUG", result.stderr)

    def test_migrate_creates_a_wal_sqlite_database_in_the_data_dir(self):
        result, data = self.run_cli("migrate", "--verbosity", "0")
        self.assertEqual(result.returncode, 0, result.stderr)
        with sqlite3.connect(data / "xiaoneng.sqlite3") as db:
            self.assertEqual(db.execute("PRAGMA journal_mode").fetchone()[0], "wal")
        self.assertTrue((data / "secret_key").exists())
