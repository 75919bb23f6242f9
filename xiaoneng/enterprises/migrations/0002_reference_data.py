"""Problem types, warning rules, a watched indicator and the matter kind of meeting decisions."""

from decimal import Decimal

from django.db import migrations

TYPES = [("electricity_subsidy", "电能补助", 1), ("funding_shortage", "资金短缺", 2),
         ("land_registration", "厂房土地登记", 3), ("approval", "项目审批", 4), ("labour", "用工招工", 5),
         ("other", "其他", 9)]
RULES = [("open_30_days", "问题超过30天未解决", "open_too_long", 30, 1),
         ("repeated_3_in_90", "同一企业90天内反映3个以上问题", "repeated", 90, 3),
         ("indicator_threshold", "监测指标越过预警线", "indicator", 0, 1)]


def add(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    MatterKind.objects.get_or_create(code="meeting_decision", defaults={
        "name": "会办会议定事项", "time_limit": 10, "yellow_days_before": 2, "yellow_share": None,
        "urge_after": 1, "supervise_after": 3, "refer_after": 5})
    ProblemType = apps.get_model("enterprises", "ProblemType")
    for code, name, order in TYPES:
        ProblemType.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    WarningRule = apps.get_model("enterprises", "WarningRule")
    for code, name, kind, days, count in RULES:
        WarningRule.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "days": days,
                                                               "count": count})
    Indicator = apps.get_model("enterprises", "Indicator")
    Indicator.objects.get_or_create(code="power_use", defaults={
        "name": "月用电量", "measure": "万千瓦时", "direction": "below", "threshold": Decimal("10")})


def remove(apps, schema_editor):
    apps.get_model("matters", "MatterKind").objects.filter(code="meeting_decision", matters=None).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial"), ("matters", "0002_default_kinds")]
    operations = [migrations.RunPython(add, remove)]
