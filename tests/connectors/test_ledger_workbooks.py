"""The ledger connector reads real .xlsx files kept the way villages keep them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from connectors.ledger import LedgerConnector
from graph.records import FollowUpRecord, Provenance, Rejection, VillageRecord

HEADER = [
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
]


def _ledger(folder: Path, name: str, rows: list[list[object]], *, header: list[str] = HEADER) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "回访台账"
    sheet.append(["张家村2024年5月贫困劳动力就业回访台账"])
    sheet.merge_cells("A1:K1")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = folder / name
    workbook.save(path)
    return path


def _read_all(folder: Path) -> list[FollowUpRecord | VillageRecord | Rejection]:
    connector = LedgerConnector.from_location(str(folder))
    connector.check()
    (stream,) = connector.streams()
    found: list[FollowUpRecord | VillageRecord | Rejection] = []
    for batch in stream.read():
        for raw in batch:
            mapped = stream.map(raw, Provenance("ledger", stream.name, raw.key, None))
            found.extend([mapped] if isinstance(mapped, Rejection) else mapped)
    return found


def test_messy_ledger_reads_every_real_row(tmp_path: Path) -> None:
    _ledger(
        tmp_path,
        "360732101203-202405.xlsx",
        [
            [
                1,
                " 张三 ",
                "360732198001011236",
                "3607321012030012",
                "省外务工",
                "广东省东莞市",
                "某厂",
                5200,
                "2024-05-12",
                "王",
                None,
            ],
            [None] * 11,
            [2, "李四", 360732800101123, 3607321012030012, "返乡 ", None, None, 0, datetime(2024, 5, 13), "王", None],
            [3, "王五", "36073219900512104x", "3607321012030012", "务农", None, None, None, "2024年5月3日", "王", None],
            [4, "赵六", "360732198001011236", "3607321012030012", "未就业", None, None, None, "2024.05.19", "王", None],
            ["合计", None, None, None, None, None, None, 5200, None, None, None],
        ],
    )
    records = _read_all(tmp_path)
    followups = [r for r in records if isinstance(r, FollowUpRecord)]
    assert [f.provenance.key for f in followups] == [
        "360732101203-202405.xlsx:3",
        "360732101203-202405.xlsx:5",
        "360732101203-202405.xlsx:6",
        "360732101203-202405.xlsx:7",
    ]
    first, returned, lowercase_x, dotted = followups
    assert first.name == "张三" and first.income == Decimal("5200.00") and first.status == "OUT_OF_PROVINCE"
    assert first.period == "2024-05" and first.village_code == "360732101203"
    assert returned.returned and returned.status == "UNEMPLOYED"
    assert returned.citizen_id == "360732198001011236"  # 15-digit legacy ID stored as a number
    assert returned.household_no == "3607321012030012"
    assert returned.visit_date == date(2024, 5, 13)
    assert lowercase_x.visit_date == date(2024, 5, 3)
    assert lowercase_x.citizen_id == "36073219900512104X"
    assert dotted.visit_date == date(2024, 5, 19)
    villages = {r.code: r.name for r in records if isinstance(r, VillageRecord)}
    assert villages == {"360732101203": "张家村"}


def test_bad_ledger_rows_are_rejected_with_the_reason(tmp_path: Path) -> None:
    _ledger(
        tmp_path,
        "360732101203-202405.xlsx",
        [
            [1, "甲", "360732198001011237", "x", "省外务工", None, None, 100, "2024-05-12", None, None],
            [2, "乙", 360732198001011000.0, "x", "省外务工", None, None, 100, "2024-05-12", None, None],
            [3, "丙", "360732198001011236", "x", "打工", None, None, 100, "2024-05-12", None, None],
            [4, "丁", "360732198001011236", "x", "务农", None, None, 100, "2024年13月05日", None, None],
            [5, "戊", "  ", "x", "务农", None, None, 100, "2024-05-12", None, None],
            [6, "己", "360732198001011236", "x", "务农", None, None, -5, "2024-05-12", None, None],
        ],
    )
    rejections = {r.key: r for r in _read_all(tmp_path) if isinstance(r, Rejection)}
    faults = {key.rsplit(":", 1)[1]: r.fault for key, r in rejections.items()}
    assert faults == {
        "3": "id_checksum",
        "4": "id_checksum",
        "5": "unknown_code",
        "6": "bad_date",
        "7": "missing_required",
        "8": "negative_amount",
    }
    assert "打工" in rejections["360732101203-202405.xlsx:5"].reason
    assert rejections["360732101203-202405.xlsx:7"].element == "身份证号码"


def test_a_ledger_with_a_bad_name_or_header_is_rejected_whole(tmp_path: Path) -> None:
    _ledger(tmp_path, "张家村五月.xlsx", [[1, "甲", "360732198001011236"]])
    _ledger(tmp_path, "360732101203-202406.xlsx", [[1, "甲"]], header=["序号", "姓名"])
    (tmp_path / "360732101203-202407.xlsx").write_text("saved from a phone, not a workbook")
    rejections = [r for r in _read_all(tmp_path) if isinstance(r, Rejection)]
    assert sorted((r.key, r.fault) for r in rejections) == [
        ("360732101203-202406.xlsx", "unreadable_file"),
        ("360732101203-202407.xlsx", "unreadable_file"),
        ("张家村五月.xlsx", "unreadable_file"),
    ]
    assert any("身份证号码" in r.reason for r in rejections)
