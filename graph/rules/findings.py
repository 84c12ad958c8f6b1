"""The findings store: a run's findings of one rule replace that rule's findings for the run's months.

A finding's identity is (rule, subject): while it still holds it keeps its id and its status (an
acknowledgement survives a re-run) and gets fresh evidence and measures. A finding of the run's months
that no longer holds is resolved by the run (``resolved_run``); one a run resolved that holds again is
reopened. A finding a person resolved (with the measure taken) stays resolved. What a rule's query
found is staged in ``finding_candidates`` in one batch; the merge is three set-based statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, TextClause, bindparam, text

from graph.rules.periods import Scope
from graph.rules.rule import COLUMNS, Query, Rule
from graph.store import schema

OPEN, ACKNOWLEDGED, RESOLVED = "OPEN", "ACKNOWLEDGED", "RESOLVED"
STATUSES = (OPEN, ACKNOWLEDGED, RESOLVED)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Merged:
    """How one rule's findings changed in a run."""

    holding: int
    new: int
    resolved: int


def find(connection: Connection, query: Query) -> list[tuple[Any, ...]]:
    """What the rule's query finds (read-only, so rules can look in parallel)."""
    with_clause = f"WITH {', '.join(query.ctes)} " if query.ctes else ""
    return [tuple(row) for row in connection.execute(text(with_clause + query.select), dict(query.params))]


def stage(connection: Connection, run: int, rule: Rule, rows: list[tuple[Any, ...]]) -> None:
    """Keep the found rows as the run's candidates of ``rule`` (the table's key rejects a repeated subject)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        copy_rows(connection, "finding_candidates", ("run", "rule", *COLUMNS), ((run, rule.code, *row) for row in rows))
        # The merge joins the candidates with ``findings``; planned from the statistics of an emptied
        # table, a hundred thousand candidates look like a handful, and PostgreSQL may then scan
        # ``findings`` once per candidate. Sampling the staged rows (own transaction's included) is cheap.
        connection.exec_driver_sql("ANALYZE finding_candidates")
    else:
        candidates = schema.FindingCandidate.__table__
        connection.execute(
            candidates.insert(),
            [{"run": run, "rule": rule.code, **dict(zip(COLUMNS, row, strict=True))} for row in rows],
        )


def copy_rows(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's ``COPY … FROM STDIN`` inside the connection's transaction: a province rule stages a
    hundred thousand findings with a few hundred megabytes of measures, a statement per row took seconds."""
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


_REFRESH = """
UPDATE findings SET
    period = c.period, citizen_id = c.citizen_id, household_no = c.household_no, voucher = c.voucher,
    region_code = c.region_code, evidence = c.evidence, measures = c.measures, severity = :severity,
    last_seen_run = :run, updated_at = :now,
    status = CASE WHEN findings.status = 'RESOLVED' AND findings.resolved_run IS NOT NULL
                  THEN 'OPEN' ELSE findings.status END,
    resolved_at = CASE WHEN findings.resolved_run IS NOT NULL THEN NULL ELSE findings.resolved_at END,
    resolved_run = NULL
FROM finding_candidates c
WHERE c.run = :run AND c.rule = :rule AND findings.rule = :rule AND findings.subject_key = c.subject_key
"""

# New subjects only: the ones already there were just refreshed. The unique key decides (``ON CONFLICT``),
# not a ``NOT EXISTS`` on ``findings``: right after its statistics were taken empty, PostgreSQL ran that as a
# scan of ``findings`` per candidate, each scan longer by the rows this statement had inserted so far —
# 1,113 s for a province's 93,931 zero-employment households (1.5 s now).
_INSERT = f"""
INSERT INTO findings (rule, subject_key, {", ".join(COLUMNS[1:])}, measures, severity, status,
                      found_run, last_seen_run, found_at, updated_at)
SELECT c.rule, c.subject_key, {", ".join(f"c.{column}" for column in COLUMNS[1:])}, c.measures,
       CAST(:severity AS VARCHAR(16)), 'OPEN', CAST(:run AS INTEGER), CAST(:run AS INTEGER), :now, :now
FROM finding_candidates c
WHERE c.run = :run AND c.rule = :rule
ON CONFLICT (rule, subject_key) DO NOTHING
"""

_RESOLVE = """
UPDATE findings SET status = 'RESOLVED', resolved_run = :run, resolved_at = :now, updated_at = :now
WHERE rule = :rule AND status <> 'RESOLVED' AND last_seen_run <> :run {in_scope}
"""


def _timed(statement: str) -> TextClause:
    return text(statement).bindparams(bindparam("now", type_=DateTime))


def merge(connection: Connection, run: int, rule: Rule, scope: Scope, severity: str) -> Merged:
    """Fold the run's staged candidates of ``rule`` into ``findings``, then drop them."""
    params = {"run": run, "rule": rule.code, "severity": severity, "now": now()}
    holding = connection.execute(
        text("SELECT COUNT(*) FROM finding_candidates WHERE run = :run AND rule = :rule"), params
    ).scalar_one()
    connection.execute(_timed(_REFRESH), params)
    new = connection.execute(_timed(_INSERT), params).rowcount
    in_scope = ""
    if rule.periodic and not scope.is_all:
        in_scope = "AND period >= :first AND period <= :last"
        params |= {"first": str(scope.first), "last": str(scope.last)}
    resolved = connection.execute(_timed(_RESOLVE.format(in_scope=in_scope)), params).rowcount
    connection.execute(text("DELETE FROM finding_candidates WHERE run = :run AND rule = :rule"), params)
    return Merged(holding=int(holding), new=new, resolved=resolved)
