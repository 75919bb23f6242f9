"""Declarations of 交通局 (unit_a) and 人社局 (unit_b) in 2026 Q1, in several states."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xiaoneng.achievements import actions
from xiaoneng.achievements.models import Declaration
from xiaoneng.testing import XiaonengTestCase, make_user

YEAR, QUARTER = 2026, 1


def photo(name: str = "现场.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class AchievementTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.head_b = make_user("head_b", "unit_head", cls.unit_b, "principal")
        cls.draft = cls.declare(cls.liaison_a, "道路运输证即办", year=YEAR)

    @classmethod
    def declare(cls, actor, title: str, year: int = YEAR, quarter: int = QUARTER, **extra) -> Declaration:
        return actions.do_create_declaration(
            actor=actor,
            unit=extra.pop("unit", actor.unit),
            year=year,
            quarter=quarter,
            title=title,
            what_done=extra.pop("what_done", "压缩办理时限至即来即办"),
            beneficiaries="运输企业和个体户",
            **extra,
        )

    @classmethod
    def to_state(cls, declaration: Declaration, state: str) -> Declaration:
        steps = ["submitted", "declared", "verified", "selected"]
        for step in steps[: steps.index(state) + 1]:
            if step == "submitted":
                liaison = {cls.unit_a.pk: cls.liaison_a, cls.unit_b.pk: cls.liaison_b}.get(
                    declaration.unit_id, cls.section_liaison
                )
                declaration = actions.do_submit_declaration(declaration, actor=liaison)
            elif step == "declared":
                head = cls.head_b if declaration.unit == cls.unit_b else cls.head_a
                declaration = actions.do_approve_declaration(declaration, actor=head)
            elif step == "verified":
                declaration = actions.do_verify_declaration(declaration, actor=cls.staff, verified=True)
            else:
                declaration = actions.do_select_declaration(declaration, actor=cls.staff)
        return declaration

    @classmethod
    def open_display(
        cls,
        year: int = YEAR,
        quarter: int = QUARTER,
        starts=datetime.date(2026, 3, 26),
        ends=datetime.date(2026, 4, 2),
    ):
        return actions.do_open_display(
            actor=cls.staff, year=year, quarter=quarter, starts_on=starts, ends_on=ends
        )
