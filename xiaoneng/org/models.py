"""The county's organisation: units, the people in them, and the targets they serve."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.org.uscc import validate_uscc


class User(AbstractUser):
    """A login account. Who the account is in the county is its Person (工作人员)."""

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        permissions = [
            ("manage_users", _("Manage accounts, roles and permissions")),
            ("view_all_units", _("See the work of every unit")),
            ("manage_reference_data", _("Manage units, persons, targets and calendars")),
        ]

    @property
    def person(self) -> Person | None:
        try:
            return self.person_record
        except Person.DoesNotExist:
            return None

    @property
    def unit(self) -> Unit | None:
        person = self.person
        return person.unit if person else None


class UnitKind(models.TextChoices):
    COUNTY = "county", _("county")
    DEPARTMENT = "department", _("department")
    SECTION = "section", _("section")
    STATION = "station", _("station")
    WINDOW = "window", _("window")
    BRANCH = "branch", _("branch office")


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )

    def current(self) -> UnitQuerySet:
        return self.valid_on(timezone.localdate())

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """部门单位 / 科室 / 站所 / 窗口: a node in the county's organisation tree.

    Units are never renamed or merged in place: a reform ends the old unit
    (valid_to) and points it at its successor, so records made earlier still
    name the unit as it was.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("full name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )
    # Materialised path of primary keys ("/1/7/42/"): subtree queries are one
    # indexed prefix match on every database engine.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    is_key = models.BooleanField(_("key unit"), default=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    valid_from = models.DateField(_("valid from"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors",
        verbose_name=_("successor"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path is always recomputed from the database, not from cached
        # instances: a parent loaded before an ancestor moved has a stale path.
        with transaction.atomic(using=kwargs.get("using")):
            if not self.pk:
                super().save(*args, **kwargs)
                kwargs = {k: v for k, v in kwargs.items() if k == "using"}
                old_path = ""
            else:
                old_path = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""
            parent_path = "/"
            if self.parent_id:
                parent_path = Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)
                if old_path and parent_path.startswith(old_path):
                    raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            self.path = f"{parent_path}{self.pk}/"
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # A move: re-root every descendant's path in one UPDATE.
                Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(Value(self.path), Substr("path", len(old_path) + 1),
                                output_field=models.CharField())
                )

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A unit cannot end before it begins.")})
        if self.parent_id and self.pk and self.parent_id in self.subtree_ids():
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("A unit cannot succeed itself.")})

    def subtree_ids(self) -> set[int]:
        """Primary keys of this unit and everything under it, as stored."""
        stored = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        if not stored:
            return {self.pk} if self.pk else set()
        return set(Unit.objects.filter(path__startswith=stored).values_list("pk", flat=True))

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def current_unit(self) -> Unit:
        """The unit that carries this one's work today, following successors."""
        unit, seen = self, {self.pk}
        while unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = unit.successor
        return unit

    def ancestors(self) -> list[Unit]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class Position(models.TextChoices):
    PRINCIPAL = "principal", _("principal head")
    LEADERSHIP = "leadership", _("leadership member")
    CHIEF = "chief", _("section chief")
    STAFF = "staff", _("staff member")


class Person(models.Model):
    """工作人员: a cadre of a unit, with an optional login."""

    name = models.CharField(_("name"), max_length=60)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="persons", verbose_name=_("unit"))
    position = models.CharField(_("position"), max_length=16, choices=Position.choices)
    title = models.CharField(_("title"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    user = models.OneToOneField(
        User, models.SET_NULL, null=True, blank=True, related_name="person_record",
        verbose_name=_("account"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["unit__path", "position", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.short_name}）"


class TargetKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise")
    PROJECT = "project", _("project")
    SOLE_TRADER = "sole_trader", _("sole trader")
    HOUSEHOLD = "household", _("household")


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("large")
    MEDIUM = "medium", _("medium")
    SMALL = "small", _("small")
    MICRO = "micro", _("micro")


class Zone(models.TextChoices):
    NONE = "", _("outside the parks")
    DEVELOPMENT_ZONE = "development_zone", _("development zone")
    INDUSTRIAL_PARK = "industrial_park", _("industrial park")


class Target(models.Model):
    """服务对象: an enterprise, a project, a sole trader or a household."""

    kind = models.CharField(_("kind"), max_length=16, choices=TargetKind.choices)
    name = models.CharField(_("name"), max_length=120)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, null=True, blank=True, unique=True,
        validators=[validate_uscc],
    )
    town = models.CharField(_("town"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact = models.CharField(_("contact person"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    size = models.CharField(_("size"), max_length=8, choices=EnterpriseSize.choices, blank=True)
    is_industrial = models.BooleanField(_("industrial"), default=False)
    is_above_scale = models.BooleanField(_("above designated scale"), default=False)
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices, blank=True)
    # Projects: planned investment in yuan (¥100M-plus projects are paired with leaders).
    investment = models.DecimalField(
        _("investment (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    is_key = models.BooleanField(_("key target"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Blank codes are stored as NULL so that many targets may lack one under the unique index.
        self.uscc = self.uscc or None
        if self.kind == TargetKind.ENTERPRISE and not self.uscc:
            raise ValidationError({"uscc": _("An enterprise needs its unified social credit code.")})
