from unittest import mock

from django.contrib.auth.models import Group
from django.urls import reverse

from xiaoneng.org.accounts import do_grant_roles
from xiaoneng.org.models import User
from xiaoneng.org.roles import role_keys_of
from xiaoneng.testing import XiaonengTestCase, make_user


def groups(*names):
    return [str(Group.objects.get(name=name).pk) for name in names]


class AdminTestCase(XiaonengTestCase):
    def setUp(self):
        self.security = make_user("secadm", None)
        do_grant_roles(None, self.security, ["security_admin"])
        self.someone = make_user("someone", None)

    def change_user(self, user, *role_names, **extra):
        data = {"username": user.username, "first_name": "", "last_name": "", "email": "",
                "is_active": "on", "groups": groups(*role_names), **extra}
        return self.client.post(reverse("admin:org_user_change", args=[user.pk]), data)


class UserAdminTests(AdminTestCase):
    def test_security_admin_may_open_accounts(self):
        self.login(self.security)
        self.assertEqual(self.client.get(reverse("admin:org_user_changelist")).status_code, 200)

    def test_center_admin_may_not(self):
        self.admin.is_staff = True
        self.admin.save()
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("admin:org_user_changelist")).status_code, 403)

    def test_grant_through_admin_is_audited(self):
        self.login(self.security)
        with mock.patch("xiaoneng.org.audit_hooks.record") as record:
            response = self.change_user(self.someone, "leader")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(role_keys_of(self.someone), {"leader"})
        self.assertEqual(record.call_args.args[0], "permission.change")
        self.assertEqual(record.call_args.kwargs["detail"]["added"], ["leader"])

    def test_two_admin_duties_refused(self):
        self.login(self.security)
        response = self.change_user(self.someone, "system_admin", "audit_admin")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "三员分立")
        self.assertEqual(role_keys_of(self.someone), set())

    def test_unit_scoped_role_without_person_refused(self):
        self.login(self.security)
        response = self.change_user(self.someone, "unit_liaison")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(role_keys_of(self.someone), set())

    def test_own_roles_cannot_change(self):
        self.login(self.security)
        response = self.change_user(self.security, "security_admin", "leader")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(role_keys_of(self.security), {"security_admin"})

    def test_superuser_flag_cannot_be_set(self):
        self.login(self.security)
        self.change_user(self.someone, "leader", is_superuser="on")
        self.assertFalse(User.objects.get(pk=self.someone.pk).is_superuser)

    def test_add_user_with_conflicting_roles_refused(self):
        self.login(self.security)
        response = self.client.post(reverse("admin:org_user_add"), {
            "username": "new", "password1": "Long-enough-pw-1-1", "password2": "Long-enough-pw-1-1",
            "usable_password": "true", "groups": groups("system_admin", "security_admin"),
        })
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="new").exists())

    def test_accounts_cannot_be_deleted(self):
        self.login(self.security)
        response = self.client.get(reverse("admin:org_user_delete", args=[self.someone.pk]))
        self.assertEqual(response.status_code, 403)


class GroupAdminTests(AdminTestCase):
    def change_group(self, name, *users):
        group = Group.objects.get(name=name)
        return self.client.post(reverse("admin:auth_group_change", args=[group.pk]),
                                {"members": [str(u.pk) for u in users]})

    def test_adding_a_member_that_would_combine_duties_is_refused(self):
        do_grant_roles(None, self.someone, ["system_admin"])
        self.login(self.security)
        response = self.change_group("audit_admin", self.someone)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("audit_admin", role_keys_of(self.someone))

    def test_adding_a_member(self):
        self.login(self.security)
        with mock.patch("xiaoneng.org.audit_hooks.record") as record:
            response = self.change_group("leader", self.leader, self.someone)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(role_keys_of(self.someone), {"leader"})
        self.assertEqual(record.call_args.args[0], "permission.change")

    def test_removing_a_member(self):
        self.login(self.security)
        self.change_group("leader")
        self.assertEqual(role_keys_of(self.leader), set())

    def test_cannot_add_self(self):
        self.login(self.security)
        response = self.change_group("leader", self.leader, self.security)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(role_keys_of(self.security), {"security_admin"})

    def test_permissions_are_not_editable(self):
        group = Group.objects.get(name="leader")
        before = set(group.permissions.all())
        self.login(self.security)
        self.client.post(reverse("admin:auth_group_change", args=[group.pk]),
                         {"members": [str(self.leader.pk)], "permissions": [], "name": "boss"})
        group.refresh_from_db()
        self.assertEqual((group.name, set(group.permissions.all())), ("leader", before))

    def test_no_new_groups(self):
        self.login(self.security)
        self.assertEqual(self.client.get(reverse("admin:auth_group_add")).status_code, 403)


class ReferenceAdminTests(AdminTestCase):
    def test_units_are_read_only(self):
        do_grant_roles(None, self.someone, ["audit_admin"])
        self.login(self.someone)
        self.assertEqual(self.client.get(reverse("admin:org_unit_changelist")).status_code, 403)
        self.admin.is_staff = True
        self.admin.save()
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("admin:org_unit_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:org_unit_add")).status_code, 403)
