"""Default channels per event kind; the admin edits them afterwards."""

from django.db import migrations

DEFAULTS = {
    # kind: (email, sms, wechat)
    "matter.assigned": (True, False, True),
    "matter.warning": (True, False, False),
    "matter.overdue": (True, True, True),
    "matter.urged": (True, True, True),
    "matter.supervision_order": (True, True, True),
    "matter.extension_decided": (True, False, False),
    "finding.handed_over": (True, False, True),
}


def add_defaults(apps, schema_editor):
    ChannelRule = apps.get_model("notifications", "ChannelRule")
    for kind, (email, sms, wechat) in DEFAULTS.items():
        ChannelRule.objects.get_or_create(kind=kind, defaults={"email": email, "sms": sms, "wechat": wechat})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
