"""The matter kind a broken commitment opens for its unit (有诺不践, 10 working days)."""

from django.db import migrations


def add_kind(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    MatterKind.objects.get_or_create(code="commitment_breach", defaults={
        "name": "有诺不践", "time_limit": 10, "yellow_days_before": 2, "urge_after": 1,
        "supervise_after": 3, "refer_after": 5, "reply_needs_head_approval": True,
    })


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial"), ("matters", "0002_default_kinds"),
                    ("scoring", "0002_default_rules")]
    operations = [migrations.RunPython(add_kind, migrations.RunPython.noop)]
