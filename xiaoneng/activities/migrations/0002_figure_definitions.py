"""The figures the newsletter reports of a bank–enterprise signing and of training courses.

"其中开发区和工业集中区企业占比72 %" follows "工业企业占比77.4 %": we read "其中" as "of those", so
its denominator is the industrial enterprises (see docs/activities.md).
"""

from decimal import Decimal

from django.db import migrations

ENT = {"role": "enterprise"}
SIGNING = [
    # code, name, measure, field, subset, denominator, denominator name, scale, decimals
    ("enterprises", "签约企业", "count", "", {}, ENT, "", 1, 0),
    ("banks", "银行", "count", "", {}, {"role": "bank"}, "", 1, 0),
    ("microloans", "小贷公司", "count", "", {}, {"role": "microloan"}, "", 1, 0),
    ("total_amount", "签约额（亿元）", "sum", "amount", {}, ENT, "", 100000000, 1),
    ("first_small_share", "第一次参加签约的小微企业占比", "share_count", "",
     {"is_first_time": True, "size__in": ["small", "micro"]}, ENT, "签约企业", 1, 0),
    ("up_to_5m_share", "500万元(含)以下的签约企业占比", "share_count", "", {"amount__lte": "5000000"}, ENT,
     "签约企业", 1, 1),
    ("industrial_share", "工业企业占比", "share_count", "", {"is_industrial": True}, ENT, "签约企业", 1, 1),
    ("zone_share", "其中开发区和工业集中区企业占比", "share_count", "",
     {"zone__in": ["development_zone", "industrial_park"]}, {**ENT, "is_industrial": True}, "工业企业", 1, 0),
    ("above_scale_share", "规模以上企业占比", "share_count", "", {"is_above_scale": True}, ENT, "签约企业", 1, 1),
    ("above_scale_amount_share", "规模以上企业签约额占比", "share_sum", "amount", {"is_above_scale": True}, ENT,
     "签约企业签约额", 1, 0),
]
TRAINING = [
    ("trainees", "参训人员（人次）", "sum", "headcount", {}, {"role": "trainee"}, "", 1, 0),
]


def add(apps, schema_editor):
    FigureDefinition = apps.get_model("activities", "FigureDefinition")
    for kind, rows in (("signing", SIGNING), ("training", TRAINING)):
        for order, (code, name, measure, field, subset, denominator, dname, scale, decimals) in enumerate(rows):
            FigureDefinition.objects.get_or_create(kind=kind, code=code, defaults={
                "name": name, "order": order, "measure": measure, "field": field, "subset": subset,
                "denominator": denominator, "denominator_name": dname, "scale": Decimal(scale),
                "decimals": decimals, "compare_previous_year": code == "total_amount"})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
