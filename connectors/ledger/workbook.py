"""Reading one village follow-up ledger (回访台账) workbook, tolerant of how villages keep them.

Row 1 is a title (merged cells), row 2 the header, data from row 3. Columns are found by their header
text (spaces and full-width forms folded), so a ledger with a moved column still reads. Blank rows and
trailing total (合计) rows are skipped; nothing else is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

SHEET = "回访台账"
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
REQUIRED_HEADERS = ("身份证号码", "就业状态", "回访日期")
FILE_NAME = re.compile(r"^(?P<village>\d{12})-(?P<year>\d{4})(?P<month>\d{2})\.xlsx$")
TITLE_VILLAGE = re.compile(r"^\s*(?P<name>\S+?村)")


class LedgerFileError(ValueError):
    """A ledger file that cannot be read at all (name, sheet or header): the reason says which."""


@dataclass(frozen=True, slots=True)
class LedgerFile:
    path: Path
    village_code: str
    period: str

    @classmethod
    def from_path(cls, path: Path) -> LedgerFile:
        match = FILE_NAME.match(path.name)
        if not match:
            raise LedgerFileError(f"ledger file name {path.name!r} is not '{{12-digit village code}}-{{YYYYMM}}.xlsx'")
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise LedgerFileError(f"ledger file name {path.name!r} has month {match['month']}, expected 01-12")
        return cls(path, match["village"], f"{match['year']}-{match['month']}")


def fold(text: str) -> str:
    """Header text with spaces removed and full-width forms folded, for matching."""
    return "".join(unicodedata.normalize("NFKC", text).split())


_FOLDED_HEADERS = {fold(header): header for header in HEADERS}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u3000"))


def read_rows(ledger: LedgerFile) -> tuple[str | None, Iterator[tuple[int, dict[str, Any]]]]:
    """The village name from the title, and (excel row number, values by header) for each data row."""
    try:
        workbook = CalamineWorkbook.from_path(str(ledger.path))
        sheet_name = SHEET if SHEET in workbook.sheet_names else workbook.sheet_names[0]
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except (CalamineError, IndexError) as error:
        raise LedgerFileError(f"{ledger.path.name}: not a readable .xlsx workbook ({error})") from error
    title_row = rows[0] if rows else []
    header_row = rows[1] if len(rows) > 1 else []
    title = next((str(v) for v in title_row if not _blank(v)), "")
    match = TITLE_VILLAGE.match(title)
    positions: dict[str, int] = {}
    for index, value in enumerate(header_row):
        if isinstance(value, str) and fold(value) in _FOLDED_HEADERS:
            positions[_FOLDED_HEADERS[fold(value)]] = index
    missing = [header for header in REQUIRED_HEADERS if header not in positions]
    if missing:
        raise LedgerFileError(f"{ledger.path.name}: header row 2 lacks {', '.join(missing)}")
    data = []
    empty = dict.fromkeys(HEADERS)
    found = list(positions.items())
    for number, row in enumerate(rows[2:], start=3):
        if all(map(_blank, row)) or _is_total(row):
            continue
        values = empty.copy()
        width = len(row)
        for header, i in found:
            if i < width:
                values[header] = _cell(row[i])
        data.append((number, values))
    return (match["name"] if match else None), iter(data)


def _cell(value: Any) -> Any:
    """Calamine reads every number as a float and an empty cell as ''; give back what the village typed."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return None if value == "" else value


def _is_total(row: list[Any]) -> bool:
    return any(isinstance(v, str) and v.strip().replace(" ", "").startswith("合计") for v in row[:3])
