"""After ingest: recompute what the new facts made stale, in one transaction per kind of derived data."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Engine, select

from graph.resolve.employment import disagreeing_people, resolve_employment
from graph.resolve.payments import resolve_payments
from graph.resolve.people import resolve_people
from graph.resolve.person_months import refresh_person_months
from graph.store import schema


def resolve(engine: Engine, *, followup_precedence: list[str], name_precedence: list[str]) -> dict[str, int]:
    """Resolve everything marked dirty; returns how many marks of each kind were resolved."""
    marks = schema.DirtyMark.__table__
    with engine.connect() as connection:
        dirty = connection.execute(select(marks.c.kind, marks.c.key)).all()
    by_kind: dict[str, list[str]] = {}
    for kind, key in dirty:
        by_kind.setdefault(kind, []).append(key)
    if "payments" in by_kind:
        with engine.begin() as connection:
            resolve_payments(connection)
            connection.execute(marks.delete().where(marks.c.kind == "payments"))
    if "people" in by_kind:
        with engine.begin() as connection:
            resolve_people(connection, name_precedence)
            connection.execute(marks.delete().where(marks.c.kind == "people"))
    periods = sorted(by_kind.get("period", []))
    if periods:
        # All months in one transaction: a month's rows are spread over the whole of the employment table's
        # key (person first), so committing month by month wrote most of its pages again every month. The
        # months' years of person_months go with them: a sync killed in between must not leave them apart.
        with _Scout(engine) as scout, engine.begin() as connection:
            resolve_employment(connection, periods, followup_precedence, scout.look_ahead(periods))
            refresh_person_months(connection, {int(period[:4]) for period in periods})
            connection.execute(marks.delete().where(marks.c.kind == "period", marks.c.key.in_(periods)))
    return {kind: len(keys) for kind, keys in by_kind.items()}


class _Scout:
    """Finds each month's status disagreements on a second connection, while the first writes the months.

    The query only reads facts the resolution does not change, and both run inside the database without
    the GIL, so on two cores they overlap instead of adding up.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="resolve-scout")

    @property
    def usable(self) -> bool:
        """Whether a second connection sees the same database (not so for an in-memory SQLite one)."""
        return self.engine.url.database not in (None, "", ":memory:") or self.engine.dialect.name != "sqlite"

    def look_ahead(self, periods: list[str]) -> Callable[[str], list[str]] | None:
        """Start on the months in order; the lookup of one month's result (None: compute them in place)."""
        if not self.usable:
            return None
        found: dict[str, Future[list[str]]] = {}
        for period in periods:
            found[period] = self._pool.submit(self._disagreeing, period)
        return lambda period: found[period].result()

    def _disagreeing(self, period: str) -> list[str]:
        with self.engine.connect() as connection:
            return disagreeing_people(connection, period)

    def __enter__(self) -> _Scout:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(cancel_futures=True)
