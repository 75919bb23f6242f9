"""The base every test builds on: a small county and one account per kind of user.

`XiaonengTestCase` gives an admin, center staff, two liaisons of different units
(plus a liaison of a section under the first), a supervisor, a leader and the
anonymous visitor (`self.client` logged out), so every view gets a permission
test for every role.
"""

from __future__ import annotations

from django.db import connections
from django.test import TestCase, TransactionTestCase

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


def pass_second_factor(client, user) -> None:
    """Mark the client's session as having passed the second factor, as a real login would.

    conftest.py applies this to every `Client.force_login`, so tests of other features see a
    staff member as fully logged in; the second factor's own tests log in with the password.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xiaoneng.web.second_factor import required_for

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        if not required_for(user):
            return
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def log_in_with_password(client, username: str, password: str) -> bool:
    """Log in through the login page, as a person does (and as django-axes counts it)."""
    from django.urls import reverse

    response = client.post(reverse("web:login"), {"username": username, "password": password})
    return response.status_code == 302


class RestoringTransactionTestCase(TransactionTestCase):
    """A TransactionTestCase (real commits, for concurrency and backups) that puts back afterwards
    the reference data the migrations made: groups, matter kinds, score rules, the calendar.

    Django's own runner runs such tests after all others, so their flush harms nobody; pytest-xdist
    hands each worker test classes in any order, so a TestCase may run after one of these on the
    same database and must still find the data migrations' rows.
    """

    serialized_rollback = True

    def _fixture_teardown(self) -> None:
        super()._fixture_teardown()
        for alias in self._databases_names(include_mirrors=False):
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                connections[alias].creation.deserialize_db_from_string(contents)
