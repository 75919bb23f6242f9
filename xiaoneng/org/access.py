"""Who may see which unit's work: county-wide roles see all, unit roles their subtree."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xiaoneng.org.models import Unit


def sees_all_units(user) -> bool:
    return user.is_authenticated and user.has_perm("org.view_all_units")


def visible_units(user) -> QuerySet[Unit]:
    """Units whose work this user may see: every unit, its own subtree, or none."""
    if sees_all_units(user):
        return Unit.objects.all()
    unit = getattr(user, "unit", None) if user.is_authenticated else None
    if unit is None:
        return Unit.objects.none()
    return Unit.objects.subtree_of(unit)


def scope_to_user(queryset: QuerySet, user, unit_field: str = "unit") -> QuerySet:
    """Filter any queryset with a unit foreign key to what `user` may see."""
    if sees_all_units(user):
        return queryset
    unit = getattr(user, "unit", None) if user.is_authenticated else None
    if unit is None:
        return queryset.none()
    return queryset.filter(Q(**{f"{unit_field}__path__startswith": unit.path}))


def can_see_unit(user, unit: Unit) -> bool:
    if sees_all_units(user):
        return True
    own = getattr(user, "unit", None) if user.is_authenticated else None
    return own is not None and unit.is_within(own)
