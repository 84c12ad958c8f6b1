"""Village follow-up ledgers (回访台账): one workbook per village and month, as villages keep them.

Title row merged across A:K, header on row 2, data from row 3, with the usual mess: stray spaces, an
occasional blank row, a trailing 合计 row, visit dates as real Excel dates or text in three spellings,
and IDs Excel turned into numbers. The files are byte-for-byte deterministic (fixed zip timestamps and
document dates), and a file that already exists is never rewritten.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from random import Random

from openpyxl import Workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.writer.excel import ExcelWriter

from synth import faults, periods
from synth.config import Rates
from synth.emit import decision, messy
from synth.regions import Village
from synth.truth import TruthLog

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
FIRST_DATA_ROW = 3
_WIDTHS = {"A": 6, "B": 10, "C": 22, "D": 20, "E": 12, "F": 16, "G": 26, "H": 12, "I": 14, "J": 10, "K": 18}
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_JUNK_LABELS = ("打工", "外出", "其他")


@dataclass(slots=True)
class LedgerLine:
    name: str
    raw_id: str  # as the registry writes it (18 characters or the legacy 15 digits)
    citizen_id: str
    household: str
    label: str
    place: str | None
    firm: str | None
    income: float | None
    visit: date
    visitor: str
    remark: str | None
    protected: bool


class _StableZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed timestamp, so equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def]
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def]
        with open(filename, "rb") as handle:
            self.writestr(arcname or os.path.basename(filename), handle.read())


def file_name(village: Village, month: int) -> str:
    return f"{village.code}-{periods.compact_month(month)}.xlsx"


def _date_cell(visit: date, draw: Random) -> object:
    style = draw.randrange(5)
    if style < 2:
        return datetime(visit.year, visit.month, visit.day)
    if style == 2:
        return visit.isoformat()
    if style == 3:
        return f"{visit.year:04d}.{visit.month:02d}.{visit.day:02d}"
    return f"{visit.year:04d}年{visit.month:02d}月{visit.day:02d}日"


def _mangled(citizen: str) -> float | None:
    """The ID as Excel stores a typed number (15 significant digits), if its digits fail the checksum."""
    if not citizen.isdigit():
        return None
    number = float(citizen[:15] + "000")
    if faults.check_ok(str(int(number))) or faults.check_ok(citizen[:15] + "000"):
        return None
    return number


def _fault(cells: list[object], line: LedgerLine, draw: Random) -> str | None:
    """Plant one fault in the data row's cells; returns its class."""
    choice = draw.choice(faults.FAULTS)
    if choice == faults.NEGATIVE_AMOUNT and not line.income:
        choice = faults.UNKNOWN_CODE
    if choice == faults.ID_CHECKSUM:
        mangled = _mangled(line.citizen_id) if draw.random() < 0.5 else None
        cells[2] = mangled if mangled is not None else faults.wrong_check_digit(line.citizen_id, draw)
    elif choice == faults.ID_FORMAT:
        cells[2] = faults.wrong_format(line.citizen_id, draw)
    elif choice == faults.UNKNOWN_CODE:
        cells[4] = draw.choice(_JUNK_LABELS)
    elif choice == faults.BAD_DATE:
        year = line.visit.year
        cells[8] = draw.choice((f"{year}年13月05日", f"{year}-02-30", f"{year}.04.31"))
    elif choice == faults.NEGATIVE_AMOUNT:
        cells[7] = -abs(line.income or 0)
    else:
        column = draw.choice((2, 4, 8))
        cells[column] = draw.choice((None, "", "  ")) if column != 8 else None
    return choice


def _spaced(text: str, draw: Random) -> str:
    return draw.choice((f" {text}", f"{text} ", f" {text} "))


class LedgerFiles:
    """The ledger folder: saves each workbook once (an existing file is never rewritten)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved = 0

    def save(self, name: str, rows: list[list[object]]) -> None:
        path = self.folder / name
        if not path.exists():
            _save(path, rows)
            self.saved += 1


def write_ledger(
    files: LedgerFiles,
    village: Village,
    month: int,
    lines: list[LedgerLine],
    seed: int,
    rates: Rates,
    truth: TruthLog,
) -> None:
    """Record the ledger's truth and have its workbook written unless the file already exists."""
    name = file_name(village, month)
    draw = Random(seed * 1_000_003 + village.serial * 1009 + month)
    year, mon = periods.year_month(month)
    rows: list[list[object]] = [[f"{village.name}{year}年{mon}月贫困劳动力就业回访台账"], list(HEADERS)]
    total = 0.0
    for number, line in enumerate(lines, 1):
        if number > 1 and draw.random() < 0.03:
            rows.append([])
        excel_row = len(rows) + 1
        key = f"{name}:{excel_row}"
        fault_draw, messy_draw, detail = decision(seed, SHEET, key)
        raw = line.raw_id
        if messy_draw < rates.messy_id * 4:
            raw = _spaced(raw, draw) if draw.random() < 0.4 else messy(raw, Random(detail))
        label = _spaced(line.label, draw) if draw.random() < 0.05 else line.label
        person = _spaced(line.name, draw) if draw.random() < 0.05 else line.name
        income: object = None
        if line.income is not None:
            income = round(line.income) if line.income == int(line.income) else line.income
        cells: list[object] = [
            number,
            person,
            raw,
            line.household,
            label,
            line.place,
            line.firm,
            income,
            _date_cell(line.visit, draw),
            line.visitor,
            line.remark,
        ]
        fault = None
        if not line.protected and fault_draw < rates.fault:
            fault = _fault(cells, line, Random(detail))
        if fault is not None:
            truth.bad("ledger", SHEET, key, fault)
        else:
            if raw != line.citizen_id:
                truth.variant("ledger", SHEET, key, raw, line.citizen_id)
            truth.counts["ledger_rows"] += 1
            total += line.income or 0.0
        rows.append(cells)
    if lines and draw.random() < 0.7:
        rows.append(["合计", None, None, None, None, None, None, round(total, 2)])
    files.save(name, rows)


def _save(path: Path, rows: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    book.properties.creator = "村委会"
    book.properties.created = book.properties.modified = datetime(2024, 1, 1)
    sheet = book.create_sheet(SHEET)
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.merged_cells.add(CellRange("A1:K1"))
    for row in rows:
        sheet.append(row)
    temporary = path.with_suffix(".xlsx.tmp")
    with _StableZip(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    os.replace(temporary, path)
