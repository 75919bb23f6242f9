"""The demo's login accounts: one or two for every role, listed for the user by `xiaoneng demo`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from xiaoneng.demo import names
from xiaoneng.org.models import Person, Position, User
from xiaoneng.org.roles import ROLES, check_role_combination


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    # The unit whose person the account belongs to; None for supervisors (appointed citizens).
    unit: str | None
    # "head": the account is the unit's principal or chief; otherwise a new person with this title.
    title: str


DEMO_ACCOUNTS = [
    DemoAccount("center_admin", "center_admin", "xnzx-zhk", "head"),
    DemoAccount("center_staff1", "center_staff", "xnzx-dck", "督办员"),
    DemoAccount("center_staff2", "center_staff", "xnzx-tsk", "督办员"),
    # 等保 三员分立: three different accounts, none of them a superuser.
    DemoAccount("sysadmin", "system_admin", "xnzx-zhk", "系统管理员"),
    DemoAccount("secadmin", "security_admin", "xnzx-zhk", "安全管理员"),
    DemoAccount("auditadmin", "audit_admin", "xnzx-kpk", "审计管理员"),
    DemoAccount("leader", "leader", "county", "县委常委、常务副县长"),
    DemoAccount("confirmer", "confirmer", "ldxz", "head"),
    DemoAccount("supervisor1", "supervisor", None, "软环境和效能建设监督员"),
    DemoAccount("supervisor2", "supervisor", None, "软环境和效能建设监督员"),
    DemoAccount("jtj_head", "unit_head", "jtj", "head"),
    DemoAccount("jtj_liaison", "unit_liaison", "jtj", "联络员"),
    DemoAccount("rsj_head", "unit_head", "rsj", "head"),
    DemoAccount("rsj_liaison", "unit_liaison", "rsj", "联络员"),
    DemoAccount("nsh_liaison", "unit_liaison", "nsh", "联络员"),
    DemoAccount("hbck_liaison", "unit_liaison", "xzfw-hbj", "联络员"),
    DemoAccount("station_staff", "unit_staff", "scjgj-tj", "工作人员"),
    DemoAccount("window_staff", "unit_staff", "xzfw-rsj", "窗口工作人员"),
]


def build_accounts(ctx) -> None:
    """Create the accounts, give each its role's group and tie it to a person of its unit."""
    for spec in DEMO_ACCOUNTS:
        check_role_combination({spec.role})
    users = User.objects.bulk_create([
        User(username=spec.username, password=ctx.password_hash, is_staff=False, is_superuser=False)
        for spec in DEMO_ACCOUNTS
    ])
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=ROLES.keys())}
    User.groups.through.objects.bulk_create([
        User.groups.through(user_id=user.pk, group_id=groups[spec.role])
        for spec, user in zip(DEMO_ACCOUNTS, users, strict=True)
    ])
    heads = {p.unit.code: p for p in Person.objects.filter(
        unit__code__in=[s.unit for s in DEMO_ACCOUNTS if s.title == "head"],
        position__in=[Position.PRINCIPAL, Position.CHIEF]).select_related("unit")}
    new_people, linked = [], []
    for spec, user in zip(DEMO_ACCOUNTS, users, strict=True):
        ctx.accounts[spec.username] = user
        if spec.unit is None:
            user.first_name = names.person_name(ctx.rng)
        elif spec.title == "head":
            person = heads[spec.unit]
            person.user = user
            linked.append(person)
            user.first_name = person.name
        else:
            position = Position.LEADERSHIP if spec.unit == "county" else Position.STAFF
            person = Person(name=names.person_name(ctx.rng), unit=ctx.unit(spec.unit), position=position,
                            title=spec.title, phone=names.office_phone(ctx.rng), user=user)
            new_people.append(person)
            user.first_name = person.name
    Person.objects.bulk_update(linked, ["user"])
    Person.objects.bulk_create(new_people)
    User.objects.bulk_update(users, ["first_name"])


@dataclass(frozen=True)
class AccountRow:
    username: str
    name: str
    role: str
    unit: str


def account_rows() -> list[AccountRow]:
    """The demo accounts as they are in the database, with role and unit in the active language."""
    users = User.objects.filter(username__in=[s.username for s in DEMO_ACCOUNTS]).select_related(
        "person_record__unit")
    by_name = {user.username: user for user in users}
    rows = []
    for spec in DEMO_ACCOUNTS:
        user = by_name.get(spec.username)
        if user is None:
            continue
        unit = user.unit
        rows.append(AccountRow(spec.username, user.first_name, str(ROLES[spec.role].label),
                               unit.short_name if unit else _("(no unit)")))
    return rows
