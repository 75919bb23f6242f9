"""催办单 and 督办单: the documents an escalated matter gets, composed from the matter itself.

xiaoneng.matters.actions calls `issue_escalation_document` inside the transaction of an urge,
a supervision order, or the scanner's automatic escalation to either.
"""

from __future__ import annotations

import datetime

from xiaoneng.documents.actions import do_issue_document
from xiaoneng.documents.models import IssuedDocument, issuer_name
from xiaoneng.documents.render import OfficialDocument, chinese_date

URGE_LEVEL, ORDER_LEVEL = 1, 2  # xiaoneng.matters.models.Escalation.URGED, .SUPERVISION_ORDER
KIND_OF_LEVEL = {URGE_LEVEL: "urge", ORDER_LEVEL: "supervision_order"}
# Working days the unit is given to report back.
URGE_REPORT_DAYS, ORDER_REPORT_DAYS = 3, 3


def workdays_late(matter, today: datetime.date) -> int:
    left = matter.workdays_left(today) if matter.deadline else None
    return max(-(left or 0), 0)


def _status(matter, today: datetime.date) -> str:
    deadline = f"办理期限为{chinese_date(matter.deadline)}，" if matter.deadline else ""
    late = workdays_late(matter, today)
    overdue = f"已逾期{late}个工作日，" if late else ""
    return f"{deadline}截至{chinese_date(today)}，{overdue}尚未办结。"


def compose(matter, kind: str, today: datetime.date, note: str = "") -> OfficialDocument:
    """The urge notice or supervision order for `matter` as of `today` (number not yet given)."""
    issuer = issuer_name()
    opening = f"你单位承办的督办事项“{matter.title}”（编号{matter.public_id}），{_status(matter, today)}"
    if kind == "urge":
        title = f"关于催促办理“{matter.title}”的催办单"
        demand = (f"请你单位高度重视，抓紧办理，于{URGE_REPORT_DAYS}个工作日内将办理结果报送{issuer}。"
                  "确有困难的，请及时说明情况。")
    else:
        title = f"关于“{matter.title}”的督办单"
        opening += "现予督办。"
        demand = (f"请你单位主要负责同志亲自过问，于{ORDER_REPORT_DAYS}个工作日内办结，并书面报告办理情况。"
                  "逾期仍未办结的，将按规定予以通报，并提请问责。")
    body = [opening, demand]
    if note.strip():
        body.append(note.strip())
    recipient = matter.unit.name if matter.unit_id else ""
    return OfficialDocument(issuer=issuer, doc_number="", title=title, recipient=recipient, body=body,
                            signature=issuer, date=today, kind=kind)


def issue_escalation_document(matter, *, level: int, actor, today: datetime.date,
                              note: str = "") -> IssuedDocument | None:
    """Issue the document of an escalation level (none for a referral), numbered and traced."""
    kind = KIND_OF_LEVEL.get(level)
    if kind is None:
        return None
    return do_issue_document(kind=kind, subject=matter, actor=actor, doc=compose(matter, kind, today, note))
