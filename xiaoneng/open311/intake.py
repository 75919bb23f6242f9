"""POST requests: a GeoReport v2 form becomes a complaint filed through the Open311 channel."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from xiaoneng.complaints.actions import ComplaintError, do_file_complaint
from xiaoneng.complaints.models import Channel, Complaint, Scope
from xiaoneng.open311 import services
from xiaoneng.open311.models import ApiKey, ServiceRequest
from xiaoneng.org.models import Unit

MAX_DESCRIPTION = 4000  # GeoReport v2's limit
LIMITS = {"address_string": 500, "address_id": 100, "device_id": 100, "account_id": 100,
          "first_name": 30, "last_name": 30, "phone": 32, "email": 254, "media_url": 1000}
# Control characters other than tab and newlines carry nothing a person typed (and NUL breaks PostgreSQL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CJK = re.compile("[\u3400-\u9fff]")


class Rejected(Exception):
    """The form cannot become a complaint; `status` is the HTTP status of the Open311 error."""

    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.description, self.status = description, status


@dataclass
class Filed:
    complaint: Complaint
    link: ServiceRequest


def clean(form: QueryDict, field: str) -> str:
    value = _CONTROL.sub("", form.get(field, "")).strip()
    limit = LIMITS.get(field)
    if limit is not None and len(value) > limit:
        raise Rejected(_("%(field)s is too long (at most %(max)d characters).")
                       % {"field": field, "max": limit})
    return value


def _coordinate(raw: str, field: str, bound: int) -> Decimal:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not math.isfinite(float(value)) or abs(value) > bound:
        raise Rejected(_("%(field)s must be a number between -%(bound)d and %(bound)d.")
                       % {"field": field, "bound": bound})
    return value.quantize(Decimal("0.000001"))


def location(form: QueryDict) -> dict:
    """lat and long together, or address_string, or address_id: GeoReport v2 asks for one of them."""
    lat, long = clean(form, "lat"), clean(form, "long")
    place = {"address_string": clean(form, "address_string"), "address_id": clean(form, "address_id"),
             "lat": None, "long": None}
    if lat or long:
        if not (lat and long):
            raise Rejected(_("Give both lat and long."))
        place["lat"], place["long"] = _coordinate(lat, "lat", 90), _coordinate(long, "long", 180)
    elif not (place["address_string"] or place["address_id"]):
        raise Rejected(_("A location is required: lat and long, address_string or address_id."))
    return place


def accused_unit(name: str) -> Unit | None:
    if not name:
        return None
    return Unit.objects.filter(Q(name=name) | Q(short_name=name) | Q(code=name)).order_by("pk").first()


def reporter_name(first: str, last: str) -> str:
    if _CJK.search(first + last):
        return f"{last}{first}"  # Chinese names put the family name first, without a space
    return f"{first} {last}".strip()


def describe(form: QueryDict, place: dict, unit_text: str, unit: Unit | None) -> str:
    description = clean(form, "description")
    if not description:
        raise Rejected(_("Describe the problem in description."))
    if len(description) > MAX_DESCRIPTION:
        raise Rejected(_("description is too long (at most %(max)d characters).") % {"max": MAX_DESCRIPTION})
    lines = [description]
    where = place["address_string"] or place["address_id"]
    if place["lat"] is not None:
        where = f"{where} ({place['lat']}, {place['long']})".strip()
    lines.append(_("Location: %(place)s") % {"place": where})
    if unit_text and unit is None:  # a unit we could not match: keep what the reporter wrote
        lines.append(_("Unit complained about: %(unit)s") % {"unit": unit_text})
    return "\n\n".join(lines)


def file_request(form: QueryDict, api_key: ApiKey, request: HttpRequest | None = None) -> Filed:
    """Validate the form and file the complaint with its Open311 facts, all or nothing."""
    code = clean(form, "service_code")
    if not code:
        raise Rejected(_("service_code is required."))
    if code not in services.service_codes():
        raise Rejected(_("Unknown service_code %(code)s.") % {"code": code[:50]})
    place = location(form)
    scope = clean(form, f"attribute[{services.ATTR_SCOPE}]")
    if scope not in Scope.values:
        raise Rejected(_("attribute[%(attr)s] must be one of: %(keys)s.")
                       % {"attr": services.ATTR_SCOPE, "keys": ", ".join(Scope.values)})
    unit_text = clean(form, f"attribute[{services.ATTR_UNIT}]")[:200]
    unit = accused_unit(unit_text)
    occurred = clean(form, f"attribute[{services.ATTR_OCCURRED}]")
    occurred_on = None
    if occurred:
        moment = services.parse_moment(occurred)
        if moment is None:
            raise Rejected(_("attribute[%(attr)s] is not a date.") % {"attr": services.ATTR_OCCURRED})
        from django.utils import timezone

        occurred_on = timezone.localtime(moment).date()
    name = reporter_name(clean(form, "first_name"), clean(form, "last_name"))
    phone, email = clean(form, "phone"), clean(form, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Rejected(_("email is not a valid e-mail address.")) from None
    for field in ("device_id", "account_id", "media_url"):
        clean(form, field)  # accepted and length-checked; media is never fetched from a URL
    try:
        with transaction.atomic():
            complaint, _secret = do_file_complaint(
                category=code, scope=scope, description=describe(form, place, unit_text, unit),
                accused_unit=unit, occurred_on=occurred_on, anonymous=not (name and phone),
                name=name, phone=phone, email=email, channel=Channel.OPEN311, actor=None,
            )
            link = ServiceRequest.objects.create(
                complaint=complaint, api_key=api_key, address_string=place["address_string"],
                address_id=place["address_id"], lat=place["lat"], long=place["long"],
                device_id=clean(form, "device_id"),
            )
    except ComplaintError as error:
        raise Rejected(str(error)) from None
    except ValidationError as error:
        raise Rejected(" ".join(str(m) for m in error.messages)) from None
    return Filed(complaint=complaint, link=link)
