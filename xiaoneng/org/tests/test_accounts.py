from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xiaoneng.org.accounts import do_create_account, do_grant_roles, do_revoke_role, parse_role_keys
from xiaoneng.org.models import Person, User
from xiaoneng.org.roles import role_keys_of
from xiaoneng.testing import XiaonengTestCase, make_user


class RoleGrantTests(XiaonengTestCase):
    def setUp(self):
        self.security = make_user("sec", "security_admin")
        self.someone = make_user("someone", None)

    def test_security_admin_grants_a_role(self):
        do_grant_roles(self.security, self.someone, ["leader"])
        self.assertEqual(role_keys_of(self.someone), {"leader"})

    def test_center_admin_cannot_grant(self):
        with self.assertRaises(PermissionDenied):
            do_grant_roles(self.admin, self.someone, ["leader"])

    def test_liaison_cannot_grant(self):
        with self.assertRaises(PermissionDenied):
            do_grant_roles(self.liaison_a, self.someone, ["leader"])

    def test_nobody_changes_own_roles(self):
        with self.assertRaises(PermissionDenied):
            do_grant_roles(self.security, self.security, ["leader"])

    def test_two_admin_duties_are_refused(self):
        do_grant_roles(self.security, self.someone, ["system_admin"])
        with self.assertRaises(ValidationError):
            do_grant_roles(self.security, self.someone, ["audit_admin"])
        self.assertEqual(role_keys_of(self.someone), {"system_admin"})

    def test_all_three_admin_duties_are_refused(self):
        with self.assertRaises(ValidationError):
            do_grant_roles(self.security, self.someone, ["system_admin", "security_admin", "audit_admin"])

    def test_unit_scoped_role_needs_a_person(self):
        with self.assertRaises(ValidationError):
            do_grant_roles(self.security, self.someone, ["unit_liaison"])

    def test_unit_scoped_role_with_person(self):
        do_grant_roles(self.security, self.liaison_a, ["unit_head"])
        self.assertEqual(role_keys_of(self.liaison_a), {"unit_liaison", "unit_head"})

    def test_unknown_role(self):
        with self.assertRaises(ValidationError):
            do_grant_roles(self.security, self.someone, ["emperor"])

    def test_revoke(self):
        do_revoke_role(self.security, self.liaison_a, "unit_liaison")
        self.assertEqual(role_keys_of(self.liaison_a), set())

    def test_revoke_needs_manage_users(self):
        with self.assertRaises(PermissionDenied):
            do_revoke_role(self.staff, self.liaison_a, "unit_liaison")

    def test_parse_role_keys(self):
        self.assertEqual(parse_role_keys(["a,b", "c", "a"]), ["a", "b", "c"])


class CreateAccountTests(XiaonengTestCase):
    def test_creates_person_when_named(self):
        user = do_create_account(None, username="zhang", password="Long-enough-pw-1",
                                 role_keys=["unit_staff"],
                                 unit=self.unit_a, person_name="张三")
        self.assertEqual(user.person.name, "张三")
        self.assertEqual(user.unit, self.unit_a)
        self.assertFalse(user.is_superuser)

    def test_reuses_person_without_login(self):
        person = Person.objects.create(name="李四", unit=self.unit_b, position="chief")
        user = do_create_account(None, username="li", password="Long-enough-pw-1", role_keys=["unit_staff"],
                                 unit=self.unit_b, person_name="李四")
        self.assertEqual(user.person, person)

    def test_scoped_role_without_unit_is_refused(self):
        with self.assertRaises(ValidationError):
            do_create_account(None, username="x", password="Long-enough-pw-1", role_keys=["unit_liaison"])
        self.assertFalse(User.objects.filter(username="x").exists())

    def test_duplicate_username(self):
        with self.assertRaises(ValidationError):
            do_create_account(None, username="admin", password="Long-enough-pw-1", role_keys=["leader"])

    def test_short_password(self):
        with self.assertRaises(ValidationError):
            do_create_account(None, username="x", password="short", role_keys=["leader"])

    def test_admin_duties_combination(self):
        with self.assertRaises(ValidationError):
            do_create_account(None, username="x", password="Long-enough-pw-1",
                              role_keys=["system_admin", "audit_admin"])
        self.assertFalse(User.objects.filter(username="x").exists())


class DirectGroupChangeTests(XiaonengTestCase):
    def test_user_groups_add_cannot_combine_duties(self):
        from django.contrib.auth.models import Group

        from xiaoneng.org.roles import RoleConflict

        user = make_user("x", "system_admin")
        with self.assertRaises(RoleConflict), transaction.atomic():
            user.groups.add(Group.objects.get(name="audit_admin"))
        self.assertEqual(role_keys_of(user), {"system_admin"})

    def test_group_user_set_add_cannot_combine_duties(self):
        from django.contrib.auth.models import Group

        from xiaoneng.org.roles import RoleConflict

        user = make_user("x", "security_admin")
        with self.assertRaises(RoleConflict), transaction.atomic():
            Group.objects.get(name="system_admin").user_set.add(user)

    def test_other_roles_still_combine(self):
        user = make_user("x", "system_admin")
        do_grant_roles(None, user, ["leader", "center_staff"])
        self.assertEqual(role_keys_of(user), {"system_admin", "leader", "center_staff"})
