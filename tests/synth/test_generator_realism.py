"""The sources look like the departments' own: valid IDs and codes, real regions, plausible money and time."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from datetime import date, datetime
from importlib.resources import files
from typing import Any

from stdnum.cn import ric, uscc

from tests.synth.conftest import Generated

ABOLISHED = {"360122", "360421", "360427", "360622", "360782", "360721", "360727", "361029", "361122", "361121"}


def _codes(name: str) -> set[str]:
    with files("synth.data").joinpath(name).open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def _fold(raw: str) -> str:
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def _clean(village: Generated, rows: list[dict[str, Any]], table: str, key: str = "ID") -> list[dict[str, Any]]:
    bad = {b["key"] for b in village.truth["bad_records"] if b["table"] == table}
    return [row for row in rows if str(row[key]) not in bad]


def test_member_ids_carry_the_registered_birth_date_and_a_real_area(
    village: Generated, village_rows: dict[str, list[dict[str, Any]]]
) -> None:
    counties = _codes("counties.csv")
    members = _clean(village, village_rows["PKHCY"], "PKHCY")
    legacy = 0
    for member in members:
        raw = _fold(member["ZJHM"])
        if len(raw) == 15:
            legacy += 1
            raw = raw[:6] + "19" + raw[6:] + ric.calc_check_digit(raw[:6] + "19" + raw[6:] + "0")
        assert ric.calc_check_digit(raw) == raw[-1], member
        assert raw[6:14] == member["CSRQ"].replace("-", ""), member
        assert raw[:6] in counties or raw[:6] in ABOLISHED, member
    assert legacy > 0, "some registry IDs are still the 15-digit legacy form"
    assert len({m["ZJHM"] for m in members}) == len(members), "IDs are unique"


def test_hr_sex_and_county_agree_with_the_id(village: Generated, village_rows: dict[str, list[dict[str, Any]]]) -> None:
    counties = _codes("counties.csv")
    for row in _clean(village, village_rows["JY_LDLJYXX"], "JY_LDLJYXX"):
        digits = _fold(row["SFZH"])
        assert row["XB"] == ("1" if int(digits[16]) % 2 else "2"), row
        assert row["HJQX"] in counties


def test_households_live_in_real_townships_under_2xx_village_codes(
    village_rows: dict[str, list[dict[str, Any]]],
) -> None:
    townships = _codes("townships.csv")
    for household in village_rows["PKH"]:
        code = household["XZQH"]
        if code.strip():
            assert code[:9] in townships and code[9] == "2", code
            assert household["HBH"].startswith(code) and len(household["HBH"]) == 16


def test_credit_codes_are_valid_and_workshop_operators_are_employers(
    village_rows: dict[str, list[dict[str, Any]]],
) -> None:
    employers = {row["DWXYDM"] for row in village_rows["JY_YGDW"]}
    assert all(uscc.is_valid(code) for code in employers)
    assert {row["XYDM"] for row in village_rows["FPCJ"]} <= employers
    assert {row["DWXYDM"] for row in village_rows["JY_LDLJYXX"] if row["DWXYDM"]} <= employers
    assert {row["SKDWXYDM"] for row in village_rows["BT_FFMX"] if row["SKDWXYDM"]} <= employers


def test_money_is_in_the_ranges_of_the_sources(
    village: Generated, village_rows: dict[str, list[dict[str, Any]]]
) -> None:
    planted = village.truth["planted"]
    odd = {p["citizen_id"] for rule in ("INCOME_DROP", "INCOME_BELOW_NORMAL") for p in planted[rule]}
    income: dict[str, list[int]] = {}
    for row in _clean(village, village_rows["JY_LDLJYXX"], "JY_LDLJYXX"):
        if row["YSR"] is not None and _fold(row["SFZH"]) not in odd:
            income.setdefault(row["JYZT"], []).append(row["YSR"])
    assert min(income["11"]) >= 3000 and max(income["11"]) <= 7000
    assert min(income["21"]) >= 1610 and max(income["21"]) <= 3500
    assert min(income["23"]) >= 400 and max(income["23"]) <= 2000  # two posts at most
    posts = _clean(village, village_rows["JY_GYXGW"], "JY_GYXGW")
    assert all(400 <= p["YBT"] <= 1000 for p in posts)
    payments = _clean(village, village_rows["BT_FFMX"], "BT_FFMX", "FFPZH")
    assert {p["BTXM"] for p in payments} >= {"GY01", "GF01", "CJ01", "JT01"}
    assert {p["ZT"] for p in payments} == {"1", "2", "3"}
    assert all(p["JEF"] % 100 == 0 and p["JEF"] > 0 for p in payments)
    reversals = [p for p in payments if p["ZT"] == "3"]
    vouchers = {p["FFPZH"] for p in payments}
    assert reversals and all(p["YFFPZH"] in vouchers for p in reversals)
    organisations = [p for p in payments if p["SKDWXYDM"]]
    assert organisations and all(p["DXZJHM"] and p["SKRZJHM"] is None for p in organisations)
    decimals = [r["YSR"] for r in village_rows["HFJL"] if isinstance(r["YSR"], float) and r["YSR"] % 1]
    assert decimals, "follow-up incomes are written with decimals"


def test_update_times_fall_in_the_month_reported_or_just_after(
    village_rows: dict[str, list[dict[str, Any]]],
) -> None:
    for row in village_rows["JY_LDLJYXX"]:
        if re.fullmatch(r"\d{4}(0[1-9]|1[0-2])", row["BGYF"]):
            assert row["GXSJ"][:6] == row["BGYF"], row
    for row in village_rows["HFJL"]:
        assert row["XGSJ"][:7] == row["HFYF"] or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", row["HFYF"])
    for row in village_rows["BT_FFMX"]:
        stamp = datetime.strptime(row["CZSJ"], "%Y-%m-%d %H:%M:%S")
        assert date(2024, 2, 1) <= stamp.date() < date(2024, 7, 1)
        assert 8 <= stamp.hour < 18


def test_visits_by_the_20th_and_entries_by_the_25th_except_planted_villages(
    village: Generated, village_rows: dict[str, list[dict[str, Any]]]
) -> None:
    late = Counter()
    for row in village_rows["HFJL"]:
        try:
            visit, entry = date.fromisoformat(row["HFRQ"]), date.fromisoformat(row["LRRQ"])
        except ValueError:
            continue
        if visit.day > 20 or entry.day > 25:
            late[row["HFYF"]] += 1
        assert visit <= entry
    planted = village.truth["planted"]["FOLLOWUP_LATE"]
    assert late and set(late) <= {p["period"] for p in planted}


def test_families_have_plausible_ages_and_labor_categories(village_rows: dict[str, list[dict[str, Any]]]) -> None:
    members = village_rows["PKHCY"]
    heads = [m for m in members if m["YHZGX"] == "户主"]
    assert len(heads) == len(village_rows["PKH"])
    size = len(members) / len(heads)
    assert 2.8 < size < 4.2, size
    labor = Counter(m["LDJN"] for m in members)
    share = sum(labor[k] for k in ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")) / len(members)
    assert 0.5 < share < 0.75, share
    for member in members:
        if member["ZXS"] in ("小学", "初中") and member["LDJN"] in ("普通劳动力", "技能劳动力"):
            raise AssertionError(f"a pupil counted as full labor outside the planted conflicts: {member}")
