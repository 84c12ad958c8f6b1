"""After ingest: recompute what the new facts made stale, in one transaction per kind of derived data."""

from __future__ import annotations

from sqlalchemy import Engine, select

from graph.resolve.employment import resolve_employment
from graph.resolve.payments import resolve_payments
from graph.resolve.people import resolve_people
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
    for period in sorted(by_kind.get("period", [])):
        with engine.begin() as connection:
            resolve_employment(connection, [period], followup_precedence)
            connection.execute(marks.delete().where(marks.c.kind == "period", marks.c.key == period))
    return {kind: len(keys) for kind, keys in by_kind.items()}
