"""A campaign in which 交通局 (unit_a) committed on television with two promises."""

from __future__ import annotations

import datetime

from xiaoneng.commitments import actions
from xiaoneng.commitments.models import Channel, CommitterKind, ItemKind
from xiaoneng.testing import XiaonengTestCase

DAY = datetime.date(2026, 3, 21)


class CommitmentTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.campaign = actions.do_create_campaign(
            actor=cls.staff, name="改进作风、优化服务集中公开承诺", basis_title="关于开展集中公开承诺活动的通知",
            basis_number="金效〔2026〕3号", issued_by="县效能中心", starts_on=DAY, ends_on=datetime.date(2026, 12, 31),
        )
        cls.commitment = actions.do_record_commitment(
            cls.campaign, actor=cls.staff, unit=cls.unit_a, committer_kind=CommitterKind.HEAD,
            committer_name="王局长", committed_on=DAY, channels=[Channel.TV, Channel.PLEDGE],
        )
        cls.item = actions.do_add_item(cls.commitment, actor=cls.staff, kind=ItemKind.APPROVAL,
                                       promise="道路运输证3个工作日内办结", target_value=3, target_unit="工作日",
                                       due_on=datetime.date(2026, 6, 30))
        cls.other_item = actions.do_add_item(cls.commitment, actor=cls.staff, kind=ItemKind.GREEN_CARD,
                                             promise="对重点企业实行绿卡服务")

    def refresh(self, obj):
        obj.refresh_from_db()
        return obj
