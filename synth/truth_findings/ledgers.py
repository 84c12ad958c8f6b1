"""Village ledgers (回访台账) into the scratch database's follow-up table, one workbook at a time.

Workbooks are read with python-calamine (a Rust reader: openpyxl's per-cell Python objects made the
ledgers alone outlast the whole county budget) one at a time and inserted in batches, so memory is
bounded by the largest workbook. A row the generator quarantined is skipped before it is parsed; any
other row that does not normalize is a generator inconsistency and stops the run with its file and row.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from synth.truth_findings.codes import FOLLOWUP_STATUS, RETURNED
from synth.truth_findings.values import citizen_id, fen, folded, is_blank, ledger_date

LEDGER_TABLE = "回访台账"
FILE_NAME = re.compile(r"(?P<village>\d{12})-(?P<year>\d{4})(?P<month>0[1-9]|1[0-2])\.xlsx")
FIRST_DATA_ROW = 3
ID, STATUS, INCOME, VISIT = 2, 4, 7, 8  # columns C, E, H, I
BATCH = 5000

type FollowUpRow = tuple[str, str, int, str, str, str, int, int | None, str, str, int]

INSERT = """
INSERT INTO followup (src, period, k1, k2, key, cid, status, returned, income, visit, village, pidx)
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


class LedgerRowError(ValueError):
    """A ledger row outside ``bad_records`` that does not normalize."""


def _is_data(row: list[Any]) -> bool:
    """Blank rows and trailing total (合计) rows are layout, not follow-ups."""
    if all(is_blank(value) for value in row):
        return False
    return not any(isinstance(value, str) and folded(value).startswith("合计") for value in row[:3])


def _cell(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _follow_up(file: tuple[str, str, str, int], number: int, row: list[Any]) -> FollowUpRow:
    """The insert parameters of one kept data row; ``file`` is (period, name, village, month index)."""
    period, name, village, pidx = file
    key = f"{name}:{number}"
    raw_id, raw_label, raw_income, raw_visit = (_cell(row, i) for i in (ID, STATUS, INCOME, VISIT))
    try:
        cid, income, visit = citizen_id(raw_id), fen(raw_income), ledger_date(raw_visit)
    except ValueError as error:
        raise LedgerRowError(f"ledger row {key}: {error}; a quarantined row belongs in bad_records") from None
    label = None if is_blank(raw_label) else folded(raw_label)
    if cid is None or visit is None or label is None:
        raise LedgerRowError(
            f"ledger row {key}: 身份证号码, 就业状态 and 回访日期 are required, got "
            f"{raw_id!r}, {raw_label!r}, {raw_visit!r}; a quarantined row belongs in bad_records"
        )
    if label not in FOLLOWUP_STATUS:
        raise LedgerRowError(
            f"ledger row {key}: 就业状态 {raw_label!r} is not one of {', '.join(FOLLOWUP_STATUS)}; "
            "a quarantined row belongs in bad_records"
        )
    status, returned = FOLLOWUP_STATUS[label], int(label == RETURNED)
    return (period, name, number, key, cid, status, returned, income, visit, village, pidx)


def _rows(path: Path, bad_keys: set[str]) -> Iterator[FollowUpRow]:
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise LedgerRowError(f"ledger file {path.name!r}: expected '{{12-digit village code}}-{{YYYYMM}}.xlsx'")
    year, month = int(match["year"]), int(match["month"])
    file = (f"{year:04d}-{month:02d}", path.name, match["village"], year * 12 + month - 1)
    with CalamineWorkbook.from_path(str(path)) as workbook:
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)  # row 1 is rows[0]
    for number, row in enumerate(rows[FIRST_DATA_ROW - 1 :], FIRST_DATA_ROW):
        if _is_data(row) and f"{path.name}:{number}" not in bad_keys:
            yield _follow_up(file, number, row)


def read_ledgers(connection: sqlite3.Connection, folder: Path, bad_keys: set[str]) -> None:
    """Insert every kept data row of every ``{village}-{YYYYMM}.xlsx`` in ``folder`` (if it exists)."""
    batch: list[FollowUpRow] = []
    for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else ():
        for row in _rows(path, bad_keys):
            batch.append(row)
            if len(batch) >= BATCH:
                connection.executemany(INSERT, batch)
                batch.clear()
    connection.executemany(INSERT, batch)
