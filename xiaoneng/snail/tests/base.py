import datetime
from zoneinfo import ZoneInfo

import time_machine

from xiaoneng.matters import actions as matters
from xiaoneng.matters.models import MatterKind
from xiaoneng.org.models import Person, Position
from xiaoneng.snail import actions
from xiaoneng.snail.models import LeadSource
from xiaoneng.testing import XiaonengTestCase, make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int):
    return time_machine.travel(datetime.datetime(year, month, day, 10, tzinfo=SHANGHAI), tick=False)


class SnailTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.cadre = Person.objects.create(name="张科长", unit=cls.unit_a, position=Position.CHIEF)

    def late_matter(self, kind_code="complaint", title="群众投诉事项未办理", unit=None,
                    assigned=(2013, 3, 1)):
        """A matter assigned on `assigned` and never answered."""
        with at(*assigned):
            matter = matters.do_receive_matter(kind=MatterKind.objects.get(code=kind_code), title=title,
                                               actor=self.staff)
            return matters.do_assign_matter(matter, actor=self.staff, unit=unit or self.unit_a)

    def item(self, title="市政基础设施维修不及时", unit=None, **extra):
        return actions.do_add_item(actor=self.staff, unit=unit or self.unit_a, title=title,
                                   problem="路灯报修两个月未修复", lead_source=LeadSource.MAILBOX, year=2013,
                                   **extra)

    def verify(self, matter, resolution):
        return matters.do_verify_matter(matter, actor=self.staff, verdict="substantiated",
                                        resolution=resolution)

    def published(self, *items):
        batch = actions.do_create_batch(actor=self.staff, year=2013)
        for item in items:
            actions.do_select_item(item, actor=self.staff, batch=batch)
        return actions.do_publish_batch(batch, actor=self.admin)
