"""The departments' DDL (package data): statements to execute verbatim, and each table's shape.

The DDL files are the contract; nothing here restates them. Statements are split on ``;`` after line
comments are stripped, so the same text runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

SOURCES = ("hr", "poverty", "finance")
_CREATE = re.compile(r"CREATE TABLE (\w+)\s*\((.*)\)", re.S)
_COLUMN = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s+\w+(?:\(\d+\))?(.*)$")
_PRIMARY = re.compile(r"PRIMARY KEY\s*\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class Table:
    source: str
    name: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    not_null: frozenset[str]

    def index(self, column: str) -> int:
        return self.columns.index(column)


def ddl_text(source: str) -> str:
    if source not in SOURCES:
        raise ValueError(f"source {source!r}: expected one of {', '.join(SOURCES)}")
    return files("synth.ddl").joinpath(f"{source}.sql").read_text(encoding="utf-8")


def statements(source: str) -> list[str]:
    """The DDL's statements without comments, ready for ``execute`` one at a time."""
    lines = [line.split("--", 1)[0].rstrip() for line in ddl_text(source).splitlines()]
    text = "\n".join(line for line in lines if line.strip())
    return [statement.strip() for statement in text.split(";") if statement.strip()]


def _table(source: str, statement: str) -> Table:
    match = _CREATE.match(statement)
    if match is None:
        raise ValueError(f"{source}.sql: expected only CREATE TABLE statements, got {statement[:40]!r}")
    name, body = match.groups()
    columns: list[str] = []
    primary: list[str] = []
    not_null: set[str] = set()
    for part in body.split("\n"):
        part = part.strip().rstrip(",")
        if not part:
            continue
        composite = _PRIMARY.match(part)
        if composite:
            primary = [column.strip() for column in composite.group(1).split(",")]
            continue
        column = _COLUMN.match(part)
        if column is None:
            raise ValueError(f"{source}.sql table {name}: cannot read column definition {part!r}")
        columns.append(column.group(1))
        rest = column.group(2).upper()
        if "PRIMARY KEY" in rest:
            primary = [column.group(1)]
        if "NOT NULL" in rest or "PRIMARY KEY" in rest:
            not_null.add(column.group(1))
    return Table(source, name, tuple(columns), tuple(primary), frozenset(not_null))


@cache
def tables() -> dict[str, Table]:
    """Every source table by name, columns in DDL order."""
    found: dict[str, Table] = {}
    for source in SOURCES:
        for statement in statements(source):
            table = _table(source, statement)
            found[table.name] = table
    return found


def table(name: str) -> Table:
    try:
        return tables()[name]
    except KeyError:
        raise KeyError(f"table {name!r}: not in the DDL; expected one of {', '.join(tables())}") from None
