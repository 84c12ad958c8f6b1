"""Where households live: real counties and townships (package data), synthesised villages under them.

Only rural townships (镇, 乡) get villages, with ``2xx`` codes as the statistics bureau gives villagers'
committees. Which counties a scale covers, how many villages a township has and how many households a
village has are fixed by the seed before anything else is generated, so village serial numbers (and
with them every row id) are known up front.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from synth import names, rng
from synth.config import Scale

MAX_VILLAGES = 19_999
"""Person ids are ``village serial * 1000 + member``; they must stay below 20,000,000."""

# Counties renumbered since 2013: current code → (code at earlier registrations, year of the change).
RENUMBERED: dict[str, tuple[str, int]] = {
    "360112": ("360122", 2015),  # 新建县 → 新建区
    "360404": ("360421", 2017),  # 九江县 → 柴桑区
    "360483": ("360427", 2016),  # 星子县 → 庐山市
    "360603": ("360622", 2018),  # 余江县 → 余江区
    "360703": ("360782", 2013),  # 南康市 → 南康区
    "360704": ("360721", 2016),  # 赣县 → 赣县区
    "360783": ("360727", 2020),  # 龙南县 → 龙南市
    "361003": ("361029", 2017),  # 东乡县 → 东乡区
    "361103": ("361122", 2015),  # 广丰县 → 广丰区
    "361104": ("361121", 2019),  # 上饶县 → 广信区
}


@dataclass(frozen=True, slots=True)
class Township:
    code: str  # 9 digits
    name: str
    county: str  # 6 digits
    number: int  # 1-based position among the county's townships (the ID order code's first two digits)


@dataclass(frozen=True, slots=True)
class County:
    code: str
    name: str
    city: str
    number: int  # 1-based position among the province's counties
    townships: tuple[Township, ...]  # rural townships, in code order


@dataclass(frozen=True, slots=True)
class Village:
    code: str  # 12 digits
    name: str
    township: Township
    serial: int  # 1-based position among the generation's villages
    households: int
    ledger: bool  # keeps an Excel follow-up ledger


def _rows(name: str) -> list[dict[str, str]]:
    with files("synth.data").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def counties() -> tuple[County, ...]:
    """Every county of the province with its rural townships."""
    by_county: dict[str, list[dict[str, str]]] = {}
    for row in _rows("townships.csv"):
        by_county.setdefault(row["areaCode"], []).append(row)
    found: list[County] = []
    for number, row in enumerate(sorted(_rows("counties.csv"), key=lambda r: r["code"]), 1):
        all_townships = sorted(by_county.get(row["code"], []), key=lambda r: r["code"])
        rural = tuple(
            Township(t["code"], t["name"], row["code"], position)
            for position, t in enumerate(all_townships, 1)
            if t["name"].endswith(("镇", "乡"))
        )
        found.append(County(row["code"], row["name"], row["cityCode"], number, rural))
    return tuple(found)


@cache
def city_names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows("cities.csv")}


def select_counties(scale: Scale, seed: int) -> list[County]:
    """The counties a scale covers, each with the townships it uses."""
    pick = rng.stream(seed, "regions", scale.name)
    rural = [county for county in counties() if county.townships]
    if scale.span == "province":
        chosen = rural
    elif scale.span == "city":
        sizes: dict[str, int] = {}
        for county in rural:
            sizes[county.city] = sizes.get(county.city, 0) + 1
        city = pick.choice(sorted(code for code, size in sizes.items() if 9 <= size <= 13))
        chosen = [county for county in rural if county.city == city]
    else:
        wanted = scale.max_townships or 1
        candidates = [c for c in rural if len(c.townships) >= wanted and c.name.endswith(("县", "市"))]
        chosen = [pick.choice(candidates)]
    if scale.max_townships is None:
        return chosen
    trimmed = []
    for county in chosen:
        keep = sorted(pick.sample(range(len(county.townships)), scale.max_townships))
        trimmed.append(
            County(county.code, county.name, county.city, county.number, tuple(county.townships[i] for i in keep))
        )
    return trimmed


def villages_of(county: County, scale: Scale, seed: int, first_serial: int) -> list[Village]:
    """The county's synthesised villages, numbered from ``first_serial``."""
    found: list[Village] = []
    for township in county.townships:
        draw = rng.stream(seed, "villages", township.code)
        low, high = scale.villages_per_township
        used: set[str] = set()
        for number in range(1, draw.randint(low, high) + 1):
            name = names.village_name(draw)
            while name in used:
                name = names.village_name(draw)
            used.add(name)
            households = draw.randint(*scale.households_per_village)
            code = f"{township.code}2{number:02d}"
            found.append(Village(code, name, township, first_serial + len(found), households, False))
    share = rng.stream(seed, "ledgers", county.code)
    keep = max(1, round(len(found) * scale.ledger_share))
    ledger = set(share.sample(range(len(found)), keep))
    villages = [
        Village(v.code, v.name, v.township, v.serial, v.households, index in ledger) for index, v in enumerate(found)
    ]
    if villages and villages[-1].serial > MAX_VILLAGES:
        raise ValueError(f"villages: {villages[-1].serial} exceeds the {MAX_VILLAGES} a generation can number")
    return villages
