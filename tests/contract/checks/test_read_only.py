"""Broken connectors the *read-only* check catches: writing a read log, touching files, adding a table."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.contract.fingerprint import changes, fingerprint
from connectors.examples.bank_csv import BankCsvConnector
from connectors.examples.bank_csv.streams import BankPayments
from connectors.framework import RawRow, Stream
from tests.contract.checks.finance import SoundPayments, finance_with


class ReadLogPayments(SoundPayments):
    """Records each read in a table of the source database itself."""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        yield from super().read(since, batch_size=batch_size)
        database = str(self.engine.url.database).removeprefix("file:").split("?")[0]
        with closing(sqlite3.connect(database)) as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS hub_reads (since TEXT)")
            connection.execute("INSERT INTO hub_reads VALUES (?)", (since,))
            connection.commit()


class MarkingBankPayments(BankPayments):
    """Marks the bank's files as read by touching them: their modification times move."""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        yield from super().read(since, batch_size=batch_size)
        for path in self.folder.glob("*.csv"):
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))


class MarkingBank(BankCsvConnector):
    def streams(self) -> list[Stream]:
        return [MarkingBankPayments(self.folder, self.name)]


class PostgresReadLogPayments(SoundPayments):
    """Records each read in a new table of the PostgreSQL source, through a connection of its own."""

    url = ""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        yield from super().read(since, batch_size=batch_size)
        conninfo = make_url(self.url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS hub_reads (since TEXT)")


def test_a_read_log_in_the_source_database_is_caught(village: Path, tmp_path: Path) -> None:
    copy = shutil.copy(village / "finance.db", tmp_path / "finance.db")
    run = ContractRun(ContractCase(finance_with(ReadLogPayments), f"sqlite:///{copy}"))
    with pytest.raises(
        ContractViolation,
        match=r"^read_only: connector finance: reading changed the source 'sqlite:///\S+/finance\.db': finance\.db "
        r"changed \(\d+ bytes, mtime \d+, sha256 [0-9a-f]{16} → \d+ bytes, mtime \d+, sha256 [0-9a-f]{16}\); "
        r"expected the source byte-for-byte unchanged: connectors never write to a source$",
    ):
        run_check(run, "read_only")


def test_touched_files_are_caught(bank_folders: dict[str, Path], tmp_path: Path) -> None:
    copy = shutil.copytree(bank_folders["gbk"], tmp_path / "bank")
    with pytest.raises(
        ContractViolation,
        match=r"^read_only: connector bank: reading changed the source '\S+/bank': 一卡通代发明细_\d{6}\.csv changed "
        r"\((\d+) bytes, mtime \d+, sha256 ([0-9a-f]{16}) → \1 bytes, mtime \d+, sha256 \2\)",
    ):
        run_check(ContractRun(ContractCase(MarkingBank, str(copy))), "read_only")


@pytest.mark.postgres
def test_a_table_added_to_a_postgres_source_is_caught(
    village: Path, new_postgres_database: Callable[[str], str]
) -> None:
    url = new_postgres_database("finance")
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with closing(sqlite3.connect(village / "finance.db")) as source, psycopg.connect(conninfo) as target:
        (ddl,) = source.execute("SELECT sql FROM sqlite_master WHERE name = 'BT_FFMX'").fetchone()
        target.execute(ddl)
        rows = source.execute("SELECT * FROM BT_FFMX").fetchall()
        target.cursor().executemany(f"INSERT INTO BT_FFMX VALUES ({', '.join(['%s'] * len(rows[0]))})", rows)
    writer = type("Writer", (PostgresReadLogPayments,), {"url": url})
    with pytest.raises(
        ContractViolation,
        match=r"^read_only: connector finance: reading changed the source 'postgresql\+psycopg://postgres@\S+': "
        r"table public\.hub_reads appeared; expected the source byte-for-byte unchanged",
    ):
        run_check(ContractRun(ContractCase(finance_with(writer), url)), "read_only")


@pytest.mark.postgres
def test_a_postgres_fingerprint_sees_a_changed_value(new_postgres_database: Callable[[str], str]) -> None:
    url = new_postgres_database("fp")
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        connection.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
        before = fingerprint(url)
        connection.execute("UPDATE t SET v = 'c' WHERE id = 2")
        after = fingerprint(url)
        connection.execute("UPDATE t SET v = 'b' WHERE id = 2")
        again = fingerprint(url)
    assert [change.split(" (")[0] for change in changes(before, after)] == ["table public.t changed"]
    assert before["table public.t"].startswith("2 rows, md5 ")
    assert again == before
