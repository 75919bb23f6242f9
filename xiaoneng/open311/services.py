"""Open311 services are the complaint categories; their attributes carry what a complaint needs."""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiaoneng.complaints.models import Category, Scope

DESCRIPTIONS = {
    Category.INACTION: gettext_lazy("Officials did not act on a matter within their duties."),
    Category.SLOW: gettext_lazy("A matter was handled late or dragged out without reason."),
    Category.MISCONDUCT: gettext_lazy("Officials acted beyond or against the rules."),
    Category.EXTORTION: gettext_lazy(
        "Officials asked for favours, gifts or meals, or made things difficult."
    ),
    Category.FEES: gettext_lazy("Fees were charged without a legal basis or above the set rate."),
    Category.ATTITUDE: gettext_lazy("Staff were rude, impatient or indifferent."),
    Category.DISCIPLINE: gettext_lazy("Staff were absent, late, or did private business at work."),
    Category.OTHER: gettext_lazy("Any other problem with the work style or efficiency of a public body."),
}
ATTR_SCOPE, ATTR_UNIT, ATTR_OCCURRED = "scope", "accused_unit", "occurred_on"


def service_codes() -> list[str]:
    return list(Category.values)


def service_name(code: str) -> str:
    return str(Category(code).label)


def service(code: str) -> dict:
    return {
        "service_code": code,
        "service_name": service_name(code),
        "description": str(DESCRIPTIONS[Category(code)]),
        "metadata": True,
        "type": "realtime",
        "keywords": ",".join([_("efficiency"), _("complaint"), service_name(code)]),
        "group": _("Efficiency complaints"),
    }


def attributes() -> list[dict]:
    return [
        {
            "variable": True, "code": ATTR_SCOPE, "datatype": "singlevaluelist", "required": True,
            "datatype_description": _("One of the listed keys."), "order": 1,
            "description": _("Field of work the complaint concerns"),
            "values": [{"key": key, "name": str(label)} for key, label in Scope.choices],
        },
        {
            "variable": True, "code": ATTR_UNIT, "datatype": "string", "required": False,
            "datatype_description": _("The unit's full or short name."), "order": 2,
            "description": _("Unit complained about"), "values": [],
        },
        {
            "variable": True, "code": ATTR_OCCURRED, "datatype": "datetime", "required": False,
            "datatype_description": _("A date or date and time in ISO 8601, e.g. 2026-03-21."), "order": 3,
            "description": _("When it happened"), "values": [],
        },
    ]


def definition(code: str) -> dict:
    return {"service_code": code, "attributes": attributes()}


def parse_moment(raw: str, *, end_of_day: bool = False) -> datetime.datetime | None:
    """A W3C datetime (offset optional: local time) or a plain date; None when unreadable."""
    from django.utils import timezone

    raw = raw.strip()
    try:
        day = parse_date(raw)  # first: fromisoformat would read a plain date as midnight
        if day is not None:
            moment = datetime.datetime.combine(day, datetime.time.max if end_of_day else datetime.time.min)
        else:
            moment = parse_datetime(raw)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(datetime.UTC)  # far-out years overflow here, not in the database
    except (ValueError, OverflowError):
        return None
    return moment
