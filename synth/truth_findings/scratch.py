"""The scratch SQLite database the truth is computed in: sources attached read-only, quarantine loaded.

Everything heavy happens inside SQLite, on disk in a temporary folder, so a province-sized source set
is processed in bounded memory. The three source databases are attached with ``mode=ro``: the truth
must never be able to change what it judges.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from synth.truth_findings.ledgers import LEDGER_TABLE
from synth.truth_findings.values import INVALID, citizen_id, fen, sql_function

SOURCES = ("hr", "poverty", "finance")
CACHE_KIB = 128 * 1024


class SourceDataError(ValueError):
    """A record outside ``bad_records`` whose value does not normalize: truth and quarantine disagree."""


@contextmanager
def scratch_database(out_dir: Path) -> Iterator[sqlite3.Connection]:
    """A throw-away database with ``hr``, ``poverty`` and ``finance`` attached read-only."""
    missing = [name for name in SOURCES if not (out_dir / f"{name}.db").is_file()]
    if missing:
        raise FileNotFoundError(f"{out_dir}: no {', '.join(f'{name}.db' for name in missing)}; expected all three")
    with tempfile.TemporaryDirectory(prefix="truth-") as folder:
        connection = sqlite3.connect(Path(folder, "scratch.db").as_uri(), uri=True, isolation_level=None)
        try:
            for pragma in (
                "page_size = 16384",
                "journal_mode = OFF",
                "synchronous = OFF",
                f"cache_size = -{CACHE_KIB}",
            ):
                connection.execute(f"PRAGMA {pragma}")
            for name in SOURCES:
                connection.execute(
                    "ATTACH DATABASE ? AS " + name, (f"{(out_dir / f'{name}.db').resolve().as_uri()}?mode=ro",)
                )
            connection.create_function("norm_id", 1, sql_function(citizen_id), deterministic=True)
            connection.create_function("fen", 1, sql_function(fen), deterministic=True)
            yield connection
        finally:
            connection.close()


def load_bad_records(connection: sqlite3.Connection, bad_records: Iterable[Mapping[str, str]]) -> set[str]:
    """Store the quarantine as (source, table, key); returns the ledger keys, which are skipped on read."""
    connection.execute(
        "CREATE TABLE bad (source TEXT, tbl TEXT, key TEXT, PRIMARY KEY (source, tbl, key)) WITHOUT ROWID"
    )
    ledger_keys: set[str] = set()
    rows: list[tuple[str, str, str]] = []
    for record in bad_records:
        row = (str(record["source"]), str(record["table"]), str(record["key"]))
        rows.append(row)
        if row[1] == LEDGER_TABLE:
            ledger_keys.add(row[2])
    connection.execute("BEGIN")
    connection.executemany("INSERT OR IGNORE INTO bad VALUES (?, ?, ?)", rows)
    connection.execute("COMMIT")
    return ledger_keys


def kept(source: str, table: str, key_sql: str) -> str:
    """SQL condition: the source row whose primary key (as text) is ``key_sql`` is not quarantined."""
    return f"NOT EXISTS (SELECT 1 FROM bad WHERE source = '{source}' AND tbl = '{table}' AND key = {key_sql})"


@dataclass(frozen=True, slots=True)
class Check:
    """Kept rows of a scratch table whose source ``column`` (scratch ``value``) failed to normalize."""

    origin: str
    column: str
    value: str
    failed: str
    expected: str

    def run(self, connection: sqlite3.Connection, table: str) -> None:
        query = f"SELECT key, {self.value} FROM {table} WHERE {self.failed}"
        found = connection.execute(f"{query} LIMIT 3").fetchall()
        if not found:
            return
        total = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE {self.failed}").fetchone()[0]
        examples = "; ".join(f"row {key}: {value!r}" for key, value in found)
        raise SourceDataError(
            f"{self.origin}.{self.column}: {total} record(s) not in bad_records have a value that is not "
            f"{self.expected} ({examples}); list them in bad_records or generate valid values"
        )


def invalid(column: str) -> str:
    """SQL condition: a normalized column holds the invalid marker."""
    return f"{column} = '{INVALID}'"


def run_checks(connection: sqlite3.Connection, table: str, checks: tuple[Check, ...]) -> None:
    """One scan for all of a table's checks; the failing one is looked up only when a row fails."""
    failed = " OR ".join(f"({check.failed})" for check in checks)
    if connection.execute(f"SELECT 1 FROM {table} WHERE {failed} LIMIT 1").fetchone():
        for check in checks:
            check.run(connection, table)
