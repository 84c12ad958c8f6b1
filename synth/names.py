"""Chinese names of people, villages and businesses, drawn from frequency lists (no personal data).

Surname weights follow Jiangxi's most common surnames; given names use characters typical of rural
registries. A name can be respelt with a homophone (小明 → 晓明), as another department may write it.
"""

from __future__ import annotations

from itertools import accumulate
from random import Random

_SURNAMES = (
    ("刘", 62),
    ("陈", 55),
    ("李", 52),
    ("王", 45),
    ("张", 44),
    ("黄", 40),
    ("罗", 32),
    ("胡", 31),
    ("吴", 28),
    ("杨", 26),
    ("曾", 25),
    ("周", 24),
    ("徐", 23),
    ("邓", 21),
    ("朱", 20),
    ("钟", 19),
    ("肖", 18),
    ("彭", 17),
    ("熊", 16),
    ("郭", 15),
    ("廖", 15),
    ("赖", 14),
    ("谢", 14),
    ("万", 12),
    ("邹", 12),
    ("付", 11),
    ("何", 11),
    ("涂", 10),
    ("余", 10),
    ("叶", 10),
    ("程", 9),
    ("饶", 9),
    ("江", 9),
    ("袁", 9),
    ("邱", 8),
    ("宋", 8),
    ("严", 7),
    ("龚", 7),
    ("温", 7),
    ("魏", 7),
    ("汪", 6),
    ("姚", 6),
    ("蔡", 6),
    ("欧阳", 4),
    ("危", 3),
    ("揭", 2),
    ("况", 2),
    ("聂", 5),
    ("段", 4),
    ("卢", 6),
)
_SURNAME_LIST = tuple(name for name, _ in _SURNAMES)
_SURNAME_CUM = tuple(accumulate(weight for _, weight in _SURNAMES))

_MALE = "伟强军平明华林建国志勇文斌辉海波金良春生荣福发根财保贵成新龙清永东亮俊杰涛鹏峰德云小晓"
_FEMALE = "秀英兰芳梅玲丽红华桂珍凤萍霞燕娟琴莲春艳敏静婷慧小晓文云荣清金"

# Homophones a clerk may type instead (same pinyin, different character).
HOMOPHONES: dict[str, str] = {
    "小": "晓",
    "晓": "小",
    "明": "铭",
    "伟": "玮",
    "丽": "莉",
    "芳": "方",
    "军": "君",
    "红": "虹",
    "平": "萍",
    "萍": "平",
    "英": "瑛",
    "文": "雯",
    "成": "诚",
    "林": "琳",
    "静": "婧",
    "燕": "艳",
    "艳": "燕",
    "兰": "岚",
    "峰": "锋",
    "辉": "晖",
    "涛": "滔",
    "云": "芸",
    "亮": "靓",
    "娟": "鹃",
    "梅": "玫",
    "慧": "惠",
    "婷": "亭",
    "荣": "蓉",
    "德": "得",
    "永": "勇",
    "勇": "永",
    "志": "智",
    "清": "青",
    "建": "健",
    "斌": "彬",
    "俊": "峻",
    "鹏": "朋",
    "新": "欣",
    "东": "冬",
    "龙": "隆",
    "生": "声",
    "福": "富",
    "财": "才",
    "贵": "桂",
    "保": "宝",
    "发": "法",
    "金": "锦",
    "玲": "琳",
}

_VILLAGE_HEADS = "上下大小石新高黄白东西南北樟松竹桃梅枫龙凤长河"
_VILLAGE_TAILS = "坊塘坑源田桥岭岗湖山溪洲垄坪背"
_SHOP_WORDS = (
    "鑫达",
    "宏远",
    "恒丰",
    "华盛",
    "金源",
    "瑞丰",
    "兴隆",
    "永昌",
    "天成",
    "嘉禾",
    "润泽",
    "汇通",
    "昌盛",
    "富康",
    "联创",
    "正泰",
    "宏图",
    "绿源",
    "博通",
    "安达",
    "信诚",
    "众邦",
    "腾飞",
    "益民",
)
_TRADES = (
    "电子科技",
    "服饰",
    "鞋业",
    "食品",
    "新材料",
    "建材",
    "农业开发",
    "竹木制品",
    "物流",
    "家具",
    "光电",
    "医疗器械",
    "纺织",
    "五金制品",
    "箱包",
    "塑胶",
)
_CROPS = ("脐橙", "油茶", "蔬菜", "茶叶", "水稻", "蜜柚", "白莲", "中药材", "生猪养殖", "肉牛养殖", "竹笋")
_WORKSHOP_GOODS = ("服装", "电子", "竹编", "鞋业", "玩具", "箱包", "假发", "灯饰", "食品", "茶叶", "手套")


def surname(rng: Random) -> str:
    return rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]


def given_name(rng: Random, male: bool) -> str:
    pool = _MALE if male else _FEMALE
    if rng.random() < 0.25:
        return rng.choice(pool)
    return rng.choice(pool) + rng.choice(pool)


def person_name(rng: Random, family: str, male: bool) -> str:
    return family + given_name(rng, male)


def respelt(name: str, family_length: int) -> str | None:
    """The name with its first respellable given-name character replaced by a homophone."""
    for position in range(family_length, len(name)):
        replacement = HOMOPHONES.get(name[position])
        if replacement is not None:
            return name[:position] + replacement + name[position + 1 :]
    return None


def village_name(rng: Random) -> str:
    if rng.random() < 0.45:
        return surname(rng)[:1] + "家村"
    return rng.choice(_VILLAGE_HEADS) + rng.choice(_VILLAGE_TAILS) + "村"


def short_place(name: str) -> str:
    """'兴国县' → '兴国': how county names prefix company names."""
    return name[:-1] if len(name) > 2 and name[-1] in "县市区" else name


def company_name(rng: Random, place: str) -> str:
    return f"{short_place(place)}{rng.choice(_SHOP_WORDS)}{rng.choice(_TRADES)}有限公司"


def cooperative_name(rng: Random, village: str) -> str:
    return f"{village.removesuffix('村')}{rng.choice(_CROPS)}专业合作社"


def family_farm_name(rng: Random, place: str) -> str:
    return f"{short_place(place)}{surname(rng)}{given_name(rng, True)}家庭农场"


def service_name(rng: Random, place: str) -> str:
    return f"{short_place(place)}{rng.choice(_SHOP_WORDS)}物业服务有限公司"


def workshop_name(rng: Random, village: str) -> tuple[str, str]:
    """(workshop name, operator company name)."""
    goods = rng.choice(_WORKSHOP_GOODS)
    stem = village.removesuffix("村")
    return f"{stem}{goods}帮扶车间", f"{stem}{rng.choice(_SHOP_WORDS)}{goods}加工厂"
