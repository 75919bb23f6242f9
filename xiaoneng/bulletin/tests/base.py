"""An issue in preparation with a center item, a reprint and submissions from two units."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xiaoneng.bulletin import actions
from xiaoneng.bulletin.models import Section, SectionKind
from xiaoneng.news import Citation, NewsDraft
from xiaoneng.testing import XiaonengTestCase

DATE = datetime.date(2026, 11, 20)
DEPT_TEXT = "为贯彻落实县委、县政府《工作意见》，县交通运输局采取“四个强化”，深入推进效能建设。"


def photo(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def draft(key: str = "test.figures", count: int = 3) -> NewsDraft:
    return NewsDraft(key=key, title="组织申报服务实绩", text=f"共申报服务实绩{count}件。",
                     figures={"declared": count}, citations=[Citation("实绩一", "/achievements/1/")])


class BulletinTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.issue = actions.do_create_issue(actor=cls.staff, date=DATE, report_to="市效能办",
                                            send_to="县委、县政府领导", issue_to="各乡镇、县各部门单位")
        cls.center_item = actions.do_add_center_draft(cls.issue, draft(), actor=cls.staff)
        cls.reprint = actions.do_add_item(
            cls.issue, actor=cls.staff, section=Section.objects.get(kind=SectionKind.REPRINT),
            title="邢台掀起“问责风暴”", text="第一段。\n第二段。", source="新华网",
            source_date=datetime.date(2026, 11, 2))
        cls.submission_a = actions.do_submit(actor=cls.liaison_a, issue=cls.issue,
                                             title="“四强化”推进效能建设", text=DEPT_TEXT)
        cls.submission_b = actions.do_submit(actor=cls.liaison_b, issue=cls.issue,
                                             title="创新模式优服务", text="县人社局不断创新服务模式。")
