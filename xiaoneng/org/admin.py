"""Admin screens for accounts, roles and reference data.

Account and role editing goes through the same rules as `do_grant_roles`: only
holders of org.manage_users, never on one's own account, never two of the three
separated administrator duties in one account, unit-scoped roles only with a
person; superuser status and per-user permissions cannot be set here at all.
"""

from __future__ import annotations

import django.contrib.auth.admin  # noqa: F401  (registers Group first, so that it can be replaced)
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiaoneng.org import audit_hooks
from xiaoneng.org.accounts import validate_roles
from xiaoneng.org.models import Person, Target, Unit, User
from xiaoneng.org.roles import ROLES, role_keys_of


def _role_keys(groups) -> set[str]:
    return {group.name for group in groups if group.name in ROLES}


def _audit_change(request, user: User, before: set[str]) -> None:
    after = role_keys_of(user)
    if after != before:
        audit_hooks.record("permission.change", actor=request.user, request=request, target=user, detail={
            "user": user.username, "added": sorted(after - before), "removed": sorted(before - after),
            "via": "admin",
        })


class RoleCheckedUserForm(UserChangeForm):
    acting_user: User | None = None

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is not None:
            wanted = _role_keys(groups)
            if self.acting_user is not None and self.instance.pk == self.acting_user.pk \
                    and wanted != role_keys_of(self.instance):
                raise ValidationError(_("You cannot change your own roles."))
            validate_roles(self.instance, wanted)
        return cleaned


class RoleCheckedUserCreationForm(AdminUserCreationForm):
    def clean(self):
        cleaned = super().clean()
        # A new account has no person yet, so unit-scoped roles are refused here too.
        validate_roles(User(username=cleaned.get("username") or ""), _role_keys(cleaned.get("groups") or []))
        return cleaned


class ManageUsersOnly:
    """Only holders of org.manage_users see or change accounts and roles; nobody deletes them."""

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("org.manage_users")

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("org.manage_users")

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm("org.manage_users")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the audit trail keeps pointing at the account


@admin.register(User)
class UserAdmin(ManageUsersOnly, BaseUserAdmin):
    form = RoleCheckedUserForm
    add_form = RoleCheckedUserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (gettext_lazy("Roles"), {"fields": ("is_active", "is_staff", "groups")}),
        (gettext_lazy("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "groups")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "is_active", "roles")
    list_filter = ("is_active", "groups")
    filter_horizontal = ("groups",)

    @admin.display(description=gettext_lazy("Roles"))
    def roles(self, obj: User) -> str:
        return "、".join(str(ROLES[key].label) for key in sorted(role_keys_of(obj)))

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm("org.manage_users")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"acting_user": request.user})

    def save_related(self, request, form, formsets, change) -> None:
        before = role_keys_of(form.instance) if change else set()
        super().save_related(request, form, formsets, change)
        _audit_change(request, form.instance, before)


class RoleGroupForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.all(), required=False, label=gettext_lazy("Members"),
        widget=FilteredSelectMultiple(gettext_lazy("Members"), is_stacked=False),
    )
    acting_user: User | None = None

    class Meta:
        model = Group
        fields = ["members"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = self.instance.user_set.all()

    def clean_members(self):
        members = set(self.cleaned_data["members"])
        current = set(self.instance.user_set.all()) if self.instance.pk else set()
        role = self.instance.name
        for user in members ^ current:
            if self.acting_user is not None and user.pk == self.acting_user.pk:
                raise ValidationError(_("You cannot change your own roles."))
        for user in members - current:
            try:
                validate_roles(user, role_keys_of(user) | {role})
            except ValidationError as error:
                raise ValidationError(f"{user.username}: {' '.join(error.messages)}") from None
        return members


class RoleGroupAdmin(ManageUsersOnly, admin.ModelAdmin):
    """Roles are declared in code (their permissions are synchronised on migrate); only members change."""

    form = RoleGroupForm
    fields = ("name", "members", "permission_list")
    readonly_fields = ("name", "permission_list")
    list_display = ("name", "label")

    @admin.display(description=gettext_lazy("Role"))
    def label(self, obj: Group) -> str:
        return str(ROLES[obj.name].label) if obj.name in ROLES else ""

    @admin.display(description=gettext_lazy("Permissions"))
    def permission_list(self, obj: Group) -> str:
        return "; ".join(sorted(f"{p.content_type.app_label}.{p.codename}" for p in obj.permissions.all()))

    def has_add_permission(self, request) -> bool:
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"acting_user": request.user})

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        group = form.instance
        current = set(group.user_set.all())
        wanted = form.cleaned_data["members"]
        for user in current ^ wanted:
            before = role_keys_of(user)
            if user in wanted:
                user.groups.add(group)
            else:
                user.groups.remove(group)
            _audit_change(request, user, before)


admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)


class ReferenceDataReadOnly(admin.ModelAdmin):
    """Units, persons and targets change through imports and action functions, which audit them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReferenceDataReadOnly):
    list_display = ("code", "name", "short_name", "kind", "is_key", "valid_from", "valid_to", "successor")
    list_filter = ("kind", "is_key")
    search_fields = ("code", "name", "short_name")


@admin.register(Person)
class PersonAdmin(ReferenceDataReadOnly):
    list_display = ("name", "unit", "position", "title", "user", "is_active")
    list_filter = ("position", "is_active")
    search_fields = ("name", "unit__name", "unit__code")


@admin.register(Target)
class TargetAdmin(ReferenceDataReadOnly):
    list_display = ("name", "kind", "uscc", "size", "town", "is_key")
    list_filter = ("kind", "size", "is_key")
    search_fields = ("name", "uscc")
