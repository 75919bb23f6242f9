"""The shipped procedures: the general administrative-penalty procedure and the routine inspection."""

from django.db import migrations

# code, name, description, steps: (order, name, evidence, limit, differs_from, permission, is_decision)
SHIPPED = [
    ("admin-penalty", "一般行政处罚程序", "立案→调查→审核→告知→送达", [
        (1, "立案", ["decision"], None, None, "", False),
        (2, "调查", ["onsite_record", "photo_or_video", "signature"], 20, None, "", False),
        (3, "审核", ["decision"], 10, 2, "procedures.review_step", True),
        (4, "告知", ["signature"], 5, None, "", False),
        (5, "送达", ["service_receipt"], 7, None, "", False),
    ]),
    ("routine-inspection", "日常检查程序",
     "检查有方案、现场有笔录、发现问题有处理意见、处理事项有结果、检查笔录有签字", [
         (1, "检查方案", ["plan"], None, None, "", False),
         (2, "现场检查笔录", ["onsite_record", "photo_or_video"], 5, None, "", False),
         (3, "处理意见", ["decision"], 3, None, "", False),
         (4, "处理结果", ["other"], 15, None, "", False),
         (5, "检查笔录签字", ["signature"], 2, None, "", False),
     ]),
]


def ship(apps, schema_editor):
    Template = apps.get_model("procedures", "ProcedureTemplate")
    Step = apps.get_model("procedures", "StepTemplate")
    for code, name, description, steps in SHIPPED:
        template, _created = Template.objects.update_or_create(
            code=code, defaults={"name": name, "description": description})
        for order, step_name, evidence, limit, differs, permission, decision in steps:
            Step.objects.update_or_create(template=template, order=order, defaults={
                "name": step_name, "evidence_kinds": evidence, "time_limit_workdays": limit,
                "differs_from_order": differs, "permission": permission, "is_penalty_decision": decision,
            })


def unship(apps, schema_editor):
    apps.get_model("procedures", "ProcedureTemplate").objects.filter(
        code__in=[s[0] for s in SHIPPED], cases__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
