"""Source sets generated once per session for the generator's tests, and ways to read them back."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from synth import Rates, Summary, generate

SEED = 11
DIRTY = Rates(fault=0.03, messy_id=0.02)
"""Six times the default fault rate, so a village-scale set shows every fault class."""


@dataclass(frozen=True)
class Generated:
    folder: Path
    summary: Summary

    @property
    def truth(self) -> dict[str, Any]:
        return json.loads((self.folder / "truth.json").read_text(encoding="utf-8"))


def table_rows(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Every source table's rows as dicts, by table name."""
    found: dict[str, list[dict[str, Any]]] = {}
    for source in ("hr", "poverty", "finance"):
        with closing(sqlite3.connect(folder / f"{source}.db")) as connection:
            connection.row_factory = sqlite3.Row
            names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for name in names:
                found[name] = [dict(row) for row in connection.execute(f"SELECT * FROM {name}")]
    return found


def ledger_rows(folder: Path) -> Iterator[tuple[str, int, tuple[Any, ...]]]:
    """(file name, Excel row, values) of every row from row 3 on, blank and total rows included."""
    for path in sorted((folder / "ledgers").glob("*.xlsx")):
        book = load_workbook(path, read_only=True)
        try:
            for number, row in enumerate(book.worksheets[0].iter_rows(min_row=3, values_only=True), 3):
                yield path.name, number, row
        finally:
            book.close()


def content_digest(folder: Path) -> dict[str, str]:
    """A digest per table (rows in key order) and per ledger file (bytes)."""
    digests: dict[str, str] = {}
    for name, rows in table_rows(folder).items():
        text = "\n".join(sorted(repr(sorted(row.items())) for row in rows))
        digests[name] = hashlib.sha256(text.encode()).hexdigest()
    for path in sorted((folder / "ledgers").glob("*.xlsx")):
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture(scope="session")
def village(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """A village-scale set (6 months) with dirt enough to show every fault class."""
    folder = tmp_path_factory.mktemp("village") / "sources"
    return Generated(folder, generate(folder, scale="village", seed=SEED, rates=DIRTY))


@pytest.fixture(scope="session")
def village_rows(village: Generated) -> dict[str, list[dict[str, Any]]]:
    return table_rows(village.folder)
