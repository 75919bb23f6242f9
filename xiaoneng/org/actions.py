"""Every change to units, persons and targets goes through these action functions.

Each checks the actor's permission (an actor of None is the command line, run by
whoever operates the server), writes in one transaction and records an audit row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiaoneng.org import audit_hooks
from xiaoneng.org.models import Person, Target, Unit, User

MANAGE_REFERENCE_DATA = "org.manage_reference_data"


def require_perm(actor: User | None, perm: str) -> None:
    """Refuse unless `actor` holds `perm`; None (the command line) always may."""
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(perm)


def do_create_unit(actor: User | None, *, code: str, name: str, kind: str, short_name: str = "",
                   parent: Unit | None = None, is_key: bool = False, sort_order: int = 0,
                   valid_from: datetime.date | None = None, request=None) -> Unit:
    require_perm(actor, MANAGE_REFERENCE_DATA)
    unit = Unit(code=code, name=name, short_name=short_name or name[:60], kind=kind, parent=parent,
                is_key=is_key, sort_order=sort_order)
    if valid_from is not None:
        unit.valid_from = valid_from
    unit.full_clean()
    with transaction.atomic():
        unit.save()
        audit_hooks.record("unit.create", actor=actor, request=request, target=unit,
                           detail={"code": code, "parent": parent.code if parent else None})
    return unit


def do_move_unit(actor: User | None, unit: Unit, new_parent: Unit | None, *, request=None) -> Unit:
    """Place `unit` (with its whole subtree) under `new_parent`."""
    require_perm(actor, MANAGE_REFERENCE_DATA)
    if new_parent is not None and new_parent.pk in unit.subtree_ids():
        raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
    with transaction.atomic():
        old_parent = unit.parent
        unit.parent = new_parent
        unit.save()
        audit_hooks.record("unit.move", actor=actor, request=request, target=unit, detail={
            "from": old_parent.code if old_parent else None,
            "to": new_parent.code if new_parent else None,
        })
    return unit


def do_reorganise_unit(actor: User | None, unit: Unit, *, ended_on: datetime.date,
                       successor: Unit | None = None, move_persons: bool = False,
                       move_children: bool = False, request=None) -> Unit:
    """End `unit` on `ended_on` (its last valid day) and name the unit that carries on its work.

    Records made earlier keep pointing at `unit`, so they still show the unit as it was.
    A merger is one call per merged unit with the same successor.
    """
    require_perm(actor, MANAGE_REFERENCE_DATA)
    if unit.valid_to is not None:
        raise ValidationError(_("This unit has already ended."))
    if successor is not None and successor.pk in unit.subtree_ids():
        raise ValidationError({"successor": _("A unit cannot be succeeded by itself or a unit under it.")})
    with transaction.atomic():
        unit.valid_to = ended_on
        unit.successor = successor
        unit.full_clean()
        unit.save()
        moved_persons = moved_children = 0
        if successor is not None and move_persons:
            moved_persons = unit.persons.filter(is_active=True).update(unit=successor)
        if successor is not None and move_children:
            for child in unit.children.filter(valid_to__isnull=True):
                child.parent = successor
                child.save()
                moved_children += 1
        audit_hooks.record("unit.reorganise", actor=actor, request=request, target=unit, detail={
            "ended_on": ended_on.isoformat(), "successor": successor.code if successor else None,
            "moved_persons": moved_persons, "moved_children": moved_children,
        })
    return unit


def do_rename_unit(actor: User | None, unit: Unit, *, new_code: str, name: str, short_name: str = "",
                   effective: datetime.date, move_persons: bool = True, move_children: bool = True,
                   request=None) -> Unit:
    """A rename is a new unit from `effective` on, succeeding the old one which ends the day before."""
    require_perm(actor, MANAGE_REFERENCE_DATA)
    with transaction.atomic():
        successor = do_create_unit(
            actor, code=new_code, name=name, short_name=short_name, kind=unit.kind,
            parent=unit.parent, is_key=unit.is_key, sort_order=unit.sort_order, valid_from=effective,
            request=request,
        )
        do_reorganise_unit(actor, unit, ended_on=effective - datetime.timedelta(days=1),
                           successor=successor, move_persons=move_persons,
                           move_children=move_children, request=request)
    return successor


def do_create_person(actor: User | None, *, name: str, unit: Unit, position: str, title: str = "",
                     phone: str = "", user: User | None = None, request=None) -> Person:
    require_perm(actor, MANAGE_REFERENCE_DATA)
    person = Person(name=name, unit=unit, position=position, title=title, phone=phone, user=user)
    person.full_clean()
    with transaction.atomic():
        person.save()
        audit_hooks.record("person.create", actor=actor, request=request, target=person,
                           detail={"unit": unit.code})
    return person


def do_move_person(actor: User | None, person: Person, unit: Unit, *, request=None) -> Person:
    require_perm(actor, MANAGE_REFERENCE_DATA)
    with transaction.atomic():
        old = person.unit
        person.unit = unit
        person.save(update_fields=["unit"])
        audit_hooks.record("person.move", actor=actor, request=request, target=person,
                           detail={"from": old.code, "to": unit.code})
    return person


def do_create_target(actor: User | None, *, kind: str, name: str, request=None,
                     **fields: Any) -> Target:
    require_perm(actor, MANAGE_REFERENCE_DATA)
    target = Target(kind=kind, name=name, **fields)
    target.full_clean()
    with transaction.atomic():
        target.save()
        audit_hooks.record("target.create", actor=actor, request=request, target=target,
                           detail={"kind": kind, "uscc": target.uscc})
    return target
