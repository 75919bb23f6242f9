"""The Snail Award's matter kind (its rectification) and the person-level rule
"扣除相关人员的年度绩效考核奖励" (the unit-level snail_award rule ships with scoring)."""

from django.db import migrations


def ship(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    MatterKind.objects.get_or_create(code="snail_rectification", defaults={
        "name": "蜗牛奖整改", "time_limit": 15, "yellow_days_before": None, "yellow_share": 80,
        "urge_after": 1, "supervise_after": 3, "refer_after": 5,
    })
    ScoreRule.objects.get_or_create(code="snail_award_person", defaults={
        "name": "蜗牛奖相关人员扣除年度绩效考核奖励", "kind": "deduction", "default_points": "-1.00",
        "description": "对“蜗牛奖”获得者的相关责任人员扣除年度绩效考核奖励。",
        "basis": "泰州市“蜗牛奖”认定办法：对“蜗牛奖”获得者予以绩效扣分，并扣除相关人员的年度绩效考核奖励。",
    })


def unship(apps, schema_editor):
    apps.get_model("matters", "MatterKind").objects.filter(code="snail_rectification", matters=None).delete()
    apps.get_model("scoring", "ScoreRule").objects.filter(code="snail_award_person", entries=None,
                                                          proposals=None).delete()


class Migration(migrations.Migration):
    dependencies = [("snail", "0001_initial"), ("matters", "0002_default_kinds"),
                    ("scoring", "0002_default_rules")]
    operations = [migrations.RunPython(ship, unship)]
