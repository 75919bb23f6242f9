"""Accounts and roles: creating logins, granting and revoking roles.

Roles are Django groups named by role key. Every grant goes through
`check_role_combination`, so the three separated administrator duties
(等保 三员分立) never meet in one account, and is audited as "permission.change".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiaoneng.org import audit_hooks
from xiaoneng.org.actions import require_perm
from xiaoneng.org.models import Person, Position, Unit, User
from xiaoneng.org.roles import ROLES, RoleConflict, check_role_combination, role_keys_of

MANAGE_USERS = "org.manage_users"
# Roles whose holders use the built-in admin (reference data, accounts, audit review).
ADMIN_SITE_ROLES = frozenset({"center_admin", "system_admin", "security_admin", "audit_admin"})


def parse_role_keys(values: Iterable[str]) -> list[str]:
    """Role keys from repeated and/or comma-separated values, in order, without duplicates."""
    keys: list[str] = []
    for value in values:
        for key in value.split(","):
            key = key.strip()
            if key and key not in keys:
                keys.append(key)
    return keys


def validate_roles(user: User, role_keys: set[str]) -> None:
    """Raise ValidationError unless `user` may hold exactly `role_keys`."""
    unknown = role_keys - ROLES.keys()
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))})
    try:
        check_role_combination(role_keys)
    except RoleConflict:
        raise ValidationError(
            _("System, security and audit administration must be held by separate accounts.")
        ) from None
    scoped = sorted(key for key in role_keys if ROLES[key].unit_scoped)
    if scoped and (user.pk is None or user.person is None):
        raise ValidationError(
            _("The roles %(roles)s need a person with a unit.") % {"roles": ", ".join(scoped)}
        )


def _check_actor(actor: User | None, user: User) -> None:
    require_perm(actor, MANAGE_USERS)
    if actor is not None and actor.pk == user.pk:
        # Nobody widens or narrows their own powers; a second administrator must.
        raise PermissionDenied(_("You cannot change your own roles."))


def _set_roles(actor: User | None, user: User, wanted: set[str], request=None) -> None:
    before = role_keys_of(user)
    validate_roles(user, wanted)
    groups = list(Group.objects.filter(name__in=wanted))
    other = user.groups.exclude(name__in=ROLES.keys())
    user.groups.set([*other, *groups])
    admin_site = bool(wanted & ADMIN_SITE_ROLES)
    if user.is_staff != admin_site:
        user.is_staff = admin_site  # may log in to the reference-data admin
        user.save(update_fields=["is_staff"])
    audit_hooks.record("permission.change", actor=actor, request=request, target=user, detail={
        "user": user.username, "added": sorted(wanted - before), "removed": sorted(before - wanted),
    })


def do_grant_roles(actor: User | None, user: User, role_keys: Iterable[str], *, request=None) -> set[str]:
    """Add roles to `user`; returns the roles the user holds afterwards."""
    _check_actor(actor, user)
    with transaction.atomic():
        wanted = role_keys_of(user) | set(role_keys)
        _set_roles(actor, user, wanted, request)
    return wanted


def do_revoke_role(actor: User | None, user: User, role_key: str, *, request=None) -> set[str]:
    _check_actor(actor, user)
    if role_key not in ROLES:
        raise ValidationError(_("Unknown role: %(roles)s.") % {"roles": role_key})
    with transaction.atomic():
        wanted = role_keys_of(user) - {role_key}
        _set_roles(actor, user, wanted, request)
    return wanted


def do_create_account(actor: User | None, *, username: str, password: str, role_keys: Iterable[str],
                      unit: Unit | None = None, person_name: str = "", position: str = Position.STAFF,
                      request=None) -> User:
    """A login with roles, linked to a Person of `unit` (created when `person_name` is given).

    Never creates a superuser: every power comes from roles.
    """
    require_perm(actor, MANAGE_USERS)
    keys = set(role_keys)
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("An account named %(name)s already exists.") % {"name": username})
    user = User(username=username, is_superuser=False, is_staff=False)
    validate_password(password, user)
    unknown = keys - ROLES.keys()
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))})
    check_keys = keys
    person = None
    if unit is not None:
        person = _person_for(unit, person_name or username, create=bool(person_name), position=position)
    elif person_name:
        raise ValidationError(_("A person needs a unit."))
    if person is None and any(ROLES[key].unit_scoped for key in keys):
        scoped = sorted(key for key in keys if ROLES[key].unit_scoped)
        raise ValidationError(
            _("The roles %(roles)s need a person with a unit.") % {"roles": ", ".join(scoped)}
        )
    try:
        check_role_combination(check_keys)
    except RoleConflict:
        raise ValidationError(
            _("System, security and audit administration must be held by separate accounts.")
        ) from None
    with transaction.atomic():
        user.set_password(password)
        user.save()
        if person is not None:
            person.user = user
            if person.pk is None:
                person.full_clean()
            person.save()
            audit_hooks.record("person.link", actor=actor, request=request, target=person,
                               detail={"user": username, "unit": unit.code})
        audit_hooks.record("account.create", actor=actor, request=request, target=user,
                           detail={"user": username})
        _set_roles(actor, user, keys, request)
    return user


def _person_for(unit: Unit, name: str, *, create: bool, position: str) -> Person | None:
    existing = Person.objects.filter(unit=unit, name=name, user__isnull=True).first()
    if existing is not None:
        return existing
    if create:
        return Person(unit=unit, name=name, position=position)
    return None


def guard_role_combination(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Last line of defence (m2m_changed on User.groups): refuse an add that combines admin duties.

    The action functions and admin forms check first and explain; this only stops code that
    adds groups directly from ever storing a forbidden combination.
    """
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...)
        if instance.name not in ROLES:
            return
        for user in User.objects.filter(pk__in=pk_set):
            check_role_combination(role_keys_of(user) | {instance.name})
    else:  # user.groups.add(...)
        added = set(Group.objects.filter(pk__in=pk_set, name__in=ROLES.keys()).values_list("name", flat=True))
        if added:
            check_role_combination(role_keys_of(instance) | added)


def enrol_token(user: User, key_hex: str) -> None:
    """Enrol a hardware TOTP token by its seed (hex), replacing the account's devices."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    try:
        if len(bytes.fromhex(key_hex)) < 10:
            raise ValueError
    except ValueError:
        raise ValidationError(_("A TOTP seed is at least 20 hexadecimal digits.")) from None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="token", key=key_hex.lower(), confirmed=True)
        audit_hooks.record("auth.second_factor_enrolled", actor=None, target=user,
                           detail={"by": "token seed"})


def do_reset_second_factor(actor: User | None, user: User, *, request=None) -> int:
    """Remove an account's second-factor devices (a lost phone); it enrols anew at the next login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _check_actor(actor, user)
    with transaction.atomic():
        count, _kinds = TOTPDevice.objects.filter(user=user).delete()
        audit_hooks.record("auth.second_factor_reset", actor=actor, request=request, target=user,
                           detail={"devices": count})
    return count
