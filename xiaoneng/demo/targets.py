"""The demo's service targets: listed enterprises, ¥100M-plus projects, sole traders and households."""

from __future__ import annotations

import random
from decimal import Decimal

from xiaoneng.demo import names
from xiaoneng.demo.county import TOWNS
from xiaoneng.org.models import EnterpriseSize, Target, TargetKind, Zone
from xiaoneng.org.uscc import ALPHABET, check_character

REGION_CODE = "320831"  # 江苏省淮安市金湖县
LISTED_ENTERPRISES = 175  # 列统企业; with the ¥100M projects, the "190多家" paired with unit leaders
OTHER_ENTERPRISES = 40  # small and micro firms that section chiefs pair with
PROJECTS = 20
SOLE_TRADERS = 60
HOUSEHOLDS = 40
MICROLOAN_COMPANIES = ["金湖县恒通农村小额贷款有限公司", "金湖县荷都农村小额贷款有限公司",
                       "金湖县尧帝科技小额贷款有限公司"]

# (industry, business words in the firm's name, industrial?)
INDUSTRIES = [
    ("石油机械", ("石油机械", "石化设备", "钻采设备"), True),
    ("仪器仪表", ("仪表", "流量计", "自动化仪表"), True),
    ("机械制造", ("机械", "机械制造", "精密机械"), True),
    ("新能源", ("新能源科技", "光伏科技"), True),
    ("新材料", ("新材料", "化工"), True),
    ("食品加工", ("食品", "水产食品", "米业"), True),
    ("纺织服装", ("纺织", "服饰"), True),
    ("电子电气", ("电子科技", "电气"), True),
    ("建材", ("建材", "混凝土"), True),
    ("商贸", ("商贸",), False),
    ("物流", ("物流",), False),
    ("建筑", ("建设工程",), False),
    ("农业", ("农业科技", "生态农业"), False),
    ("旅游", ("旅游开发",), False),
]
PROJECT_PRODUCTS = [
    ("石油钻采设备", "台套"), ("智能流量计", "台"), ("光伏组件", "兆瓦"), ("高端阀门", "台"),
    ("新型建材", "立方米"), ("水产品精深加工", "吨"), ("特种纤维", "吨"), ("锂电池储能系统", "套"),
    ("农机装备", "台"), ("食品级包装材料", "吨"),
]
SIZES = [EnterpriseSize.LARGE, EnterpriseSize.MEDIUM, EnterpriseSize.SMALL, EnterpriseSize.MICRO]
# Enterprises in the development zone are in the county seat's towns.
ZONE_TOWNS = {Zone.DEVELOPMENT_ZONE: ("黎城", "金北"), Zone.INDUSTRIAL_PARK: tuple(t for _c, t in TOWNS)}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(first8: str) -> str:
    """GB 11714 check character of an organisation code's first eight characters."""
    total = sum(int(char, 36) * weight for char, weight in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(rng: random.Random, category: str, seen: set[str]) -> str:
    """A valid, unused 统一社会信用代码 registered in Jinhu ("91": company, "92": sole trader)."""
    while True:
        if category == "92":
            body = "MA" + "".join(rng.choice(ALPHABET[:18]) for _ in range(6))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        first17 = category + REGION_CODE + body + org_code_check(body)
        code = first17 + check_character(first17)
        if code not in seen:
            seen.add(code)
            return code


def _unique(rng: random.Random, seen: set[str], make) -> str:
    while True:
        name = make()
        if name not in seen:
            seen.add(name)
            return name


def _enterprise(rng: random.Random, seen_names: set[str], seen_codes: set[str], listed: bool) -> Target:
    if listed:
        # Most listed firms are industrial (77% of those at the bank-enterprise signing were).
        industrial_first = rng.random() < 0.8
        industry, words, industrial = rng.choice([i for i in INDUSTRIES if i[2] == industrial_first])
    else:
        industry, words, industrial = rng.choice(INDUSTRIES[6:])
    prefix = rng.choice(("金湖县", "金湖县", "江苏", "淮安"))
    name = _unique(rng, seen_names, lambda: f"{prefix}{names.trade_name(rng)}{rng.choice(words)}有限公司")
    if listed:
        size = rng.choices(SIZES, weights=(8, 22, 50, 20))[0]
        above_scale = size != EnterpriseSize.MICRO and rng.random() < 0.55
    else:
        size = rng.choices(SIZES[2:], weights=(40, 60))[0]
        above_scale = False
    zone = Zone.NONE
    if industrial:
        zone = rng.choices((Zone.DEVELOPMENT_ZONE, Zone.INDUSTRIAL_PARK, Zone.NONE), weights=(65, 30, 5))[0]
    town = rng.choice(ZONE_TOWNS[zone]) if zone else rng.choice(TOWNS)[1]
    return Target(
        kind=TargetKind.ENTERPRISE, name=name, uscc=make_uscc(rng, "91", seen_codes), town=town,
        address=f"金湖县{town}{rng.choice(names.VILLAGES)}路{rng.randint(1, 299)}号",
        contact=names.person_name(rng), phone=names.mobile_phone(rng), industry=industry, size=size,
        is_industrial=industrial, is_above_scale=above_scale, zone=zone, is_key=listed,
    )


def _project(rng: random.Random, seen_names: set[str]) -> Target:
    product, measure = rng.choice(PROJECT_PRODUCTS)
    amount = rng.choice((5, 10, 20, 30, 50, 100))
    name = _unique(rng, seen_names, lambda: f"{names.trade_name(rng)}年产{amount}万{measure}{product}项目")
    zone = rng.choices((Zone.DEVELOPMENT_ZONE, Zone.INDUSTRIAL_PARK), weights=(70, 30))[0]
    return Target(
        kind=TargetKind.PROJECT, name=name, town=rng.choice(ZONE_TOWNS[zone]), zone=zone,
        contact=names.person_name(rng), phone=names.mobile_phone(rng), industry=product,
        is_industrial=True, is_key=True,
        # ¥100M to ¥2bn, in steps of ¥10M.
        investment=Decimal(rng.randint(10, 200)) * Decimal(10_000_000),
    )


def _sole_trader(rng: random.Random, seen_names: set[str], seen_codes: set[str]) -> Target:
    town = rng.choice(TOWNS)[1]
    shop, industry = rng.choice(names.SHOPS)
    owner = names.person_name(rng)
    name = _unique(rng, seen_names, lambda: f"金湖县{town}{owner}{shop}")
    return Target(
        kind=TargetKind.SOLE_TRADER, name=name, uscc=make_uscc(rng, "92", seen_codes), town=town,
        contact=owner, phone=names.mobile_phone(rng), industry=industry, size=EnterpriseSize.MICRO,
    )


def _household(rng: random.Random, seen_names: set[str]) -> Target:
    town = rng.choice(TOWNS)[1]
    village = rng.choice(names.VILLAGES)
    head = names.person_name(rng)
    return Target(
        kind=TargetKind.HOUSEHOLD, name=_unique(rng, seen_names, lambda: f"{head}户（{town}{village}村）"),
        town=town, address=f"金湖县{town}{village}村{rng.randint(1, 12)}组", contact=head,
        phone=names.mobile_phone(rng),
    )


def demo_targets(rng: random.Random) -> list[Target]:
    """Unsaved targets, in a fixed order for a given random state."""
    seen_names: set[str] = set()
    seen_codes: set[str] = set()
    targets = [_enterprise(rng, seen_names, seen_codes, listed=True) for _ in range(LISTED_ENTERPRISES)]
    targets += [_enterprise(rng, seen_names, seen_codes, listed=False) for _ in range(OTHER_ENTERPRISES)]
    for name in MICROLOAN_COMPANIES:
        seen_names.add(name)
        targets.append(Target(kind=TargetKind.ENTERPRISE, name=name, uscc=make_uscc(rng, "91", seen_codes),
                              town="黎城", industry="小额贷款", size=EnterpriseSize.SMALL))
    targets += [_project(rng, seen_names) for _ in range(PROJECTS)]
    targets += [_sole_trader(rng, seen_names, seen_codes) for _ in range(SOLE_TRADERS)]
    targets += [_household(rng, seen_names) for _ in range(HOUSEHOLDS)]
    return targets
