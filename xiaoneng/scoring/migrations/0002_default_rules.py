"""The default score rules of DESIGN.md §3; the center admin edits points and wording later."""

from decimal import Decimal

from django.db import migrations

PLEDGE = (
    "县效能中心《关于组织开展“改进作风、优化服务”集中公开承诺活动的通知》：各部门单位承诺、践诺情况，"
    "县效能中心将跟踪督查，发现有诺不践或被投诉查实，一律公开通报，追究责任，并在软环境和效能建设年终考核中扣分。"
)
OUTREACH = (
    "“三百工程提升行动”纳入年度软环境和效能建设工作考核，行动实绩分季度竞赛、亮晒，"
    "年底集中评选“十佳举措”、“十件实事”计算附加分。"
)
ACHIEVEMENTS = "淮软建办〔2013〕2号《关于做好报送服务实绩工作的通知》：开展服务实绩竞赛活动，典型实绩报市参评“十件实事”。"
SNAIL = "“蜗牛奖”作为负向激励，每季度认定公布一次，也可以随时认定和公布；对获得者予以绩效扣分。"

RULES = [
    ("complaint_verified", "投诉查实", "deduction", "-1.00",
     "群众投诉举报经核实查实（含部分查实）的，每件扣分。", PLEDGE),
    ("commitment_breached", "有诺不践", "deduction", "-2.00",
     "公开承诺事项经督查发现未兑现的，每项扣分。", PLEDGE),
    ("matter_overdue", "督办事项超期", "deduction", "-0.50",
     "交办、督办事项超过办理时限未办结的，每件扣分。", ""),
    ("snail_award", "蜗牛奖", "deduction", "-3.00",
     "被认定“蜗牛奖”的，每个事项扣分，并跟踪整改。", SNAIL),
    ("critical_notice", "通报批评", "deduction", "-2.00",
     "因作风效能问题被公开通报批评的，每次扣分。", PLEDGE),
    ("achievement_selected", "服务实绩入选典型", "bonus", "1.00",
     "申报的服务实绩经核实筛选确定为典型实绩的，每件加分。", ACHIEVEMENTS),
    ("top_ten_measures", "十佳举措", "bonus", "3.00",
     "年底评选为“十佳举措”的，计算附加分。", OUTREACH),
    ("ten_practical_things", "十件实事", "bonus", "3.00",
     "年底评选为“十件实事”的，计算附加分。", OUTREACH),
    ("competition", "竞赛评比获奖", "bonus", "1.00",
     "在季度竞赛、亮晒等评比活动中获奖的，加分。", OUTREACH),
]


def create_rules(apps, schema_editor):
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    for code, name, kind, points, description, basis in RULES:
        ScoreRule.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "default_points": Decimal(points),
            "description": description, "basis": basis, "is_active": True,
        })


def remove_untouched_rules(apps, schema_editor):
    ScoreRule = apps.get_model("scoring", "ScoreRule")
    ScoreRule.objects.filter(code__in=[r[0] for r in RULES], proposals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_initial")]
    operations = [migrations.RunPython(create_rules, remove_untouched_rules)]
