"""`xiaoneng serve`: the production web server, gunicorn embedded in the console command.

Before serving it collects static files into the data dir and refuses to start on a
database with pending migrations, so a server never runs against a schema it does
not match. `xiaoneng demo` serves through the same code.
"""

from __future__ import annotations

import argparse
import ipaddress
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from gunicorn.app.base import BaseApplication

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4


class XiaonengServer(BaseApplication):
    """Gunicorn configured from a dict instead of its own command line or a config file."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            # Settings newer than the installed gunicorn (e.g. control_socket_disable) are skipped.
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        from xiaoneng.wsgi import application

        return application


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def check_migrated() -> None:
    try:
        pending = pending_migrations()
    except DatabaseError as exc:
        raise CommandError(f"Cannot read the database: {exc}".strip()) from None
    if pending:
        raise CommandError(
            f"The database is not up to date: {len(pending)} migration(s) pending "
            f"(first: {pending[0]}). Run `xiaoneng migrate` first."
        )


def server_options(host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 20,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "xiaoneng",
        # Several servers (tests, a demo next to production) must not fight over one socket path.
        "control_socket_disable": True,
    }


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int = DEFAULT_WORKERS,
          threads: int = DEFAULT_THREADS) -> None:
    """Check the schema, collect static files, then serve until stopped (does not return)."""
    check_migrated()
    call_command("collectstatic", interactive=False, verbosity=0)
    # Workers are forked: no connection opened here may be shared with them.
    connections.close_all()
    XiaonengServer(server_options(host, port, workers, threads)).run()


ZONES = ("internal", "public")


def use_zone(zone: str) -> None:
    """Serve the zone's routes in this process and the workers it forks."""
    from django.conf import settings
    from django.urls import clear_url_caches

    settings.XIAONENG_ZONE = zone
    settings.ROOT_URLCONF = "xiaoneng.urls_public" if zone == "public" else "xiaoneng.urls"
    clear_url_caches()


def add_server_arguments(parser: CommandParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, type=host_address,
                        help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", default=DEFAULT_PORT, type=port_number,
                        help=f"port to listen on (default {DEFAULT_PORT})")


def host_address(value: str) -> str:
    if value == "localhost":
        return value
    try:
        return str(ipaddress.ip_address(value.strip("[]")))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address") from None


def port_number(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535)")
    return int(value)


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
    return int(value)


class Command(BaseCommand):
    help = "Serve xiaoneng with gunicorn (production server; checks migrations, collects static files)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_server_arguments(parser)
        parser.add_argument("--workers", default=DEFAULT_WORKERS, type=positive,
                            help=f"worker processes (default {DEFAULT_WORKERS})")
        parser.add_argument("--threads", default=DEFAULT_THREADS, type=positive,
                            help=f"threads per worker (default {DEFAULT_THREADS})")

        parser.add_argument("--zone", choices=ZONES, default=None,
                            help="internal: every route (default, or XIAONENG_ZONE); public: only the "
                                 "public pages and APIs, for the internet-facing server")

    def handle(self, *args, host: str, port: int, workers: int, threads: int, zone: str | None = None,
               **options) -> None:
        if zone is not None:
            use_zone(zone)
        serve(host, port, workers, threads)
