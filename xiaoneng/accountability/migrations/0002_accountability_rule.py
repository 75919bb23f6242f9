from decimal import Decimal

from django.db import migrations


def add_rule(apps, schema_editor):
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    ScoreRule.objects.get_or_create(code="accountability", defaults={
        "name": "被问责", "kind": "deduction", "default_points": Decimal("-1.00"),
        "description": "工作人员被问责时，按单位规定的量化分值扣减个人年度考核分。",
        "basis": "各单位奖惩问责规定所列事项和量化情形",
    })


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_initial"), ("scoring", "0003_rule_caps_and_reversals")]
    operations = [migrations.RunPython(add_rule, migrations.RunPython.noop)]
