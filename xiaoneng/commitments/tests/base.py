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
            actor=cls.staff,
            name="改进作风、优化服务集中公开承诺",
            basis_title="关于开展集中公开承诺活动的通知",
            basis_number="金效〔2026〕3号",
            issued_by="县效能中心",
            starts_on=DAY,
            ends_on=datetime.date(2026, 12, 31),
        )
        cls.commitment = actions.do_record_commitment(
            cls.campaign,
            actor=cls.staff,
            unit=cls.unit_a,
            committer_kind=CommitterKind.HEAD,
            committer_name="王局长",
            committed_on=DAY,
            channels=[Channel.TV, Channel.PLEDGE],
        )
        cls.item = actions.do_add_item(
            cls.commitment,
            actor=cls.staff,
            kind=ItemKind.APPROVAL,
            promise="道路运输证3个工作日内办结",
            target_value=3,
            target_unit="工作日",
            due_on=datetime.date(2026, 6, 30),
        )
        cls.other_item = actions.do_add_item(
            cls.commitment, actor=cls.staff, kind=ItemKind.GREEN_CARD, promise="对重点企业实行绿卡服务"
        )

    def refresh(self, obj):
        obj.refresh_from_db()
        return obj


class RoleMatrix:
    """Every role (and the anonymous visitor) against one URL: a table of expected statuses."""

    @classmethod
    def add_role_users(cls) -> None:
        from xiaoneng.testing import make_user

        cls.unit_staff_a = make_user("unit_staff_a", "unit_staff", cls.unit_a)
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.auditor = make_user("auditor", "audit_admin")

    def roles(self) -> dict:
        return {
            "admin": self.admin,
            "staff": self.staff,
            "leader": self.leader,
            "supervisor": self.supervisor,
            "liaison_a": self.liaison_a,
            "head_a": self.head_a,
            "unit_staff_a": self.unit_staff_a,
            "section": self.section_liaison,
            "liaison_b": self.liaison_b,
            "confirmer": self.confirmer,
            "auditor": self.auditor,
        }

    def assert_statuses(
        self, url: str, expected: dict, method: str = "get", data=None, anonymous: int = 302, reset=None
    ) -> None:
        def payload():
            return (data() if callable(data) else data) or {}

        self.client.logout()
        response = getattr(self.client, method)(url, payload())
        self.assertEqual(response.status_code, anonymous, "anonymous")
        for name, user in self.roles().items():
            if reset:
                reset()
            self.client.force_login(user)
            response = getattr(self.client, method)(url, payload())
            self.assertEqual(response.status_code, expected[name], name)
