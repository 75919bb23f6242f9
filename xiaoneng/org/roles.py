"""Roles are Django groups with explicit per-action permissions.

The roles are defined here. Which permissions each role holds is declared by each
mechanism in its own `permissions.py` (a module-level ROLE_PERMISSIONS dict of
role key -> {"app_label.codename", ...}); `sync_roles` merges them and makes the
groups match after every migrate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    # Whether holders work inside one unit's subtree (False: county-wide).
    unit_scoped: bool


CENTER_ADMIN = Role("center_admin", _("center administrator"), False)
CENTER_STAFF = Role("center_staff", _("center staff"), False)
UNIT_HEAD = Role("unit_head", _("unit head"), True)
UNIT_LIAISON = Role("unit_liaison", _("unit liaison"), True)
UNIT_STAFF = Role("unit_staff", _("unit staff"), True)
SUPERVISOR = Role("supervisor", _("supervisor"), False)
LEADER = Role("leader", _("leader"), False)
CONFIRMER = Role("confirmer", _("confirming authority"), False)
# 等保 三员分立: three administrator duties that no single account may combine.
SYSTEM_ADMIN = Role("system_admin", _("system administrator"), False)
SECURITY_ADMIN = Role("security_admin", _("security administrator"), False)
AUDIT_ADMIN = Role("audit_admin", _("audit administrator"), False)

ROLES: dict[str, Role] = {
    role.key: role
    for role in (
        CENTER_ADMIN, CENTER_STAFF, UNIT_HEAD, UNIT_LIAISON, UNIT_STAFF, SUPERVISOR,
        LEADER, CONFIRMER, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN,
    )
}
SEPARATED_ADMIN_ROLES = frozenset({SYSTEM_ADMIN.key, SECURITY_ADMIN.key, AUDIT_ADMIN.key})

# The organisation's own permissions; other mechanisms declare theirs in <app>/permissions.py.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    CENTER_ADMIN.key: {
        "org.view_all_units", "org.manage_reference_data",
        "org.view_unit", "org.add_unit", "org.change_unit",
        "org.view_person", "org.add_person", "org.change_person",
        "org.view_target", "org.add_target", "org.change_target",
    },
    CENTER_STAFF.key: {"org.view_all_units", "org.view_unit", "org.view_person", "org.view_target"},
    UNIT_HEAD.key: {"org.view_unit", "org.view_person", "org.view_target"},
    UNIT_LIAISON.key: {"org.view_unit", "org.view_person", "org.view_target"},
    UNIT_STAFF.key: {"org.view_unit", "org.view_target"},
    SUPERVISOR.key: {"org.view_all_units", "org.view_unit"},
    LEADER.key: {"org.view_all_units", "org.view_unit", "org.view_person", "org.view_target"},
    CONFIRMER.key: {"org.view_all_units", "org.view_unit", "org.view_person"},
    SYSTEM_ADMIN.key: {
        "org.view_all_units", "org.view_unit", "org.manage_reference_data",
    },
    SECURITY_ADMIN.key: {
        "org.manage_users", "org.view_user", "org.view_all_units", "org.view_unit", "org.view_person",
    },
    AUDIT_ADMIN.key: set(),
}


class RoleConflict(ValueError):
    """Granting these roles together would break the separation of administrator duties."""


def check_role_combination(role_keys: set[str]) -> None:
    unknown = role_keys - ROLES.keys()
    if unknown:
        raise ValueError(f"unknown role: {', '.join(sorted(unknown))}")
    admin_roles = role_keys & SEPARATED_ADMIN_ROLES
    if len(admin_roles) > 1:
        raise RoleConflict(
            "system, security and audit administration must be held by separate accounts"
        )


def all_role_permissions() -> dict[str, set[str]]:
    """Every role's permissions, merged from this module and each app's permissions.py."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    merged = {key: set(perms) for key, perms in ROLE_PERMISSIONS.items()}
    for config in apps.get_app_configs():
        if not config.name.startswith("xiaoneng.") or config.label == "org":
            continue
        module_name = f"{config.name}.permissions"
        if find_spec(module_name) is None:
            continue
        for key, perms in import_module(module_name).ROLE_PERMISSIONS.items():
            if key not in ROLES:
                raise LookupError(f"{module_name} names unknown role {key}")
            merged[key] |= set(perms)
    return merged


def sync_roles() -> None:
    """Make every role's group hold exactly the permissions declared for it."""
    for key, perms in all_role_permissions().items():
        group, _created = Group.objects.get_or_create(name=key)
        wanted = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            try:
                wanted.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist:
                raise LookupError(f"role {key} names unknown permission {dotted}") from None
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, app_config=None, **kwargs) -> None:
    # Run once, after the last app's post_migrate, when every permission exists.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config.label == with_models[-1].label:
        sync_roles()


def role_keys_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(user.groups.filter(name__in=ROLES.keys()).values_list("name", flat=True))
