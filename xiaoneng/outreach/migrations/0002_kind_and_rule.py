"""The matter kind of problems found on visits and the ledger rule for unmet visit quotas."""

from decimal import Decimal

from django.db import migrations


def add(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    MatterKind.objects.get_or_create(code="outreach_problem", defaults={
        "name": "走访发现问题", "time_limit": 10, "yellow_days_before": 2, "yellow_share": None,
        "urge_after": 1, "supervise_after": 3, "refer_after": 5})
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    ScoreRule.objects.get_or_create(code="outreach_shortfall", defaults={
        "name": "三百工程走访未达标", "kind": "deduction", "default_points": Decimal("-0.50"),
        "description": "结对干部在一个考核周期内上门走访次数未达到规定次数。",
        "basis": "“三百工程提升行动”纳入年度软环境和效能建设工作考核", "is_active": True})


def remove(apps, schema_editor):
    apps.get_model("matters", "MatterKind").objects.filter(code="outreach_problem", matters=None).delete()
    apps.get_model("scoring", "ScoreRule").objects.filter(code="outreach_shortfall", proposals=None).delete()


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial"), ("matters", "0002_default_kinds"),
                    ("scoring", "0002_default_rules")]
    operations = [migrations.RunPython(add, remove)]
