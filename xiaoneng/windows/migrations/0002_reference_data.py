"""The rectification matter kind for bad window ratings and the windows' score rules."""

from decimal import Decimal

from django.db import migrations

HR_BASIS = ("县人社局：制定窗口服务规范和考评细则，定期不定期开展内部监督检查，"
            "认真评选季度服务之星，严格问责考核较差人员。")
RULES = [
    ("window_admonition", "窗口连续两月排名末位", "deduction", "-1.00",
     "窗口月度考评连续两个月排名末两位的，约谈诫勉并扣分。", HR_BASIS),
    ("window_poor_performance", "窗口人员考核较差", "deduction", "-0.50",
     "季度窗口服务考评排名末位的工作人员，问责并扣分。", HR_BASIS),
]


def add(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    MatterKind.objects.get_or_create(code="window_rectification", defaults={
        "name": "窗口差评整改", "time_limit": 15, "yellow_days_before": None, "yellow_share": 90,
        "urge_after": 1, "supervise_after": 3, "refer_after": 5})
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    for code, name, kind, points, description, basis in RULES:
        ScoreRule.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "default_points": Decimal(points),
            "description": description, "basis": basis, "is_active": True})


class Migration(migrations.Migration):
    dependencies = [
        ("windows", "0001_initial"),
        ("matters", "0002_default_kinds"),
        ("scoring", "0002_default_rules"),
    ]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
