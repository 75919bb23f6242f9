"""A matter factory on top of the shared test county: matters driven into any state through the actions."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine

from xiaoneng.matters import actions
from xiaoneng.matters.models import Matter, MatterKind, Resolution, State, Verdict
from xiaoneng.testing import XiaonengTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10):
    """Freeze time on a day (Asia/Shanghai, mid-morning)."""
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


class MatterTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.enquiry = MatterKind.objects.create(code="t-enquiry", name="咨询", time_limit=3,
                                                yellow_days_before=1)
        cls.complaint = MatterKind.objects.create(code="t-complaint", name="投诉", time_limit=13,
                                                  yellow_days_before=2)

    def matter(self, state: str = State.RECEIVED, *, unit=None, kind=None, title: str = "路灯不亮") -> Matter:
        """A matter in `state`, reached through the action functions as the right people."""
        unit = unit or self.unit_a
        m = actions.do_receive_matter(kind=kind or self.enquiry, title=title, actor=self.staff)
        if state == State.RECEIVED:
            return m
        if state == State.REJECTED:
            return actions.do_reject_matter(m, actor=self.staff, reason="不属受理范围")
        m = actions.do_assign_matter(m, actor=self.staff, unit=unit)
        if state == State.ASSIGNED:
            return m
        if state == State.PAUSED:
            return actions.do_pause_matter(m, actor=self.staff, reason="等待举报人补充材料")
        if state == State.RETURNED:
            return actions.do_return_matter(m, actor=self.liaison_a, reason="不属本单位职责")
        if state == State.AWAITING_APPROVAL:
            m.kind.reply_needs_head_approval = True
            m.kind.save()
            m = actions.do_reply_matter(m, actor=self.liaison_a, reply="已修复")
            m.kind.reply_needs_head_approval = False
            m.kind.save()
            return m
        m = actions.do_reply_matter(m, actor=self.liaison_a, reply="已修复")
        if state == State.REPLIED:
            return m
        m = actions.do_verify_matter(m, actor=self.staff, verdict=Verdict.SUBSTANTIATED,
                                     resolution=Resolution.RESOLVED)
        if state == State.VERIFIED:
            return m
        m = actions.do_close_matter(m, actor=self.staff, resolution=Resolution.RESOLVED)
        if state == State.CLOSED:
            return m
        if state == State.REOPENED:
            return actions.do_reopen_matter(m, actor=self.staff, reason="回访不满意")
        raise ValueError(state)

    def kinds_of_events(self, matter: Matter) -> list[str]:
        from xiaoneng.trace.chain import events_for

        return list(events_for(matter).values_list("kind", flat=True))
