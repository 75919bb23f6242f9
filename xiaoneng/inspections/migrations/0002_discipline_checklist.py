"""Ship the discipline checklist the newsletters describe (上下班纪律, 随机抽查办公电脑上网记录)."""

from django.db import migrations

ITEMS = [
    "上班按时到岗，无迟到早退",
    "工作时间在岗在位，无串岗脱岗",
    "窗口人员佩戴工作牌、公示岗位信息",
    "工作时间无玩游戏、炒股、看视频、网购等与工作无关的上网行为（抽查办公电脑上网记录）",
    "工作时间无饮酒、打牌等违反工作纪律行为",
]


def ship(apps, schema_editor):
    Checklist = apps.get_model("inspections", "Checklist")
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    checklist, created = Checklist.objects.get_or_create(
        code="discipline", defaults={"name": "上下班纪律 / 办公电脑上网记录",
                                     "description": "工作纪律明察暗访：上下班纪律及随机抽查办公电脑上网记录。"},
    )
    if created:
        for order, text in enumerate(ITEMS, start=1):
            ChecklistItem.objects.create(checklist=checklist, text=text, order=order)


def unship(apps, schema_editor):
    apps.get_model("inspections", "Checklist").objects.filter(code="discipline", campaigns=None).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
