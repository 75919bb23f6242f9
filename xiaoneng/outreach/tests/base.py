"""A 三百工程 programme for 2026 with a leader, a chief and station staff of 交通局 and 人社局."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xiaoneng.org.models import Person, Position, Target, TargetKind, UnitKind
from xiaoneng.outreach import actions
from xiaoneng.outreach.sanbai import create_sanbai
from xiaoneng.testing import XiaonengTestCase, make_unit, make_user


def photo(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def target(name: str, kind: str = TargetKind.ENTERPRISE) -> Target:
    return Target.objects.create(kind=kind, name=name)


class OutreachTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.programme = create_sanbai(2026)
        cls.leaders, cls.chiefs, cls.stations = cls.programme.tiers.order_by("order")
        cls.station = make_unit(
            "jtj-gls", "县交通运输局公路站", UnitKind.STATION, parent=cls.unit_a, short_name="公路站"
        )
        cls.chief = make_user("chief_a", "unit_staff", cls.section_a, Position.CHIEF)
        cls.station_staff = make_user("station_a", "unit_staff", cls.station, Position.STAFF)
        cls.chief_b = make_user("chief_b", "unit_staff", cls.unit_b, Position.CHIEF)
        cls.deputy_a = Person.objects.create(name="王副局长", unit=cls.unit_a, position=Position.LEADERSHIP)
        cls.factory = target("金湖县示范机械有限公司")
        cls.factory_b = target("金湖县永和仪表有限公司")
        cls.household = target("李家户（金南村）", TargetKind.HOUSEHOLD)
        start = datetime.date(2026, 1, 1)
        cls.chief_pairing = actions.do_pair(
            cls.chiefs, actor=cls.staff, person=cls.chief.person, target=cls.factory, started_on=start
        )
        cls.chief_b_pairing = actions.do_pair(
            cls.chiefs, actor=cls.staff, person=cls.chief_b.person, target=cls.factory_b, started_on=start
        )
        cls.station_pairing = actions.do_pair(
            cls.stations,
            actor=cls.staff,
            person=cls.station_staff.person,
            target=cls.household,
            started_on=start,
        )

    def visit(self, pairing, day: datetime.date, actor=None, **extra):
        actor = actor or pairing.person.user or self.staff
        return actions.do_record_visit(
            pairing,
            actor=actor,
            visited_on=day,
            found=extra.pop("found", "走访"),
            today=datetime.date(2026, 12, 31),
            **extra,
        )
