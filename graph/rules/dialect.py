"""The few SQL spellings that differ between SQLite and PostgreSQL, so each rule is written once.

Rules are text SQL run on both engines; everything else they use (window functions, ``||``,
``SUBSTR``, ``CAST``, ``COALESCE``, ``UPDATE ... FROM``) is common ground. Money stays integer fen
in SQL and becomes exact yuan text (``"1850.00"``) only inside evidence JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


def quoted(value: str) -> str:
    """A SQL string literal (the values come from configuration, still escaped properly)."""
    return "'" + value.replace("'", "''") + "'"


def quoted_list(values: Iterable[str]) -> str:
    listed = ", ".join(quoted(value) for value in values)
    return listed or "NULL"


def yuan(fen: str) -> str:
    """Exact yuan text of an integer-fen expression (NULL stays NULL); amounts are never negative."""
    return f"(CAST(({fen}) / 100 AS VARCHAR(20)) || '.' || SUBSTR(CAST(100 + ({fen}) % 100 AS VARCHAR(4)), 2))"


def month_index(period: str) -> str:
    """Months since year 0 of a ``YYYY-MM`` text expression."""
    return f"(CAST(SUBSTR({period}, 1, 4) AS INTEGER) * 12 + CAST(SUBSTR({period}, 6, 2) AS INTEGER) - 1)"


def age_from(citizen_id: str, years: int) -> str:
    """The first month index on whose first day a person (by the ID's birth date) is ``years`` old.

    Born on the 1st, the birthday month itself; born later, the month after. So "age >= N at P" is
    ``month_index(P) >= age_from(id, N)`` and "age > N" is ``>= age_from(id, N + 1)``.
    """
    return (
        f"((CAST(SUBSTR({citizen_id}, 7, 4) AS INTEGER) + {int(years)}) * 12"
        f" + CAST(SUBSTR({citizen_id}, 11, 2) AS INTEGER) - 1"
        f" + CASE WHEN SUBSTR({citizen_id}, 13, 2) > '01' THEN 1 ELSE 0 END)"
    )


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def date(self, day: date) -> str:
        literal = quoted(day.isoformat())
        return f"DATE {literal}" if self.postgres else literal

    def json_object(self, pairs: Sequence[tuple[str, str]]) -> str:
        """JSON text of an object; values are SQL expressions (see ``json`` for nested JSON columns)."""
        arguments = ", ".join(f"{quoted(key)}, {expression}" for key, expression in pairs)
        if self.postgres:
            return f"CAST(json_build_object({arguments}) AS TEXT)"
        return f"json_object({arguments})"

    def json_array_agg(self, expression: str, *, distinct: bool = False) -> str:
        """An aggregate collecting ``expression`` into a JSON array (sorted on PostgreSQL)."""
        unique = "DISTINCT " if distinct else ""
        if self.postgres:
            return f"json_agg({unique}{expression} ORDER BY {expression})"
        return f"json_group_array({unique}{expression})"

    def json(self, column: str) -> str:
        """A column holding JSON (from a CTE), to nest inside ``json_object`` rather than quote it."""
        return column if self.postgres else f"json({column})"

    def month_of(self, timestamp: str) -> str:
        """``YYYY-MM`` of a timestamp column."""
        if self.postgres:
            return f"to_char({timestamp}, 'YYYY-MM')"
        return f"SUBSTR({timestamp}, 1, 7)"

    def by_index(self, table: str, index: str) -> str:
        """``table`` read through ``index`` on SQLite, whose planner has no statistics to choose by and
        otherwise takes the first equality it sees (a month matching millions of rows); PostgreSQL plans
        from its statistics."""
        return table if self.postgres else f"{table} INDEXED BY {index}"

    def in_order(self, table: str, alias: str) -> str:
        """``table`` read in its stored (primary-key) order on SQLite: a pass from page to page, never
        through a secondary index. Left to itself SQLite walks the index on ``period`` to hand rows over
        in an order a ``DISTINCT`` or ``GROUP BY`` could use, and then fetches every row at random; ``NOT
        INDEXED`` is ignored on a ``WITHOUT ROWID`` table, so the key's own index is named (SQLite calls the
        primary key of such a table ``sqlite_autoindex_<table>_1``). PostgreSQL chooses by its statistics."""
        if self.postgres:
            return f"{table} {alias}"
        return f"{table} {alias} INDEXED BY sqlite_autoindex_{table}_1"

    def scanned(self, table: str) -> str:
        """``table`` (a rowid table with its alias) read page by page in stored order on SQLite.

        Left to itself SQLite reads a large table through any index a condition or a ``GROUP BY`` can use
        (``covered_period``, ``payee_credit_code IS NULL``, the beneficiary) and then fetches each row on its
        own, at random; for a third of a province's payments or follow-ups that costs far more than one pass.
        (For the ``WITHOUT ROWID`` tables, see :meth:`in_order`.) PostgreSQL chooses from its statistics.
        """
        return table if self.postgres else f"{table} NOT INDEXED"

    def bit_union(self, bits: str) -> str:
        """An aggregate of the union of ``bits`` (``BIGINT`` bit masks) over a group whose rows set distinct
        bits (one row per person and month): PostgreSQL's ``bit_or``; SQLite has none, and for distinct
        bits the sum is the union."""
        return f"bit_or({bits})" if self.postgres else f"SUM({bits})"

    def bit(self, position: str) -> str:
        """A ``BIGINT`` with only bit ``position`` set (PostgreSQL shifts the type it is given)."""
        return f"(CAST(1 AS BIGINT) << ({position}))" if self.postgres else f"(1 << ({position}))"

    def per_row(self) -> str:
        """Appended to an ``EXISTS`` subquery that should be looked up row by row through an index.

        PostgreSQL otherwise turns ``[NOT] EXISTS`` into a (anti-)join that hashes the whole inner table —
        every follow-up of the province, spilling to disk — even when only a few thousand rows probe it;
        ``OFFSET 0`` keeps the subquery as it is written. SQLite always looks up row by row."""
        return " OFFSET 0" if self.postgres else ""

    def binary(self, text: str) -> str:
        """Order text by its code points on both engines (PostgreSQL's default collation would not)."""
        return f'{text} COLLATE "C"' if self.postgres else text
