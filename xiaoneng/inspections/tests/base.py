"""A center campaign visiting unit_a (交通局), led by the supervisor, with center staff as a member."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from xiaoneng.inspections import actions
from xiaoneng.inspections.models import Campaign, CampaignKind
from xiaoneng.testing import XiaonengTestCase, make_user


def photo(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class InspectionTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_supervisor = make_user("supervisor2", "supervisor")
        cls.campaign = cls.make_campaign()

    @classmethod
    def make_campaign(cls, title: str = "银行网点专题监督", start: bool = True, **extra) -> Campaign:
        campaign = actions.do_create_campaign(
            actor=cls.staff, kind=extra.pop("kind", CampaignKind.SPECIAL), title=title,
            starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2026, 11, 30), **extra,
        )
        group = actions.do_add_group(campaign, actor=cls.staff, name="第一组", leader=cls.supervisor)
        actions.do_add_target(campaign, actor=cls.staff, unit=cls.unit_a, group=group)
        if start:
            actions.do_start_campaign(campaign, actor=cls.staff)
        return campaign

    def record(self, unit=None, what: str = "窗口人员工作时间玩手机", **extra):
        return actions.do_record_finding(
            self.campaign, actor=extra.pop("actor", self.supervisor), unit=unit or self.unit_a, what=what,
            where=extra.pop("where", "政务服务中心交通窗口"),
            occurred_at=extra.pop("occurred_at", timezone.now()), **extra,
        )

    def close(self, campaign: Campaign | None = None) -> Campaign:
        campaign = campaign or self.campaign
        actions.do_close_campaign(campaign, actor=self.staff)
        campaign.refresh_from_db()
        return campaign
