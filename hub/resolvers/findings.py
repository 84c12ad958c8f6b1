"""Findings of the monitoring and reconciliation rules: lookups, the ``findings`` list's filters, counts by rule.

A finding lies in the region its rule placed it (``findings.region_code``), so a client's region scope,
a ``regionCode`` filter and ``regionStats.findingsByRule`` all test the same column; the counts by rule
are the ``totalCount`` of the list with the same filters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, select

from graph.rules import ACKNOWLEDGED, OPEN, RULES
from hub.resolvers.entities import FINDING, FINDINGS, starts_with
from hub.resolvers.loaders import Relation, by_argument, chunks, one_by, reading, with_keys
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader

#: Findings still to be handled: what a dashboard counts.
UNHANDLED = (OPEN, ACKNOWLEDGED)


@dataclass(frozen=True, slots=True)
class FindingFilter:
    rule: tuple[str, ...] | None = None
    region_code: str | None = None
    period: str | None = None
    status: tuple[str, ...] | None = None
    severity: tuple[str, ...] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.rule is not None:
            found.append(FINDINGS.c.rule.in_(self.rule))
        if self.region_code is not None:
            found.append(starts_with(FINDINGS.c.region_code, self.region_code))
        if self.period is not None:
            found.append(FINDINGS.c.period == self.period)
        if self.status is not None:
            found.append(FINDINGS.c.status.in_(self.status))
        if self.severity is not None:
            found.append(FINDINGS.c.severity.in_(self.severity))
        return found


@prepared
def _findings_about(reader: Reader, column: str, statuses: tuple[str, ...] | None, columns: Columns) -> Select[Any]:
    conditions = FindingFilter(status=statuses).conditions()
    statement = reader.select(
        FINDING, reader.keys_in(FINDINGS.c[column]), *conditions, columns=with_keys(columns, column)
    )
    return statement.order_by(FINDINGS.c.id)


def _about(column: str) -> Relation:
    """Keys ``(subject, statuses or None)``: the findings naming that subject in ``column``, oldest first."""

    def fetch(reader: Reader, keys: list[tuple[str, tuple[str, ...] | None]], columns: Columns = None) -> list[Any]:
        found: dict[tuple[str, tuple[str, ...] | None], list[Any]] = defaultdict(list)
        for (statuses,), subjects in by_argument(keys).items():
            statement = _findings_about(reader, column, statuses, columns)
            rows = [row for chunk in chunks(subjects) for row in reader.rows(statement, chunk)]
            subject = reading(rows, column)
            for row in rows:
                found[(subject(row), statuses)].append(row)
        return [found.get(key, []) for key in keys]

    return Relation(f"findings by {column}", fetch)


FINDING_BY_ID = one_by(FINDING, "id", "Finding")
FINDINGS_OF_PERSON = _about("citizen_id")
FINDINGS_OF_HOUSEHOLD = _about("household_no")
FINDINGS_OF_PAYMENT = _about("voucher")


def unhandled_by_rule(reader: Reader, code: str, period: str) -> dict[str, int]:
    """Open and acknowledged findings of ``period`` in the region, per rule (every rule, zero included).

    Exactly ``findings(regionCode: code, period: period, status: [OPEN, ACKNOWLEDGED], rule: [R]).totalCount``.
    """
    conditions = FindingFilter(region_code=code, period=period, status=UNHANDLED).conditions()
    statement = (
        select(FINDINGS.c.rule, func.count()).where(reader.scope(FINDING), *conditions).group_by(FINDINGS.c.rule)
    )
    found = {rule: int(n) for rule, n in reader.connection.execute(statement)}
    return {rule.code: found.get(rule.code, 0) for rule in RULES}
