"""Faults and variants: an independent validator must find exactly the bad records truth.json lists.

The validator below is written from CALIBER.md and the DDL comments alone (no generator code), so a
fault the generator plants without listing it, lists without planting it, or plants twice in one
record fails here. Records not listed must be clean, and every ID not written in the unified form must
be listed as a variant that normalizes to the same person.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, datetime
from typing import Any

from tests.synth.conftest import Generated, ledger_rows

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
HR_STATUS = {"11", "12", "21", "22", "23", "31", "32", "41", "90"}
LABELS = {"省外务工", "省内务工", "县内务工", "车间就业", "公益岗位", "自主创业", "灵活就业", "务农", "未就业", "返乡"}
LDJN = {"普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"}
TPZT = {"已脱贫", "未脱贫", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}
BTXM = {"GY01", "GF01", "CJ01", "XN01", "JT01", "QZ01", "PX01", "CY01"}
RELATIONS = {"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "其他"}
SCHOOL = {"非在校生", "小学", "初中", "高中", "中职", "高职", "本科及以上"}
DISABILITY = {"无", "视力", "听力", "言语", "肢体", "智力", "精神", "多重"}
SKILLS = {"初级工", "中级工", "高级工", "技师", "高级技师"}


class Fault(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.split())


def fold(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def check(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def citizen(value: object) -> str:
    """The unified ID, or raise Fault with the class CALIBER.md gives."""
    if blank(value):
        raise Fault("missing_required")
    if isinstance(value, float):
        value = int(value)
    text = str(value) if isinstance(value, int) else fold(str(value))
    if re.fullmatch(r"\d{15}", text) and not isinstance(value, int):
        if not real_date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12])):
            raise Fault("id_format")
        text = text[:6] + "19" + text[6:]
        return text + check(text)
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise Fault("id_format")
    if check(text[:17]) != text[17]:
        assert real_date(int(text[6:10]), int(text[10:12]), int(text[12:14])), f"{value!r}: birth date"
        raise Fault("id_checksum")
    return text


def credit_code(value: object) -> None:
    assert isinstance(value, str) and len(value) == 18 and value[:8].isdigit(), value
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(value, USCC_WEIGHTS, strict=False))
    assert USCC_CHARS[(31 - total % 31) % 31] == value[17], f"credit code {value}"


def code(value: object, allowed: set[str], *, required: bool = True) -> None:
    if blank(value):
        if required:
            raise Fault("missing_required")
        return
    if str(value).strip() not in allowed:
        raise Fault("unknown_code")


def text(value: object) -> None:
    if blank(value):
        raise Fault("missing_required")


def compact_date(value: object, *, required: bool = True) -> None:
    if blank(value):
        if required:
            raise Fault("missing_required")
        return
    v = str(value)
    if not (len(v) == 8 and v.isdigit() and real_date(int(v[:4]), int(v[4:6]), int(v[6:]))):
        raise Fault("bad_date")


def iso_date(value: object, separator: str = "-") -> None:
    if blank(value):
        raise Fault("missing_required")
    parts = str(value).split(separator)
    if not (len(parts) == 3 and all(p.isdigit() for p in parts) and real_date(*map(int, parts))):
        raise Fault("bad_date")


def month(value: object, dash: bool) -> None:
    v = str(value)
    shape = r"\d{4}-\d{2}" if dash else r"\d{6}"
    if not re.fullmatch(shape, v) or not 1 <= int(v[-2:]) <= 12:
        raise Fault("bad_date")


def amount(value: object) -> None:
    if value is not None and value < 0:
        raise Fault("negative_amount")


def stamp(value: str, shape: str) -> None:
    """Update-time cursors are never faulted: always a real timestamp."""
    assert re.fullmatch(shape, value), value
    digits = re.sub(r"\D", "", value)
    datetime(int(digits[:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))


HR_STAMP, ISO_STAMP = r"\d{14}", r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"


def validate(table: str, row: dict[str, Any]) -> None:
    """Raise Fault for the row's (single) fault; return when it is clean."""
    if table == "JY_LDLJYXX":
        stamp(row["GXSJ"], HR_STAMP)
        citizen(row["SFZH"]), text(row["XM"]), code(row["JYZT"], HR_STATUS), month(row["BGYF"], dash=False)
        amount(row["YSR"])
        code(row["XB"], {"1", "2"}), code(row["JNDJ"], SKILLS, required=False)
        if row["DWXYDM"] is not None:
            credit_code(row["DWXYDM"])
    elif table == "JY_YGDW":
        stamp(row["GXSJ"], HR_STAMP)
        credit_code(row["DWXYDM"]), text(row["DWMC"]), code(row["DWLX"], {"01", "02", "03", "04", "09"})
        code(row["SFYQ"], {"Y", "N"})
    elif table == "JY_GYXGW":
        stamp(row["GXSJ"], HR_STAMP)
        citizen(row["SFZH"]), text(row["GWMC"]), text(row["SZC"]), compact_date(row["KSRQ"])
        compact_date(row["JSRQ"], required=False), amount(row["YBT"])
    elif table == "JY_PXJL":
        stamp(row["GXSJ"], HR_STAMP)
        citizen(row["SFZH"]), code(row["PXLX"], {"01", "02", "03", "04"}), compact_date(row["KSRQ"])
        compact_date(row["JSRQ"], required=False), code(row["HGZS"], {"Y", "N"})
    elif table == "JY_GWXX":
        stamp(row["GXSJ"], HR_STAMP)
        credit_code(row["DWXYDM"]), text(row["GWMC"]), compact_date(row["FBRQ"]), compact_date(row["YXQZ"])
        code(row["JNYQ"], SKILLS, required=False)
    elif table == "JY_ZDGZ":
        compact_date(row["SXRQ"]), code(row["DC"], {"1", "2", "3"})
    elif table == "PKH":
        stamp(row["XGSJ"], ISO_STAMP)
        if blank(row["XZQH"]):
            raise Fault("missing_required")
        code(row["TPZT"], TPZT)
        if row["HZZJHM"] is not None:
            citizen(row["HZZJHM"])
    elif table == "PKHCY":
        stamp(row["XGSJ"], ISO_STAMP)
        citizen(row["ZJHM"]), text(row["XM"]), iso_date(row["CSRQ"]), code(row["LDJN"], LDJN)
        code(row["YHZGX"], RELATIONS), code(row["CJLB"], DISABILITY), code(row["ZXS"], SCHOOL)
        code(row["WCYY"], {"愿意", "不愿意", "未定"}, required=False)
    elif table == "FPCJ":
        stamp(row["XGSJ"], ISO_STAMP)
        text(row["CJMC"]), text(row["XZQH"]), credit_code(row["XYDM"]), iso_date(row["RDRQ"])
        code(row["ZT"], {"运营", "停产", "注销"})
    elif table == "HFJL":
        stamp(row["XGSJ"], ISO_STAMP)
        citizen(row["ZJHM"]), month(row["HFYF"], dash=True), iso_date(row["HFRQ"]), iso_date(row["LRRQ"])
        code(row["JYQK"], LABELS), amount(row["YSR"]), amount(row["JTQTSR"])
    elif table == "BT_FFMX":
        stamp(row["CZSJ"], ISO_STAMP)
        if row["SKDWXYDM"] is not None:
            credit_code(row["SKDWXYDM"])
            citizen(row["DXZJHM"])
        else:
            citizen(row["SKRZJHM"])
        code(row["BTXM"], BTXM), amount(row["JEF"]), month(row["SSYF"], dash=True)
        iso_date(row["FFRQ"], "/"), code(row["ZT"], {"1", "2", "3"})
    else:
        raise AssertionError(f"table {table} is not in the DDL")


def ledger_validate(row: tuple[Any, ...]) -> None:
    cells = list(row) + [None] * (11 - len(row))
    citizen(cells[2])
    code(fold(cells[4]) if isinstance(cells[4], str) else cells[4], LABELS)
    visit = cells[8]
    if blank(visit):
        raise Fault("missing_required")
    if not isinstance(visit, datetime):
        match = re.fullmatch(r"(\d{4})[-.年](\d{2})[-.月](\d{2})日?", str(visit))
        if not match or not real_date(*map(int, match.groups())):
            raise Fault("bad_date")
    amount(cells[7])


def found_faults(village: Generated, rows: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str, str, str]]:
    sources = {
        "JY_LDLJYXX": "hr",
        "JY_YGDW": "hr",
        "JY_GYXGW": "hr",
        "JY_PXJL": "hr",
        "JY_GWXX": "hr",
        "JY_ZDGZ": "hr",
        "PKH": "poverty",
        "PKHCY": "poverty",
        "FPCJ": "poverty",
        "HFJL": "poverty",
        "BT_FFMX": "finance",
    }
    keys = {"JY_YGDW": "DWXYDM", "PKH": "HBH", "FPCJ": "CJBH", "BT_FFMX": "FFPZH"}
    found: set[tuple[str, str, str, str]] = set()
    for table, table_rows in rows.items():
        for row in table_rows:
            key = f"{row['XZQH']}|{row['SXRQ']}" if table == "JY_ZDGZ" else str(row[keys.get(table, "ID")])
            try:
                validate(table, row)
            except Fault as fault:
                found.add((sources[table], table, key, fault.kind))
    for name, number, row in ledger_rows(village.folder):
        if all(blank(v) for v in row) or (row and row[0] == "合计"):
            continue
        try:
            ledger_validate(row)
        except Fault as fault:
            found.add(("ledger", "回访台账", f"{name}:{number}", fault.kind))
    return found


def test_the_quarantine_equals_the_listed_bad_records(village: Generated, village_rows: dict[str, Any]) -> None:
    listed = {(b["source"], b["table"], b["key"], b["fault"]) for b in village.truth["bad_records"]}
    found = found_faults(village, village_rows)
    assert found - listed == set(), "faulty but not listed"
    assert listed - found == set(), "listed but clean (or another fault)"
    assert len(listed) == len(village.truth["bad_records"]), "a record is listed twice"


def test_every_fault_class_is_planted_in_registry_hr_finance_and_ledgers(village: Generated) -> None:
    bad = village.truth["bad_records"]
    assert {b["fault"] for b in bad} == {
        "id_checksum",
        "id_format",
        "unknown_code",
        "bad_date",
        "negative_amount",
        "missing_required",
    }
    assert {b["source"] for b in bad} == {"hr", "poverty", "finance", "ledger"}
    per_table = Counter(b["table"] for b in bad)
    assert per_table["JY_LDLJYXX"] and per_table["HFJL"] and per_table["BT_FFMX"] and per_table["回访台账"]


def test_faults_are_rare(village: Generated, village_rows: dict[str, list[Any]]) -> None:
    records = sum(len(rows) for rows in village_rows.values())
    share = len(village.truth["bad_records"]) / records
    assert 0.005 < share < 0.05, share  # the fixture plants at 3 %; the default is 0.5 %


def test_variants_normalize_to_their_person(village: Generated, village_rows: dict[str, list[dict[str, Any]]]) -> None:
    variants = village.truth["variants"]
    columns = {
        "JY_LDLJYXX": ("SFZH",),
        "JY_GYXGW": ("SFZH",),
        "JY_PXJL": ("SFZH",),
        "PKH": ("HZZJHM",),
        "PKHCY": ("ZJHM",),
        "HFJL": ("ZJHM",),
        "BT_FFMX": ("SKRZJHM", "DXZJHM"),
    }
    keys = {"PKH": "HBH", "BT_FFMX": "FFPZH"}
    by_key = {(t, str(r[keys.get(t, "ID")])): r for t in columns for r in village_rows[t]}
    kinds = Counter()
    for variant in variants:
        if variant["source"] == "ledger":
            continue
        row = by_key[(variant["table"], variant["key"])]
        raws = [row[c] for c in columns[variant["table"]] if row[c] is not None]
        assert variant["raw"] in raws
        assert citizen(variant["raw"]) == variant["citizen_id"]
        if variant.get("kind") == "name":
            assert row["XM"] == variant["name"] != ""
            kinds["name"] += 1
        else:
            raw = variant["raw"]
            kinds[
                "legacy"
                if len(fold(raw)) == 15
                else "x"
                if raw.endswith("x")
                else "space"
                if " " in raw
                else "full-width"
                if raw != fold(raw)
                else "?"
            ] += 1
    assert kinds["legacy"] and kinds["x"] + kinds["full-width"] and kinds["space"] and kinds["name"], kinds
    assert kinds["?"] == 0


def test_records_not_listed_as_variants_spell_ids_plainly(
    village: Generated, village_rows: dict[str, list[dict[str, Any]]]
) -> None:
    listed = {(v["table"], v["key"]) for v in village.truth["variants"] if v.get("kind") != "name"}
    bad = {(b["table"], b["key"]) for b in village.truth["bad_records"]}
    for table, column in (("JY_LDLJYXX", "SFZH"), ("PKHCY", "ZJHM"), ("HFJL", "ZJHM"), ("JY_GYXGW", "SFZH")):
        for row in village_rows[table]:
            key = (table, str(row["ID"]))
            raw = row[column]
            if key not in listed and key not in bad:
                assert raw is not None and re.fullmatch(r"\d{17}[\dX]", raw), (key, raw)


def test_counts_are_the_kept_records(village: Generated, village_rows: dict[str, list[dict[str, Any]]]) -> None:
    bad = {(b["table"], b["key"]) for b in village.truth["bad_records"]}
    keys = {"PKH": "HBH", "FPCJ": "CJBH", "BT_FFMX": "FFPZH", "JY_YGDW": "DWXYDM"}

    def kept(table: str) -> list[dict[str, Any]]:
        return [r for r in village_rows[table] if (table, str(r[keys.get(table, "ID")])) not in bad]

    ledger_kept = sum(
        1
        for name, number, row in ledger_rows(village.folder)
        if not all(blank(v) for v in row) and row[0] != "合计" and ("回访台账", f"{name}:{number}") not in bad
    )
    assert village.truth["counts"] == {
        "households": len(kept("PKH")),
        "people": len(kept("PKHCY")),
        "laborers": sum(1 for r in kept("PKHCY") if r["LDJN"] not in ("丧失劳动力", "无劳动力")),
        "employers": len(kept("JY_YGDW")),
        "workshops": len(kept("FPCJ")),
        "payments": len(kept("BT_FFMX")),
        "followups": len(kept("HFJL")),
        "ledger_rows": ledger_kept,
    }
