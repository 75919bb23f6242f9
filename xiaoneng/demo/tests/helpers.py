"""Shared helpers of the demo tests: a fast password hasher and a dump of the built data."""

from __future__ import annotations

from django.test import override_settings

from xiaoneng.org.models import Person, Target, Unit, User

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
    }


def delete_demo() -> None:
    """Remove the built rows (inside a test's transaction), children before parents."""
    from xiaoneng.demo.models import DemoBuild

    Person.objects.all().delete()
    User.objects.all().delete()
    Target.objects.all().delete()
    Unit.objects.update(successor=None)
    by_depth: dict[int, list[int]] = {}
    for pk, path in Unit.objects.values_list("pk", "path"):
        by_depth.setdefault(path.count("/"), []).append(pk)
    for depth in sorted(by_depth, reverse=True):
        Unit.objects.filter(pk__in=by_depth[depth]).delete()
    DemoBuild.objects.all().delete()
