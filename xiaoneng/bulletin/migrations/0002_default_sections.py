from django.db import migrations

SECTIONS = [("center", "中心动态", "center", 10), ("department", "部门动态", "department", 20),
            ("elsewhere", "他山之石", "reprint", 30)]


def add_sections(apps, schema_editor):
    Section = apps.get_model("bulletin", "Section")
    for code, name, kind, order in SECTIONS:
        Section.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "order": order})


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0001_initial")]
    operations = [migrations.RunPython(add_sections, migrations.RunPython.noop)]
