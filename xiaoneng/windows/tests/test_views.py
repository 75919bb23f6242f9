from __future__ import annotations

import datetime
import io

import openpyxl
from django.urls import reverse

from xiaoneng.windows import actions
from xiaoneng.windows.models import GreenCard, ServiceCase, ServiceItem
from xiaoneng.windows.tests.base import WindowTestCase, at, moment

ROLES = [
    "admin",
    "staff",
    "liaison_a",
    "liaison_b",
    "section_liaison",
    "head_a",
    "supervisor",
    "leader",
    "clerk_a",
    "clerk_b",
    None,
]
CENTER = {"admin", "staff"}
SEES_A = CENTER | {"liaison_a", "head_a", "supervisor", "leader", "clerk_a"}
CLERKS = {"clerk_a", "clerk_b"}


def expect(rule: str, role: str | None) -> int:
    if role is None:
        return 302
    if rule == "view":
        return 200
    if rule == "view_a":
        return 200 if role in SEES_A else 404
    if rule == "center":
        return 200 if role in CENTER else 403
    if rule == "record":
        return 200 if role in CENTER | CLERKS else 403
    if rule == "queue_a":
        return {"admin": 200, "staff": 200, "clerk_a": 200, "clerk_b": 404}.get(role, 403)
    raise AssertionError(rule)


class PermissionTableTests(WindowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with at(2025, 3, 3):
            cls.case_a = cls.case(cls)
        cls.card = GreenCard.objects.create(enterprise=cls.firm, granted_on=datetime.date(2025, 1, 1))

    def user(self, role):
        return None if role is None else getattr(self, role)

    def pages(self):
        return [
            ("windows:index", (), "view"),
            ("windows:board_rows", (), "view"),
            ("windows:cases", (), "view"),
            ("windows:case", (self.case_a.public_id,), "view_a"),
            ("windows:items", (), "view"),
            ("windows:items_export", (), "view"),
            ("windows:item_notice", (self.item_a.pk,), "view_a"),
            ("windows:item_notice_pdf", (self.item_a.pk,), "view_a"),
            ("windows:figures", (), "view"),
            ("windows:ranking", (), "view"),
            ("windows:waits", (), "view"),
            ("windows:stars", (), "view"),
            ("windows:bad_ratings", (), "view"),
            ("windows:roster", (), "view"),
            ("windows:inquiries", (), "view"),
            ("windows:consultations", (), "view"),
            ("windows:green_cards", (), "view"),
            ("windows:green_card", (self.card.pk,), "view"),
            ("windows:case_new", (), "record"),
            ("windows:items_import", (), "center"),
            ("windows:rating_import", (), "center"),
            ("windows:queue_desk", (self.window_a.pk,), "queue_a"),
        ]

    def test_every_page_for_every_role(self):
        for name, args, rule in self.pages():
            for role in ROLES:
                with self.subTest(page=name, role=role):
                    self.client.logout()
                    if role:
                        self.login(self.user(role))
                    response = self.client.get(reverse(name, args=args))
                    self.assertEqual(response.status_code, expect(rule, role))

    def test_every_post_for_every_role(self):
        posts = [("windows:ranking_check", (), "center"), ("windows:stars_propose", (), "center")]
        for name, args, rule in posts:
            for role in ROLES:
                with self.subTest(page=name, role=role):
                    self.client.logout()
                    if role:
                        self.login(self.user(role))
                    response = self.client.post(reverse(name, args=args))
                    wanted = expect(rule, role)
                    self.assertEqual(response.status_code, 302 if wanted == 200 else wanted)

    def test_complete_for_every_role(self):
        for role in ROLES:
            with self.subTest(role=role):
                case = self.case()
                self.client.logout()
                if role:
                    self.login(self.user(role))
                response = self.client.post(reverse("windows:case_complete", args=[case.public_id]))
                wanted = {None: 302, "clerk_b": 404}.get(role, 200 if role in CENTER | {"clerk_a"} else 403)
                self.assertEqual(response.status_code, wanted)
                if wanted == 200:
                    self.assertContains(response, "<svg")


class CaseViewTests(WindowTestCase):
    def test_receive_page_in_chinese_and_creates_case(self):
        self.login(self.clerk_a)
        self.assertContains(self.client.get(reverse("windows:case_new")), "申请人")
        response = self.client.post(
            reverse("windows:case_new"), {"item": self.item_a.pk, "applicant_name": "张三"}
        )
        case = ServiceCase.objects.get()
        self.assertRedirects(response, case.get_absolute_url())
        self.assertEqual(case.staff, self.clerk_a.person)

    def test_clerk_cannot_pick_other_window_item(self):
        self.login(self.clerk_a)
        response = self.client.post(
            reverse("windows:case_new"), {"item": self.item_b.pk, "applicant_name": "张三"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ServiceCase.objects.exists())

    def test_applicant_shown_to_center_only_and_audited(self):
        case = self.case()
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(case.get_absolute_url()), "张三")
        self.login(self.staff)
        self.assertContains(self.client.get(case.get_absolute_url()), "张三")
        from xiaoneng.audit.models import AuditEntry

        self.assertTrue(AuditEntry.objects.filter(action="windows.applicant_view").exists())

    def test_case_list_query_count_does_not_grow(self):
        for _ in range(3):
            self.case()
        self.login(self.staff)
        self.client.get(reverse("windows:cases"))
        with self.assertNumQueries(9):
            response = self.client.get(reverse("windows:cases"))
        for _ in range(5):
            self.case()
        with self.assertNumQueries(9):
            self.client.get(reverse("windows:cases"))
        self.assertEqual(response.status_code, 200)

    def test_unit_role_list_shows_only_own_unit(self):
        self.case()
        self.case(self.item_b)
        self.login(self.liaison_b)
        page = self.client.get(reverse("windows:cases")).context["page"]
        self.assertEqual({c.unit for c in page}, {self.window_b})

    def test_board_shows_red_card(self):
        with at(2025, 3, 3):
            self.case()
        ServiceCase.objects.update(colour="red")
        self.login(self.staff)
        response = self.client.get(reverse("windows:board_rows"))
        self.assertContains(response, "红牌")

    def test_queue_desk_calls_green_card_first(self):
        actions.do_grant_green_card(self.firm, actor=self.admin, granted_on=datetime.date(2020, 1, 1))
        from xiaoneng.windows import queue

        queue.do_issue_ticket(self.window_a, actor=self.clerk_a)
        green = queue.do_issue_ticket(self.window_a, actor=self.clerk_a, enterprise=self.firm)
        self.login(self.clerk_a)
        self.client.post(
            reverse("windows:queue_desk", args=[self.window_a.pk]), {"step": "call", "counter": "3号"}
        )
        green.refresh_from_db()
        self.assertEqual((green.state, green.counter), ("called", "3号"))


def sheet(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "items.xlsx"
    return out


class ItemSheetTests(WindowTestCase):
    HEADER = [
        "事项编码",
        "事项名称",
        "窗口编码",
        "法定时限（工作日）",
        "承诺时限（工作日）",
        "即办件",
        "申请材料",
    ]

    def test_import_creates_and_updates(self):
        self.login(self.admin)
        data = sheet(
            [
                self.HEADER,
                ["JT-001", "道路运输经营许可（新）", "jtj-ck", 20, 8, "否", "申请表；执照"],
                ["JT-009", "从业资格证补办", "jtj-ck", 5, 1, "是", ""],
            ]
        )
        response = self.client.post(reverse("windows:items_import"), {"file": data})
        self.assertRedirects(response, reverse("windows:items"))
        self.assertEqual(ServiceItem.objects.get(code="JT-001").material_list(), ["申请表", "执照"])
        self.assertTrue(ServiceItem.objects.get(code="JT-009").is_immediate)

    def test_any_bad_row_imports_nothing(self):
        self.login(self.admin)
        data = sheet(
            [
                self.HEADER,
                ["JT-010", "甲", "jtj-ck", 5, 1, "否", ""],
                ["JT-011", "乙", "nowhere", 5, 1, "否", ""],
                ["JT-012", "丙", "jtj-ck", "五", 1, "否", ""],
            ]
        )
        response = self.client.post(reverse("windows:items_import"), {"file": data})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "nowhere", status_code=400)
        self.assertEqual([e.row for e in response.context["errors"]], [3, 4])
        self.assertFalse(ServiceItem.objects.filter(code__in=["JT-010", "JT-011", "JT-012"]).exists())

    def test_not_a_spreadsheet(self):
        self.login(self.admin)
        bad = io.BytesIO(b"not excel")
        bad.name = "x.xlsx"
        response = self.client.post(reverse("windows:items_import"), {"file": bad})
        self.assertEqual(response.status_code, 400)

    def test_export_reads_back(self):
        self.login(self.staff)
        response = self.client.get(reverse("windows:items_export"))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("事项编码", "事项名称", "窗口编码"))
        self.assertIn(("JT-001", "道路运输经营许可", "jtj-ck"), [r[:3] for r in rows[1:]])


class RatingImportTests(WindowTestCase):
    HEADER = ["评价编号", "办件编号", "评价等级", "评价时间", "评价内容", "服务态度"]

    def test_import_with_bad_one_opens_rectification(self):
        with at(2025, 3, 3):
            one = self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
            two = self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
        self.login(self.staff)
        data = sheet(
            [
                self.HEADER,
                ["P1", one.number, "非常满意", "2025-03-03 12:00", "", "非常满意"],
                ["P2", two.number, "不满意", "2025-03-04 09:00", "等了很久", ""],
            ]
        )
        with at(2025, 3, 4):
            response = self.client.post(reverse("windows:rating_import"), {"file": data})
        self.assertEqual(response.status_code, 302)
        two.refresh_from_db()
        self.assertEqual(two.rating.matter.kind.code, "window_rectification")
        self.assertEqual(one.rating if False else ServiceCase.objects.get(pk=one.pk).rating_level, 5)

    def test_unknown_case_imports_nothing(self):
        with at(2025, 3, 3):
            one = self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
        self.login(self.staff)
        data = sheet(
            [
                self.HEADER,
                ["P1", one.number, "满意", "2025-03-03", "", ""],
                ["P2", "NOPE", "满意", "2025-03-03", "", ""],
            ]
        )
        response = self.client.post(reverse("windows:rating_import"), {"file": data})
        self.assertEqual(response.status_code, 400)
        self.assertIsNone(ServiceCase.objects.get(pk=one.pk).rating_level)


class ConsultationLinkTests(WindowTestCase):
    def test_case_received_after_consultation_is_linked(self):
        c = actions.do_record_consultation(
            unit=self.window_a,
            actor=self.clerk_a,
            kind="draft",
            subject="仓储项目",
            held_on=datetime.date(2025, 3, 1),
        )
        self.login(self.clerk_a)
        response = self.client.post(
            reverse("windows:case_new"),
            {"item": self.item_a.pk, "applicant_name": "张三", "consultation": c.pk},
        )
        case = ServiceCase.objects.get()
        self.assertRedirects(response, case.get_absolute_url())
        c.refresh_from_db()
        self.assertEqual(c.case, case)
        self.assertContains(self.client.get(case.get_absolute_url()), "仓储项目")

    def test_consultation_of_another_window_refused_nothing_written(self):
        c = actions.do_record_consultation(
            unit=self.window_a,
            actor=self.staff,
            kind="draft",
            subject="仓储项目",
            held_on=datetime.date(2025, 3, 1),
        )
        self.login(self.staff)
        response = self.client.post(
            reverse("windows:case_new"),
            {"item": self.item_b.pk, "applicant_name": "张三", "consultation": c.pk},
        )
        self.assertContains(response, "该提前介入记录属于其他窗口", status_code=400)
        self.assertFalse(ServiceCase.objects.exists())

    def test_board_query_count_constant(self):
        self.login(self.staff)
        self.case()
        ServiceCase.objects.update(colour="red")
        with self.assertNumQueries(9):
            self.client.get(reverse("windows:board_rows"))
        for _ in range(4):
            self.case(self.item_b)
        ServiceCase.objects.update(colour="yellow")
        with self.assertNumQueries(9):
            self.client.get(reverse("windows:board_rows"))


class NoticePdfTests(WindowTestCase):
    def test_notice_pdf_lists_the_materials(self):
        from pypdf import PdfReader

        self.login(self.clerk_a)
        response = self.client.get(reverse("windows:item_notice_pdf", args=[self.item_a.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        pages = PdfReader(io.BytesIO(response.content)).pages
        text = "".join(page.extract_text() for page in pages).replace("\x00", "")  # CID font spacing
        self.assertIn("营业执照复印件", text)
