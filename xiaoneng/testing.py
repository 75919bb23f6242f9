"""The base every test builds on: a small county and one account per kind of user.

`XiaonengTestCase` gives an admin, center staff, two liaisons of different units
(plus a liaison of a section under the first), a supervisor, a leader and the
anonymous visitor (`self.client` logged out), so every view gets a permission
test for every role.
"""

from __future__ import annotations

from django.test import TestCase

from xiaoneng.org.models import Person, Position, Unit, UnitKind, User


def make_unit(code: str, name: str, kind: str = UnitKind.DEPARTMENT, parent: Unit | None = None,
              **extra) -> Unit:
    return Unit.objects.create(
        code=code, name=name, short_name=extra.pop("short_name", name[:20]), kind=kind,
        parent=parent, **extra,
    )


def make_user(username: str, role: str | None, unit: Unit | None = None,
              position: str = Position.STAFF, password: str = "pw-for-tests-only") -> User:
    from django.contrib.auth.models import Group

    user = User.objects.create_user(username=username, password=password)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if unit is not None:
        Person.objects.create(name=username, unit=unit, position=position, user=user)
    return user


class XiaonengTestCase(TestCase):
    password = "pw-for-tests-only"

    @classmethod
    def setUpTestData(cls) -> None:
        cls.county = make_unit("county", "金湖县", UnitKind.COUNTY, short_name="金湖县")
        cls.center = make_unit("xnzx", "县效能中心", parent=cls.county, short_name="效能中心")
        cls.unit_a = make_unit("jtj", "县交通运输局", parent=cls.county, short_name="交通局",
                               is_key=True)
        cls.section_a = make_unit("jtj-zf", "县交通运输局执法大队", UnitKind.SECTION,
                                  parent=cls.unit_a, short_name="交通执法大队")
        cls.unit_b = make_unit("rsj", "县人力资源和社会保障局", parent=cls.county,
                               short_name="人社局", is_key=True)
        cls.admin = make_user("admin", "center_admin", cls.center, Position.PRINCIPAL)
        cls.staff = make_user("staff", "center_staff", cls.center)
        cls.liaison_a = make_user("liaison_a", "unit_liaison", cls.unit_a)
        cls.liaison_b = make_user("liaison_b", "unit_liaison", cls.unit_b)
        cls.section_liaison = make_user("liaison_a_section", "unit_liaison", cls.section_a)
        cls.head_a = make_user("head_a", "unit_head", cls.unit_a, Position.PRINCIPAL)
        cls.supervisor = make_user("supervisor", "supervisor")
        cls.leader = make_user("leader", "leader")

    def login(self, user: User) -> None:
        self.client.force_login(user)
