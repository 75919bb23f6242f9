import datetime

import time_machine
from django.urls import reverse

from xiaoneng.accountability import figures
from xiaoneng.accountability.actions import (
    do_decide_accountability,
    do_propose_accountability,
    do_record_outside_decision,
    do_refer_accountability,
)
from xiaoneng.accountability.models import (
    AccountabilityForm,
    ItemKind,
    RecordState,
    Regulation,
    RegulationItem,
)
from xiaoneng.accountability.tests.base import AccountabilityTestCase
from xiaoneng.scoring.models import ScoreProposal

F = AccountabilityForm
ROLES = [
    "admin",
    "staff",
    "leader",
    "liaison_a",
    "liaison_b",
    "section_liaison",
    "head_a",
    "supervisor",
    None,
]
VIEWERS = {"admin", "staff", "leader", "head_a"}


@time_machine.travel("2026-05-06 10:00:00+08:00", tick=False)
class ViewPermissionTests(AccountabilityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel("2026-05-06 10:00:00+08:00", tick=False):
            cls.rec_a = do_propose_accountability(
                person=cls.cadre_a, unit=None, form=F.REMINDER_TALK, reason="超期", proposer=cls.staff
            )
            cls.rec_b = do_propose_accountability(
                person=cls.cadre_b, unit=None, form=F.REMOVAL, reason="推诿", proposer=cls.staff
            )

    def status(self, name, url, method="get", data=None):
        self.client.logout()
        if name:
            self.login(getattr(self, name))
        return getattr(self.client, method)(url, data or {}).status_code

    def check(self, url, allowed, hidden=frozenset(), method="get", ok=200, data=None):
        for name in ROLES:
            with self.subTest(name=name, url=url):
                want = 302 if name is None else ok if name in allowed else 404 if name in hidden else 403
                self.assertEqual(self.status(name, url, method, data), want)

    def test_lists(self):
        for url in (
            reverse("accountability:list"),
            reverse("accountability:yearly"),
            reverse("accountability:regulations"),
        ):
            self.check(url, VIEWERS)
        self.check(reverse("accountability:new"), {"admin", "staff"})

    def test_detail_of_another_unit_is_404_for_its_head(self):
        self.check(
            reverse("accountability:detail", args=[self.rec_b.pk]), VIEWERS - {"head_a"}, hidden={"head_a"}
        )
        self.check(reverse("accountability:detail", args=[self.rec_a.pk]), VIEWERS)

    def test_decisions_only_by_the_center_admin(self):
        for name in ("decide", "refer", "conclude", "dismiss"):
            self.check(
                reverse(f"accountability:{name}", args=[self.rec_a.pk]), {"admin"}, method="post", ok=302
            )

    def test_unit_head_lists_only_own_unit(self):
        self.login(self.head_a)
        response = self.client.get(reverse("accountability:list"))
        self.assertEqual([r.pk for r in response.context["page"]], [self.rec_a.pk])
        self.assertContains(response, "提醒谈话")

    def test_referral_and_outside_decision_through_the_pages(self):
        self.login(self.admin)
        self.client.post(reverse("accountability:refer", args=[self.rec_b.pk]), {"note": "提请县委组织部"})
        self.client.post(
            reverse("accountability:conclude", args=[self.rec_b.pk]),
            {
                "outside_form": "removal",
                "decision": "免去职务",
                "doc_no": "金组〔2026〕8号",
                "decided_on": "2026-05-20",
            },
        )
        self.rec_b.refresh_from_db()
        self.assertEqual(
            (self.rec_b.state, self.rec_b.outside_doc_no), (RecordState.CONCLUDED, "金组〔2026〕8号")
        )
        page = self.client.get(reverse("accountability:detail", args=[self.rec_b.pk]))
        self.assertContains(page, "金组〔2026〕8号")

    def test_bad_outside_decision_is_a_message_not_a_500(self):
        self.login(self.admin)
        self.client.post(reverse("accountability:refer", args=[self.rec_b.pk]), {"note": "提请"})
        response = self.client.post(
            reverse("accountability:conclude", args=[self.rec_b.pk]),
            {"decision": "x", "decided_on": "not a date"},
            follow=True,
        )
        self.assertContains(response, "文号")

    def test_propose_through_the_form(self):
        self.login(self.staff)
        response = self.client.post(reverse("accountability:new"), {"form": "removal", "reason": "x"})
        self.assertContains(response, "请指明被问责人")


class FigureTests(AccountabilityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reg = Regulation.objects.create(title="城市长效管理工作奖惩问责规定", issuer=cls.unit_a)
        cls.item = RegulationItem.objects.create(
            regulation=cls.reg,
            number="第六条第（一）项",
            kind=ItemKind.SITUATION,
            text="同一区域一个月内被通报3次以上",
            threshold=3,
            form=F.WRITTEN_CHECK,
            points=-2,
        )

    def propose(self, person, form, **kw):
        return do_propose_accountability(
            person=person, unit=None, form=form, reason="x", proposer=self.staff, **kw
        )

    def test_yearly_count_of_people_and_why(self):
        do_decide_accountability(
            self.propose(self.cadre_a, F.WRITTEN_CHECK, regulation_item=self.item),
            self.admin,
            decided_on=datetime.date(2026, 3, 1),
        )
        do_decide_accountability(
            self.propose(self.cadre_a, F.REMINDER_TALK), self.admin, decided_on=datetime.date(2026, 4, 1)
        )
        referred = do_refer_accountability(self.propose(self.cadre_b, F.REMOVAL), self.admin, note="提请")
        do_record_outside_decision(
            referred,
            self.admin,
            outside_form=F.REASSIGNMENT,
            decision="调离",
            doc_no="金组〔2026〕1号",
            decided_on=datetime.date(2026, 6, 1),
        )
        self.propose(self.cadre_b, F.REMINDER_TALK)  # proposed only: not counted
        do_decide_accountability(
            self.propose(self.cadre_b, F.REMINDER_TALK), self.admin, decided_on=datetime.date(2025, 12, 30)
        )  # another year
        self.assertEqual(figures.people_held(2026), 2)
        self.assertEqual(
            figures.held_by_form(2026), [("reassignment", 1), ("reminder_talk", 1), ("written_check", 1)]
        )
        self.assertEqual(figures.held_by_reason(2026)[0], {"clause": "", "people": 2})

    def test_regulation_item_points_go_to_the_persons_ledger(self):
        rec = self.propose(self.cadre_a, F.WRITTEN_CHECK, regulation_item=self.item)
        self.assertEqual(rec.clause, "《城市长效管理工作奖惩问责规定》第六条第（一）项")
        do_decide_accountability(rec, self.admin, decided_on=datetime.date(2026, 3, 1))
        proposal = ScoreProposal.objects.get()
        self.assertEqual(
            (proposal.person, proposal.points, proposal.rule.code, proposal.source, proposal.year),
            (self.cadre_a, -2, "accountability", rec, 2026),
        )

    def test_unit_level_record_counts_no_person(self):
        rec = do_propose_accountability(
            person=None,
            unit=self.unit_b,
            form=F.LOSS_OF_AWARD_ELIGIBILITY,
            reason="评议末位",
            proposer=self.staff,
        )
        do_decide_accountability(rec, self.admin, decided_on=datetime.date(2026, 12, 1))
        self.assertEqual(figures.people_held(2026), 0)
        self.assertEqual(figures.held_in_year(2026).count(), 1)
