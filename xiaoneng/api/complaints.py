"""POST /api/v1/complaints: staff intake of a complaint (投诉受理) from another system.

An `Idempotency-Key` header makes a retry safe: the same key from the same account returns
the complaint already filed, with 200 instead of 201. The reporter's name, phone and e-mail
go in and are never sent back.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.utils.translation import gettext
from ninja import Field, Header, Router, Schema, Status

from xiaoneng.api.errors import WRITE_ERRORS, forbidden, invalid_field
from xiaoneng.api.present import matter_out, with_relations
from xiaoneng.api.schemas import BodyIn, MatterOut
from xiaoneng.complaints.actions import MAX_DESCRIPTION
from xiaoneng.complaints.models import Category, Channel, Scope
from xiaoneng.matters.models import Matter
from xiaoneng.org.models import Unit

router = Router(tags=["complaints"])

IDEMPOTENCY_KEY_LENGTH = 64


class ComplaintIn(BodyIn):
    category: Literal[tuple(Category.values)]
    scope: Literal[tuple(Scope.values)]
    kind: Literal["complaint", "enquiry"] = "complaint"
    title: str = Field("", max_length=200)
    description: str = Field(..., min_length=1, max_length=MAX_DESCRIPTION)
    accused_unit: str | None = Field(None, max_length=32, description="code of the unit complained about")
    occurred_on: datetime.date | None = None
    anonymous: bool = True
    name: str = Field("", max_length=100, description="write-only: never returned")
    phone: str = Field("", max_length=30, description="write-only: never returned")
    email: str = Field("", max_length=254, description="write-only: never returned")
    channel: Literal[tuple(Channel.values)] = Channel.API.value
    external_ref: str | None = Field(None, min_length=1, max_length=64,
                                     description="the work-order number in the sending system")


class ComplaintFiled(Schema):
    id: str = Field(..., description="public number of the complaint's matter")
    tracking_code: str
    secret: str | None = Field(..., description="the reporter's query secret; only on first filing")
    matter: MatterOut


@router.post("/complaints", response={200: ComplaintFiled, 201: ComplaintFiled, **WRITE_ERRORS},
             summary="File a complaint (staff intake)")
def file_complaint(request, body: ComplaintIn,
                   idempotency_key: str | None = Header(
                       None, alias="Idempotency-Key", min_length=1, max_length=IDEMPOTENCY_KEY_LENGTH,
                       pattern=r"^[\x21-\x7e]+$")):
    from xiaoneng.complaints.actions import do_file_complaint

    user = request.auth
    if not user.has_perm("complaints.record_complaint"):
        raise forbidden()
    accused = None
    if body.accused_unit:
        accused = Unit.objects.filter(code=body.accused_unit).first()
        if accused is None:
            raise invalid_field(["body", "accused_unit"], gettext("No unit has the code “%(code)s”.")
                                % {"code": body.accused_unit})
    # Keys are per account: another account's key can never fetch this complaint.
    key = f"{user.pk}:{idempotency_key}" if idempotency_key else None
    complaint, secret = do_file_complaint(
        category=body.category, scope=body.scope, kind_code=body.kind, title=body.title,
        description=body.description, accused_unit=accused, occurred_on=body.occurred_on,
        anonymous=body.anonymous, name=body.name, phone=body.phone, email=body.email,
        channel=body.channel, actor=user, external_ref=body.external_ref, idempotency_key=key,
        request=request,
    )
    matter = with_relations(Matter.objects.filter(pk=complaint.matter_id)).get()
    return Status(201 if secret else 200, {
        "id": matter.public_id, "tracking_code": complaint.tracking_code, "secret": secret or None,
        "matter": matter_out(matter, user),
    })
