from django.db import migrations


def create_revision_row(apps, schema_editor):
    CalendarRevision = apps.get_model("calendar", "CalendarRevision")
    CalendarRevision.objects.get_or_create(pk=1)


class Migration(migrations.Migration):

    dependencies = [
        ("calendar", "0002_days_and_revision"),
    ]

    operations = [
        migrations.RunPython(create_revision_row, migrations.RunPython.noop),
    ]
