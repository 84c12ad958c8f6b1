"""Village ledgers look like the villages' own Excel files, mess included."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from openpyxl import load_workbook

from tests.synth.conftest import Generated, ledger_rows

HEADERS = (
    "序号",
    "姓名",
    "身份证号码",
    "户编号",
    "就业状态",
    "务工地点",
    "务工单位",
    "月收入（元）",
    "回访日期",
    "回访人",
    "备注",
)


def _fold(raw: str) -> str:
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def test_one_workbook_per_ledger_village_and_month_with_title_and_header(village: Generated) -> None:
    files = sorted((village.folder / "ledgers").glob("*.xlsx"))
    villages = {f.name[:12] for f in files}
    assert len(files) == len(villages) * len(village.truth["months"])
    assert {f.name[13:19] for f in files} == {m.replace("-", "") for m in village.truth["months"]}
    book = load_workbook(files[0])
    sheet = book.worksheets[0]
    assert sheet.title == "回访台账"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:K1"]
    assert re.fullmatch(r".+村\d{4}年\d{1,2}月贫困劳动力就业回访台账", sheet["A1"].value)
    assert tuple(cell.value for cell in sheet[2]) == HEADERS


def test_the_usual_mess_is_there(village: Generated) -> None:
    blank_rows = totals = stray_spaces = numeric_ids = 0
    date_styles: set[str] = set()
    for _, _, row in ledger_rows(village.folder):
        if not row or all(v is None for v in row):
            blank_rows += 1
            continue
        if row[0] == "合计":
            totals += 1
            continue
        name, raw_id, visit = row[1], row[2], row[8]
        stray_spaces += isinstance(name, str) and name != name.strip()
        numeric_ids += isinstance(raw_id, float)
        if isinstance(visit, datetime):
            date_styles.add("excel")
        elif isinstance(visit, str):
            date_styles.add("年" if "年" in visit else "." if "." in visit else "-")
    assert blank_rows and totals and stray_spaces
    assert date_styles == {"excel", "-", ".", "年"}
    assert numeric_ids, "some IDs were stored as numbers that Excel mangled"


def test_mangled_numeric_ids_are_listed_as_checksum_faults(village: Generated) -> None:
    bad = {b["key"]: b["fault"] for b in village.truth["bad_records"] if b["source"] == "ledger"}
    for name, number, row in ledger_rows(village.folder):
        if len(row) > 2 and isinstance(row[2], float):
            assert bad[f"{name}:{number}"] == "id_checksum"
            assert len(str(int(row[2]))) == 18


def test_ledger_rows_repeat_the_offices_follow_ups(village: Generated, village_rows: dict[str, list]) -> None:
    visits = {(_fold(r["ZJHM"]), r["HFRQ"]) for r in village_rows["HFJL"] if r["ZJHM"]}
    bad = {b["key"] for b in village.truth["bad_records"] if b["source"] == "ledger"}
    matched = total = 0
    for name, number, row in ledger_rows(village.folder):
        if not row or row[0] in (None, "合计") or f"{name}:{number}" in bad or not isinstance(row[8], datetime):
            continue
        total += 1
        matched += (_fold(str(row[2])), row[8].date().isoformat()) in visits
    assert total and matched / total > 0.98
