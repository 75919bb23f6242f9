"""`xiaoneng user add|grant|revoke|list`: accounts and their roles from the command line."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from xiaoneng.org.accounts import (
    do_create_account,
    do_grant_roles,
    do_reset_second_factor,
    do_revoke_role,
    enrol_token,
    parse_role_keys,
)
from xiaoneng.org.models import Position, Unit, User
from xiaoneng.org.roles import ROLES, role_keys_of


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def messages_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


class Command(BaseCommand):
    help = "Create accounts and grant or revoke roles (never superusers)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="create an account with roles")
        add.add_argument("username")
        add.add_argument("--role", action="append", required=True,
                         help=f"role key, repeatable or comma-separated: {', '.join(ROLES)}")
        add.add_argument("--unit", help="unit code (needed for unit-scoped roles)")
        add.add_argument("--password", required=True)
        add.add_argument("--name", default="", help="create the person with this name in --unit")
        add.add_argument("--position", default=Position.STAFF, choices=Position.values)
        add.add_argument("--totp-key", metavar="HEX",
                         help="enrol a hardware TOTP token by its seed (hex) instead of an app")
        reset = sub.add_parser("second-factor-reset",
                               help="remove an account's TOTP devices (a lost phone)")
        reset.add_argument("username")
        grant = sub.add_parser("grant", help="add roles to an account")
        grant.add_argument("username")
        grant.add_argument("--role", action="append", required=True)
        revoke = sub.add_parser("revoke", help="take a role from an account")
        revoke.add_argument("username")
        revoke.add_argument("--role", required=True)
        sub.add_parser("list", help="accounts and their roles, tab-separated")

    def handle(self, *args, **options) -> None:
        getattr(self, f"handle_{options['action'].replace('-', '_')}")(options)

    def handle_add(self, options: dict) -> None:
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise fail(f"no unit with code {options['unit']}")
        roles = parse_role_keys(options["role"])
        try:
            with transaction.atomic():  # an account with a bad token seed is not created either
                user = do_create_account(
                    None, username=options["username"], password=options["password"], role_keys=roles,
                    unit=unit, person_name=options["name"], position=options["position"],
                )
                if options["totp_key"]:
                    enrol_token(user, options["totp_key"])
        except ValidationError as error:
            raise fail(messages_of(error)) from None
        self.stdout.write(f"created {user.username}: {', '.join(sorted(role_keys_of(user)))}")

    def handle_second_factor_reset(self, options: dict) -> None:
        user = self._user(options["username"])
        count = do_reset_second_factor(None, user)
        self.stdout.write(f"{user.username}: {count} device(s) removed")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise fail(f"no account named {username}")
        return user

    def handle_grant(self, options: dict) -> None:
        user = self._user(options["username"])
        try:
            roles = do_grant_roles(None, user, parse_role_keys(options["role"]))
        except ValidationError as error:
            raise fail(messages_of(error)) from None
        self.stdout.write(f"{user.username}: {', '.join(sorted(roles))}")

    def handle_revoke(self, options: dict) -> None:
        user = self._user(options["username"])
        try:
            roles = do_revoke_role(None, user, options["role"])
        except ValidationError as error:
            raise fail(messages_of(error)) from None
        self.stdout.write(f"{user.username}: {', '.join(sorted(roles)) or '-'}")

    def handle_list(self, options: dict) -> None:
        for user in User.objects.order_by("username").prefetch_related("groups"):
            roles = sorted(g.name for g in user.groups.all() if g.name in ROLES)
            unit = user.unit
            self.stdout.write("\t".join([user.username, ",".join(roles), unit.code if unit else ""]))
