"""金湖县 as the demo knows it: the organisation tree from 2013 (the seed newsletters) to today.

Everything here is plain data; `unit_specs()` turns it into one flat, parent-first list.
The 53 key units of 2013 are those of the newsletters' commitment campaign; the reforms of
2015 (market supervision), 2018 (tax) and 2019 (county institutions) end some of them with a
successor, and the bodies created since bring the count back to 53 today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from xiaoneng.org.models import UnitKind

D = datetime.date
COUNTY = "county"
CENTER = "xnzx"
CAMPAIGN_DAY = D(2013, 3, 21)  # the day the 53 key units made their commitments on television
KEY_UNIT_COUNT = 53


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    is_key: bool = False
    valid_from: datetime.date = D(2000, 1, 1)
    valid_to: datetime.date | None = None
    successor: str | None = None
    sort_order: int = 0


# The key units of 2013 (code, full name, short name), in the county's usual order.
KEY_UNITS_2013 = [
    ("fgw", "县发展和改革委员会", "发改委"), ("jxw", "县经济和信息化委员会", "经信委"),
    ("jyj", "县教育局", "教育局"), ("kjj", "县科学技术局", "科技局"), ("gaj", "县公安局", "公安局"),
    ("mzj", "县民政局", "民政局"), ("sfj", "县司法局", "司法局"), ("czj", "县财政局", "财政局"),
    ("rsj", "县人力资源和社会保障局", "人社局"), ("gtj", "县国土资源局", "国土局"),
    ("ghj", "县规划局", "规划局"), ("hbj", "县环境保护局", "环保局"),
    ("zjj", "县住房和城乡建设局", "住建局"), ("cgj", "县城市管理局", "城管局"),
    ("jtj", "县交通运输局", "交通局"), ("slj", "县水利局", "水利局"), ("nw", "县农业委员会", "农委"),
    ("swj", "县商务局", "商务局"), ("wgxj", "县文化广电新闻出版局", "文广新局"),
    ("wsj", "县卫生局", "卫生局"), ("jsj", "县人口和计划生育局", "人口计生局"),
    ("ajj", "县安全生产监督管理局", "安监局"), ("tjj", "县统计局", "统计局"), ("sjj", "县审计局", "审计局"),
    ("yjj", "县食品药品监督管理局", "药监局"), ("gsj", "县工商行政管理局", "工商局"),
    ("zlj", "县质量技术监督局", "质监局"), ("gs", "县国家税务局", "国税局"), ("ds", "县地方税务局", "地税局"),
    ("lsj", "县粮食局", "粮食局"), ("wjj", "县物价局", "物价局"),
    ("gjj", "县住房公积金管理中心", "公积金中心"), ("xzfw", "县行政服务中心", "行政服务中心"),
    ("ggzy", "县公共资源交易中心", "公共资源交易中心"), ("kfq", "金湖经济开发区管理委员会", "开发区管委会"),
    ("fy", "县人民法院", "法院"), ("jcy", "县人民检察院", "检察院"), ("xf", "县消防大队", "消防大队"),
    ("qxj", "县气象局", "气象局"), ("yc", "县烟草专卖局", "烟草局"), ("rf", "县人民防空办公室", "人防办"),
    ("gd", "国网金湖县供电公司", "供电公司"), ("swgs", "县水务有限公司", "水务公司"),
    ("yz", "金湖县邮政局", "邮政局"), ("dx", "中国电信金湖分公司", "金湖电信"),
    ("yd", "中国移动金湖分公司", "金湖移动"), ("gdwl", "江苏有线金湖分公司", "广电网络"),
    ("rh", "中国人民银行金湖县支行", "人行金湖县支行"), ("nsh", "江苏金湖农村商业银行", "金湖农商行"),
    ("gh", "中国工商银行金湖支行", "工行金湖支行"), ("nh", "中国农业银行金湖支行", "农行金湖支行"),
    ("zh", "中国银行金湖支行", "中行金湖支行"), ("jh", "中国建设银行金湖支行", "建行金湖支行"),
]

# Key units created by reforms or since (code, full name, short name, first day).
KEY_UNITS_LATER = [
    ("wjjw", "县卫生和计划生育委员会", "卫计委", D(2015, 1, 1)),
    ("scjgj", "县市场监督管理局", "市场监管局", D(2015, 7, 1)),
    ("sw", "国家税务总局金湖县税务局", "税务局", D(2018, 7, 20)),
    ("gxj", "县工业和信息化局", "工信局", D(2019, 3, 1)),
    ("zrzy", "县自然资源和规划局", "自然资源和规划局", D(2019, 3, 1)),
    ("sthj", "淮安市金湖生态环境局", "生态环境局", D(2019, 3, 1)),
    ("nyncj", "县农业农村局", "农业农村局", D(2019, 3, 1)),
    ("wglj", "县文化广电和旅游局", "文广旅局", D(2019, 3, 1)),
    ("wjw", "县卫生健康委员会", "卫健委", D(2019, 3, 1)),
    ("yjglj", "县应急管理局", "应急管理局", D(2019, 3, 1)),
    ("xzsp", "县行政审批局", "行政审批局", D(2019, 3, 1)),
    ("ybj", "县医疗保障局", "医保局", D(2019, 3, 1)),
    ("tyjrj", "县退役军人事务局", "退役军人事务局", D(2019, 3, 1)),
    ("jrjg", "国家金融监督管理总局金湖监管支局", "金融监管支局", D(2024, 5, 1)),
    ("sjuj", "县数据局", "数据局", D(2025, 1, 1)),
]

# Reforms: ended unit -> successor; the unit's last day is the day before the successor's first.
REFORMS = {
    "wsj": "wjjw", "jsj": "wjjw",
    "yjj": "scjgj", "gsj": "scjgj", "zlj": "scjgj",
    "gs": "sw", "ds": "sw",
    "jxw": "gxj", "gtj": "zrzy", "ghj": "zrzy", "hbj": "sthj", "nw": "nyncj", "wgxj": "wglj",
    "wjjw": "wjw", "ajj": "yjglj",
}

# Other bodies that are not key units (code, full name, short name).
OTHER_UNITS = [
    (CENTER, "县效能中心", "效能中心"),
    ("ldxz", "县软环境和效能建设领导小组", "软建领导小组"),
    ("gdt", "县广播电视台", "县广电台"),
    ("nfh", "中国农业发展银行金湖县支行", "农发行金湖支行"),
    ("ycyh", "中国邮政储蓄银行金湖县支行", "邮储银行金湖支行"),
    ("jsyh", "江苏银行金湖支行", "江苏银行金湖支行"),
    ("jtyh", "交通银行金湖支行", "交行金湖支行"),
    ("mtcz", "江苏金湖民泰村镇银行", "民泰村镇银行"),
]

# The ten lenders at the bank-enterprise signing (the microloan companies are targets).
LENDERS = ["nsh", "gh", "nh", "zh", "jh", "nfh", "ycyh", "jsyh", "jtyh", "mtcz"]

TOWNS = [
    ("lc", "黎城"), ("jn", "金南"), ("dl", "戴楼"), ("yt", "银涂"), ("tj", "塔集"), ("qf", "前锋"),
    ("ll", "吕良"), ("tg", "涂沟"), ("jb", "金北"), ("jg", "金沟"), ("cq", "陈桥"),
]

# Sections, stations and branches of each unit: "suffix:name" or "suffix:name|short name".
# The kind follows from the name's ending (see kind_of); an ended unit's children end with it
# and pass to the successor's child of the same suffix when there is one.
CHILDREN = {
    CENTER: "zhk:综合科 dck:督查科 tsk:投诉受理科 kpk:考评科",
    "fgw": "bgs:办公室 zhk:综合科 tzk:固定资产投资科 zdxm:重大项目办公室 nyk:能源科",
    "jxw": "bgs:办公室 yxk:经济运行科 jgk:技术改造科 qyfw:企业服务科 xxh:信息化科",
    "gxj": "bgs:办公室 yxk:经济运行科 jgk:技术改造科 qyfw:企业服务科 xxh:信息化科",
    "jyj": "bgs:办公室 jjk:基础教育科 rsk:人事科 zyjy:职业与成人教育科",
    "kjj": "bgs:办公室 gjk:高新技术科 nck:农村科技科",
    "gaj": "zhzx:指挥中心 zadd:治安管理大队 hzk:户政科 crj:出入境管理科 jjdd:交通警察大队 xjdd:刑事侦查大队",
    "mzj": "bgs:办公室 jzk:社会救助科 sgk:社会组织管理科 hydj:婚姻登记处",
    "sfj": "bgs:办公室 flyz:法律援助中心 gzc:公证处 tjk:人民调解科",
    "czj": "bgs:办公室 ysk:预算科 gkzf:国库支付中心 qyk:企业科 nyk:农业科 zfcg:政府采购办公室",
    "rsj": (
        "bgs:办公室 qbc:企业职工养老保险管理处|企保处 ybc:医疗保险管理处|医保处 jyc:就业管理处|就业处 "
        "zjzx:社会保险征缴中心|征缴中心 ldjc:劳动保障监察大队 rck:人才开发科"
    ),
    "gtj": "bgs:办公室 gdk:耕地保护科 djk:地籍管理科 jcdd:执法监察大队",
    "ghj": "bgs:办公室 ghk:规划管理科 xzxk:行政许可科",
    "zrzy": "bgs:办公室 gdk:耕地保护科 djk:不动产登记中心 jcdd:执法监察大队 ghk:规划管理科 xzxk:行政许可科",
    "hbj": "bgs:办公室 hpk:环境影响评价科 jcdd:环境监察大队 jcz:环境监测站",
    "sthj": "bgs:办公室 hpk:环境影响评价科 jcdd:生态环境综合行政执法大队 jcz:环境监测站",
    "zjj": (
        "bgs:办公室 jzk:建筑业管理科 aqz:建筑安全监督站 zjz:建设工程质量监督站 fck:房地产市场管理科 "
        "bzk:住房保障科"
    ),
    "cgj": "bgs:办公室 szk:市政管理科 hwc:环境卫生管理处 yhk:园林绿化管理科 zfdd:城管执法大队",
    "jtj": (
        "bgs:办公室 zcfg:政策法规科 jsk:建设管理科 ysk:运输管理科 aqk:安全监督科 "
        "zfdd:综合执法大队|交通执法大队 glz:公路管理站 hsc:地方海事处 ygs:运输管理所"
    ),
    "slj": "bgs:办公室 gck:工程管理科 szy:水资源管理科 szdd:水政监察大队",
    "nw": (
        "bgs:办公室 nyk:农业科 scj:水产科 njk:农机管理科 xmz:畜牧兽医站 ytz:渔业技术推广站 "
        "jjz:农村经营管理站"
    ),
    "nyncj": (
        "bgs:办公室 nyk:种植业科 scj:渔业渔政科 njk:农机管理科 xmz:畜牧兽医站 ytz:渔业技术推广站 "
        "jjz:农村经营管理站"
    ),
    "swj": "bgs:办公室 wmk:对外贸易科 nmk:内贸流通科 zsk:招商科",
    "wgxj": "bgs:办公室 whk:文化科 cbk:新闻出版科 zfdd:文化市场综合执法大队",
    "wglj": "bgs:办公室 whk:文化科 lyk:旅游科 zfdd:文化市场综合执法大队",
    "wsj": "bgs:办公室 yzk:医政科 jkk:疾病预防控制科 wsjd:卫生监督所",
    "jsj": "bgs:办公室 jsk:计划生育服务科",
    "wjjw": "bgs:办公室 yzk:医政科 jkk:疾病预防控制科 jsk:计划生育服务科 wsjd:卫生监督所",
    "wjw": "bgs:办公室 yzk:医政医管科 jkk:疾病预防控制科 jsk:人口家庭科 lnk:老龄健康科 wsjd:卫生监督所",
    "ajj": "bgs:办公室 jgk:安全生产监督管理科 xzsp:行政审批科 zfdd:安全生产执法大队",
    "yjglj": "bgs:办公室 jgk:安全生产监督管理科 xzsp:行政审批科 zfdd:应急管理综合行政执法大队 yjk:应急指挥科",
    "tjj": "bgs:办公室 gyk:工业统计科 zhk:综合统计科",
    "sjj": "bgs:办公室 czk:财政审计科 jzk:经济责任审计科",
    "yjj": "bgs:办公室 spk:食品安全监管科 ypk:药品医疗器械监管科 jcdd:稽查大队|县药监局稽查大队",
    "gsj": "bgs:办公室 djk:企业注册科 jjjc:经济检查大队 xbk:消费者权益保护科",
    "zlj": "bgs:办公室 jlk:计量科 tsk:特种设备安全监察科 jcdd:质监稽查大队",
    "scjgj": (
        "bgs:办公室 djk:登记注册科 spk:食品安全监管科 ypk:药品医疗器械监管科 jlk:计量科 "
        "tsk:特种设备安全监察科 xbk:消费者权益保护科 jcdd:稽查大队|市场监管稽查大队"
    ),
    "gs": "bgs:办公室 zsk:征收管理科 nsfw:纳税服务科 jcj:稽查局",
    "ds": "bgs:办公室 zsk:征收管理科 nsfw:纳税服务科 jcj:稽查局",
    "sw": "bgs:办公室 zsk:征收管理科 nsfw:纳税服务科 sbf:社会保险费科 jcj:稽查局",
    "lsj": "bgs:办公室 cck:仓储管理科 jdjc:粮食监督检查科",
    "wjj": "bgs:办公室 sfk:收费管理科 jgjc:价格监督检查所",
    "gjj": "bgs:办公室 gjk:归集管理科 dkk:贷款管理科",
    "xzfw": "bgs:办公室 glk:窗口管理科 dcs:督查室",
    "ggzy": "bgs:办公室 jsgc:建设工程交易科 zfcg:政府采购科",
    "kfq": "bgs:办公室 zsj:招商局 qyfw:企业服务局 jsj:规划建设局",
    "fy": "bgs:办公室 lat:立案庭 zxj:执行局 mst:民事审判庭",
    "jcy": "bgs:办公室 kss:控告申诉检察科 gsk:公诉科",
    "xf": "bgs:办公室 fhk:防火监督科 cqzd:城区中队",
    "qxj": "bgs:办公室 qxt:气象台 fzk:防灾减灾科",
    "yc": "bgs:办公室 zmk:专卖管理科 jcdd:专卖稽查大队 yxb:营销部",
    "rf": "bgs:办公室 gck:工程建设科",
    "gd": "bgs:办公室 yxb:营销部 ywjx:运维检修部 kfzx:客户服务中心",
    "swgs": "bgs:办公室 kfzx:客户服务中心 gws:管网所 cqsc:城区水厂",
    "yz": "bgs:办公室 scb:市场部 yyb:城区营业部",
    "dx": "bgs:综合部 kfb:客户服务部 yyt:城区营业厅",
    "yd": "bgs:综合部 kfb:客户服务部 yyt:城区营业厅",
    "gdwl": "bgs:综合部 kfb:客户服务部 yyt:营业厅",
    "rh": "bgs:办公室 hbxd:货币信贷管理股 jrwd:金融稳定股 gkg:国库股",
    "nsh": (
        "bgs:办公室 xdb:信贷管理部 fxb:风险管理部 yyb:营业部|农商行营业部 hj:淮建支行|农商行淮建支行 "
        "tj:塔集支行|农商行塔集支行 yt:银涂支行|农商行银涂支行 qf:前锋支行|农商行前锋支行 "
        "ll:吕良支行|农商行吕良支行 jg:金沟支行|农商行金沟支行"
    ),
    "gh": "bgs:综合部 gsb:公司业务部 yyb:营业部",
    "nh": "bgs:综合部 snb:三农对公业务部 yyb:营业部",
    "zh": "bgs:综合部 gsb:公司金融部 yyb:营业部",
    "jh": "bgs:综合部 gsb:公司业务部 yyb:营业部",
    "xzsp": "bgs:办公室 tzsp:投资项目审批科 zrk:市场准入科 zwfw:政务服务科",
    "ybj": "bgs:办公室 jjjg:基金监管科 dyk:待遇保障科",
    "tyjrj": "bgs:办公室 azk:移交安置科",
    "jrjg": "bgs:办公室 jgk:监管科",
    "sjuj": "bgs:办公室 sjk:数据资源科",
}

# Grandchildren: the traffic law-enforcement squads in the towns.
SQUADS = {"jtj-zfdd": [("lc", "黎城中队"), ("tj", "塔集中队"), ("yt", "银涂中队"), ("ll", "吕良中队")]}

# One station per town for these units: (unit, station name after the town name).
TOWN_STATIONS = [
    ("gaj", "派出所"), ("sfj", "司法所"), ("czj", "财政所"), ("gtj", "国土资源所"), ("zrzy", "自然资源所"),
    ("gsj", "工商所"), ("scjgj", "市场监督管理所"), ("gd", "供电所"),
]

# Windows of the administrative service centre: (code, staffing unit's short name, first day,
# successor window or None). A window ends the day before its successor begins.
WINDOWS = [
    ("xzfw-hbj", "环保窗口", None, None), ("xzfw-rsj", "人社窗口", None, None),
    ("xzfw-gsj", "工商窗口", None, "xzfw-scjgj"), ("xzfw-zlj", "质监窗口", None, "xzfw-scjgj"),
    ("xzfw-yjj", "药监窗口", None, "xzfw-scjgj"), ("xzfw-scjgj", "市场监管窗口", D(2015, 7, 1), None),
    ("xzfw-gs", "国税窗口", None, "xzfw-sw"), ("xzfw-ds", "地税窗口", None, "xzfw-sw"),
    ("xzfw-sw", "税务窗口", D(2018, 7, 20), None), ("xzfw-gaj", "公安窗口", None, None),
    ("xzfw-gtj", "国土窗口", None, "xzfw-zrzy"), ("xzfw-zrzy", "自然资源窗口", D(2019, 3, 1), None),
    ("xzfw-zjj", "住建窗口", None, None), ("xzfw-ajj", "安监窗口", None, "xzfw-yjglj"),
    ("xzfw-yjglj", "应急管理窗口", D(2019, 3, 1), None), ("xzfw-jtj", "交通窗口", None, None),
    ("xzfw-fgw", "发改窗口", None, None), ("xzfw-gjj", "公积金窗口", None, None),
    ("xzfw-gd", "供电窗口", None, None), ("xzfw-swgs", "供水窗口", None, None),
    ("xzfw-wsj", "卫生窗口", None, "xzfw-wjjw"), ("xzfw-wjjw", "卫计窗口", D(2015, 1, 1), "xzfw-wjw"),
    ("xzfw-wjw", "卫健窗口", D(2019, 3, 1), None),
]
# The social-insurance collection window of the collection centre ("五险合一" since 2013).
EXTRA_WINDOWS = [("rsj-zjzx-wxhy", "rsj-zjzx", "五险合一征缴窗口")]

_STATION_ENDINGS = ("大队", "中队", "站", "所", "台", "稽查局", "水厂")
_BRANCH_ENDINGS = ("支行", "营业部", "营业厅")


def kind_of(name: str) -> str:
    if name.endswith("窗口"):
        return UnitKind.WINDOW
    if name.endswith(_BRANCH_ENDINGS):
        return UnitKind.BRANCH
    if name.endswith(_STATION_ENDINGS):
        return UnitKind.STATION
    return UnitKind.SECTION


def _top_level() -> list[UnitSpec]:
    first_day = {code: start for code, _name, _short, start in KEY_UNITS_LATER}
    specs = [UnitSpec(COUNTY, "金湖县", "金湖县", UnitKind.COUNTY, None)]
    rows = [(code, name, short, D(2000, 1, 1)) for code, name, short in KEY_UNITS_2013] + KEY_UNITS_LATER
    for order, (code, name, short, start) in enumerate(rows):
        successor = REFORMS.get(code)
        end = first_day[successor] - datetime.timedelta(days=1) if successor else None
        specs.append(UnitSpec(code, name, short, UnitKind.DEPARTMENT, COUNTY, True, start, end, successor,
                              (order + 1) * 10))
    for order, (code, name, short) in enumerate(OTHER_UNITS, start=len(rows)):
        specs.append(UnitSpec(code, name, short, UnitKind.DEPARTMENT, COUNTY, sort_order=(order + 1) * 10))
    return specs


def _child(parent: UnitSpec, suffix: str, name: str, short: str, order: int,
           kind: str | None = None) -> UnitSpec:
    return UnitSpec(f"{parent.code}-{suffix}", parent.name + name, short, kind or kind_of(name),
                    parent.code, valid_from=parent.valid_from, valid_to=parent.valid_to,
                    sort_order=order * 10)


def _windows(by_code: dict[str, UnitSpec]) -> list[UnitSpec]:
    center = by_code["xzfw"]
    starts = {code: start for code, _label, start, _succ in WINDOWS if start}
    specs = []
    for order, (code, label, start, successor) in enumerate(WINDOWS, start=1):
        end = starts[successor] - datetime.timedelta(days=1) if successor else None
        specs.append(UnitSpec(code, center.name + label, label, UnitKind.WINDOW, center.code,
                              valid_from=start or center.valid_from, valid_to=end, successor=successor,
                              sort_order=(100 + order) * 10))
    return specs


def unit_specs() -> list[UnitSpec]:
    """Every unit of the demo county, each after its parent."""
    specs = _top_level()
    by_code = {spec.code: spec for spec in specs}
    children: list[UnitSpec] = []
    for code, text in CHILDREN.items():
        for order, item in enumerate(text.split(), start=1):
            suffix, _sep, rest = item.partition(":")
            name, _sep, short = rest.partition("|")
            children.append(_child(by_code[code], suffix, name, short or by_code[code].short_name + name,
                                   order))
    for code, label in TOWN_STATIONS:
        for order, (town_code, town) in enumerate(TOWNS, start=50):
            children.append(_child(by_code[code], town_code, town + label, town + label, order,
                                   UnitKind.STATION))
    children += _windows(by_code)
    by_code.update((spec.code, spec) for spec in children)
    grandchildren = []
    for code, squads in SQUADS.items():
        for order, (suffix, name) in enumerate(squads, start=1):
            grandchildren.append(_child(by_code[code], suffix, name, "交通执法" + name, order,
                                        UnitKind.STATION))
    for code, parent, label in EXTRA_WINDOWS:
        spec = _child(by_code[parent], code.rsplit("-", 1)[1], label, label, 90, UnitKind.WINDOW)
        grandchildren.append(spec)
    specs += children + grandchildren
    return [_with_inherited_successor(spec, by_code | {s.code: s for s in grandchildren}) for spec in specs]


def _with_inherited_successor(spec: UnitSpec, by_code: dict[str, UnitSpec]) -> UnitSpec:
    """A child of a reformed unit passes to the successor's like-named child, else to the successor."""
    if spec.successor or spec.valid_to is None or spec.parent is None:
        return spec
    parent = by_code[spec.parent]
    if not parent.successor:
        return spec
    suffix = spec.code[len(parent.code) + 1:]
    twin = f"{parent.successor}-{suffix}"
    successor = twin if twin in by_code else parent.successor
    return UnitSpec(**{**spec.__dict__, "successor": successor})
