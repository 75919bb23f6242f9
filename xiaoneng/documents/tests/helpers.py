"""Shared test fixtures: a sample document and a matter to issue documents about."""

from __future__ import annotations

import datetime

from xiaoneng.documents.render import OfficialDocument


def sample(**changes) -> OfficialDocument:
    values = {
        "issuer": "金湖县效能中心", "doc_number": "金效督〔2026〕3号",
        "title": "关于督促办理道路积水问题的督办单", "recipient": "县交通运输局",
        "body": ["你单位承办的督办事项已逾期6个工作日。", "请于3个工作日内办结并报送办理结果。"],
        "signature": "金湖县效能中心", "date": datetime.date(2026, 11, 23),
        "cc": "县纪委监委", "kind": "supervision_order",
    }
    values.update(changes)
    return OfficialDocument(**values)


def make_matter(title: str = "道路积水", unit=None):
    from xiaoneng.matters.models import Matter, MatterKind

    kind, _ = MatterKind.objects.get_or_create(code="doc-test", defaults={"name": "测试", "time_limit": 5})
    matter = Matter.objects.create(kind=kind, title=title, received_at=_now())
    if unit is not None:
        matter.unit = unit
        matter.save()
    return matter


def _now():
    from django.utils import timezone

    return timezone.now()
