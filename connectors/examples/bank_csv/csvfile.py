"""Reading one bank payment file: UTF-8 (with or without BOM) or GBK, Chinese headers in any column order.

Banks export from Excel or from their core system, so headers come with full-width brackets or stray
spaces, and ID and account cells come wrapped as ``="…"`` or with a leading apostrophe to stop Excel
from turning them into numbers. All of that is undone here; nothing else is changed.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

HEADERS = (
    "凭证号",
    "收款人姓名",
    "身份证号",
    "银行账号",
    "补贴项目",
    "金额(元)",
    "所属月份",
    "发放日期",
    "状态",
    "原凭证号",
    "更新时间",
)
REQUIRED_HEADERS = ("凭证号", "补贴项目", "金额(元)", "发放日期", "状态", "更新时间")


class BankFileError(ValueError):
    """A file that cannot be read at all (encoding or header); the message names the file and the problem."""


def fold(text: str) -> str:
    """Header text with full-width forms made half-width and spaces removed, for matching."""
    return "".join(unicodedata.normalize("NFKC", text).split())


_BY_FOLDED = {fold(header): header for header in HEADERS}


def decode(data: bytes, name: str) -> str:
    """The file's text: UTF-8 when it has a BOM or decodes as UTF-8, else GBK (read as its superset GB18030)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise BankFileError(f"{name}: byte {error.start} is neither UTF-8 nor GBK text") from None


def header_positions(header: list[str], name: str) -> dict[str, int]:
    """Where each known header is; a file lacking a required one cannot be read."""
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        known = _BY_FOLDED.get(fold(text))
        if known is not None:
            positions.setdefault(known, index)
    missing = [wanted for wanted in REQUIRED_HEADERS if wanted not in positions]
    if missing:
        raise BankFileError(f"{name}: the header row lacks {', '.join(missing)}")
    return positions


def open_file(path: Path) -> tuple[Iterator[list[str]], dict[str, int]]:
    """The file's data rows still to read, and where each known header is (checked)."""
    reader = csv.reader(io.StringIO(decode(path.read_bytes(), path.name), newline=""))
    header = next(reader, None)
    if header is None:
        raise BankFileError(f"{path.name}: the file is empty; expected a header row")
    return reader, header_positions(header, path.name)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    """(row number, the header being row 1; values by header) for each non-blank data row of the file."""
    reader, positions = open_file(path)
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        yield (
            number,
            {name: _cell(row[i]) if (i := positions.get(name, len(row))) < len(row) else None for name in HEADERS},
        )


def _cell(text: str) -> str | None:
    """The cell as the bank meant it: unwrapped from ``="…"`` or a leading apostrophe, trimmed."""
    text = text.strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    elif text.startswith("'"):
        text = text[1:].strip()
    return text or None
