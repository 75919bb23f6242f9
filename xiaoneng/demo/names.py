"""Plausible Chinese names for the demo: people, firms, shops, villages and phone numbers.

Every function takes the caller's random.Random, so the same seed gives the same names.
"""

from __future__ import annotations

import random

# Common surnames in northern Jiangsu, the first ones repeated so that they come up more often.
SURNAMES = (
    "王王王陈陈陈张张李李刘刘杨杨吴吴徐徐朱朱孙周胡高顾沈陆钱蒋戴汤许黄赵马梁韩唐冯丁卢季夏"
    "姚仲潘祁万缪殷颜卞严袁邵范魏薛程董曹葛嵇尹仇郁成翟金"
)
GIVEN = (
    "建国军华明伟强勇杰涛斌磊鹏辉波俊峰海洋刚平林东亮志文春晓红霞芳丽娟萍燕玲敏静慧婷雪梅兰英"
    "凤云秀琴桂宏宇浩然晨阳立新永胜德成家祥荣福贵民富长青松柏桥湖荷宁安嘉欣悦怡彤璐琳佳"
)


def person_name(rng: random.Random) -> str:
    """A surname and a one- or two-character given name, e.g. 王建国 or 陈静."""
    given = rng.choice(GIVEN)
    if rng.random() < 0.7:
        second = rng.choice(GIVEN)
        while second == given:
            second = rng.choice(GIVEN)
        given += second
    return rng.choice(SURNAMES) + given


def mobile_phone(rng: random.Random) -> str:
    prefix = rng.choice(("138", "139", "150", "151", "152", "158", "159", "180", "187", "188", "199"))
    return prefix + "".join(rng.choice("0123456789") for _ in range(8))


def office_phone(rng: random.Random) -> str:
    """A Jinhu landline (area code 0517, numbers 8xxxxxxx)."""
    return "0517-86" + "".join(rng.choice("0123456789") for _ in range(6))


# Trade names (字号): a first and a second character, never the same one twice.
TRADE_FIRST = "恒华金宏瑞鑫盛永安新天长兴泰海荷尧润嘉中德汇正诚博富开联丰宇"
TRADE_SECOND = "达源宇泰通信业隆辉昌明和润远成盛峰锦凯力"


def trade_name(rng: random.Random) -> str:
    first = rng.choice(TRADE_FIRST)
    second = rng.choice(TRADE_SECOND)
    while second == first:
        second = rng.choice(TRADE_SECOND)
    return first + second


VILLAGES = (
    "荷花", "新港", "湖滨", "双塘", "官塘", "大港", "闵桥", "衡阳", "夹沟", "唐港", "洪湖", "新华",
    "利农", "金桥", "三河", "白马", "建设", "联合", "东湖", "西湖",
)

SHOPS = (
    ("水产品经营部", "水产批发"), ("农资店", "农资零售"), ("便利店", "零售"), ("饭店", "餐饮"),
    ("理发店", "居民服务"), ("农机修理部", "农机维修"), ("建材经营部", "建材零售"),
    ("五金店", "零售"), ("家庭农场", "种养殖"), ("龙虾养殖场", "水产养殖"), ("螃蟹养殖场", "水产养殖"),
    ("服装店", "零售"), ("莲藕专业合作社", "种植"), ("快递代办点", "物流"),
)
