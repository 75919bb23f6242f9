"""Default matter kinds from Chinese practice (DESIGN §6); the admin edits them as reference data."""

from django.db import migrations

KINDS = [
    # code, name, time limit (working days), yellow days before, yellow share %
    ("enquiry", "咨询", 3, 1, None),
    ("complaint", "投诉", 13, 2, None),
    ("report", "举报", 13, 2, None),
    ("finding", "督查问题线索", 10, 2, None),
    ("enterprise", "企业问题", 10, 2, None),
    ("rectification", "差评整改", 15, None, 90),
]


def add_kinds(apps, schema_editor):
    MatterKind = apps.get_model("matters", "MatterKind")
    for code, name, limit, before, share in KINDS:
        MatterKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "time_limit": limit, "yellow_days_before": before, "yellow_share": share,
                      "urge_after": 1, "supervise_after": 3, "refer_after": 5},
        )


class Migration(migrations.Migration):
    dependencies = [("matters", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
