"""Refuse to create superusers: every power comes from roles (等保 三员分立)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Disabled: create accounts with `xiaoneng user add USERNAME --role ROLE` instead."

    def add_arguments(self, parser) -> None:
        parser.add_argument("args", nargs="*")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--noinput", "--no-input", action="store_true")

    def handle(self, *args, **options) -> None:
        raise CommandError(
            "superusers are not allowed: an account that holds every permission breaks the "
            "separation of administrator duties. Use `xiaoneng user add USERNAME --role ROLE`.",
            returncode=2,
        )
