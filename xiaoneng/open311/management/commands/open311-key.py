"""`xiaoneng open311-key create NAME | revoke NAME | list`: keys of Open311 client applications."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from xiaoneng.open311.keys import ApiKeyError, do_create_api_key, do_revoke_api_key
from xiaoneng.open311.models import ApiKey


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


class Command(BaseCommand):
    help = "Create, revoke and list the API keys of Open311 client applications."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key; it is printed once and stored only hashed")
        create.add_argument("name", help="the client application's name")
        revoke = sub.add_parser("revoke", help="revoke a client's key for good")
        revoke.add_argument("name")
        sub.add_parser("list", help="clients, key prefixes and state, tab-separated")

    def handle(self, *args, **options) -> None:
        getattr(self, f"handle_{options['action']}")(options)

    def handle_create(self, options: dict) -> None:
        try:
            key, plain = do_create_api_key(options["name"])
        except ApiKeyError as error:
            raise fail(str(error)) from None
        self.stdout.write(f"created a key for {key.name}; it is shown only this once:")
        self.stdout.write(plain)

    def handle_revoke(self, options: dict) -> None:
        key = ApiKey.objects.filter(name=options["name"]).first()
        if key is None:
            raise fail(f"no client named {options['name']}")
        if not key.is_active:
            raise fail(f"the key of {key.name} was already revoked")
        do_revoke_api_key(key)
        self.stdout.write(f"revoked the key of {key.name}")

    def handle_list(self, options: dict) -> None:
        for key in ApiKey.objects.order_by("name"):
            state = f"revoked {local(key.revoked_at)}" if key.revoked_at else "active"
            used = f"last used {local(key.last_used_at)}" if key.last_used_at else "never used"
            self.stdout.write("\t".join([key.name, key.prefix + "…", state, used]))
