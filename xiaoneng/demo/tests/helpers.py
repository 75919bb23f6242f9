"""Shared helpers of the demo tests: a fast password hasher and a dump of the built data."""

from __future__ import annotations

from django.test import override_settings

from xiaoneng.matters.models import Matter
from xiaoneng.org.models import Person, Target, Unit, User
from xiaoneng.trace.models import Event

# The demo hashes one password per build; a fast hasher keeps repeated builds quick in tests.
fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def dump() -> dict[str, list]:
    """Everything a build wrote, by natural keys (codes, names), never by primary keys."""
    return {
        "units": list(Unit.objects.order_by("code").values_list(
            "code", "name", "short_name", "kind", "parent__code", "is_key", "sort_order", "valid_from",
            "valid_to", "successor__code")),
        "persons": sorted(Person.objects.values_list(
            "unit__code", "name", "position", "title", "phone", "is_active", "user__username")),
        "users": sorted(User.objects.values_list("username", "first_name", "password", "groups__name")),
        "targets": list(Target.objects.order_by("kind", "name").values_list(
            "kind", "name", "uscc", "town", "address", "contact", "phone", "industry", "size",
            "is_industrial", "is_above_scale", "zone", "investment", "is_key")),
        # key=str: unassigned matters (unit and deadline None) share titles with assigned ones.
        "matters": sorted(Matter.objects.values_list(
            "kind__code", "title", "unit__code", "state", "deadline", "colour", "escalation_level"), key=str),
        # Event data may quote a matter's public id, which is random on purpose (unguessable),
        # so only the shape of each chain is compared.
        "events": sorted(Event.objects.values_list("seq", "kind")),
    }


def built(seed: int) -> dict[str, list]:
    """Build the whole demo with `seed`, dump it, and roll the build back.

    Rolling back (rather than deleting) leaves append-only rows such as trace events alone.
    """
    from django.db import transaction

    from xiaoneng.demo.builder import build_demo

    with transaction.atomic():
        build_demo(seed=seed)
        data = dump()
        transaction.set_rollback(True)
    return data
