"""Invented complaint texts for the demo county, the tests and the benchmark.

Written so that a model does NOT look good for free: a text never names the unit; it is put
together from an opening, a place, a subject (what it is about), a conduct problem (the
category) and a closing, each drawn from varied lists; 15 % of texts have no subject at all
(only conduct: 窗口工作人员态度差, which no text model can place), and 10 % name the subject
of another unit (reporters often blame the wrong office, and subjects overlap: 不动产登记 is at
the approval bureau's window and at natural resources).
"""

from __future__ import annotations

import random

# What a unit's complaints are about, by unit code (units of the demo county).
SUBJECTS: dict[str, list[str]] = {
    "jtj": ["村道修补", "公交班次", "出租车拒载", "货车超载检查", "道路运输证年审", "驾培学校退费",
            "客运站售票", "农村公路养护", "桥梁限高杆"],
    "rsj": ["社保卡补办", "养老保险转移", "失业金申领", "工伤认定", "农民工工资拖欠", "职称评审",
            "人才公寓申请", "劳动合同备案"],
    "nsh": ["小额贷款审批", "存折挂失", "银行卡年费", "惠农贷款放款", "柜台排队", "贷款利率",
            "网点撤并", "转账限额"],
    "xzfw-hbj": ["环评审批", "排污许可证", "窗口预约", "营业执照办理", "材料一次告知",
                 "网上预审", "办件进度查询"],
    "zrzy": ["不动产登记", "宅基地审批", "土地证换发", "规划许可", "测绘成果"],
    "zjj": ["物业维修资金", "商品房备案", "施工噪音", "建筑工地扬尘", "保障房分配"],
    "cgj": ["占道经营", "路灯不亮", "垃圾清运", "违章搭建", "停车收费"],
    "scjgj": ["食品安全抽检", "价格欺诈", "个体户登记", "计量器具检定", "虚假广告"],
    "ybj": ["医保报销", "异地就医备案", "门诊慢特病", "医保卡冻结"],
    "gaj": ["户口迁移", "身份证补办", "居住证办理", "交通违法处理"],
}
CONFUSED = {"zrzy": ["不动产登记"], "xzfw-hbj": ["不动产登记", "营业执照办理"], "ybj": ["社保卡补办"],
            "rsj": ["医保报销"], "scjgj": ["营业执照办理"]}

PROBLEMS: dict[str, list[str]] = {
    "inaction": ["反映多次无人处理", "一直说不归他们管", "打电话过去没人接，事情没人管", "推来推去没有结果",
                 "提交申请后再无下文"],
    "slow": ["拖了一个多月还没办好", "承诺时限早过了仍未办结", "跑了五趟还没有办成",
             "说要领导签字，一等就是两周", "进度一直卡着不动"],
    "misconduct": ["工作人员要求提供规定以外的证明", "执法时不出示证件", "处罚没有依据", "随意扣押证件",
                   "检查时粗暴执法"],
    "extortion": ["被暗示要请客送礼才能办", "经办人索要好处费", "验收时吃拿卡要", "不给“意思”就拖着不办"],
    "fees": ["收了没有公示的费用", "被要求买指定的资料", "重复收费", "收费不开票据"],
    "attitude": ["工作人员态度很差", "说话难听还不耐烦", "对群众爱理不理", "窗口人员玩手机不理人",
                 "电话里直接挂断"],
    "discipline": ["上班时间窗口没人", "工作人员迟到早退", "午休提前关门", "上班时间聊天办私事"],
    "other": ["办事指南和实际要求不一样", "网上系统老是出故障", "宣传不到位不知道去哪办",
              "希望增加服务网点"],
}
PLACES = ["", "", "黎城镇", "金南镇", "戴楼街道", "银涂镇", "塔集镇", "前锋镇", "吕良镇", "金北街道",
          "城南社区", "建设村", "卫东村"]
OPENINGS = ["", "", "本人反映：", "来电人称，", "网友留言：", "我上个月", "群众来信反映，", "市民投诉：",
            "我家老人", "我们公司"]
CLOSINGS = ["", "", "请尽快处理。", "希望有关部门重视。", "要求给个说法。", "请领导过问一下。",
            "已经不是第一次了。", "请核实。"]

NO_SUBJECT = 0.15
OTHER_SUBJECT = 0.10
MISFILED = 0.20


def subject_for(rng: random.Random, unit: str, subjects: dict[str, list[str]] | None = None) -> str:
    subjects = subjects or SUBJECTS
    roll = rng.random()
    if roll < NO_SUBJECT:
        return ""
    if roll < NO_SUBJECT + OTHER_SUBJECT:
        pool = CONFUSED.get(unit) or subjects[rng.choice(list(subjects))]
        return rng.choice(pool)
    return rng.choice(subjects[unit])


def compose(rng: random.Random, subject: str, category: str, place: str | None = None) -> str:
    """One complaint text about `subject` ("" for none) with a problem of `category`."""
    place = rng.choice(PLACES) if place is None else place
    about = f"在{place}办理{subject}，" if subject and place else (f"办理{subject}，" if subject else "")
    if subject and rng.random() < 0.4:
        about = f"关于{place}{subject}的问题，"
    text = f"{rng.choice(OPENINGS)}{about}{rng.choice(PROBLEMS[category])}，{rng.choice(CLOSINGS)}"
    return text.rstrip("，")


def text_for(rng: random.Random, unit: str, category: str,
             subjects: dict[str, list[str]] | None = None) -> str:
    """A text for a complaint `unit` handled and staff filed under `category`; a fifth describe
    a problem of another category (staff and reporters classify the same story differently)."""
    described = category if rng.random() >= MISFILED else rng.choice(list(PROBLEMS))
    return compose(rng, subject_for(rng, unit, subjects), described)


def synthetic_subjects(units: int, rng: random.Random) -> dict[str, list[str]]:
    """Invented subjects for `units` synthetic units (benchmark): two- to four-character words
    from a common pool, so units share characters as real ones do."""
    pool = "办证审批登记补贴养老医疗住房道路公交学校收费执法检查许可备案维修工程环境卫生水电气网络农业"
    return {f"u{i:03d}": ["".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(6)]
            for i in range(units)}
