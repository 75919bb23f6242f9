"""`xiaoneng token create|list|revoke`: API tokens for integrations.

The plain token is printed once by `create` and never stored; only its SHA-256 digest is kept.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xiaoneng.api.models import ApiToken
from xiaoneng.api.tokens import do_create_token, do_revoke_token


def _when(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = "Create, list and revoke API tokens. A token acts as its account, with the same permissions."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token for an account and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what the token is for, e.g. the system using it")
        create.add_argument("--expires-days", type=int, help="the token stops working after this many days")
        listing = sub.add_parser("list", help="list tokens (never the tokens themselves)")
        listing.add_argument("--user", help="only this account's tokens")
        revoke = sub.add_parser("revoke", help="stop a token working at once")
        revoke.add_argument("id", type=int, help="the token's ID, as shown by `token list`")

    def handle(self, *args, **options) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no account is called {options['username']!r}")
        if not user.is_active:
            raise CommandError(f"the account {user.username!r} is disabled")
        expires_at = None
        if options["expires_days"] is not None:
            if options["expires_days"] < 1:
                raise CommandError("--expires-days must be at least 1")
            expires_at = timezone.now() + datetime.timedelta(days=options["expires_days"])
        token, plain = do_create_token(user, name=options["name"], expires_at=expires_at)
        self.stderr.write(f"token {token.pk} for {user.username}; expires {_when(expires_at)}. "
                          "It is shown only now: store it safely.")
        self.stdout.write(plain)

    def _list(self, options) -> None:
        tokens = ApiToken.objects.select_related("user")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        self.stdout.write(f"{'ID':>5}  {'prefix':<12} {'account':<20} {'name':<24} {'created':<16} "
                          f"{'last used':<16} {'expires':<16} state")
        for t in tokens.iterator():
            state = "revoked" if t.revoked_at else ("usable" if t.is_usable else "expired")
            self.stdout.write(f"{t.pk:>5}  {t.prefix + '…':<12} {t.user.username:<20} {t.name[:24]:<24} "
                              f"{_when(t.created_at):<16} {_when(t.last_used_at):<16} "
                              f"{_when(t.expires_at):<16} {state}")

    def _revoke(self, options) -> None:
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"no token has the ID {options['id']}")
        was_revoked = token.revoked_at is not None
        do_revoke_token(token)
        self.stdout.write(f"token {token.pk} " + ("was already revoked" if was_revoked else "revoked"))
